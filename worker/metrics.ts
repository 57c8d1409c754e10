/**
 * thidua's own metrics, beside the SDK's, on the worker's Prometheus endpoint: messages sent, refused
 * for good, skipped as stale and failed (to be retried) by kind; late notices (units gone late); locks.
 * Counted at the activity boundary by an interceptor, so activities stay about their one job. Counters
 * get Prometheus' `_total` suffix (the Runtime is installed with `countersTotalSuffix`).
 */
import type { Context } from '@temporalio/activity';
import type { MetricCounter, MetricMeter } from '@temporalio/common';
import type { ActivityInterceptors } from '@temporalio/worker';
import type { LockUnitPhaseInput, LockUnitPhaseResult } from '../activities/unit-lock';
import type { MessageKind, UnitMessageInput, UnitMessageResult } from '../domain/workflow-types';

export const METRICS = {
  sent: 'thidua_messages_sent',
  refused: 'thidua_messages_refused',
  skipped: 'thidua_messages_skipped',
  failed: 'thidua_message_attempts_failed',
  late: 'thidua_units_late',
  locked: 'thidua_units_locked',
} as const;

type CounterName = keyof typeof METRICS;

const HELP: Record<CounterName, [unit: string, description: string]> = {
  sent: ['messages', 'Messages accepted by the SMTP server, by kind'],
  refused: ['messages', 'Messages refused for good (5xx), by kind'],
  skipped: ['messages', 'Messages not sent: stale or already sent, by kind'],
  failed: ['attempts', 'Send attempts that failed and will be retried'],
  late: ['units', 'Units told they are late (late notices sent)'],
  locked: ['units', "Units whose reports were locked at a phase's close"],
};

/**
 * The counter an activity adds to, made when it first does. Each activity has a meter of its own (the
 * SDK's, with its tags): making all six for each activity was six calls into the SDK's native
 * runtime per mail, in the deadline burst's profile (issue 17).
 */
function counterOf(meter: MetricMeter, name: CounterName): MetricCounter {
  return meter.createCounter(METRICS[name], ...HELP[name]);
}

/** The activity interceptor that counts; `meterOf` picks the meter (the activity context's, by default). */
export function metricsInterceptor(
  meterOf: (ctx: Context) => MetricMeter = (ctx) => ctx.metricMeter,
): (ctx: Context) => ActivityInterceptors {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const count = (name: CounterName, tags?: Record<string, string>) => counterOf(meterOf(ctx), name).add(1, tags);
        const type = ctx.info.activityType;
        const kind = type === 'sendUnitMessage' ? (input.args[0] as UnitMessageInput).kind : undefined;
        const counted = (kind: MessageKind, outcome: UnitMessageResult) => {
          if (outcome.sent) {
            count('sent', { kind });
            if (kind === 'late-notice') count('late');
          } else if (outcome.reason === 'undeliverable') count('refused', { kind });
          else count('skipped', { kind, reason: outcome.reason ?? 'unknown' });
        };
        let result: unknown;
        try {
          result = await next(input);
        } catch (err) {
          if (kind) count('failed', { kind });
          throw err;
        }
        if (kind) counted(kind, result as UnitMessageResult);
        if (type === 'lockUnitReports') count('locked');
        // The lock's three effects in one activity (activities/unit-lock.ts): the lock and its notice
        // counted as when they were two activities; the word to the batch has no counter.
        if (type === 'lockUnitPhase') {
          const { notice } = input.args[0] as LockUnitPhaseInput;
          const outcome = (result as LockUnitPhaseResult).notice;
          count('locked');
          if ('result' in outcome) counted(notice.kind, outcome.result);
          else count('failed', { kind: notice.kind });
        }
        return result;
      },
    },
  });
}

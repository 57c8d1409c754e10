/**
 * thidua's own metrics, beside the SDK's, on the worker's Prometheus endpoint: messages sent, refused
 * for good, skipped as stale and failed (to be retried) by kind; late notices (units gone late); locks.
 * Counted at the activity boundary by an interceptor, so activities stay about their one job. Counters
 * get Prometheus' `_total` suffix (the Runtime is installed with `countersTotalSuffix`).
 */
import type { Context } from '@temporalio/activity';
import type { MetricCounter, MetricMeter } from '@temporalio/common';
import type { ActivityInterceptors } from '@temporalio/worker';
import type { UnitMessageInput, UnitMessageResult } from '../domain/workflow-types';

export const METRICS = {
  sent: 'thidua_messages_sent',
  refused: 'thidua_messages_refused',
  skipped: 'thidua_messages_skipped',
  failed: 'thidua_message_attempts_failed',
  late: 'thidua_units_late',
  locked: 'thidua_units_locked',
} as const;

interface Counters {
  sent: MetricCounter;
  refused: MetricCounter;
  skipped: MetricCounter;
  failed: MetricCounter;
  late: MetricCounter;
  locked: MetricCounter;
}

const countersByMeter = new WeakMap<MetricMeter, Counters>();

/** The counters, made once per meter (the Runtime's meter is one for the process). */
function countersOf(meter: MetricMeter): Counters {
  let counters = countersByMeter.get(meter);
  if (!counters) {
    counters = {
      sent: meter.createCounter(METRICS.sent, 'messages', 'Messages accepted by the SMTP server, by kind'),
      refused: meter.createCounter(METRICS.refused, 'messages', 'Messages refused for good (5xx), by kind'),
      skipped: meter.createCounter(METRICS.skipped, 'messages', 'Messages not sent: stale or already sent, by kind'),
      failed: meter.createCounter(METRICS.failed, 'attempts', 'Send attempts that failed and will be retried'),
      late: meter.createCounter(METRICS.late, 'units', 'Units told they are late (late notices sent)'),
      locked: meter.createCounter(METRICS.locked, 'units', "Units whose reports were locked at a phase's close"),
    };
    countersByMeter.set(meter, counters);
  }
  return counters;
}

/** The activity interceptor that counts; `meterOf` picks the meter (the activity context's, by default). */
export function metricsInterceptor(
  meterOf: (ctx: Context) => MetricMeter = (ctx) => ctx.metricMeter,
): (ctx: Context) => ActivityInterceptors {
  return (ctx) => ({
    inbound: {
      async execute(input, next) {
        const counters = countersOf(meterOf(ctx));
        const type = ctx.info.activityType;
        const kind = type === 'sendUnitMessage' ? (input.args[0] as UnitMessageInput).kind : undefined;
        let result: unknown;
        try {
          result = await next(input);
        } catch (err) {
          if (kind) counters.failed.add(1, { kind });
          throw err;
        }
        if (kind) {
          const outcome = result as UnitMessageResult;
          if (outcome.sent) {
            counters.sent.add(1, { kind });
            if (kind === 'late-notice') counters.late.add(1);
          } else if (outcome.reason === 'undeliverable') counters.refused.add(1, { kind });
          else counters.skipped.add(1, { kind, reason: outcome.reason ?? 'unknown' });
        }
        if (type === 'lockUnitReports') counters.locked.add(1);
        return result;
      },
    },
  });
}

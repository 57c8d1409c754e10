/** The lock's one activity (activities/unit-lock.ts) is counted as its lock and its notice were apart. */
import type { Context } from '@temporalio/activity';
import type { MetricMeter, MetricTags } from '@temporalio/common';
import type { LockUnitPhaseInput, LockUnitPhaseResult } from '../../../activities/unit-lock';
import { METRICS, metricsInterceptor } from '../../../worker/metrics';

function recordingMeter() {
  const added: Array<{ name: string; value: number; tags: MetricTags }> = [];
  const meter = {
    createCounter: (name: string) => ({
      add: (value: number, tags: MetricTags = {}) => added.push({ name, value, tags }),
    }),
  } as unknown as MetricMeter;
  return { meter, added };
}

const input = { notice: { kind: 'phase-locked' } } as unknown as LockUnitPhaseInput;

async function run(meter: MetricMeter, outcome: LockUnitPhaseResult['notice']) {
  const ctx = { info: { activityType: 'lockUnitPhase' } } as unknown as Context;
  const interceptor = metricsInterceptor(() => meter)(ctx).inbound!;
  return interceptor.execute!({ args: [input], headers: {} }, async () => ({ notice: outcome }));
}

test('the lock and its notice: locked, then sent, refused, skipped or failed by kind', async () => {
  const { meter, added } = recordingMeter();
  await run(meter, { result: { sent: true, messageId: 'm', recipients: [] } });
  await run(meter, { result: { sent: false, reason: 'undeliverable', messageId: 'm', recipients: [] } });
  await run(meter, { result: { sent: false, reason: 'already-sent', messageId: 'm', recipients: [] } });
  await run(meter, { error: '421 try later' });
  const kind = 'phase-locked';
  expect(added).toEqual([
    { name: METRICS.locked, value: 1, tags: {} },
    { name: METRICS.sent, value: 1, tags: { kind } },
    { name: METRICS.locked, value: 1, tags: {} },
    { name: METRICS.refused, value: 1, tags: { kind } },
    { name: METRICS.locked, value: 1, tags: {} },
    { name: METRICS.skipped, value: 1, tags: { kind, reason: 'already-sent' } },
    { name: METRICS.locked, value: 1, tags: {} },
    { name: METRICS.failed, value: 1, tags: { kind } },
  ]);
});

/** thidua's counters at the activity boundary: every outcome of a send lands in its own counter. */
import type { Context } from '@temporalio/activity';
import type { MetricMeter, MetricTags } from '@temporalio/common';
import type { UnitMessageResult } from '../../../domain/workflow-types';
import { METRICS, metricsInterceptor } from '../../../worker/metrics';

/** A meter that records what was added, by metric name and tags. */
function recordingMeter() {
  const added: Array<{ name: string; value: number; tags: MetricTags }> = [];
  const meter = {
    createCounter: (name: string) => ({
      add: (value: number, tags: MetricTags = {}) => added.push({ name, value, tags }),
    }),
  } as unknown as MetricMeter;
  return { meter, added };
}

async function run(meter: MetricMeter, activityType: string, args: unknown[], outcome: () => Promise<unknown>) {
  const ctx = { info: { activityType } } as unknown as Context;
  const interceptor = metricsInterceptor(() => meter)(ctx).inbound!;
  return interceptor.execute!({ args, headers: {} }, () => outcome());
}

const result = (r: Partial<UnitMessageResult>): UnitMessageResult => ({
  sent: false,
  messageId: 'm',
  recipients: [],
  ...r,
});

test('sent, refused for good, skipped as stale, and failed attempts are each counted by kind', async () => {
  const { meter, added } = recordingMeter();
  await run(meter, 'sendUnitMessage', [{ kind: 'late-notice' }], async () => result({ sent: true }));
  await run(meter, 'sendUnitMessage', [{ kind: 'escalation' }], async () => result({ reason: 'undeliverable' }));
  await run(meter, 'sendUnitMessage', [{ kind: 'reminder' }], async () => result({ reason: 'stale' }));
  const failure = new Error('421 try later');
  await expect(run(meter, 'sendUnitMessage', [{ kind: 'reminder' }], () => Promise.reject(failure))).rejects.toBe(
    failure,
  );
  await run(meter, 'lockUnitReports', [{}], async () => undefined);
  await run(meter, 'loadUnitPage', [{}], async () => []);
  expect(added).toEqual([
    { name: METRICS.sent, value: 1, tags: { kind: 'late-notice' } },
    { name: METRICS.late, value: 1, tags: {} },
    { name: METRICS.refused, value: 1, tags: { kind: 'escalation' } },
    { name: METRICS.skipped, value: 1, tags: { kind: 'reminder', reason: 'stale' } },
    { name: METRICS.failed, value: 1, tags: { kind: 'reminder' } },
    { name: METRICS.locked, value: 1, tags: {} },
  ]);
});

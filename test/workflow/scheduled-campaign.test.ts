/**
 * The recurring campaigns' starter (issue 15) on the time-skipping server, with its activity stubbed:
 * it hands the activity the instant it was scheduled for (the `TemporalScheduledStartTime` search
 * attribute a schedule sets, else its own start time) and its own id, and returns the activity's
 * result; a template that cannot start fails the starter with the activity's words. The test server
 * refuses to set the server's own `TemporalScheduledStartTime`, so the schedule's instant is checked
 * in test/e2e/schedules.test.ts (a backfilled past period runs now and still starts that period).
 */
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { ScheduledRunInput, ScheduledRunResult } from '../../domain/schedule-types';
import { scheduledCampaignWorkflow } from '../../workflows/scheduled-campaign';
import { saveHistory } from '../helpers/histories';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await timeSkippingEnv();
}, 120_000);

afterAll(async () => {
  await env?.teardown();
});

async function run(activity: (input: ScheduledRunInput) => Promise<ScheduledRunResult>, workflowId: string) {
  const taskQueue = `starter-${workflowId}`;
  const calls: ScheduledRunInput[] = [];
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities: {
      startScheduledPeriod: async (input: ScheduledRunInput) => {
        calls.push(input);
        return activity(input);
      },
    },
  });
  const outcome = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(scheduledCampaignWorkflow, {
      workflowId,
      taskQueue,
      args: [{ scheduleId: 'khoi-noi-chinh' }],
    });
    const result = await handle.result().catch((err: Error) => err);
    const { startTime } = await handle.describe();
    return { result, startTime };
  });
  return { ...outcome, calls };
}

test('started otherwise than by a schedule, the starter uses its own start time and returns the activity’s result', async () => {
  const started: ScheduledRunResult = {
    status: 'started',
    period: '2026-h2',
    campaignId: 'khoi-noi-chinh-2026-h2',
    message: 'Đã bắt đầu đợt khoi-noi-chinh-2026-h2 (6 tháng cuối năm 2026).',
  };
  const { result, startTime, calls } = await run(async () => started, 'scheduled/khoi-noi-chinh-a');
  expect(result).toEqual(started);
  expect(calls).toEqual([
    {
      scheduleId: 'khoi-noi-chinh',
      scheduledAt: startTime.toISOString(),
      starterWorkflowId: 'scheduled/khoi-noi-chinh-a',
    },
  ]);
  await saveHistory(env, 'scheduled-campaign-started', 'scheduled/khoi-noi-chinh-a'); // for test/replay
});

test('a period that cannot start fails the starter with the activity’s own words, not retried', async () => {
  const { result, calls } = await run(async () => {
    throw ApplicationFailure.nonRetryable(
      'Không bắt đầu được đợt khoi-noi-chinh-2027-h1 của kỳ 2027-h1: hạn đã qua',
      'ScheduleTemplateInvalid',
    );
  }, 'scheduled/khoi-noi-chinh-b');
  expect(result).toBeInstanceOf(Error);
  expect(((result as Error).cause as Error).message).toContain('Không bắt đầu được đợt khoi-noi-chinh-2027-h1');
  expect(calls).toHaveLength(1);
});

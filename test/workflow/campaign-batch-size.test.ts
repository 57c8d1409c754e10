/**
 * How many units a batch of a new campaign takes when the start does not say (`--units-per-batch`):
 * 100 since issue 17's measurements (a parent starts its children one after another, so more, smaller
 * batches start a campaign's units sooner). Histories recorded before made batches of 250: they
 * replay through `test/replay` (`campaign-batches-of-100` is not in them).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import { createUnitSignalActivities } from '../../activities/unit-signals';
import { batchWorkflowId, type CampaignInput } from '../../domain/workflow-types';
import { campaignInputFrom } from '../../scripts/schedules';
import { campaignWorkflow, getCampaignStatus } from '../../workflows/campaign';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

test('a campaign started without a batch size puts 100 units in a batch: 250 units in 3 batches', async () => {
  const id = `lo-${Date.now()}`;
  const pages: Array<{ offset: number; limit: number }> = [];
  const activities = {
    ...createUnitSignalActivities({ client: env.client }),
    // The pages each batch asks for; no unit in them, so that the test starts no unit workflow.
    loadUnitPage: async (input: { offset: number; limit: number }) => {
      pages.push({ offset: input.offset, limit: input.limit });
      return [];
    },
  } as unknown as ReturnType<typeof createActivities>;
  const taskQueue = `batch-size-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const batches = await worker.runUntil(async () => {
    const { unitsPerBatch: _given, ...input }: CampaignInput = campaignInputFrom(await env.currentTimeMs(), {
      campaignId: id,
      planNumber: '12-KH/UBND',
      title: 'Tổng kết năm',
      contact: 'Ban Thi đua - Khen thưởng tỉnh',
      unitCount: 250,
      unitsPerBatch: 1, // dropped above: the start says nothing
      deadlineDays: 5,
      lockDays: 7,
    });
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [input],
    });
    for (let i = 0; i < 50 && pages.length < 3; i++) await env.sleep(60_000);
    const view = await handle.query(getCampaignStatus);
    const started = await Promise.all(
      [0, 1, 2, 3].map((b) =>
        env.client.workflow
          .getHandle(batchWorkflowId(id, b))
          .describe()
          .then(
            () => true,
            () => false,
          ),
      ),
    );
    await handle.terminate('test done');
    return { view, started };
  });
  expect(batches.view.batches).toBe(3);
  expect(batches.started).toEqual([true, true, true, false]);
  expect([...pages].sort((a, b) => a.offset - b.offset)).toEqual([
    { offset: 0, limit: 100 },
    { offset: 100, limit: 100 },
    { offset: 200, limit: 100 },
  ]);
});

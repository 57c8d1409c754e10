/**
 * The campaign's line in the Temporal UI (its current details, read as the UI reads them: the
 * `__temporal_workflow_metadata` query): the plan and phase while the units work, then how many units
 * locked, submitted (late among them) and missed, once its batches have locked, to the close.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import { createUnitSignalActivities } from '../../activities/unit-signals';
import { synthesisWorkflowId } from '../../domain/synthesis-types';
import { unitWorkflowId } from '../../domain/workflow-types';
import { DAY, campaignInputFrom } from '../../scripts/schedules';
import { campaignWorkflow } from '../../workflows/campaign';
import { approveSynthesis } from '../../workflows/synthesis';
import { submitFile } from '../../workflows/unit-review';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const UNITS = ['dung-han', 'muon', 'khong-nop'];
const report = (c: string) => ({
  name: 'bao-cao.pdf',
  size: 100,
  sha256: c.repeat(64),
  contentType: 'application/pdf',
});

/** What the Temporal UI shows under a workflow's name. */
const detailsOf = async (workflowId: string): Promise<string> =>
  (
    (await env.client.workflow.getHandle(workflowId).query('__temporal_workflow_metadata')) as {
      currentDetails?: string;
    }
  ).currentDetails ?? '';

test("the campaign's details in the Temporal UI: the phase, then its units' counts once locked, to the close", async () => {
  const id = `chi-tiet-${Date.now()}`;
  const workflowId = `campaign/${id}`;
  const start = await env.currentTimeMs();
  let duringSynthesis = '';
  const ref = { name: 'tong-hop.docx', size: 1, sha256: 'f'.repeat(64), contentType: 'application/x' };
  const ok = (input: { key: string }) => ({ sent: true, messageId: input.key, recipients: [] });
  const activities = {
    sendUnitMessage: async (input: { key: string }) => ok(input),
    lockUnitReports: async () => undefined,
    ...createUnitSignalActivities({ client: env.client }),
    loadUnitPage: async (input: { offset: number; limit: number }) =>
      UNITS.slice(input.offset, input.offset + input.limit).map((u) => ({ id: u, name: `Đơn vị ${u}` })),
    buildSynthesis: async () => ({ docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref }),
    // The draft goes out once the synthesis phase began: read the campaign's line then, and approve
    // (inside the activity the test server skips no time).
    async mailSynthesis(input: { campaignId: string; key: string }) {
      duringSynthesis ||= await detailsOf(workflowId);
      await env.client.workflow
        .getHandle(synthesisWorkflowId(input.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'test' }] })
        .catch(() => undefined);
      return ok(input);
    },
    synthesisApproved: async (input: { key: string }) => ok(input),
  } as unknown as ReturnType<typeof createActivities>;
  const taskQueue = `details-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const { selfReview, closed } = await worker.runUntil(async () => {
    const input = campaignInputFrom(start, {
      campaignId: id,
      planNumber: '67-KH/TU',
      title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW',
      contact: 'Ban Thi đua - Khen thưởng tỉnh',
      unitCount: UNITS.length,
      unitsPerBatch: 2,
      deadlineDays: 5,
      lockDays: 7,
    });
    const handle = await env.client.workflow.start(campaignWorkflow, { taskQueue, workflowId, args: [input] });
    const unit = (u: string) => env.client.workflow.getHandle(unitWorkflowId(id, u));
    await env.sleep(1 * DAY);
    await unit('dung-han').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('a'), submittedBy: 'f' }],
    });
    const selfReview = await detailsOf(workflowId);
    await env.sleep(5 * DAY); // day 6: after the deadline, before the lock
    await unit('muon').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('b'), submittedBy: 'f' }],
    });
    await handle.result();
    return { selfReview, closed: await detailsOf(workflowId) };
  });
  // While the units work the batches count them; the campaign names its phase and its size.
  expect(selfReview).toBe('**67-KH/TU** — Tự kiểm điểm, tổng kết tại đơn vị · 3 đơn vị');
  expect(duringSynthesis).toBe('**67-KH/TU** — Tổng hợp · 3 đơn vị: đã khóa 3, đã nộp 2 (muộn 1), không nộp 1');
  expect(closed).toBe('**67-KH/TU** — đã kết thúc · 3 đơn vị: đã khóa 3, đã nộp 2 (muộn 1), không nộp 1');
});

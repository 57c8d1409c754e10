/**
 * The synthesis phase on the time-skipping server: the draft built and mailed, reminders to the
 * approvers at the compiled instants, the escalation after the approval deadline, a return with
 * remarks and a revision, refusals (a second approval, an unknown version, after a cancel), a cancel
 * while waiting; and the campaign reaching synthesis runs the child and moves on after approval.
 * Activities are mocks that record what would be sent, with workflow time.
 */
import { LockedKey, PhaseKey } from '../../domain/search-attributes';
import {
  synthesisWorkflowId,
  type BuildSynthesisInput,
  type SynthesisMailInput,
  type SynthesisWorkflowInput,
} from '../../domain/synthesis-types';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { campaignWorkflow, cancelCampaign } from '../../workflows/campaign';
import {
  approveSynthesis,
  cancelSynthesis,
  getSynthesisStatus,
  returnSynthesis,
  reviseSynthesis,
  synthesisWorkflow,
} from '../../workflows/synthesis';
import { activitySummaries, saveHistory } from '../helpers/histories';
import {
  activityDay,
  campaignActivities,
  gate,
  runWithWorker,
  useTimeSkippingEnv,
  type Activities,
} from '../helpers/phase-workflow-harness';

const testEnv = useTimeSkippingEnv();

interface Call {
  activity: string;
  key: string;
  version: number;
  day: number;
  detail?: SynthesisMailInput['detail'];
  docx?: string;
}

const ref = (name: string, c: string) => ({ name, size: 100, sha256: c.repeat(64), contentType: 'application/x' });
const pack = (v: number) => ({
  docx: ref(`tong-hop-v${v}.docx`, String(v)),
  xlsx: ref(`tong-hop-v${v}.xlsx`, 'a'),
  timelineSvg: ref('tien-do.svg', 'b'),
  submissionsSvg: ref('nop.svg', 'c'),
});

async function run<T>(
  fn: (taskQueue: string, start: number) => Promise<T>,
  opts: { buildGate?: Promise<void>; approvedGate?: Promise<void>; autoApprove?: boolean } = {},
): Promise<{ result: T; calls: Call[] }> {
  const calls: Call[] = [];
  const start = await testEnv().currentTimeMs();
  const day = () => activityDay(start);
  const mailMock = (activity: string) => async (input: SynthesisMailInput) => {
    calls.push({
      activity,
      key: input.key,
      version: input.version,
      day: day(),
      detail: input.detail,
      docx: input.docx?.name,
    });
    if (activity === 'synthesisApproved' && opts.approvedGate) await opts.approvedGate;
    // The campaign tests: the first draft is approved as soon as it is mailed.
    if (activity === 'mailSynthesis' && opts.autoApprove) {
      // Awaited inside the activity: while it runs the test server does not skip time, so the
      // approval lands on the day the draft is mailed (a detached update raced the skipping).
      await testEnv()
        .client.workflow.getHandle(synthesisWorkflowId(input.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'Nguyễn Văn C (nvc)' }] })
        .catch(() => undefined);
    }
    return { sent: true, messageId: input.key, recipients: [] };
  };
  const activities = {
    async buildSynthesis(input: BuildSynthesisInput) {
      calls.push({ activity: 'buildSynthesis', key: `build/v${input.version}`, version: input.version, day: day() });
      if (opts.buildGate) await opts.buildGate;
      return pack(input.version);
    },
    mailSynthesis: mailMock('mailSynthesis'),
    remindSynthesisApproval: mailMock('remindSynthesisApproval'),
    escalateSynthesisApproval: mailMock('escalateSynthesisApproval'),
    synthesisReturned: mailMock('synthesisReturned'),
    synthesisApproved: mailMock('synthesisApproved'),
    // The campaign's own, for the campaign test.
    ...campaignActivities(testEnv()),
  } as unknown as Activities;
  const result = await runWithWorker(testEnv(), 'synthesis', activities, (taskQueue) => fn(taskQueue, start));
  return { result, calls };
}

/** Approval deadline at day 5 (reminders 3d, 1d, 0d: days 2, 4, 4.63), escalations at days 6 and 8. */
const input = (campaignId: string, start: number): SynthesisWorkflowInput => ({
  campaignId,
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
  definitionRef: '0'.repeat(64),
  phaseName: 'Tổng hợp, dự thảo báo cáo',
  timeZone: 'Asia/Ho_Chi_Minh',
  approval: scheduleFrom(start, { deadlineDays: 5, lockDays: 5, reminders: [3, 1, 0], escalations: [1, 3] }),
  phases: [],
});

const summary = (calls: Call[]) => calls.map((c) => `${c.activity}:${c.key.split('/synthesis/')[1] ?? c.key}@${c.day}`);

test('the draft is built and mailed; reminders reach the approvers at their instants, the escalation after the deadline; the approval ends it locked', async () => {
  const id = `syn-${Date.now()}`;
  const { result, calls } = await run(async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(synthesisWorkflow, {
      taskQueue,
      workflowId: synthesisWorkflowId(id),
      args: [input(id, start)],
    });
    await testEnv().sleep(6.5 * DAY); // past the deadline and the first escalation
    const waiting = await handle.query(getSynthesisStatus);
    await handle.executeUpdate(approveSynthesis, { args: [{ approvedBy: 'Nguyễn Văn C (nvc)' }] });
    const view = await handle.result();
    const attrs = (await handle.describe()).typedSearchAttributes;
    const summaries = await activitySummaries(testEnv(), synthesisWorkflowId(id));
    return { waiting, view, locked: attrs.get(LockedKey), phase: attrs.get(PhaseKey), summaries };
  });
  // What an operator reads on each activity in the Temporal UI: the step in words, not a key alone.
  expect(result.summaries[1]).toBe(`Gửi dự thảo báo cáo tổng hợp → người phê duyệt [v1/draft]`);
  expect(result.summaries.at(-1)).toBe(`Báo báo cáo tổng hợp đã được phê duyệt [approved]`);
  expect(result.summaries.filter((s) => !s || s.startsWith('Gửi thư'))).toEqual([]);
  expect(summary(calls)).toEqual([
    'buildSynthesis:build/v1@0',
    'mailSynthesis:v1/draft@0',
    'remindSynthesisApproval:remind/r-3d@2',
    'remindSynthesisApproval:remind/r-1d@4',
    'remindSynthesisApproval:remind/r-0d@4.63',
    'escalateSynthesisApproval:esc1@6',
    'synthesisApproved:approved@6.5',
  ]);
  expect(result.waiting).toMatchObject({ state: 'awaiting-approval', remindersSent: 3, escalationsSent: 1 });
  expect(result.view).toMatchObject({
    state: 'approved',
    approved: { version: 1, by: 'Nguyễn Văn C (nvc)' },
    versions: [{ version: 1, source: 'built' }],
  });
  expect(result.locked).toBe(true);
  expect(result.phase).toBe('synthesis-approved');
});

test('a return with remarks, a revision, an unknown version and a second approval refused', async () => {
  const id = `syn-ret-${Date.now()}`;
  const approvedGate = gate();
  const { result, calls } = await run(
    async (taskQueue, start) => {
      const handle = await testEnv().client.workflow.start(synthesisWorkflow, {
        taskQueue,
        workflowId: synthesisWorkflowId(id),
        args: [input(id, start)],
      });
      await testEnv().sleep(1 * DAY);
      const noRemarks = await handle
        .executeUpdate(returnSynthesis, { args: [{ remarks: '  ', returnedBy: 'nvc' }] })
        .catch((e: unknown) => e);
      const returned = await handle.executeUpdate(returnSynthesis, {
        args: [{ remarks: 'Bổ sung số liệu khen thưởng của các huyện.', returnedBy: 'Nguyễn Văn C (nvc)' }],
      });
      await testEnv().sleep(2 * DAY); // day 3: the day-2 reminder is skipped while the draft is returned
      const revised = await handle.executeUpdate(reviseSynthesis, {
        args: [{ docx: ref('du-thao-sua.docx', 'e'), uploadedBy: 'Trần Văn T (tvt)', note: 'Đã bổ sung' }],
      });
      const unknown = await handle
        .executeUpdate(approveSynthesis, { args: [{ version: 7, approvedBy: 'nvc' }] })
        .catch((e: unknown) => e);
      await handle.executeUpdate(approveSynthesis, { args: [{ version: 2, approvedBy: 'Nguyễn Văn C (nvc)' }] });
      // The approval's mail is still out (gated): the workflow runs, and its validator answers.
      const again = await handle
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'nvc' }] })
        .catch((e: unknown) => e);
      approvedGate.open();
      const view = await handle.result();
      await saveHistory(testEnv(), 'synthesis-returned-revised-approved', synthesisWorkflowId(id)); // for test/replay
      return { noRemarks, returned, revised, unknown, again, view };
    },
    { approvedGate: approvedGate.opened },
  );
  const words = (e: unknown) => `${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message}`;
  expect(words(result.noRemarks)).toMatch(/Cần ghi ý kiến/);
  expect(result.returned).toMatchObject({ state: 'returned', returns: [{ version: 1 }] });
  expect(result.revised).toMatchObject({
    state: 'awaiting-approval',
    versions: [
      { version: 1, source: 'built' },
      { version: 2, source: 'uploaded', docx: { name: 'du-thao-sua.docx' }, note: 'Đã bổ sung' },
    ],
  });
  expect(words(result.unknown)).toMatch(/Không có dự thảo lần 7/);
  expect(words(result.again)).toMatch(/đã được phê duyệt lúc .* \(dự thảo lần 2/);
  expect(result.view).toMatchObject({ state: 'approved', approved: { version: 2 } });
  expect(summary(calls)).toEqual([
    'buildSynthesis:build/v1@0',
    'mailSynthesis:v1/draft@0',
    'synthesisReturned:return/1@1',
    'mailSynthesis:v2/draft@3',
    'synthesisApproved:approved@3',
  ]);
  expect(calls.find((c) => c.activity === 'synthesisReturned')?.detail?.remarks).toBe(
    'Bổ sung số liệu khen thưởng của các huyện.',
  );
  expect(calls.filter((c) => c.activity === 'mailSynthesis')[1]).toMatchObject({
    docx: 'du-thao-sua.docx',
    detail: { source: 'uploaded' },
  });
});

test('after the campaign is cancelled, an approval is refused ("đợt đã bị hủy"); the draft being built is dropped', async () => {
  const id = `syn-cancel-build-${Date.now()}`;
  const buildGate = gate();
  const { result, calls } = await run(
    async (taskQueue, start) => {
      const handle = await testEnv().client.workflow.start(synthesisWorkflow, {
        taskQueue,
        workflowId: synthesisWorkflowId(id),
        args: [input(id, start)],
      });
      await handle.signal(cancelSynthesis, { reason: 'Dừng theo chỉ đạo', cancelledBy: 'Ban TĐKT' });
      const refused = await handle
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'nvc' }] })
        .catch((e: unknown) => e);
      buildGate.open();
      return { refused, view: await handle.result() };
    },
    { buildGate: buildGate.opened },
  );
  const e = result.refused as Error;
  expect(`${e.message} ${(e.cause as Error | undefined)?.message}`).toMatch(/Đợt đã bị hủy/);
  expect(result.view).toMatchObject({ state: 'cancelled', versions: [] });
  expect(calls.map((c) => c.activity)).toEqual(['buildSynthesis']);
});

test('cancelled while waiting for the approval: it ends cancelled, no reminder after', async () => {
  const id = `syn-cancel-${Date.now()}`;
  const { result, calls } = await run(async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(synthesisWorkflow, {
      taskQueue,
      workflowId: synthesisWorkflowId(id),
      args: [input(id, start)],
    });
    await testEnv().sleep(3 * DAY);
    await handle.signal(cancelSynthesis, { reason: 'Dừng theo chỉ đạo', cancelledBy: 'Ban TĐKT' });
    const view = await handle.result();
    return { view, phase: (await handle.describe()).typedSearchAttributes.get(PhaseKey) };
  });
  expect(result.view).toMatchObject({ state: 'cancelled', remindersSent: 1 });
  expect(result.phase).toBe('cancelled');
  expect(summary(calls)).toEqual([
    'buildSynthesis:build/v1@0',
    'mailSynthesis:v1/draft@0',
    'remindSynthesisApproval:remind/r-3d@2',
  ]);
});

test('the campaign reaching synthesis runs the child, waits for the approval, then moves on', async () => {
  const id = `camp-syn-${Date.now()}`;
  const { result, calls } = await run(
    async (taskQueue, start) => {
      const handle = await testEnv().client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [
          campaignInputFrom(start, {
            campaignId: id,
            planNumber: '67-KH/TU',
            title: 'Tổng kết',
            contact: 'Ban Thi đua - Khen thưởng tỉnh',
            unitCount: 2,
            unitsPerBatch: 2,
            deadlineDays: 3,
            lockDays: 4,
          }),
        ],
      });
      const campaign = await handle.result();
      const synthesis = await testEnv().client.workflow.getHandle(synthesisWorkflowId(id)).result();
      await saveHistory(testEnv(), 'campaign-runs-synthesis', `campaign/${id}`); // for test/replay
      return { campaign, synthesis };
    },
    { autoApprove: true },
  );
  expect(result.campaign.phase).toBe('closed');
  expect(result.synthesis).toMatchObject({ state: 'approved', approved: { version: 1 } });
  // The synthesis window opens at the lock (day 4).
  expect(summary(calls)).toEqual([
    'buildSynthesis:build/v1@4',
    'mailSynthesis:v1/draft@4',
    'synthesisApproved:approved@4',
  ]);
});

test('a campaign cancelled during its synthesis cancels the child', async () => {
  const id = `camp-syn-cancel-${Date.now()}`;
  const { result } = await run(async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [
        campaignInputFrom(start, {
          campaignId: id,
          planNumber: '67-KH/TU',
          title: 'Tổng kết',
          contact: 'Ban Thi đua - Khen thưởng tỉnh',
          unitCount: 2,
          unitsPerBatch: 2,
          deadlineDays: 3,
          lockDays: 4,
        }),
      ],
    });
    await testEnv().sleep(5 * DAY); // the synthesis waits for its approval
    await handle.executeUpdate(cancelCampaign, { args: [{ reason: 'Dừng theo chỉ đạo', cancelledBy: 'Ban TĐKT' }] });
    const campaign = await handle.result();
    const synthesis = await testEnv().client.workflow.getHandle(synthesisWorkflowId(id)).result();
    return { campaign, synthesis };
  });
  expect(result.campaign.phase).toBe('cancelled');
  expect(result.synthesis).toMatchObject({ state: 'cancelled' });
});

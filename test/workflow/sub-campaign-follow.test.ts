/**
 * A sub-campaign following its parent's extension moves its whole remaining plan, on the
 * time-skipping server: before its synthesis, the synthesis runs later with its approval deadline,
 * reminders and escalation moved by as much (a secretariat's own extension leaves them as the file
 * says); with the synthesis awaiting approval, its deadline moves and the reminders still ahead are
 * sent at their new instants, once. Activities are mocks that record what would be sent, with
 * workflow time (days from the start).
 */
import { synthesisWorkflowId, type BuildSynthesisInput, type SynthesisMailInput } from '../../domain/synthesis-types';
import { unitWorkflowId, type CampaignInput, type GrantExtensionInput } from '../../domain/workflow-types';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { campaignWorkflow, cancelCampaign, extendCampaign, getCampaignStatus } from '../../workflows/campaign';
import { shiftDeadline } from '../../workflows/plan-shift';
import { approveSynthesis, getSynthesisStatus } from '../../workflows/synthesis';
import { getUnitStatus } from '../../workflows/unit-review';
import { saveHistory } from '../helpers/histories';
import {
  activityDay,
  campaignActivities,
  runWithWorker,
  useTimeSkippingEnv,
  type Activities,
} from '../helpers/phase-workflow-harness';

const testEnv = useTimeSkippingEnv();
const ZONE = 'Asia/Ho_Chi_Minh';

/** "campaign:activity:key@day", the synthesis part of the key only. */
type Call = string;

async function run<T>(fn: (taskQueue: string, start: number) => Promise<T>): Promise<{ result: T; calls: Call[] }> {
  const calls: Call[] = [];
  const start = await testEnv().currentTimeMs();
  const record = (activity: string) => async (input: SynthesisMailInput | BuildSynthesisInput) => {
    const key = 'key' in input ? input.key.split('/synthesis/')[1] : `build/v${input.version}`;
    calls.push(`${input.campaignId}:${activity}:${key}@${activityDay(start)}`);
    const ref = { name: 'tong-hop.docx', size: 1, sha256: 'a'.repeat(64), contentType: 'application/x' };
    if (activity === 'buildSynthesis') return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    return { sent: true, messageId: key, recipients: [] };
  };
  const activities = {
    buildSynthesis: record('buildSynthesis'),
    mailSynthesis: record('mailSynthesis'),
    remindSynthesisApproval: record('remindSynthesisApproval'),
    escalateSynthesisApproval: record('escalateSynthesisApproval'),
    synthesisReturned: record('synthesisReturned'),
    synthesisApproved: record('synthesisApproved'),
    ...campaignActivities(testEnv()),
  } as unknown as Activities;
  const result = await runWithWorker(testEnv(), 'follow', activities, (taskQueue) => fn(taskQueue, start));
  return { result, calls };
}

/**
 * Units due day 3, locked day 4; the synthesis opens at day 4 with its approval due day 8 (reminders
 * 3 days and 1 day before: days 5 and 7; the escalation a day after: day 9).
 */
function campaign(id: string, start: number): CampaignInput {
  const input = campaignInputFrom(start, {
    campaignId: id,
    planNumber: '15-KH/VNPT',
    title: 'Đại hội Thi đua VNPT',
    contact: 'Ban Thi đua - Khen thưởng VNPT',
    unitCount: 2,
    unitsPerBatch: 2,
    deadlineDays: 3,
    lockDays: 4,
  });
  const approval = scheduleFrom(start, { deadlineDays: 8, lockDays: 8, reminders: [3, 1], escalations: [1] });
  const phases = input.compiled.phases.map((p) => (p.kind === 'synthesis' ? { ...p, approval } : p));
  return { ...input, compiled: { ...input.compiled, phases } };
}

/** The units' deadline (day 3) moved by `days`, as `campaign extend --by` compiles it. */
const extension = (input: CampaignInput, days: number, fromParent: boolean): GrantExtensionInput => ({
  schedule: shiftDeadline(input.compiled.phases[1].deadline!, days * DAY, ZONE),
  reason: fromParent ? 'Theo gia hạn của đợt cấp trên bo-tttt cho đơn vị vnpt: bão' : 'Đơn vị xin thêm thời gian',
  grantedBy: 'Ban Thi đua',
  ...(fromParent ? { fromParent: true } : {}),
});

const at = (start: number, day: number) => new Date(start + day * DAY).toISOString();
const instantAt = (start: number, day: number) => ({ utc: at(start, day), local: `ngày ${day}` });
const cancel = { reason: 'Kết thúc thử nghiệm', cancelledBy: 'Ban Thi đua' };

test("a followed extension before the synthesis moves its window, approval deadline, reminders and escalation; the secretariat's own does not", async () => {
  const stamp = Date.now();
  const own = `own-${stamp}`;
  const followed = `followed-${stamp}`;
  const { result, calls } = await run(async (taskQueue, start) => {
    const started = await Promise.all(
      [own, followed].map((id) =>
        testEnv().client.workflow.start(campaignWorkflow, {
          taskQueue,
          workflowId: `campaign/${id}`,
          args: [campaign(id, start)],
        }),
      ),
    );
    await testEnv().sleep(DAY);
    const [ownExt, followedExt] = await Promise.all(
      started.map((h, i) => h.executeUpdate(extendCampaign, { args: [extension(campaign(own, start), 2, i === 1)] })),
    );
    await testEnv().sleep(11 * DAY);
    const synthesis = await Promise.all(
      [own, followed].map((id) =>
        testEnv().client.workflow.getHandle(synthesisWorkflowId(id)).query(getSynthesisStatus),
      ),
    );
    const status = await started[1].query(getCampaignStatus);
    await Promise.all(started.map((h) => h.executeUpdate(cancelCampaign, { args: [cancel] })));
    // One after the other: two results awaited at once sometimes left the test server skipping time.
    for (const h of started) await h.result();
    await saveHistory(testEnv(), 'campaign-follow-moves-plan', `campaign/${followed}`); // for test/replay
    return { start, ownExt, followedExt, synthesis, status };
  });
  const { start } = result;
  // Both moved the units' deadline to day 5 (and their lock to day 6); only the followed one says the plan moved.
  expect(result.ownExt).toEqual({ deadline: at(start, 5) });
  expect(result.followedExt).toMatchObject({
    deadline: at(start, 5),
    plan: { byMs: 2 * DAY, totalMs: 2 * DAY, unitsExtended: true },
  });
  expect(result.followedExt.plan?.approvalDeadline).toMatch(/^\d\d:\d\d .+, \d\d\/\d\d\/\d{4}$/);
  expect(result.status.planMoves).toHaveLength(1);
  // The approval deadline: as the file says (day 8) for the own extension, moved to day 10 for the followed one.
  expect(result.synthesis[0].deadline).toBe(at(start, 8));
  expect(result.synthesis[1].deadline).toBe(at(start, 10));
  expect(result.synthesis[1].deadlineLocal).toBe(result.followedExt.plan?.approvalDeadline);
  // Each synthesis opens at its units' lock (day 6); the followed one's window too was due at day 6.
  expect(calls.filter((c) => c.startsWith(own))).toEqual([
    `${own}:buildSynthesis:build/v1@6`,
    `${own}:mailSynthesis:v1/draft@6`,
    `${own}:remindSynthesisApproval:remind/r-3d@6`,
    `${own}:remindSynthesisApproval:remind/r-1d@7`,
    `${own}:escalateSynthesisApproval:esc1@9`,
  ]);
  expect(calls.filter((c) => c.startsWith(followed))).toEqual([
    `${followed}:buildSynthesis:build/v1@6`,
    `${followed}:mailSynthesis:v1/draft@6`,
    `${followed}:remindSynthesisApproval:remind/r-3d@7`,
    `${followed}:remindSynthesisApproval:remind/r-1d@9`,
    `${followed}:escalateSynthesisApproval:esc1@11`,
  ]);
});

test('a followed extension while the synthesis awaits approval moves its deadline; reminders ahead are sent at their new instants, once', async () => {
  const id = `under-way-${Date.now()}`;
  const { result, calls } = await run(async (taskQueue, start) => {
    const input = campaign(id, start);
    const h = await testEnv().client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [input],
    });
    await testEnv().sleep(5.5 * DAY); // the synthesis awaits approval; its first reminder went at day 5
    // The secretariat's own extension is refused once the units locked, as before.
    const own = await h.executeUpdate(extendCampaign, { args: [extension(input, 2, false)] }).catch((e: Error) => e);
    const moved = await h.executeUpdate(extendCampaign, { args: [extension(input, 2, true)] });
    // The refusals of a move: no reason.
    const noReason = await h
      .executeUpdate(extendCampaign, { args: [{ ...extension(input, 3, true), reason: ' ' }] })
      .catch((e: Error) => e);
    const synthesis = testEnv().client.workflow.getHandle(synthesisWorkflowId(id));
    const afterMove = await synthesis.query(getSynthesisStatus);
    await testEnv().sleep(6 * DAY); // day 11.5: past the new deadline and its escalation
    await synthesis.executeUpdate(approveSynthesis, { args: [{ approvedBy: 'Nguyễn Văn C (nvc)' }] });
    const campaignView = await h.result();
    return { start, own, moved, noReason, afterMove, campaignView };
  });
  const { start } = result;
  expect(result.own).toBeInstanceOf(Error);
  expect(String((result.own as Error & { cause?: Error }).cause?.message)).toContain(
    'Giai đoạn tự kiểm điểm đã kết thúc (đang ở giai đoạn "Tổng hợp"); không thể gia hạn.',
  );
  expect(String((result.noReason as Error & { cause?: Error }).cause?.message)).toContain('Cần ghi lý do gia hạn.');
  // The units had locked: their deadline stays (day 3), only the rest of the plan moved.
  expect(result.moved).toMatchObject({ deadline: at(start, 3), plan: { byMs: 2 * DAY, unitsExtended: false } });
  expect(result.afterMove.deadline).toBe(at(start, 10));
  expect(result.afterMove.deadlineLocal).toBe(result.moved.plan?.approvalDeadline);
  expect(result.campaignView.phase).toBe('closed');
  expect(result.campaignView.planMoves).toEqual([expect.objectContaining({ unitsExtended: false, byMs: 2 * DAY })]);
  // The first reminder went at day 5 under its first key; the move re-arms it (day 7, a new key), the
  // day-before reminder goes at day 9, the escalation at day 11 — none at the old day 9.
  expect(calls).toEqual([
    `${id}:buildSynthesis:build/v1@4`,
    `${id}:mailSynthesis:v1/draft@4`,
    `${id}:remindSynthesisApproval:remind/r-3d@5`,
    `${id}:remindSynthesisApproval:move1/remind/r-3d@7`,
    `${id}:remindSynthesisApproval:move1/remind/r-1d@9`,
    `${id}:escalateSynthesisApproval:move1/esc1@11`,
    `${id}:synthesisApproved:approved@11.5`,
  ]);
});

test('with two deadline phases, a followed extension of the first moves the second in every unit, then the synthesis', async () => {
  const id = `two-phases-${Date.now()}`;
  const { result } = await run(async (taskQueue, start) => {
    const base = campaign(id, start);
    const day = (d: number) => ({ ...instantAt(start, d), written: '', reading: 'test' });
    const sched = (deadline: number, lock: number) =>
      scheduleFrom(start, { deadlineDays: deadline, lockDays: lock, reminders: [1], escalations: [] });
    // ke-hoach due day 3 (lock 4); ket-qua opens day 5, due day 10 (lock 11); the synthesis at day 11, approval day 15.
    const phases = [
      base.compiled.phases[0],
      { ...base.compiled.phases[1], id: 'ke-hoach', deadline: sched(3, 4) },
      {
        ...base.compiled.phases[1],
        id: 'ket-qua',
        name: 'Báo cáo kết quả',
        windowStart: day(5),
        windowEnd: day(11),
        deadline: sched(10, 11),
      },
      {
        ...base.compiled.phases[2],
        windowStart: day(11),
        windowEnd: day(20),
        approval: scheduleFrom(start, { deadlineDays: 15, lockDays: 15, reminders: [], escalations: [] }),
      },
    ];
    const input: CampaignInput = { ...base, dues: [base.due, base.due], compiled: { ...base.compiled, phases } };
    const h = await testEnv().client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [input],
    });
    await testEnv().sleep(DAY);
    const moved = await h.executeUpdate(extendCampaign, {
      args: [{ ...extension(input, 0, true), schedule: shiftDeadline(sched(3, 4), 2 * DAY, ZONE) }],
    });
    const view = await h.query(getCampaignStatus);
    // The units follow by signals through their batch, after the update has answered: wait (real time,
    // the workflow clock stands still) until unit a has taken both moves, or give what it shows.
    const unitHandle = testEnv().client.workflow.getHandle(unitWorkflowId(id, 'a'));
    let unitA = await unitHandle.query(getUnitStatus);
    for (
      let i = 0;
      i < 300 && unitA.deadlines?.some((d) => d.deadline === at(start, d.id === 'ke-hoach' ? 3 : 10));
      i++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      unitA = await unitHandle.query(getUnitStatus);
    }
    await testEnv().sleep(13 * DAY); // day 14: ket-qua locked at day 13, the synthesis awaits approval
    const synthesis = await testEnv().client.workflow.getHandle(synthesisWorkflowId(id)).query(getSynthesisStatus);
    await h.executeUpdate(cancelCampaign, { args: [cancel] });
    await h.result();
    return { start, moved, view, unitA, synthesis };
  });
  const { start } = result;
  expect(result.moved.plan).toMatchObject({ byMs: 2 * DAY, unitsExtended: true });
  expect(result.view.deadlinePhases?.map((p) => p.schedule.deadline.utc)).toEqual([at(start, 5), at(start, 12)]);
  // Unit a has both moved: ke-hoach to day 5, ket-qua to day 12.
  expect(result.unitA.deadlines?.map((d) => [d.id, d.deadline])).toEqual([
    ['ke-hoach', at(start, 5)],
    ['ket-qua', at(start, 12)],
  ]);
  expect(result.synthesis.deadline).toBe(at(start, 17));
});

test("a followed extension after the units locked, while the synthesis window is still ahead, moves the window's wait and the approval", async () => {
  const id = `gap-${Date.now()}`;
  const { result, calls } = await run(async (taskQueue, start) => {
    const base = campaign(id, start);
    // The synthesis opens at day 6, two days after the units' lock (day 4); approval due day 8.
    const phases = base.compiled.phases.map((p) =>
      p.kind === 'synthesis' ? { ...p, windowStart: { ...p.windowStart, ...instantAt(start, 6) } } : p,
    );
    const input: CampaignInput = { ...base, compiled: { ...base.compiled, phases } };
    const h = await testEnv().client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [input],
    });
    await testEnv().sleep(5 * DAY); // the units locked at day 4; the campaign waits for the synthesis window
    const moved = await h.executeUpdate(extendCampaign, { args: [extension(input, 2, true)] });
    await testEnv().sleep(4 * DAY); // day 9
    const synthesis = await testEnv().client.workflow.getHandle(synthesisWorkflowId(id)).query(getSynthesisStatus);
    await h.executeUpdate(cancelCampaign, { args: [cancel] });
    await h.result();
    return { start, moved, synthesis };
  });
  expect(result.moved).toMatchObject({ deadline: at(result.start, 3), plan: { byMs: 2 * DAY, unitsExtended: false } });
  expect(result.synthesis.deadline).toBe(at(result.start, 10));
  // The synthesis started at day 8 (its window, moved), not day 6.
  expect(calls.slice(0, 2)).toEqual([`${id}:buildSynthesis:build/v1@8`, `${id}:mailSynthesis:v1/draft@8`]);
});

/**
 * A two-level campaign on the time-skipping server: a parent with two plain units and one unit,
 * "vnpt", that runs its own sub-campaign of two units. The sub-campaign's units submit, its synthesis
 * is built (the real pack) and approved, and its result goes up through the real report-up activity:
 * the parent's unit shows as submitted on time with the approved report's sha256 and the units'
 * nominations, and the parent chases its units as before. A second run: the parent's unit has
 * already locked when the result goes up — refused, and the sub-campaign's secretariat is mailed
 * once. Each report-up attempt "crashes" once after doing its work, so the retry must add nothing.
 * The unit messages and synthesis mails are recorded only (tested in their own files).
 */
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { loadCampaign } from '../../config/campaign-files';
import type { ParentLink, SubCampaignResultInput } from '../../domain/sub-campaign-types';
import { synthesisWorkflowId, type SynthesisStatusView } from '../../domain/synthesis-types';
import type { ReadInstant } from '../../domain/timeline-types';
import { unitWorkflowId, type CampaignInput, type DueSummary, type UnitStatusView } from '../../domain/workflow-types';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { FileDefinitionStore } from '../../stores/definition-store';
import { campaignWorkflow, getCampaignStatus } from '../../workflows/campaign';
import { getSynthesisStatus } from '../../workflows/synthesis';
import { getUnitStatus, submitFile, submitNominations } from '../../workflows/unit-review';
import { saveHistory } from '../helpers/histories';
import { runWithWorker } from '../helpers/phase-workflow-harness';
import { subCampaignActivities } from '../helpers/sub-campaign-activities';
import { timeSkippingEnv } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let dir: string;
beforeEach(async () => {
  env = await timeSkippingEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-sub-'));
});
afterEach(async () => {
  await env?.teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});

const PARENT = 'bo-tttt';
const SUB = 'vnpt-2014-2015-dai-hoi';
const PARENT_UNITS = ['plain-a', 'plain-b', 'vnpt'];
/** The sub-campaign's stored definition is the fixture's: its units and its secretariat. */
const SUB_FILE = 'test/fixtures/sub-campaigns/vnpt-2014-2015.yaml';
const SUB_UNITS = ['vnpt-ha-noi', 'vnpt-vinaphone'];
const NOMINATIONS = { required: false, quota: { total: 3 }, forms: ['Bằng khen của Bộ trưởng'] };
const APPROVER = 'Trần Văn H (tvh)';

const link: ParentLink = {
  campaignId: PARENT,
  unitId: 'vnpt',
  onParentExtension: 'follow',
  onParentCancel: 'cancel',
};

function campaign(id: string, start: number, units: number, deadlineDays: number, lockDays: number): CampaignInput {
  const input = campaignInputFrom(start, {
    campaignId: id,
    planNumber: id === SUB ? '15-KH/VNPT' : '1205/KH-BTTTT',
    title: id === SUB ? 'Đại hội Thi đua VNPT' : 'Đại hội Thi đua Bộ TT&TT',
    contact: 'Ban Thi đua - Khen thưởng',
    unitCount: units,
    unitsPerBatch: 3,
    deadlineDays,
    lockDays,
  });
  return { ...input, due: { ...input.due, nominations: NOMINATIONS } };
}

/**
 * The parent as in the 004 plan: first the units' plans (deadline day 3, lock day 4), then their
 * results, as a report deliverable that takes .docx (opens day 13, deadline day 25, lock day 28).
 */
function twoPhaseParent(start: number): CampaignInput {
  const at = (day: number): ReadInstant => {
    const ms = start + day * DAY;
    return { utc: new Date(ms).toISOString(), local: `ngày ${day}`, written: '', reading: 'test' };
  };
  const deliverable = (id: string, name: string): DueSummary => ({
    summaryReport: 'none',
    presentationPaper: 'none',
    deliverables: [{ id, name, required: true, accept: ['pdf', 'doc', 'docx'] }],
    nominations: NOMINATIONS,
  });
  const plan = deliverable('ke-hoach', 'Kế hoạch tổ chức Đại hội Thi đua');
  const results = deliverable('bao-cao-ket-qua', 'Báo cáo kết quả Đại hội Thi đua');
  const schedule = (from: number, deadlineDays: number, lockDays: number) =>
    scheduleFrom(start + from * DAY, { deadlineDays, lockDays, reminders: [1], escalations: [1] });
  return {
    ...campaign(PARENT, start, 3, 3, 4),
    due: plan,
    dues: [plan, results],
    compiled: {
      campaignId: PARENT,
      planNumber: '1205/KH-BTTTT',
      timeZone: 'Asia/Ho_Chi_Minh',
      phases: [
        { kind: 'plan-issue', name: 'Gửi kế hoạch', windowStart: at(0), windowEnd: at(1) },
        {
          kind: 'self-review',
          id: 'ke-hoach',
          name: 'Gửi kế hoạch của đơn vị',
          windowStart: at(0),
          windowEnd: at(4),
          deadline: schedule(0, 3, 4),
        },
        {
          kind: 'self-review',
          id: 'ket-qua',
          name: 'Báo cáo kết quả',
          windowStart: at(13),
          windowEnd: at(28),
          deadline: schedule(13, 12, 15),
        },
        { kind: 'synthesis', name: 'Tổng hợp', windowStart: at(28), windowEnd: at(35) },
      ],
    },
  };
}

const pdf = (c: string) => ({ name: 'bao-cao.pdf', size: 100, sha256: c.repeat(64), contentType: 'application/pdf' });

interface Run {
  mails: Array<{ to: string[]; subject: string; text: string; messageId: string }>;
  attempts: SubCampaignResultInput[];
}

/** Starts a campaign workflow on the test's queue, under its campaign id. */
const startCampaign = (taskQueue: string, input: CampaignInput) =>
  env.client.workflow.start(campaignWorkflow, { taskQueue, workflowId: `campaign/${input.campaignId}`, args: [input] });

/** The sub-campaign: its units' deadline at day 5, lock at day 6, approved then; its parent link. */
const startSubCampaign = (taskQueue: string, start: number, subRef: string, parent: ParentLink = link) =>
  startCampaign(taskQueue, { ...campaign(SUB, start, 2, 5, 6), definitionRef: subRef, parent });

async function run<T>(fn: (taskQueue: string, start: number, subRef: string) => Promise<T>): Promise<T & Run> {
  const start = await env.currentTimeMs();
  const mails: Run['mails'] = [];
  const attempts: SubCampaignResultInput[] = [];
  const transport = {
    sendMail: async (m: { to: string[]; subject: string; text: string; messageId: string }) => {
      mails.push({ to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
      return { response: '250 OK', rejected: [] };
    },
  } as unknown as Transporter;
  const definitions = new FileDefinitionStore(path.join(dir, 'campaigns'));
  const loaded = loadCampaign(SUB_FILE, { mode: 'rehearse' });
  if (!loaded.ok) throw new Error('fixture');
  const subRef = await definitions.save(loaded.campaign);
  const { real, activities, close } = subCampaignActivities({
    env,
    dir,
    transport,
    definitions,
    units: (campaignId) => (campaignId === SUB ? SUB_UNITS : PARENT_UNITS),
    // The sub-campaign's draft is the real pack, built from its units' workflows; the parent's a stub.
    realDraft: (campaignId) => campaignId === SUB,
    approver: () => APPROVER,
  });
  try {
    const result = await runWithWorker(
      env,
      'sub',
      {
        ...activities,
        // The real activity; its first attempt "crashes" after doing its work: the retry must add nothing.
        async reportSubCampaignResult(input: SubCampaignResultInput) {
          attempts.push(input);
          const outcome = await real.reportSubCampaignResult(input);
          if (Context.current().info.attempt === 1) throw new Error('the worker stopped before answering');
          return outcome;
        },
      },
      (taskQueue) => fn(taskQueue, start, subRef),
    );
    return { ...result, mails, attempts };
  } finally {
    close();
  }
}

/** The sub-campaign's units each send their report and one nomination. */
async function subUnitsSubmit(): Promise<void> {
  for (const [i, unitId] of SUB_UNITS.entries()) {
    const h = env.client.workflow.getHandle(unitWorkflowId(SUB, unitId));
    await h.executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: pdf(String(i + 1)), submittedBy: `focal ${unitId}` }],
    });
    await h.executeUpdate(submitNominations, {
      args: [
        {
          nominations: [
            {
              type: 'collective',
              name: `Tập thể ${unitId}`,
              awardForm: 'Bằng khen của Bộ trưởng',
              reasons: 'Hoàn thành xuất sắc nhiệm vụ 2011-2015',
            },
          ],
          submittedBy: `focal ${unitId}`,
        },
      ],
    });
  }
}

test('the sub-campaign approved result becomes the parent unit submission, on time, with its nominations', async () => {
  const r = await run(async (taskQueue, start, subRef) => {
    // The parent: deadline day 20, lock day 25. The sub-campaign: deadline day 5, lock day 6, approved at day 6.
    const parent = await startCampaign(taskQueue, campaign(PARENT, start, 3, 20, 25));
    const sub = await startSubCampaign(taskQueue, start, subRef);
    await env.sleep(1 * DAY);
    await subUnitsSubmit();
    await env.client.workflow
      .getHandle(unitWorkflowId(PARENT, 'plain-a'))
      .executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: pdf('a'), submittedBy: 'focal plain-a' }] });
    const subView = await sub.result(); // approved at day 6, reported up, then closed
    const synthesis: SynthesisStatusView = await env.client.workflow
      .getHandle(synthesisWorkflowId(SUB))
      .query(getSynthesisStatus);
    const vnpt: UnitStatusView = await env.client.workflow
      .getHandle(unitWorkflowId(PARENT, 'vnpt'))
      .query(getUnitStatus);
    const parentView = await parent.result(); // locks at day 25, then its own synthesis
    await saveHistory(env, 'sub-campaign-reports-up', `campaign/${SUB}`); // for test/replay
    return { subView, synthesis, vnpt, parentView };
  });
  const approved = r.synthesis.versions.find((v) => v.version === r.synthesis.approved?.version)!;
  expect(approved.docx.name).toMatch(/\.docx$/);
  expect(r.subView.parent).toEqual(link);
  expect(r.subView.reportedUp).toMatchObject({ sent: true, late: false, nominations: 2 });
  // The parent's unit: submitted on time, one version of the report (the retry added none), the approved file.
  expect(r.vnpt.status).toBe('submitted');
  expect(r.vnpt.reports).toHaveLength(1);
  expect(r.vnpt.reports[0]).toMatchObject({ sha256: approved.docx.sha256, late: false, version: 1 });
  expect(r.vnpt.reports[0].submittedBy).toBe(`Đợt con ${SUB} (15-KH/VNPT), phê duyệt: ${APPROVER}`);
  expect(r.vnpt.nominations).toHaveLength(1);
  expect(r.vnpt.latestNominations?.nominations.map((n) => n.name)).toEqual([
    'Tập thể vnpt-ha-noi',
    'Tập thể vnpt-vinaphone',
  ]);
  expect(r.attempts).toHaveLength(2); // the "crashed" first attempt and its retry
  expect(r.mails).toEqual([]); // nothing refused: the secretariat is not mailed
  // The parent chased its units as any other: vnpt and plain-a in, plain-b missing.
  expect(r.parentView.counts).toMatchObject({ submitted: 2, late: 0, missing: 1 });
});

test('a parent unit already locked refuses the result; the sub-campaign secretariat is mailed once', async () => {
  const r = await run(async (taskQueue, start, subRef) => {
    // The parent's units lock at day 4, before the sub-campaign's approval at day 6.
    await startCampaign(taskQueue, campaign(PARENT, start, 3, 3, 4));
    const sub = await startSubCampaign(taskQueue, start, subRef);
    await env.sleep(1 * DAY);
    await subUnitsSubmit();
    const subView = await sub.result();
    const vnpt: UnitStatusView = await env.client.workflow
      .getHandle(unitWorkflowId(PARENT, 'vnpt'))
      .query(getUnitStatus);
    const status = await sub.query(getCampaignStatus);
    return { subView, vnpt, status };
  });
  expect(r.subView.reportedUp).toMatchObject({ sent: false });
  const reason = (r.subView.reportedUp as { reason: string }).reason;
  expect(reason).toMatch(/khóa/);
  expect(r.status.phase).toBe('closed'); // the campaign went on after the refusal
  expect(r.vnpt).toMatchObject({ status: 'missing', locked: true, reports: [] });
  expect(r.attempts).toHaveLength(2);
  expect(r.mails).toHaveLength(1);
  expect(r.mails[0].to).toEqual(['"Nguyễn Văn T" <thiduakhenthuong@vnpt.example.vn>']);
  expect(r.mails[0].subject).toBe(`[15-KH/VNPT] Kết quả của đợt chưa được nộp lên đợt cấp trên ${PARENT}`);
  expect(r.mails[0].text).toContain(`Lý do đợt cấp trên từ chối: ${reason}`);
  expect(r.mails[0].text).toContain('đơn vị vnpt của đợt cấp trên bo-tttt');
});

test("a result refused in a named parent phase: the secretariat's letter names the phase as the parent's plan does", async () => {
  const r = await run(async (taskQueue, start, subRef) => {
    // The parent's ke-hoach ("Gửi kế hoạch của đơn vị") locks at day 4, before the approval at day 6.
    await startCampaign(taskQueue, twoPhaseParent(start));
    const sub = await startSubCampaign(taskQueue, start, subRef, { ...link, phaseId: 'ke-hoach' });
    await env.sleep(1 * DAY);
    await subUnitsSubmit();
    return { subView: await sub.result() };
  });
  expect(r.subView.reportedUp).toMatchObject({ sent: false });
  expect(r.mails).toHaveLength(1);
  expect(r.mails[0].text).toContain('đơn vị vnpt của đợt cấp trên bo-tttt (giai đoạn "Gửi kế hoạch của đơn vị")');
  expect(r.mails[0].text).not.toContain('ke-hoach');
});

test('a parent phase that opens later is waited for; the result goes in as its report deliverable', async () => {
  const r = await run(async (taskQueue, start, subRef) => {
    await startCampaign(taskQueue, twoPhaseParent(start));
    const sub = await startSubCampaign(taskQueue, start, subRef, { ...link, phaseId: 'ket-qua' });
    await env.sleep(1 * DAY);
    await subUnitsSubmit();
    await env.sleep(9 * DAY); // day 10: approved at day 6, the parent's ket-qua opens at day 13
    const waiting = await sub.query(getCampaignStatus);
    const subView = await sub.result();
    const vnpt: UnitStatusView = await env.client.workflow
      .getHandle(unitWorkflowId(PARENT, 'vnpt'))
      .query(getUnitStatus);
    await saveHistory(env, 'sub-campaign-waits-for-parent-phase', `campaign/${SUB}`); // for test/replay
    return { waiting, subView, vnpt, start };
  });
  expect(r.waiting.phase).toBe('synthesis');
  expect(r.waiting.reportedUp).toMatchObject({ sent: false, notBefore: new Date(r.start + 13 * DAY).toISOString() });
  expect((r.waiting.reportedUp as { reason: string }).reason).toMatch(
    /^Giai đoạn "Báo cáo kết quả" của đơn vị ở đợt cấp trên chưa mở \(mở lúc .*\); kết quả sẽ được nộp khi giai đoạn mở\.$/,
  );
  expect(r.subView.reportedUp).toMatchObject({ sent: true, late: false, nominations: 2 });
  const ketQua = r.vnpt.deadlines?.find((d) => d.id === 'ket-qua');
  expect(ketQua).toMatchObject({ state: 'current', status: 'submitted' });
  expect(ketQua?.files).toHaveLength(1);
  expect(ketQua?.files[0]).toMatchObject({ deliverable: 'bao-cao-ket-qua', late: false });
  expect(ketQua?.files[0].name).toBe(`${SUB}-tong-hop-v1.docx`);
  // Received when the phase opened, not before.
  expect(Date.parse(ketQua!.files[0].receivedAt)).toBeGreaterThanOrEqual(r.start + 13 * DAY);
  expect(r.mails).toEqual([]); // waiting is not a refusal
});

test('nominations over the parent quota are refused while the report goes in; the secretariat is told once', async () => {
  const r = await run(async (taskQueue, start, subRef) => {
    const parentInput = campaign(PARENT, start, 3, 20, 25);
    // The parent takes one nomination per unit; the sub-campaign's two units sent one each.
    parentInput.due = { ...parentInput.due, nominations: { ...NOMINATIONS, quota: { total: 1 } } };
    await startCampaign(taskQueue, parentInput);
    const sub = await startSubCampaign(taskQueue, start, subRef);
    await env.sleep(1 * DAY);
    await subUnitsSubmit();
    const subView = await sub.result();
    const vnpt: UnitStatusView = await env.client.workflow
      .getHandle(unitWorkflowId(PARENT, 'vnpt'))
      .query(getUnitStatus);
    return { subView, vnpt };
  });
  expect(r.subView.reportedUp).toMatchObject({
    sent: true,
    late: false,
    nominations: 0,
    nominationsRefused: 'Vượt chỉ tiêu: 2 đề nghị, tối đa 1.',
  });
  expect(r.vnpt).toMatchObject({ status: 'submitted', nominations: [] });
  expect(r.vnpt.reports).toHaveLength(1);
  expect(r.mails).toHaveLength(1);
  expect(r.mails[0].subject).toBe(`[15-KH/VNPT] Đề nghị khen thưởng chưa được nộp lên đợt cấp trên ${PARENT}`);
  expect(r.mails[0].text).toContain('Lý do đợt cấp trên từ chối: Vượt chỉ tiêu: 2 đề nghị, tối đa 1.');
});

/**
 * Three levels on the time-skipping server (ministry → VNPT → VNPT Hà Nội, as the 004 plan nests): the
 * grandchild's approved synthesis becomes the submission of VNPT's unit vnpt-ha-noi, VNPT's own
 * synthesis — built from that submission and its other unit's — is approved and becomes the
 * ministry's unit vnpt's submission, with the nominations gathered on the way. The report-up activity
 * and the grandchild's and VNPT's synthesis builds are the real ones; the mails are recorded only.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../../activities';
import { loadCampaign } from '../../config/campaign-files';
import type { ParentLink } from '../../domain/sub-campaign-types';
import { synthesisWorkflowId, type SynthesisStatusView } from '../../domain/synthesis-types';
import { unitWorkflowId, type CampaignInput, type UnitStatusView } from '../../domain/workflow-types';
import { DAY, campaignInputFrom } from '../../scripts/schedules';
import { FileDefinitionStore } from '../../stores/definition-store';
import { FileReportStore } from '../../stores/report-store';
import { FileSentLog } from '../../stores/sent-log';
import { campaignWorkflow } from '../../workflows/campaign';
import { approveSynthesis, getSynthesisStatus } from '../../workflows/synthesis';
import { getUnitStatus, submitFile, submitNominations } from '../../workflows/unit-review';
import { timeSkippingEnv, workflowBundle } from '../helpers/temporal';

type Activities = ReturnType<typeof createActivities>;

let env: TestWorkflowEnvironment;
let dir: string;
beforeEach(async () => {
  env = await timeSkippingEnv();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-three-'));
});
afterEach(async () => {
  await env?.teardown();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BO = 'bo-tttt';
const VNPT = 'vnpt-2014-2015-dai-hoi';
const HN = 'vnpt-ha-noi-2014-2015';
const UNITS: Record<string, string[]> = {
  [BO]: ['plain-a', 'vnpt'],
  [VNPT]: ['vnpt-ha-noi', 'vnpt-vinaphone'],
  [HN]: ['hn-cau-giay', 'hn-dong-da'],
};
const FILES: Record<string, string> = {
  [VNPT]: 'test/fixtures/sub-campaigns/vnpt-2014-2015.yaml',
  [HN]: 'test/fixtures/sub-campaigns/vnpt-ha-noi-2014-2015.yaml',
};
const NOMINATIONS = { required: false, quota: { total: 3 }, forms: ['Bằng khen của Bộ trưởng'] };
const APPROVER: Record<string, string> = { [VNPT]: 'Trần Văn H (tvh)', [HN]: 'Phạm Thị D (ptd)' };

const linkTo = (campaignId: string, unitId: string): ParentLink => ({
  campaignId,
  unitId,
  onParentExtension: 'follow',
  onParentCancel: 'cancel',
});

function campaign(id: string, start: number, deadlineDays: number, lockDays: number): CampaignInput {
  const input = campaignInputFrom(start, {
    campaignId: id,
    planNumber: { [BO]: '1205/KH-BTTTT', [VNPT]: '15-KH/VNPT', [HN]: '09-KH/VNPT-HNI' }[id]!,
    title: id,
    contact: 'Ban Thi đua - Khen thưởng',
    unitCount: UNITS[id].length,
    unitsPerBatch: 2,
    deadlineDays,
    lockDays,
  });
  return { ...input, due: { ...input.due, nominations: NOMINATIONS } };
}

const pdf = (c: string) => ({ name: 'bao-cao.pdf', size: 100, sha256: c.repeat(64), contentType: 'application/pdf' });

/** A unit sends its report and one nomination. */
async function submit(campaignId: string, unitId: string, c: string): Promise<void> {
  const h = env.client.workflow.getHandle(unitWorkflowId(campaignId, unitId));
  await h.executeUpdate(submitFile, {
    args: [{ kind: 'summary-report', file: pdf(c), submittedBy: `focal ${unitId}` }],
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

async function run<T>(fn: (taskQueue: string, start: number, refs: Record<string, string>) => Promise<T>) {
  const start = await env.currentTimeMs();
  const mails: string[] = [];
  const transport = {
    sendMail: async (m: { subject: string }) => {
      mails.push(m.subject);
      return { response: '250 OK', rejected: [] };
    },
  } as unknown as Transporter;
  const definitions = new FileDefinitionStore(path.join(dir, 'campaigns'));
  const refs: Record<string, string> = {};
  for (const [id, file] of Object.entries(FILES)) {
    const loaded = loadCampaign(file, { mode: 'rehearse' });
    if (!loaded.ok) throw new Error(`fixture ${file}`);
    refs[id] = await definitions.save(loaded.campaign);
  }
  const reports = new FileReportStore(path.join(dir, 'reports'));
  const real = createActivities({
    transport,
    sentLog: new FileSentLog(path.join(dir, 'sent')),
    definitions,
    reports,
    links: {} as never,
    from: '"thidua" <thidua@vnpt.example.vn>',
    client: env.client,
  });
  const ref = { name: 'tong-hop.docx', size: 1, sha256: 'f'.repeat(64), contentType: 'application/x' };
  const activities = {
    async sendUnitMessage(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async lockUnitReports() {},
    signalUnits: real.signalUnits,
    tellBatchLocked: real.tellBatchLocked,
    async loadUnitPage(input: { campaignId: string; offset: number; limit: number }) {
      return UNITS[input.campaignId]
        .slice(input.offset, input.offset + input.limit)
        .map((id) => ({ id, name: `Đơn vị ${id}` }));
    },
    // The two sub-campaigns' drafts are the real packs, built from their units' workflows; the ministry's a stub.
    async buildSynthesis(input: Parameters<Activities['buildSynthesis']>[0]) {
      if (input.campaignId in FILES) return real.buildSynthesis(input);
      return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    },
    // Approved as soon as it is mailed (awaited inside the activity, so that time does not skip).
    async mailSynthesis(input: { campaignId: string; key: string }) {
      await env.client.workflow
        .getHandle(synthesisWorkflowId(input.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: APPROVER[input.campaignId] ?? 'Bộ trưởng (bt)' }] })
        .catch(() => undefined);
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async synthesisApproved(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
    reportSubCampaignResult: real.reportSubCampaignResult,
  } as unknown as Activities;
  const taskQueue = `three-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
  });
  try {
    const result = await worker.runUntil(() => fn(taskQueue, start, refs));
    return { ...result, mails };
  } finally {
    reports.close();
  }
}

const startCampaign = (taskQueue: string, input: CampaignInput) =>
  env.client.workflow.start(campaignWorkflow, { taskQueue, workflowId: `campaign/${input.campaignId}`, args: [input] });

const approvedDocx = async (campaignId: string) => {
  const s: SynthesisStatusView = await env.client.workflow
    .getHandle(synthesisWorkflowId(campaignId))
    .query(getSynthesisStatus);
  return s.versions.find((v) => v.version === s.approved?.version)!.docx;
};
const unit = (campaignId: string, unitId: string): Promise<UnitStatusView> =>
  env.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(getUnitStatus);

test("a result goes up two levels: the grandchild's approved synthesis is VNPT Hà Nội's submission to VNPT, VNPT's the ministry's", async () => {
  const r = await run(async (taskQueue, start, refs) => {
    // The ministry: due day 20, lock day 25. VNPT: due day 10, lock day 11. VNPT Hà Nội: due day 5, lock day 6.
    const bo = await startCampaign(taskQueue, campaign(BO, start, 20, 25));
    const vnpt = await startCampaign(taskQueue, {
      ...campaign(VNPT, start, 10, 11),
      definitionRef: refs[VNPT],
      parent: linkTo(BO, 'vnpt'),
    });
    const hn = await startCampaign(taskQueue, {
      ...campaign(HN, start, 5, 6),
      definitionRef: refs[HN],
      parent: linkTo(VNPT, 'vnpt-ha-noi'),
    });
    await env.sleep(DAY);
    await submit(HN, 'hn-cau-giay', '1');
    await submit(HN, 'hn-dong-da', '2');
    await submit(VNPT, 'vnpt-vinaphone', '3');
    const hnView = await hn.result(); // approved at day 6, reported up to VNPT, closed
    const hnDocx = await approvedDocx(HN);
    const vnptHaNoi = await unit(VNPT, 'vnpt-ha-noi');
    const vnptView = await vnpt.result(); // locks at day 11, approved, reported up to the ministry
    const vnptDocx = await approvedDocx(VNPT);
    const boVnpt = await unit(BO, 'vnpt');
    const boView = await bo.result();
    return { hnView, hnDocx, vnptHaNoi, vnptView, vnptDocx, boVnpt, boView };
  });
  // Level 3 → 2: VNPT Hà Nội's approved report is its submission to VNPT, on time, with its centres' nominations.
  expect(r.hnView.reportedUp).toMatchObject({ sent: true, late: false, nominations: 2 });
  expect(r.vnptHaNoi.status).toBe('submitted');
  expect(r.vnptHaNoi.reports[0]).toMatchObject({ sha256: r.hnDocx.sha256, late: false });
  expect(r.vnptHaNoi.reports[0].submittedBy).toBe(`Đợt con ${HN} (09-KH/VNPT-HNI), phê duyệt: ${APPROVER[HN]}`);
  expect(r.vnptHaNoi.latestNominations?.nominations.map((n) => n.name)).toEqual([
    'Tập thể hn-cau-giay',
    'Tập thể hn-dong-da',
  ]);
  // Level 2 → 1: VNPT's own approved report (a new draft, built from both its units) is the ministry's unit's.
  expect(r.vnptDocx.sha256).not.toBe(r.hnDocx.sha256);
  expect(r.vnptView.counts).toMatchObject({ submitted: 2, late: 0, missing: 0 });
  expect(r.vnptView.reportedUp).toMatchObject({ sent: true, late: false, nominations: 3 });
  expect(r.boVnpt.status).toBe('submitted');
  expect(r.boVnpt.reports[0]).toMatchObject({ sha256: r.vnptDocx.sha256, late: false });
  expect(r.boVnpt.reports[0].submittedBy).toBe(`Đợt con ${VNPT} (15-KH/VNPT), phê duyệt: ${APPROVER[VNPT]}`);
  expect(r.boVnpt.latestNominations?.nominations.map((n) => n.name)).toEqual([
    'Tập thể hn-cau-giay',
    'Tập thể hn-dong-da',
    'Tập thể vnpt-vinaphone',
  ]);
  expect(r.boView.counts).toMatchObject({ submitted: 1, missing: 1 });
  expect(r.mails).toEqual([]); // nothing refused on the way
});

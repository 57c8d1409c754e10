/**
 * Three levels on the time-skipping server (ministry → VNPT → VNPT Hà Nội, as the 004 plan nests): the
 * grandchild's approved synthesis becomes the submission of VNPT's unit vnpt-ha-noi, VNPT's own
 * synthesis — built from that submission and its other unit's — is approved and becomes the
 * ministry's unit vnpt's submission, with the nominations gathered on the way. The report-up activity
 * and the grandchild's and VNPT's synthesis builds are the real ones; the mails are recorded only.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { loadCampaign } from '../../config/campaign-files';
import type { ParentLink } from '../../domain/sub-campaign-types';
import { synthesisWorkflowId, type SynthesisStatusView } from '../../domain/synthesis-types';
import { unitWorkflowId, type CampaignInput, type UnitStatusView } from '../../domain/workflow-types';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { FileDefinitionStore, type DefinitionStore } from '../../stores/definition-store';
import { cancelCampaignTree, extendDeadline } from '../../app/campaign-actions';
import type { AppContext } from '../../app/context';
import { subCampaignLines, subCampaignSentence } from '../../app/sub-campaign-follow-words';
import type { Settings } from '../../config/settings';
import { formatDeadline } from '../../domain/messages';
import { campaignWorkflow, getCampaignStatus } from '../../workflows/campaign';
import { getSynthesisStatus } from '../../workflows/synthesis';
import { getUnitStatus, submitFile, submitNominations } from '../../workflows/unit-review';
import { runWithWorker } from '../helpers/phase-workflow-harness';
import { subCampaignActivities } from '../helpers/sub-campaign-activities';
import { timeSkippingEnv } from '../helpers/temporal';

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

function campaign(
  id: string,
  start: number,
  deadlineDays: number,
  lockDays: number,
  approvalDays?: number,
): CampaignInput {
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
  // The synthesis approval deadline, when given, is due `approvalDays` after the start (no reminders).
  const approval =
    approvalDays === undefined
      ? undefined
      : scheduleFrom(start, { deadlineDays: approvalDays, lockDays: approvalDays, reminders: [], escalations: [] });
  const phases = input.compiled.phases.map((p) => (p.kind === 'synthesis' && approval ? { ...p, approval } : p));
  return { ...input, compiled: { ...input.compiled, phases }, due: { ...input.due, nominations: NOMINATIONS } };
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

async function run<T>(
  fn: (taskQueue: string, start: number, refs: Record<string, string>, definitions: DefinitionStore) => Promise<T>,
) {
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
  const { activities, close } = subCampaignActivities({
    env,
    dir,
    transport,
    definitions,
    units: (campaignId) => UNITS[campaignId],
    // The two sub-campaigns' drafts are the real packs, built from their units' workflows; the ministry's a stub.
    realDraft: (campaignId) => campaignId in FILES,
    approver: (campaignId) => APPROVER[campaignId] ?? 'Bộ trưởng (bt)',
  });
  try {
    const result = await runWithWorker(env, 'three', activities, (taskQueue) =>
      fn(taskQueue, start, refs, definitions),
    );
    return { ...result, mails };
  } finally {
    close();
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

/**
 * The operator's use cases on this server. The time-skipping server has no visibility queries: the
 * running sub-campaigns are listed from the links the test started them with (as the ParentCampaign and
 * ParentUnit search attributes would list them), each one's status asked of the server.
 */
function appContext(taskQueue: string, links: Record<string, ParentLink>): AppContext {
  const list = ({ query }: { query: string }) => {
    const parent = /ParentCampaign = "([^"]+)"/.exec(query)?.[1];
    const unitId = /ParentUnit = "([^"]+)"/.exec(query)?.[1];
    return (async function* () {
      for (const [id, link] of Object.entries(links)) {
        if (link.campaignId !== parent || (unitId && link.unitId !== unitId)) continue;
        const d = await env.client.workflow.getHandle(`campaign/${id}`).describe();
        if (d.status.name !== 'RUNNING') continue;
        yield {
          workflowId: `campaign/${id}`,
          typedSearchAttributes: { get: (k: { name: string }) => (k.name === 'ParentUnit' ? link.unitId : undefined) },
        };
      }
    })();
  };
  const workflow = new Proxy(env.client.workflow, {
    get: (t, k) => (k === 'list' ? list : (Reflect.get(t, k) as unknown)),
  });
  // Nor does it describe task queues: the worker check before an update is told the test's worker polls.
  const workflowService = new Proxy(env.client.workflowService, {
    get: (t, k) =>
      k === 'describeTaskQueue'
        ? async () => ({ pollers: [{ identity: 'test-worker' }] })
        : (Reflect.get(t, k) as unknown),
  });
  const client = new Proxy(env.client, {
    get: (t, k) =>
      k === 'workflow' ? workflow : k === 'workflowService' ? workflowService : (Reflect.get(t, k) as unknown),
  });
  return { client, settings: { taskQueue } as Settings, workerDeadlineMs: 30_000 };
}

test("the ministry's extension of vnpt reaches VNPT Hà Nội through VNPT, each moving its plan; the cancellation too; outcomes as a tree", async () => {
  const r = await run(async (taskQueue, start, refs, definitions) => {
    const links = { [VNPT]: linkTo(BO, 'vnpt'), [HN]: linkTo(VNPT, 'vnpt-ha-noi') };
    // The ministry: due day 20. VNPT: due day 10, approval day 13. VNPT Hà Nội: due day 5, approval day 8.
    const handles = [
      await startCampaign(taskQueue, { ...campaign(BO, start, 20, 25), definitionRef: refs[VNPT] }),
      await startCampaign(taskQueue, {
        ...campaign(VNPT, start, 10, 11, 13),
        definitionRef: refs[VNPT],
        parent: links[VNPT],
      }),
      await startCampaign(taskQueue, { ...campaign(HN, start, 5, 6, 8), definitionRef: refs[HN], parent: links[HN] }),
    ];
    await env.sleep(DAY);
    const s = appContext(taskQueue, links);
    const extended = await extendDeadline(s, definitions, BO, {
      unitId: 'vnpt',
      by: '2d',
      reason: 'Bão số 3',
      grantedBy: 'Vụ Thi đua - Khen thưởng',
    });
    const views = await Promise.all(handles.map((h) => h.query(getCampaignStatus)));
    const hnSynthesisStart = views[2].phases?.find((p) => p.kind === 'synthesis')?.start;
    const cancelled = await cancelCampaignTree(s, BO, { reason: 'Dừng theo chỉ đạo', cancelledBy: 'Vụ Thi đua' });
    const ended = [];
    for (const h of handles) ended.push(await h.result());
    return { start, extended, views, hnSynthesisStart, cancelled, ended };
  });
  const local = (day: number) => formatDeadline(new Date(r.start + day * DAY).toISOString(), 'Asia/Ho_Chi_Minh');
  // Each level followed after its own extension: VNPT's units due day 12, its approval day 15; VNPT Hà Nội's day 7 and 10.
  expect(r.extended.subCampaigns).toEqual([
    {
      campaignId: VNPT,
      unitId: 'vnpt',
      result: 'extended',
      detail: local(12),
      approvalDeadline: local(15),
      subCampaigns: [
        { campaignId: HN, unitId: 'vnpt-ha-noi', result: 'extended', detail: local(7), approvalDeadline: local(10) },
      ],
    },
  ]);
  expect(r.views[1].selfReview?.deadline.utc).toBe(new Date(r.start + 12 * DAY).toISOString());
  expect(r.views[2].selfReview?.deadline.utc).toBe(new Date(r.start + 7 * DAY).toISOString());
  expect(r.views[2].planMoves).toEqual([expect.objectContaining({ byMs: 2 * DAY, unitsExtended: true })]);
  expect(r.views[2].extensions[0].reason).toBe(
    `Theo gia hạn của đợt cấp trên ${VNPT} cho đơn vị vnpt-ha-noi: Theo gia hạn của đợt cấp trên ${BO} cho đơn vị vnpt: Bão số 3`,
  );
  // The surfaces show the tree, the grandchild under VNPT.
  expect(subCampaignLines(r.extended.subCampaigns, 'vi')).toBe(
    'Các đợt con:\n' +
      `  - ${VNPT} (đơn vị vnpt): đã gia hạn theo, hạn mới ${local(12)}; kế hoạch còn lại dời theo, hạn phê duyệt báo cáo tổng hợp mới ${local(15)}\n` +
      `    - ${HN} (đơn vị vnpt-ha-noi): đã gia hạn theo, hạn mới ${local(7)}; kế hoạch còn lại dời theo, hạn phê duyệt báo cáo tổng hợp mới ${local(10)}\n`,
  );
  expect(subCampaignLines(r.extended.subCampaigns, 'en')).toContain(
    `    - ${HN} (unit vnpt-ha-noi): extended too, new deadline ${local(7)}; the rest of its plan moved, new synthesis approval deadline ${local(10)}\n`,
  );
  expect(subCampaignSentence(r.extended.subCampaigns)).toContain(
    `(đợt con của nó: ${HN} (đơn vị vnpt-ha-noi) đã gia hạn theo`,
  );
  // The cancellation went down the same way.
  expect(r.cancelled.subCampaigns).toEqual([
    {
      campaignId: VNPT,
      unitId: 'vnpt',
      result: 'cancelled',
      subCampaigns: [{ campaignId: HN, unitId: 'vnpt-ha-noi', result: 'cancelled' }],
    },
  ]);
  expect(r.ended.map((v) => v.phase)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  expect(r.ended[2].cancelled?.reason).toBe(
    `Đợt cấp trên ${VNPT} đã bị hủy: Đợt cấp trên ${BO} đã bị hủy: Dừng theo chỉ đạo`,
  );
});

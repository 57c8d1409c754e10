/**
 * Issue 15, item 1, end to end on the real stack (the Temporal dev server with thidua's search
 * attributes, the real worker, maildev): the 004 sample as a two-level campaign in rehearsal. The
 * ministry's campaign (`config/campaigns/bo-2014-2015-dai-hoi.yaml`) starts rehearsed; VNPT's own
 * (`vnpt-2014-2015-dai-hoi.yaml`, `parent: { campaign: …, unit: vnpt, phase: ket-qua }`) starts
 * rehearsed on the parent's clock; its member units submit through `thidua unit submit`, its
 * synthesis is approved through `thidua synthesis approve`. Then: the parent's unit `vnpt` holds the
 * approved report as its `ket-qua` submission, `campaign status` of the parent lists the sub-campaign,
 * and the sub-campaign's names its parent and the result it sent up.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { startCommand } from '../../client/commands/campaign-start';
import { statusCommand } from '../../client/commands/campaign-status';
import { submitCommand } from '../../client/commands/unit-submit';
import { approveCommand } from '../../client/commands/synthesis';
import { synthesisWorkflowId, type SynthesisStatusView } from '../../domain/synthesis-types';
import { unitWorkflowId, type UnitStatusView } from '../../domain/workflow-types';
import { waitFor, type Maildev } from '../../scripts/processes';
import { FileAccountStore } from '../../stores/accounts';
import { getSynthesisStatus } from '../../workflows/synthesis';
import { getUnitStatus } from '../../workflows/unit-review';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { readInbox, type InboxMessage } from '../helpers/inbox';
import { captureIo } from '../helpers/capture-io';

const SAMPLES = path.resolve(__dirname, '../../config/campaigns');
const PARENT_FILE = path.join(SAMPLES, 'bo-2014-2015-dai-hoi.yaml');
const SUB_FILE = path.join(SAMPLES, 'vnpt-2014-2015-dai-hoi.yaml');
const PARENT = 'bo-tttt-dai-hoi-thi-dua-2014-2015';
const SUB = 'vnpt-2014-2015-dai-hoi';
const SUB_UNITS = ['vinaphone', 'vdc', 'vtn', 'vti', 'vnpt-ha-noi', 'vnpt-tp-hcm'];
/** The approver of VNPT's synthesis in the sample (its Tổng Giám đốc). */
const APPROVER = { login: 'tgd-vnpt', name: 'Trần Văn B', email: 'lanhdao.vnpt@mic.example.vn' };
/**
 * 1 plan day = 0.25 s on both campaigns (the sub runs on the parent's clock): from the parent's plan
 * (June 2014) VNPT's plan goes out at ~23 s, its units' lock (30/01/2015) at ~61 s, its approval
 * deadline (04/03/2015) at ~69 s; the ministry's `ket-qua` deadline (31/03/2015) at ~76 s.
 */
const REHEARSAL = '1d=0.25s';

let stack: E2eStack | undefined;
let client: Client;
let maildev: Maildev;
let dataDir: string;
let settings: E2eStack['settings'];

beforeAll(async () => {
  stack = await startE2eStack('sub-campaign');
  ({ client, maildev, dataDir, settings } = stack);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
}, 60_000);

async function waitForMail(what: string, found: (m: InboxMessage) => boolean, timeoutMs: number) {
  await waitFor(what, async () => (await readInbox(maildev.webPort)).some(found), timeoutMs);
}

async function status(campaignId: string): Promise<string> {
  const io = captureIo();
  expect(await statusCommand([campaignId], io)).toBe(0);
  return io.out();
}

test('the ministry and VNPT as two levels: the sub-campaign’s approved report becomes VNPT’s submission', async () => {
  await new FileAccountStore(settings.dataDir).set(APPROVER.login, APPROVER.name, 'mat-khau-tong-giam-doc-2026', [
    'approver',
  ]);

  // ---- two levels start, each rehearsed; the sub on the parent's clock ----------------------------
  const started = captureIo();
  expect(await startCommand([PARENT_FILE, '--rehearse', REHEARSAL], started)).toBe(0);
  const subStarted = captureIo();
  expect(await startCommand([SUB_FILE, '--rehearse', REHEARSAL], subStarted)).toBe(0);

  // ---- VNPT's member units get its plan and submit their reports ---------------------------------
  await waitForMail(
    "VNPT's plan to its member units",
    (m) => m.to.some((a) => a.address === 'thidua.vinaphone@vnpt.example.vn'),
    60_000,
  );
  for (const unitId of SUB_UNITS.slice(0, 4)) {
    const report = path.join(dataDir, `Báo cáo tổng kết thi đua 2011-2015 - ${unitId}.pdf`);
    fs.writeFileSync(report, Buffer.from(`%PDF-1.4\n% Báo cáo tổng kết phong trào thi đua 2011-2015 — ${unitId}\n`));
    expect(await submitCommand([SUB, unitId, report, '--by-name', 'Cán bộ thi đua'], captureIo())).toBe(0);
  }

  // ---- its synthesis is drafted after its units' lock, and approved -------------------------------
  const synthesis = client.workflow.getHandle(synthesisWorkflowId(SUB));
  let draft: SynthesisStatusView | undefined;
  await waitFor(
    "VNPT's draft synthesis",
    async () => {
      draft = (await synthesis.query(getSynthesisStatus).catch(() => undefined)) as SynthesisStatusView | undefined;
      return draft?.state === 'awaiting-approval';
    },
    90_000,
  );
  expect(await approveCommand([SUB, '--as', APPROVER.login], captureIo())).toBe(0);
  const approvedDocx = draft!.versions.at(-1)!.docx;

  // ---- the parent's unit vnpt: the approved report is its ket-qua submission, on time -------------
  const vnpt = client.workflow.getHandle(unitWorkflowId(PARENT, 'vnpt'));
  let unit: UnitStatusView | undefined;
  await waitFor(
    "VNPT's submission to the ministry",
    async () => {
      unit = (await vnpt.query(getUnitStatus)) as UnitStatusView;
      return unit.reports.some((r) => r.sha256 === approvedDocx.sha256);
    },
    30_000,
  );
  expect(unit!.phase.id).toBe('ket-qua');
  expect(unit!.status).toBe('submitted');
  expect(unit!.reports.find((r) => r.sha256 === approvedDocx.sha256)).toMatchObject({ late: false });

  // ---- the tree, as the CLI shows it --------------------------------------------------------------
  const parentStatus = await status(PARENT);
  expect(parentStatus).toContain('Đợt con (1):');
  expect(parentStatus).toMatch(/\nvnpt +Tập đoàn Bưu chính Viễn thông Việt Nam +vnpt-2014-2015-dai-hoi +\S/);
  // The upper level sees the lower one's progress, counted from its units' search attributes on the
  // real server: 4 of VNPT's 6 members sent their report, the 2 others passed the lock without.
  expect(parentStatus).toMatch(/\nvnpt +.* +RUNNING +đã nộp 4\/6 \(muộn 0\) · quá hạn, chưa nộp 2\n/);
  expect(parentStatus).toMatch(/\nvnpt +Tập đoàn Bưu chính Viễn thông Việt Nam \(có đợt con\) +đã nộp/);

  // The sub-campaign records what became of its result once the activity that sent it up returns,
  // a moment after the parent's unit holds it: wait for that, not for a fixed time.
  let subStatus = '';
  await waitFor(
    'the sub-campaign’s record of its result',
    async () => /Kết quả: đã gửi lên/.test((subStatus = await status(SUB))),
    30_000,
  );
  expect(subStatus).toContain(`Đợt cấp trên: ${PARENT}, đơn vị Tập đoàn Bưu chính Viễn thông Việt Nam (vnpt)`);
  expect(subStatus).toMatch(/Kết quả: đã gửi lên đợt cấp trên, nhận lúc \d\d\/\d\d\/\d{4} \d\d:\d\d \(đúng hạn\)/);

  // ---- and as the Temporal UI finds it: the parent's search attribute ------------------------------
  const found: string[] = [];
  for await (const wf of client.workflow.list({ query: `ParentCampaign = '${PARENT}'` })) found.push(wf.workflowId);
  expect(found).toEqual([`campaign/${SUB}`]);
}, 300_000);

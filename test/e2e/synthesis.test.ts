/**
 * Issue 12, end to end on the real stack: the Temporal dev server, the real worker (real activities,
 * nodemailer, the report store, the pack builder), maildev and the dashboard. A rehearsed two-unit
 * campaign with a synthesis phase: one unit submits, the other does not; when self-review locks the
 * synthesis workflow builds the pack and mails it to the secretariat and the approver with the
 * `.docx` and `.xlsx` attached. The `.docx` downloaded through `thidua synthesis download` is a real
 * Word file naming both units. With /usr/bin/chromium present, the approver logs in to the dashboard,
 * reads the synthesis page (screenshot in test-results/) and approves; the campaign then closes and
 * the approval is mailed. Without Chromium the approval goes through `thidua synthesis approve`.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Client } from '@temporalio/client';
import { startCommand } from '../../client/commands/campaign-start';
import { submitCommand } from '../../client/commands/unit-submit';
import { approveCommand, downloadCommand, showCommand } from '../../client/commands/synthesis';
import type { Settings } from '../../config/settings';
import { isDocx } from '../../documents/docx-check';
import { synthesisWorkflowId, type SynthesisStatusView } from '../../domain/synthesis-types';
import { campaignWorkflowId, type CampaignStatusView } from '../../domain/workflow-types';
import { startPortal, type RunningPortal } from '../../portal';
import { freePort, waitFor, type Maildev } from '../../scripts/processes';
import { FileAccountStore } from '../../stores/accounts';
import { getSynthesisStatus } from '../../workflows/synthesis';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { readInbox, type InboxMessage } from '../helpers/inbox';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../helpers/chromium';
import { captureIo } from '../helpers/capture-io';

const CAMPAIGN_ID = 'e2e-tong-hop-67-kh-tu';
const PLAN = '67-KH/TU';
const ZONE = 'Asia/Ho_Chi_Minh';
const SECRETARIAT_EMAIL = 'thiduakhenthuong@vinhphuc.example.vn';
const APPROVER = { name: 'Nguyễn Văn C', email: 'thuongtruc.tinhuy@vinhphuc.example.vn' };
const SUBMITTER = { id: 'thanh-uy-vinh-yen', name: 'Thành ủy Vĩnh Yên', email: 'thidua.vinh-yen@vinhphuc.example.vn' };
const MISSING = { id: 'so-y-te', name: 'Sở Y tế', email: 'thidua.so-y-te@vinhphuc.example.vn' };
/** 1 campaign day = 3 s: the lock (16/10 17:00) is ~34 s after the start, the approval deadline ~55 s. */
const REHEARSAL = '1d=3s';

const CAMPAIGN_YAML = `campaign:
  id: ${CAMPAIGN_ID}
  plan: { kind: ke-hoach, number: ${PLAN}, date: 5/10/2009, system: party }
  title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị
  directive: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị (khóa IX)
  issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc
  secretariat:
    name: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc
    contacts:
      - { name: Nguyễn Văn T, title: Chuyên viên, phone: 0211 3862 000, email: ${SECRETARIAT_EMAIL} }
  timeZone: ${ZONE}
units:
  - id: ${SUBMITTER.id}
    name: ${SUBMITTER.name}
    kind: district-committee
    cluster: Cụm thi đua các huyện, thành phố, thị xã
    focal: { name: Nguyễn Văn A, email: ${SUBMITTER.email} }
    head: { name: Trần Thị B, email: lanhdao.vinh-yen@vinhphuc.example.vn }
  - id: ${MISSING.id}
    name: ${MISSING.name}
    kind: department
    cluster: Khối các sở, ban, ngành
    focal: { name: Hoàng Văn N, email: ${MISSING.email} }
    head: { name: Vũ Thị P, email: lanhdao.so-y-te@vinhphuc.example.vn }
phases:
  - kind: plan-issue
    name: Ban hành Kế hoạch tổng kết
    window: { start: 5/10/2009, end: 7/10/2009 }
  - kind: self-review
    name: Tổng kết tại các đơn vị
    window: { start: 8/10/2009, end: 16/10/2009 }
    deadline: trước ngày 15/10/2009
    lock: 16/10/2009
    due:
      summaryReport: required
      presentationPaper: optional
  - kind: synthesis
    name: Tổng hợp, dự thảo báo cáo tổng kết của Tỉnh
    window: { start: 17/10/2009, end: 30/10/2009 }
    approval:
      deadline: 23/10/2009 17:00
      reminders: [1d]
      approvers:
        - { name: ${APPROVER.name}, title: Phó Bí thư Thường trực Tỉnh ủy, email: ${APPROVER.email} }
      body: Ban Thường vụ Tỉnh ủy
    report:
      style: party
      issuingBody: TỈNH ỦY VĨNH PHÚC
      number: …-BC/TU
      place: Vĩnh Phúc
      signature: { capacity: T/M BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ }
`;

let stack: E2eStack | undefined;
let client: Client;
let maildev: Maildev;
let dataDir: string;
let settings: Settings;
let portal: RunningPortal | undefined;

beforeAll(async () => {
  const portalPort = await freePort();
  stack = await startE2eStack('synthesis', {
    THIDUA_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
    THIDUA_PORTAL_PORT: String(portalPort),
    THIDUA_MAIL_FROM: `"Thường trực Hội đồng Thi đua - Khen thưởng" <tdkt-tong-hop@vinhphuc.example.vn>`,
  });
  ({ client, maildev, dataDir, settings } = stack);
  portal = await startPortal({
    settings,
    client,
    port: portalPort,
    host: '127.0.0.1',
    workerDeadlineMs: 5_000,
    overrides: { log: () => undefined },
  });
}, 120_000);

afterAll(async () => {
  await portal?.close();
  await stack?.stop();
}, 60_000);

async function waitForMail(what: string, found: (m: InboxMessage) => boolean, timeoutMs: number) {
  let hit: InboxMessage | undefined;
  await waitFor(
    what,
    async () => {
      hit = (await readInbox(maildev.webPort)).find(found);
      return !!hit;
    },
    timeoutMs,
  );
  return hit!;
}

const addresses = (list?: Array<{ address: string }>) => (list ?? []).map((a) => a.address).sort();

test('self-review locks, the pack is built and mailed, the approver approves on the dashboard, the campaign closes', async () => {
  const accounts = new FileAccountStore(settings.dataDir);
  await accounts.set('chuyenvien', 'Nguyễn Văn T', 'mat-khau-chuyen-vien-2026', ['clerk']);
  await accounts.set('lanhdao', APPROVER.name, 'mat-khau-lanh-dao-2026', ['approver']);

  const campaignFile = path.join(dataDir, 'tong-hop.yaml');
  fs.writeFileSync(campaignFile, CAMPAIGN_YAML);
  expect(await startCommand([campaignFile, '--rehearse', REHEARSAL], captureIo())).toBe(0);
  await waitForMail('the plan for the submitting unit', (m) => m.to[0]?.address === SUBMITTER.email, 30_000);

  const report = path.join(dataDir, 'Báo cáo tổng kết - Thành ủy Vĩnh Yên.pdf');
  fs.writeFileSync(report, Buffer.from('%PDF-1.4\n% Báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW\n'));
  expect(await submitCommand([CAMPAIGN_ID, SUBMITTER.id, report, '--by-name', 'Nguyễn Văn A'], captureIo())).toBe(0);

  // ---- the draft reaches the secretariat and the approver, with the pack attached ----------------
  const draft = await waitForMail(
    'the draft synthesis mail',
    (m) => m.subject.startsWith(`[${PLAN}] Dự thảo báo cáo tổng hợp — đề nghị phê duyệt`),
    90_000,
  );
  expect([...addresses(draft.to), ...addresses(draft.cc)].sort()).toEqual([APPROVER.email, SECRETARIAT_EMAIL].sort());
  const attached = (draft.attachments ?? []).map((a) => a.filename);
  expect(attached.some((n) => n.endsWith('.docx'))).toBe(true);
  expect(attached.some((n) => n.endsWith('.xlsx'))).toBe(true);
  expect(draft.text).toContain('Ban Thường vụ Tỉnh ủy');
  // The mail says where to review it: the campaign's synthesis page on the dashboard (followed below).
  const reviewLink = /Xem dự thảo, phê duyệt hoặc trả lại kèm ý kiến tại: (\S+)/.exec(draft.text)?.[1];
  expect(reviewLink).toBe(`${settings.publicBaseUrl}/admin/c/${CAMPAIGN_ID}/tong-hop`);

  const synthesis = client.workflow.getHandle(synthesisWorkflowId(CAMPAIGN_ID));
  const waiting = (await synthesis.query(getSynthesisStatus)) as SynthesisStatusView;
  expect(waiting).toMatchObject({ state: 'awaiting-approval', versions: [expect.objectContaining({ version: 1 })] });

  // ---- the draft as the clerk downloads it: a real Word file with both units ----------------------
  const outDir = path.join(dataDir, 'tai-ve');
  fs.mkdirSync(outDir);
  expect(await downloadCommand([CAMPAIGN_ID, '--out', outDir], captureIo())).toBe(0);
  const docxName = fs.readdirSync(outDir).find((n) => n.endsWith('.docx'));
  expect(docxName).toBeDefined();
  const docx = fs.readFileSync(path.join(outDir, docxName!));
  expect(isDocx(docx)).toBe(true);
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  // The party layout, the figures by cluster, the missing unit listed by name.
  for (const s of [
    'ĐẢNG CỘNG SẢN VIỆT NAM',
    'TỈNH ỦY VĨNH PHÚC',
    'Số …-BC/TU',
    'Kế hoạch số 67-KH/TU ngày 5/10/2009',
  ]) {
    expect(text).toContain(s);
  }
  expect(text).toContain('đã nhận báo cáo của 1/2 đơn vị');
  expect(text).toMatch(/Bảng 2\. Đơn vị nộp muộn, chưa nộp báo cáo.*Sở Y tế.*Chưa nhận/);
  // The workbook lists every unit with its status.
  const xlsxName = fs.readdirSync(outDir).find((n) => n.endsWith('.xlsx'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path.join(outDir, xlsxName!));
  const rows: string[] = [];
  workbook
    .getWorksheet('Đơn vị')!
    .eachRow((row) => rows.push((row.values as unknown[]).map((v) => String(v ?? '')).join(' | ')));
  expect(rows.find((r) => r.includes(SUBMITTER.name))).toMatch(/đúng hạn/i);
  expect(rows.find((r) => r.includes(MISSING.name))).toMatch(/chưa nộp/i);

  // ---- approval: in Chromium when it is here, else through the CLI --------------------------------
  if (haveChromium()) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync('test-results', { recursive: true });
    try {
      const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      // On the address the mails give (THIDUA_PUBLIC_URL): the session cookie is that host's.
      await page.goto(`${new URL(reviewLink!).origin}/admin/login`);
      await page.locator('#login').fill('lanhdao');
      await page.locator('#password').fill('mat-khau-lanh-dao-2026');
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(/\/admin$/);
      await page.goto(reviewLink!);
      expect(await page.locator('#synthesis-state').innerText()).toBe('Chờ phê duyệt');
      expect(await page.locator('#versions').innerText()).toContain('lập tự động');
      await page.screenshot({ path: path.join('test-results', 'dashboard-synthesis.png'), fullPage: true });
      await page.locator('#approve-confirm').check();
      await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
      const flash = page.getByRole('status');
      await flash.waitFor();
      expect(await flash.innerText()).toContain('Đã phê duyệt bản số 1');
    } finally {
      await browser.close().catch(() => undefined);
    }
  } else {
    expect(await approveCommand([CAMPAIGN_ID, '--as', 'lanhdao'], captureIo())).toBe(0);
  }

  // ---- approved: the synthesis locks, the campaign closes, everyone concerned is told -------------
  const campaign = (await client.workflow.getHandle(campaignWorkflowId(CAMPAIGN_ID)).result()) as CampaignStatusView;
  expect(campaign).toMatchObject({ phase: 'closed', counts: { submitted: 1, missing: 1 } });
  const approved = (await synthesis.result()) as SynthesisStatusView;
  expect(approved).toMatchObject({ state: 'approved', approved: { version: 1 } });
  expect(approved.approved!.by).toContain(APPROVER.name);
  await waitForMail(
    'the approval mail',
    (m) => m.subject === `[${PLAN}] Báo cáo tổng hợp đã được phê duyệt (dự thảo lần 1)`,
    30_000,
  );
  const shown = captureIo();
  expect(await showCommand([CAMPAIGN_ID], shown)).toBe(0);
  expect(shown.out()).toContain('Đã phê duyệt');
}, 240_000);

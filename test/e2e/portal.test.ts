/**
 * Issue 5, end to end: the unit portal on the real stack — the Temporal dev server, the real worker,
 * maildev — with a two-unit campaign started through `thidua campaign start --rehearse`. The links
 * are read from the plan messages in the inbox, as a unit would; an upload through the portal shows
 * as version 1 in the workflow and brings the receipt by mail; one unit never sees the other's data;
 * an oversized upload and a unit whose workflow no worker serves are refused with nothing stored.
 * With /usr/bin/chromium present, a headless browser plays the same as a person: the link from the
 * inbox, the open button, a PDF upload, the receipt (screenshot in test-results/).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { FileReportStore } from '../../stores/report-store';
import { FileUnitLinks } from '../../stores/unit-links';
import { startCommand } from '../../client/commands/campaign-start';
import { linkCommand } from '../../client/commands/unit-link';
import { extendCommand } from '../../client/commands/campaign-actions';
import type { Settings } from '../../config/settings';
import { formatDeadline } from '../../domain/messages';
import { campaignWorkflowId, unitWorkflowId } from '../../domain/workflow-types';
import { startPortal, type RunningPortal } from '../../portal';
import { FileAccountStore } from '../../stores/accounts';
import { freePort, waitFor, type Maildev } from '../../scripts/processes';
import { getUnitStatus, unitReviewWorkflow } from '../../workflows/unit-review';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { readInbox, type InboxMessage } from '../helpers/inbox';
import { csrfOf, linkPath, pdfBytes, PortalBrowser } from '../helpers/portal-client';
import { unitInputFrom } from '../../scripts/schedules';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../helpers/chromium';

const CAMPAIGN_ID = 'e2e-cong-don-vi-67-kh-tu';
const ZONE = 'Asia/Ho_Chi_Minh';
const PLAN = '67-KH/TU';
const TITLE = 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị';
const FROM_EMAIL = 'tdkt-cong@vinhphuc.example.vn';
const UNIT_A = { id: 'thanh-uy-vinh-yen', name: 'Thành ủy Vĩnh Yên', email: 'thidua.vinh-yen@vinhphuc.example.vn' };
const UNIT_B = { id: 'so-y-te', name: 'Sở Y tế', email: 'thidua.so-y-te@vinhphuc.example.vn' };

const CAMPAIGN_YAML = campaignYaml(CAMPAIGN_ID);

function campaignYaml(id: string): string {
  return `campaign:
  id: ${id}
  plan: { number: ${PLAN}, date: 5/10/2009 }
  title: ${TITLE}
  directive: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị (khóa IX)
  issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc
  secretariat:
    name: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc
    contacts:
      - { name: Nguyễn Văn T, title: Chuyên viên, phone: 0211 3862 000, email: thiduakhenthuong@vinhphuc.example.vn }
  timeZone: ${ZONE}
units:
  - id: ${UNIT_A.id}
    name: ${UNIT_A.name}
    kind: district-committee
    focal: { name: Nguyễn Văn A, email: ${UNIT_A.email} }
    head: { name: Trần Thị B, email: lanhdao.vinh-yen@vinhphuc.example.vn }
  - id: ${UNIT_B.id}
    name: ${UNIT_B.name}
    kind: department
    focal: { name: Hoàng Văn N, email: ${UNIT_B.email} }
    head: { name: Vũ Thị P, email: lanhdao.so-y-te@vinhphuc.example.vn }
phases:
  - kind: plan-issue
    name: Ban hành Kế hoạch tổng kết
    window: { start: 5/10/2009, end: 7/10/2009 }
    attachments: []
  - kind: self-review
    name: Tổng kết tại các đơn vị
    window: { start: 8/10/2009, end: 16/10/2009 }
    deadline: trước ngày 15/10/2009
    lock: 16/10/2009
    reminders: [3d]
    escalation:
      - { after: 1d, notify: [head] }
    due:
      summaryReport: required
      presentationPaper: optional
      nominations:
        quota: { total: 1, collective: 1, individual: 1 }
        forms: [Bằng khen của Chủ tịch UBND tỉnh]
        description: 01 tập thể hoặc 01 cá nhân tiêu biểu xuất sắc
`;
}

let stack: E2eStack | undefined;
let client: Client;
let maildev: Maildev;
let dataDir: string;
let settings: Settings;
let portal: RunningPortal;
let reports: FileReportStore;
const links = new Map<string, string>();

/** The Message-ID the mail activity gives a unit's message with this workflow key. */
const messageId = (campaignId: string, unitId: string, key: string) =>
  `<${`${campaignId}/${unitId}/${key}`.replace(/[^A-Za-z0-9.-]+/g, '.')}@vinhphuc.example.vn>`;
const receiptId = (unitId: string) => messageId(CAMPAIGN_ID, unitId, 'receipt/summary-report/v1');

async function waitForMail(what: string, found: (inbox: InboxMessage[]) => boolean, timeoutMs = 30_000) {
  let inbox: InboxMessage[] = [];
  await waitFor(
    what,
    async () => {
      inbox = await readInbox(maildev.webPort);
      return found(inbox);
    },
    timeoutMs,
  );
  return inbox;
}

beforeAll(async () => {
  const portalPort = await freePort();
  stack = await startE2eStack('portal', {
    THIDUA_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
    THIDUA_PORTAL_PORT: String(portalPort),
    THIDUA_MAIL_FROM: `"Thường trực Hội đồng Thi đua - Khen thưởng" <${FROM_EMAIL}>`,
  });
  ({ client, maildev, dataDir, settings } = stack);
  // As `npm run dev` starts it: on THIDUA_PORTAL_PORT, with the settings' stores.
  portal = await startPortal({
    settings,
    client,
    host: '127.0.0.1',
    workerDeadlineMs: 5_000,
    // Every test here comes from 127.0.0.1: the per-IP limit on token attempts (10 a minute) is raised.
    overrides: { log: () => undefined, rateLimit: { max: 100, windowMs: 60_000 } },
  });
  reports = new FileReportStore(path.join(settings.dataDir, 'reports'));

  const campaignFile = path.join(dataDir, 'cong-don-vi.yaml');
  fs.writeFileSync(campaignFile, CAMPAIGN_YAML);
  const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
  // 1 campaign day = 30 s: the deadline is ~4.7 min away, far beyond this file's tests.
  expect(await startCommand([campaignFile, '--rehearse', '1d=30s'], quiet)).toBe(0);
  const inbox = await waitForMail('the plan for both units', (msgs) =>
    [UNIT_A, UNIT_B].every((u) => msgs.some((m) => m.to[0]?.address === u.email && /Triển khai/.test(m.subject))),
  );
  for (const u of [UNIT_A, UNIT_B]) {
    const plan = inbox.find((m) => m.to[0]?.address === u.email && /Triển khai/.test(m.subject))!;
    const link = /Đường dẫn nộp hồ sơ của đơn vị: (\S+)/.exec(plan.text)?.[1];
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${portalPort}/u/[A-Za-z0-9_-]{32}$`));
    links.set(u.id, link!);
  }
}, 180_000);

afterAll(async () => {
  await portal?.close();
  reports?.close();
  await stack?.stop();
}, 60_000);

const unitHandle = (unitId: string) => client.workflow.getHandle(unitWorkflowId(CAMPAIGN_ID, unitId));

test('a unit opens its link from the plan message, uploads its report: version 1 in the workflow, the receipt by mail', async () => {
  const a = new PortalBrowser(portal.url);
  const linkA = linkPath(links.get(UNIT_A.id)!);
  // The GET (what a mail scanner does) opens nothing.
  const landing = await a.get(linkA);
  expect(landing.status).toBe(200);
  expect(landing.body).not.toContain(UNIT_A.name);
  expect(portal.sessions.size).toBe(0);
  expect((await a.postForm(`${linkA}/open`, {})).status).toBe(403);
  expect(portal.sessions.size).toBe(0);

  const page = await a.open(linkA);
  expect(page.status).toBe(200);
  const view = await unitHandle(UNIT_A.id).query(getUnitStatus);
  expect(page.body).toContain(`<h1>${UNIT_A.name}</h1>`);
  expect(page.body).toContain(`Kế hoạch số ${PLAN} ngày 5/10/2009: ${TITLE}`);
  expect(page.body).toContain('Tổng kết tại các đơn vị');
  expect(page.body).toContain(formatDeadline(view.deadline, ZONE));
  expect(page.body).toContain(formatDeadline(view.lockAt, ZONE));
  expect(page.body).toContain('Chưa nộp');

  // Refused before anything is written: no CSRF token, an empty file, a type that is not accepted.
  const csrf = csrfOf(page.body);
  const file = (filename: string, data: Buffer) => ({ filename, data, contentType: 'application/pdf' });
  expect((await a.postMultipart('/unit/upload', { kind: 'summary-report' }, file('a.pdf', pdfBytes('a')))).status).toBe(
    403,
  );
  const empty = await a.postMultipart(
    '/unit/upload',
    { csrf, kind: 'summary-report' },
    file('rong.pdf', Buffer.alloc(0)),
  );
  expect(empty.status).toBe(400);
  expect(empty.body).toContain('rỗng (0 byte). Không có gì được ghi nhận.');
  const exe = await a.postMultipart(
    '/unit/upload',
    { csrf, kind: 'summary-report' },
    file('bao-cao.exe', Buffer.from('MZ')),
  );
  expect(exe.status).toBe(415);
  expect(exe.body).toContain('không đúng định dạng; chấp nhận: PDF, DOC, DOCX, ODT.');
  expect(await reports.uploadsOf(CAMPAIGN_ID, UNIT_A.id)).toEqual([]);

  const bytes = pdfBytes('Báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW — Thành ủy Vĩnh Yên');
  const name = 'Báo cáo tổng kết Chỉ thị 39 - Thành ủy Vĩnh Yên.pdf';
  const up = await a.postMultipart(
    '/unit/upload',
    { csrf, kind: 'summary-report' },
    file(`C:\\Tài liệu\\${name}`, bytes),
  );
  expect(up.status).toBe(303);
  const after = await a.get('/unit');
  expect(after.body).toContain(`Đã nhận báo cáo tổng kết "${name}", phiên bản 1`);
  expect(after.body).toContain('Đã nộp');

  const status = await unitHandle(UNIT_A.id).query(getUnitStatus);
  expect(status.status).toBe('submitted');
  expect(status.reports).toEqual([
    expect.objectContaining({ name, version: 1, late: false, size: bytes.length, contentType: 'application/pdf' }),
  ]);
  const [stored] = await reports.uploadsOf(CAMPAIGN_ID, UNIT_A.id);
  expect(stored).toMatchObject({ name, sha256: status.reports[0].sha256, phase: 'self-review' });
  expect(after.body).toContain(`Biên nhận: đã nhận báo cáo tổng kết "${name}", phiên bản 1`);
  expect(after.body).toContain(status.reports[0].sha256);

  const inbox = await waitForMail('the receipt', (msgs) =>
    msgs.some((m) => m.headers['message-id'] === receiptId(UNIT_A.id)),
  );
  const receipt = inbox.find((m) => m.headers['message-id'] === receiptId(UNIT_A.id))!;
  expect(receipt.to[0].address).toBe(UNIT_A.email);
  expect(receipt.subject).toBe(`[${PLAN}] Xác nhận đã nhận báo cáo tổng kết của ${UNIT_A.name}`);
  expect(receipt.text).toContain(`"${name}" (phiên bản 1, mã SHA-256 ${status.reports[0].sha256})`);

  // Nominations through the form, checked by the workflow's own validator (quota, forms).
  expect(after.body).toContain('Chỉ tiêu: 01 tập thể hoặc 01 cá nhân tiêu biểu xuất sắc');
  const nomination = {
    csrf,
    n0_type: 'individual',
    n0_name: 'Nguyễn Văn C',
    n0_position: 'Trưởng ban Tổ chức Thành ủy',
    n0_form: 'Bằng khen của Chủ tịch UBND tỉnh',
    n0_reasons: 'Có thành tích tiêu biểu xuất sắc trong 05 năm thực hiện Chỉ thị 39-CT/TW',
  };
  const tooMany = await a.postForm('/unit/nominations', { ...nomination, n1_name: 'Phòng B', n1_reasons: 'x' });
  expect(tooMany.status).toBe(409);
  expect(tooMany.body).toContain('Vượt chỉ tiêu: 2 đề nghị, tối đa 1');
  expect((await a.postForm('/unit/nominations', nomination)).status).toBe(303);
  expect((await a.get('/unit')).body).toContain('Đã nhận hồ sơ đề nghị khen thưởng (1 đề nghị), phiên bản 1');
  const unitA = await unitHandle(UNIT_A.id).query(getUnitStatus);
  expect(unitA.nominations).toEqual([expect.objectContaining({ version: 1, late: false, count: 1 })]);
  expect([unitA.latestNominations]).toEqual([
    expect.objectContaining({
      version: 1,
      late: false,
      nominations: [
        {
          type: 'individual',
          name: 'Nguyễn Văn C',
          position: 'Trưởng ban Tổ chức Thành ủy',
          awardForm: 'Bằng khen của Chủ tịch UBND tỉnh',
          reasons: 'Có thành tích tiêu biểu xuất sắc trong 05 năm thực hiện Chỉ thị 39-CT/TW',
        },
      ],
    }),
  ]);

  // Unit B's session sees its own unit only, and an oversized file (over 20 MB) is refused unstored.
  const b = new PortalBrowser(portal.url);
  const pageB = await b.open(linkPath(links.get(UNIT_B.id)!));
  expect(pageB.body).toContain(`<h1>${UNIT_B.name}</h1>`);
  expect(pageB.body).not.toContain(UNIT_A.name);
  expect(pageB.body).not.toContain(name);
  expect((await b.get(`/unit?unitId=${UNIT_A.id}`)).body).not.toContain(name);
  const big = Buffer.concat([pdfBytes('lớn'), Buffer.alloc(21 * 1024 * 1024, 0x20)]);
  const oversized = await b.postMultipart(
    '/unit/upload',
    { csrf: csrfOf(pageB.body), kind: 'summary-report' },
    file('lon.pdf', big),
  );
  expect(oversized.status).toBe(413);
  expect(oversized.body).toContain('Tệp quá lớn; tối đa 20 MB. Không có gì được ghi nhận.');
  expect(await reports.uploadsOf(CAMPAIGN_ID, UNIT_B.id)).toEqual([]);
  expect((await unitHandle(UNIT_B.id).query(getUnitStatus)).reports).toEqual([]);
}, 120_000);

test('a unit whose workflow no worker serves: the portal says so within seconds and stores nothing', async () => {
  const campaignId = `portal-no-worker-${Date.now()}`;
  const start = Date.now();
  // Its campaign runs too (as far as the server knows: nobody polls its queue either), so the link is live.
  await client.workflow.start('campaignWorkflow', {
    taskQueue: `nobody-polls-${process.pid}`,
    workflowId: campaignWorkflowId(campaignId),
    args: [],
  });
  await client.workflow.start(unitReviewWorkflow, {
    taskQueue: `nobody-polls-${process.pid}`,
    workflowId: unitWorkflowId(campaignId, 'so-noi-vu'),
    args: [
      unitInputFrom(start, {
        campaignId,
        planNumber: PLAN,
        unitId: 'so-noi-vu',
        unitName: 'Sở Nội vụ',
        deadlineDays: 20,
        lockDays: 25,
      }),
    ],
  });
  const link = await new FileUnitLinks(path.join(settings.dataDir, 'links'), settings.publicBaseUrl).linkFor(
    campaignId,
    'so-noi-vu',
  );
  const browser = new PortalBrowser(portal.url);
  const linkP = linkPath(link);
  const landing = await browser.get(linkP);
  expect((await browser.postForm(`${linkP}/open`, { csrf: csrfOf(landing.body) })).status).toBe(303);
  const t0 = Date.now();
  const page = await browser.get('/unit');
  expect(page.status).toBe(503);
  expect(page.body).toContain('Hệ thống xử lý hồ sơ hiện không phản hồi');
  expect(Date.now() - t0).toBeLessThan(15_000);
  expect(await reports.uploadsOf(campaignId, 'so-noi-vu')).toEqual([]);
  await client.workflow.getHandle(unitWorkflowId(campaignId, 'so-noi-vu')).terminate('test over');
  await client.workflow.getHandle(campaignWorkflowId(campaignId)).terminate('test over');
}, 60_000);

test('after the lock: the page shows the phase locked, offers no form, and an upload is refused with the reason, unstored', async () => {
  // The same campaign played at 1 campaign day = 1 s: the lock (16/10 17:00) comes ~11 s after the start.
  const campaignId = 'e2e-cong-don-vi-da-khoa';
  const file = path.join(dataDir, 'da-khoa.yaml');
  fs.writeFileSync(file, campaignYaml(campaignId));
  const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
  expect(await startCommand([file, '--rehearse', '1d=1s'], quiet)).toBe(0);
  const lockedId = messageId(campaignId, UNIT_B.id, 'lock/self-review');
  const inbox = await waitForMail(
    'the phase-locked message',
    (msgs) => msgs.some((m) => m.headers['message-id'] === lockedId),
    90_000,
  );
  const plan = inbox.find((m) => m.headers['message-id'] === messageId(campaignId, UNIT_B.id, 'plan-issued'))!;
  const link = /Đường dẫn nộp hồ sơ của đơn vị: (\S+)/.exec(plan.text)![1];
  expect(link).not.toBe(links.get(UNIT_B.id));

  const browser = new PortalBrowser(portal.url);
  const page = await browser.open(linkPath(link));
  const view = await client.workflow.getHandle(unitWorkflowId(campaignId, UNIT_B.id)).query(getUnitStatus);
  expect(view.locked).toBe(true);
  expect(page.status).toBe(200);
  expect(page.body).toContain('Đã khóa.');
  expect(page.body).toContain(`đã khóa lúc ${formatDeadline(view.lockAt, ZONE)};`);
  expect(page.body).toContain('Quá hạn, chưa nộp — đã khóa');
  expect(page.body).not.toContain('action="/unit/upload"');
  expect(page.body).not.toContain('action="/unit/nominations"');

  const refused = await browser.postMultipart(
    '/unit/upload',
    { csrf: csrfOf(page.body), kind: 'summary-report' },
    { filename: 'nop-muon.pdf', data: pdfBytes('nộp muộn'), contentType: 'application/pdf' },
  );
  expect(refused.status).toBe(409);
  expect(refused.body).toContain(
    `đã khóa lúc ${formatDeadline(view.lockAt, ZONE)}; báo cáo không thể nộp hoặc sửa nữa.`,
  );
  expect(refused.body).toContain('Liên hệ: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc');
  expect(refused.body).toContain('Không có gì được ghi nhận.');
  expect(await reports.uploadsOf(campaignId, UNIT_B.id)).toEqual([]);
}, 120_000);

const browserTest = haveChromium() ? test : test.skip;

browserTest(
  'in a headless browser: the link from the inbox, the open button, a PDF upload, the receipt',
  async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      const inbox = await readInbox(maildev.webPort);
      const plan = inbox.find((m) => m.headers['message-id'] === messageId(CAMPAIGN_ID, UNIT_B.id, 'plan-issued'))!;
      const link = /Đường dẫn nộp hồ sơ của đơn vị: (\S+)/.exec(plan.text)![1];
      const page = await browser.newPage();
      await page.goto(link);
      await page.getByRole('button', { name: 'Mở trang nộp hồ sơ' }).click();
      await page.waitForURL(/\/unit$/);
      await page.getByRole('heading', { name: UNIT_B.name }).waitFor();
      const pdf = path.join(dataDir, 'Báo cáo tổng kết - Sở Y tế.pdf');
      fs.writeFileSync(pdf, pdfBytes('Báo cáo tổng kết - Sở Y tế'));
      await page.locator('#kind').selectOption('summary-report');
      await page.locator('#file').setInputFiles(pdf);
      await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
      const flash = page.getByRole('status');
      await flash.waitFor();
      expect(await flash.innerText()).toContain(
        'Đã nhận báo cáo tổng kết "Báo cáo tổng kết - Sở Y tế.pdf", phiên bản 1',
      );
      expect(await page.locator('.receipt').innerText()).toContain('Biên nhận: đã nhận báo cáo tổng kết');
      fs.mkdirSync('test-results', { recursive: true });
      await page.screenshot({ path: path.join('test-results', 'portal-receipt.png'), fullPage: true });
    } finally {
      await browser.close();
    }
    expect((await unitHandle(UNIT_B.id).query(getUnitStatus)).reports).toEqual([
      expect.objectContaining({ name: 'Báo cáo tổng kết - Sở Y tế.pdf', version: 1 }),
    ]);
    await waitForMail('the receipt for unit B', (msgs) =>
      msgs.some((m) => m.headers['message-id'] === receiptId(UNIT_B.id)),
    );
  },
  120_000,
);

browserTest(
  'in a headless browser: the secretariat logs in, extends a unit’s deadline, and the unit sees the new one',
  async () => {
    const password = 'mat-khau-thuong-truc-2026';
    await new FileAccountStore(settings.dataDir).set('thuongtruc', 'Nguyễn Thị Hạnh', password);
    const before = await unitHandle(UNIT_A.id).query(getUnitStatus);
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    fs.mkdirSync('test-results', { recursive: true });
    try {
      const staff = await browser.newPage({ viewport: { width: 1360, height: 900 } });
      await staff.goto(`${portal.url}/admin`);
      await staff.waitForURL(/\/admin\/login$/);
      await staff.locator('#login').fill('thuongtruc');
      await staff.locator('#password').fill('doan-sai-mat-khau');
      await staff.getByRole('button', { name: 'Đăng nhập' }).click();
      await staff.getByRole('alert').waitFor();
      expect(await staff.getByRole('alert').innerText()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
      await staff.locator('#password').fill(password);
      await staff.getByRole('button', { name: 'Đăng nhập' }).click();
      await staff.waitForURL(/\/admin$/);
      await staff.getByRole('link', { name: CAMPAIGN_ID }).click();
      await staff.waitForURL(new RegExp(`/admin/c/${CAMPAIGN_ID}$`));
      expect(await staff.locator('#count-total').innerText()).toBe('2');
      expect(await staff.locator('#count-submitted').innerText()).toBe('2'); // both uploaded in the tests above
      await staff.screenshot({ path: path.join('test-results', 'dashboard-campaign.png'), fullPage: true });

      await staff.getByRole('link', { name: UNIT_A.name }).click();
      await staff.waitForURL(new RegExp(`/u/${UNIT_A.id}$`));
      await staff.locator('#extend-days').fill('2');
      await staff.locator('#extend-reason').fill('Đơn vị xin bổ sung số liệu năm 2009');
      await staff.getByRole('button', { name: 'Gia hạn', exact: true }).click();
      const flash = staff.getByRole('status');
      await flash.waitFor();
      expect(await flash.innerText()).toContain('Đã gia hạn cho đơn vị đến');
      await staff.screenshot({ path: path.join('test-results', 'dashboard-unit-extended.png'), fullPage: true });
    } finally {
      await browser.close().catch(() => undefined);
    }

    // The workflow took it through its update: 2 campaign days at 1 day = 30 s is one minute later.
    const after = await unitHandle(UNIT_A.id).query(getUnitStatus);
    expect(after.deadlineVersion).toBe(before.deadlineVersion + 1);
    expect(Date.parse(after.deadline) - Date.parse(before.deadline)).toBe(60_000);
    expect(after.extensions.at(-1)).toMatchObject({
      reason: 'Đơn vị xin bổ sung số liệu năm 2009',
      grantedBy: 'Nguyễn Thị Hạnh (thuongtruc), trang quản trị',
    });

    // The unit sees the new deadline on its page, and has the notice by mail.
    const unitBrowser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await unitBrowser.newPage();
      await page.goto(links.get(UNIT_A.id)!);
      await page.getByRole('button', { name: 'Mở trang nộp hồ sơ' }).click();
      await page.waitForURL(/\/unit$/);
      const shown = await page.locator('dl').first().innerText();
      expect(shown).toContain(`${formatDeadline(after.deadline, ZONE)} (đã gia hạn)`);
      expect(shown).not.toContain(formatDeadline(before.deadline, ZONE));
      await page.screenshot({ path: path.join('test-results', 'portal-unit-extended.png'), fullPage: true });
    } finally {
      await unitBrowser.close().catch(() => undefined);
    }
    const notice = messageId(CAMPAIGN_ID, UNIT_A.id, `extension/v${after.deadlineVersion}`);
    const inbox = await waitForMail('the extension notice', (msgs) =>
      msgs.some((m) => m.headers['message-id'] === notice),
    );
    expect(inbox.find((m) => m.headers['message-id'] === notice)!.text).toContain(
      'lý do: Đơn vị xin bổ sung số liệu năm 2009',
    );

    // One more day through the CLI (the same operation) counts from the unit's own, extended deadline.
    const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
    expect(
      await extendCommand([CAMPAIGN_ID, '--by', '1d', '--unit', UNIT_A.id, '--reason', 'Thêm 1 ngày'], quiet),
    ).toBe(0);
    const again = await unitHandle(UNIT_A.id).query(getUnitStatus);
    expect(Date.parse(again.deadline) - Date.parse(after.deadline)).toBe(30_000);
  },
  120_000,
);

test('`thidua unit link --reissue` and `--revoke`: the old link stops opening, the new one opens; unknown units are refused', async () => {
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } };
  const old = linkPath(links.get(UNIT_B.id)!);
  expect((await new PortalBrowser(portal.url).get(old)).status).toBe(200);
  expect(await linkCommand([CAMPAIGN_ID, UNIT_B.id, '--reissue', '--lang', 'en'], io)).toBe(0);
  const fresh = /New link of so-y-te \(the old one no longer opens\): (\S+)/.exec(out.join(''))?.[1];
  expect(fresh).toMatch(/\/u\/[A-Za-z0-9_-]{32}$/);
  expect((await new PortalBrowser(portal.url).get(old)).status).toBe(404);
  expect((await new PortalBrowser(portal.url).open(linkPath(fresh!))).body).toContain(`<h1>${UNIT_B.name}</h1>`);

  out.length = 0;
  expect(await linkCommand([CAMPAIGN_ID, UNIT_B.id, '--revoke', '--lang', 'en'], io)).toBe(0);
  expect(out.join('')).toContain('Revoked the link of so-y-te');
  expect((await new PortalBrowser(portal.url).get(linkPath(fresh!))).status).toBe(404);
  await expect(linkCommand([CAMPAIGN_ID, 'khong-co-don-vi', '--lang', 'en'], io)).rejects.toThrow(
    `no unit "khong-co-don-vi" in campaign "${CAMPAIGN_ID}"`,
  );

  // The same from the dashboard, for the secretariat's staff.
  await new FileAccountStore(settings.dataDir).set('canbo-tdkt', 'Lê Văn K', 'mat-khau-can-bo-2026');
  const staff = new PortalBrowser(portal.url);
  const login = await staff.get('/admin/login');
  await staff.postForm('/admin/login', {
    csrf: csrfOf(login.body),
    login: 'canbo-tdkt',
    password: 'mat-khau-can-bo-2026',
  });
  const unitPage = await staff.get(`/admin/c/${CAMPAIGN_ID}/u/${UNIT_A.id}`);
  expect(unitPage.status).toBe(200);
  const oldA = linkPath(links.get(UNIT_A.id)!);
  const reissued = await staff.postForm(`/admin/c/${CAMPAIGN_ID}/u/${UNIT_A.id}/do/reissue-link`, {
    csrf: csrfOf(unitPage.body),
    confirm: 'yes',
  });
  expect(reissued.status).toBe(303);
  const shown = (await staff.get(reissued.headers.get('location')!)).body;
  const freshA = /Đã cấp đường dẫn mới: (\S+) —/.exec(shown)?.[1];
  expect(freshA).toMatch(/\/u\/[A-Za-z0-9_-]{32}$/);
  expect((await new PortalBrowser(portal.url).get(oldA)).status).toBe(404);
  expect((await new PortalBrowser(portal.url).open(linkPath(freshA!))).body).toContain(`<h1>${UNIT_A.name}</h1>`);
  const unknown = await staff.postForm(`/admin/c/${CAMPAIGN_ID}/u/khong-co-don-vi/do/reissue-link`, {
    csrf: csrfOf(unitPage.body),
    confirm: 'yes',
  });
  expect(unknown.status).toBe(404);
}, 60_000);

/**
 * Issue 18, end to end on the real stack (Temporal dev server, the real worker, maildev, the portal)
 * in Chromium: a clerk uploads a small campaign file, imports its units from an `.xlsx` with one bad
 * row, sees the problem, drops the row, checks and previews; an approver then starts the campaign as
 * a rehearsal, and the plan messages reach the imported units' focal people in the mail catcher.
 * Screenshots in test-results/. Skipped without /usr/bin/chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { startPortal, type RunningPortal } from '../../portal';
import { freePort, waitFor, type Maildev } from '../../scripts/processes';
import { FileAccountStore } from '../../stores/accounts';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';
import { readInbox } from '../helpers/inbox';
import { CHROMIUM, CHROMIUM_ARGS, haveChromium } from '../helpers/chromium';

const CAMPAIGN_ID = 'e2e-nhap-don-vi-2009';
const ZONE = 'Asia/Ho_Chi_Minh';
const CLERK = { login: 'chuyenvien', password: 'mat-khau-chuyen-vien-2026' };
const APPROVER = { login: 'lanhdao', password: 'mat-khau-lanh-dao-2026' };

/** One placeholder unit, replaced by the sheet's. */
const CAMPAIGN_YAML = `# Đợt diễn tập của bài kiểm thử: danh sách đơn vị nhập từ bảng tính.
campaign:
  id: ${CAMPAIGN_ID}
  plan: { kind: ke-hoach, number: 68-KH/TU, date: 5/10/2009, system: party }
  title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị
  directive: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị (khóa IX)
  issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc
  secretariat:
    name: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc
    contacts:
      - { name: Nguyễn Văn T, email: thiduakhenthuong@vinhphuc.example.vn }
  timeZone: ${ZONE}
units:
  - id: tam-thoi
    name: Đơn vị tạm thời
    kind: other
    focal: { name: Tạm Thời, email: tam-thoi@vinhphuc.example.vn }
    head: { name: Tạm Thời, email: tam-thoi-2@vinhphuc.example.vn }
phases:
  - kind: plan-issue
    name: Ban hành Kế hoạch tổng kết
    window: { start: 5/10/2009, end: 7/10/2009 }
  - kind: self-review
    name: Tổng kết tại các đơn vị
    window: { start: 8/10/2009, end: 16/10/2009 }
    deadline: trước ngày 15/10/2009
    lock: 16/10/2009
    due: { summaryReport: required }
`;

const HEADER = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Loại đơn vị',
  'Họ tên đầu mối',
  'Email đầu mối',
  'Họ tên thủ trưởng',
  'Email thủ trưởng',
];
const GOOD = [
  [
    'so-noi-vu',
    'Sở Nội vụ',
    'Sở, ban, ngành',
    'Trần Văn Bình',
    'binh.snv@vinhphuc.example.vn',
    'Lê Quang Đức',
    'duc.snv@vinhphuc.example.vn',
  ],
  [
    'huyen-uy-tam-dao',
    'Huyện ủy Tam Đảo',
    'district-committee',
    'Đỗ Văn Nam',
    'nam.tamdao@vinhphuc.example.vn',
    'Vũ Thị Lan',
    'lan.tamdao@vinhphuc.example.vn',
  ],
];
/** Row 3 of the sheet: its focal email (column E) is not an address. */
const BAD = [
  'so-tu-phap',
  'Sở Tư pháp',
  'department',
  'Ngô Thị Hoa',
  'hoa-o-stp',
  'Phạm Văn Minh',
  'minh.stp@vinhphuc.example.vn',
];

let stack: E2eStack | undefined;
let maildev: Maildev;
let portal: RunningPortal | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!haveChromium()) return;
  const portalPort = await freePort();
  stack = await startE2eStack('dashboard-start', {
    THIDUA_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
    THIDUA_PORTAL_PORT: String(portalPort),
  });
  maildev = stack.maildev;
  portal = await startPortal({
    settings: stack.settings,
    client: stack.client,
    port: portalPort,
    host: '127.0.0.1',
    workerDeadlineMs: 5_000,
    overrides: { log: () => undefined },
  });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}, 120_000);

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await portal?.close();
  await stack?.stop();
}, 60_000);

async function logIn(who: { login: string; password: string }): Promise<Page> {
  const context = await browser!.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${portal!.url}/admin/login`);
  await page.locator('#login').fill(who.login);
  await page.locator('#password').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/admin$/);
  return page;
}

(haveChromium() ? test : test.skip)(
  'a clerk imports units from a sheet (dropping a bad row), previews; an approver rehearses; the plan reaches the units',
  async () => {
    const { dataDir, settings } = stack!;
    const accounts = new FileAccountStore(settings.dataDir);
    await accounts.set(CLERK.login, 'Nguyễn Văn T', CLERK.password, ['clerk']);
    await accounts.set(APPROVER.login, 'Nguyễn Văn C', APPROVER.password, ['approver']);
    const campaignFile = path.join(dataDir, 'dot-moi.yaml');
    fs.writeFileSync(campaignFile, CAMPAIGN_YAML);
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Đơn vị');
    for (const row of [HEADER, GOOD[0], BAD, GOOD[1]]) ws.addRow(row);
    const sheetFile = path.join(dataDir, 'don-vi.xlsx');
    await workbook.xlsx.writeFile(sheetFile);
    fs.mkdirSync('test-results', { recursive: true });

    // ---- the clerk: upload, import (the bad row shown, then dropped), check and preview ------------
    const clerk = await logIn(CLERK);
    await clerk.goto(`${portal!.url}/admin/dot-moi`);
    await clerk.locator('#upload input[type=file]').setInputFiles(campaignFile);
    await clerk.getByRole('button', { name: 'Tải lên', exact: true }).click();
    await clerk.waitForURL(/\/admin\/dot-moi\/d-[0-9a-f]{16}\?xem=kiem-tra$/);
    const draftUrl = clerk.url().replace(/\?.*$/, '');

    await clerk.locator('#sheet-upload input[type=file]').setInputFiles(sheetFile);
    await clerk.getByRole('button', { name: 'Tải lên và xem trước' }).click();
    const pending = clerk.locator('#pending-import');
    await pending.waitFor();
    expect(await pending.innerText()).toContain('3 dòng: 2 đơn vị đúng, 1 dòng lỗi (dòng 3)');
    const badRow = await clerk.locator('#import-units tr.error').innerText();
    expect(badRow).toContain('cột E (Email đầu mối)');
    expect(badRow).toContain('hoa-o-stp');
    expect(await clerk.locator('#import-all').count()).toBe(0);
    await clerk.screenshot({ path: path.join('test-results', 'dashboard-draft-import.png'), fullPage: true });

    await clerk.locator('#import-drop input[name=confirm]').check();
    await clerk.getByRole('button', { name: 'Bỏ các dòng lỗi (dòng 3) và nhập 2 đơn vị' }).click();
    await clerk.waitForURL(/\?xem=kiem-tra$/);
    expect(await clerk.locator('div.msg.ok[role=status]').first().innerText()).toContain(
      'Đã nhập 2 đơn vị từ don-vi.xlsx, bỏ dòng 3',
    );
    expect(await clerk.locator('#problems').innerText()).toMatch(/^(Không có lỗi nào|0 lỗi)/);
    expect(await clerk.locator('#yaml').inputValue()).toContain('id: huyen-uy-tam-dao');

    await clerk.getByRole('button', { name: 'Lưu và xem trước' }).click();
    await clerk.waitForURL(/\?xem=xem-truoc$/);
    expect(await clerk.locator('#preview h2').first().innerText()).toContain('2 đơn vị');
    expect(await clerk.locator('#plan tbody tr').count()).toBeGreaterThan(2);
    expect(await clerk.locator('#messages .message').first().innerText()).toContain('Thư gửi kế hoạch — gửi Sở Nội vụ');
    await clerk.screenshot({ path: path.join('test-results', 'dashboard-draft-preview.png'), fullPage: true });

    // ---- the approver: a rehearsal, confirmed -------------------------------------------------------
    const approver = await logIn(APPROVER);
    await approver.goto(draftUrl);
    await approver.locator('#rehearse-spec').fill('1d=20s');
    await approver.locator('#rehearse input[name=confirm]').check();
    await approver.getByRole('button', { name: 'Diễn tập' }).click();
    await approver.waitForURL(new RegExp(`/admin/c/${CAMPAIGN_ID}$`));
    expect(await approver.getByRole('status').first().innerText()).toContain('Đã bắt đầu diễn tập (1d=20s)');

    // ---- the plan reaches both imported units, and no one else's -----------------------------------
    const focal = GOOD.map((r) => r[4]).sort();
    let to: string[] = [];
    await waitFor(
      'the plan mails of the imported units',
      async () => {
        to = (await readInbox(maildev.webPort)).flatMap((m) => m.to.map((a) => a.address));
        return focal.every((e) => to.includes(e));
      },
      45_000,
    );
    expect(to).not.toContain('hoa-o-stp');
    expect(to).not.toContain('tam-thoi@vinhphuc.example.vn');
  },
  100_000,
);

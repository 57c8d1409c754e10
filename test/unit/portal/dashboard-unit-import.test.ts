/**
 * Issue 18 item 2 over real HTTP: a clerk imports a draft's units from an `.xlsx` or `.csv` sheet.
 * The sheet is read and previewed (every unit, every problem beside its row), and nothing is imported
 * until the clerk imports a clean sheet or drops its bad rows explicitly. The backend is the real
 * draft use cases over a temporary store (test/helpers/fake-drafts.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'yaml';
import { checkDraft } from '../../../app/campaign-drafts';
import type { StaffRole } from '../../../domain/synthesis-types';
import { esc } from '../../../portal/pages';
import { createPortal, type Portal } from '../../../portal/server';
import { FileAccountStore } from '../../../stores/accounts';
import { FileReportStore } from '../../../stores/report-store';
import { DraftsOnlyBackend, NO_UNITS } from '../../helpers/fake-drafts';
import { csrfOf, pdfBytes, PortalBrowser } from '../../helpers/portal-client';

const ZONE = 'Asia/Ho_Chi_Minh';
const PASSWORD = 'mat-khau-rat-dai-2026';
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
const SAMPLE = 'vinh-phuc-67-kh-tu-2009.yaml';
const NOW = '2009-09-25T01:00:00.000Z';

const Backend = DraftsOnlyBackend;
type Backend = DraftsOnlyBackend;

const HEADER = [
  'Mã đơn vị',
  'Tên đơn vị',
  'Loại đơn vị',
  'Cụm, khối thi đua',
  'Họ tên đầu mối',
  'Email đầu mối',
  'Họ tên thủ trưởng',
  'Email thủ trưởng',
];
const ROWS = [
  [
    'so-noi-vu',
    'Sở Nội vụ',
    'Sở, ban, ngành',
    'Khối Nội chính',
    'Trần Văn Bình',
    'binh@snv.example.vn',
    'Lê Quang Đức',
    'duc@snv.example.vn',
  ],
  [
    'so-tu-phap',
    'Sở Tư pháp',
    'department',
    'Khối Nội chính',
    'Ngô Thị Hoa',
    'hoa@stp.example.vn',
    'Phạm Văn Minh',
    'minh@stp.example.vn',
  ],
  [
    'huyen-uy-tam-dao',
    'Huyện ủy Tam Đảo',
    'district-committee',
    '',
    'Đỗ Văn Nam',
    'nam@tamdao.example.vn',
    'Vũ Thị Lan',
    'lan@tamdao.example.vn',
  ],
];

async function xlsx(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Đơn vị');
  ws.addRow(HEADER);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

let dir: string;
let accounts: FileAccountStore;
let reports: FileReportStore;
let backend: Backend;
let portal: Portal;
let base: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-unit-import-'));
  accounts = new FileAccountStore(dir, FAST_SCRYPT);
  await accounts.set('vanthu', 'Lê Thị Văn Thư', PASSWORD, ['clerk']);
  reports = new FileReportStore(path.join(dir, 'reports'));
  backend = new Backend(dir, () => NOW);
  portal = createPortal({
    backend: NO_UNITS,
    links: { info: async () => undefined } as never,
    reports,
    timeZone: ZONE,
    log: () => undefined,
    dashboard: { backend, accounts, reports },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function as(login: string, roles?: StaffRole[]): Promise<{ browser: PortalBrowser; csrf: string }> {
  if (roles) await accounts.set(login, login, PASSWORD, roles);
  const browser = new PortalBrowser(base);
  const page = await browser.get('/admin/login');
  const res = await browser.postForm('/admin/login', { csrf: csrfOf(page.body), login, password: PASSWORD });
  expect(res.status).toBe(303);
  return { browser, csrf: csrfOf((await browser.get('/admin/dot-moi')).body) };
}

/** A clerk's draft from the sample, and its page's address. */
async function sampleDraft(): Promise<{ browser: PortalBrowser; csrf: string; id: string; page: string }> {
  const { browser, csrf } = await as('vanthu');
  const made = await browser.postForm('/admin/dot-moi/tu-mau', { csrf, sample: SAMPLE });
  const id = /d-[0-9a-f]{16}/.exec(made.headers.get('location')!)![0];
  return { browser, csrf, id, page: `/admin/dot-moi/${id}` };
}

const sendSheet = (browser: PortalBrowser, csrf: string, page: string, data: Buffer, filename = 'don-vi.xlsx') =>
  browser.postMultipart(`${page}/bang-tinh`, { csrf }, { filename, data });

test('a good sheet is previewed, imported on "Nhập 3 đơn vị", and the draft still validates and keeps its text', async () => {
  const { browser, csrf, id, page } = await sampleDraft();
  const before = (await backend.draft(id)).yaml;
  const sent = await sendSheet(browser, csrf, page, await xlsx(ROWS));
  expect(sent.status).toBe(303);
  expect(sent.headers.get('location')).toBe(`${page}#import`);
  // Previewed, not imported.
  expect((await backend.draft(id)).yaml).toBe(before);
  const view = await browser.get(page);
  expect(view.body).toContain('<table id="import-units">');
  expect(view.body).toContain('3 dòng: 3 đơn vị đúng, 0 dòng lỗi');
  expect(view.body).toContain('<tr><td>2</td><td>so-noi-vu</td><td>Sở Nội vụ</td><td>Sở, ban, ngành</td>');
  expect(view.body).toContain('<td>hoa@stp.example.vn</td><td>minh@stp.example.vn</td>');
  expect(view.body).toContain('Nhập 3 đơn vị</button>');
  expect(view.body).not.toContain('Bỏ các dòng lỗi');

  const imported = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'nhap' });
  expect(imported.status).toBe(303);
  expect(imported.headers.get('location')).toBe(`${page}?xem=kiem-tra`);
  const draft = await backend.draft(id);
  expect(draft.pendingImport).toBeUndefined();
  const units = (parse(draft.yaml) as { units: Array<{ id: string; focal: { email: string } }> }).units;
  expect(units.map((u) => u.id)).toEqual(['so-noi-vu', 'so-tu-phap', 'huyen-uy-tam-dao']);
  expect(units[2].focal.email).toBe('nam@tamdao.example.vn');
  // The rest of the text, comments included, is as it was.
  expect(draft.yaml).toContain('# Kế hoạch số 67-KH/TU ngày 21/9/2009');
  expect(draft.yaml).toContain('kind: ke-hoach # "KẾ HOẠCH"');
  expect(draft.yaml.slice(draft.yaml.indexOf('\nphases:'))).toBe(before.slice(before.indexOf('\nphases:')));
  const checked = await checkDraft(backend.draftDeps, id);
  expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
  expect(draft.history.at(-1)).toMatchObject({ by: 'Lê Thị Văn Thư (vanthu)', what: 'nhập 3 đơn vị từ don-vi.xlsx' });
  const after = await browser.get(imported.headers.get('location')!);
  expect(after.body).toContain('Đã nhập 3 đơn vị từ don-vi.xlsx.');
  expect(after.body).not.toContain('id="pending-import"');
});

test('a bad row: nothing imported, the problem beside its row and column; dropping it (confirmed) imports the rest', async () => {
  const { browser, csrf, id, page } = await sampleDraft();
  const before = (await backend.draft(id)).yaml;
  const rows = ROWS.map((r) => [...r]);
  rows[1][5] = 'hoa-at-stp'; // row 3 of the sheet, column F (Email đầu mối)
  expect((await sendSheet(browser, csrf, page, await xlsx(rows))).status).toBe(303);
  const view = await browser.get(page);
  expect(view.body).toContain('3 dòng: 2 đơn vị đúng, 1 dòng lỗi (dòng 3)');
  expect(view.body).toMatch(
    /<tr class="error"><td>3<\/td><td colspan="6"><\/td><td><ul><li><strong>cột F \(Email đầu mối\)<\/strong>: [^<]*hoa-at-stp[^<]*không phải địa chỉ email hợp lệ/,
  );
  expect(view.body).not.toContain('Nhập 3 đơn vị');
  expect(view.body).toContain('Bỏ các dòng lỗi (dòng 3) và nhập 2 đơn vị</button>');
  expect(view.body).toContain('name="rows" value="3"');

  // Not imported without the drop, nor without its confirmation, nor for other rows than the bad ones.
  const plain = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'nhap' });
  expect(plain.status).toBe(400);
  expect(plain.body).toContain('còn 1 lỗi (dòng 3)');
  const unconfirmed = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'bo-dong-loi', rows: '3' });
  expect(unconfirmed.status).toBe(400);
  const other = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'bo-dong-loi', rows: '2', confirm: 'yes' });
  expect(other.status).toBe(400);
  expect((await backend.draft(id)).yaml).toBe(before);

  const dropped = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'bo-dong-loi', rows: '3', confirm: 'yes' });
  expect(dropped.status).toBe(303);
  const draft = await backend.draft(id);
  const units = (parse(draft.yaml) as { units: Array<{ id: string }> }).units;
  expect(units.map((u) => u.id)).toEqual(['so-noi-vu', 'huyen-uy-tam-dao']);
  expect(draft.history.at(-1)?.what).toBe('nhập 2 đơn vị từ don-vi.xlsx, bỏ dòng 3');
  expect(draft.pendingImport).toBeUndefined();
  expect((await checkDraft(backend.draftDeps, id)).problems.filter((p) => p.severity === 'error')).toEqual([]);
});

test('"Hủy" ends the pending import and imports nothing', async () => {
  const { browser, csrf, id, page } = await sampleDraft();
  const before = await backend.draft(id);
  await sendSheet(browser, csrf, page, await xlsx(ROWS));
  expect((await backend.draft(id)).pendingImport?.units).toHaveLength(3);
  const cancelled = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'huy' });
  expect(cancelled.status).toBe(303);
  const after = await backend.draft(id);
  expect(after.pendingImport).toBeUndefined();
  expect(after.yaml).toBe(before.yaml);
  // The history keeps what was not imported, and by whom.
  expect(after.history).toEqual([
    ...before.history,
    expect.objectContaining({ by: 'Lê Thị Văn Thư (vanthu)', what: 'hủy, không nhập bảng tính "don-vi.xlsx"' }),
  ]);
  expect((await browser.get(page)).body).toContain('Đã hủy nhập bảng tính');
});

test('a PDF, and a CSV in Windows-1258, are refused with the reason; nothing is pending', async () => {
  const { browser, csrf, id, page } = await sampleDraft();
  const pdf = await sendSheet(browser, csrf, page, pdfBytes('danh sách'), 'don-vi.pdf');
  expect(pdf.status).toBe(400);
  expect(pdf.body).toContain('Bảng tính &quot;don-vi.pdf&quot; không được nhận; chưa nhập gì.');
  expect(pdf.body).toContain('Tệp này là PDF, không phải bảng tính');
  // "Sở Nội vụ" in Windows-1258 (ơ + combining hook, ô + combining dot below, u + dot below).
  const cp1258 = Buffer.from([
    ...Buffer.from('id,name\nso-noi-vu,S'),
    ...[0xf5, 0xd2, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x20, 0x76, 0x75, 0xf2, 0x0a],
  ]);
  const csv = await sendSheet(browser, csrf, page, cp1258, 'don-vi.csv');
  expect(csv.status).toBe(400);
  expect(csv.body).toContain('Windows-1258');
  expect(csv.body).toContain(esc('CSV UTF-8'));
  expect((await backend.draft(id)).pendingImport).toBeUndefined();
  expect(csv.body).not.toContain('id="pending-import"');
});

test('a sheet without the required columns, or sent with a wrong CSRF token, keeps nothing', async () => {
  const { browser, csrf, id, page } = await sampleDraft();
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Đơn vị').addRows([
    ['Mã đơn vị', 'Tên đơn vị'],
    ['so-noi-vu', 'Sở Nội vụ'],
  ]);
  const partial = Buffer.from(await workbook.xlsx.writeBuffer());
  const missing = await sendSheet(browser, csrf, page, partial);
  expect(missing.status).toBe(400);
  expect(missing.body).toContain('thiếu cột');
  expect(missing.body).toContain(esc('"Email đầu mối"'));
  const forged = await sendSheet(browser, 'x'.repeat(43), page, await xlsx(ROWS));
  expect(forged.status).toBe(403);
  expect((await backend.draft(id)).pendingImport).toBeUndefined();
});

test('an account without the clerk role is refused (403) before the sheet is read; the import too', async () => {
  const { browser: clerk, csrf: clerkCsrf, id, page } = await sampleDraft();
  await sendSheet(clerk, clerkCsrf, page, await xlsx(ROWS));
  for (const roles of [['council'], ['approver']] as StaffRole[][]) {
    const { browser, csrf } = await as(`khong-${roles[0]}`, roles);
    backend.draftCalls.length = 0;
    const sent = await sendSheet(browser, csrf, page, await xlsx(ROWS.slice(0, 1)));
    expect(sent.status).toBe(403);
    expect(sent.body).toContain('không có vai trò');
    const imported = await browser.postForm(`${page}/nhap-don-vi`, { csrf, do: 'nhap' });
    expect(imported.status).toBe(403);
    expect(backend.draftCalls).not.toContain('stageUnitSheet');
    expect(backend.draftCalls).not.toContain('importUnits');
    // They see the preview, without the buttons.
    const view = await browser.get(page);
    expect(view.body).toContain('id="pending-import"');
    expect(view.body).not.toContain('id="import-all"');
    expect(view.body).not.toContain('id="sheet-upload"');
  }
  const draft = await backend.draft(id);
  expect(draft.pendingImport?.units).toHaveLength(3);
  expect(draft.history).toHaveLength(1);
});

test('"Tải mẫu bảng tính" downloads the template, an .xlsx with the headers', async () => {
  const { browser, page } = await sampleDraft();
  expect((await browser.get(page)).body).toContain(
    '<a id="sheet-template" href="/admin/dot-moi/mau-don-vi.xlsx">Tải mẫu bảng tính</a>',
  );
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/admin/dot-moi/mau-don-vi.xlsx`, { headers: { cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mau-danh-sach-don-vi.xlsx"/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const header = workbook.worksheets[0].getRow(1).values as unknown[];
  expect(header).toEqual(expect.arrayContaining(['Mã đơn vị', 'Tên đơn vị', 'Email đầu mối', 'Email thủ trưởng']));
});

/**
 * `/admin/thong-ke`: a year's award statistics on the dashboard over real HTTP (accounts, sessions),
 * linked from the home page; any staff account reads it, whatever its roles; the `.xlsx` is read back.
 * The use case is the awards fake (test/helpers/fake-awards.ts); the use case itself is tested in
 * test/unit/app/award-statistics.test.ts.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { SKIP_REASONS, type YearAwardStatistics } from '../../../app/award-statistics';
import type { UnitWorkflows } from '../../../app/units';
import { createPortal, type Portal } from '../../../portal/server';
import { FileAccountStore } from '../../../stores/accounts';
import { FileReportStore } from '../../../stores/report-store';
import type { FileUnitLinks } from '../../../stores/unit-links';
import { FakeAwards } from '../../helpers/fake-awards';
import { DraftsOnlyBackend } from '../../helpers/fake-drafts';
import { csrfOf, PortalBrowser } from '../../helpers/portal-client';

const ZONE = 'Asia/Ho_Chi_Minh';
const PASSWORD = 'mat-khau-rat-dai-2026';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const units = {} as UnitWorkflows;
const links = { resolve: async () => undefined } as unknown as Pick<FileUnitLinks, 'resolve'>;

const Y2026: YearAwardStatistics = {
  year: 2026,
  campaigns: [
    {
      campaignId: 'so-ket-2026-h1',
      planNumber: '45-KH/UBND',
      title: 'Sơ kết 6 tháng 2026',
      decision: { number: '80/QĐ-UBND', date: '2026-07-20' },
    },
    {
      campaignId: 'tong-ket-2026',
      planNumber: '67-KH/UBND',
      title: 'Tổng kết năm 2026',
      decision: { number: '125/QĐ-UBND', date: '2026-11-25' },
    },
  ],
  rows: [
    { formCode: 'cstdcs', formName: 'Chiến sĩ thi đua cơ sở', collective: 0, individual: 3 },
    {
      formCode: 'bang-khen-tinh-tt',
      formName: 'Bằng khen của Chủ tịch UBND tỉnh (tập thể)',
      collective: 2,
      individual: 0,
    },
  ],
  skipped: [{ campaignId: 'chuyen-de-2026', code: 'voting', reason: SKIP_REASONS.voting }],
};

let dir: string;
let reports: FileReportStore;
let awards: FakeAwards;
let portal: Portal;
let base: string;
let logLines: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-statistics-'));
  const accounts = new FileAccountStore(dir, { N: 2 ** 12, r: 8, p: 1 });
  await accounts.set('tv-hoi-dong', 'Lê Văn Hội', PASSWORD, ['council']);
  await accounts.set('vanthu', 'Lê Thị Văn Thư', PASSWORD, ['clerk']);
  reports = new FileReportStore(path.join(dir, 'reports'));
  awards = new FakeAwards('tong-ket-2026');
  awards.years.set(2026, Y2026);
  logLines = [];
  portal = createPortal({
    backend: units,
    links,
    reports,
    timeZone: ZONE,
    log: (line) => logLines.push(line),
    dashboard: { backend: new DraftsOnlyBackend(dir), awards, accounts, reports },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function as(login: string): Promise<PortalBrowser> {
  const browser = new PortalBrowser(base);
  const page = await browser.get('/admin/login');
  const res = await browser.postForm('/admin/login', { csrf: csrfOf(page.body), login, password: PASSWORD });
  expect(res.status).toBe(303);
  return browser;
}

const cellsOf = (html: string, id: string): string[][] => {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]),
  );
};

test('the home page links to the statistics; a council member (no staff office role) reads the year with campaigns counted and skipped', async () => {
  const browser = await as('tv-hoi-dong');
  expect((await browser.get('/admin')).body).toContain(
    '<a id="statistics" href="/admin/thong-ke">Thống kê khen thưởng</a>',
  );
  const page = await browser.get('/admin/thong-ke?nam=2026');
  expect(page.status).toBe(200);
  expect(page.body).toContain('<h1>Thống kê khen thưởng năm 2026</h1>');
  expect(cellsOf(page.body, 'award-statistics')).toEqual([
    ['STT', 'Hình thức khen thưởng', 'Tập thể', 'Cá nhân', 'Cộng'],
    ['1', 'Chiến sĩ thi đua cơ sở', '0', '3', '3'],
    ['2', 'Bằng khen của Chủ tịch UBND tỉnh (tập thể)', '2', '0', '2'],
    ['', 'Tổng cộng', '2', '3', '5'],
  ]);
  expect(page.body).toContain(
    '<a href="/admin/c/tong-ket-2026/khen-thuong">tong-ket-2026</a> — Tổng kết năm 2026: Quyết định số 125/QĐ-UBND ngày 25/11/2026',
  );
  expect(page.body).toContain(
    '<li data-campaign="chuyen-de-2026">chuyen-de-2026: Hội đồng đang bỏ phiếu, chưa có quyết định khen thưởng</li>',
  );
  expect(page.body).toContain('<a id="download-statistics" href="/admin/thong-ke/2026.xlsx">');
  // Read-only: the page has no form that changes anything (only the year picker, by GET).
  expect(page.body).not.toMatch(/<form method="post" action="\/admin\/thong-ke/);
});

test('the workbook of the year downloads with the same counts', async () => {
  const browser = await as('vanthu');
  // Raw bytes (the helper reads bodies as text), with the session's cookie.
  const res = await fetch(`${base}/admin/thong-ke/2026.xlsx`, {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX);
  expect(res.headers.get('content-disposition')).toMatch(/attachment/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  const ws = workbook.worksheets[0];
  expect(ws.getCell('A1').value).toBe('Thống kê khen thưởng năm 2026');
  const rows = [4, 5, 6].map((r) => [2, 3, 4, 5].map((c) => ws.getRow(r).getCell(c).value));
  expect(rows).toEqual([
    ['Chiến sĩ thi đua cơ sở', 0, 3, 3],
    ['Bằng khen của Chủ tịch UBND tỉnh (tập thể)', 2, 0, 2],
    ['Tổng cộng', 2, 3, 5],
  ]);
  // Which campaigns were counted, as the page lists them: the plan, the title, the decision.
  const counted = workbook.getWorksheet('Các đợt được tính')!;
  expect(counted.getCell('A1').value).toBe('Các đợt thi đua được tính');
  expect(counted.getCell('A2').value).toBe('Thống kê khen thưởng năm 2026');
  const list = [3, 4, 5].map((r) => [1, 2, 3, 4, 5, 6].map((c) => counted.getRow(r).getCell(c).value));
  expect(list).toEqual([
    ['STT', 'Số kế hoạch', 'Tên đợt thi đua', 'Mã đợt', 'Quyết định khen thưởng số', 'Ngày quyết định'],
    [1, '45-KH/UBND', 'Sơ kết 6 tháng 2026', 'so-ket-2026-h1', '80/QĐ-UBND', '20/07/2026'],
    [2, '67-KH/UBND', 'Tổng kết năm 2026', 'tong-ket-2026', '125/QĐ-UBND', '25/11/2026'],
  ]);
  expect(logLines).toContain('dashboard: vanthu downloaded award statistics 2026');
});

test('without a year, this year in Việt Nam; a year with nothing decided says so; a bad year is refused and says why', async () => {
  const browser = await as('vanthu');
  const now = DateTime.now().setZone(ZONE).year;
  const plain = await browser.get('/admin/thong-ke');
  expect(plain.status).toBe(200);
  expect(awards.yearsAsked.at(-1)).toBe(now);
  const empty = await browser.get('/admin/thong-ke?nam=2019');
  expect(empty.body).toContain('Chưa có khen thưởng nào theo quyết định ký trong năm này.');
  expect(empty.body).not.toContain('award-statistics');
  for (const bad of ['26', 'hai-nghin', '1999', '20266']) {
    const res = await browser.get(`/admin/thong-ke?nam=${encodeURIComponent(bad)}`);
    expect(res.status).toBe(400);
    expect(res.body).toContain(`Năm &quot;${bad}&quot;: ghi năm bằng bốn chữ số, từ 2000 đến 2100, ví dụ 2026.`);
  }
  expect((await browser.get('/admin/thong-ke/26.xlsx')).status).toBe(404);
  expect(awards.yearsAsked).toEqual([now, 2019]);
});

test('signed out, the page sends to the login; with no worker the page says the statistics cannot be read', async () => {
  const anon = new PortalBrowser(base);
  const res = await anon.get('/admin/thong-ke?nam=2026');
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe('/admin/login');
  const browser = await as('vanthu');
  awards.workerDown = true;
  const down = await browser.get('/admin/thong-ke?nam=2026');
  expect(down.status).toBeGreaterThanOrEqual(500);
  expect(down.body).toContain('Không đọc được thống kê khen thưởng');
});

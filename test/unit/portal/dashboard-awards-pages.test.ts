/**
 * Issue 17 over real HTTP: the awards page of a large vote shows one page of nominations at a time
 * (`?trang=N`), with the counts of all and links between pages; a member may show only what they have
 * left (`?con-lai=1`); a sheet sent from a page reads that page and comes back to it. Real accounts,
 * sessions and CSRF; the awards use cases are the in-memory stand-in answering pages as the workflow does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { UnitWorkflows } from '../../../app/units';
import type { Settings } from '../../../config/settings';
import type { AwardNominationView } from '../../../domain/award-types';
import type { CampaignStatusView } from '../../../domain/workflow-types';
import { MAX_AWARDS_PAGE_SIZE } from '../../../domain/scale-limits';
import { TemporalAwardsBackend } from '../../../portal/dashboard/awards-backend';
import type { SecretariatBackend } from '../../../portal/dashboard/backend';
import { createPortal, type Portal } from '../../../portal/server';
import { FileAccountStore } from '../../../stores/accounts';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { FakeAwards } from '../../helpers/fake-awards';
import { DraftsOnlyBackend } from '../../helpers/fake-drafts';
import { csrfOf, PortalBrowser } from '../../helpers/portal-client';

const CAMPAIGN = 'kh-67-lon';
const PASSWORD = 'mat-khau-rat-dai-2026';
const PAGE = `/admin/c/${CAMPAIGN}/khen-thuong`;
const N = 2_500;

/** `n` collective nominations in vote, as many units' would be. */
const many = (n: number): AwardNominationView[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `xa-${i + 1}/1`,
    unitId: `xa-${i + 1}`,
    unitName: `Xã số ${i + 1}`,
    type: 'collective',
    name: `Ủy ban nhân dân xã số ${i + 1}`,
    proposedForm: 'Bằng khen của UBND tỉnh',
    reasons: 'Dẫn đầu phong trào thi đua',
    receivedAt: '2026-10-21T03:00:00.000Z',
    check: { formCode: 'bang-khen-tinh-tt', ruleFrom: '2025-07-01', route: 'council', unmet: [], judged: [] },
    state: 'in-vote',
    recused: [],
  }));

let dir: string;
let reports: FileReportStore;
let awards: FakeAwards;
let portal: Portal;
let base: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-awards-pages-'));
  const accounts = new FileAccountStore(dir, { N: 2 ** 12, r: 8, p: 1 });
  await accounts.set('tv-chu-tich', 'Lê Văn Chủ', PASSWORD, ['council']);
  await accounts.set('vanthu', 'Lê Thị Văn Thư', PASSWORD, ['clerk']);
  reports = new FileReportStore(path.join(dir, 'reports'));
  const links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
  awards = new FakeAwards(CAMPAIGN);
  awards.view.nominations = many(N);
  const backend = Object.assign(new DraftsOnlyBackend(dir), {
    campaignStatus: async (campaignId: string) =>
      ({ campaignId, title: 'Tổng kết', phase: 'awards', timeZone: 'Asia/Ho_Chi_Minh' }) as CampaignStatusView,
  }) as unknown as SecretariatBackend;
  portal = createPortal({
    backend: {} as UnitWorkflows,
    links,
    reports,
    timeZone: 'Asia/Ho_Chi_Minh',
    log: () => undefined,
    awardResults: awards,
    dashboard: { backend, awards, accounts, reports, links },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signIn(login: string): Promise<PortalBrowser> {
  const browser = new PortalBrowser(base);
  const form = await browser.get('/admin/login');
  const res = await browser.postForm('/admin/login', { csrf: csrfOf(form.body), login, password: PASSWORD });
  expect(res.status).toBe(303);
  return browser;
}

const sections = (html: string): string[] =>
  [...html.matchAll(/<section class="nomination" id="n-([^"]+)"/g)].map((m) => m[1]);

test('a vote of 2,500 nominations: a page of 1,000 at a time, the counts of all, links to every page', async () => {
  const clerk = await signIn('vanthu');
  const first = (await clerk.get(PAGE)).body;
  expect(first).toContain(`<h2>Các đề nghị (${N})</h2>`);
  expect(sections(first)).toHaveLength(MAX_AWARDS_PAGE_SIZE);
  expect(sections(first)[0]).toBe('xa-1/1');
  expect(first).toContain('2500 đang biểu quyết, 0 được thông qua');
  expect(first).toContain('Đề nghị 1–1000 trong 2500 (trang 1/3)');
  expect(first).toContain(`<a href="${PAGE}?trang=3">3</a>`);
  const last = (await clerk.get(`${PAGE}?trang=3`)).body;
  expect(sections(last)).toHaveLength(500);
  expect(sections(last)[0]).toBe('xa-2001/1');
  expect(last).toContain('Đề nghị 2001–2500 trong 2500 (trang 3/3)');
  // A page past the last, or not a number, shows the last, or the first.
  expect(sections((await clerk.get(`${PAGE}?trang=99`)).body)[0]).toBe('xa-2001/1');
  expect(sections((await clerk.get(`${PAGE}?trang=abc`)).body)[0]).toBe('xa-1/1');
});

test('a member sends the sheet of page 2 and comes back to it; "what I have left" shows the rest', async () => {
  const member = await signIn('tv-chu-tich');
  const page2 = (await member.get(`${PAGE}?trang=2`)).body;
  expect(page2).toContain('<input type="hidden" name="trang" value="2">');
  const form: Record<string, string> = { csrf: csrfOf(page2), trang: '2' };
  for (const id of sections(page2)) form[`choice:${id}`] = 'reject';
  const sent = await member.postForm(`${PAGE}/do/phieu-tong-hop`, form);
  expect(sent.status).toBe(303);
  expect(sent.headers.get('location')).toBe(`${PAGE}?trang=2`);
  const after = (await member.get(`${PAGE}?trang=2`)).body;
  expect(after).toContain(
    `Đã ghi phiếu tổng hợp của bạn: ${MAX_AWARDS_PAGE_SIZE} đề nghị; đã biểu quyết 1000/2500 đề nghị.`,
  );
  expect(awards.votes.filter((v) => v.member === 'tv-chu-tich').map((v) => v.nominationId)[0]).toBe('xa-1001/1');
  // What is left: pages 1 and 3, 1,500 nominations.
  const left = (await member.get(`${PAGE}?con-lai=1`)).body;
  expect(left).toContain('Đề nghị 1–1000 trong 1500 (trang 1/2)');
  expect(left).toContain(`<a href="${PAGE}?trang=2&amp;con-lai=1">2</a>`);
  expect(sections((await member.get(`${PAGE}?trang=2&con-lai=1`)).body)[0]).toBe('xa-2001/1');
  expect(left).toContain('id="show-all"');
});

test('a member sends the whole vote as one sheet file (2,500 lines); a bad line is refused naming the file’s line', async () => {
  const member = await signIn('tv-chu-tich');
  const html = (await member.get(PAGE)).body;
  expect(html).toMatch(/id="action-tep-phieu-tong-hop" enctype="multipart\/form-data"/);
  const csv = (lines: string[]) => Buffer.from(['ma ho so,y kien', ...lines].join('\n'), 'utf8');
  const all = Array.from({ length: N }, (_, i) => `xa-${i + 1}/1,không đồng ý`);
  const bad = await member.postMultipart(
    `${PAGE}/do/tep-phieu-tong-hop`,
    { csrf: csrfOf(html) },
    { filename: 'phieu.csv', contentType: 'text/csv', data: csv([...all.slice(0, 3), 'xa-4/1,có lẽ']) },
  );
  expect(bad.status).toBe(400);
  expect(bad.body).toContain('Tệp phieu.csv chưa gửi được:');
  expect(bad.body).toContain('phieu.csv:5: Dòng 5: ý kiến &quot;có lẽ&quot; (cột 2) không hợp lệ');
  expect(awards.votes).toHaveLength(0);
  const sent = await member.postMultipart(
    `${PAGE}/do/tep-phieu-tong-hop`,
    { csrf: csrfOf(html) },
    { filename: 'phieu.csv', contentType: 'text/csv', data: csv(all) },
  );
  expect(sent.status).toBe(303);
  expect((await member.get(PAGE)).body).toContain(
    `Đã ghi phiếu tổng hợp của bạn từ tệp phieu.csv: ${N} đề nghị; đã biểu quyết ${N}/${N} đề nghị.`,
  );
  expect(awards.votes.filter((v) => v.member === 'tv-chu-tich' && v.choice === 'reject')).toHaveLength(N);
});

test('the sheet file is read with the portal’s own claim-check threshold: off (0), 2,500 lines are refused as the CLI refuses them', async () => {
  const csv = (n: number) =>
    Buffer.from(
      ['ma ho so,y kien', ...Array.from({ length: n }, (_, i) => `xa-${i + 1}/1,không đồng ý`)].join('\n'),
      'utf8',
    );
  // The backend the portal builds answers its settings' threshold (`THIDUA_CLAIM_CHECK_BYTES`).
  const settings = (claimCheckBytes: number) => ({ claimCheckBytes }) as Settings;
  expect(new TemporalAwardsBackend({ client: {} as Client, settings: settings(0) }).claimCheckBytes).toBe(0);
  expect(new TemporalAwardsBackend({ client: {} as Client, settings: settings(4096) }).claimCheckBytes).toBe(4096);

  awards.claimCheckBytes = 0;
  const member = await signIn('tv-chu-tich');
  const html = (await member.get(PAGE)).body;
  expect(html).toContain('lý do; tối đa 1000 dòng)</label>');
  const refused = await member.postMultipart(
    `${PAGE}/do/tep-phieu-tong-hop`,
    { csrf: csrfOf(html) },
    { filename: 'phieu.csv', contentType: 'text/csv', data: csv(N) },
  );
  expect(refused.status).toBe(400);
  expect(refused.body).toContain('Tệp phieu.csv chưa gửi được:');
  expect(refused.body).toContain(
    'Tệp có 2500 dòng phiếu, tối đa 1000 dòng một phiếu tổng hợp; hãy chia thành nhiều tệp.',
  );
  expect(awards.votes).toHaveLength(0);
  // A page's worth still goes.
  const page = await member.postMultipart(
    `${PAGE}/do/tep-phieu-tong-hop`,
    { csrf: csrfOf(html) },
    { filename: 'phieu.csv', contentType: 'text/csv', data: csv(1000) },
  );
  expect(page.status).toBe(303);
  expect(awards.votes).toHaveLength(1000);

  // Another deployment's threshold (on, lower than the default): the larger sheet it allows.
  awards.claimCheckBytes = 8 * 1024;
  const again = (await member.get(PAGE)).body;
  expect(again).toContain('lý do; tối đa 5000 dòng)</label>');
  const sent = await member.postMultipart(
    `${PAGE}/do/tep-phieu-tong-hop`,
    { csrf: csrfOf(again) },
    { filename: 'phieu.csv', contentType: 'text/csv', data: csv(N) },
  );
  expect(sent.status).toBe(303);
  expect((await member.get(PAGE)).body).toContain(
    `Đã ghi phiếu tổng hợp của bạn từ tệp phieu.csv: ${N} đề nghị; đã biểu quyết ${N}/${N} đề nghị.`,
  );
});

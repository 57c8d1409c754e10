/**
 * Issue 14 over real HTTP: the council's vote on the dashboard (`/admin/c/<campaign>/khen-thuong`) and
 * a unit's results on its portal page. Real accounts, sessions and CSRF; the awards use cases are an
 * in-memory stand-in keeping their contract (test/helpers/fake-awards.ts); the vote workflow itself is
 * tested by award-core and end to end in test/e2e/awards.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CampaignUnits } from '../../../app/campaigns';
import type { UnitWorkflows } from '../../../app/units';
import type { StaffRole } from '../../../domain/synthesis-types';
import type { CampaignStatusView } from '../../../domain/workflow-types';
import { loadAwardCatalogue } from '../../../domain/award-catalogue';
import { formChoices } from '../../../portal/dashboard/awards-page';
import type { SecretariatBackend } from '../../../portal/dashboard/backend';
import { esc } from '../../../portal/pages';
import { createPortal, type Portal } from '../../../portal/server';
import { FileAccountStore } from '../../../stores/accounts';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { FakeAwards } from '../../helpers/fake-awards';
import { DraftsOnlyBackend } from '../../helpers/fake-drafts';
import { csrfOf, linkPath, PortalBrowser } from '../../helpers/portal-client';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const CAMPAIGN = 'kh-67-test';
const PASSWORD = 'mat-khau-rat-dai-2026';
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
const PAGE = `/admin/c/${CAMPAIGN}/khen-thuong`;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The campaign in `phase` (its awards phase unless a test moves it), as the campaign page reads it. */
let phase: CampaignStatusView['phase'] = 'awards';
const awardsPhase = (dir: string): SecretariatBackend =>
  Object.assign(new DraftsOnlyBackend(dir), {
    campaignStatus: async (campaignId: string): Promise<CampaignStatusView> => ({
      campaignId,
      definitionRef: 'x',
      planNumber: '67-KH/TU',
      title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
      phase,
      unitCount: 3,
      batches: 1,
      batchesLocked: 1,
      counts: { pending: 0, submitted: 3, late: 0, missing: 0, cancelled: 0 },
      extensions: [],
      timeZone: ZONE,
    }),
    campaignUnits: async (campaignId: string): Promise<CampaignUnits> => ({
      campaignId,
      planNumber: '67-KH/TU',
      title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
      phase,
      workflowStatus: 'RUNNING',
      total: 0,
      locked: 0,
      counts: { pending: 0, submitted: 0, late: 0, missing: 0, cancelled: 0 },
      units: [],
      matching: 0,
    }),
  });

const units: UnitWorkflows = {
  unitStatus: async (campaignId, unitId) =>
    openUnitView({ campaignId, unitId, unitName: unitId === 'so-noi-vu' ? 'Sở Nội vụ' : 'Sở Y tế', timeZone: ZONE }),
  campaignInfo: async () => undefined,
  submitFile: () => Promise.reject(new Error('not used')),
  submitNominations: () => Promise.reject(new Error('not used')),
  campaignEndedAt: async () => undefined,
};

let dir: string;
let accounts: FileAccountStore;
let reports: FileReportStore;
let links: FileUnitLinks;
let awards: FakeAwards;
let portal: Portal;
let base: string;
let logLines: string[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-awards-portal-'));
  accounts = new FileAccountStore(dir, FAST_SCRYPT);
  const add = (login: string, name: string, roles: StaffRole[]) => accounts.set(login, name, PASSWORD, roles);
  await add('tv-chu-tich', 'Lê Văn Chủ', ['council']);
  await add('tv-y-te', 'Phạm Thị Y', ['council']);
  await add('tv-vang', 'Hoàng Văn Vắng', ['council']);
  await add('vanthu', 'Lê Thị Văn Thư', ['clerk']);
  await add('lanhdao', 'Trần Văn Lãnh', ['approver']);
  reports = new FileReportStore(path.join(dir, 'reports'));
  links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
  awards = new FakeAwards(CAMPAIGN);
  phase = 'awards';
  logLines = [];
  portal = createPortal({
    backend: units,
    links,
    reports,
    timeZone: ZONE,
    log: (line) => logLines.push(line),
    awardResults: awards,
    dashboard: { backend: awardsPhase(dir), awards, accounts, reports, links },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function as(login: string): Promise<{ browser: PortalBrowser; csrf: string; page: () => Promise<string> }> {
  const browser = new PortalBrowser(base);
  const login0 = await browser.get('/admin/login');
  const res = await browser.postForm('/admin/login', { csrf: csrfOf(login0.body), login, password: PASSWORD });
  expect(res.status).toBe(303);
  const first = await browser.get(PAGE);
  expect(first.status).toBe(200);
  return { browser, csrf: csrfOf(first.body), page: async () => (await browser.get(PAGE)).body };
}

/** One nomination's part of the page. */
const section = (html: string, id: string): string => {
  const m = new RegExp(`<section class="nomination" id="n-${id.replace('/', '\\/')}"[\\s\\S]*?</section>`).exec(html);
  if (!m) throw new Error(`no section for ${id}`);
  return m[0];
};

const vote = (csrf: string, nominationId: string, choice: string, extra: Record<string, string> = {}) => ({
  csrf,
  nominationId,
  choice,
  ...extra,
});

test('the campaign page links to the awards page once the campaign is in its awards phase; /admin/dot/… is the same page', async () => {
  const { browser } = await as('vanthu');
  const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
  expect(page).toContain(`<a href="${PAGE}" id="awards-link">`);
  phase = 'conference';
  expect((await browser.get(`/admin/c/${CAMPAIGN}`)).body).not.toContain('awards-link');
  const alias = await browser.get(`/admin/dot/${CAMPAIGN}/khen-thuong`);
  expect(alias.status).toBe(200);
  expect(alias.body).toContain('<h1>Khen thưởng: biểu quyết của Hội đồng</h1>');
});

test('a member sees the nominations with the catalogue check, the deadline and reminders, and a form only where they vote', async () => {
  const { page } = await as('tv-chu-tich');
  const html = await page();
  expect(html).toContain('<dd id="awards-state">Đang biểu quyết</dd>');
  expect(html).toContain('17:00 thứ Sáu, 04/12/2026 (đã nhắc 2 lần; đã báo Chủ tịch Hội đồng 1 lần)');
  const an = section(html, 'so-noi-vu/0');
  expect(an).toContain('Nguyễn Văn An, Trưởng phòng — Sở Nội vụ');
  expect(an).toContain('Hoàn thành xuất sắc nhiệm vụ; sáng kiến số hóa hồ sơ');
  expect(an).toMatch(
    /<li class="unmet" style="color:#b00020">Chưa đạt: chưa đủ 2 năm liên tục Lao động tiên tiến<\/li>/,
  );
  expect(an).toContain('Hội đồng xem xét: Có sáng kiến được cơ sở công nhận');
  // The select: individual forms in force on the day the dossier came, within the campaign's authority.
  const options = [...an.matchAll(/<option value="([^"]+)"( selected)?>/g)].map((m) => m[1] + (m[2] ?? ''));
  expect(options).toEqual(['lao-dong-tien-tien', 'cstdcs selected', 'bang-khen-tinh-cn']);
  const tt = section(html, 'so-y-te/0');
  expect([...tt.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1])).toEqual(['giay-khen', 'bang-khen-tinh-tt']);
  // Beyond the campaign's authority: marked, and not voted here.
  const binh = section(html, 'so-tu-phap/0');
  expect(binh).toContain('Đề nghị cấp trên');
  expect(binh).not.toContain('<form');
  expect(html).toContain(`<a id="download-proposal" href="${PAGE}/to-trinh.docx">`);
  expect(html).not.toContain('download-minutes');
});

test('a member sees only their own votes before the close, and how many members voted, never the others’ choices', async () => {
  const chair = await as('tv-chu-tich');
  const other = await as('tv-vang');
  const cast = await other.browser.postForm(`${PAGE}/do/phieu-tong-hop`, {
    csrf: other.csrf,
    'choice:so-noi-vu/0': 'reject',
    'reason:so-noi-vu/0': 'Chưa đủ năm Lao động tiên tiến (ý kiến riêng)',
  });
  expect(cast.status).toBe(303);
  expect(cast.headers.get('location')).toBe(PAGE);
  const after = await other.page();
  expect(after).toContain('Đã ghi phiếu tổng hợp của bạn: 1 đề nghị; đã biểu quyết 1/2 đề nghị.');
  expect(section(after, 'so-noi-vu/0')).toContain(
    'Phiếu của bạn: Không đồng ý (Chưa đủ năm Lao động tiên tiến (ý kiến riêng))',
  );
  expect(after).toContain('>Gửi phiếu tổng hợp</button>');
  // The sheet to change it starts from the vote as cast.
  expect(section(after, 'so-noi-vu/0')).toContain(
    '<input type="radio" name="choice:so-noi-vu/0" value="reject" checked>',
  );

  const mine = await chair.browser.postForm(`${PAGE}/do/phieu-tong-hop`, {
    csrf: chair.csrf,
    'choice:so-noi-vu/0': 'approve',
    'formCode:so-noi-vu/0': 'cstdcs',
    'reason:so-noi-vu/0': 'Sáng kiến có giá trị',
  });
  expect(mine.status).toBe(303);
  const html = await chair.page();
  const an = section(html, 'so-noi-vu/0');
  expect(an).toContain('Phiếu của bạn: Đồng ý — Chiến sĩ thi đua cơ sở (Sáng kiến có giá trị)');
  expect(html).not.toContain('ý kiến riêng');
  expect(an).not.toContain('Không đồng ý (');
  expect(an).not.toContain('class="tally"');
  // Progress without choices: the chair has 2 to vote on (1 done), the other member 1 of 2.
  expect(html).toMatch(/<tr data-member="tv-chu-tich">.*<td>1\/2<\/td><\/tr>/);
  expect(html).toMatch(/<tr data-member="tv-vang">.*<td>1\/2<\/td><\/tr>/);
  // The chair's sheet again with the second nomination: one update, the unchanged first line not resent.
  const both = await chair.browser.postForm(`${PAGE}/do/phieu-tong-hop`, {
    csrf: chair.csrf,
    'choice:so-noi-vu/0': 'approve',
    'formCode:so-noi-vu/0': 'cstdcs',
    'reason:so-noi-vu/0': 'Sáng kiến có giá trị',
    'choice:so-y-te/0': 'abstain',
  });
  expect(both.status).toBe(303);
  expect(await chair.page()).toMatch(/<tr data-member="tv-chu-tich">.*<td>2\/2<\/td><\/tr>/);
  expect(awards.calls.map((c) => [c.action, c.by, c.input])).toEqual([
    [
      'sheet',
      'tv-vang',
      {
        member: 'tv-vang',
        votes: [
          { nominationId: 'so-noi-vu/0', choice: 'reject', reason: 'Chưa đủ năm Lao động tiên tiến (ý kiến riêng)' },
        ],
      },
    ],
    [
      'sheet',
      'tv-chu-tich',
      {
        member: 'tv-chu-tich',
        votes: [{ nominationId: 'so-noi-vu/0', choice: 'approve', formCode: 'cstdcs', reason: 'Sáng kiến có giá trị' }],
      },
    ],
    ['sheet', 'tv-chu-tich', { member: 'tv-chu-tich', votes: [{ nominationId: 'so-y-te/0', choice: 'abstain' }] }],
  ]);
});

test('a recused member has no form for their own unit’s nomination; a vote sent anyway is refused in Vietnamese', async () => {
  const { browser, csrf, page } = await as('tv-y-te');
  const html = await page();
  const own = section(html, 'so-y-te/0');
  expect(own).toContain('Không tham gia biểu quyết (cùng đơn vị).');
  expect(own).not.toContain('<form');
  expect(section(html, 'so-noi-vu/0')).toContain('id="vote-so-noi-vu/0"');
  const res = await browser.postForm(
    `${PAGE}/do/bieu-quyet`,
    vote(csrf, 'so-y-te/0', 'approve', { formCode: 'giay-khen', reason: 'Ý kiến của tôi' }),
  );
  expect(res.status).toBe(409);
  expect(res.body).toContain(
    esc(
      'Bị từ chối: Thành viên "tv-y-te" cùng đơn vị Sở Y tế: không tham gia biểu quyết đề nghị này. Không có gì thay đổi.',
    ),
  );
  expect(awards.votes).toEqual([]);
});

test('a bad sheet is refused above it with the input kept, each wrong nomination named: approve without a form', async () => {
  const { browser, csrf } = await as('tv-vang');
  const res = await browser.postForm(`${PAGE}/do/phieu-tong-hop`, {
    csrf,
    'choice:so-noi-vu/0': 'approve',
    'formCode:so-noi-vu/0': '',
    'reason:so-noi-vu/0': 'Xứng đáng',
    'choice:so-y-te/0': 'abstain',
  });
  expect(res.status).toBe(400);
  expect(res.body).toContain(
    esc(
      'Phiếu tổng hợp chưa gửi được:\nNguyễn Văn An (Sở Nội vụ): khi đồng ý, chọn hình thức khen thưởng được đề nghị. Không có gì thay đổi.',
    ),
  );
  expect(section(res.body, 'so-noi-vu/0')).toContain('Xứng đáng</textarea>');
  expect(section(res.body, 'so-y-te/0')).toContain(
    '<input type="radio" name="choice:so-y-te/0" value="abstain" checked>',
  );
  expect(awards.calls).toEqual([]);
  // Nothing chosen: nothing to send.
  const none = await browser.postForm(`${PAGE}/do/phieu-tong-hop`, { csrf });
  expect(none.status).toBe(400);
  expect(none.body).toContain('Chưa có ý kiến nào mới hoặc thay đổi');
});

test('roles: a clerk cannot vote, a member cannot record written votes, close or enter the decision (403, nothing sent)', async () => {
  const clerk = await as('vanthu');
  expect(await clerk.page()).not.toContain('action="/admin/c/kh-67-test/khen-thuong/do/bieu-quyet"');
  const byClerk = await clerk.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(clerk.csrf, 'so-noi-vu/0', 'abstain'));
  expect(byClerk.status).toBe(403);
  expect(byClerk.body).toContain(
    esc('Biểu quyết: tài khoản "vanthu" không có vai trò "thành viên Hội đồng" mà việc này cần; không có gì thay đổi.'),
  );
  const member = await as('tv-vang');
  const html = await member.page();
  expect(html).not.toContain('id="action-ket-thuc"');
  expect(html).not.toContain('id="action-phieu-van-ban"');
  expect(html).toContain('Kết thúc biểu quyết (cần vai trò lãnh đạo phê duyệt)');
  for (const [action, form] of [
    ['phieu-van-ban', vote(member.csrf, 'so-noi-vu/0', 'abstain', { member: 'tv-chu-tich' })],
    ['ket-thuc', { csrf: member.csrf, confirm: 'yes' }],
    ['quyet-dinh', { csrf: member.csrf, number: '125/QĐ-UBND', date: '2026-12-05' }],
  ] as const) {
    expect((await member.browser.postForm(`${PAGE}/do/${action}`, form)).status).toBe(403);
  }
  // Without the session's CSRF token nothing is read either.
  expect((await member.browser.postForm(`${PAGE}/do/bieu-quyet`, vote('sai', 'so-noi-vu/0', 'abstain'))).status).toBe(
    403,
  );
  expect(awards.calls).toEqual([]);
  expect(awards.view.state).toBe('voting');
  expect(logLines).toContain(`dashboard: vanthu bieu-quyet on ${CAMPAIGN}/khen-thuong: refused, lacks role council`);
});

test('a clerk records an absent member’s written vote; the member then sees it as their own', async () => {
  const clerk = await as('vanthu');
  const form = await clerk.page();
  expect(form).toContain('id="action-phieu-van-ban"');
  // The written vote's forms stop where the campaign's authority stops, as the per-nomination selects do.
  const select = /<select id="written-form"[^>]*>([^]*?)<\/select>/.exec(form)![1];
  const offered = [...select.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
  // Not "Chiến sĩ thi đua toàn quốc" (the Prime Minister's), nor a title abolished before the dossiers came.
  expect(offered).toEqual(['lao-dong-tien-tien', 'cstdcs', 'bang-khen-tinh-cn', 'giay-khen', 'bang-khen-tinh-tt']);
  const res = await clerk.browser.postForm(
    `${PAGE}/do/phieu-van-ban`,
    vote(clerk.csrf, 'so-y-te/0', 'approve', {
      member: 'tv-vang',
      formCode: 'giay-khen',
      reason: 'Phiếu gửi ngày 01/12',
    }),
  );
  expect(res.status).toBe(303);
  expect(await clerk.page()).toContain(
    'Đã ghi phiếu bằng văn bản của Hoàng Văn Vắng cho Phòng Nghiệp vụ Y (Sở Y tế): Đồng ý.',
  );
  expect(awards.calls).toEqual([
    {
      action: 'written-vote',
      by: 'vanthu',
      input: {
        nominationId: 'so-y-te/0',
        choice: 'approve',
        formCode: 'giay-khen',
        reason: 'Phiếu gửi ngày 01/12',
        member: 'tv-vang',
      },
    },
  ]);
  const absent = await (await as('tv-vang')).page();
  expect(section(absent, 'so-y-te/0')).toContain(
    'Phiếu của bạn: Đồng ý — Giấy khen (Phiếu gửi ngày 01/12); phiếu bằng văn bản do Lê Thị Văn Thư (vanthu) ghi',
  );
  // A written vote for a recused member is refused like their own vote would be.
  const recused = await clerk.browser.postForm(
    `${PAGE}/do/phieu-van-ban`,
    vote(clerk.csrf, 'so-y-te/0', 'reject', { member: 'tv-y-te', reason: 'x' }),
  );
  expect(recused.status).toBe(409);
  expect(recused.body).toContain(esc('cùng đơn vị Sở Y tế'));
  expect(recused.body).toMatch(/<option value="tv-y-te" selected>/);
});

test('a clerk records an absent member’s written sheet in one update; a member cannot', async () => {
  const clerk = await as('vanthu');
  const html = await clerk.page();
  expect(html).toContain('id="action-phieu-van-ban-tong-hop"');
  expect(html).toContain('name="choice:so-noi-vu/0"');
  const res = await clerk.browser.postForm(`${PAGE}/do/phieu-van-ban-tong-hop`, {
    csrf: clerk.csrf,
    member: 'tv-vang',
    'choice:so-noi-vu/0': 'approve',
    'formCode:so-noi-vu/0': 'cstdcs',
    'reason:so-noi-vu/0': 'Phiếu số 3 ngày 20/11',
    'choice:so-y-te/0': 'reject',
  });
  expect(res.status).toBe(303);
  expect(await clerk.page()).toContain(
    'Đã ghi phiếu tổng hợp bằng văn bản của Hoàng Văn Vắng: 2 đề nghị; đã biểu quyết 2/2 đề nghị.',
  );
  expect(awards.calls).toEqual([
    {
      action: 'written-sheet',
      by: 'vanthu',
      input: {
        member: 'tv-vang',
        votes: [
          { nominationId: 'so-noi-vu/0', choice: 'approve', formCode: 'cstdcs', reason: 'Phiếu số 3 ngày 20/11' },
          { nominationId: 'so-y-te/0', choice: 'reject' },
        ],
      },
    },
  ]);
  expect(awards.votes.every((v) => v.recordedBy?.includes('vanthu'))).toBe(true);
  const member = await as('tv-vang');
  const refused = await member.browser.postForm(`${PAGE}/do/phieu-van-ban-tong-hop`, {
    csrf: member.csrf,
    member: 'tv-chu-tich',
    'choice:so-noi-vu/0': 'abstain',
  });
  expect(refused.status).toBe(403);
  expect(awards.calls).toHaveLength(1);
});

test('the approver closes the vote early with a confirmation; then the tallies and results show, and no more vote forms', async () => {
  const a = await as('tv-chu-tich');
  await a.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(a.csrf, 'so-noi-vu/0', 'approve', { formCode: 'cstdcs' }));
  const b = await as('tv-vang');
  await b.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(b.csrf, 'so-noi-vu/0', 'approve', { formCode: 'cstdcs' }));
  await b.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(b.csrf, 'so-y-te/0', 'reject', { reason: 'Chưa tiêu biểu' }));

  const boss = await as('lanhdao');
  const unconfirmed = await boss.browser.postForm(`${PAGE}/do/ket-thuc`, { csrf: boss.csrf });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body).toContain('Đánh dấu ô xác nhận để kết thúc biểu quyết trước hạn.');
  expect(awards.view.state).toBe('voting');
  const closed = await boss.browser.postForm(`${PAGE}/do/ket-thuc`, { csrf: boss.csrf, confirm: 'yes' });
  expect(closed.status).toBe(303);

  const html = await a.page();
  expect(html).toContain('<dd id="awards-state">Đã kết thúc biểu quyết, chờ quyết định khen thưởng</dd>');
  expect(html).not.toContain('class="vote"');
  const an = section(html, 'so-noi-vu/0');
  expect(an).toContain(
    'Kết quả: 2 đồng ý, 0 không đồng ý, 0 không biểu quyết, 1 chưa bỏ phiếu / 3 thành viên được biểu quyết.',
  );
  expect(an).toContain('<dd class="state">Được khen thưởng: Chiến sĩ thi đua cơ sở</dd>');
  const tt = section(html, 'so-y-te/0');
  expect(tt).toContain(
    'Kết quả: 0 đồng ý, 1 không đồng ý, 0 không biểu quyết, 1 chưa bỏ phiếu / 2 thành viên được biểu quyết.',
  );
  expect(tt).toContain('<dd class="state">Không được đề nghị</dd>');
  // Tallies, not who chose what: the other member's reason stays with them.
  expect(html).not.toContain('Chưa tiêu biểu');
  expect(html).toContain(`<a id="download-minutes" href="${PAGE}/bien-ban.docx">`);
  expect(html).toContain(`<a id="download-statistics" href="${PAGE}/thong-ke.xlsx">`);
  // A vote sent after the close (an old page) is refused in the workflow's words.
  const late = await b.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(b.csrf, 'so-noi-vu/0', 'abstain'));
  expect(late.status).toBe(409);
  expect(late.body).toContain('Biểu quyết đã kết thúc; không nhận phiếu nữa. Không có gì thay đổi.');
});

test('the clerk enters the decision: a bad date and a used number are refused with the input kept; then the documents download', async () => {
  awards.view.state = 'voting';
  const boss = await as('lanhdao');
  await boss.browser.postForm(`${PAGE}/do/ket-thuc`, { csrf: boss.csrf, confirm: 'yes' });
  const clerk = await as('vanthu');
  expect((await clerk.browser.get(`${PAGE}/quyet-dinh.docx`)).status).toBe(404); // not yet issued

  const badDate = await clerk.browser.postForm(`${PAGE}/do/quyet-dinh`, {
    csrf: clerk.csrf,
    number: '125/QĐ-UBND',
    date: '31/02/2026',
  });
  expect(badDate.status).toBe(400);
  expect(badDate.body).toContain(esc('Ngày quyết định "31/02/2026" không hợp lệ (ví dụ: 05/12/2026).'));
  expect(badDate.body).toContain(`value="${esc('125/QĐ-UBND')}"`);
  const used = await clerk.browser.postForm(`${PAGE}/do/quyet-dinh`, {
    csrf: clerk.csrf,
    number: '01/QĐ-UBND',
    date: '2026-12-05',
  });
  expect(used.status).toBe(409);
  expect(used.body).toContain(esc('Số quyết định 01/QĐ-UBND đã được dùng cho một quyết định khác.'));
  expect(awards.view.state).toBe('closed');

  const ok = await clerk.browser.postForm(`${PAGE}/do/quyet-dinh`, {
    csrf: clerk.csrf,
    number: '125/QĐ-UBND',
    date: '05/12/2026',
  });
  expect(ok.status).toBe(303);
  expect(awards.calls.at(-1)).toEqual({
    action: 'decision',
    by: 'vanthu',
    input: { number: '125/QĐ-UBND', date: '2026-12-05' },
  });
  const html = await clerk.page();
  expect(html).toContain(`<dd id="decision">Số ${esc('125/QĐ-UBND')} ngày 05/12/2026 (Lê Thị Văn Thư (vanthu))</dd>`);
  expect(html).not.toContain('id="action-quyet-dinh"');

  for (const [file, type, name] of [
    ['bien-ban.docx', DOCX, 'Biên bản họp Hội đồng.docx'],
    ['quyet-dinh.docx', DOCX, 'Quyết định khen thưởng.docx'],
    ['to-trinh.docx', DOCX, 'Tờ trình.docx'],
    ['thong-ke.xlsx', XLSX, 'Thống kê khen thưởng.xlsx'],
  ]) {
    const res = await clerk.browser.get(`${PAGE}/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toContain(`attachment;`);
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
  }
  expect((await clerk.browser.get(`${PAGE}/thong-ke.docx`)).status).toBe(404);
});

test('a unit’s portal page shows its results with the decision only after the decision', async () => {
  const unit = new PortalBrowser(base);
  const before = await unit.open(linkPath(await links.linkFor(CAMPAIGN, 'so-noi-vu')));
  expect(before.body).not.toContain('Kết quả khen thưởng');

  const a = await as('tv-chu-tich');
  await a.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(a.csrf, 'so-noi-vu/0', 'approve', { formCode: 'cstdcs' }));
  const b = await as('tv-vang');
  await b.browser.postForm(`${PAGE}/do/bieu-quyet`, vote(b.csrf, 'so-noi-vu/0', 'approve', { formCode: 'cstdcs' }));
  const boss = await as('lanhdao');
  await boss.browser.postForm(`${PAGE}/do/ket-thuc`, { csrf: boss.csrf, confirm: 'yes' });
  expect((await unit.get('/unit')).body).not.toContain('Kết quả khen thưởng'); // closed, no decision yet
  const clerk = await as('vanthu');
  await clerk.browser.postForm(`${PAGE}/do/quyet-dinh`, {
    csrf: clerk.csrf,
    number: '125/QĐ-UBND',
    date: '2026-12-05',
  });

  const after = (await unit.get('/unit')).body;
  expect(after).toContain(`<p id="award-decision">Theo Quyết định số ${esc('125/QĐ-UBND')} ngày 05/12/2026:</p>`);
  expect(after).toMatch(
    /<tr class="award-approved"><td>Cá nhân<\/td><td>Nguyễn Văn An<\/td><td>Chiến sĩ thi đua cơ sở<\/td><td>Được khen thưởng: Chiến sĩ thi đua cơ sở<\/td><\/tr>/,
  );
  // Only its own nominees.
  expect(after).not.toContain('Phòng Nghiệp vụ Y');
  const other = new PortalBrowser(base);
  const yte = (await other.open(linkPath(await links.linkFor(CAMPAIGN, 'so-y-te')))).body;
  expect(yte).toContain('<td>Phòng Nghiệp vụ Y</td><td>Bằng khen của UBND tỉnh</td><td>Không được đề nghị</td>');
  expect(yte).not.toContain('Nguyễn Văn An');
});

test('no awards phase yet: the page says so (404); a worker that does not answer is named, and the unit page still shows', async () => {
  const { browser } = await as('vanthu');
  const missing = await browser.get('/admin/c/kh-khac/khen-thuong');
  expect(missing.status).toBe(404);
  expect(missing.body).toContain('chưa đến giai đoạn khen thưởng');
  // A plan whose awards phase has no council never gets a vote: the page does not promise one.
  expect(missing.body).toContain('hoặc giai đoạn khen thưởng của kế hoạch không có Hội đồng biểu quyết');
  // Not a dead end: the clerk is led back to the campaign's page.
  expect(missing.body).toContain('<a id="back-to-campaign" href="/admin/c/kh-khac">← Về trang của đợt</a>');
  awards.workerDown = true;
  const down = await browser.get(PAGE);
  expect(down.status).toBe(503);
  expect(down.body).toContain('không có worker nào trả lời trong 10 giây');
  const unit = await new PortalBrowser(base).open(linkPath(await links.linkFor(CAMPAIGN, 'so-noi-vu')));
  expect(unit.status).toBe(200);
  expect(logLines.some((l) => l.startsWith(`portal: award results of ${CAMPAIGN}/so-noi-vu unreadable`))).toBe(true);
});

test('the select offers the shipped catalogue’s forms for the nominee’s kind, only where the campaign’s authority reaches', () => {
  const catalogue = loadAwardCatalogue();
  const individual = { ...awards.view.nominations[0], check: { route: 'council' as const, unmet: [], judged: [] } };
  const codes = (authority: Parameters<typeof formChoices>[2]) =>
    formChoices(catalogue, individual, authority).map(([c]) => c);
  expect(codes('prime-minister')).toContain('bang-khen-ttg');
  expect(codes('ministry-province')).not.toContain('bang-khen-ttg');
  expect(codes('ministry-province')).toContain('cstdcs');
  // A collective-only form is never offered for an individual.
  expect(codes('president')).not.toContain('ttldtt');
});

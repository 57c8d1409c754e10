/**
 * The dashboard's conference page (`/admin/c/<campaign>/hoi-nghi`) over real HTTP, with real accounts
 * and a fake of the conference use cases (test/helpers/fake-conference.ts) that checks roles as they
 * do: counts and the list, the forms each role may use, refusals beside the form, the outcome's upload,
 * and the replies' `.xlsx` read back with exceljs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { UnitWorkflows } from '../../../app/units';
import { AppError } from '../../../app/temporal-errors';
import type { CampaignStatusView } from '../../../domain/workflow-types';
import type { SecretariatBackend } from '../../../portal/dashboard/backend';
import { createPortal, type Portal } from '../../../portal/server';
import { FileAccountStore } from '../../../stores/accounts';
import { FileReportStore } from '../../../stores/report-store';
import { conferenceView, FakeConference } from '../../helpers/fake-conference';
import { csrfOf, PortalBrowser } from '../../helpers/portal-client';

const ZONE = 'Asia/Ho_Chi_Minh';
const CAMPAIGN = 'kh-67-test';
const DAY = 24 * 3600_000;
const PASSWORD = 'mat-khau-rat-dai-2026';
const PAGE = `/admin/c/${CAMPAIGN}/hoi-nghi`;

/** The campaign as the conference page and the campaign page read it; nothing else is asked here. */
const campaign: Partial<CampaignStatusView> = {
  campaignId: CAMPAIGN,
  definitionRef: 'x',
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
  phase: 'conference',
  timeZone: ZONE,
  extensions: [],
  phases: [
    {
      kind: 'conference',
      name: 'Hội nghị tổng kết',
      start: new Date(Date.now() - DAY).toISOString(),
      end: new Date(Date.now() + 20 * DAY).toISOString(),
    },
  ],
};
const secretariat = {
  campaignStatus: async () => structuredClone(campaign),
  campaignTree: async () => ({ subCampaigns: [] }),
  campaignUnits: async () => ({
    campaignId: CAMPAIGN,
    planNumber: '67-KH/TU',
    title: campaign.title,
    phase: 'conference',
    workflowStatus: 'RUNNING',
    total: 0,
    locked: 0,
    counts: { pending: 0, submitted: 0, late: 0, missing: 0, cancelled: 0 },
    units: [],
    matching: 0,
  }),
  synthesisStatus: async () => {
    throw new AppError('not-found', { campaignId: CAMPAIGN });
  },
  temporalUiUrl: (id: string) => `http://temporal.invalid/${id}`,
} as unknown as SecretariatBackend;
const noUnits = {} as UnitWorkflows;

let dir: string;
let accounts: FileAccountStore;
let reports: FileReportStore;
let conference: FakeConference;
let portal: Portal;
let base: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-dash-conf-'));
  accounts = new FileAccountStore(dir, { N: 2 ** 12, r: 8, p: 1 });
  await accounts.set('thuongtruc', 'Nguyễn Thị Hạnh', PASSWORD, ['clerk']);
  await accounts.set('lanhdao', 'Trần Văn Lãnh', PASSWORD, ['approver']);
  reports = new FileReportStore(path.join(dir, 'reports'));
  conference = new FakeConference(
    conferenceView(CAMPAIGN, [
      { id: 'so-noi-vu', name: 'Sở Nội vụ', remindersSent: 1 },
      { id: 'so-y-te', name: 'Sở Y tế', remindersSent: 2, escalated: true },
      { id: 'khach/ong-a', name: 'Ông Nguyễn Văn A' },
    ]),
  );
  await conference.reply(CAMPAIGN, {
    inviteeId: 'so-noi-vu',
    answer: 'attending',
    delegates: [
      { name: 'Trần Thị B', position: 'Giám đốc Sở' },
      { name: 'Lê Văn C', position: 'Chánh Văn phòng' },
    ],
    seats: 3,
    via: 'link',
  });
  conference.calls.length = 0;
  portal = createPortal({
    backend: noUnits,
    links: { resolve: async () => undefined },
    reports,
    timeZone: ZONE,
    dashboard: { backend: secretariat, accounts, reports, conference, maxSynthesisBytes: 1024 * 1024 },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function signedIn(login: string): Promise<{ browser: PortalBrowser; page: string; csrf: string }> {
  const browser = new PortalBrowser(base);
  const form = await browser.get('/admin/login');
  const res = await browser.postForm('/admin/login', { csrf: csrfOf(form.body), login, password: PASSWORD });
  expect(res.status).toBe(303);
  const page = await browser.get(PAGE);
  expect(page.status).toBe(200);
  return { browser, page: page.body, csrf: csrfOf(page.body) };
}

test('the page: state, day, venue, counts, every invitee with its reply, delegates, reminders and escalation', async () => {
  const { page } = await signedIn('thuongtruc');
  expect(page).toContain('id="conference-state">Đã gửi giấy mời, đang nhận trả lời</dd>');
  expect(page).toContain('08:00 thứ Bảy, 14/11/2009');
  expect(page).toContain('Hội trường Tỉnh ủy');
  expect(page).toContain('<strong id="count-invited">3</strong>');
  expect(page).toContain('<strong id="count-attending">1</strong>');
  expect(page).toContain('<strong id="count-no-reply">2</strong>');
  expect(page).toContain('<strong id="count-seats">3</strong>');
  const row = (id: string) => new RegExp(`<tr data-invitee="${id}"[^]*?</tr>`).exec(page)![0];
  expect(row('so-noi-vu')).toContain('Tham dự');
  expect(row('so-noi-vu')).toContain('Trần Thị B (Giám đốc Sở)<br>Lê Văn C (Chánh Văn phòng)');
  expect(row('so-noi-vu')).toContain('đường dẫn');
  expect(row('so-y-te')).toContain('Chưa trả lời');
  expect(row('so-y-te')).toContain('đã báo');
  expect(row('khach/ong-a')).toContain('Khách mời');
  expect(page).toContain(`href="${PAGE}/phan-hoi.xlsx"`);
});

test('every time on the page in the pages\' words ("17:00 thứ Sáu, 06/11/2009"), not the CLI\'s "06/11/2009 17:00"', async () => {
  // As the workflow gives them: the day spoken ("08:00 ngày …"), the reply deadline and a move as the
  // schedule and the change list write them.
  const v = conference.view!;
  v.changes.push({
    at: new Date().toISOString(),
    by: 'Nguyễn Thị Hạnh (thuongtruc)',
    what: 'date-moved',
    sequence: 1,
    detail: '08:00 ngày 07/11/2009 → 08:00 ngày 14/11/2009 (trùng lịch họp)',
  });
  v.outcome = {
    heldOn: '2009-11-14',
    attendance: 118,
    recordedBy: 'Nguyễn Thị Hạnh (thuongtruc)',
    at: v.changes[0].at,
  };
  const { page } = await signedIn('thuongtruc');
  expect(page).toContain('<dd id="when">08:00 thứ Bảy, 14/11/2009</dd>');
  expect(page).toContain('<dd id="reply-by">17:00 thứ Sáu, 06/11/2009</dd>');
  expect(page).toContain('Dời ngày: 08:00 thứ Bảy, 07/11/2009 → 08:00 thứ Bảy, 14/11/2009 (trùng lịch họp)');
  expect(page).toContain('<dt>Tổ chức ngày</dt><dd>14/11/2009</dd>');
  expect(page).not.toMatch(/\d\d\/\d\d\/\d{4} \d\d:\d\d/);
  expect(page).not.toMatch(/\d\d:\d\d ngày \d/);
});

test('a clerk records a phone reply: sent with the clerk as recorder, the page shows it', async () => {
  const { browser, csrf } = await signedIn('thuongtruc');
  const res = await browser.postForm(`${PAGE}/do/phone-reply`, {
    csrf,
    invitee: 'so-y-te',
    answer: 'attending',
    delegates: 'Phạm Văn D, Giám đốc Sở\nHoàng Thị E',
    seats: '',
  });
  expect(res.status).toBe(303);
  expect(res.headers.get('location')).toBe(PAGE);
  expect(conference.calls).toEqual([
    {
      action: 'reply',
      campaignId: CAMPAIGN,
      args: {
        inviteeId: 'so-y-te',
        answer: 'attending',
        delegates: [{ name: 'Phạm Văn D', position: 'Giám đốc Sở' }, { name: 'Hoàng Thị E' }],
        seats: 2,
        via: 'phone',
        recordedBy: 'Nguyễn Thị Hạnh (thuongtruc)',
      },
    },
  ]);
  const page = (await browser.get(PAGE)).body;
  expect(page).toContain('Đã ghi nhận trả lời của Sở Y tế: tham dự, 2 đại biểu.');
  expect(page).toContain('<strong id="count-attending">2</strong>');
  expect(page).toContain('điện thoại (Nguyễn Thị Hạnh (thuongtruc))');
});

test('a phone reply with more delegates than seats is refused beside the form, refilled, nothing sent', async () => {
  const { browser, csrf } = await signedIn('thuongtruc');
  const res = await browser.postForm(`${PAGE}/do/phone-reply`, {
    csrf,
    invitee: 'so-y-te',
    answer: 'attending',
    delegates: 'Phạm Văn D\nHoàng Thị E\nVũ Văn G',
    seats: '2',
  });
  expect(res.status).toBe(400);
  expect(res.body).toMatch(
    /id="error-phone-reply">Đăng ký 3 đại biểu nhưng chỉ 2 chỗ ngồi: số chỗ ngồi không được ít hơn số đại biểu\. Không có gì thay đổi\./,
  );
  expect(res.body).toContain('Phạm Văn D\nHoàng Thị E\nVũ Văn G</textarea>');
  expect(res.body).toContain('<option value="so-y-te" selected>');
  expect(conference.calls).toEqual([]);
});

test('roles: an approver cannot record replies or move the day (403, nothing sent) but cancels, with the confirmation', async () => {
  const { browser, page, csrf } = await signedIn('lanhdao');
  expect(page).not.toContain('id="action-phone-reply"');
  expect(page).toContain('id="action-cancel"');
  expect(page).toMatch(/id="actions-lacking">[^<]*Ghi nhận trả lời qua điện thoại \(cần vai trò chuyên viên\)/);
  const refused = await browser.postForm(`${PAGE}/do/set-date`, { csrf, start: '08:00 20/11/2009' });
  expect(refused.status).toBe(403);
  expect(refused.body).toContain('không có vai trò &quot;chuyên viên&quot;');
  expect(conference.calls).toEqual([]);

  const unconfirmed = await browser.postForm(`${PAGE}/do/cancel`, { csrf, reason: 'Dịch bệnh' });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body).toContain('Đánh dấu ô xác nhận để hủy hội nghị.');
  expect(conference.calls).toEqual([]);
  const done = await browser.postForm(`${PAGE}/do/cancel`, { csrf, reason: 'Dịch bệnh', confirm: 'yes' });
  expect(done.status).toBe(303);
  expect(conference.calls).toEqual([{ action: 'cancel', campaignId: CAMPAIGN, args: { reason: 'Dịch bệnh' } }]);
  const after = (await browser.get(PAGE)).body;
  expect(after).toContain('id="conference-state">Đã hủy</dd>');
  expect(after).not.toContain('id="action-cancel"');
});

test('a clerk cannot cancel: the form is not drawn and a forged request is refused with the role it needs', async () => {
  const { browser, page, csrf } = await signedIn('thuongtruc');
  expect(page).not.toContain('id="action-cancel"');
  const refused = await browser.postForm(`${PAGE}/do/cancel`, { csrf, reason: 'x', confirm: 'yes' });
  expect(refused.status).toBe(403);
  expect(refused.body).toContain('&quot;lãnh đạo phê duyệt&quot;');
  expect(conference.calls).toEqual([]);
});

test('moving the day: the local time typed is sent as the instant in the campaign zone; a bad one is named', async () => {
  const { browser, csrf } = await signedIn('thuongtruc');
  const bad = await browser.postForm(`${PAGE}/do/set-date`, { csrf, start: '20/11 sáng' });
  expect(bad.status).toBe(400);
  expect(bad.body).toContain('Giờ bắt đầu &quot;20/11 sáng&quot; không hợp lệ');
  const res = await browser.postForm(`${PAGE}/do/set-date`, {
    csrf,
    start: '08:00 20/11/2009',
    end: '11:30 20/11/2009',
    reason: 'Trùng lịch họp',
  });
  expect(res.status).toBe(303);
  expect(conference.calls).toEqual([
    {
      action: 'set-date',
      campaignId: CAMPAIGN,
      args: { when: { start: '2009-11-20T01:00:00Z', end: '2009-11-20T04:30:00Z' }, reason: 'Trùng lịch họp' },
    },
  ]);
});

test('a day fixed well ahead: the clerk is told when the invitations will go, not that they were sent', async () => {
  // The day was rough; fixing it schedules the invitations a week before (the workflow's view says when).
  conference.view!.state = 'scheduled';
  conference.view!.invitationsAt = '2099-11-13T01:00:00Z';
  const { browser, csrf } = await signedIn('thuongtruc');
  const res = await browser.postForm(`${PAGE}/do/set-date`, { csrf, start: '08:00 20/11/2099' });
  expect(res.status).toBe(303);
  const page = (await browser.get(PAGE)).body;
  expect(page).toContain('giấy mời (lần 1) sẽ được gửi tới mọi khách mời lúc 08:00 thứ Sáu, 13/11/2099.');
  expect(page).not.toContain('được gửi tới mọi khách mời.</');

  // Once the invitations went out, a move sends the updated one at once, whatever its new schedule.
  conference.view!.state = 'invited';
  await browser.postForm(`${PAGE}/do/set-date`, { csrf, start: '08:00 21/11/2099' });
  expect((await browser.get(PAGE)).body).toContain('giấy mời cập nhật (lần 2) được gửi tới mọi khách mời.');
});

test('the outcome with its minutes uploaded (multipart): sent with the file; shown afterwards', async () => {
  conference.view!.state = 'awaiting-outcome';
  const { browser, page, csrf } = await signedIn('thuongtruc');
  expect(page).toMatch(/action="[^"]+\/hoi-nghi\/do\/outcome" id="action-outcome" enctype="multipart\/form-data"/);
  const minutes = Buffer.from('%PDF-1.4\nbiên bản\n%%EOF\n');
  const res = await browser.postMultipart(
    `${PAGE}/do/outcome`,
    { csrf, heldOn: '14/11/2009', attendance: '118', note: '' },
    { filename: 'bien-ban.pdf', contentType: 'application/pdf', data: minutes },
  );
  expect(res.status).toBe(303);
  expect(conference.calls).toEqual([
    {
      action: 'outcome',
      campaignId: CAMPAIGN,
      args: { heldOn: '2009-11-14', attendance: 118, minutes: { name: 'bien-ban.pdf', bytes: minutes } },
    },
  ]);
  const after = (await browser.get(PAGE)).body;
  expect(after).toContain('id="conference-state">Đã tổ chức</dd>');
  expect(after).toContain('<dt>Số người dự</dt><dd>118</dd>');
});

test('the replies as .xlsx: two sheets, Vietnamese headers under a frozen row, a row per invitee and per delegate; same view, same bytes', async () => {
  const { browser } = await signedIn('thuongtruc');
  const res = await fetch(`${base}${PAGE}/phan-hoi.xlsx`, {
    headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toContain(`tra-loi-giay-moi-${CAMPAIGN}.xlsx`);
  const bytes = Buffer.from(await res.arrayBuffer());
  const again = Buffer.from(
    await (
      await fetch(`${base}${PAGE}/phan-hoi.xlsx`, {
        headers: { cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      })
    ).arrayBuffer(),
  );
  expect(again.equals(bytes)).toBe(true);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Trả lời', 'Đại biểu']);
  const replies = wb.getWorksheet('Trả lời')!;
  expect(replies.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  expect((replies.getRow(3).values as unknown[]).slice(1)).toEqual([
    'STT',
    'Khách mời',
    'Loại',
    'Trả lời',
    'Đại biểu',
    'Số chỗ ngồi',
    'Hình thức',
    'Thời điểm trả lời',
    'Ghi chú',
  ]);
  const row = (r: number) => (replies.getRow(r).values as unknown[]).slice(1, 7);
  expect(row(4)).toEqual([
    1,
    'Sở Nội vụ',
    'Đơn vị',
    'Tham dự',
    'Trần Thị B (Giám đốc Sở); Lê Văn C (Chánh Văn phòng)',
    3,
  ]);
  expect(row(5).slice(0, 4)).toEqual([2, 'Sở Y tế', 'Đơn vị', 'Chưa trả lời']);
  expect(row(6).slice(0, 4)).toEqual([3, 'Ông Nguyễn Văn A', 'Khách mời', 'Chưa trả lời']);
  expect(replies.getRow(7).getCell(2).value).toBeNull();
  expect(replies.pageSetup.orientation).toBe('landscape');

  const delegates = wb.getWorksheet('Đại biểu')!;
  expect((delegates.getRow(3).values as unknown[]).slice(1)).toEqual([
    'STT',
    'Họ và tên',
    'Chức vụ',
    'Đơn vị, khách mời',
  ]);
  expect((delegates.getRow(4).values as unknown[]).slice(1)).toEqual([1, 'Trần Thị B', 'Giám đốc Sở', 'Sở Nội vụ']);
  expect((delegates.getRow(5).values as unknown[]).slice(1)).toEqual([2, 'Lê Văn C', 'Chánh Văn phòng', 'Sở Nội vụ']);
  expect(delegates.rowCount).toBe(5);
});

test('the campaign page links to the conference page; before the phase opens, the page says so', async () => {
  const { browser } = await signedIn('thuongtruc');
  const page = await browser.get(`/admin/c/${CAMPAIGN}`);
  expect(page.body).toContain(`<a href="${PAGE}" id="conference-link">`);
  conference.view = undefined;
  const early = await browser.get(PAGE);
  expect(early.status).toBe(404);
  expect(early.body).toContain('chưa đến giai đoạn hội nghị');
});

test("a clerk reissues a guest's link from the conference page; the new address is shown once", async () => {
  const { browser, page, csrf } = await signedIn('thuongtruc');
  expect(page).toContain('<option value="khach/ong-a">Ông Nguyễn Văn A</option>');
  const unconfirmed = await browser.postForm(`${PAGE}/do/guest-link`, {
    csrf,
    invitee: 'khach/ong-a',
    what: 'reissue',
  });
  expect(unconfirmed.status).toBe(400);
  expect(conference.calls).toEqual([]);
  const res = await browser.postForm(`${PAGE}/do/guest-link`, {
    csrf,
    invitee: 'khach/ong-a',
    what: 'reissue',
    confirm: 'yes',
  });
  expect(res.status).toBe(303);
  expect(conference.calls).toEqual([
    { action: 'guest-link', campaignId: CAMPAIGN, args: { inviteeId: 'khach/ong-a', what: 'reissue' } },
  ]);
  expect((await browser.get(PAGE)).body).toContain(
    'Đã cấp đường dẫn mới cho khách mời: http://portal.example.vn/k/moi-ong-a',
  );
});

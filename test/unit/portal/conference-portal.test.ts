/**
 * The invitees' conference pages on the portal (`/u/<token>/hoi-nghi`, `/k/<token>`) over real HTTP,
 * with the real link store and a fake of the conference use cases (test/helpers/fake-conference.ts)
 * that refuses as the workflow's validators do. The full stack is in test/e2e/conference.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { CampaignInfo, UnitWorkflows } from '../../../app/units';
import { AppError } from '../../../app/temporal-errors';
import type { UnitStatusView } from '../../../domain/workflow-types';
import { createPortal, type Portal } from '../../../portal/server';
import { inviteeLink } from '../../../stores/invitee-links';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { conferenceView, FakeConference } from '../../helpers/fake-conference';
import { csrfOf, linkPath, PortalBrowser } from '../../helpers/portal-client';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const CAMPAIGN = 'kh-67-test';
const DAY = 24 * 3600_000;

class Units implements UnitWorkflows {
  readonly view: UnitStatusView = openUnitView({
    campaignId: CAMPAIGN,
    unitId: 'so-noi-vu',
    unitName: 'Sở Nội vụ',
    timeZone: ZONE,
  });
  async campaignEndedAt() {
    return undefined;
  }
  async unitStatus(campaignId: string, unitId: string) {
    if (unitId !== 'so-noi-vu') throw new AppError('not-found', { campaignId, unitId });
    return structuredClone(this.view);
  }
  async campaignInfo(): Promise<CampaignInfo> {
    return {
      title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
      timeZone: ZONE,
      contact: 'Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc: Nguyễn Văn T, ĐT: 0211 3862 000',
      // The definition's conference: only a period, as the file announces it.
      conference: {
        name: 'Hội nghị tổng kết',
        when: { kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' },
        venue: 'Hội trường cũ',
        agenda: [],
      },
    };
  }
  async submitFile(): Promise<never> {
    throw new Error('not used');
  }
  async submitNominations(): Promise<never> {
    throw new Error('not used');
  }
}

let dir: string;
let links: FileUnitLinks;
let reports: FileReportStore;
let conference: FakeConference;
let portal: Portal;
let base: string;
let unitPage: string;
let guestPage: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-conf-portal-'));
  links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
  reports = new FileReportStore(path.join(dir, 'reports'));
  conference = new FakeConference(
    conferenceView(CAMPAIGN, [
      { id: 'so-noi-vu', name: 'Sở Nội vụ', presents: 'Đổi mới công tác thi đua ở cơ sở' },
      { id: 'so-y-te', name: 'Sở Y tế' },
      { id: 'khach/ong-a', name: 'Ông Nguyễn Văn A, nguyên Chủ tịch UBND tỉnh' },
    ]),
  );
  unitPage = linkPath(await inviteeLink(links, CAMPAIGN, 'so-noi-vu'));
  guestPage = linkPath(await inviteeLink(links, CAMPAIGN, 'khach/ong-a'));
  portal = createPortal({ backend: new Units(), links, reports, conference, timeZone: ZONE });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The reply form's fields as a browser sends them, with the page's CSRF value and rows. */
function replyFields(page: string, fields: Record<string, string>): Record<string, string> {
  const rows = /name="rows" value="(\d+)"/.exec(page)![1];
  return { csrf: csrfOf(page), rows, do: 'send', ...fields };
}

test('the unit page of the conference: day, venue, agenda, what the unit presents, no reply yet, the form', async () => {
  expect(unitPage).toMatch(/^\/u\/[A-Za-z0-9_-]+\/hoi-nghi$/);
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  expect(page.status).toBe(200);
  expect(page.body).toContain('Kính gửi: <strong id="invitee">Sở Nội vụ</strong>');
  expect(page.body).toContain('<dd id="when">08:00 thứ Bảy, 14/11/2009</dd>');
  expect(page.body).toContain('<dd id="reply-by">17:00 thứ Sáu, 06/11/2009</dd>');
  expect(page.body).toContain('Hội trường Tỉnh ủy');
  expect(page.body).toContain('<li>Tham luận của các điển hình</li>');
  expect(page.body).toContain('Đổi mới công tác thi đua ở cơ sở');
  expect(page.body).toContain('Quý vị chưa trả lời giấy mời này.');
  expect(page.body).toContain('name="d2_name"');
  expect(page.body).toContain(`href="${unitPage}/giay-moi.ics"`);
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  expect(browser.cookies.get('thidua_conf')).toBe(csrfOf(page.body));
});

test('a unit replies attending with two delegates: recorded through its link, shown back on the page', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  const sent = await browser.postForm(
    unitPage,
    replyFields(page.body, {
      answer: 'attending',
      d0_name: 'Trần Thị B',
      d0_position: 'Giám đốc Sở',
      d1_name: 'Lê Văn C',
      d1_position: 'Chánh Văn phòng',
      seats: '3',
      note: 'Có một đại biểu đi xe lăn',
    }),
  );
  expect(sent.status).toBe(303);
  expect(sent.headers.get('location')).toBe(`${unitPage}?da-tra-loi=1`);
  expect(conference.calls).toEqual([
    {
      action: 'reply',
      campaignId: CAMPAIGN,
      args: {
        inviteeId: 'so-noi-vu',
        via: 'link',
        answer: 'attending',
        delegates: [
          { name: 'Trần Thị B', position: 'Giám đốc Sở' },
          { name: 'Lê Văn C', position: 'Chánh Văn phòng' },
        ],
        seats: 3,
        note: 'Có một đại biểu đi xe lăn',
      },
    },
  ]);
  const after = await browser.get(sent.headers.get('location')!);
  expect(after.body).toContain('Đã ghi nhận trả lời của quý vị.');
  expect(after.body).toMatch(
    /id="current-reply">Tham dự — 2 đại biểu: Trần Thị B \(Giám đốc Sở\); Lê Văn C \(Chánh Văn phòng\) — 3 chỗ ngồi/,
  );
  // The form starts from the reply given, to change it before the deadline.
  expect(after.body).toContain('id="answer-attending" checked');
  expect(after.body).toContain('value="Lê Văn C"');
});

test('declining sends no delegates and no seats, whatever rows were left filled', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  const sent = await browser.postForm(
    unitPage,
    replyFields(page.body, { answer: 'declined', d0_name: 'Trần Thị B', seats: '2' }),
  );
  expect(sent.status).toBe(303);
  expect(conference.calls[0].args).toEqual({
    inviteeId: 'so-noi-vu',
    via: 'link',
    answer: 'declined',
    delegates: [],
    seats: 0,
  });
});

test('more delegates than seats: refused on the page with the reason, what was typed kept, nothing sent', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  const refused = await browser.postForm(
    unitPage,
    replyFields(page.body, {
      answer: 'attending',
      d0_name: 'Trần Thị B',
      d1_name: 'Lê Văn C',
      seats: '1',
      note: 'ghi chú của tôi',
    }),
  );
  expect(refused.status).toBe(400);
  expect(refused.body).toContain('Đăng ký 2 đại biểu nhưng chỉ 1 chỗ ngồi');
  expect(refused.body).toContain('Trả lời chưa được ghi nhận.');
  expect(refused.body).toContain('value="Lê Văn C"');
  expect(refused.body).toContain('ghi chú của tôi</textarea>');
  expect(refused.body).toContain('id="seats" name="seats" inputmode="numeric" pattern="[0-9]*" size="4" value="1"');
  expect(conference.calls).toEqual([]);
});

test('bad fields are named: no answer, a position without a name, seats that are not a number', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  const noAnswer = await browser.postForm(unitPage, replyFields(page.body, {}));
  expect(noAnswer.status).toBe(400);
  expect(noAnswer.body).toContain('Chọn &quot;Tham dự&quot; hoặc &quot;Không tham dự&quot;.');
  const noName = await browser.postForm(
    unitPage,
    replyFields(page.body, { answer: 'attending', d0_name: 'Trần Thị B', d1_position: 'Phó Giám đốc', seats: 'hai' }),
  );
  expect(noName.body).toContain('Dòng đại biểu 2: thiếu họ và tên (chức vụ &quot;Phó Giám đốc&quot;).');
  expect(noName.body).toContain('Số chỗ ngồi &quot;hai&quot; không hợp lệ');
  expect(conference.calls).toEqual([]);
});

test('after the reply deadline and after a cancel: the workflow refuses, the page says why and keeps the form', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  conference.view!.replyBy = new Date(Date.now() - DAY).toISOString();
  const late = await browser.postForm(unitPage, replyFields(page.body, { answer: 'attending', d0_name: 'Trần Thị B' }));
  expect(late.status).toBe(409);
  // The workflow writes its deadline as the CLI does (06/11/2009 17:00); the page as it writes every time.
  expect(late.body).toContain('Đã quá hạn đăng ký dự (17:00 thứ Sáu, 06/11/2009); xin liên hệ Thường trực.');
  expect(late.body).toContain('value="Trần Thị B"');
  // Read afresh past the deadline: the page says whom to call, since a phone reply is still recorded.
  const closed = (await browser.get(unitPage)).body;
  expect(closed).toMatch(
    /id="reply-closed">Đã quá hạn trả lời \([^)]+\)\. Xin liên hệ Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc: Nguyễn Văn T, ĐT: 0211 3862 000 để báo tham dự qua điện thoại\.<\/div>/,
  );

  conference.view!.replyBy = new Date(Date.now() + DAY).toISOString();
  conference.view!.state = 'cancelled';
  conference.view!.cancelled = { reason: 'Dịch bệnh', by: 'Lãnh đạo (ld)', at: new Date().toISOString() };
  const cancelled = await browser.postForm(unitPage, replyFields(page.body, { answer: 'declined' }));
  expect(cancelled.status).toBe(409);
  expect(cancelled.body).toContain('Hội nghị đã bị hủy (Dịch bệnh); không nhận trả lời.');
  expect(cancelled.body).toContain('id="answer-declined" checked');
  // Read afresh, the cancelled conference shows no form.
  const again = await browser.get(unitPage);
  expect(again.body).toContain('id="cancelled"');
  expect(again.body).not.toContain('id="reply-form"');
  expect(conference.view!.invitees[0].reply).toBeUndefined();
});

test('a link revoked while the page was open: refused, the typed reply shown back, nothing sent', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  await links.revoke(CAMPAIGN, 'so-noi-vu');
  const refused = await browser.postForm(
    unitPage,
    replyFields(page.body, { answer: 'attending', d0_name: 'Trần Thị B', d0_position: 'Giám đốc Sở' }),
  );
  expect(refused.status).toBe(404);
  expect(refused.body).toContain('đã bị thu hồi');
  expect(refused.body).toContain('Đại biểu 1: Trần Thị B, Giám đốc Sở');
  expect(conference.calls).toEqual([]);
  expect((await browser.get(unitPage)).status).toBe(404);
});

test("without the page's cookie (another site's form) the reply is refused as a bad CSRF value", async () => {
  const page = await new PortalBrowser(base).get(unitPage);
  const stranger = new PortalBrowser(base);
  const refused = await stranger.postForm(unitPage, replyFields(page.body, { answer: 'declined' }));
  expect(refused.status).toBe(403);
  expect(conference.calls).toEqual([]);
});

test('"add rows" draws more delegate rows with what was typed, and sends nothing', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(unitPage);
  const more = await browser.postForm(unitPage, {
    ...replyFields(page.body, { answer: 'attending', d2_name: 'Phạm D' }),
    do: 'more',
  });
  expect(more.status).toBe(200);
  expect(more.body).toContain('name="d5_name"');
  expect(more.body).toContain('value="Phạm D"');
  expect(conference.calls).toEqual([]);
});

test('a guest answers on its own link; a guest link opens no unit page and a unit link no guest page', async () => {
  expect(guestPage).toMatch(/^\/k\/[A-Za-z0-9_-]+$/);
  const browser = new PortalBrowser(base);
  const page = await browser.get(guestPage);
  expect(page.status).toBe(200);
  expect(page.body).toContain('Ông Nguyễn Văn A, nguyên Chủ tịch UBND tỉnh');
  expect(page.body).not.toContain('lich.ics');
  const sent = await browser.postForm(
    guestPage,
    replyFields(page.body, { answer: 'attending', d0_name: 'Nguyễn Văn A' }),
  );
  expect(sent.status).toBe(303);
  expect(conference.calls[0].args).toMatchObject({ inviteeId: 'khach/ong-a', seats: 1 });

  const token = guestPage.slice('/k/'.length);
  expect((await browser.get(`/u/${token}`)).status).toBe(404);
  expect((await browser.get(`/u/${token}/hoi-nghi`)).status).toBe(404);
  expect((await browser.get(`/k/${unitPage.split('/')[2]}`)).status).toBe(404);

  // Revoked, the guest's link opens nothing any more.
  await links.revoke(CAMPAIGN, 'khach/ong-a');
  expect((await browser.get(guestPage)).status).toBe(404);
});

test('the invitation as a calendar file, and the unit calendar with the conference at its current SEQUENCE', async () => {
  const browser = new PortalBrowser(base);
  const ics = await browser.get(`${unitPage}/giay-moi.ics`);
  expect(ics.status).toBe(200);
  expect(ics.headers.get('content-type')).toMatch(/^text\/calendar/);
  expect(ics.body).toContain('METHOD:REQUEST');

  conference.view!.sequence = 2;
  const token = unitPage.split('/')[2];
  const feed = await browser.get(`/u/${token}/lich.ics`);
  expect(feed.status).toBe(200);
  const events = new ICAL.Component(ICAL.parse(feed.body)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  const meeting = events.find((e) => e.uid.startsWith('hoi-nghi.'))!;
  expect(meeting.sequence).toBe(2);
  expect(meeting.location).toBe('Hội trường Tỉnh ủy');
  expect(meeting.startDate.toJSDate().toISOString()).toBe(
    (conference.view!.when as { start: string }).start.replace(/\.\d{3}Z$/, '.000Z'),
  );

  // No conference workflow yet: the definition's conference, only its period.
  conference.view = undefined;
  const early = await browser.get(`/u/${token}/lich.ics`);
  const rough = new ICAL.Component(ICAL.parse(early.body)).getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
  expect(rough.find((e) => e.uid.startsWith('hoi-nghi.'))!.summary).toContain('dự kiến trong tháng 11/2009');
  expect((await browser.get(unitPage)).body).toContain('Hội nghị của đợt thi đua này chưa mở');
});

test("the unit's own page links to its conference page", async () => {
  const browser = new PortalBrowser(base);
  const token = unitPage.split('/')[2];
  const unit = await browser.open(`/u/${token}`);
  expect(unit.body).toContain(`<a href="${unitPage}">Hội nghị: giấy mời, chương trình và trả lời tham dự</a>`);
});

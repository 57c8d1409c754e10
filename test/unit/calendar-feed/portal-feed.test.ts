/**
 * The unit's calendar on the portal (`GET /u/<token>/lich.ics`) over real HTTP, with the real unit
 * links and an in-memory stand-in for Temporal: headers, the feed parsed back, each unit's own events
 * only, and the link's refusals (unknown, revoked, campaign over) as its page gives them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import type { CampaignInfo } from '../../../app/units';
import { createPortal, type Portal } from '../../../portal/server';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { linkPath, PortalBrowser } from '../../helpers/portal-client';
import { CAMPAIGN, FakeBackend as UnitPortalBackend, ZONE } from '../../helpers/unit-portal-harness';
import { openUnitView } from '../../helpers/unit-views';

const DAY = 24 * 3600_000;

/** The portal's stand-in Temporal, with a conference whose date is still rough. */
class FakeBackend extends UnitPortalBackend {
  async campaignInfo(): Promise<CampaignInfo> {
    return {
      title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
      timeZone: ZONE,
      conference: {
        name: 'Hội nghị tổng kết',
        when: { kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' },
        venue: 'Hội trường Tỉnh ủy',
        agenda: ['Khai mạc'],
      },
    };
  }
}

/** Deadlines are whole minutes (iCalendar times have no fractions of a second). */
const inDays = (days: number) => new Date(Math.floor(Date.now() / 60_000) * 60_000 + days * DAY).toISOString();
const deadline = inDays(5);

let dir: string;
let links: FileUnitLinks;
let reports: FileReportStore;
let backend: FakeBackend;
let portal: Portal;
let base: string;
let linkA: string;
let linkB: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-feed-'));
  links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
  reports = new FileReportStore(path.join(dir, 'reports'));
  backend = new FakeBackend();
  for (const [id, name] of [
    ['so-noi-vu', 'Sở Nội vụ'],
    ['so-y-te', 'Sở Y tế'],
  ]) {
    backend.units.set(
      id,
      openUnitView({ campaignId: CAMPAIGN, unitId: id, unitName: name, timeZone: ZONE, deadline, lockAt: inDays(7) }),
    );
  }
  linkA = linkPath(await links.linkFor(CAMPAIGN, 'so-noi-vu'));
  linkB = linkPath(await links.linkFor(CAMPAIGN, 'so-y-te'));
  portal = createPortal({ backend, links, reports, timeZone: ZONE, publicUrl: 'https://thidua.example.vn' });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const events = (text: string) => {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { cal, events: cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
};

afterEach(() => ICAL.TimezoneService.reset());

test('the feed of a valid link: text/calendar, inline .ics, no-store; the unit’s deadline and lock, the conference', async () => {
  const res = await new PortalBrowser(base).get(`${linkA}/lich.ics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
  expect(res.headers.get('content-disposition')).toBe('inline; filename="lich-thi-dua-so-noi-vu.ics"');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const { cal, events: list } = events(res.body);
  expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
  expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Thi đua – 67-KH/TU – Sở Nội vụ');
  const view = backend.units.get('so-noi-vu')!;
  const deadline = list.find((e) => e.uid.startsWith('han-nop-'))!;
  expect(deadline.startDate.toJSDate().toISOString()).toBe(view.deadline);
  expect(deadline.description).toContain(`https://thidua.example.vn${linkA}`);
  expect(
    list
      .find((e) => e.uid.startsWith('khoa-'))!
      .startDate.toJSDate()
      .toISOString(),
  ).toBe(view.lockAt);
  expect(list.find((e) => e.uid.startsWith('hoi-nghi.'))!.summary).toBe(
    'Hội nghị tổng kết (dự kiến trong tháng 11/2009)',
  );
  // HEAD: the headers alone, for apps that check before fetching.
  const head = await new PortalBrowser(base).request('HEAD', `${linkA}/lich.ics`);
  expect(head.status).toBe(200);
  expect(head.body).toBe('');
});

test('an extension reaches the feed: same UID, higher SEQUENCE, the new deadline', async () => {
  const browser = new PortalBrowser(base);
  const before = events((await browser.get(`${linkA}/lich.ics`)).body).events;
  const view = backend.units.get('so-noi-vu')!;
  const to = new Date(Date.parse(view.deadline) + 7 * DAY).toISOString();
  Object.assign(view, {
    deadline: to,
    deadlineVersion: 2,
    extensions: [{ from: view.deadline, to, reason: 'Lũ', grantedBy: 'Ban TĐKT', at: new Date().toISOString() }],
  });
  const after = events((await browser.get(`${linkA}/lich.ics`)).body).events;
  expect(after[0].uid).toBe(before[0].uid);
  expect(after[0].sequence).toBe(before[0].sequence + 1);
  expect(after[0].startDate.toJSDate().toISOString()).toBe(to);
});

test('another unit’s token gives only that unit’s events', async () => {
  const a = events((await new PortalBrowser(base).get(`${linkA}/lich.ics`)).body).events;
  const b = events((await new PortalBrowser(base).get(`${linkB}/lich.ics`)).body).events;
  expect(a.every((e) => e.uid.includes('.so-noi-vu.'))).toBe(true);
  expect(b.every((e) => e.uid.includes('.so-y-te.'))).toBe(true);
  expect(b.some((e) => a.some((x) => x.uid === e.uid))).toBe(false);
});

test('an unknown or revoked token is refused as the link’s page refuses it; a campaign long over too', async () => {
  const browser = new PortalBrowser(base);
  const unknown = await browser.get('/u/khong-co-ma-nay/lich.ics');
  expect(unknown.status).toBe(404);
  expect(unknown.body).toContain('Đường dẫn không hợp lệ');
  expect(unknown.headers.get('content-type')).toMatch(/^text\/html/);

  expect(await links.revoke(CAMPAIGN, 'so-noi-vu')).toBe(true);
  const revoked = await browser.get(`${linkA}/lich.ics`);
  expect(revoked.status).toBe((await browser.get(linkA)).status);
  expect(revoked.status).toBe(404);
  expect(revoked.body).not.toContain('BEGIN:VCALENDAR');

  backend.endedAt = '2025-12-31T10:00:00.000Z';
  const ended = await browser.get(`${linkB}/lich.ics`);
  expect(ended.status).toBe((await browser.get(linkB)).status);
  expect(ended.status).toBe(410);
  expect(ended.body).toContain('Đường dẫn đã hết hạn');
});

test('refused tokens count toward the address’s limit; valid fetches do not', async () => {
  await portal.close();
  portal = createPortal({ backend, links, reports, timeZone: ZONE, rateLimit: { max: 3, windowMs: 60_000 } });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
  const browser = new PortalBrowser(base);
  for (let i = 0; i < 5; i++) expect((await browser.get(`${linkA}/lich.ics`)).status).toBe(200);
  for (let i = 0; i < 3; i++) expect((await browser.get(`/u/sai-${i}/lich.ics`)).status).toBe(404);
  expect((await browser.get(`${linkA}/lich.ics`)).status).toBe(429);
});

test('no worker: the feed answers 503 with the page’s words, not an empty calendar', async () => {
  backend.workerDown = true;
  const res = await new PortalBrowser(base).get(`${linkA}/lich.ics`);
  expect(res.status).toBe(503);
  expect(res.body).not.toContain('BEGIN:VCALENDAR');
});

test('the unit page offers the calendar: its address under the link, and a download', async () => {
  const page = await new PortalBrowser(base).open(linkA);
  const url = `https://thidua.example.vn${linkA}/lich.ics`;
  expect(page.body).toContain(
    `Theo dõi hạn nộp trên lịch của bạn (Outlook, Google Calendar, điện thoại): <a href="${url}">${url}</a> — lịch tự cập nhật khi hạn được gia hạn.`,
  );
  expect(page.body).toContain(`<a href="${url}" download="lich-thi-dua.ics">Tải tệp lịch (.ics)</a>`);
  expect(page.body).not.toContain('webcal:');
});

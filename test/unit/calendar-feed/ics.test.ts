/**
 * The .ics files of `calendar/ics.ts`, parsed back with ical.js (its VTIMEZONE registered, so that
 * zoned times are read as the file says): methods, stable UIDs, SEQUENCE, instants, the rough-date
 * conference, attendees, the cancellation, and the bytes (UTF-8, folding, escaping).
 */
// The builder must not depend on the machine's zone: run it in one far from the campaign's.
process.env.TZ = 'America/New_York';

import ICAL from 'ical.js';
import {
  conferenceCancellation,
  conferenceInvitation,
  unitCalendarFeed,
  type ConferenceInvitationInput,
  type UnitFeedInput,
} from '../../../calendar/ics';
import { approximatePeriodRange } from '../../../domain/date-phrases';
import type { UnitStatusView } from '../../../domain/workflow-types';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const DEADLINE = '2009-10-14T10:00:00.000Z'; // 17:00 on 14/10/2009 in Hà Nội
const LOCK = '2009-10-16T10:00:00.000Z';

const view = (over: Partial<UnitStatusView> = {}): UnitStatusView => ({
  ...openUnitView({
    campaignId: 'kh-67',
    unitId: 'so-y-te',
    unitName: 'Sở Y tế',
    timeZone: ZONE,
    deadline: DEADLINE,
    lockAt: LOCK,
  }),
  ...over,
});

const feedInput = (over: Partial<UnitFeedInput> = {}): UnitFeedInput => ({
  view: view(),
  planTag: '67-KH/TU',
  campaignTitle: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
  timeZone: ZONE,
  portalUrl: 'https://thidua.example.vn/u/abc',
  conference: {
    name: 'Hội nghị tổng kết',
    when: { kind: 'period', ...approximatePeriodRange('tháng 11/2009')! },
    venue: 'Hội trường Tỉnh ủy, số 1; tầng 2',
    agenda: ['Khai mạc', 'Báo cáo tổng kết'],
  },
  now: '2009-10-01T00:00:00.000Z',
  ...over,
});

/** The calendar, its zones registered for the times that name them. */
function parse(text: string): { cal: ICAL.Component; events: ICAL.Event[] } {
  const cal = new ICAL.Component(ICAL.parse(text));
  for (const tz of cal.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  return { cal, events: cal.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e)) };
}

const byUid = (events: ICAL.Event[], prefix: string) => {
  const e = events.find((x) => x.uid.startsWith(prefix));
  if (!e) throw new Error(`no event ${prefix}`);
  return e;
};
const utc = (t: ICAL.Time) => t.toJSDate().toISOString();

afterEach(() => ICAL.TimezoneService.reset());

describe('unit calendar feed', () => {
  test('PUBLISH, Vietnamese name, the zone with its VTIMEZONE; deadline and lock at their instants', () => {
    const text = unitCalendarFeed(feedInput());
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Thi đua – 67-KH/TU – Sở Y tế');
    const tz = cal.getFirstSubcomponent('vtimezone')!;
    expect(tz.getFirstPropertyValue('tzid')).toBe(ZONE);
    expect(text).toContain(`DTSTART;TZID=${ZONE}:20091014T170000`);

    const deadline = byUid(events, 'han-nop-');
    expect(deadline.summary).toBe('Hạn nộp báo cáo – Tổng kết tại các sở, ban, ngành');
    expect(utc(deadline.startDate)).toBe(DEADLINE);
    expect(utc(deadline.endDate)).toBe(DEADLINE); // no DTEND: an event of no length
    expect(deadline.component.hasProperty('dtend')).toBe(false);
    expect(deadline.startDate.zone?.tzid).toBe(ZONE);
    expect(deadline.description).toContain('Báo cáo tổng kết (bắt buộc)');
    expect(deadline.description).toContain('https://thidua.example.vn/u/abc');
    expect(deadline.description).toContain('17:00');
    const lock = byUid(events, 'khoa-');
    expect(lock.summary).toBe('Khóa nhận hồ sơ – Tổng kết tại các sở, ban, ngành');
    expect(utc(lock.startDate)).toBe(LOCK);
    // DTSTAMP in UTC, from the input, not the clock.
    expect(deadline.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2009-10-01T00:00:00Z');
  });

  test('the same input gives the same bytes; UIDs are per campaign, unit and item', () => {
    const a = unitCalendarFeed(feedInput());
    expect(unitCalendarFeed(feedInput())).toBe(a);
    const uids = parse(a).events.map((e) => e.uid);
    expect(uids).toEqual([
      'han-nop-self-review.so-y-te.kh-67@thidua',
      'khoa-self-review.so-y-te.kh-67@thidua',
      'hoi-nghi.so-y-te.kh-67@thidua',
    ]);
    const other = parse(
      unitCalendarFeed(feedInput({ view: view({ unitId: 'so-noi-vu', unitName: 'Sở Nội vụ' }) })),
    ).events.map((e) => e.uid);
    expect(other.some((u) => uids.includes(u))).toBe(false);
  });

  test('an extension: same UIDs, SEQUENCE one higher, the new deadline and lock, LAST-MODIFIED at the grant', () => {
    const before = parse(unitCalendarFeed(feedInput())).events;
    const newDeadline = '2009-10-21T10:00:00.000Z';
    const newLock = '2009-10-23T10:00:00.000Z';
    const extended = view({
      deadline: newDeadline,
      lockAt: newLock,
      deadlineVersion: 2,
      extensions: [
        { from: DEADLINE, to: newDeadline, reason: 'Lũ lụt', grantedBy: 'Ban TĐKT', at: '2009-10-13T02:00:00.000Z' },
      ],
    });
    const after = parse(unitCalendarFeed(feedInput({ view: extended, now: '2009-10-13T03:00:00.000Z' }))).events;
    for (const prefix of ['han-nop-', 'khoa-']) {
      const [b, a] = [byUid(before, prefix), byUid(after, prefix)];
      expect(a.uid).toBe(b.uid);
      expect(a.sequence).toBe(b.sequence + 1);
    }
    expect(utc(byUid(after, 'han-nop-').startDate)).toBe(newDeadline);
    expect(utc(byUid(after, 'khoa-').startDate)).toBe(newLock);
    expect(byUid(after, 'han-nop-').description).toContain('đã gia hạn');
    expect(byUid(after, 'han-nop-').component.getFirstPropertyValue('last-modified')!.toString()).toBe(
      '2009-10-13T02:00:00Z',
    );
  });

  test('a rough conference date: an all-day event over the whole month, "dự kiến" in its summary, no day invented', () => {
    const { events } = parse(unitCalendarFeed(feedInput()));
    const c = byUid(events, 'hoi-nghi.');
    expect(c.summary).toBe('Hội nghị tổng kết (dự kiến trong tháng 11/2009)');
    expect(c.startDate.isDate).toBe(true);
    expect(c.startDate.toString()).toBe('2009-11-01');
    expect(c.endDate.toString()).toBe('2009-12-01'); // DTEND of an all-day event is exclusive
    expect(c.location).toBe('Hội trường Tỉnh ủy, số 1; tầng 2');
    expect(c.description).toContain('- Khai mạc');
  });

  test('an exact conference: a timed event at the venue, at its instant', () => {
    const start = '2009-11-20T01:00:00.000Z';
    const { events } = parse(
      unitCalendarFeed(
        feedInput({
          conference: {
            name: 'Hội nghị tổng kết',
            when: { kind: 'exact', start, end: '2009-11-20T04:30:00.000Z' },
            venue: 'Hội trường Tỉnh ủy',
            agenda: [],
            sequence: 2,
          },
        }),
      ),
    );
    const c = byUid(events, 'hoi-nghi.');
    expect(c.summary).toBe('Hội nghị tổng kết');
    expect(c.startDate.isDate).toBe(false);
    expect(utc(c.startDate)).toBe(start);
    expect(utc(c.endDate)).toBe('2009-11-20T04:30:00.000Z');
    expect(c.sequence).toBe(2);
  });

  test('without a conference there are only the deadline and the lock; a cancelled campaign marks them cancelled', () => {
    const { events } = parse(
      unitCalendarFeed(
        feedInput({
          conference: undefined,
          view: view({ cancelled: { reason: 'Thay đổi kế hoạch', at: '2009-10-05T00:00:00.000Z' } }),
        }),
      ),
    );
    expect(events).toHaveLength(2);
    for (const e of events) expect(e.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  test('a zone with daylight saving gets UTC times and no VTIMEZONE', () => {
    const text = unitCalendarFeed(feedInput({ timeZone: 'Europe/Berlin' }));
    const { cal, events } = parse(text);
    expect(cal.getFirstSubcomponent('vtimezone')).toBeNull();
    expect(text).toContain('DTSTART:20091014T100000Z');
    expect(utc(byUid(events, 'han-nop-').startDate)).toBe(DEADLINE);
  });

  test('bytes: CRLF lines of at most 75 octets, folds never split a character, "," ";" and newlines escaped', () => {
    const name = 'Ủy ban nhân dân huyện Tam Đảo, tỉnh Vĩnh Phúc; Phòng Nội vụ – Đề nghị khen thưởng';
    const text = unitCalendarFeed(
      feedInput({
        view: view({ unitName: name, phase: { kind: 'self-review', name: 'Tổng kết; "đợt 1", dòng\nthứ hai' } }),
      }),
    );
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.subarray(bytes.length - 2).toString()).toBe('\r\n');
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines.every((l) => !l.includes('\n') && !l.includes('\r'))).toBe(true);
    const strict = new TextDecoder('utf-8', { fatal: true });
    let folded = 0;
    // Every physical line, cut from the raw bytes, is whole UTF-8 on its own.
    let offset = 0;
    for (const line of lines) {
      const size = Buffer.byteLength(line, 'utf8');
      const raw = bytes.subarray(offset, offset + size);
      offset += size + 2;
      expect(raw.length).toBeLessThanOrEqual(75);
      expect(() => strict.decode(raw)).not.toThrow();
      if (line.startsWith(' ')) folded++;
    }
    expect(folded).toBeGreaterThan(3);
    // Unfolded, the text escapes what separates values.
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('SUMMARY:Hạn nộp báo cáo – Tổng kết\\; "đợt 1"\\, dòng\\nthứ hai');
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(`Thi đua – 67-KH/TU – ${name}`);
    expect(byUid(events, 'han-nop-').summary).toBe('Hạn nộp báo cáo – Tổng kết; "đợt 1", dòng\nthứ hai');
  });
});

describe('conference invitation and cancellation', () => {
  const invitation: ConferenceInvitationInput = {
    campaignId: 'kh-67',
    sequence: 0,
    title: 'Hội nghị tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
    start: '2009-11-20T01:00:00.000Z',
    end: '2009-11-20T04:30:00.000Z',
    timeZone: ZONE,
    venue: 'Hội trường Tỉnh ủy',
    agenda: ['Khai mạc', 'Báo cáo tổng kết', 'Biểu dương, khen thưởng', 'Bế mạc'],
    description: 'Thực hiện Kế hoạch số 67-KH/TU ngày 5/10/2009 của Tỉnh ủy.',
    organizer: { name: 'Ban Thi đua - Khen thưởng tỉnh', email: 'btdkt@example.vn' },
    attendees: [
      { name: 'Nguyễn Văn A, Giám đốc Sở Y tế', email: 'a@example.vn' },
      { name: 'Trần Thị B', email: 'b@example.vn' },
    ],
    now: '2009-11-01T00:00:00.000Z',
  };

  test('REQUEST: stable UID, SEQUENCE given, ORGANIZER, one ATTENDEE each with RSVP and CN, times in the zone', () => {
    const text = conferenceInvitation(invitation);
    expect(conferenceInvitation(invitation)).toBe(text);
    const { cal, events } = parse(text);
    expect(cal.getFirstPropertyValue('method')).toBe('REQUEST');
    const [e] = events;
    expect(e.uid).toBe('hoi-nghi.kh-67@thidua');
    expect(e.sequence).toBe(0);
    expect(utc(e.startDate)).toBe(invitation.start);
    expect(utc(e.endDate)).toBe(invitation.end);
    expect(e.startDate.zone?.tzid).toBe(ZONE);
    expect(e.location).toBe('Hội trường Tỉnh ủy');
    expect(e.description).toContain('- Biểu dương, khen thưởng');
    const organizer = e.component.getFirstProperty('organizer')!;
    expect(organizer.getFirstValue()).toBe('mailto:btdkt@example.vn');
    expect(organizer.getParameter('cn')).toBe('Ban Thi đua - Khen thưởng tỉnh');
    const attendees = e.attendees;
    expect(attendees).toHaveLength(2);
    expect(attendees.map((a) => String(a.getFirstValue()).toLowerCase())).toEqual([
      'mailto:a@example.vn',
      'mailto:b@example.vn',
    ]);
    for (const a of attendees) {
      expect(a.getParameter('rsvp')).toBe('TRUE');
      expect(a.getParameter('role')).toBe('REQ-PARTICIPANT');
      expect(a.getParameter('partstat')).toBe('NEEDS-ACTION');
    }
    expect(attendees[0].getParameter('cn')).toBe('Nguyễn Văn A, Giám đốc Sở Y tế');

    // A move: the same UID, the next SEQUENCE, the new time.
    const moved = parse(
      conferenceInvitation({
        ...invitation,
        sequence: 1,
        start: '2009-11-27T01:00:00.000Z',
        end: '2009-11-27T04:30:00.000Z',
      }),
    ).events[0];
    expect(moved.uid).toBe(e.uid);
    expect(moved.sequence).toBe(1);
    expect(utc(moved.startDate)).toBe('2009-11-27T01:00:00.000Z');
  });

  test('CANCEL: same UID, SEQUENCE after the invitation, STATUS:CANCELLED, the attendees told', () => {
    const { cal, events } = parse(conferenceCancellation({ ...invitation, sequence: 1, reason: 'Bão số 9' }));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    const [e] = events;
    expect(e.uid).toBe(parse(conferenceInvitation(invitation)).events[0].uid);
    expect(e.sequence).toBe(2);
    expect(e.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(e.attendees).toHaveLength(2);
    expect(e.description).toContain('Bão số 9');
  });
});

describe('a unit with two deadline phases (issue 11)', () => {
  test('each deadline is its own event, named by its phase id, with its deliverables', () => {
    const later = {
      id: 'ket-qua',
      name: 'Báo cáo kết quả',
      state: 'later' as const,
      status: 'pending' as const,
      deadline: '2009-12-15T10:00:00.000Z',
      deadlineLocal: '15/12/2009 17:00',
      lockAt: '2009-12-18T10:00:00.000Z',
      lockLocal: '18/12/2009 17:00',
      windowStart: '2009-11-01T01:00:00.000Z',
      due: {
        summaryReport: 'none' as const,
        presentationPaper: 'none' as const,
        deliverables: [{ id: 'bao-cao-ket-qua', name: 'Báo cáo kết quả', required: true, accept: ['pdf'] }],
      },
      files: [],
    };
    const current = { ...later, id: 'ke-hoach', name: 'Gửi kế hoạch', state: 'current' as const };
    const v = view({
      phase: { kind: 'self-review', name: 'Gửi kế hoạch', id: 'ke-hoach' },
      deadlines: [{ ...current, deadline: DEADLINE, lockAt: LOCK }, later],
    });
    const { events } = parse(unitCalendarFeed(feedInput({ view: v })));
    expect(utc(byUid(events, 'han-nop-ke-hoach.').startDate)).toBe(DEADLINE);
    const second = byUid(events, 'han-nop-ket-qua.');
    expect(utc(second.startDate)).toBe('2009-12-15T10:00:00.000Z');
    expect(second.summary).toBe('Hạn nộp báo cáo – Báo cáo kết quả');
    expect(second.description).toContain('- Báo cáo kết quả (bắt buộc)');
  });
});

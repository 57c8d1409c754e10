/**
 * iCalendar files (RFC 5545, methods of RFC 5546) built with `ical-generator`: a unit's calendar
 * subscription (`METHOD:PUBLISH`: its deadline, the lock, the conference) and the conference's
 * invitation (`METHOD:REQUEST`) and cancellation (`METHOD:CANCEL`). Pure: no clock (`now` is passed
 * in), no I/O; the same input gives the same bytes.
 *
 * Time zone: times are written in the campaign's zone (`DTSTART;TZID=Asia/Ho_Chi_Minh:…`) with a
 * VTIMEZONE of its one fixed offset, when the zone has no daylight saving over the years of the
 * events (Asia/Ho_Chi_Minh has none). ical-generator has no VTIMEZONE data of its own, and with a
 * calendar-wide zone it writes DTSTAMP/LAST-MODIFIED without `Z` (invalid); so the zone is set per
 * event and the VTIMEZONE written here. A zone with daylight saving (or an unknown one) gets UTC
 * times (`…Z`), which every calendar reads.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalCalendar,
  type ICalEventData,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { formatDeadline } from '../domain/messages';
import { kindLabel } from '../domain/submission-rules';
import type { UnitStatusView } from '../domain/workflow-types';

/** Where UIDs say they come from (RFC 5545 3.8.4.7: unique with a domain part). */
export const UID_DOMAIN = 'thidua';
const PRODID = { company: 'thidua', product: 'Thi dua - Khen thuong', language: 'VI' };

import type { ConferenceWhen } from '../domain/conference-types';
export type { ConferenceWhen };

export interface FeedConference {
  /** The phase's name: "Hội nghị tổng kết". */
  name: string;
  when: ConferenceWhen;
  venue: string;
  organizer?: string;
  agenda: string[];
  /** Raised each time the conference is fixed, moved or changed (the conference workflow's count); 0 at first. */
  sequence?: number;
  /** The reason, when the conference was cancelled (its event is then `STATUS:CANCELLED`). */
  cancelled?: string;
}

export interface UnitFeedInput {
  view: UnitStatusView;
  /** "67-KH/TU" (the plan's tag); the view's plan number when absent. */
  planTag?: string;
  campaignTitle?: string;
  timeZone: string;
  /** The unit's own portal link, named in every description. */
  portalUrl?: string;
  conference?: FeedConference;
  /** The instant the feed is built (DTSTAMP), ISO. */
  now: string;
}

/** The unit's calendar subscription: its deadline, the lock and the conference, one event each. */
export function unitCalendarFeed(input: UnitFeedInput): string {
  const { view, timeZone } = input;
  const tag = input.planTag ?? view.planNumber;
  const instants = [view.deadline, view.lockAt, ...(view.deadlines ?? []).map((d) => d.deadline)];
  if (input.conference?.when.kind === 'exact') instants.push(input.conference.when.start);
  const tz = zoneFor(timeZone, instants);
  const cal = ical({
    prodId: PRODID,
    method: ICalCalendarMethod.PUBLISH,
    name: `Thi đua – ${tag} – ${view.unitName}`,
    description: `Hạn nộp hồ sơ thi đua – khen thưởng của ${view.unitName}${input.campaignTitle ? ` (${input.campaignTitle})` : ''}`,
    // Calendar apps poll a subscription at their own pace; this asks for at least every 6 hours.
    ttl: 6 * 3600,
  });
  const stamp = instant(input.now);
  const uid = (item: string) => `${item}.${view.unitId}.${view.campaignId}@${UID_DOMAIN}`;
  // SEQUENCE follows the deadline's version: each extension moves the deadline and the lock.
  const sequence = Math.max(0, view.deadlineVersion - 1);
  const lastExtension = view.extensions[view.extensions.length - 1];
  const changed = lastExtension ? { lastModified: instant(lastExtension.at) } : {};
  const status = view.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED;
  const footer = [
    input.portalUrl ? `Trang nộp hồ sơ của đơn vị: ${input.portalUrl}` : '',
    `Liên hệ: ${view.contact}`,
  ].filter(Boolean);
  const cancelled = view.cancelled ? [`Đợt tổng kết đã bị hủy: ${view.cancelled.reason}`] : [];

  // Events of no length (DTSTART alone; RFC 5545 3.6.1: it ends where it starts, and a DTEND equal to
  // it is not allowed): the deadline is an instant, and the time a calendar shows first (the start) is
  // then the deadline itself; a block ending at it would show a time before it. TRANSPARENT: a
  // deadline makes no one busy.
  cal.createEvent({
    // Several deadline phases: one event per phase id (the same UID for another deadline would move it).
    id: uid(`han-nop-${view.phase.id ?? view.phase.kind}`),
    sequence,
    stamp,
    ...changed,
    status,
    transparency: ICalEventTransparency.TRANSPARENT,
    ...at(view.deadline, undefined, tz),
    summary: `Hạn nộp báo cáo – ${view.phase.name}`,
    description: [
      ...cancelled,
      `${tag} – ${view.phase.name}: hạn nộp ${formatDeadline(view.deadline, timeZone)}` +
        `${view.extensions.length > 0 ? ' (đã gia hạn)' : ''}; khóa nhận hồ sơ ${formatDeadline(view.lockAt, timeZone)}.`,
      'Hồ sơ cần nộp:',
      ...dueLines(view).map((d) => `- ${d}`),
      ...footer,
    ].join('\n'),
    url: input.portalUrl ?? null,
  });
  cal.createEvent({
    id: uid(`khoa-${view.phase.id ?? view.phase.kind}`),
    sequence,
    stamp,
    ...changed,
    status,
    transparency: ICalEventTransparency.TRANSPARENT,
    ...at(view.lockAt, undefined, tz),
    summary: `Khóa nhận hồ sơ – ${view.phase.name}`,
    description: [
      ...cancelled,
      `${tag}: sau thời điểm này hệ thống không nhận thêm hồ sơ của giai đoạn "${view.phase.name}"; ` +
        'hồ sơ gửi sau hạn nộp và trước khi khóa được ghi là nộp muộn.',
      ...footer,
    ].join('\n'),
    url: input.portalUrl ?? null,
  });

  // The unit's other deadlines (several deadline phases): those locked and those to come.
  for (const d of (view.deadlines ?? []).filter((x) => x.state !== 'current' && x.id)) {
    cal.createEvent({
      id: uid(`han-nop-${d.id}`),
      stamp,
      status,
      transparency: ICalEventTransparency.TRANSPARENT,
      ...at(d.deadline, undefined, tz),
      summary: `Hạn nộp báo cáo – ${d.name}`,
      description: [
        ...cancelled,
        `${tag} – ${d.name}: hạn nộp ${formatDeadline(d.deadline, timeZone)}; khóa nhận hồ sơ ${formatDeadline(d.lockAt, timeZone)}` +
          `${d.state === 'done' ? ' (đã khóa)' : ''}.`,
        'Hồ sơ cần nộp:',
        ...dueLines(d).map((x) => `- ${x}`),
        ...footer,
      ].join('\n'),
      url: input.portalUrl ?? null,
    });
  }

  const c = input.conference;
  if (c) {
    const period = c.when.kind === 'period' ? c.when : undefined;
    cal.createEvent({
      id: uid('hoi-nghi'),
      sequence: c.sequence ?? 0,
      stamp,
      status: c.cancelled !== undefined ? ICalEventStatus.CANCELLED : status,
      ...(period
        ? {
            // The whole period, all day, until the secretariat fixes the day: no day is invented.
            start: DateTime.fromISO(period.first, { zone: 'utc' }),
            end: DateTime.fromISO(period.last, { zone: 'utc' }).plus({ days: 1 }),
            allDay: true,
            transparency: ICalEventTransparency.TRANSPARENT,
          }
        : exactConference(c.when as Extract<ConferenceWhen, { kind: 'exact' }>, tz)),
      summary: period ? `${c.name} (dự kiến trong ${period.name})` : c.name,
      location: c.venue,
      description: [
        ...cancelled,
        ...(c.cancelled !== undefined ? [`Hội nghị đã bị hủy: ${c.cancelled}`] : []),
        period
          ? `${c.name} ${tag}, dự kiến trong ${period.name}; ngày cụ thể sẽ được thông báo trong giấy mời.`
          : `${c.name} ${tag}.`,
        `Địa điểm: ${c.venue}.`,
        ...(c.organizer ? [`Đơn vị tổ chức: ${c.organizer}.`] : []),
        ...(c.agenda.length > 0 ? ['Chương trình:', ...c.agenda.map((a) => `- ${a}`)] : []),
        ...footer,
      ].join('\n'),
    });
  }
  return render(cal, tz);
}

/** The conference at its instant; without an end the event marks the start (the invitation gives the hours). */
function exactConference(
  when: Extract<ConferenceWhen, { kind: 'exact' }>,
  tz: Zone,
): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  return at(when.start, when.end, tz);
}

export interface Person {
  name: string;
  email: string;
}

export interface ConferenceInvitationInput {
  campaignId: string;
  /** One campaign, one conference unless said otherwise. */
  conferenceId?: string;
  /** 0 for the first invitation; raised for every change (RFC 5546: same UID, higher SEQUENCE). */
  sequence: number;
  /** "Hội nghị tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW". */
  title: string;
  /** ISO instants. */
  start: string;
  end: string;
  timeZone: string;
  venue: string;
  agenda: string[];
  /** A line before the agenda (what the invitation is for, the plan it follows). */
  description?: string;
  /** The secretariat (ORGANIZER). */
  organizer: Person;
  attendees: Person[];
  /** The instant the invitation is built (DTSTAMP), ISO. */
  now: string;
}

export const conferenceUid = (campaignId: string, conferenceId = 'hoi-nghi'): string =>
  `${conferenceId}.${campaignId}@${UID_DOMAIN}`;

/** The conference's invitation (`METHOD:REQUEST`): each attendee is asked to answer (RSVP). */
export function conferenceInvitation(input: ConferenceInvitationInput): string {
  return conferenceMessage(input, ICalCalendarMethod.REQUEST, input.sequence);
}

/**
 * The conference called off (`METHOD:CANCEL`): the same UID, the sequence after the last invitation's,
 * `STATUS:CANCELLED`, to the same attendees; `reason` heads the description.
 */
export function conferenceCancellation(input: ConferenceInvitationInput & { reason?: string }): string {
  return conferenceMessage(input, ICalCalendarMethod.CANCEL, input.sequence + 1, input.reason);
}

function conferenceMessage(
  input: ConferenceInvitationInput,
  method: ICalCalendarMethod,
  sequence: number,
  reason?: string,
): string {
  const tz = zoneFor(input.timeZone, [input.start, input.end]);
  const cal = ical({ prodId: PRODID, method });
  const cancel = method === ICalCalendarMethod.CANCEL;
  const event = cal.createEvent({
    id: conferenceUid(input.campaignId, input.conferenceId),
    sequence,
    stamp: instant(input.now),
    ...at(input.start, input.end, tz),
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    summary: cancel ? `Hủy: ${input.title}` : input.title,
    location: input.venue,
    description: [
      ...(cancel ? [`Hội nghị đã bị hủy${reason ? `: ${reason}` : '.'}`] : []),
      ...(input.description ? [input.description] : []),
      ...(input.agenda.length > 0 ? ['Chương trình:', ...input.agenda.map((a) => `- ${a}`)] : []),
    ].join('\n'),
    organizer: { name: input.organizer.name, email: input.organizer.email },
  });
  for (const a of input.attendees) {
    event.createAttendee({
      name: a.name,
      email: a.email,
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: !cancel,
    });
  }
  return render(cal, tz);
}

// ------------------------------------------------------------------------------------------ time zone

/** The zone times are written in: the campaign's with its VTIMEZONE, or UTC (`vtimezone` absent). */
interface Zone {
  name: string;
  vtimezone?: string;
}

/**
 * The campaign's zone when it keeps one offset through the years of `instants` (no daylight saving),
 * so that a VTIMEZONE of one STANDARD rule describes it exactly; otherwise UTC.
 */
function zoneFor(name: string, instants: string[]): Zone {
  const years = new Set(instants.map((i) => DateTime.fromISO(i, { zone: 'utc' }).year));
  const offsets = new Set<number>();
  for (const year of years) {
    for (const month of [1, 4, 7, 10]) {
      const d = DateTime.fromObject({ year, month, day: 1 }, { zone: name });
      if (!d.isValid) return { name: 'UTC' };
      offsets.add(d.offset);
    }
  }
  for (const i of instants) offsets.add(DateTime.fromISO(i, { zone: name }).offset);
  if (offsets.size !== 1 || name === 'UTC') return { name: 'UTC' };
  const [offset] = [...offsets];
  const sign = offset < 0 ? '-' : '+';
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  return {
    name,
    vtimezone: [
      'BEGIN:VTIMEZONE',
      `TZID:${name}`,
      `X-LIC-LOCATION:${name}`,
      'BEGIN:STANDARD',
      `TZOFFSETFROM:${sign}${hhmm}`,
      `TZOFFSETTO:${sign}${hhmm}`,
      `TZNAME:${sign}${hhmm.slice(0, 2)}${hhmm.endsWith('00') ? '' : hhmm.slice(2)}`,
      'DTSTART:19700101T000000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ].join('\r\n'),
  };
}

/**
 * Start and end of a timed event, in the zone (luxon values: ical-generator converts them itself);
 * no end, or one equal to the start, leaves DTEND out (an event of no length).
 */
function at(start: string, end: string | undefined, tz: Zone): Pick<ICalEventData, 'start' | 'end' | 'timezone'> {
  const zone = tz.vtimezone ? tz.name : 'utc';
  const until = end && Date.parse(end) !== Date.parse(start) ? { end: DateTime.fromISO(end, { zone }) } : {};
  return {
    start: DateTime.fromISO(start, { zone }),
    ...until,
    ...(tz.vtimezone ? { timezone: tz.name } : {}),
  };
}

/** An instant in UTC (written with `Z`: DTSTAMP, LAST-MODIFIED). */
const instant = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** The calendar's text, the VTIMEZONE its events name placed before them (RFC 5545 3.6.5). */
function render(cal: ICalCalendar, tz: Zone): string {
  // Every content line ends with CRLF, the last one too (RFC 5545 3.1); the library leaves it off.
  const text = `${cal.toString().replace(/(\r\n)?$/, '')}\r\n`;
  if (!tz.vtimezone) return text;
  // Calendar properties come before the components (RFC 5545 3.4): the zone's name, then its VTIMEZONE.
  const i = text.indexOf('BEGIN:VEVENT');
  return i < 0 ? text : `${text.slice(0, i)}X-WR-TIMEZONE:${tz.name}\r\n${tz.vtimezone}\r\n${text.slice(i)}`;
}

/** What the unit owes, as its page lists it. */
function dueLines(view: Pick<UnitStatusView, 'due'>): string[] {
  const requirement = (r: 'required' | 'optional') => (r === 'required' ? 'bắt buộc' : 'nếu có');
  // Deliverables as the plan names them.
  const out: string[] = (view.due.deliverables ?? []).map((d) => `${d.name} (${d.required ? 'bắt buộc' : 'nếu có'})`);
  if (view.due.summaryReport !== 'none')
    out.push(`${cap(kindLabel('summary-report'))} (${requirement(view.due.summaryReport)})`);
  if (view.due.presentationPaper !== 'none')
    out.push(`${cap(kindLabel('presentation-paper'))} (${requirement(view.due.presentationPaper)})`);
  const n = view.due.nominations;
  if (n) {
    out.push(
      `Hồ sơ đề nghị khen thưởng (${n.required ? 'bắt buộc' : 'nếu có'}): ${n.description ?? `tối đa ${n.quota.total} đề nghị`}`,
    );
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

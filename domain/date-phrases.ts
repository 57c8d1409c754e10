/**
 * Reading dates the way Vietnamese administrative documents write them ("trước ngày 15/10/2009",
 * "quý II/2015", "tháng 11/2009") into exact instants, with a short explanation of every reading so
 * that people can check it. Pure: luxon always with an explicit zone, no clock ("now" is never
 * needed), no I/O. The validator, the loader and the timeline compiler all read dates through
 * {@link readDate}; `docs/dates.md` is the user-facing table of the forms below.
 *
 * Forms (case-insensitive, with or without diacritics: "truoc ngay", "quy", "thang" are fine):
 *
 * | as written                                   | read as                                                                  |
 * | -------------------------------------------- | ------------------------------------------------------------------------ |
 * | `2009-10-15T17:00:00+07:00` (offset or `Z`)  | that instant                                                             |
 * | `2009-10-15T17:00` (no offset)               | that wall time in the campaign zone                                      |
 * | `2009-10-15`, `15/10/2009`, `5/9/2009`,      | that day; the time comes from the role (below)                           |
 * | `ngày 15/10/2009`, `ngày 15 tháng 10 năm 2009` |                                                                        |
 * | `15/10/2009 17:00` (`17h00`, `17h`, `17 giờ 30`), `17h00 ngày 15/10/2009` | that day at that time, kept as written        |
 * | `trước ngày 15/10/2009`, `trước 15/10/2009`  | end of working hours of the last working day strictly before 15/10/2009  |
 * | `trước 17h00 ngày 15/10/2009`                | 17:00 on 15/10/2009 ("by 17:00 that day")                                |
 * | `tháng 11/2009`, `tháng 11 năm 2009`         | start: first day, start of working hours; end/deadline: last working day, end of working hours |
 * | `trước tháng 8/2014`                         | end of working hours of the last working day before 01/08/2014           |
 * | `quý II/2015`, `quý 2/2015`, `Q2/2015`, `quý II năm 2015` | like a month, over the quarter (01/04–30/06/2015)           |
 * | `trước quý II/2015`                          | end of working hours of the last working day before 01/04/2015           |
 *
 * `trong` ("in": `trong quý III năm 2015`) may precede a month or a quarter and changes nothing.
 *
 * Roles: a day without a time is read at the start of working hours as a `start`, at the end of
 * working hours as an `end` or a `deadline`. A `deadline` (whatever its form, explicit time or ISO
 * instant included) whose local day is not a working day then follows `deadlineOnDayOff`: `keep`
 * it, move it to the `previous` or to the `next` working day, keeping its time of day. "Trước ..."
 * names a deadline: it cannot be a `start`.
 */
import { DateTime, IANAZone } from 'luxon';
import type { WorkingCalendar, IsoDate } from './calendar/types';
import type { CampaignHeaderDef } from './campaign-schema';
import { isoDayVn } from './iso-day';

export type DateRole = 'start' | 'end' | 'deadline';

export interface DateContext {
  /** IANA zone of the campaign, e.g. 'Asia/Ho_Chi_Minh'. */
  timeZone: string;
  calendar: WorkingCalendar;
  /** Local 'HH:mm'. */
  workingHours: { start: string; end: string };
  deadlineOnDayOff: 'keep' | 'previous' | 'next';
}

export type DateReading = { ok: true; utc: string; local: string; reading: string } | { ok: false; error: string };

/** The accepted forms, listed in every error message. */
export const ACCEPTED_DATE_FORMS: readonly string[] = [
  '15/10/2009',
  'ngày 15/10/2009',
  '15/10/2009 17:00 (17h00, 17h)',
  '17h00 ngày 15/10/2009',
  'trước ngày 15/10/2009',
  'tháng 11/2009',
  'trước tháng 8/2014',
  'quý II/2015 (quý 2/2015, Q2/2015)',
  'trước quý II/2015',
  '2009-10-15T17:00:00+07:00',
];

const FORMS_HINT = `Các cách viết được chấp nhận (accepted forms): ${ACCEPTED_DATE_FORMS.join('; ')}.`;

const WEEKDAYS = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const ROMAN_OUT = ['', 'I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  '',
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

// ---------------------------------------------------------------------------------------------------
// Small helpers others use

/** `dd/MM/yyyy HH:mm` in `zone`. */
export function formatLocal(utcIso: string, zone: string): string {
  return toZone(utcIso, zone).toFormat('dd/MM/yyyy HH:mm');
}

/** `17:00 thứ Tư, 14/10/2009` in `zone`. */
export function formatVietnameseDateTime(utcIso: string, zone: string): string {
  const t = toZone(utcIso, zone);
  return `${t.toFormat('HH:mm')} ${WEEKDAYS[t.weekday]}, ${t.toFormat('dd/MM/yyyy')}`;
}

/** `thứ Tư 14/10/2009` for a local calendar date. */
export function formatVietnameseDate(date: IsoDate): string {
  return `${vietnameseWeekday(date)} ${isoDayVn(date)}`;
}

/** Vietnamese weekday name of a local date: `thứ Hai` … `Chủ nhật`. */
export function vietnameseWeekday(date: IsoDate): string {
  return WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday];
}

/** The local calendar date (`yyyy-MM-dd`) of an instant in `zone`. */
export function localDateOf(utcIso: string, zone: string): IsoDate {
  return toZone(utcIso, zone).toFormat('yyyy-MM-dd');
}

/** The local time of day (`HH:mm`) of an instant in `zone`. */
export function localTimeOf(utcIso: string, zone: string): string {
  return toZone(utcIso, zone).toFormat('HH:mm');
}

/** The UTC instant (ISO, `…Z`) of local `date` at local `time` ('HH:mm') in `zone`. */
export function atLocalTime(date: IsoDate, time: string, zone: string): string {
  const [hour, minute] = time.split(':').map(Number);
  const [year, month, day] = date.split('-').map(Number);
  const t = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  if (!t.isValid) throw new Error(`cannot place ${date} ${time} in zone ${zone}: ${t.invalidExplanation ?? ''}`);
  return t.toUTC().toISO()!;
}

/** The reading context of a campaign, from its header (defaults already applied by the schema). */
export function dateContextFor(header: CampaignHeaderDef, calendar: WorkingCalendar): DateContext {
  return {
    timeZone: header.timeZone,
    calendar,
    workingHours: { ...header.calendar.workingHours },
    deadlineOnDayOff: header.calendar.deadlineOnDayOff,
  };
}

function toZone(utcIso: string, zone: string): DateTime {
  const t = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone);
  if (!t.isValid) throw new Error(`not an ISO instant in zone ${zone}: ${utcIso}`);
  return t;
}

/** Lower case, no diacritics, single spaces: "Trước  Ngày" → "truoc ngay". Only for matching. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoOf = (y: number, m: number, d: number): IsoDate => `${y}-${pad2(m)}-${pad2(d)}`;

// ---------------------------------------------------------------------------------------------------
// Parsing: text → what was meant, before any role or calendar

type Time = { hour: number; minute: number };

type Parsed =
  | { kind: 'instant'; utc: string } // ISO with offset
  | { kind: 'day'; date: IsoDate; time?: Time; before: boolean }
  | { kind: 'period'; unit: 'month' | 'quarter'; year: number; index: number; before: boolean };

class PhraseError extends Error {}

const TIME = String.raw`(\d{1,2})(?::(\d{2})|h(\d{2})?|g(\d{2})?| ?gio(?: (\d{1,2})(?: phut)?)?)`;
const DATE_SLASH = String.raw`(\d{1,2})[/.-](\d{1,2})[/.-](\d+)`;
const DATE_WORDS = String.raw`(\d{1,2}) thang (\d{1,2}) nam (\d+)`;
const DATE = `(?:ngay )?(?:${DATE_SLASH}|${DATE_WORDS})`;

const RE_DATE_TIME = new RegExp(`^${DATE}(?:,? (?:luc |vao )?${TIME})?$`);
const RE_TIME_DATE = new RegExp(`^(?:luc |vao )?${TIME},? ${DATE}$`);
const RE_MONTH = /^(?:trong )?thang (\S+?)(?: ?[/-] ?| nam )(\d+)$/;
const RE_QUARTER = /^(?:trong )?(?:quy ?|q)(\S+?)(?: ?[/-] ?| nam | )(\d+)$/;
const RE_ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseTime(groups: (string | undefined)[]): Time {
  const [h, colon, hMin, gMin, gioMin] = groups;
  const hour = Number(h);
  const minute = Number(colon ?? hMin ?? gMin ?? gioMin ?? '0');
  if (hour > 23 || minute > 59) {
    throw new PhraseError(
      `giờ ${pad2(hour)}:${pad2(minute)} không hợp lệ: giờ từ 0 đến 23, phút từ 0 đến 59 (invalid time of day)`,
    );
  }
  return { hour, minute };
}

function parseDay(groups: (string | undefined)[]): IsoDate {
  const [d1, m1, y1, d2, m2, y2] = groups;
  const day = Number(d1 ?? d2);
  const month = Number(m1 ?? m2);
  const yearText = (y1 ?? y2)!;
  if (yearText.length !== 4) {
    throw new PhraseError(`năm "${yearText}" phải viết đủ 4 chữ số, ví dụ 2009 (the year needs 4 digits)`);
  }
  return checkedDate(Number(yearText), month, day);
}

function checkedDate(year: number, month: number, day: number): IsoDate {
  if (month < 1 || month > 12) {
    throw new PhraseError(`tháng ${month} không tồn tại: tháng từ 1 đến 12 (month ${month} does not exist)`);
  }
  const days = DateTime.fromObject({ year, month }, { zone: 'utc' }).daysInMonth!;
  if (day < 1 || day > days) {
    throw new PhraseError(
      `ngày ${pad2(day)}/${pad2(month)}/${year} không tồn tại: tháng ${month}/${year} có ${days} ngày ` +
        `(day ${day} does not exist in ${MONTHS_EN[month]} ${year})`,
    );
  }
  return isoOf(year, month, day);
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) {
    throw new PhraseError(`năm "${text}" phải viết đủ 4 chữ số, ví dụ 2015 (the year needs 4 digits)`);
  }
  return Number(text);
}

function parsePhrase(text: string): Parsed {
  const raw = text.trim();
  const iso = RE_ISO.exec(raw);
  if (iso) return parseIso(raw, iso);

  let f = fold(raw);
  let before = false;
  if (f.startsWith('truoc ')) {
    before = true;
    f = f.slice('truoc '.length);
  }

  let m = RE_DATE_TIME.exec(f);
  if (m) {
    const date = parseDay(m.slice(1, 7));
    const time = m[7] !== undefined ? parseTime(m.slice(7, 12)) : undefined;
    return { kind: 'day', date, time, before };
  }
  m = RE_TIME_DATE.exec(f);
  if (m) {
    const time = parseTime(m.slice(1, 6));
    return { kind: 'day', date: parseDay(m.slice(6, 12)), time, before };
  }
  m = RE_MONTH.exec(f);
  if (m) {
    const year = parseYear(m[2]);
    const month = /^\d{1,2}$/.test(m[1]) ? Number(m[1]) : NaN;
    if (!(month >= 1 && month <= 12)) {
      throw new PhraseError(`tháng "${m[1]}" không tồn tại: tháng từ 1 đến 12, ví dụ "tháng 11/2009" (no such month)`);
    }
    return { kind: 'period', unit: 'month', year, index: month, before };
  }
  m = RE_QUARTER.exec(f);
  if (m) {
    const year = parseYear(m[2]);
    const quarter = ROMAN[m[1]] ?? (/^[1-4]$/.test(m[1]) ? Number(m[1]) : undefined);
    if (quarter === undefined) {
      throw new PhraseError(
        `quý "${m[1].toUpperCase()}" không tồn tại: quý I, II, III, IV hoặc 1–4, ví dụ "quý II/2015" (no such quarter)`,
      );
    }
    return { kind: 'period', unit: 'quarter', year, index: quarter, before };
  }
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/.test(f)) {
    throw new PhraseError('năm phải viết đủ 4 chữ số, ví dụ 15/10/2009 (the year needs 4 digits)');
  }
  throw new PhraseError('không đọc được ngày tháng này (not a date form thidua reads)');
}

function parseIso(raw: string, m: RegExpExecArray): Parsed {
  const [, y, mo, d, hh, mm, , offset] = m;
  const date = checkedDate(Number(y), Number(mo), Number(d));
  if (hh === undefined) {
    if (offset !== undefined)
      throw new PhraseError('một ngày ISO không có giờ thì không ghi múi giờ (offset without time)');
    return { kind: 'day', date, before: false };
  }
  const time = parseTime([hh, mm]);
  if (offset === undefined) return { kind: 'day', date, time, before: false };
  const t = DateTime.fromISO(raw.replace(' ', 'T'), { setZone: true });
  if (!t.isValid) throw new PhraseError(`thời điểm ISO không hợp lệ: ${t.invalidExplanation ?? raw}`);
  return { kind: 'instant', utc: t.toUTC().toISO()! };
}

/**
 * The period a phrase names when it is known only roughly ("tháng 11/2009", "trong quý III năm 2015"
 * → "quý III/2015"), so that people are shown the period, never the day the engine reads it as.
 * Undefined for a day, an instant, a deadline ("trước quý II/2015" is exact: the day before) or an
 * unreadable phrase.
 */
export function approximatePeriod(text: string): string | undefined {
  try {
    const parsed = parsePhrase(text);
    return parsed.kind === 'period' && !parsed.before
      ? periodName(parsed.unit, parsed.year, parsed.index).vi
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The days a rough phrase covers ("tháng 11/2009" → 2009-11-01 … 2009-11-30), with its name, for
 * what must show the whole period (an all-day calendar entry); undefined as {@link approximatePeriod}.
 */
export function approximatePeriodRange(text: string): { name: string; first: IsoDate; last: IsoDate } | undefined {
  try {
    const parsed = parsePhrase(text);
    if (parsed.kind !== 'period' || parsed.before) return undefined;
    return {
      name: periodName(parsed.unit, parsed.year, parsed.index).vi,
      ...periodBounds(parsed.unit, parsed.year, parsed.index),
    };
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------
// Reading: what was meant + role + calendar → instant and explanation

const ROLE_LABEL: Record<DateRole, string> = { start: 'bắt đầu', end: 'kết thúc', deadline: 'hạn' };

function periodBounds(unit: 'month' | 'quarter', year: number, index: number): { first: IsoDate; last: IsoDate } {
  const firstMonth = unit === 'month' ? index : (index - 1) * 3 + 1;
  const lastMonth = unit === 'month' ? index : firstMonth + 2;
  const first = isoOf(year, firstMonth, 1);
  const last = isoOf(year, lastMonth, DateTime.fromObject({ year, month: lastMonth }, { zone: 'utc' }).daysInMonth!);
  return { first, last };
}

function periodName(unit: 'month' | 'quarter', year: number, index: number): { vi: string; en: string } {
  return unit === 'month'
    ? { vi: `tháng ${index}/${year}`, en: `${MONTHS_EN[index]} ${year}` }
    : { vi: `quý ${ROMAN_OUT[index]}/${year}`, en: `Q${index} ${year}` };
}

/** The last working day on or before `date`. */
function workingDayOnOrBefore(calendar: WorkingCalendar, date: IsoDate): IsoDate {
  return calendar.isWorkingDay(date) ? date : calendar.previousWorkingDay(date);
}

const hm = (t: Time) => `${pad2(t.hour)}:${pad2(t.minute)}`;

/**
 * Reads `text` as an instant for `role`. Never throws: an unreadable phrase, an impossible date or a
 * bad context comes back as `{ ok: false, error }`, naming what was written and the accepted forms.
 */
export function readDate(text: string, role: DateRole, ctx: DateContext): DateReading {
  const written = text.trim();
  const fail = (why: string): DateReading => ({
    ok: false,
    error: `"${written}": ${why}. ${FORMS_HINT}`,
  });
  if (written === '') return fail('chưa ghi ngày (empty date)');
  if (!IANAZone.isValidZone(ctx.timeZone)) {
    return { ok: false, error: `"${written}": múi giờ "${ctx.timeZone}" không hợp lệ (unknown IANA time zone)` };
  }
  for (const [name, value] of Object.entries(ctx.workingHours)) {
    if (!HHMM.test(value)) {
      return { ok: false, error: `"${written}": giờ làm việc ${name} "${value}" phải có dạng HH:mm, ví dụ 08:00` };
    }
  }
  try {
    return resolve(written, parsePhrase(written), role, ctx);
  } catch (error) {
    if (error instanceof PhraseError) return fail(error.message);
    // The calendar's own limits (supported years) and anything unexpected: say so plainly.
    const where = error instanceof RangeError ? 'ngoài phạm vi lịch làm việc (outside the working calendar): ' : '';
    return { ok: false, error: `"${written}": ${where}${(error as Error).message}` };
  }
}

function resolve(written: string, parsed: Parsed, role: DateRole, ctx: DateContext): DateReading {
  const { calendar, timeZone: zone, workingHours } = ctx;
  const at = (date: IsoDate, time: string) => atLocalTime(date, time, zone);
  let utc: string;
  let why: { vi: string; en: string };

  if (parsed.kind !== 'instant' && parsed.before && role === 'start') {
    throw new PhraseError(
      '"trước ..." là một hạn chót, không dùng làm ngày bắt đầu ("before ..." names a deadline, not a start)',
    );
  }

  switch (parsed.kind) {
    case 'instant':
      utc = parsed.utc;
      why = { vi: 'thời điểm ghi rõ', en: 'exact instant as written' };
      break;
    case 'day':
      if (parsed.time) {
        utc = at(parsed.date, hm(parsed.time));
        why = parsed.before
          ? { vi: `trước ${hm(parsed.time)} ngày ${isoDayVn(parsed.date)}`, en: `by ${hm(parsed.time)} that day` }
          : { vi: 'giờ ghi rõ', en: 'time as written' };
      } else if (parsed.before) {
        const day = calendar.previousWorkingDay(parsed.date);
        utc = at(day, workingHours.end);
        why = {
          vi: `ngày làm việc cuối cùng trước ${isoDayVn(parsed.date)}, cuối giờ làm việc`,
          en: `last working day before ${isoDayVn(parsed.date)}, end of working hours`,
        };
      } else if (role === 'start') {
        utc = at(parsed.date, workingHours.start);
        why = { vi: 'đầu giờ làm việc', en: 'start of working hours' };
      } else {
        utc = at(parsed.date, workingHours.end);
        why = { vi: 'cuối giờ làm việc', en: 'end of working hours' };
      }
      break;
    case 'period': {
      const { first, last } = periodBounds(parsed.unit, parsed.year, parsed.index);
      const name = periodName(parsed.unit, parsed.year, parsed.index);
      if (parsed.before) {
        utc = at(calendar.previousWorkingDay(first), workingHours.end);
        why = {
          vi: `ngày làm việc cuối cùng trước ${isoDayVn(first)}, ngày đầu ${name.vi}, cuối giờ làm việc`,
          en: `last working day before ${name.en} begins, end of working hours`,
        };
      } else if (role === 'start') {
        utc = at(first, workingHours.start);
        why = { vi: `ngày đầu ${name.vi}, đầu giờ làm việc`, en: `first day of ${name.en}, start of working hours` };
      } else {
        utc = at(workingDayOnOrBefore(calendar, last), workingHours.end);
        why = {
          vi: `ngày làm việc cuối cùng của ${name.vi}, cuối giờ làm việc`,
          en: `last working day of ${name.en}, end of working hours`,
        };
      }
      break;
    }
  }

  // Every reading goes through the calendar once, so that its limits (supported years) apply to all roles.
  const day = localDateOf(utc, zone);
  const working = calendar.isWorkingDay(day);
  if (role === 'deadline') {
    if (!working) {
      const reason = calendar.reasonOff(day);
      const time = localTimeOf(utc, zone);
      const off = `${isoDayVn(day)} là ngày nghỉ${reason ? ` – ${reason}` : ''}`;
      switch (ctx.deadlineOnDayOff) {
        case 'keep':
          why = { vi: `${why.vi}; ${off}, giữ nguyên`, en: `${why.en}; a day off, kept as policy 'keep' says` };
          break;
        case 'previous':
          utc = at(calendar.previousWorkingDay(day), time);
          why = {
            vi: `${why.vi}; ${off}, lùi về ngày làm việc trước đó`,
            en: `${why.en}; a day off, moved to the previous working day`,
          };
          break;
        case 'next':
          utc = at(calendar.nextWorkingDay(day), time);
          why = {
            vi: `${why.vi}; ${off}, dời sang ngày làm việc kế tiếp`,
            en: `${why.en}; a day off, moved to the next working day`,
          };
          break;
      }
    }
  }

  const shown = formatVietnameseDateTime(utc, zone).replace(',', '');
  return {
    ok: true,
    utc,
    local: formatLocal(utc, zone),
    reading: `"${written}" → ${ROLE_LABEL[role]} ${shown} (${why.vi} / ${why.en})`,
  };
}

/**
 * One date phrase moved by a whole number of months (a half-year is 6, a year 12), for recurring
 * campaigns (issue 15): each date keeps its place in its period — the same day of the same month of
 * the period — and its form: "27/7/2012" → "27/1/2013", "tháng 7/2012" → "tháng 1/2013",
 * "quý III/2012" → "quý I/2013", ISO "2012-07-27T17:00" → "2013-01-27T17:00". A day the target month
 * does not have (31/12 → 30/6) becomes the month's last day, with a note. Only digits (and a
 * quarter's numeral) change, so "trước ngày …", times and quoting are kept.
 *
 * Also the days each date covers (a day, a whole month, a whole quarter), so that a caller can tell
 * which period a template's dates lie in.
 */
import type { IsoDate } from './calendar/types';

/** The days a written date covers: one day, or a month's or a quarter's first and last. */
export interface DaySpan {
  first: IsoDate;
  last: IsoDate;
}

export interface MonthShift {
  text: string;
  /** The days each date found covers, before the move. */
  spans: DaySpan[];
  /** Days that the target month does not have, as written ("31/12/2012"), now its last day. */
  clamped: string[];
  /** A part that cannot move by months (a bare year moved by a half-year, a day that does not exist), as written. */
  unmovable: string[];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** `n` written as `like` was: with a leading zero when it had one ("07" → "01", "7" → "1", "12" → "6"). */
const padLike = (n: number, like: string) => (like.length > 1 && like.startsWith('0') ? pad(n, 2) : String(n));
const iso = (y: number, m: number, d: number): IsoDate => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS[month - 1];
}

/** Year and month `months` after (y, m). */
function addMonths(y: number, m: number, months: number): { y: number; m: number } {
  const total = y * 12 + (m - 1) + months;
  return { y: Math.floor(total / 12), m: (((total % 12) + 12) % 12) + 1 };
}

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const ROMAN_IN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

const RE_ISO_START = /^(\s*["']?)(\d{4})-(\d{2})-(\d{2})/;
// Order matters at one position: a day in words ("15 tháng 10 năm 2009") before a month ("tháng 10 năm 2009").
const RE_FORMS = new RegExp(
  [
    String.raw`(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4})(?!\d)`,
    String.raw`(\d{1,2})(\s+th[aá]ng\s+)(\d{1,2})(\s+n[aă]m\s+)(\d{4})(?!\d)`,
    String.raw`(th[aá]ng\s+)(\d{1,2})(\s*[/-]\s*|\s+n[aă]m\s+)(\d{4})(?!\d)`,
    String.raw`(qu[yý]\s*|q)(iv|iii|ii|i|[1-4])(\s*[/-]\s*|\s+n[aă]m\s+|\s+)(\d{4})(?!\d)`,
    String.raw`(?<!\d)(\d{4})(?!\d)`,
  ].join('|'),
  'giu',
);

/** Moves every date of `text` by `months` (negative moves back). */
export function shiftPhraseMonths(text: string, months: number): MonthShift {
  const spans: DaySpan[] = [];
  const clamped: string[] = [];
  const unmovable: string[] = [];
  const day = (y: number, m: number, d: number, written: string) => {
    // No such day (31/13, 30/2): left for the validator to name; moving it would hide the mistake.
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) unmovable.push(written);
    spans.push({ first: iso(y, m, d), last: iso(y, m, d) });
    const to = addMonths(y, m, months);
    const max = daysInMonth(to.y, to.m);
    if (d > max) clamped.push(written);
    return { ...to, d: Math.min(d, max) };
  };

  const head = RE_ISO_START.exec(text);
  if (head) {
    const [whole, lead, y, mo, d] = head;
    const to = day(Number(y), Number(mo), Number(d), `${d}/${mo}/${y}`);
    return { text: `${lead}${iso(to.y, to.m, to.d)}${text.slice(whole.length)}`, spans, clamped, unmovable };
  }

  const out = text.replace(RE_FORMS, (whole: string, ...g: (string | undefined)[]) => {
    if (g[0] !== undefined || g[5] !== undefined) {
      const [d, sepA, m, sepB, y] = (g[0] !== undefined ? g.slice(0, 5) : g.slice(5, 10)) as string[];
      const to = day(Number(y), Number(m), Number(d), `${d}/${m}/${y}`);
      return `${padLike(to.d, d)}${sepA}${padLike(to.m, m)}${sepB}${to.y}`;
    }
    if (g[10] !== undefined) {
      const [word, m, sep, y] = g.slice(10, 14) as string[];
      const from = { y: Number(y), m: Number(m) };
      if (from.m < 1 || from.m > 12) {
        unmovable.push(whole);
        return whole;
      }
      spans.push({ first: iso(from.y, from.m, 1), last: iso(from.y, from.m, daysInMonth(from.y, from.m)) });
      const to = addMonths(from.y, from.m, months);
      return `${word}${padLike(to.m, m)}${sep}${to.y}`;
    }
    if (g[14] !== undefined) {
      const [word, q, sep, y] = g.slice(14, 18) as string[];
      const roman = /^[ivx]+$/i.test(q);
      const quarter = roman ? ROMAN_IN[q.toLowerCase()] : Number(q);
      const firstMonth = (quarter - 1) * 3 + 1;
      spans.push({
        first: iso(Number(y), firstMonth, 1),
        last: iso(Number(y), firstMonth + 2, daysInMonth(Number(y), firstMonth + 2)),
      });
      if (months % 3 !== 0) {
        unmovable.push(whole);
        return whole;
      }
      const to = addMonths(Number(y), firstMonth, months);
      const toQuarter = (to.m - 1) / 3 + 1;
      return `${word}${roman ? ROMAN[toQuarter] : toQuarter}${sep}${to.y}`;
    }
    // A bare year: a year's move is whole years; a half-year's has no day or month to keep.
    const y = Number(g[18]);
    spans.push({ first: iso(y, 1, 1), last: iso(y, 12, 31) });
    if (months % 12 !== 0) {
      unmovable.push(whole);
      return whole;
    }
    return String(y + months / 12);
  });
  return { text: out, spans, clamped, unmovable };
}

const RE_WEEKDAY = /(?:^|[\s,(])(th[ứu]\s*(?:hai|ba|t[ưu]|n[ăa]m|s[áa]u|b[ảa]y|[2-7])|ch[ủu]\s*nh[ậa]t)(?=$|[\s,)])/iu;

/**
 * Why a date phrase cannot recur, or undefined: a weekday names one day of one year ("thứ Sáu,
 * 03/8/2012"); in another period that day falls on another weekday and the phrase would lie.
 */
export function checkPeriodPhrase(text: string): string | undefined {
  const m = RE_WEEKDAY.exec(text);
  if (!m) return undefined;
  return `ghi thứ trong tuần ("${m[1]}") của một ngày cố định; sang kỳ khác ngày ấy rơi vào thứ khác — hãy chỉ ghi ngày`;
}

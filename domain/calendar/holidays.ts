/**
 * Vietnamese public holidays (ngày nghỉ lễ, tết) as the law computes them, before any government
 * announcement: which days the Labour Code gives, and the substitute days (nghỉ bù) when one of them
 * falls on a weekend. Announcements (swaps, the exact Tết days) live in config/holidays-vn.yaml and
 * are applied by working-calendar.ts.
 *
 * Also the date plumbing of the calendar: `yyyy-MM-dd` strings and Julian day numbers, never a clock.
 */
import { dayNumberOfLunar, jdFromDate, jdToDate, lunarOfDayNumber, MAX_LUNAR_YEAR, MIN_LUNAR_YEAR } from './lunar';
import type { SolarDate } from './lunar';
import type { Holiday, IsoDate } from './types';
import { isoDayVn } from '../iso-day';

// ---------------------------------------------------------------------------------------------------
// Dates as strings and day numbers

/** Years the calendar answers for: those of the lunar conversion. */
export const MIN_CALENDAR_YEAR = MIN_LUNAR_YEAR;
export const MAX_CALENDAR_YEAR = MAX_LUNAR_YEAR;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date of a `yyyy-MM-dd` string, or undefined when it is not one (wrong shape, 30/02, ...). */
export function parseIsoDate(iso: unknown): SolarDate | undefined {
  if (typeof iso !== 'string') return undefined;
  const match = ISO_DATE.exec(iso);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return undefined;
  const back = jdToDate(jdFromDate(day, month, year));
  return back.day === day && back.month === month ? { year, month, day } : undefined;
}

/** Julian day number of a `yyyy-MM-dd` date; throws a RangeError naming the bad input. */
export function isoToDayNumber(iso: IsoDate): number {
  const date = parseIsoDate(iso);
  if (!date) throw new RangeError(`calendar: ${JSON.stringify(iso)} is not a date (yyyy-MM-dd)`);
  if (date.year < MIN_CALENDAR_YEAR || date.year > MAX_CALENDAR_YEAR) {
    throw new RangeError(`calendar: ${iso} is outside the supported years ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`);
  }
  return jdFromDate(date.day, date.month, date.year);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The `yyyy-MM-dd` string of a Julian day number. */
export function dayNumberToIso(jd: number): IsoDate {
  const { year, month, day } = jdToDate(jd);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day of the week of a Julian day number: 0 = Sunday (Chủ nhật) … 6 = Saturday (Thứ Bảy), as `Date#getUTCDay`. */
export function weekdayOfDayNumber(jd: number): number {
  return (((jd + 1) % 7) + 7) % 7;
}

export function isWeekendDayNumber(jd: number): boolean {
  const weekday = weekdayOfDayNumber(jd);
  return weekday === 0 || weekday === 6;
}

// ---------------------------------------------------------------------------------------------------
// The law in force

/** The holidays of the Labour Code, grouped: an announcement replaces a whole group (see working-calendar.ts). */
export type HolidayGroup = 'new-year' | 'tet' | 'hung-kings' | 'victory-day' | 'labour-day' | 'national-day';

export const HOLIDAY_GROUPS: readonly HolidayGroup[] = [
  'new-year',
  'tet',
  'hung-kings',
  'victory-day',
  'labour-day',
  'national-day',
];

/** A computed holiday, with the group it belongs to (a substitute belongs to the group of the day it replaces). */
export interface ComputedHoliday extends Holiday {
  group: HolidayGroup;
}

/** What the Labour Code in force in a year gives. */
export interface HolidayLaw {
  /** The law and article, in Vietnamese. */
  source: string;
  /** Tết Nguyên đán days: the last day of the lunar year plus the first `tetDays - 1` days of the new one. */
  tetDays: 4 | 5;
  /** Giỗ Tổ Hùng Vương (10/3 lunar) is a holiday. */
  hungKings: boolean;
  /** 1: 2/9 only; 2: 2/9 and an adjacent day. */
  nationalDayDays: 1 | 2;
  /** Number of holiday days in the year before substitutes. */
  days: number;
}

function law(source: string, tetDays: 4 | 5, hungKings: boolean, nationalDayDays: 1 | 2): HolidayLaw {
  return { source, tetDays, hungKings, nationalDayDays, days: 3 + tetDays + (hungKings ? 1 : 0) + nationalDayDays };
}

const LABOUR_CODE_2019 = law('Bộ luật Lao động 2019, Điều 112', 5, true, 2);
const LABOUR_CODE_2012 = law('Bộ luật Lao động 2012, Điều 115', 5, true, 1);
const LABOUR_CODE_1994_2007 = law('Bộ luật Lao động 1994 (sửa đổi 2007), Điều 73', 4, true, 1);
const LABOUR_CODE_1994 = law('Bộ luật Lao động 1994, Điều 73', 4, false, 1);

/**
 * The holiday law of a year. The seeds' campaigns run in 2009–2015, so the older codes matter:
 * - from 2021, Labour Code 2019 art. 112: 11 days (2/9 gets a second, adjacent day);
 * - 2013–2020, Labour Code 2012 art. 115: 10 days (Tết goes from 4 to 5 days; counted from Tết 2013,
 *   as the python-holidays reference does, although the code itself took effect on 1/5/2013);
 * - 2007–2012, Labour Code 1994 as amended in 2007: 9 days (Giỗ Tổ Hùng Vương added);
 * - before 2007, Labour Code 1994 art. 73: 8 days. It took effect in 1995; earlier years are read
 *   with the same rules (a convenience, not history).
 */
export function holidayLawFor(year: number): HolidayLaw {
  if (year >= 2021) return LABOUR_CODE_2019;
  if (year >= 2013) return LABOUR_CODE_2012;
  if (year >= 2007) return LABOUR_CODE_1994_2007;
  return LABOUR_CODE_1994;
}

// ---------------------------------------------------------------------------------------------------
// The holidays

/** Base names, also used in "Nghỉ bù …" labels. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayGroup, string>> = {
  'new-year': 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  'hung-kings': 'Giỗ Tổ Hùng Vương',
  'victory-day': 'Ngày Chiến thắng',
  'labour-day': 'Ngày Quốc tế Lao động',
  'national-day': 'Quốc khánh',
};

function checkCalendarYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
    throw new RangeError(
      `calendar: year ${year} is outside the supported years ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
    );
  }
}

/** Day number of Tết (mùng 1 tháng Giêng) of a year: always in that Gregorian year, between 21/01 and 20/02. */
export function tetDayNumber(year: number): number {
  checkCalendarYear(year);
  return dayNumberOfLunar({ year, month: 1, day: 1, leap: false });
}

/** Day number of Giỗ Tổ Hùng Vương (10/3 lunar, never the leap month) of a year. */
export function hungKingsDayNumber(year: number): number {
  checkCalendarYear(year);
  return dayNumberOfLunar({ year, month: 3, day: 10, leap: false });
}

/**
 * The day the Labour Code 2019 adds beside 2/9, by default. The law says "2/9 and one day before or
 * after" and leaves the choice to the Prime Minister each year; the announced choices were
 * 2021 (Thu) 3/9, 2022 (Fri) 1/9, 2023 (Sat) 1/9, 2024 (Mon) 3/9, 2025 (Tue) 1/9, 2026 (Wed) 1/9:
 * the day that joins the weekend, else the day before. That is this rule (the same as python-holidays):
 * 2/9 on Monday, Thursday or Sunday → 3/9; otherwise → 1/9.
 */
export function nationalDayAdjacentDayNumber(year: number): number {
  const sep2 = jdFromDate(2, 9, year);
  const weekday = weekdayOfDayNumber(sep2);
  return weekday === 1 || weekday === 4 || weekday === 0 ? sep2 + 1 : sep2 - 1;
}

/**
 * The holidays the Labour Code in force gives in a year, before substitutes, sorted by date.
 *
 * Tết: the Code gives a number of days and lets the Prime Minister pick them each year. Without an
 * announcement this reads them as the last day of the lunar year (Tết eve: 29 or 30 tháng Chạp) plus
 * mùng 1–4 (mùng 1–3 under the 1994 Code). Announced choices differ in most years (often 29 Tết to
 * mùng 3, or one more day before); they go in the override table.
 */
export function statutoryHolidays(year: number): ComputedHoliday[] {
  checkCalendarYear(year);
  const rules = holidayLawFor(year);
  const out: Array<ComputedHoliday & { jd: number }> = [];
  const add = (jd: number, group: HolidayGroup, name: string, kind: Holiday['kind']) =>
    out.push({ jd, date: dayNumberToIso(jd), group, name, kind });

  add(jdFromDate(1, 1, year), 'new-year', HOLIDAY_NAMES['new-year'], 'fixed');

  const tet = tetDayNumber(year);
  const eveDay = lunarOfDayNumber(tet - 1).day;
  add(tet - 1, 'tet', `Tết Nguyên đán (${eveDay} tháng Chạp)`, 'lunar');
  for (let n = 1; n < rules.tetDays; n++) add(tet + n - 1, 'tet', `Tết Nguyên đán (mùng ${n} tháng Giêng)`, 'lunar');

  if (rules.hungKings) add(hungKingsDayNumber(year), 'hung-kings', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'lunar');
  add(jdFromDate(30, 4, year), 'victory-day', HOLIDAY_NAMES['victory-day'], 'fixed');
  add(jdFromDate(1, 5, year), 'labour-day', HOLIDAY_NAMES['labour-day'], 'fixed');
  add(jdFromDate(2, 9, year), 'national-day', HOLIDAY_NAMES['national-day'], 'fixed');
  if (rules.nationalDayDays === 2) {
    add(nationalDayAdjacentDayNumber(year), 'national-day', 'Quốc khánh (ngày liền kề 2/9)', 'adjacent');
  }
  return out.sort((a, b) => a.jd - b.jd).map(({ jd: _jd, ...holiday }) => holiday);
}

export interface ComputedHolidaysOptions {
  /** Groups an announcement replaces: neither their days nor their substitutes are computed. */
  replaced?: Iterable<HolidayGroup>;
  /** Day numbers already off by announcement: a substitute day skips them. */
  alsoOff?: ReadonlySet<number>;
}

/**
 * Statutory holidays plus their substitutes, sorted by date.
 *
 * Substitutes (nghỉ bù): Labour Code 2019 art. 111(3) (2012 Code art. 115(3), 1994 Code art. 73) —
 * when the weekly rest day coincides with a holiday, the worker rests on the next working day. With
 * Saturday and Sunday as the weekly rest days, each holiday on a weekend moves to the next weekday
 * that is not a holiday, an announced day off or an earlier substitute, in date order; so Tết on
 * Sat–Sun–Mon–Tue–Wed gives Thursday and Friday. Two holidays on one date (not in 2007–2199, but
 * 10/3 lunar was 30/4 in 1947) are read the same way: the second one gets a substitute.
 */
export function computedHolidays(year: number, options: ComputedHolidaysOptions = {}): ComputedHoliday[] {
  const replaced = new Set(options.replaced ?? []);
  const alsoOff = options.alsoOff ?? new Set<number>();
  const statutory = statutoryHolidays(year).filter((h) => !replaced.has(h.group));
  const taken = new Set<number>([...statutory.map((h) => isoToDayNumber(h.date)), ...alsoOff]);
  const seen = new Set<number>();
  const out: Array<ComputedHoliday & { jd: number }> = [];
  for (const holiday of statutory) {
    const jd = isoToDayNumber(holiday.date);
    const duplicate = seen.has(jd);
    seen.add(jd);
    if (!duplicate) out.push({ ...holiday, jd });
    if (!duplicate && !isWeekendDayNumber(jd)) continue;
    let sub = jd + 1;
    while (isWeekendDayNumber(sub) || taken.has(sub)) sub++;
    taken.add(sub);
    const name = `Nghỉ bù ${HOLIDAY_NAMES[holiday.group]} (${isoDayVn(dayNumberToIso(jd))})`;
    out.push({ jd: sub, date: dayNumberToIso(sub), name, kind: 'substitute', group: holiday.group });
  }
  return out.sort((a, b) => a.jd - b.jd).map(({ jd: _jd, ...holiday }) => holiday);
}

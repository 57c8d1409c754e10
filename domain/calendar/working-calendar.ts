/**
 * The working-day calendar of a Vietnamese public body: Saturday and Sunday off, the Labour Code's
 * holidays and their substitutes off (holidays.ts), then what the government announced for the year
 * (the override table, config/holidays-vn.yaml): the days it actually gave, and the Saturdays it
 * turned into make-up workdays (làm bù) to pay for a swapped day.
 *
 * Pure: dates are `yyyy-MM-dd` strings turned into Julian day numbers; no clock, no time zone.
 */
import {
  computedHolidays,
  dayNumberToIso,
  HOLIDAY_GROUPS,
  isoToDayNumber,
  isWeekendDayNumber,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  parseIsoDate,
  weekdayOfDayNumber,
  type HolidayGroup,
} from './holidays';
import { jdFromDate, jdToDate } from './lunar';
import type { Holiday, IsoDate, WorkingCalendar } from './types';

// ---------------------------------------------------------------------------------------------------
// The override table

/** A day, or a run of consecutive days (`from`..`to`, inclusive), the government announced off. */
export interface AnnouncedDaysOff {
  from: IsoDate;
  to?: IsoDate;
  /** Shown as the reason the days are off, e.g. "Tết Nguyên đán (theo thông báo)". */
  name: string;
}

/** A weekend day the government turned into a working day (làm bù) to pay for a swapped day off. */
export interface AnnouncedWorkday {
  date: IsoDate;
  name: string;
}

/**
 * What was announced for one year. Every date must lie in that year (a swap across New Year goes in
 * two entries: the day off under its year, the make-up Saturday under its own).
 */
export interface HolidayOverrideYear {
  /**
   * Holiday groups whose computed days the announcement replaces: for these, neither the statutory
   * days nor their substitutes are computed, and `daysOff` must list the days given (e.g. `[tet]` with
   * the five announced Tết days). Groups not listed keep their computed days, and `daysOff` adds to them.
   */
  replace?: HolidayGroup[];
  /** Announced days off; weekends inside a run are off anyway and are not listed by `holidays()`. */
  daysOff?: AnnouncedDaysOff[];
  /** Announced make-up workdays: working days even on a Saturday or Sunday. They win over everything. */
  workdays?: AnnouncedWorkday[];
  /** The announcement(s), for people reading the table. */
  source?: string;
}

/** Per year (`"2025"`), what the government announced. Read from config/holidays-vn.yaml by config/holidays.ts. */
export type HolidayOverrideTable = Readonly<Record<string, HolidayOverrideYear>>;

/** A bad override table; `problems` lists every fault, each naming the year and the field. */
export class HolidayOverrideError extends Error {
  constructor(
    public readonly origin: string,
    public readonly problems: string[],
  ) {
    super(`${origin}: invalid holiday overrides:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HolidayOverrideError';
  }
}

const YEAR_FIELDS = ['replace', 'daysOff', 'workdays', 'source'] as const;
const DAYS_OFF_FIELDS = ['from', 'to', 'name'] as const;
const WORKDAY_FIELDS = ['date', 'name'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an override table (typed, or straight from YAML) and returns it; throws a
 * {@link HolidayOverrideError} naming `origin`, the year and the field of every fault.
 */
export function validateHolidayOverrides(raw: unknown, origin = 'holiday overrides'): HolidayOverrideTable {
  const problems: string[] = [];
  if (!isRecord(raw)) throw new HolidayOverrideError(origin, ['expected a mapping of years (e.g. 2025:) to entries']);
  const table: Record<string, HolidayOverrideYear> = {};
  for (const [key, value] of Object.entries(raw)) {
    const year = Number(key);
    const at = (field: string, message: string) => problems.push(`year ${key}: ${field}: ${message}`);
    if (!/^\d{4}$/.test(key) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
      problems.push(`year ${JSON.stringify(key)}: not a year from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`);
      continue;
    }
    if (!isRecord(value)) {
      problems.push(`year ${key}: expected a mapping with ${YEAR_FIELDS.join(', ')}`);
      continue;
    }
    const unknownFields = (obj: Record<string, unknown>, allowed: readonly string[], where: string) => {
      for (const field of Object.keys(obj)) {
        if (!allowed.includes(field)) {
          problems.push(`year ${key}: ${where}unknown field "${field}" (expected ${allowed.join(', ')})`);
        }
      }
    };
    /** Day number of a date field that must be in this year, or undefined after recording the problem. */
    const dateIn = (field: string, input: unknown): number | undefined => {
      const date = parseIsoDate(input);
      if (!date) return void at(field, `${JSON.stringify(input)} is not a date (yyyy-MM-dd)`);
      if (date.year !== year) return void at(field, `${input as string} is not in ${year}`);
      return jdFromDate(date.day, date.month, date.year);
    };
    const nameOf = (field: string, input: unknown): string => {
      if (typeof input === 'string' && input.trim() !== '') return input.trim();
      at(field, 'expected a non-empty name');
      return '';
    };
    unknownFields(value, YEAR_FIELDS, '');
    const entry: HolidayOverrideYear = {};

    if (value.replace !== undefined) {
      if (!Array.isArray(value.replace)) at('replace', `expected a list of ${HOLIDAY_GROUPS.join(', ')}`);
      else {
        entry.replace = [];
        value.replace.forEach((group: unknown, i) => {
          if (!HOLIDAY_GROUPS.includes(group as HolidayGroup)) {
            at(`replace[${i}]`, `${JSON.stringify(group)} is not one of ${HOLIDAY_GROUPS.join(', ')}`);
          } else if (entry.replace!.includes(group as HolidayGroup)) at(`replace[${i}]`, `${group} is listed twice`);
          else entry.replace!.push(group as HolidayGroup);
        });
      }
    }

    const offDays = new Map<number, string>(); // day number → field that set it
    if (value.daysOff !== undefined) {
      if (!Array.isArray(value.daysOff)) at('daysOff', 'expected a list of { from, to?, name }');
      else {
        entry.daysOff = [];
        value.daysOff.forEach((item: unknown, i) => {
          const field = `daysOff[${i}]`;
          if (!isRecord(item)) return void at(field, 'expected a mapping { from, to?, name }');
          unknownFields(item, DAYS_OFF_FIELDS, `${field}: `);
          const from = dateIn(`${field}.from`, item.from);
          const to = item.to === undefined ? from : dateIn(`${field}.to`, item.to);
          const name = nameOf(`${field}.name`, item.name);
          if (from === undefined || to === undefined) return;
          if (to < from) return void at(`${field}.to`, `${item.to as string} is before from ${item.from as string}`);
          if (to - from > 30) return void at(`${field}.to`, 'a run of more than 31 days off is surely a typo');
          for (let jd = from; jd <= to; jd++) {
            const other = offDays.get(jd);
            if (other !== undefined) at(field, `${dayNumberToIso(jd)} is already in ${other}`);
            offDays.set(jd, field);
          }
          const announced: AnnouncedDaysOff = { from: item.from as string, name };
          if (item.to !== undefined) announced.to = item.to as string;
          entry.daysOff!.push(announced);
        });
      }
    }

    if (value.workdays !== undefined) {
      if (!Array.isArray(value.workdays)) at('workdays', 'expected a list of { date, name }');
      else {
        entry.workdays = [];
        const seen = new Set<number>();
        value.workdays.forEach((item: unknown, i) => {
          const field = `workdays[${i}]`;
          if (!isRecord(item)) return void at(field, 'expected a mapping { date, name }');
          unknownFields(item, WORKDAY_FIELDS, `${field}: `);
          const jd = dateIn(`${field}.date`, item.date);
          const name = nameOf(`${field}.name`, item.name);
          if (jd === undefined) return;
          if (!isWeekendDayNumber(jd)) {
            return void at(
              `${field}.date`,
              `${item.date as string} is a weekday; a make-up workday is a Saturday or Sunday`,
            );
          }
          if (seen.has(jd)) return void at(`${field}.date`, `${item.date as string} is listed twice`);
          if (offDays.has(jd)) return void at(`${field}.date`, `${item.date as string} is also in ${offDays.get(jd)}`);
          seen.add(jd);
          entry.workdays!.push({ date: item.date as string, name });
        });
      }
    }

    if (value.source !== undefined) {
      if (typeof value.source !== 'string') at('source', 'expected text');
      else entry.source = value.source;
    }
    table[key] = entry;
  }
  if (problems.length > 0) throw new HolidayOverrideError(origin, problems);
  return table;
}

// ---------------------------------------------------------------------------------------------------
// The calendar

/** The contract, plus the make-up workdays, which `holidays()` (days off only) does not list. */
export interface VietnamWorkingCalendar extends WorkingCalendar {
  /** Announced make-up workdays (làm bù) of a year, sorted, with kind 'make-up-workday'. */
  makeUpWorkdays(year: number): Holiday[];
}

interface YearCalendar {
  /** Day number → why it is off (holidays, substitutes, announced days; weekends only when announced). */
  off: Map<number, string>;
  /** Day number → name of an announced make-up workday. */
  workdays: Map<number, string>;
  holidays: Holiday[];
  makeUp: Holiday[];
}

function buildYear(year: number, entry: HolidayOverrideYear | undefined): YearCalendar {
  const announced = new Map<number, string>();
  for (const run of entry?.daysOff ?? []) {
    const to = isoToDayNumber(run.to ?? run.from);
    for (let jd = isoToDayNumber(run.from); jd <= to; jd++) announced.set(jd, run.name);
  }
  const workdays = new Map<number, string>();
  for (const workday of entry?.workdays ?? []) workdays.set(isoToDayNumber(workday.date), workday.name);

  const off = new Map<number, string>();
  const holidays: Array<Holiday & { jd: number }> = [];
  for (const { group: _group, ...holiday } of computedHolidays(year, {
    replaced: entry?.replace,
    alsoOff: new Set(announced.keys()),
  })) {
    const jd = isoToDayNumber(holiday.date);
    if (workdays.has(jd)) continue;
    if (!off.has(jd)) off.set(jd, holiday.name);
    holidays.push({ ...holiday, jd });
  }
  for (const [jd, name] of announced) {
    if (off.has(jd)) continue;
    off.set(jd, name);
    if (!isWeekendDayNumber(jd)) holidays.push({ jd, date: dayNumberToIso(jd), name, kind: 'announced' });
  }
  const makeUp = [...workdays]
    .sort(([a], [b]) => a - b)
    .map(([jd, name]): Holiday => ({ date: dayNumberToIso(jd), name, kind: 'make-up-workday' }));
  holidays.sort((a, b) => a.jd - b.jd);
  return { off, workdays, holidays: holidays.map(({ jd: _jd, ...h }) => h), makeUp };
}

/**
 * A working calendar with the given announcements (none by default: the law alone). Each year is
 * computed once, on first use, and kept.
 */
export function createWorkingCalendar(overrides: HolidayOverrideTable = {}): VietnamWorkingCalendar {
  const table = validateHolidayOverrides(overrides);
  const years = new Map<number, YearCalendar>();
  const yearCalendar = (year: number): YearCalendar => {
    let calendar = years.get(year);
    if (!calendar) {
      calendar = buildYear(year, table[String(year)]);
      years.set(year, calendar);
    }
    return calendar;
  };
  const isWorking = (jd: number): boolean => {
    const calendar = yearCalendar(jdToDate(jd).year);
    if (calendar.workdays.has(jd)) return true;
    return !calendar.off.has(jd) && !isWeekendDayNumber(jd);
  };
  const step = (jd: number, direction: 1 | -1): number => {
    let next = jd + direction;
    while (!isWorking(next)) next += direction;
    return next;
  };

  return {
    isWorkingDay: (date) => isWorking(isoToDayNumber(date)),

    reasonOff(date) {
      const jd = isoToDayNumber(date);
      const calendar = yearCalendar(jdToDate(jd).year);
      if (calendar.workdays.has(jd)) return undefined;
      const reason = calendar.off.get(jd);
      if (reason !== undefined) return reason;
      const weekday = weekdayOfDayNumber(jd);
      return weekday === 6 ? 'Thứ Bảy' : weekday === 0 ? 'Chủ nhật' : undefined;
    },

    previousWorkingDay: (date) => dayNumberToIso(step(isoToDayNumber(date), -1)),

    nextWorkingDay: (date) => dayNumberToIso(step(isoToDayNumber(date), 1)),

    addWorkingDays(date, n) {
      if (!Number.isSafeInteger(n)) throw new RangeError(`addWorkingDays: ${n} is not a whole number of days`);
      let jd = isoToDayNumber(date);
      if (n === 0) return date;
      const direction = n > 0 ? 1 : -1;
      for (let i = Math.abs(n); i > 0; i--) jd = step(jd, direction);
      return dayNumberToIso(jd);
    },

    holidays(year) {
      if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
        throw new RangeError(
          `calendar: year ${year} is outside the supported years ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
        );
      }
      return yearCalendar(year).holidays.map((h) => ({ ...h }));
    },

    makeUpWorkdays(year) {
      if (!Number.isInteger(year) || year < MIN_CALENDAR_YEAR || year > MAX_CALENDAR_YEAR) {
        throw new RangeError(
          `calendar: year ${year} is outside the supported years ${MIN_CALENDAR_YEAR}–${MAX_CALENDAR_YEAR}`,
        );
      }
      return yearCalendar(year).makeUp.map((h) => ({ ...h }));
    },
  };
}

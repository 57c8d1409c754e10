/**
 * The periods a recurring campaign runs in (issue 15): half-years (H1 = January–June, H2 = July–
 * December) and years, named as they appear in campaign ids: `2027-h1`, `2027-h2`, `2027`. Pure
 * arithmetic on calendar dates, plus the instant a period starts in a time zone (luxon, explicit zone).
 */
import { DateTime } from 'luxon';
import type { IsoDate } from './calendar/types';

export type Every = 'half-year' | 'year';
export const EVERY_VALUES: readonly Every[] = ['half-year', 'year'];

export interface Period {
  every: Every;
  year: number;
  /** 1 or 2 for a half-year; absent for a year. */
  half?: 1 | 2;
}

export function isEvery(value: string): value is Every {
  return (EVERY_VALUES as readonly string[]).includes(value);
}

/** How many months a period lasts. */
export function periodMonths(every: Every): 6 | 12 {
  return every === 'half-year' ? 6 : 12;
}

/** `2027-h1`, `2027-h2` or `2027`. */
export function periodId(p: Period): string {
  return p.every === 'half-year' ? `${p.year}-h${p.half}` : String(p.year);
}

/** "6 tháng đầu năm 2027", "6 tháng cuối năm 2027", "năm 2027". */
export function periodLabel(p: Period): string {
  if (p.every === 'year') return `năm ${p.year}`;
  return `6 tháng ${p.half === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
}

/** A period as typed (`2027-h1`, `2027-H2`, `2027`) for `every`, or undefined when it is not one. */
export function parsePeriod(text: string, every: Every): Period | undefined {
  const t = text.trim().toLowerCase();
  if (every === 'half-year') {
    const m = /^(\d{4})-h([12])$/.exec(t);
    return m ? { every, year: Number(m[1]), half: Number(m[2]) as 1 | 2 } : undefined;
  }
  return /^\d{4}$/.test(t) ? { every, year: Number(t) } : undefined;
}

/** The number of periods since year 0: consecutive periods differ by one. */
export function periodIndex(p: Period): number {
  return p.every === 'half-year' ? p.year * 2 + ((p.half ?? 1) - 1) : p.year;
}

export function periodAt(index: number, every: Every): Period {
  if (every === 'year') return { every, year: index };
  return { every, year: Math.floor(index / 2), half: ((index % 2) + 1) as 1 | 2 };
}

/** The period holding a calendar date (`YYYY-MM-DD`). */
export function periodOfDate(date: IsoDate, every: Every): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return every === 'year' ? { every, year } : { every, year, half: month <= 6 ? 1 : 2 };
}

/** The period holding an instant, read in `zone` (a schedule's time or "now"). */
export function periodOfInstant(at: Date | string, every: Every, zone: string): Period {
  const iso = typeof at === 'string' ? at : at.toISOString();
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return periodOfDate(local.toISODate()!, every);
}

/** The first and last day of a period. */
export function periodBounds(p: Period): { first: IsoDate; last: IsoDate } {
  if (p.every === 'year' || p.half === undefined) return { first: `${p.year}-01-01`, last: `${p.year}-12-31` };
  return p.half === 1
    ? { first: `${p.year}-01-01`, last: `${p.year}-06-30` }
    : { first: `${p.year}-07-01`, last: `${p.year}-12-31` };
}

/** The instant a period starts: 00:00 of its first day in `zone`, as a UTC ISO string. */
export function periodStartUtc(p: Period, zone: string): string {
  return DateTime.fromISO(`${periodBounds(p).first}T00:00:00`, { zone })
    .toUTC()
    .toISO()!;
}

/** Every period from `from` to `to`, both included (empty when `to` is before `from`). */
export function periodsBetween(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let i = periodIndex(from); i <= periodIndex(to); i++) out.push(periodAt(i, from.every));
  return out;
}

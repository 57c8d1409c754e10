/**
 * A small working calendar for tests that must not depend on the real holiday tables: Saturday and
 * Sunday off, plus the fixed dates given (default: 1/1, 30/4, 1/5, 2/9 of every year).
 */
import { DateTime } from 'luxon';
import type { Holiday, IsoDate, WorkingCalendar } from '../../../domain/calendar/types';

const step = (date: IsoDate, days: number): IsoDate =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;

export function fakeCalendar(
  fixed: string[] = ['01-01', '04-30', '05-01', '09-02'],
  extra: IsoDate[] = [],
): WorkingCalendar {
  const reasonOff = (date: IsoDate): string | undefined => {
    const weekday = DateTime.fromISO(date, { zone: 'utc' }).weekday;
    if (extra.includes(date) || fixed.includes(date.slice(5))) return 'Ngày lễ (giả)';
    if (weekday === 6) return 'Thứ Bảy';
    if (weekday === 7) return 'Chủ nhật';
    return undefined;
  };
  const isWorkingDay = (date: IsoDate) => reasonOff(date) === undefined;
  const move = (date: IsoDate, direction: 1 | -1): IsoDate => {
    let d = step(date, direction);
    while (!isWorkingDay(d)) d = step(d, direction);
    return d;
  };
  return {
    isWorkingDay,
    reasonOff,
    previousWorkingDay: (date) => move(date, -1),
    nextWorkingDay: (date) => move(date, 1),
    addWorkingDays(date, n) {
      let d = date;
      for (let i = Math.abs(n); i > 0; i--) d = move(d, n > 0 ? 1 : -1);
      return d;
    },
    holidays(year): Holiday[] {
      return [...fixed.map((md) => `${year}-${md}`), ...extra.filter((d) => d.startsWith(`${year}-`))]
        .sort()
        .map((date) => ({ date, name: 'Ngày lễ (giả)', kind: 'fixed' }));
    },
  };
}

/**
 * How late a submission is, in working days, as offices count it: the working days after the
 * deadline's day up to and including the day it arrived (both read in the campaign's zone). Late on
 * the deadline's own day, or on a day off after it with no working day between, counts as one: it
 * was late, and "0 days late" would read as on time.
 */
import { DateTime } from 'luxon';
import type { WorkingCalendar } from './types';

export function workingDaysLate(deadlineUtc: string, receivedUtc: string, zone: string, cal: WorkingCalendar): number {
  const deadline = Date.parse(deadlineUtc);
  const received = Date.parse(receivedUtc);
  if (!(received > deadline)) return 0;
  const day = (ms: number) => DateTime.fromMillis(ms, { zone }).toISODate()!;
  const last = day(received);
  let count = 0;
  // Walk the working days after the deadline's day; a late submission is weeks late at most in
  // practice, and a cap keeps a bad date from looping for long.
  for (let d = cal.nextWorkingDay(day(deadline)); d <= last && count < 3660; d = cal.nextWorkingDay(d)) count++;
  return Math.max(1, count);
}

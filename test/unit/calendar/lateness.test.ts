/**
 * Lateness in working days (the synthesis's "số ngày muộn"), as properties over 1990–2080 with the
 * shipped holiday table: a brute-force count of the working days between the deadline's day and the
 * day the report arrived, read in the campaign's zone.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../../config/holidays';
import { dayNumberToIso, isoToDayNumber } from '../../../domain/calendar/holidays';
import { workingDaysLate } from '../../../domain/calendar/lateness';

const cal = loadWorkingCalendar();
const ZONE = 'Asia/Ho_Chi_Minh';
const FIRST = isoToDayNumber('1990-01-01');
const LAST = isoToDayNumber('2080-12-31');

/** An instant on a local day at a local minute. */
const at = (jd: number, minute: number) =>
  DateTime.fromISO(dayNumberToIso(jd), { zone: ZONE }).plus({ minutes: minute }).toUTC().toISO()!;

const instant = fc.record({ day: fc.integer({ min: FIRST, max: LAST }), minute: fc.integer({ min: 0, max: 1439 }) });

test('on time or early is 0; any lateness is at least 1 and counts exactly the working days after the deadline’s day', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 1439 }), (d, daysAfter, minute) => {
      const deadline = at(d.day, d.minute);
      const receivedDay = d.day + daysAfter;
      const received = at(receivedDay, minute);
      const late = workingDaysLate(deadline, received, ZONE, cal);
      if (Date.parse(received) <= Date.parse(deadline)) return late === 0;
      let expected = 0;
      for (let jd = d.day + 1; jd <= receivedDay; jd++) if (cal.isWorkingDay(dayNumberToIso(jd))) expected++;
      return late === Math.max(1, expected);
    }),
    { numRuns: 2000 },
  );
});

test('a report k working days after the deadline is k working days late, and lateness never decreases with time', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 1, max: 40 }), (d, k) => {
      const deadline = at(d.day, d.minute);
      const day = cal.addWorkingDays(dayNumberToIso(d.day), k);
      const received = DateTime.fromISO(day, { zone: ZONE }).set({ hour: 9 }).toUTC().toISO()!;
      const later = DateTime.fromISO(received).plus({ days: 1 }).toUTC().toISO()!;
      const late = workingDaysLate(deadline, received, ZONE, cal);
      return late === k && workingDaysLate(deadline, later, ZONE, cal) >= late;
    }),
    { numRuns: 1000 },
  );
});

test('examples a clerk would check: Tết 2025 and a weekend', () => {
  // Deadline Friday 24/01/2025 17:00; Tết holidays 25/01–02/02; received Monday 03/02 09:00: 1 working day.
  expect(workingDaysLate('2025-01-24T10:00:00Z', '2025-02-03T02:00:00Z', ZONE, cal)).toBe(1);
  // Deadline Friday 14/03/2025 17:00, received Saturday 15/03: late, and counted as 1.
  expect(workingDaysLate('2025-03-14T10:00:00Z', '2025-03-15T03:00:00Z', ZONE, cal)).toBe(1);
  // Same deadline, received Tuesday 18/03: Monday and Tuesday.
  expect(workingDaysLate('2025-03-14T10:00:00Z', '2025-03-18T03:00:00Z', ZONE, cal)).toBe(2);
  expect(workingDaysLate('2025-03-14T10:00:00Z', '2025-03-14T09:59:00Z', ZONE, cal)).toBe(0);
});

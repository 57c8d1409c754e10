/**
 * The working calendar: announced years against the announcements, the override semantics, and
 * properties of the navigation over two centuries, with and without the shipped table.
 */
import fc from 'fast-check';
import { loadWorkingCalendar } from '../../../config/holidays';
import { dayNumberToIso, isoToDayNumber, weekdayOfDayNumber } from '../../../domain/calendar/holidays';
import {
  createWorkingCalendar,
  HolidayOverrideError,
  type HolidayOverrideTable,
  type VietnamWorkingCalendar,
} from '../../../domain/calendar/working-calendar';

const shipped = loadWorkingCalendar();
const lawOnly = createWorkingCalendar();

/** Every date from `from` to `to`, inclusive. */
function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let jd = isoToDayNumber(from); jd <= isoToDayNumber(to); jd++) out.push(dayNumberToIso(jd));
  return out;
}
const offDays = (calendar: VietnamWorkingCalendar, from: string, to: string) =>
  range(from, to).filter((d) => !calendar.isWorkingDay(d));
const weekday = (date: string) => weekdayOfDayNumber(isoToDayNumber(date));

describe('announced years (shipped table)', () => {
  it('2025: Tết 25/01–02/02 all off, Monday 03/02 back at work', () => {
    expect(offDays(shipped, '2025-01-23', '2025-02-04')).toEqual(range('2025-01-25', '2025-02-02'));
    expect(shipped.reasonOff('2025-01-27')).toBe('Nghỉ Tết Nguyên đán theo thông báo');
  });

  it('2025: Friday 02/05 swapped against Saturday 26/04, so 30/04–04/05 off and 26/04 worked', () => {
    expect(shipped.isWorkingDay('2025-04-26')).toBe(true);
    expect(shipped.reasonOff('2025-04-26')).toBeUndefined();
    expect(offDays(shipped, '2025-04-26', '2025-05-06')).toEqual(
      range('2025-04-27', '2025-05-04').filter((d) => d !== '2025-04-28' && d !== '2025-04-29'),
    );
    expect(shipped.reasonOff('2025-05-02')).toMatch(/^Nghỉ theo thông báo/);
    expect(shipped.makeUpWorkdays(2025)).toEqual([
      { date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/05/2025', kind: 'make-up-workday' },
    ]);
  });

  it('2025: Hùng Vương Monday 07/04; 2/9 with Monday 01/09', () => {
    expect(offDays(shipped, '2025-04-04', '2025-04-08')).toEqual(['2025-04-05', '2025-04-06', '2025-04-07']);
    expect(offDays(shipped, '2025-08-29', '2025-09-03')).toEqual(range('2025-08-30', '2025-09-02'));
  });

  it('2024: Tết 08/02–14/02 (not the computed 09/02–15/02), 27/04–01/05 with Saturday 04/05 worked', () => {
    expect(offDays(shipped, '2024-02-07', '2024-02-16')).toEqual(range('2024-02-08', '2024-02-14'));
    expect(offDays(lawOnly, '2024-02-07', '2024-02-16')).toEqual(range('2024-02-09', '2024-02-15'));
    expect(offDays(shipped, '2024-04-26', '2024-05-06')).toEqual(
      range('2024-04-27', '2024-05-01').concat('2024-05-05'),
    );
    expect(offDays(shipped, '2024-08-30', '2024-09-04')).toEqual(range('2024-08-31', '2024-09-03'));
  });

  it('2026: New Year 01–04/01 (Saturday 10/01 worked), Tết 14/02–22/02, 25–27/04, 30/04–03/05, 29/08–02/09 (Saturday 22/08 worked)', () => {
    expect(offDays(shipped, '2025-12-31', '2026-01-10')).toEqual(range('2026-01-01', '2026-01-04'));
    expect(shipped.reasonOff('2026-01-10')).toBeUndefined();
    expect(offDays(shipped, '2026-02-13', '2026-02-23')).toEqual(range('2026-02-14', '2026-02-22'));
    expect(offDays(shipped, '2026-04-24', '2026-05-04')).toEqual(
      ['2026-04-25', '2026-04-26', '2026-04-27'].concat(range('2026-04-30', '2026-05-03')),
    );
    expect(offDays(shipped, '2026-08-21', '2026-09-03')).toEqual(
      ['2026-08-23'].concat(range('2026-08-29', '2026-09-02')),
    );
    expect(shipped.reasonOff('2026-04-27')).toBe('Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026)');
  });

  it('2023: Tết 20/01–26/01 as announced; Monday 02/01 off for 1/1 on a Sunday', () => {
    expect(offDays(shipped, '2023-01-19', '2023-01-27')).toEqual(range('2023-01-20', '2023-01-26'));
    for (const calendar of [shipped, lawOnly]) {
      expect(calendar.isWorkingDay('2023-01-02')).toBe(false);
      expect(calendar.reasonOff('2023-01-02')).toBe('Nghỉ bù Tết Dương lịch (01/01/2023)');
      expect(calendar.nextWorkingDay('2022-12-30')).toBe('2023-01-03');
    }
  });

  it('2009 (the seeds): Tết 24/01–29/01, Hùng Vương 04/04 with Monday 06/04, 2/9 a single day', () => {
    expect(offDays(shipped, '2009-01-22', '2009-02-02')).toEqual(
      range('2009-01-24', '2009-02-01').filter((d) => d !== '2009-01-30'),
    );
    expect(offDays(shipped, '2009-04-03', '2009-04-07')).toEqual(['2009-04-04', '2009-04-05', '2009-04-06']);
    expect(offDays(shipped, '2009-09-01', '2009-09-03')).toEqual(['2009-09-02']);
    expect(shipped.nextWorkingDay('2009-01-23')).toBe('2009-01-30');
    expect(shipped.isWorkingDay('2009-10-15')).toBe(true); // the 67-KH/TU deadline, a Thursday
  });

  it('2014–2015: the swapped Tết runs of the seeds’ later campaigns', () => {
    expect(offDays(shipped, '2014-01-24', '2014-02-09')).toEqual(
      ['2014-01-26'].concat(range('2014-01-28', '2014-02-05'), '2014-02-09'),
    );
    expect(offDays(shipped, '2015-02-13', '2015-02-25')).toEqual(range('2015-02-15', '2015-02-23'));
    expect(offDays(shipped, '2014-12-26', '2015-01-05')).toEqual(
      ['2014-12-28'].concat(range('2015-01-01', '2015-01-04')),
    );
  });
});

describe('the WorkingCalendar contract', () => {
  it('explains days off in Vietnamese and says nothing on a working day', () => {
    expect(lawOnly.reasonOff('2025-10-04')).toBe('Thứ Bảy');
    expect(lawOnly.reasonOff('2025-10-05')).toBe('Chủ nhật');
    expect(lawOnly.reasonOff('2025-10-06')).toBeUndefined();
    expect(lawOnly.reasonOff('2025-09-02')).toBe('Quốc khánh');
    expect(lawOnly.reasonOff('2023-04-29')).toBe('Giỗ Tổ Hùng Vương (10/3 âm lịch)'); // a Saturday: the holiday wins
  });

  it('moves by working days, never counting the start', () => {
    expect(shipped.addWorkingDays('2025-01-24', 1)).toBe('2025-02-03');
    expect(shipped.addWorkingDays('2025-02-03', -1)).toBe('2025-01-24');
    expect(shipped.addWorkingDays('2025-04-29', 1)).toBe('2025-05-05');
    expect(shipped.addWorkingDays('2025-04-25', 1)).toBe('2025-04-26'); // the make-up Saturday counts
    expect(shipped.addWorkingDays('2025-10-06', 5)).toBe('2025-10-13');
    expect(shipped.addWorkingDays('2025-10-13', -5)).toBe('2025-10-06');
    expect(shipped.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04'); // n = 0: unchanged, even on a Saturday
    expect(shipped.previousWorkingDay('2025-05-05')).toBe('2025-04-29');
    expect(shipped.nextWorkingDay('2025-04-29')).toBe('2025-05-05');
  });

  it('lists days off sorted, weekends only when they are holidays themselves', () => {
    const list = shipped.holidays(2025);
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
    expect(list.map((h) => h.date)).not.toContain('2025-01-25'); // a Saturday inside the announced Tết run
    expect(list.map((h) => h.date)).toContain('2025-05-02');
    expect(lawOnly.holidays(2023).find((h) => h.date === '2023-01-01')).toEqual({
      date: '2023-01-01',
      name: 'Tết Dương lịch',
      kind: 'fixed',
    });
    list.pop();
    expect(shipped.holidays(2025)).toHaveLength(list.length + 1); // callers get copies
  });

  it('refuses what is not a date or not a whole number of days', () => {
    expect(() => shipped.isWorkingDay('2025-02-29')).toThrow(RangeError);
    expect(() => shipped.nextWorkingDay('03/02/2025')).toThrow(/not a date/);
    expect(() => shipped.addWorkingDays('2025-02-03', 1.5)).toThrow(RangeError);
    expect(() => shipped.holidays(1850)).toThrow(RangeError);
  });
});

describe('override semantics', () => {
  it('replace drops the computed days and their substitutes; other groups keep theirs', () => {
    const calendar = createWorkingCalendar({
      '2021': { replace: ['tet'], daysOff: [{ from: '2021-02-10', to: '2021-02-16', name: 'Tết (thông báo)' }] },
    });
    expect(offDays(calendar, '2021-02-08', '2021-02-19')).toEqual(range('2021-02-10', '2021-02-16'));
    expect(offDays(lawOnly, '2021-02-08', '2021-02-19')).toEqual(range('2021-02-11', '2021-02-17'));
    expect(calendar.isWorkingDay('2021-05-03')).toBe(false); // nghỉ bù for 1/5 on a Saturday, untouched
  });

  it('without replace, announced days add to the computed ones; a workday wins over everything', () => {
    const calendar = createWorkingCalendar({
      '2025': {
        daysOff: [{ from: '2025-01-27', name: 'Nghỉ thêm' }],
        workdays: [{ date: '2025-02-01', name: 'Làm bù' }], // a Saturday that is mùng 4 Tết in the law
      },
    });
    expect(calendar.isWorkingDay('2025-01-27')).toBe(false);
    expect(calendar.isWorkingDay('2025-02-01')).toBe(true);
    expect(calendar.holidays(2025).map((h) => h.date)).not.toContain('2025-02-01');
    expect(calendar.isWorkingDay('2025-02-03')).toBe(false); // its substitute stays: the law gave it
  });

  it('a substitute skips announced days off', () => {
    // 2022: Hùng Vương on Sunday 10/04 → Monday 11/04, unless 11/04 is already announced off.
    const calendar = createWorkingCalendar({ '2022': { daysOff: [{ from: '2022-04-11', name: 'X' }] } });
    expect(offDays(calendar, '2022-04-08', '2022-04-14')).toEqual(range('2022-04-09', '2022-04-12'));
  });

  it('validates a table given in code too', () => {
    const bad = { '2025': { daysOff: [{ from: '2025-02-30', name: 'X' }] } } as HolidayOverrideTable;
    expect(() => createWorkingCalendar(bad)).toThrow(HolidayOverrideError);
    expect(() => createWorkingCalendar(bad)).toThrow(/year 2025: daysOff\[0\]\.from: "2025-02-30" is not a date/);
  });
});

describe('properties over 1950–2150', () => {
  const lo = isoToDayNumber('1950-01-01');
  const hi = isoToDayNumber('2150-12-31');
  const aDate = fc.integer({ min: lo, max: hi }).map(dayNumberToIso);
  const calendars: Array<[string, VietnamWorkingCalendar]> = [
    ['law only', lawOnly],
    ['shipped table', shipped],
  ];
  const runs = { numRuns: 3000 };
  const makeUp = new Set<string>();
  for (let year = 2009; year <= 2027; year++) shipped.makeUpWorkdays(year).forEach((h) => makeUp.add(h.date));

  describe.each(calendars)('%s', (_name, calendar) => {
    it('previous/next working day: working, strictly before/after, nothing working in between', () => {
      fc.assert(
        fc.property(aDate, (date) => {
          const next = calendar.nextWorkingDay(date);
          const previous = calendar.previousWorkingDay(date);
          expect(next > date && previous < date).toBe(true);
          expect(calendar.isWorkingDay(next) && calendar.isWorkingDay(previous)).toBe(true);
          const between = range(previous, next)
            .slice(1, -1)
            .filter((d) => d !== date);
          expect(between.filter((d) => calendar.isWorkingDay(d))).toEqual([]);
        }),
        runs,
      );
    });

    it('addWorkingDays lands on a working day, is strictly monotone in n and in the date, and undoes itself', () => {
      fc.assert(
        fc.property(aDate, fc.integer({ min: -40, max: 40 }), (date, n) => {
          const moved = calendar.addWorkingDays(date, n);
          if (n !== 0) expect(calendar.isWorkingDay(moved)).toBe(true);
          if (n > 0) expect(moved > date && calendar.addWorkingDays(date, n + 1) > moved).toBe(true);
          if (n < 0) expect(moved < date && calendar.addWorkingDays(date, n - 1) < moved).toBe(true);
          if (calendar.isWorkingDay(date)) expect(calendar.addWorkingDays(moved, -n)).toBe(date);
          const later = calendar.nextWorkingDay(date);
          if (n > 0) expect(calendar.addWorkingDays(later, n) > moved).toBe(true);
        }),
        runs,
      );
    });

    it('a Saturday or Sunday is never a working day unless announced as a make-up workday', () => {
      fc.assert(
        fc.property(aDate, (date) => {
          if ([0, 6].includes(weekday(date)) && calendar.isWorkingDay(date)) {
            expect(makeUp.has(date)).toBe(true);
          }
          expect(calendar.isWorkingDay(date)).toBe(calendar.reasonOff(date) === undefined);
        }),
        runs,
      );
    });
  });

  it('every make-up workday of the shipped table is a weekend day, and the only working weekend days 2009–2027', () => {
    const workingWeekendDays = range('2009-01-01', '2027-12-31').filter(
      (d) => [0, 6].includes(weekday(d)) && shipped.isWorkingDay(d),
    );
    expect(workingWeekendDays).toEqual([...makeUp].sort());
    expect(makeUp.size).toBeGreaterThanOrEqual(12);
  });
});

/**
 * The holidays the Labour Code gives, against the published schedules of years whose announcement
 * did not move anything (so the law alone must reproduce them), and the statutory counts per code.
 */
import {
  computedHolidays,
  dayNumberToIso,
  holidayLawFor,
  isoToDayNumber,
  nationalDayAdjacentDayNumber,
  parseIsoDate,
  statutoryHolidays,
  weekdayOfDayNumber,
} from '../../../domain/calendar/holidays';

const dates = (holidays: Array<{ date: string }>) => holidays.map((h) => h.date);

describe('statutory holidays (before substitutes)', () => {
  it('2025 under the Labour Code 2019: 11 days', () => {
    expect(statutoryHolidays(2025).map((h) => [h.date, h.kind, h.name])).toEqual([
      ['2025-01-01', 'fixed', 'Tết Dương lịch'],
      ['2025-01-28', 'lunar', 'Tết Nguyên đán (29 tháng Chạp)'], // tháng Chạp Giáp Thìn had 29 days
      ['2025-01-29', 'lunar', 'Tết Nguyên đán (mùng 1 tháng Giêng)'],
      ['2025-01-30', 'lunar', 'Tết Nguyên đán (mùng 2 tháng Giêng)'],
      ['2025-01-31', 'lunar', 'Tết Nguyên đán (mùng 3 tháng Giêng)'],
      ['2025-02-01', 'lunar', 'Tết Nguyên đán (mùng 4 tháng Giêng)'],
      ['2025-04-07', 'lunar', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)'],
      ['2025-04-30', 'fixed', 'Ngày Chiến thắng'],
      ['2025-05-01', 'fixed', 'Ngày Quốc tế Lao động'],
      ['2025-09-01', 'adjacent', 'Quốc khánh (ngày liền kề 2/9)'],
      ['2025-09-02', 'fixed', 'Quốc khánh'],
    ]);
  });

  it('2009 under the Labour Code 1994 as amended in 2007: Tết is 4 days, 2/9 one day', () => {
    expect(dates(statutoryHolidays(2009))).toEqual([
      '2009-01-01',
      '2009-01-25', // 30 tháng Chạp Mậu Tý
      '2009-01-26',
      '2009-01-27',
      '2009-01-28',
      '2009-04-04',
      '2009-04-30',
      '2009-05-01',
      '2009-09-02',
    ]);
  });

  it('no Giỗ Tổ Hùng Vương before 2007, no second Quốc khánh day before 2021', () => {
    expect(statutoryHolidays(2006).some((h) => h.name.startsWith('Giỗ Tổ'))).toBe(false);
    expect(statutoryHolidays(2007).some((h) => h.date === '2007-04-26')).toBe(true); // first one, 10/3 Đinh Hợi
    expect(statutoryHolidays(2020).filter((h) => h.group === 'national-day')).toHaveLength(1);
  });

  it('every year 1950–2150 has the number of days of the code in force, on distinct dates', () => {
    for (let year = 1950; year <= 2150; year++) {
      const expected = year >= 2021 ? 11 : year >= 2013 ? 10 : year >= 2007 ? 9 : 8;
      const days = statutoryHolidays(year);
      expect(new Set(dates(days)).size).toBe(expected);
      expect(days.length).toBe(expected);
      expect(holidayLawFor(year).days).toBe(expected);
      expect(days.length).toBeGreaterThanOrEqual(year >= 2021 ? 11 : 8);
    }
  });

  it('Tết eve is the day before mùng 1, named 29 or 30 tháng Chạp', () => {
    // 2026: 16/02 was 29 tháng Chạp Ất Tỵ (Tết 14/02 = 27 Chạp, so 16/02 = 29), mùng 1 on 17/02.
    const tet2026 = statutoryHolidays(2026).filter((h) => h.group === 'tet');
    expect(dates(tet2026)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tet2026[0].name).toBe('Tết Nguyên đán (29 tháng Chạp)');
    // 2024: 09/02 was 30 tháng Chạp Quý Mão (08/02 was the 29th).
    expect(statutoryHolidays(2024).find((h) => h.date === '2024-02-09')?.name).toBe('Tết Nguyên đán (30 tháng Chạp)');
  });
});

describe('the day beside 2/9', () => {
  it.each([
    [2021, '2021-09-03'], // Thursday → Friday (SGGP: 2–5/9/2021)
    [2022, '2022-09-01'], // Friday → Thursday (1–4/9/2022)
    [2023, '2023-09-01'], // Saturday → Friday, nghỉ bù Monday 4/9
    [2024, '2024-09-03'], // Monday → Tuesday (31/8–3/9/2024)
    [2025, '2025-09-01'], // Tuesday → Monday (30/8–2/9/2025)
    [2026, '2026-09-01'], // Wednesday → Tuesday (announced 13/10/2025)
  ])('%i: reproduces the announced day %s', (year, expected) => {
    expect(dayNumberToIso(nationalDayAdjacentDayNumber(year))).toBe(expected);
  });
});

describe('substitute days (nghỉ bù)', () => {
  const substitutes = (year: number) =>
    computedHolidays(year)
      .filter((h) => h.kind === 'substitute')
      .map((h) => [h.date, h.name]);

  it('1/1/2023 on a Sunday → Monday 2/1 off', () => {
    expect(substitutes(2023)).toContainEqual(['2023-01-02', 'Nghỉ bù Tết Dương lịch (01/01/2023)']);
  });

  it('2022: Hùng Vương Sunday → Monday 11/4; 30/4 and 1/5 on Saturday and Sunday → 2/5 and 3/5', () => {
    expect(substitutes(2022)).toEqual([
      ['2022-01-03', 'Nghỉ bù Tết Dương lịch (01/01/2022)'],
      ['2022-04-11', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/04/2022)'],
      ['2022-05-02', 'Nghỉ bù Ngày Chiến thắng (30/04/2022)'],
      ['2022-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (01/05/2022)'],
    ]);
  });

  it('2023: Hùng Vương Saturday 29/4 and 30/4 Sunday → 2/5 and 3/5 (1/5 is itself a holiday); 2/9 Saturday → 4/9', () => {
    expect(dates(computedHolidays(2023).filter((h) => h.kind === 'substitute' && h.date > '2023-03-01'))).toEqual([
      '2023-05-02',
      '2023-05-03',
      '2023-09-04',
    ]);
  });

  it('2021: 1/5 on a Saturday → Monday 3/5; 2026: Hùng Vương Sunday 26/4 → Monday 27/4', () => {
    expect(dates(computedHolidays(2021).filter((h) => h.kind === 'substitute'))).toContain('2021-05-03');
    expect(dates(computedHolidays(2026).filter((h) => h.kind === 'substitute'))).toEqual(['2026-04-27']);
  });

  it('Tết days on a weekend push the substitutes past the remaining Tết days', () => {
    // 2022 in the law: 29 Chạp Monday 31/1 … mùng 4 Friday 4/2: no weekend, no substitute.
    expect(dates(computedHolidays(2022).filter((h) => h.group === 'tet'))).toEqual([
      '2022-01-31',
      '2022-02-01',
      '2022-02-02',
      '2022-02-03',
      '2022-02-04',
    ]);
    // 2009: 30 Tết on Sunday 25/1, Tết until Wednesday 28/1 → Thursday 29/1.
    expect(dates(computedHolidays(2009).filter((h) => h.group === 'tet'))).toEqual([
      '2009-01-25',
      '2009-01-26',
      '2009-01-27',
      '2009-01-28',
      '2009-01-29',
    ]);
  });

  it('a substitute is always a weekday that is not a holiday (1950–2150)', () => {
    for (let year = 1950; year <= 2150; year++) {
      const all = computedHolidays(year);
      const statutory = new Set(dates(all.filter((h) => h.kind !== 'substitute')));
      const weekendHolidays = all.filter((h) => h.kind !== 'substitute' && [0, 6].includes(weekday(h.date)));
      const subs = all.filter((h) => h.kind === 'substitute');
      expect(subs).toHaveLength(weekendHolidays.length);
      for (const sub of subs) {
        expect([0, 6]).not.toContain(weekday(sub.date));
        expect(statutory.has(sub.date)).toBe(false);
      }
      expect(new Set(dates(subs)).size).toBe(subs.length);
    }
  });
});

describe('dates', () => {
  it('parses only real yyyy-MM-dd dates', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-01', '25/01/2025', '2025-01-01T00:00', 20250101]) {
      expect(parseIsoDate(bad)).toBeUndefined();
    }
    expect(() => isoToDayNumber('2025-02-30')).toThrow(/"2025-02-30" is not a date/);
    expect(() => isoToDayNumber('2200-01-01')).toThrow(RangeError);
  });

  it('knows the day of the week', () => {
    expect(weekday('2025-01-25')).toBe(6); // Saturday
    expect(weekday('2023-01-01')).toBe(0); // Sunday
    expect(weekday('2009-10-15')).toBe(4); // Thursday
  });
});

function weekday(date: string): number {
  return weekdayOfDayNumber(isoToDayNumber(date));
}

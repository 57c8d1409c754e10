/**
 * The lunar conversion against published dates (not against its own output), then exhaustive
 * checks of its structure over 1900–2199.
 */
import fc from 'fast-check';
import {
  jdFromDate,
  jdToDate,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  solarToLunar,
  type LunarDate,
} from '../../../domain/calendar/lunar';

const iso = ({ year, month, day }: { year: number; month: number; day: number }) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const solar = (date: string) => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};
const tet = (year: number, timeZone?: number) => iso(lunarToSolar({ year, month: 1, day: 1, leap: false }, timeZone));
const lunar = (year: number, month: number, day: number, leap = false): LunarDate => ({ year, month, day, leap });

describe('Tết Nguyên đán (1/1 lunar), Vietnamese calendar (UTC+7)', () => {
  it.each([
    [2009, '2009-01-26'],
    [2015, '2015-02-19'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    // UTC+7 vs UTC+8: Tết 2007 was 17/02 in Việt Nam, 18/02 in China; Tết 1985 was 21/01 vs 20/02
    // (a whole month: the leap month differs too).
    [2007, '2007-02-17'],
    [1985, '1985-01-21'],
    // North Việt Nam moved to UTC+7 on 8/8/1967: Tết Mậu Thân was 29/01/1968 there, 30/01 in the South.
    [1968, '1968-01-29'],
  ])('%i → %s', (year, expected) => {
    expect(tet(year)).toBe(expected);
  });

  it('gives the Chinese (UTC+8) dates where the two calendars differ', () => {
    expect(tet(2007, 8)).toBe('2007-02-18');
    expect(tet(1985, 8)).toBe('1985-02-20');
    expect(tet(1968, 8)).toBe('1968-01-30');
    // A Vietnamese official (2006) named 2030 and 2053 as the next years Tết comes a day before China's.
    expect([tet(2030), tet(2030, 8)]).toEqual(['2030-02-02', '2030-02-03']);
    expect([tet(2053), tet(2053, 8)]).toEqual(['2053-02-18', '2053-02-19']);
  });

  it('matches the published Tết dates 1990–2029', () => {
    // prettier-ignore
    const published: Record<number, string> = {
      1990: '01-27', 1991: '02-15', 1992: '02-04', 1993: '01-23', 1994: '02-10',
      1995: '01-31', 1996: '02-19', 1997: '02-07', 1998: '01-28', 1999: '02-16',
      2000: '02-05', 2001: '01-24', 2002: '02-12', 2003: '02-01', 2004: '01-22',
      2005: '02-09', 2006: '01-29', 2007: '02-17', 2008: '02-07', 2009: '01-26',
      2010: '02-14', 2011: '02-03', 2012: '01-23', 2013: '02-10', 2014: '01-31',
      2015: '02-19', 2016: '02-08', 2017: '01-28', 2018: '02-16', 2019: '02-05',
      2020: '01-25', 2021: '02-12', 2022: '02-01', 2023: '01-22', 2024: '02-10',
      2025: '01-29', 2026: '02-17', 2027: '02-06', 2028: '01-26', 2029: '02-13',
    };
    for (const [year, date] of Object.entries(published)) expect(tet(Number(year))).toBe(`${year}-${date}`);
  });
});

describe('Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
  it.each([
    // 2009: 04/04 (a Saturday) in UTC+7: the new moon of 26/03/2009 came at about 23:06 Hà Nội time,
    // 00:06 Beijing time, so calendars made for UTC+8 say 05/04.
    [2009, '2009-04-04'],
    [2015, '2015-04-28'],
    [2016, '2016-04-16'],
    [2021, '2021-04-21'],
    [2022, '2022-04-10'],
    [2023, '2023-04-29'],
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('%i → %s', (year, expected) => {
    expect(iso(lunarToSolar(lunar(year, 3, 10)))).toBe(expected);
  });

  it('2009 is one of the UTC+7/UTC+8 differences', () => {
    expect(iso(lunarToSolar(lunar(2009, 3, 10), 8))).toBe('2009-04-05');
  });
});

describe('lunar dates named in announcements', () => {
  it.each([
    ['2014-01-28', lunar(2013, 12, 28)], // "28 tháng Chạp năm Quý Tỵ"
    ['2014-02-05', lunar(2014, 1, 6)],
    ['2015-02-15', lunar(2014, 12, 27)],
    ['2015-02-18', lunar(2014, 12, 30)],
    ['2015-02-23', lunar(2015, 1, 5)],
    ['2020-01-23', lunar(2019, 12, 29)],
    ['2021-02-10', lunar(2020, 12, 29)],
    ['2023-01-20', lunar(2022, 12, 29)],
    ['2025-01-25', lunar(2024, 12, 26)],
    ['2025-01-27', lunar(2024, 12, 28)],
    ['2026-02-14', lunar(2025, 12, 27)],
    ['2026-02-22', lunar(2026, 1, 6)],
  ])('%s is %o', (date, expected) => {
    expect(solarToLunar(solar(date))).toEqual(expected);
  });
});

describe('leap months', () => {
  it.each([
    [2014, 9],
    [2017, 6],
    [2020, 4],
    [2023, 2],
    [2025, 6],
    // The "2033 problem": a leap 11th month, after the winter solstice month.
    [2033, 11],
  ])('%i has leap month %i', (year, month) => {
    expect(leapMonthOf(year)).toBe(month);
  });

  it.each([2015, 2021, 2024, 2026])('%i has none', (year) => {
    expect(leapMonthOf(year)).toBeUndefined();
  });

  it('converts a leap month day and refuses one that does not exist', () => {
    // 1/4 nhuận Canh Tý 2020 was 23/05/2020; 1/4 (regular) was 23/04/2020.
    expect(iso(lunarToSolar(lunar(2020, 4, 1, true)))).toBe('2020-05-23');
    expect(iso(lunarToSolar(lunar(2020, 4, 1)))).toBe('2020-04-23');
    expect(() => lunarToSolar(lunar(2021, 4, 1, true))).toThrow(RangeError);
  });

  it('refuses day 30 of a 29-day month', () => {
    // Tháng Chạp Giáp Thìn (2024) had 29 days: Tết 2025 (29/01) followed 29 tháng Chạp (28/01).
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(() => lunarToSolar(lunar(2024, 12, 30))).toThrow(/does not exist/);
  });
});

describe('Julian day numbers', () => {
  it('counts like the astronomers', () => {
    expect(jdFromDate(1, 1, 2000)).toBe(2451545);
    expect(jdFromDate(31, 12, 1899)).toBe(2415020);
    expect(jdToDate(2451545)).toEqual({ year: 2000, month: 1, day: 1 });
  });
});

describe('structure over 1900–2199 (exhaustive)', () => {
  const first = jdFromDate(1, 1, 1900);
  const last = jdFromDate(31, 12, 2199);

  it('every day converts to lunar and back, and consecutive days are consecutive lunar days', () => {
    let previous = solarToLunar(jdToDate(first));
    for (let jd = first + 1; jd <= last; jd++) {
      const date = jdToDate(jd);
      const current = solarToLunar(date);
      // The next lunar day, or day 1 of a new month after day 29 or 30 (plain checks: expect() is slow).
      if (current.day !== previous.day + 1 && (current.day !== 1 || previous.day < 29)) {
        throw new Error(`${iso(date)}: ${JSON.stringify([previous, current])}`);
      }
      const back = lunarToSolar(current);
      if (back.year !== date.year || back.month !== date.month || back.day !== date.day) {
        throw new Error(`${iso(date)} → ${JSON.stringify(current)} → ${iso(back)}`);
      }
      previous = current;
    }
  });

  it('Tết always falls between 21/01 and 20/02, and a lunar year has 12 or 13 months of 29 or 30 days', () => {
    for (let year = 1900; year <= 2198; year++) {
      const date = lunarToSolar(lunar(year, 1, 1));
      expect(date.year).toBe(year);
      expect(iso(date) >= `${year}-01-21` && iso(date) <= `${year}-02-20`).toBe(true);
      const leap = leapMonthOf(year);
      let days = 0;
      for (let month = 1; month <= 12; month++) {
        for (const isLeap of leap === month ? [false, true] : [false]) {
          const length = lunarMonthLength(year, month, isLeap);
          expect([29, 30]).toContain(length);
          days += length;
        }
      }
      const nextTet = lunarToSolar(lunar(year + 1, 1, 1));
      const next = jdFromDate(nextTet.day, nextTet.month, nextTet.year);
      expect(next - jdFromDate(date.day, date.month, date.year)).toBe(days);
      expect(leap === undefined ? [353, 354, 355] : [383, 384, 385]).toContain(days);
    }
  });

  it('solar → lunar → solar round-trips for random dates 1950–2150', () => {
    const lo = jdFromDate(1, 1, 1950);
    const hi = jdFromDate(31, 12, 2150);
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), (jd) => {
        const date = jdToDate(jd);
        expect(lunarToSolar(solarToLunar(date))).toEqual(date);
      }),
      { numRuns: 5000 },
    );
  });

  it('lunar → solar → lunar round-trips for random lunar dates 1950–2150', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (year, month, day, leap) => {
          const wanted = lunar(year, month, day, leap && leapMonthOf(year) === month);
          if (day === 30 && lunarMonthLength(year, month, wanted.leap) === 29) {
            expect(() => lunarToSolar(wanted)).toThrow(RangeError);
            return;
          }
          expect(solarToLunar(lunarToSolar(wanted))).toEqual(wanted);
        },
      ),
      { numRuns: 5000 },
    );
  });
});

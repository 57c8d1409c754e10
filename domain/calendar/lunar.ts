/**
 * The Vietnamese lunisolar calendar (âm lịch), computed: pure arithmetic, no tables, no I/O.
 *
 * This is Hồ Ngọc Đức's well-known algorithm (amlich, https://www.informatik.uni-leipzig.de/~duc/amlich/):
 * new moons and the sun's longitude from Jean Meeus' "Astronomical Algorithms" (simplified series),
 * a lunar month starting on the local day of its new moon, month 11 being the month that contains the
 * winter solstice, and in a year of 13 months the first month without a major solar term (trung khí)
 * after month 11 being the leap month.
 *
 * Everything depends on the time zone the new moon is dated in. Việt Nam uses UTC+7 (the default here),
 * China UTC+8, so the two calendars differ when a new moon or solar term falls between 00:00 and 01:00
 * Beijing time: Tết 1985 was 21/01/1985 in Việt Nam and 20/02/1985 in China, Tết 2007 was 17/02/2007
 * in Việt Nam and 18/02/2007 in China. UTC+7 is applied to every year, which is the modern
 * convention but not history before 1968 (the North moved from UTC+8 on 8/8/1967, the South in 1975):
 * pass `timeZone` 8 for those. Checked for 1900–2199 (see test/unit/calendar).
 */

/** A Gregorian calendar date; month and day are 1-based. */
export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** A lunar date: `year` is the lunar year (it starts at Tết), `leap` marks a leap month (tháng nhuận). */
export interface LunarDate {
  year: number;
  month: number;
  day: number;
  leap: boolean;
}

/** Việt Nam's time zone offset in hours (Asia/Ho_Chi_Minh, no daylight saving). */
export const VIETNAM_TIME_ZONE = 7;

/**
 * Gregorian years for which the conversion is supported (and tested). Lunar years run from 1899 (its
 * last months fall in January 1900) to 2199.
 */
export const MIN_LUNAR_YEAR = 1900;
export const MAX_LUNAR_YEAR = 2199;

const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01 (k = 0 in `newMoon`). */
const NEW_MOON_EPOCH = 2415021.076998695;

/** Julian day number (an integer day count) of a proleptic Gregorian date. */
export function jdFromDate(day: number, month: number, year: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** The proleptic Gregorian date of a Julian day number. */
export function jdToDate(jd: number): SolarDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** Julian date (fractional, UT) of the k-th new moon after 1900-01-01 (Meeus, ch. 49, simplified). */
function newMoon(k: number): number {
  const T = k / 1236.85; // Julian centuries from 1900-01-00.5
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = Math.PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr); // mean new moon
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's apparent longitude in radians, [0, 2π), at Julian date `jdn` (UT). */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525; // Julian centuries from 2000-01-01 12:00 UT
  const T2 = T * T;
  const dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2; // mean anomaly
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2; // mean longitude
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  const L = (L0 + DL) * dr;
  return L - 2 * Math.PI * Math.floor(L / (2 * Math.PI));
}

/** Which of the 12 major-term sectors (0..11, 30° each) the sun is in at the local midnight starting `dayNumber`. */
function sunSector(dayNumber: number, timeZone: number): number {
  return Math.floor((sunLongitude(dayNumber - 0.5 - timeZone / 24) / Math.PI) * 6);
}

/** Local day number on which the k-th new moon falls. */
function newMoonDay(k: number, timeZone: number): number {
  return Math.floor(newMoon(k) + 0.5 + timeZone / 24);
}

// Month 11 and the leap month of a year are needed by every conversion: computed once per year and
// time zone (a few hundred entries at most), which makes walking every day of three centuries cheap.
const month11Cache = new Map<string, number>();
const leapOffsetCache = new Map<string, number>();

/** Day number of the first day of lunar month 11 (the month containing the winter solstice) of year `year`. */
function lunarMonth11(year: number, timeZone: number): number {
  const key = `${year}@${timeZone}`;
  let cached = month11Cache.get(key);
  if (cached === undefined) {
    cached = computeLunarMonth11(year, timeZone);
    month11Cache.set(key, cached);
  }
  return cached;
}

function computeLunarMonth11(year: number, timeZone: number): number {
  const off = jdFromDate(31, 12, year) - 2415021;
  const k = Math.floor(off / SYNODIC_MONTH);
  const nm = newMoonDay(k, timeZone);
  // Sector 9 starts at 270°, the winter solstice: a month starting after it is month 12.
  return sunSector(nm, timeZone) >= 9 ? newMoonDay(k - 1, timeZone) : nm;
}

/** In a 13-month stretch starting at month 11 `a11`, the offset (1..12) of the leap month. */
function leapMonthOffset(a11: number, timeZone: number): number {
  const key = `${a11}@${timeZone}`;
  let cached = leapOffsetCache.get(key);
  if (cached === undefined) {
    cached = computeLeapMonthOffset(a11, timeZone);
    leapOffsetCache.set(key, cached);
  }
  return cached;
}

function computeLeapMonthOffset(a11: number, timeZone: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1; // the month after month 11
  let arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, timeZone), timeZone);
  } while (arc !== last && i < 14);
  return i - 1;
}

function checkYear(year: number, what: string, min = MIN_LUNAR_YEAR): void {
  if (!Number.isInteger(year) || year < min || year > MAX_LUNAR_YEAR) {
    throw new RangeError(`${what}: year ${year} is outside ${min}–${MAX_LUNAR_YEAR}`);
  }
}

function isValidSolar(date: SolarDate): boolean {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1) return false;
  const back = jdToDate(jdFromDate(day, month, year));
  return back.day === day && back.month === month && back.year === year;
}

/** The lunar date of a Gregorian date (Hồ Ngọc Đức's `convertSolar2Lunar`). */
export function solarToLunar(date: SolarDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  if (!isValidSolar(date)) throw new RangeError(`solarToLunar: ${JSON.stringify(date)} is not a date`);
  checkYear(date.year, 'solarToLunar');
  return lunarOfDayNumber(jdFromDate(date.day, date.month, date.year), timeZone);
}

/** The lunar date of a Julian day number. */
export function lunarOfDayNumber(dayNumber: number, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const year = jdToDate(dayNumber).year;
  // k counts mean lunations; the true new moon can be up to ~0.6 day off the mean one, so step back
  // until the month start is not after the day (the original stops after one step and can yield day 0).
  let k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH) + 1;
  let monthStart = newMoonDay(k, timeZone);
  while (monthStart > dayNumber) monthStart = newMoonDay(--k, timeZone);
  let a11 = lunarMonth11(year, timeZone);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1, timeZone);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const day = dayNumber - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { year: lunarYear, month, day, leap };
}

/** Day number of a lunar date, unchecked (Hồ Ngọc Đức's `convertLunar2Solar`); undefined for a leap month that does not exist. */
function dayNumberOfLunarUnchecked(lunar: LunarDate, timeZone: number): number | undefined {
  const { year, month, day, leap } = lunar;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, timeZone);
    b11 = lunarMonth11(year, timeZone);
  } else {
    a11 = lunarMonth11(year, timeZone);
    b11 = lunarMonth11(year + 1, timeZone);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, timeZone);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) return undefined;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return undefined;
  }
  return newMoonDay(k + off, timeZone) + day - 1;
}

/**
 * The Julian day number of a lunar date. Throws a RangeError for a date that does not exist: a leap
 * month the year does not have, or day 30 of a 29-day month.
 */
export function dayNumberOfLunar(lunar: LunarDate, timeZone: number = VIETNAM_TIME_ZONE): number {
  const { year, month, day } = lunar;
  const describe = () => `${day}/${month}${lunar.leap ? ' nhuận' : ''}/${year} âm lịch`;
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`lunarToSolar: ${describe()} is not a lunar date`);
  }
  checkYear(year, 'lunarToSolar', MIN_LUNAR_YEAR - 1);
  const jd = dayNumberOfLunarUnchecked(lunar, timeZone);
  const back = jd === undefined ? undefined : lunarOfDayNumber(jd, timeZone);
  if (
    jd === undefined ||
    back === undefined ||
    back.year !== year ||
    back.month !== month ||
    back.day !== day ||
    back.leap !== lunar.leap
  ) {
    throw new RangeError(`lunarToSolar: ${describe()} does not exist`);
  }
  return jd;
}

/** The Gregorian date of a lunar date; throws a RangeError for a lunar date that does not exist. */
export function lunarToSolar(lunar: LunarDate, timeZone: number = VIETNAM_TIME_ZONE): SolarDate {
  return jdToDate(dayNumberOfLunar(lunar, timeZone));
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(
  year: number,
  month: number,
  leap = false,
  timeZone: number = VIETNAM_TIME_ZONE,
): number {
  const first = dayNumberOfLunar({ year, month, day: 1, leap }, timeZone);
  return lunarOfDayNumber(first + 29, timeZone).day === 30 ? 30 : 29;
}

/** The leap month (1..12) of a lunar year, or undefined when the year has twelve months. */
export function leapMonthOf(year: number, timeZone: number = VIETNAM_TIME_ZONE): number | undefined {
  checkYear(year, 'leapMonthOf', MIN_LUNAR_YEAR - 1);
  // Walk the year's months from Tết to the next Tết: at most 13 month starts.
  let jd = dayNumberOfLunar({ year, month: 1, day: 1, leap: false }, timeZone);
  for (let i = 0; i < 13; i++) {
    const lunar = lunarOfDayNumber(jd, timeZone);
    if (lunar.year !== year) return undefined;
    if (lunar.leap) return lunar.month;
    jd += lunarOfDayNumber(jd + 29, timeZone).day === 30 ? 30 : 29;
  }
  return undefined;
}

/** The Vietnamese working-day calendar: lunar conversion, holidays, working days. Pure, no I/O. */
export type { Holiday, HolidayKind, IsoDate, WorkingCalendar } from './types';
export {
  jdFromDate,
  jdToDate,
  leapMonthOf,
  lunarMonthLength,
  lunarToSolar,
  MAX_LUNAR_YEAR,
  MIN_LUNAR_YEAR,
  solarToLunar,
  VIETNAM_TIME_ZONE,
  type LunarDate,
  type SolarDate,
} from './lunar';
export {
  computedHolidays,
  dayNumberToIso,
  HOLIDAY_GROUPS,
  HOLIDAY_NAMES,
  holidayLawFor,
  hungKingsDayNumber,
  isoToDayNumber,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  nationalDayAdjacentDayNumber,
  parseIsoDate,
  statutoryHolidays,
  tetDayNumber,
  weekdayOfDayNumber,
  type ComputedHoliday,
  type HolidayGroup,
  type HolidayLaw,
} from './holidays';
export {
  createWorkingCalendar,
  HolidayOverrideError,
  validateHolidayOverrides,
  type AnnouncedDaysOff,
  type AnnouncedWorkday,
  type HolidayOverrideTable,
  type HolidayOverrideYear,
  type VietnamWorkingCalendar,
} from './working-calendar';

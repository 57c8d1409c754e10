/**
 * The working-day calendar contract. Dates are local calendar dates as `yyyy-MM-dd` strings: the
 * calendar knows nothing of hours or time zones, which the timeline compiler adds.
 */
export type IsoDate = string;

export type HolidayKind = 'fixed' | 'lunar' | 'adjacent' | 'substitute' | 'announced' | 'make-up-workday';

export interface Holiday {
  date: IsoDate;
  /** Vietnamese name, e.g. "Tết Nguyên đán", "Giỗ Tổ Hùng Vương (10/3 âm lịch)", "Nghỉ bù". */
  name: string;
  kind: HolidayKind;
}

export interface WorkingCalendar {
  /** False on Saturdays, Sundays, public holidays and announced days off; true on announced make-up workdays. */
  isWorkingDay(date: IsoDate): boolean;
  /** Why a date is off (holiday name, "Thứ Bảy", "Chủ nhật"), or undefined on a working day. */
  reasonOff(date: IsoDate): string | undefined;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): IsoDate;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /**
   * Moves `n` working days from `date`: forward when n > 0, backward when n < 0, counting only
   * working days and never `date` itself; n = 0 returns `date` unchanged. `addWorkingDays(d, -3)` is
   * "3 working days before d".
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /**
   * Days off (holidays, substitutes, announced) of a year, sorted. Plain weekends are not listed (a
   * holiday that falls on one is); announced make-up workdays are not either, being working days.
   */
  holidays(year: number): Holiday[];
}

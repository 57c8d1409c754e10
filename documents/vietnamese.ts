/**
 * How the documents write dates, statuses and kinds in Vietnamese. One place, so the report, the
 * workbook and the pictures say the same thing the same way.
 */
import { DateTime } from 'luxon';
import type { NomineeType, SubmissionStatus } from '../domain/workflow-types';

export const STATUS_NAMES: Record<SubmissionStatus, string> = {
  submitted: 'đúng hạn',
  late: 'nộp muộn',
  missing: 'chưa nộp',
  cancelled: 'đã hủy',
  pending: 'đang chờ',
};

export const NOMINEE_TYPE_NAMES: Record<NomineeType, string> = {
  collective: 'Tập thể',
  individual: 'Cá nhân',
};

/** The cluster name shown for a unit that belongs to none. */
export const NO_CLUSTER = '(Không thuộc cụm, khối)';

/** An ISO instant or date read in the campaign's zone (a bare date is midnight there). */
export function zoned(iso: string, timeZone: string): DateTime {
  const dt = DateTime.fromISO(iso, { zone: timeZone });
  if (!dt.isValid) throw new Error(`Ngày giờ không hợp lệ: ${iso}`);
  return dt;
}

/** dd/mm/yyyy in the campaign's zone. */
export const formatDate = (iso: string, timeZone: string): string => zoned(iso, timeZone).toFormat('dd/MM/yyyy');

/** HH:mm dd/mm/yyyy in the campaign's zone. */
export const formatDateTime = (iso: string, timeZone: string): string =>
  zoned(iso, timeZone).toFormat('HH:mm dd/MM/yyyy');

/**
 * "<place>, ngày 05 tháng 02 năm 2009": Decree 30/2020 writes a day below 10 and the months 1 and 2
 * with a leading 0 (so "tháng 02" cannot be misread as 12 by an added digit), other months as is.
 * A draft without a date leaves the blanks for the signer.
 */
export function placeDateLine(place: string, isoDate?: string): string {
  if (!isoDate) return `${place}, ngày … tháng … năm …`;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`Ngày ban hành không hợp lệ: ${isoDate}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

/** Lower case for matching headings ("II. KẾT QUẢ" and "II. Kết quả" are the same heading). */
export const fold = (text: string): string => text.normalize('NFC').toLocaleLowerCase('vi');

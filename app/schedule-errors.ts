/**
 * Why a schedule action was refused, in Vietnamese and in English (the CLI's `--lang en`), with the
 * details (validation problems, the periods that already ran) one per line. Nothing was created,
 * started or changed when one is thrown.
 */
export type ScheduleErrorCode =
  | 'unknown-every'
  | 'invalid-template'
  | 'cannot-move'
  | 'bad-id'
  | 'id-used'
  | 'bad-period'
  | 'future-period'
  | 'already-ran'
  | 'not-found'
  | 'needs-reason'
  | 'attachment-outside';

export class ScheduleError extends Error {
  constructor(
    readonly code: ScheduleErrorCode,
    readonly vi: string,
    readonly en: string,
    /** One line each: a validation problem, a date that cannot move, a period that ran. */
    readonly details: string[] = [],
  ) {
    super([vi, ...details].join('\n'));
    this.name = 'ScheduleError';
  }

  /** The whole refusal in `lang`, details after the reason. */
  text(lang: 'vi' | 'en'): string {
    return [lang === 'en' ? this.en : this.vi, ...this.details].join('\n');
  }
}

export const refuse = {
  unknownEvery: (value: string) =>
    new ScheduleError(
      'unknown-every',
      `--every "${value}" không có: chọn half-year (mỗi nửa năm) hoặc year (mỗi năm); chưa tạo lịch.`,
      `--every "${value}" is not known: choose half-year or year; no schedule was made.`,
    ),
  invalidTemplate: (file: string, problems: string[]) =>
    new ScheduleError(
      'invalid-template',
      `${file}: tệp mẫu chưa hợp lệ (${problems.length} lỗi, như thidua campaign validate báo); chưa tạo lịch.`,
      `${file}: the template does not validate (${problems.length} errors, as thidua campaign validate reports); no schedule was made.`,
      problems,
    ),
  cannotMove: (file: string, period: string, problems: string[]) =>
    new ScheduleError(
      'cannot-move',
      `${file}: không dời được các ngày của mẫu vào kỳ ${period}; chưa tạo lịch.`,
      `${file}: the template's dates cannot be moved into period ${period}; no schedule was made.`,
      problems,
    ),
  badId: (id: string) =>
    new ScheduleError(
      'bad-id',
      `mã lịch "${id}" không hợp lệ: chỉ chữ thường không dấu, số và dấu gạch ngang, ví dụ khoi-noi-chinh.`,
      `schedule id "${id}" is not valid: lower-case letters, digits and hyphens only, e.g. khoi-noi-chinh.`,
    ),
  idUsed: (id: string) =>
    new ScheduleError(
      'id-used',
      `mã lịch "${id}" đã được dùng cho một lịch định kỳ khác; chọn mã khác bằng --id, hoặc xóa lịch cũ trước; chưa tạo lịch.`,
      `schedule id "${id}" is already used; choose another with --id, or delete the old schedule first; no schedule was made.`,
    ),
  badPeriod: (value: string, every: string) =>
    new ScheduleError(
      'bad-period',
      `kỳ "${value}" không đọc được: ${every === 'year' ? 'một năm, ví dụ 2027' : 'năm-h1 hoặc năm-h2, ví dụ 2027-h1'}.`,
      `period "${value}" cannot be read: ${every === 'year' ? 'a year, e.g. 2027' : 'year-h1 or year-h2, e.g. 2027-h1'}.`,
    ),
  periodOrder: (from: string, to: string) =>
    new ScheduleError(
      'bad-period',
      `--from ${from} sau --to ${to}: kỳ đầu phải trước hoặc bằng kỳ cuối.`,
      `--from ${from} is after --to ${to}: the first period must not come after the last.`,
    ),
  futurePeriod: (period: string, current: string) =>
    new ScheduleError(
      'future-period',
      `kỳ ${period} chưa đến (kỳ hiện tại là ${current}): chỉ chạy bù được các kỳ đã qua hoặc kỳ hiện tại; không chạy kỳ nào.`,
      `period ${period} has not come yet (the current one is ${current}): only past or current periods can be backfilled; nothing was started.`,
    ),
  alreadyRan: (ran: { period: string; campaignId: string }[]) =>
    new ScheduleError(
      'already-ran',
      `${ran.map((r) => `kỳ ${r.period}`).join(', ')} đã chạy; không bắt đầu đợt nào.`,
      `${ran.map((r) => `period ${r.period}`).join(', ')} already ran; nothing was started.`,
      ran.map((r) => `  kỳ ${r.period}: đợt ${r.campaignId} đã có`),
    ),
  notFound: (id: string) =>
    new ScheduleError(
      'not-found',
      `không có lịch định kỳ "${id}" (xem thidua schedule list).`,
      `no schedule "${id}" (see thidua schedule list).`,
    ),
  needsReason: () =>
    new ScheduleError(
      'needs-reason',
      '--reason: ghi lý do tạm dừng, ví dụ --reason "Chờ hướng dẫn mới của Ban"; chưa tạm dừng.',
      '--reason: give the reason for pausing, e.g. --reason "Waiting for new guidance"; not paused.',
    ),
  attachmentOutside: (file: string, attachment: string) =>
    new ScheduleError(
      'attachment-outside',
      `${file}: tệp đính kèm "${attachment}" phải nằm trong thư mục của tệp mẫu để lưu cùng mẫu; chưa tạo lịch.`,
      `${file}: attachment "${attachment}" must lie in the template's folder to be stored with it; no schedule was made.`,
    ),
};

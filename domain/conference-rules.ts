/**
 * The conference's refusals that depend only on the request (the workflow's validators call them;
 * the use cases may call them first): a reply that makes sense, a new day in order, an outcome that
 * reads. Pure; messages in Vietnamese, naming the field that is wrong.
 */
import {
  MAX_CONFERENCE_NOTE_CHARS,
  MAX_DELEGATES_PER_REPLY,
  type RecordOutcomeInput,
  type ReplyToInvitationInput,
  type SetConferenceDateInput,
} from './conference-types';
import { ApplicationFailure } from '@temporalio/common';
import { MAX_PERSON_CHARS, assertText } from './submission-rules';
import { isoDayVn } from './iso-day';

const isInstant = (v: unknown): v is string => typeof v === 'string' && Number.isFinite(Date.parse(v));

export function assertReply(req: ReplyToInvitationInput): void {
  if (req.answer !== 'attending' && req.answer !== 'declined') {
    throw new Error('Trả lời phải là "dự" (attending) hoặc "không dự" (declined).');
  }
  if (req.via !== 'link' && req.via !== 'phone') throw new Error('Cách trả lời phải là qua đường dẫn hoặc điện thoại.');
  const delegates = Array.isArray(req.delegates) ? req.delegates : [];
  if (!Number.isInteger(req.seats) || req.seats < 0) throw new Error('Số chỗ ngồi phải là một số nguyên không âm.');
  if (req.answer === 'declined') {
    if (delegates.length > 0 || req.seats > 0) {
      throw new Error('Đã chọn không dự: không ghi đại biểu và số chỗ ngồi (số chỗ phải là 0).');
    }
  } else {
    if (req.seats < 1) throw new Error('Đăng ký dự cần ít nhất 1 chỗ ngồi.');
    if (req.seats > MAX_DELEGATES_PER_REPLY) {
      throw new Error(`Đăng ký ${req.seats} chỗ ngồi; mỗi đơn vị tối đa ${MAX_DELEGATES_PER_REPLY} chỗ.`);
    }
    if (delegates.length > req.seats) {
      throw new Error(
        `Có ${delegates.length} đại biểu nhưng chỉ đăng ký ${req.seats} chỗ ngồi; số đại biểu không được vượt số chỗ.`,
      );
    }
  }
  delegates.forEach((d, i) => {
    if (typeof d?.name !== 'string' || !d.name.trim()) throw new Error(`Đại biểu thứ ${i + 1}: cần ghi họ tên.`);
    assertText(`họ tên đại biểu thứ ${i + 1}`, d.name, MAX_PERSON_CHARS);
    assertText(`chức vụ đại biểu thứ ${i + 1}`, d.position, MAX_PERSON_CHARS);
  });
  assertText('ghi chú', req.note, MAX_CONFERENCE_NOTE_CHARS);
}

export function assertNewDate(req: SetConferenceDateInput, nowMs: number): void {
  if (!isInstant(req?.start)) throw new Error('Ngày giờ khai mạc mới không hợp lệ.');
  const start = Date.parse(req.start);
  if (start <= nowMs) throw new Error('Ngày giờ khai mạc mới phải ở tương lai.');
  if (req.end !== undefined && (!isInstant(req.end) || Date.parse(req.end) <= start)) {
    throw new Error('Giờ bế mạc phải sau giờ khai mạc.');
  }
  if (!isInstant(req.invitationsAt) || !isInstant(req.replyBy)) {
    throw new Error('Thiếu thời điểm gửi giấy mời hoặc hạn đăng ký dự.');
  }
  if (Date.parse(req.replyBy) >= start) throw new Error('Hạn đăng ký dự phải trước giờ khai mạc.');
  if (Date.parse(req.replyBy) <= Date.parse(req.invitationsAt)) {
    throw new Error('Hạn đăng ký dự phải sau lúc gửi giấy mời.');
  }
  assertText('lý do', req.reason, MAX_CONFERENCE_NOTE_CHARS);
}

/** An instant's day in the zone, `yyyy-MM-dd` (Intl: pure, no clock; the workflow bundle has no luxon). */
function localIsoDay(utc: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(utc))
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The failure type of a day held before the opening day (the app adds a rehearsal's two days to it). */
export const HELD_BEFORE_OPENING = 'ConferenceHeldBeforeOpening';

/** What a {@link HELD_BEFORE_OPENING} refusal carries besides its words. */
export interface HeldBeforeOpeningDetails {
  /** The opening instant (UTC) and its day in the conference's zone, `dd/MM/yyyy`. */
  openingUtc: string;
  openingDay: string;
  timeZone: string;
}

/**
 * Accepts `heldOn` as `yyyy-mm-dd` on the wire (the app turns the clerk's dd/MM/yyyy into it); the
 * refusals speak the clerk's form, dates dd/MM/yyyy in the campaign's zone (Vietnam unless told).
 * The one rule for the held day: not before the opening's day in that zone (no pre-check elsewhere).
 */
export function assertOutcome(req: RecordOutcomeInput, startUtc: string, timeZone = 'Asia/Ho_Chi_Minh'): void {
  if (typeof req?.heldOn !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(req.heldOn) || !isInstant(req.heldOn)) {
    const given = typeof req?.heldOn === 'string' ? `"${req.heldOn}" ` : '';
    throw new Error(`Ngày họp ${given}không hợp lệ; hãy ghi ngày dạng dd/mm/yyyy, ví dụ 14/11/2009.`);
  }
  const opening = startUtc ? localIsoDay(startUtc, timeZone) : '';
  if (opening && req.heldOn < opening) {
    const details: HeldBeforeOpeningDetails = { openingUtc: startUtc, openingDay: isoDayVn(opening), timeZone };
    throw ApplicationFailure.create({
      type: HELD_BEFORE_OPENING,
      message: `Ngày họp ${isoDayVn(req.heldOn)} trước ngày khai mạc đã định (${details.openingDay}); hãy ghi ngày hội nghị đã diễn ra, từ ${details.openingDay}.`,
      details: [details],
      nonRetryable: true,
    });
  }
  if (!Number.isInteger(req.attendance) || req.attendance < 0 || req.attendance > 100_000) {
    throw new Error('Số người dự phải là một số nguyên từ 0 đến 100000.');
  }
  if (req.minutes && !/^[0-9a-f]{64}$/.test(req.minutes.sha256 ?? '')) throw new Error('Biên bản chưa được lưu.');
  assertText('ghi chú', req.note, MAX_CONFERENCE_NOTE_CHARS);
}

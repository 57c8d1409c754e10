/** The `thidua conference …` lines, in Vietnamese (the default) and English. */
import type { ConferenceState } from '../../domain/conference-types';
import { groupUsage } from '../commands/synopsis';
import type { Lang } from '../messages';

export interface ConferenceCliTexts {
  usage: string;
  needsAs: string;
  unknownLogin: (login: string) => string;
  badDate: (option: string, value: string) => string;
  badNumber: (option: string, value: string) => string;
  needsAnswer: string;
  needsReason: string;
  needsVenue: string;
  cannotRead: (file: string, code: string) => string;
  state: Record<ConferenceState, string>;
  title: (campaignId: string, name: string, state: string) => string;
  facts: (v: { when: string; venue: string; sequence: number; replyBy?: string; invitationsAt?: string }) => string;
  counts: (c: { invited: number; attending: number; declined: number; noReply: number; seats: number }) => string;
  sent: (reminders: number, escalations: number) => string;
  header: string[];
  answer: Record<'attending' | 'declined' | 'none', string>;
  asked: string;
  changes: string;
  cancelled: (reason: string, by: string) => string;
  outcome: (heldOn: string, attendance: number, by: string) => string;
  done: Record<'reply' | 'date' | 'venue' | 'cancel' | 'outcome', (campaignId: string, detail: string) => string>;
  /** A day moved in a rehearsal: the day typed (plan's calendar), the instant it runs at, the compression. */
  rehearsedDay: (planned: string, at: string, spec: string) => string;
}

// Each action's synopsis, from the commands' option table.
const USAGE = groupUsage('conference', ['status', 'reply', 'set-date', 'venue', 'cancel', 'outcome']);

const VI: ConferenceCliTexts = {
  usage: USAGE,
  needsAs: '--as LOGIN: tài khoản thực hiện thao tác (vai trò lấy từ tài khoản)',
  unknownLogin: (login) =>
    `không có tài khoản "${login}"; tạo bằng thidua secretariat add-user ${login} --name "Họ tên"`,
  badDate: (option, value) => `${option} "${value}": ghi dạng dd/MM/yyyy HH:mm, ví dụ 14/11/2009 08:00`,
  badNumber: (option, value) => `${option} "${value}": một số nguyên không âm`,
  needsAnswer: 'cần --attending (kèm --seats N) hoặc --declined',
  needsReason: '--reason: cần ghi lý do',
  needsVenue: '--venue: cần ghi địa điểm mới',
  cannotRead: (file, code) => `${file}: không đọc được tệp (${code})`,
  state: {
    'date-rough': 'chờ định ngày',
    scheduled: 'đã định ngày, chờ gửi giấy mời',
    invited: 'đã gửi giấy mời, đang nhận đăng ký',
    'awaiting-outcome': 'đã họp, chờ ghi kết quả',
    held: 'đã tổ chức',
    cancelled: 'đã hủy',
  },
  title: (id, name, state) => `${name} (${id}): ${state}`,
  facts: (v) =>
    `Thời gian: ${v.when} · Địa điểm: ${v.venue} · Giấy mời lần ${v.sequence}` +
    (v.invitationsAt ? ` · Gửi giấy mời: ${v.invitationsAt}` : '') +
    (v.replyBy ? ` · Hạn đăng ký: ${v.replyBy}` : ''),
  counts: (c) =>
    `Mời: ${c.invited} · Dự: ${c.attending} · Không dự: ${c.declined} · Chưa trả lời: ${c.noReply} · Số chỗ: ${c.seats}`,
  sent: (r, e) => `Đã nhắc đăng ký ${r} lần; đã báo thủ trưởng ${e} lần`,
  header: ['Mã', 'Khách mời', 'Trả lời', 'Chỗ', 'Đại biểu', 'Qua', 'Nhắc'],
  answer: { attending: 'dự', declined: 'không dự', none: 'chưa trả lời' },
  asked: ' (hỏi lại sau khi đổi ngày)',
  changes: 'Thay đổi:',
  cancelled: (reason, by) => `Đã hủy: ${reason} (${by})`,
  outcome: (heldOn, n, by) => `Kết quả: họp ngày ${heldOn}, ${n} người dự (ghi bởi ${by})`,
  rehearsedDay: (planned, at, spec) => `${planned} (diễn tập ${spec}: diễn ra lúc ${at})`,
  done: {
    reply: (id, who) => `Đã ghi nhận trả lời của ${who} (${id}).`,
    date: (id, when) => `Đã định ngày hội nghị của ${id}: ${when}; giấy mời cập nhật gửi tới mọi khách mời.`,
    venue: (id, venue) => `Đã đổi địa điểm hội nghị của ${id}: ${venue}; giấy mời cập nhật gửi tới mọi khách mời.`,
    cancel: (id) => `Đã hủy hội nghị của ${id}; thông báo hủy gửi tới mọi khách mời.`,
    outcome: (id, heldOn) => `Đã ghi kết quả hội nghị của ${id} (họp ngày ${heldOn}); đợt chuyển sang khen thưởng.`,
  },
};

const EN: ConferenceCliTexts = {
  usage: USAGE,
  needsAs: '--as LOGIN: the account acting (its roles decide what it may do)',
  unknownLogin: (login) => `no account "${login}"; create it with thidua secretariat add-user ${login} --name "Name"`,
  badDate: (option, value) => `${option} "${value}": write dd/MM/yyyy HH:mm, e.g. 14/11/2009 08:00`,
  badNumber: (option, value) => `${option} "${value}": a whole number, zero or more`,
  needsAnswer: 'needs --attending (with --seats N) or --declined',
  needsReason: '--reason: a reason is needed',
  needsVenue: '--venue: the new venue is needed',
  cannotRead: (file, code) => `${file}: cannot read the file (${code})`,
  state: {
    'date-rough': 'waiting for the day to be fixed',
    scheduled: 'day fixed, invitations not sent yet',
    invited: 'invited, taking replies',
    'awaiting-outcome': 'held, outcome not recorded',
    held: 'held',
    cancelled: 'cancelled',
  },
  title: (id, name, state) => `${name} (${id}): ${state}`,
  facts: (v) =>
    `When: ${v.when} · Venue: ${v.venue} · Invitation sequence ${v.sequence}` +
    (v.invitationsAt ? ` · Invitations: ${v.invitationsAt}` : '') +
    (v.replyBy ? ` · Reply by: ${v.replyBy}` : ''),
  counts: (c) =>
    `Invited: ${c.invited} · Attending: ${c.attending} · Declined: ${c.declined} · No reply: ${c.noReply} · Seats: ${c.seats}`,
  sent: (r, e) => `Reply reminders sent: ${r}; escalations: ${e}`,
  header: ['Id', 'Invitee', 'Reply', 'Seats', 'Delegates', 'Via', 'Reminded'],
  answer: { attending: 'attending', declined: 'declined', none: 'no reply' },
  asked: ' (asked again after the move)',
  changes: 'Changes:',
  cancelled: (reason, by) => `Cancelled: ${reason} (${by})`,
  outcome: (heldOn, n, by) => `Outcome: held on ${heldOn}, ${n} attended (recorded by ${by})`,
  rehearsedDay: (planned, at, spec) => `${planned} (rehearsal ${spec}: runs at ${at})`,
  done: {
    reply: (id, who) => `Reply of ${who} recorded (${id}).`,
    date: (id, when) => `Conference of ${id} set for ${when}; the updated invitation goes to every invitee.`,
    venue: (id, venue) => `Conference of ${id} moved to ${venue}; the updated invitation goes to every invitee.`,
    cancel: (id) => `Conference of ${id} cancelled; every invitee is told.`,
    outcome: (id, heldOn) =>
      `Outcome of the conference of ${id} recorded (held on ${heldOn}); the campaign moves on to the awards.`,
  },
};

export const conferenceTexts = (lang: Lang): ConferenceCliTexts => (lang === 'en' ? EN : VI);

export const CONFERENCE_HELP: Record<Lang, Record<string, string>> = {
  vi: {
    'conference status': 'hội nghị: thời gian, địa điểm, trả lời của khách mời',
    'conference reply': 'ghi trả lời qua điện thoại --as LOGIN (--attending --seats N | --declined)',
    'conference set-date': 'định hoặc dời ngày hội nghị "dd/MM/yyyy HH:mm" --as LOGIN',
    'conference venue': 'đổi địa điểm --venue ĐỊA ĐIỂM --as LOGIN',
    'conference cancel': 'hủy hội nghị --reason LÝ DO --as LOGIN (lãnh đạo phê duyệt)',
    'conference outcome': 'ghi kết quả --held-on NGÀY --attendance N [--minutes TỆP] --as LOGIN',
  },
  en: {
    'conference status': 'the conference: when, where, the invitees’ replies',
    'conference reply': 'record a phone reply --as LOGIN (--attending --seats N | --declined)',
    'conference set-date': 'fix or move the day "dd/MM/yyyy HH:mm" --as LOGIN',
    'conference venue': 'change the venue --venue TEXT --as LOGIN',
    'conference cancel': 'cancel the conference --reason TEXT --as LOGIN (approvers)',
    'conference outcome': 'record the outcome --held-on DATE --attendance N [--minutes FILE] --as LOGIN',
  },
};

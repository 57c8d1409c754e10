/**
 * The conference page's actions (issue 13), in the dashboard's action list form: record a reply given
 * by phone, fix or move the day, change the venue (clerk), cancel (approver, with a confirmation),
 * record the outcome with the minutes uploaded (clerk). Kept apart from `actions.ts` (near its size);
 * each runs a use case of `app/conference.ts` through the {@link ConferenceBackend}, which checks the
 * role itself too.
 */
import { DateTime } from 'luxon';
import {
  MAX_CONFERENCE_NOTE_CHARS,
  MAX_DELEGATES_PER_REPLY,
  type ConferenceStatusView,
  type Delegate,
} from '../../domain/conference-types';
import type { ConferenceBackend } from '../conference-backend';
import { localTime } from '../pages';
import { localWords, spokenWords } from '../local-words';
import { ActionInputError, type ActionContext, type DashboardAction } from './actions';

const value = (form: Record<string, string>, name: string) => (form[name] ?? '').trim();

function backendOf(ctx: ActionContext): ConferenceBackend {
  if (!ctx.conference)
    throw new ActionInputError('Trang quản trị chưa được nối với hội nghị; liên hệ quản trị hệ thống.');
  return ctx.conference;
}

const open = (c?: ConferenceStatusView) => Boolean(c && c.state !== 'held' && c.state !== 'cancelled');

/**
 * A local day and time the secretariat types ("08:00 14/11/2009", "14/11/2009 08:00" or
 * "2009-11-14T08:00") as an ISO instant in the campaign's zone; `what` names the field in errors.
 */
export function readLocalTime(text: string, timeZone: string, what: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const formats = [
    'HH:mm dd/MM/yyyy',
    'H:mm d/M/yyyy',
    'dd/MM/yyyy HH:mm',
    'd/M/yyyy H:mm',
    "yyyy-MM-dd'T'HH:mm",
    'yyyy-MM-dd HH:mm',
  ];
  for (const f of formats) {
    const d = DateTime.fromFormat(t, f, { zone: timeZone });
    if (d.isValid) return d.toUTC().toISO({ suppressMilliseconds: true })!;
  }
  throw new ActionInputError(`${what} "${text}" không hợp lệ: nhập giờ và ngày, ví dụ "08:00 14/11/2009".`);
}

/** "Nguyễn Văn A, Giám đốc Sở" per line: the delegates of a phone reply. */
export function readDelegateLines(text: string): Delegate[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length > MAX_DELEGATES_PER_REPLY)
    throw new ActionInputError(`Tối đa ${MAX_DELEGATES_PER_REPLY} đại biểu mỗi trả lời; đã nhập ${lines.length}.`);
  return lines.map((line, i) => {
    const [name, ...rest] = line.split(/\s*[,;–]\s*|\s+-\s+/);
    if (!name) throw new ActionInputError(`Dòng đại biểu ${i + 1} ("${line}"): thiếu họ và tên.`);
    const position = rest.join(', ').trim();
    return { name: name.trim(), ...(position ? { position } : {}) };
  });
}

async function zoneOf(ctx: ActionContext): Promise<string> {
  const status = await ctx.backend.campaignStatus(ctx.campaignId).catch(() => undefined);
  return status?.timeZone ?? ctx.timeZone ?? 'Asia/Ho_Chi_Minh';
}

export const CONFERENCE_ACTIONS: DashboardAction[] = [
  {
    id: 'phone-reply',
    scope: 'conference',
    role: 'clerk',
    operation: 'reply-conference',
    title: 'Ghi nhận trả lời qua điện thoại',
    button: 'Ghi nhận trả lời',
    fields: [
      {
        name: 'invitee',
        label: 'Khách mời',
        type: 'select',
        // Those still to answer first: a phone reply is mostly for them.
        choices: ({ conference }) =>
          [...(conference?.invitees ?? [])]
            .sort((a, b) => Number(Boolean(a.reply)) - Number(Boolean(b.reply)))
            .map((i): [string, string] => [
              i.id,
              `${i.name}${i.reply ? ` (đã trả lời: ${i.reply.answer === 'attending' ? 'tham dự' : 'không tham dự'})` : ''}`,
            ]),
      },
      {
        name: 'answer',
        label: 'Trả lời',
        type: 'select',
        choices: () => [
          ['attending', 'Tham dự'],
          ['declined', 'Không tham dự'],
        ],
      },
      {
        name: 'delegates',
        label: 'Đại biểu (mỗi dòng: họ và tên, chức vụ)',
        type: 'textarea',
        placeholder: 'Nguyễn Văn A, Giám đốc Sở',
      },
      { name: 'seats', label: 'Số chỗ ngồi', type: 'text', placeholder: '2', hint: 'Để trống: bằng số đại biểu.' },
      { name: 'note', label: 'Ghi chú', type: 'text' },
    ],
    applies: ({ conference: c }) =>
      Boolean(c && (c.state === 'scheduled' || c.state === 'invited' || c.state === 'date-rough')),
    run: async (ctx) => {
      const inviteeId = value(ctx.form, 'invitee');
      if (!inviteeId) throw new ActionInputError('Chọn khách mời.');
      const answer = value(ctx.form, 'answer');
      if (answer !== 'attending' && answer !== 'declined')
        throw new ActionInputError('Chọn "Tham dự" hoặc "Không tham dự".');
      const delegates = answer === 'attending' ? readDelegateLines(value(ctx.form, 'delegates')) : [];
      if (answer === 'attending' && delegates.length === 0)
        throw new ActionInputError('Khi tham dự, nhập ít nhất một đại biểu (mỗi dòng: họ và tên, chức vụ).');
      const seatsText = value(ctx.form, 'seats');
      if (seatsText && !/^\d{1,4}$/.test(seatsText))
        throw new ActionInputError(`Số chỗ ngồi "${seatsText}" không hợp lệ: nhập một số nguyên.`);
      const seats = answer === 'attending' ? (seatsText ? Number(seatsText) : delegates.length) : 0;
      if (seats < delegates.length)
        throw new ActionInputError(
          `Đăng ký ${delegates.length} đại biểu nhưng chỉ ${seats} chỗ ngồi: số chỗ ngồi không được ít hơn số đại biểu.`,
        );
      const note = value(ctx.form, 'note');
      if (note.length > MAX_CONFERENCE_NOTE_CHARS)
        throw new ActionInputError(`Ghi chú quá dài (tối đa ${MAX_CONFERENCE_NOTE_CHARS} ký tự).`);
      const view = await backendOf(ctx).recordPhoneReply(ctx.campaignId, ctx.staff, {
        inviteeId,
        answer,
        delegates,
        seats,
        ...(note ? { note } : {}),
      });
      const name = view.invitees.find((i) => i.id === inviteeId)?.name ?? inviteeId;
      return `Đã ghi nhận trả lời của ${name}: ${answer === 'attending' ? `tham dự, ${delegates.length} đại biểu` : 'không tham dự'}.`;
    },
  },
  {
    id: 'set-date',
    scope: 'conference',
    role: 'clerk',
    operation: 'set-conference-date',
    title: 'Ấn định hoặc dời ngày hội nghị',
    button: 'Lưu ngày, gửi giấy mời cập nhật',
    fields: [
      { name: 'start', label: 'Bắt đầu', type: 'text', placeholder: '08:00 14/11/2009', required: true },
      { name: 'end', label: 'Kết thúc (nếu có)', type: 'text', placeholder: '11:30 14/11/2009' },
      {
        name: 'reason',
        label: 'Lý do',
        type: 'textarea',
        hint: 'Mọi khách mời nhận giấy mời cập nhật; trả lời trước đó được hỏi lại.',
      },
    ],
    applies: ({ conference: c }) => open(c) && c?.state !== 'awaiting-outcome',
    run: async (ctx) => {
      const zone = await zoneOf(ctx);
      const start = readLocalTime(value(ctx.form, 'start'), zone, 'Giờ bắt đầu');
      const endText = value(ctx.form, 'end');
      const end = endText ? readLocalTime(endText, zone, 'Giờ kết thúc') : undefined;
      if (end && Date.parse(end) <= Date.parse(start)) throw new ActionInputError('Giờ kết thúc phải sau giờ bắt đầu.');
      const view = await backendOf(ctx).setDate(
        ctx.campaignId,
        ctx.staff,
        { start, ...(end ? { end } : {}) },
        value(ctx.form, 'reason') || undefined,
      );
      // A rehearsal: the day typed (plan's calendar), then the compressed instant it runs at.
      const r = view.rehearsed;
      const day = r
        ? `${localWords(r.planned)} (diễn tập ${r.spec}: diễn ra lúc ${localWords(r.startLocal)})`
        : spokenWords(view.whenLocal);
      // None sent yet (a day fixed well ahead): they go at their own instant, so say when, not "sent".
      // Once sent, a move sends the updated invitation at once.
      const later =
        view.state === 'scheduled' && view.invitationsAt && Date.parse(view.invitationsAt) > Date.now()
          ? view.invitationsAt
          : undefined;
      return later
        ? `Đã lưu ngày hội nghị: ${day}; giấy mời (lần ${view.sequence}) sẽ được gửi tới mọi khách mời lúc ${localTime(later, zone)}.`
        : `Đã lưu ngày hội nghị: ${day}; giấy mời cập nhật (lần ${view.sequence}) được gửi tới mọi khách mời.`;
    },
  },
  {
    id: 'venue',
    scope: 'conference',
    role: 'clerk',
    operation: 'change-conference-venue',
    title: 'Đổi địa điểm',
    button: 'Đổi địa điểm',
    fields: [
      { name: 'venue', label: 'Địa điểm mới', type: 'text', required: true },
      { name: 'reason', label: 'Lý do', type: 'textarea' },
    ],
    applies: ({ conference: c }) => open(c) && c?.state !== 'awaiting-outcome',
    run: async (ctx) => {
      const venue = value(ctx.form, 'venue');
      if (!venue) throw new ActionInputError('Nhập địa điểm mới.');
      const view = await backendOf(ctx).changeVenue(
        ctx.campaignId,
        ctx.staff,
        venue,
        value(ctx.form, 'reason') || undefined,
      );
      return `Đã đổi địa điểm thành "${view.venue}"; giấy mời cập nhật (lần ${view.sequence}) được gửi tới mọi khách mời.`;
    },
  },
  {
    id: 'cancel',
    scope: 'conference',
    role: 'approver',
    operation: 'cancel-conference',
    title: 'Hủy hội nghị',
    button: 'Hủy hội nghị',
    danger: true,
    fields: [
      {
        name: 'reason',
        label: 'Lý do',
        type: 'textarea',
        required: true,
        hint: 'Gửi kèm thông báo hủy tới mọi khách mời.',
      },
      {
        name: 'confirm',
        label: 'Tôi hiểu: mọi khách mời nhận thông báo hủy (METHOD:CANCEL); không hoàn tác được.',
        type: 'confirm',
      },
    ],
    applies: ({ conference: c }) => open(c) && c?.state !== 'awaiting-outcome',
    run: async (ctx) => {
      if (value(ctx.form, 'confirm') !== 'yes') throw new ActionInputError('Đánh dấu ô xác nhận để hủy hội nghị.');
      const reason = value(ctx.form, 'reason');
      if (!reason) throw new ActionInputError('Cần ghi lý do hủy hội nghị.');
      await backendOf(ctx).cancel(ctx.campaignId, ctx.staff, reason);
      return 'Đã hủy hội nghị; mọi khách mời đang được báo hủy.';
    },
  },
  {
    id: 'outcome',
    scope: 'conference',
    role: 'clerk',
    operation: 'record-conference-outcome',
    upload: true,
    defaultFileName: 'bien-ban-hoi-nghi.pdf',
    title: 'Ghi nhận kết quả hội nghị',
    button: 'Ghi nhận kết quả',
    fields: [
      { name: 'heldOn', label: 'Ngày tổ chức', type: 'text', placeholder: '14/11/2009', required: true },
      { name: 'attendance', label: 'Số người dự', type: 'text', placeholder: '120', required: true },
      { name: 'note', label: 'Ghi chú', type: 'text' },
      { name: 'file', label: 'Biên bản (PDF, DOC, DOCX), tối đa 20 MB', type: 'file', accept: '.pdf,.doc,.docx,.odt' },
    ],
    applies: ({ conference: c }) => c?.state === 'awaiting-outcome',
    run: async (ctx) => {
      const heldText = value(ctx.form, 'heldOn');
      const day = ['dd/MM/yyyy', 'd/M/yyyy', 'yyyy-MM-dd']
        .map((f) => DateTime.fromFormat(heldText, f, { zone: 'utc' }))
        .find((d) => d.isValid);
      if (!day) throw new ActionInputError(`Ngày tổ chức "${heldText}" không hợp lệ (ví dụ 14/11/2009).`);
      const attendanceText = value(ctx.form, 'attendance');
      if (!/^\d{1,6}$/.test(attendanceText))
        throw new ActionInputError(`Số người dự "${attendanceText}" không hợp lệ: nhập một số nguyên.`);
      const note = value(ctx.form, 'note');
      const minutes = ctx.file && ctx.file.bytes.length > 0 ? ctx.file : undefined;
      await backendOf(ctx).recordOutcome(ctx.campaignId, ctx.staff, {
        heldOn: day.toISODate()!,
        attendance: Number(attendanceText),
        ...(minutes ? { minutes } : {}),
        ...(note ? { note } : {}),
      });
      return `Đã ghi nhận kết quả hội nghị (${Number(attendanceText)} người dự${minutes ? `, biên bản "${minutes.name}"` : ''}); đợt chuyển sang khen thưởng.`;
    },
  },
  {
    id: 'guest-link',
    scope: 'conference',
    role: 'clerk',
    operation: 'link',
    title: 'Đường dẫn trả lời của khách mời',
    button: 'Thực hiện',
    danger: true,
    fields: [
      {
        name: 'invitee',
        label: 'Khách mời',
        type: 'select',
        choices: ({ conference }) =>
          (conference?.invitees ?? []).filter((i) => i.kind === 'guest').map((i): [string, string] => [i.id, i.name]),
      },
      {
        name: 'what',
        label: 'Việc',
        type: 'select',
        choices: () => [
          ['reissue', 'Cấp lại (đường dẫn cũ ngừng hoạt động)'],
          ['revoke', 'Thu hồi (bị lộ, gửi nhầm)'],
        ],
      },
      {
        name: 'confirm',
        label: 'Đường dẫn cũ ngừng hoạt động ngay; tôi sẽ gửi đường dẫn mới cho khách mời qua kênh tin cậy.',
        type: 'confirm',
      },
    ],
    applies: ({ conference: c }) => open(c) && Boolean(c?.invitees.some((i) => i.kind === 'guest')),
    run: async (ctx) => {
      if (value(ctx.form, 'confirm') !== 'yes') throw new ActionInputError('Đánh dấu ô xác nhận để đổi đường dẫn.');
      const inviteeId = value(ctx.form, 'invitee');
      const what = value(ctx.form, 'what') === 'revoke' ? 'revoke' : 'reissue';
      const url = await backendOf(ctx).guestLink(ctx.campaignId, ctx.staff, inviteeId, what);
      return url
        ? `Đã cấp đường dẫn mới cho khách mời: ${url} — đường dẫn cũ không còn mở được.`
        : 'Đã thu hồi đường dẫn của khách mời; thư sau gửi khách mời mang đường dẫn mới.';
    },
  },
];

export const conferenceActionFor = (id: string): DashboardAction | undefined =>
  CONFERENCE_ACTIONS.find((a) => a.id === id);

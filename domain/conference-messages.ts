/**
 * The words of the conference's messages, in Vietnamese, in the office register: the invitation
 * (giấy mời), the updated invitation after a change, the cancellation, the reminder of a missing
 * reply, the escalation to the unit's head, the attendees' reminder. Pure: the activity
 * (`activities/conference.ts`) resolves people, links and the calendar part; this module writes.
 */
import type { ContactDef } from './campaign-schema';
import type {
  ConferenceInvitee,
  ConferenceMessageKind,
  ConferenceReply,
  ConferenceSnapshot,
  ConferenceState,
} from './conference-types';
import { secretariatLetter, type ComposedMessage } from './messages';
import { planTagPhrase } from './plan-document';

export interface ConferenceMessageContext {
  kind: ConferenceMessageKind;
  conference: ConferenceSnapshot;
  invitee: ConferenceInvitee;
  reply?: ConferenceReply;
  secretariatName: string;
  contacts: ContactDef[];
  /** The invitee's own page to reply on (units: their portal link). */
  link?: string;
  detail?: { reason?: string; change?: string; step?: number };
}

/** The conference's state as the secretariat reads it (Temporal UI details, dashboard). */
export const CONFERENCE_STATE_LABELS: Record<ConferenceState, string> = {
  'date-rough': 'chờ định ngày',
  scheduled: 'đã định ngày, chờ gửi giấy mời',
  invited: 'đã gửi giấy mời, đang nhận đăng ký',
  'awaiting-outcome': 'đã họp, chờ ghi kết quả',
  held: 'đã tổ chức',
  cancelled: 'đã hủy',
};

const SUBJECTS: Record<ConferenceMessageKind, string> = {
  invitation: 'Giấy mời',
  updated: 'Giấy mời (thay đổi)',
  cancelled: 'Thông báo hủy',
  'reply-reminder': 'Nhắc đăng ký dự',
  'reply-escalation': 'Chưa đăng ký dự',
  'attendee-reminder': 'Nhắc lịch',
};

export function composeConferenceMessage(ctx: ConferenceMessageContext): ComposedMessage {
  const c = ctx.conference;
  const who = ctx.invitee.name;
  const event = `${c.name} ${c.title ? `(${c.title}) ` : ''}theo ${planTagPhrase(c.planNumber, 'Kế hoạch số')}`;
  const at = `${c.whenLocal}, tại ${c.venue}`;
  const reply = replyLines(ctx);
  let body: string[];
  switch (ctx.kind) {
    case 'invitation':
      body = [
        `${c.organizer ?? ctx.secretariatName} trân trọng kính mời ${who} tới dự ${event}.`,
        `Thời gian: ${c.whenLocal}.`,
        `Địa điểm: ${c.venue}.`,
        ...(ctx.invitee.presents ? [`Đề nghị ${who} chuẩn bị trình bày tham luận: "${ctx.invitee.presents}".`] : []),
        ...agendaLines(c.agenda),
        ...reply,
        'Lịch hội nghị gửi kèm thư này (tệp .ics): mở tệp để thêm vào lịch Outlook, Thunderbird hoặc điện thoại.',
      ];
      break;
    case 'updated':
      body = [
        `${ctx.secretariatName} trân trọng thông báo thay đổi về ${event}: ${ctx.detail?.change ?? ''}.`,
        `Thời gian: ${c.whenLocal}.`,
        `Địa điểm: ${c.venue}.`,
        ...agendaLines(c.agenda),
        ...(ctx.reply
          ? [`Đăng ký dự trước đây của ${who} vẫn được giữ.`]
          : ['Nếu đã đăng ký dự theo giấy mời trước, xin đăng ký lại cho thời gian mới.']),
        ...reply,
        'Lịch hội nghị đã cập nhật gửi kèm thư này (tệp .ics) thay cho lịch đã gửi trước.',
      ];
      break;
    case 'cancelled':
      body = [
        `${ctx.secretariatName} trân trọng thông báo: ${event}, dự kiến ${at}, đã bị hủy.`,
        ...(ctx.detail?.reason ? [`Lý do: ${ctx.detail.reason}.`] : []),
        'Lịch hội nghị đã được hủy trong tệp .ics gửi kèm. Xin lỗi vì sự bất tiện này.',
      ];
      break;
    case 'reply-reminder':
      body = [
        `${ctx.secretariatName} trân trọng nhắc: ${who} chưa đăng ký dự ${event}, ${at}.`,
        `Hạn đăng ký dự là ${c.replyByLocal ?? '(không ấn định)'}.`,
        ...reply,
      ];
      break;
    case 'reply-escalation':
      body = [
        `Đã quá hạn đăng ký dự (${c.replyByLocal ?? ''}) ${event}, ${at}, nhưng ${who} chưa trả lời (báo lần ${ctx.detail?.step ?? 1}).`,
        `Đề nghị đồng chí chỉ đạo trả lời ngay, hoặc liên hệ ${ctx.secretariatName} để đăng ký qua điện thoại.`,
        ...reply,
      ];
      break;
    case 'attendee-reminder':
      body = [
        `${ctx.secretariatName} trân trọng nhắc lịch: ${event} diễn ra vào ${at}.`,
        ...(ctx.reply && ctx.reply.delegates.length > 0
          ? [
              `Đại biểu đã đăng ký (${ctx.reply.seats} chỗ ngồi):`,
              ...ctx.reply.delegates.map((d) => `- ${d.name}${d.position ? `, ${d.position}` : ''}`),
            ]
          : []),
        'Đề nghị đại biểu có mặt trước giờ khai mạc 15 phút.',
      ];
      break;
  }
  const subject = `[${c.planNumber}] ${SUBJECTS[ctx.kind]}: ${c.name} — ${c.whenLocal}`;
  return secretariatLetter(subject, { to: who, body, secretariatName: ctx.secretariatName, contacts: ctx.contacts });
}

function agendaLines(agenda: string[]): string[] {
  return agenda.length > 0 ? ['Chương trình:', ...agenda.map((a) => `- ${a}`)] : [];
}

/** How to answer: the invitee's link, by the reply deadline. */
function replyLines(ctx: ConferenceMessageContext): string[] {
  const by = ctx.conference.replyByLocal ? ` trước ${ctx.conference.replyByLocal}` : '';
  if (ctx.link) return [`Xin đăng ký dự (số đại biểu, họ tên, chức vụ) tại: ${ctx.link}${by}.`];
  return [`Xin đăng ký dự (số đại biểu, họ tên, chức vụ) với ${ctx.secretariatName}${by}.`];
}

/**
 * The invitee's conference page (`/u/<token>/hoi-nghi` for a unit, `/k/<token>` for a guest): the
 * conference as the invitation gives it, the reply given, and the reply form. Rendered on the server,
 * no script: the form has a fixed number of delegate rows and a button that adds rows without sending.
 */
import {
  MAX_CONFERENCE_NOTE_CHARS,
  MAX_DELEGATES_PER_REPLY,
  type ConferenceInviteeView,
  type ConferenceReply,
  type ConferenceState,
  type ConferenceStatusView,
} from '../domain/conference-types';
import { MAX_PERSON_CHARS, MAX_POSITION_CHARS } from '../domain/submission-rules';
import { esc, layout, localTime } from './pages';
import { localWords, spokenWords } from './local-words';

/** Replies are taken in these states (the workflow's validator still decides). */
export const REPLY_OPEN_STATES: ConferenceState[] = ['date-rough', 'scheduled', 'invited'];

/** Delegate rows drawn at first (more with the "add rows" button). */
export const DEFAULT_DELEGATE_ROWS = 3;

/** What the invitee typed, as the form sends it back (refilled after a refusal). */
export interface ReplyForm {
  answer?: string;
  delegates: Array<{ name: string; position: string }>;
  seats: string;
  note: string;
}

export interface ConferencePageInput {
  view: ConferenceStatusView;
  invitee: ConferenceInviteeView;
  /** The page's own path (the form posts to it). */
  action: string;
  csrf: string;
  timeZone: string;
  /** The invitation's `.ics` download, when it was sent. */
  icsUrl?: string;
  /** The unit's own submission page (units only). */
  calendarUrl?: string;
  /** Whom to contact (the secretariat), to say when replies are closed. */
  contact?: string;
  flash?: { kind: 'ok' | 'error'; text: string };
  /** The form as typed (after a refusal, or asking for more rows); else filled from the reply given. */
  form?: ReplyForm;
  /** Rows to draw (the "add rows" button asks for more). */
  rows?: number;
}

export const STATE_NOTICE: Partial<Record<ConferenceState, string>> = {
  'date-rough': 'Ngày cụ thể của hội nghị chưa được ấn định; giấy mời chính thức sẽ ghi ngày giờ.',
  'awaiting-outcome': 'Hội nghị đã diễn ra; không nhận thêm trả lời.',
  held: 'Hội nghị đã diễn ra; không nhận thêm trả lời.',
};

const answerLabel = (r: ConferenceReply) => (r.answer === 'attending' ? 'Tham dự' : 'Không tham dự');

/** A reply as the invitee reads it back. */
export function replySummary(r: ConferenceReply, t: (utc: string) => string): string {
  const who = r.delegates.map((d) => `${d.name}${d.position ? ` (${d.position})` : ''}`).join('; ');
  const parts = [answerLabel(r)];
  if (r.answer === 'attending') parts.push(`${r.delegates.length} đại biểu: ${who}`, `${r.seats} chỗ ngồi`);
  if (r.note) parts.push(`ghi chú: ${r.note}`);
  parts.push(
    `lúc ${t(r.at)}`,
    r.via === 'phone'
      ? `Thường trực ghi nhận qua điện thoại${r.recordedBy ? ` (${r.recordedBy})` : ''}`
      : 'qua đường dẫn',
  );
  return parts.join(' — ');
}

/** The form's values from a reply given (so that a change starts from it). */
export function formOfReply(r?: ConferenceReply): ReplyForm {
  return {
    answer: r?.answer,
    delegates: (r?.delegates ?? []).map((d) => ({ name: d.name, position: d.position ?? '' })),
    seats: r && r.answer === 'attending' ? String(r.seats) : '',
    note: r?.note ?? '',
  };
}

export function conferencePage(p: ConferencePageInput): string {
  const { view: v, invitee } = p;
  const t = (utc: string) => localTime(utc, p.timeZone);
  const open = REPLY_OPEN_STATES.includes(v.state);
  const flash = p.flash
    ? `<div class="msg ${p.flash.kind}" role="${p.flash.kind === 'error' ? 'alert' : 'status'}" id="reply-${p.flash.kind}">${esc(p.flash.text)}</div>`
    : '';
  const notice = v.cancelled
    ? `<div class="msg locked" id="cancelled">Hội nghị đã bị hủy (${esc(v.cancelled.reason)}); không nhận trả lời.</div>`
    : STATE_NOTICE[v.state]
      ? `<div class="msg locked">${esc(STATE_NOTICE[v.state])}</div>`
      : v.replyBy && Date.now() > Date.parse(v.replyBy)
        ? `<div class="msg locked" id="reply-closed">Đã quá hạn trả lời (${esc(v.replyByLocal ? localWords(v.replyByLocal) : t(v.replyBy))}). ` +
          // The secretariat can still record a reply given by phone: say whom to call.
          `Xin liên hệ ${p.contact ? esc(p.contact) : 'thường trực hội nghị'} để báo tham dự qua điện thoại.</div>`
        : '';
  const reply = invitee.reply
    ? `<p id="current-reply">${esc(replySummary(invitee.reply, t))}</p>`
    : '<p id="current-reply">Quý vị chưa trả lời giấy mời này.</p>';
  const previous =
    !invitee.reply && invitee.previousReply
      ? `<p class="hint" id="previous-reply">Trả lời trước khi hội nghị đổi lịch hoặc địa điểm: ${esc(replySummary(invitee.previousReply, t))}. ` +
        'Xin trả lời lại theo giấy mời mới.</p>'
      : '';
  // A refused form is drawn again whatever the state, so that what was typed is not lost.
  const form = open || p.form ? replyForm(p, invitee) : '';
  return layout(
    `${v.name} — giấy mời`,
    `<h1>${esc(v.name)}</h1>
<p>Kính gửi: <strong id="invitee">${esc(invitee.name)}</strong></p>
${flash}
${notice}
<dl>
<dt>Thời gian</dt><dd id="when">${esc(spokenWords(v.whenLocal))}</dd>
<dt>Địa điểm</dt><dd id="venue">${esc(v.venue)}</dd>
${v.organizer ? `<dt>Đơn vị tổ chức</dt><dd>${esc(v.organizer)}</dd>` : ''}
${v.replyBy ? `<dt>Hạn trả lời</dt><dd id="reply-by">${esc(v.replyByLocal ? localWords(v.replyByLocal) : t(v.replyBy))}</dd>` : ''}
${invitee.presents ? `<dt>Trình bày tham luận</dt><dd id="presents">${esc(invitee.presents)}</dd>` : ''}
</dl>
${v.agenda.length > 0 ? `<h2>Chương trình</h2><ol id="agenda">${v.agenda.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>` : ''}
${p.icsUrl ? `<p><a id="invitation-ics" href="${esc(p.icsUrl)}" download="giay-moi.ics">Tải giấy mời vào lịch (.ics)</a> — mở tệp để thêm hội nghị vào Outlook, Thunderbird hoặc lịch điện thoại.</p>` : ''}
${p.calendarUrl ? `<p><a href="${esc(p.calendarUrl)}">Lịch của đơn vị (.ics)</a>: hạn nộp và hội nghị, tự cập nhật khi có thay đổi.</p>` : ''}
<h2>Trả lời</h2>
${reply}
${previous}
${form}`,
  );
}

function replyForm(p: ConferencePageInput, invitee: ConferenceInviteeView): string {
  const f = p.form ?? formOfReply(invitee.reply ?? invitee.previousReply);
  const rows = Math.min(
    MAX_DELEGATES_PER_REPLY,
    Math.max(p.rows ?? 0, DEFAULT_DELEGATE_ROWS, f.delegates.length + (f.delegates.length > 0 ? 1 : 0)),
  );
  const radio = (value: string, label: string) =>
    `<label><input type="radio" name="answer" value="${value}" id="answer-${value}"${f.answer === value ? ' checked' : ''}> ${esc(label)}</label>`;
  const row = (i: number) => {
    const d = f.delegates[i] ?? { name: '', position: '' };
    return `<tr><td>${i + 1}</td>
<td><input id="d${i}-name" name="d${i}_name" maxlength="${MAX_PERSON_CHARS}" size="32" value="${esc(d.name)}" aria-label="Họ và tên đại biểu ${i + 1}"></td>
<td><input id="d${i}-position" name="d${i}_position" maxlength="${MAX_POSITION_CHARS}" size="40" value="${esc(d.position)}" aria-label="Chức vụ đại biểu ${i + 1}"></td></tr>`;
  };
  return `<form method="post" action="${esc(p.action)}" id="reply-form">
<input type="hidden" name="csrf" value="${esc(p.csrf)}">
<input type="hidden" name="rows" value="${rows}">
<fieldset><legend>Quý vị</legend>
${radio('attending', 'Tham dự')}
${radio('declined', 'Không tham dự')}
</fieldset>
<h3>Đại biểu tham dự</h3>
<table id="delegates"><thead><tr><th>STT</th><th>Họ và tên</th><th>Chức vụ</th></tr></thead><tbody>
${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}
</tbody></table>
${rows < MAX_DELEGATES_PER_REPLY ? '<p><button type="submit" name="do" value="more" class="link">Thêm dòng đại biểu</button></p>' : ''}
<label for="seats">Số chỗ ngồi đăng ký</label>
<input id="seats" name="seats" inputmode="numeric" pattern="[0-9]*" size="4" value="${esc(f.seats)}">
<span class="hint">Để trống: bằng số đại biểu. Không ít hơn số đại biểu.</span>
<label for="note">Ghi chú</label>
<textarea id="note" name="note" rows="3" cols="60" maxlength="${MAX_CONFERENCE_NOTE_CHARS}">${esc(f.note)}</textarea>
<p class="hint">Để trống những dòng không dùng. Gửi lại để sửa trả lời trước hạn.</p>
<p><button type="submit" name="do" value="send" id="send-reply">Gửi trả lời</button></p>
</form>`;
}

/**
 * The conference page (`/admin/c/<campaign>/hoi-nghi`, issue 13): the conference (state, day, venue,
 * sequence, changes, outcome), the counts, every invitee with its reply, delegates, reminders and
 * escalation, the `.xlsx` of the replies; and the forms the signed-in person's roles allow. Rendered
 * on the server, readable without script.
 */
import type { StaffActor } from '../../app/roles';
import { isoDayVn } from '../../domain/iso-day';
import type {
  ConferenceChange,
  ConferenceInviteeView,
  ConferenceState,
  ConferenceStatusView,
} from '../../domain/conference-types';
import { esc, layout, localTime } from '../pages';
import { localWords, spokenWords } from '../local-words';
import type { StaffSession } from '../security';
import type { DashboardAction } from './actions';
import { actionForms, failedFlash, flashHtml, nav, type FailedForm, type Flash } from './pages';

export const CONFERENCE_STATE: Record<ConferenceState, string> = {
  'date-rough': 'Chưa ấn định ngày (dự kiến)',
  scheduled: 'Đã ấn định ngày, chưa gửi giấy mời',
  invited: 'Đã gửi giấy mời, đang nhận trả lời',
  'awaiting-outcome': 'Đã diễn ra, chờ ghi nhận kết quả',
  held: 'Đã tổ chức',
  cancelled: 'Đã hủy',
};

const CHANGE: Record<ConferenceChange['what'], string> = {
  'date-fixed': 'Ấn định ngày',
  'date-moved': 'Dời ngày',
  'venue-changed': 'Đổi địa điểm',
  cancelled: 'Hủy hội nghị',
};

export interface ConferencePageInput {
  staff: StaffSession;
  actor: StaffActor;
  campaignId: string;
  title?: string;
  view: ConferenceStatusView;
  actions: DashboardAction[];
  timeZone: string;
  flash?: Flash;
  failed?: FailedForm;
}

export function conferenceAdminPage(p: ConferencePageInput): string {
  const { view: v } = p;
  const t = (utc: string) => localTime(utc, p.timeZone);
  const campaignBase = `/admin/c/${encodeURIComponent(p.campaignId)}`;
  const base = `${campaignBase}/hoi-nghi`;
  const c = v.counts;
  const counts = `<div class="counts">
<div><strong id="count-invited">${c.invited}</strong>khách mời</div>
<div><strong id="count-attending">${c.attending}</strong>tham dự</div>
<div><strong id="count-declined">${c.declined}</strong>không tham dự</div>
<div><strong id="count-no-reply">${c.noReply}</strong>chưa trả lời</div>
<div><strong id="count-seats">${c.seats}</strong>chỗ ngồi</div>
</div>`;
  const table = v.invitees.length
    ? `<table id="invitees"><thead><tr><th>Khách mời</th><th>Loại</th><th>Trả lời</th><th>Đại biểu</th><th>Chỗ</th><th>Hình thức, lúc</th><th>Giấy mời</th><th>Nhắc</th><th>Báo thủ trưởng</th></tr></thead><tbody>
${v.invitees.map((i) => inviteeRow(i, v.sequence, t)).join('\n')}
</tbody></table>`
    : '<p>Chưa có khách mời.</p>';
  const changes = v.changes.length
    ? `<h2>Các thay đổi</h2><ul id="changes">${v.changes
        .map(
          (ch) =>
            `<li>${esc(t(ch.at))} — ${esc(CHANGE[ch.what] ?? ch.what)}: ${esc(spokenWords(ch.detail))} (${esc(ch.by)}; giấy mời lần ${ch.sequence})</li>`,
        )
        .join('')}</ul>`
    : '';
  const o = v.outcome;
  const outcome = o
    ? `<h2>Kết quả</h2><dl id="outcome"><dt>Tổ chức ngày</dt><dd>${esc(isoDayVn(o.heldOn))}</dd>
<dt>Số người dự</dt><dd>${o.attendance}</dd>
${o.minutes ? `<dt>Biên bản</dt><dd><a href="${base}/tep/${esc(o.minutes.sha256)}">${esc(o.minutes.name)}</a></dd>` : ''}
${o.note ? `<dt>Ghi chú</dt><dd>${esc(o.note)}</dd>` : ''}
<dt>Ghi nhận</dt><dd>${esc(o.recordedBy)}, ${esc(t(o.at))}</dd></dl>`
    : '';
  const applying = p.actions.filter((a) => a.applies({ conference: v }));
  const actions = actionForms(applying, base, p.staff.csrf, p.actor, { conference: v }, p.failed);
  return layout(
    `${v.name} — ${p.title ?? p.campaignId}`,
    `<p><a href="${campaignBase}">← ${esc(p.title ?? p.campaignId)}</a></p>
<h1>${esc(v.name)}</h1>
${flashHtml(p.flash)}${failedFlash(applying, p.actor, p.failed)}
<dl>
<dt>Trạng thái</dt><dd id="conference-state">${esc(CONFERENCE_STATE[v.state] ?? v.state)}</dd>
<dt>Thời gian</dt><dd id="when">${esc(spokenWords(v.whenLocal))}</dd>
<dt>Địa điểm</dt><dd id="venue">${esc(v.venue)}</dd>
${v.organizer ? `<dt>Đơn vị tổ chức</dt><dd>${esc(v.organizer)}</dd>` : ''}
<dt>Giấy mời</dt><dd id="sequence">${v.invitationsAt ? `${Date.parse(v.invitationsAt) <= Date.now() ? 'gửi' : 'sẽ gửi'} lúc ${esc(t(v.invitationsAt))}` : 'chưa có ngày gửi'}; lần cập nhật (SEQUENCE): ${v.sequence}</dd>
${v.replyBy ? `<dt>Hạn trả lời</dt><dd id="reply-by">${esc(v.replyByLocal ? localWords(v.replyByLocal) : t(v.replyBy))}</dd>` : ''}
<dt>Nhắc, báo thủ trưởng</dt><dd>${v.remindersSent} thư nhắc, ${v.escalationsSent} thư báo thủ trưởng</dd>
${v.cancelled ? `<dt>Đã hủy</dt><dd id="cancelled">${esc(t(v.cancelled.at))}: ${esc(v.cancelled.reason)} (${esc(v.cancelled.by)})</dd>` : ''}
</dl>
${v.agenda.length ? `<h2>Chương trình</h2><ol>${v.agenda.map((a) => `<li>${esc(a)}</li>`).join('')}</ol>` : ''}
<h2>Trả lời</h2>
${counts}
<p><a id="replies-xlsx" href="${base}/phan-hoi.xlsx">Tải danh sách trả lời (.xlsx)</a></p>
${table}
${changes}
${outcome}
${actions ? `<h2>Thao tác</h2>\n${actions}` : ''}`,
    { nav: nav(p.staff, p.actor), wide: true },
  );
}

function inviteeRow(i: ConferenceInviteeView, sequence: number, t: (utc: string) => string): string {
  const r = i.reply;
  const answer = r
    ? r.answer === 'attending'
      ? 'Tham dự'
      : 'Không tham dự'
    : i.previousReply
      ? 'Chờ trả lời lại (đã đổi lịch)'
      : 'Chưa trả lời';
  const delegates = (r?.delegates ?? []).map((d) => `${esc(d.name)}${d.position ? ` (${esc(d.position)})` : ''}`);
  const via = r
    ? `${r.via === 'phone' ? `điện thoại${r.recordedBy ? ` (${esc(r.recordedBy)})` : ''}` : 'đường dẫn'}, ${esc(t(r.at))}`
    : '';
  const invited =
    i.invitedSequence === undefined
      ? 'chưa gửi'
      : i.invitedSequence < sequence
        ? `lần ${i.invitedSequence} (chưa có bản mới)`
        : `lần ${i.invitedSequence}`;
  return (
    `<tr data-invitee="${esc(i.id)}" class="${r ? `ans-${r.answer}` : 'ans-none'}"><td>${esc(i.name)}${i.presents ? `<br><span class="hint">Tham luận: ${esc(i.presents)}</span>` : ''}</td>` +
    `<td>${i.kind === 'guest' ? 'Khách mời' : 'Đơn vị'}</td><td class="answer">${esc(answer)}</td>` +
    `<td class="delegates">${delegates.join('<br>')}${r?.note ? `<br><span class="hint">${esc(r.note)}</span>` : ''}</td>` +
    `<td>${r?.answer === 'attending' ? r.seats : ''}</td><td>${via}</td><td>${esc(invited)}</td>` +
    `<td>${i.remindersSent}</td><td>${i.escalated ? 'đã báo' : ''}</td></tr>`
  );
}

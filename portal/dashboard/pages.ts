/** The secretariat's dashboard pages, rendered on the server in Vietnamese; no client script. */
import type { CampaignUnits, UnitFilter } from '../../app/campaigns';
import { kindLabel } from '../../domain/submission-rules';
import { phaseStateName, planTagPhrase } from '../../domain/plan-document';
import {
  campaignWorkflowId,
  MESSAGE_KIND_LABELS,
  unitWorkflowId,
  type CampaignStatusView,
  type FileVersion,
  type NominationVersion,
  type SubmissionKind,
  type SentRecord,
  type SubmissionStatus,
  type UnitStatusView,
} from '../../domain/workflow-types';
import type { StaffActor } from '../../app/roles';
import { PHASE_ORDER } from '../../domain/campaign-schema';
import { STAFF_ROLE_NAMES, type StaffRole, type SynthesisStatusView } from '../../domain/synthesis-types';
import { esc, layout, localTime } from '../pages';
import type { StaffSession } from '../security';
import { mayDo, type ActionState, type DashboardAction } from './actions';
import { phaseFailuresNotice } from './phase-failures-notice';
import {
  parentRows,
  subCampaignsSection,
  unitSubCampaignMark,
  unitSubCampaignRow,
  type DashboardTree,
} from './sub-campaigns-page';
import type { SubCampaignRow } from '../../domain/sub-campaign-types';

export type Flash = { kind: 'ok' | 'error'; html: string };
/** A form that failed: what was typed (refilled) and why, shown beside it. */
export type FailedForm = { action: string; form: Record<string, string>; error?: string };

const STATUS: Record<SubmissionStatus, string> = {
  pending: 'Chưa nộp, chưa đến hạn',
  submitted: 'Đã nộp',
  late: 'Nộp muộn',
  missing: 'Quá hạn, chưa nộp',
  cancelled: 'Đã hủy',
};
const FILTERS: Array<[UnitFilter | '', string]> = [
  ['', 'Tất cả'],
  ['missing', 'Quá hạn, chưa nộp'],
  ['late', 'Nộp muộn'],
  ['submitted', 'Đã nộp'],
  ['pending', 'Chưa đến hạn'],
  ['locked', 'Đã khóa'],
];
/** What became of a message, as the secretariat reads it. */
const SENT_STATE: Record<NonNullable<SentRecord['status']>, string> = {
  sent: 'đã gửi',
  'already-sent': 'đã gửi (gửi lại sau sự cố, không trùng)',
  stale: 'không gửi: không còn cần (đã nộp, đổi hạn hoặc quá hạn)',
  refused: 'bị từ chối: địa chỉ không nhận thư (Thường trực đã được báo)',
  failed: 'chưa gửi được: máy chủ thư lỗi kéo dài',
};
const sentState = (m: SentRecord): NonNullable<SentRecord['status']> =>
  m.status ?? (m.note === 'undeliverable' ? 'refused' : m.note === 'stale' ? 'stale' : m.sent ? 'sent' : 'failed');

const ROLE: Record<string, string> = {
  focal: 'đầu mối',
  head: 'thủ trưởng đơn vị',
  supervisor: 'cơ quan chủ quản',
  secretariat: 'Thường trực Hội đồng',
};
export const phaseLabel = phaseStateName;

const cid = (id: string) => encodeURIComponent(id);
export const flashHtml = (flash?: Flash) =>
  flash ? `<div class="msg ${flash.kind}" role="status">${flash.html}</div>` : '';

/**
 * A failed form's error is shown beside it; when its form is not drawn any more (the action no longer
 * applies, e.g. the campaign was cancelled meanwhile), at the top of the page instead.
 */
export function failedFlash(drawn: DashboardAction[], actor: StaffActor, failed?: FailedForm): string {
  if (!failed?.error || drawn.some((a) => a.id === failed.action && mayDo(actor, a))) return '';
  return flashHtml({ kind: 'error', html: esc(failed.error) });
}

export const roleNames = (roles: StaffRole[]) => roles.map((r) => STAFF_ROLE_NAMES[r]).join(', ');

/** The header: who is signed in and the roles the account has now. */
export function nav(staff: StaffSession, actor: StaffActor): string {
  return `<nav><a href="/admin">Các đợt thi đua</a><span id="signed-in">${esc(staff.name)} (${esc(staff.login)}) · vai trò: ${esc(roleNames(actor.roles) || 'không có')}</span>
<form method="post" action="/admin/logout"><input type="hidden" name="csrf" value="${esc(staff.csrf)}"><button class="link" type="submit">Đăng xuất</button></form></nav>`;
}

export function loginPage(csrf: string, error?: string, login = ''): string {
  return layout(
    'Đăng nhập — Thường trực Hội đồng Thi đua - Khen thưởng',
    `<h1>Trang quản trị của Thường trực Hội đồng</h1>
${error ? `<div class="msg error" role="alert">${esc(error)}</div>` : ''}
<form method="post" action="/admin/login">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<label for="login">Tên đăng nhập</label>
<input id="login" name="login" autocomplete="username" required maxlength="40" value="${esc(login)}">
<label for="password">Mật khẩu</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
<p><button type="submit">Đăng nhập</button></p>
</form>
<p class="hint">Tài khoản do quản trị hệ thống tạo bằng lệnh <code>thidua secretariat add-user</code>.</p>`,
  );
}

export interface CampaignPageInput {
  staff: StaffSession;
  actor: StaffActor;
  /** The campaign's synthesis, when it has one (its pictures, the link to its page). */
  synthesis?: SynthesisStatusView;
  units: CampaignUnits;
  status?: CampaignStatusView;
  /** Why the campaign's own query did not answer (no worker): the page still shows visibility. */
  statusError?: string;
  filter?: UnitFilter;
  actions: DashboardAction[];
  timeZone: string;
  temporalUi: (workflowId: string) => string;
  flash?: Flash;
  /** The form that failed, refilled. */
  failed?: FailedForm;
  /** The campaign tree: its parent (a sub-campaign), its sub-campaigns; absent when unreadable. */
  tree?: DashboardTree;
}

/** Whether the campaign has reached its synthesis (or a later phase). */
function synthesisReached(phase: string): boolean {
  const at = PHASE_ORDER.indexOf(phase as (typeof PHASE_ORDER)[number]);
  return phase === 'closed' || (at >= 0 && at >= PHASE_ORDER.indexOf('synthesis'));
}

/** The synthesis pack's two pictures, as images from the download route (never inlined in the page). */
export function synthesisPictures(campaignId: string, synthesis?: SynthesisStatusView): string {
  const pack = synthesis?.versions.at(-1)?.pack;
  if (!pack) return '';
  const src = (sha256: string) => `/admin/c/${cid(campaignId)}/tong-hop/tep/${esc(sha256)}`;
  return `<div class="pictures" id="pictures">
<figure><img src="${src(pack.timelineSvg.sha256)}" alt="Tiến trình của đợt thi đua: các giai đoạn, hạn nộp, ngày khóa"><figcaption>Tiến trình của đợt</figcaption></figure>
<figure><img src="${src(pack.submissionsSvg.sha256)}" alt="Số hồ sơ nộp theo ngày: đúng hạn và nộp muộn"><figcaption>Hồ sơ nộp theo thời gian</figcaption></figure>
</div>`;
}

/** A reminder offset of the campaign file ("3d", "1wd") as the clerk reads it: "3 ngày", "1 ngày làm việc". */
export function offsetWords(offset: string): string {
  const m = /^(\d+)(wd|d)$/.exec(offset.trim());
  if (!m) return `(${offset})`;
  return `${m[1]} ${m[2] === 'wd' ? 'ngày làm việc' : 'ngày'}`;
}

export function campaignPage(p: CampaignPageInput): string {
  const { units: u, status } = p;
  const t = (utc: string) => localTime(utc, p.timeZone);
  const base = `/admin/c/${cid(u.campaignId)}`;
  const counts = `<div class="counts">
<div><strong id="count-total">${u.total}</strong>đơn vị</div>
${(['submitted', 'late', 'missing', 'pending'] as SubmissionStatus[])
  .map((s) => `<div><strong id="count-${s}">${u.counts[s]}</strong>${esc(STATUS[s])}</div>`)
  .join('\n')}
<div><strong id="count-locked">${u.locked}</strong>đã khóa</div>
</div>`;
  const filters = `<p class="filters">${FILTERS.map(([f, label]) => {
    const n = f === '' ? u.total : f === 'locked' ? u.locked : u.counts[f];
    const current = (p.filter ?? '') === f;
    return `<a href="${base}${f ? `?filter=${f}` : ''}"${current ? ' class="current" aria-current="page"' : ''}>${esc(label)} (${n})</a>`;
  }).join('')}</p>`;
  const table = u.units.length
    ? `<table id="units"><thead><tr><th>Mã</th><th>Đơn vị</th><th>Trạng thái</th><th>Hạn nộp</th><th>Nhắc đã gửi</th><th>Nộp lúc</th><th></th></tr></thead><tbody>
${u.units
  .map(
    (r) =>
      `<tr data-unit="${esc(r.unitId)}"><td>${esc(r.unitId)}</td><td><a href="${base}/u/${cid(r.unitId)}">${esc(r.unitName || r.unitId)}</a>${unitSubCampaignMark(p.tree, r.unitId)}</td>` +
      `<td class="st-${r.status}">${esc(STATUS[r.status])}${r.locked ? ' — đã khóa' : ''}</td>` +
      `<td>${r.deadline ? esc(t(r.deadline)) : ''}</td><td>${r.remindersSent}</td><td>${r.submittedAt ? esc(t(r.submittedAt)) : ''}</td>` +
      `<td><a href="${esc(p.temporalUi(unitWorkflowId(u.campaignId, r.unitId)))}" rel="noreferrer" target="_blank">Temporal</a></td></tr>`,
  )
  .join('\n')}
</tbody></table>${u.units.length < u.matching ? `<p class="hint">Hiển thị ${u.units.length}/${u.matching} đơn vị; <a href="${base}?${p.filter ? `filter=${p.filter}&amp;` : ''}limit=${Math.min(u.matching, 10_000)}">hiện tất cả</a>.</p>` : ''}`
    : '<p>Không có đơn vị nào ở mục này.</p>';

  const applying = status ? p.actions.filter((a) => a.applies({ campaign: status })) : [];
  const actions = status ? actionForms(applying, base, p.staff.csrf, p.actor, { campaign: status }, p.failed) : '';
  const phase = status?.phase ?? u.phase;
  // Only a plan with a synthesis phase has one to link to (its phases known; older views: by the phase reached).
  const hasSynthesis = status?.phases ? status.phases.some((ph) => ph.kind === 'synthesis') : true;
  const synthesis =
    p.synthesis || (hasSynthesis && synthesisReached(phase))
      ? `<h2>Báo cáo tổng hợp</h2>
<p><a href="${base}/tong-hop" id="synthesis-link">Xem báo cáo tổng hợp, phê duyệt</a></p>
${synthesisPictures(u.campaignId, p.synthesis)}`
      : '';
  const conference = status?.phases?.some((ph) => ph.kind === 'conference')
    ? `<h2>Hội nghị</h2>\n<p><a href="${base}/hoi-nghi" id="conference-link">Giấy mời, trả lời của khách mời, kết quả hội nghị</a></p>`
    : '';
  // The awards page once the campaign has reached its awards phase (or closed after one).
  const awards =
    phase === 'awards' || (phase === 'closed' && status?.phases?.some((ph) => ph.kind === 'awards'))
      ? `<h2>Khen thưởng</h2>\n<p><a href="${base}/khen-thuong" id="awards-link">Biểu quyết của Hội đồng, quyết định khen thưởng, thống kê</a></p>`
      : '';
  return layout(
    `${u.planNumber || u.campaignId} — ${u.title}`,
    `<h1>${esc(u.title || u.campaignId)}</h1>
${flashHtml(p.flash)}${failedFlash(applying, p.actor, p.failed)}
${phaseFailuresNotice(status?.phaseFailures ?? u.phaseFailures, t)}
<dl>
<dt>Kế hoạch</dt><dd>${esc(planTagPhrase(u.planNumber))} (mã đợt ${esc(u.campaignId)})</dd>
<dt>Giai đoạn</dt><dd id="phase">${esc(status?.phases?.find((ph) => ph.kind === status.phase)?.name ?? phaseLabel(status?.phase ?? u.phase))}</dd>
${status?.selfReview ? `<dt>Hạn nộp</dt><dd id="deadline">${esc(t(status.selfReview.deadline.utc))}${status.extensions.length ? ' (đã gia hạn)' : ''}</dd>` : ''}
${status?.cancelled ? `<dt>Đã hủy</dt><dd>${esc(t(status.cancelled.at))}: ${esc(status.cancelled.reason)} (${esc(status.cancelled.by)})</dd>` : ''}
<dt>Workflow</dt><dd>${esc(u.workflowStatus)} · <a href="${esc(p.temporalUi(campaignWorkflowId(u.campaignId)))}" rel="noreferrer" target="_blank">mở trong Temporal UI</a></dd>
${parentRows(p.tree, p.timeZone)}</dl>
${p.statusError ? `<div class="msg error">${esc(p.statusError)}</div>` : ''}
${counts}
${status?.deadlinePhases ? deadlinePhasesSection(status, t) : ''}
${subCampaignsSection(p.tree, p.temporalUi)}
<h2>Đơn vị</h2>
${filters}
${table}
${status ? timeline(status, t) : ''}
${synthesis}
${conference}
${awards}
${actions ? `<h2>Thao tác</h2>\n${actions}` : ''}`,
    { nav: nav(p.staff, p.actor), wide: true },
  );
}

/** A campaign with several deadline phases: each with its deadline, whether under way, its counts once locked. */
function deadlinePhasesSection(status: CampaignStatusView, t: (utc: string) => string): string {
  const rows = (status.deadlinePhases ?? []).map((d) => {
    const current = (d.id ?? d.name) === status.deadlinePhase && !d.counts;
    const state = d.counts
      ? `Đã khóa: ${(['submitted', 'late', 'missing'] as SubmissionStatus[]).map((s) => `${STATUS[s]} ${d.counts![s]}`).join(', ')}`
      : current
        ? 'Đang nhận hồ sơ'
        : 'Chưa mở';
    return (
      `<tr${current ? ' class="now"' : ''} data-phase="${esc(d.id ?? '')}"><td>${esc(d.name)}</td>` +
      `<td>${esc(t(d.schedule.deadline.utc))}</td><td>${esc(t(d.schedule.lock.utc))}</td><td>${esc(state)}</td></tr>`
    );
  });
  return `<h2>Các giai đoạn nộp hồ sơ</h2>
<table id="deadline-phases"><thead><tr><th>Giai đoạn</th><th>Hạn nộp</th><th>Khóa</th><th>Tình hình</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** Phases, then the self-review deadline's reminders, escalations and lock, then extensions. */
function timeline(status: CampaignStatusView, t: (utc: string) => string): string {
  const now = Date.now();
  const phases = (status.phases ?? [])
    .map((ph) => {
      const current = Date.parse(ph.start) <= now && now < Date.parse(ph.end) && status.phase === ph.kind;
      return `<tr${current ? ' class="now"' : ''}><td>${esc(ph.name)}</td><td>${esc(t(ph.start))}</td><td>${esc(t(ph.end))}</td><td>${ph.conferenceAt ? `Hội nghị ${esc(t(ph.conferenceAt))}` : ''}</td></tr>`;
    })
    .join('\n');
  const s = status.selfReview;
  const events: Array<[string, string]> = s
    ? [
        ...s.reminders.map((r): [string, string] => [
          r.at.utc,
          r.kind === 'due-today' ? 'Nhắc trong ngày hết hạn' : `Nhắc trước hạn ${offsetWords(r.offset)}`,
        ]),
        [s.deadline.utc, 'Hạn nộp'],
        ...s.escalations.map((e): [string, string] => [
          e.at.utc,
          `Nâng mức ${e.step}: báo ${e.notify.map((r) => ROLE[r] ?? r).join(', ')}`,
        ]),
        [s.lock.utc, 'Khóa tiếp nhận'],
      ]
    : [];
  events.sort((a, b) => a[0].localeCompare(b[0]));
  const extensions = status.extensions.length
    ? `<h3>Gia hạn</h3><ul>${status.extensions
        .map((e) => `<li>${esc(t(e.at))}: đến ${esc(t(e.to))} — ${esc(e.reason)} (${esc(e.grantedBy)})</li>`)
        .join('')}</ul>`
    : '';
  return `<h2>Tiến trình</h2>
${phases ? `<table><thead><tr><th>Giai đoạn</th><th>Bắt đầu</th><th>Kết thúc</th><th></th></tr></thead><tbody>\n${phases}\n</tbody></table>` : ''}
${events.length ? `<h3>Lịch hạn nộp</h3><table><tbody>${events.map(([at, what]) => `<tr${Date.parse(at) < now ? ' class="past"' : ''}><td>${esc(t(at))}</td><td>${esc(what)}</td></tr>`).join('')}</tbody></table>` : ''}
${extensions}`;
}

/**
 * The forms of the actions that apply, for the roles the actor has; those it lacks are named, with
 * the role they need, instead of drawn. A failed form is refilled, its error beside it.
 */
export function actionForms(
  actions: DashboardAction[],
  base: string,
  csrf: string,
  actor: StaffActor,
  state: ActionState,
  failed?: FailedForm,
): string {
  if (actions.length === 0) return '';
  const allowed = actions.filter((a) => mayDo(actor, a));
  const lacking = actions.filter((a) => !mayDo(actor, a));
  const forms = allowed
    .map((a) => {
      const prior = failed?.action === a.id ? failed.form : {};
      const fields = a.fields
        .map((f) => {
          const id = `${a.id}-${f.name}`;
          const v = prior[f.name] ?? '';
          const hint = f.hint ? `<span class="hint">${esc(f.hint)}</span>` : '';
          if (f.type === 'confirm') {
            return `<label><input type="checkbox" id="${id}" name="${f.name}" value="yes"> ${esc(f.label)}</label>`;
          }
          if (f.type === 'textarea') {
            return `<label for="${id}">${esc(f.label)}</label><textarea id="${id}" name="${f.name}" rows="2" cols="40" maxlength="1000"${f.required ? ' required' : ''}>${esc(v)}</textarea>${hint}`;
          }
          if (f.type === 'select') {
            const choices = f.choices?.(state) ?? [];
            // Nothing to choose from: the field does not apply here (e.g. one deadline phase).
            if (choices.length === 0) return '';
            const chosen = choices.some(([value]) => value === v) ? v : choices[0]?.[0];
            return `<label for="${id}">${esc(f.label)}</label><select id="${id}" name="${f.name}">${choices
              .map(
                ([value, label]) =>
                  `<option value="${esc(value)}"${value === chosen ? ' selected' : ''}>${esc(label)}</option>`,
              )
              .join('')}</select>${hint}`;
          }
          if (f.type === 'file') {
            // A browser never refills a file input: the person picks the file again.
            return `<label for="${id}">${esc(f.label)}</label><input id="${id}" name="${f.name}" type="file"${f.accept ? ` accept="${esc(f.accept)}"` : ''}${f.required ? ' required' : ''}>${hint}`;
          }
          const type = f.type === 'number' ? 'number" min="0.5" step="0.5' : 'text';
          return `<label for="${id}">${esc(f.label)}</label><input id="${id}" name="${f.name}" type="${type}" value="${esc(v)}"${f.placeholder ? ` placeholder="${esc(f.placeholder)}"` : ''}${f.required ? ' required' : ''}${f.type === 'text' ? ' maxlength="500"' : ''}>${hint}`;
        })
        .join('\n');
      const error =
        failed?.action === a.id && failed.error
          ? `<div class="msg error" role="alert" id="error-${a.id}">${esc(failed.error)}</div>`
          : '';
      // The CSRF field comes first: the upload path reads it before any file part.
      return `<form method="post" action="${base}/do/${a.id}" id="action-${a.id}"${a.upload ? ' enctype="multipart/form-data"' : ''}>
<h3>${esc(a.title)}</h3>
${error}
<input type="hidden" name="csrf" value="${esc(csrf)}">
${fields}
<p><button type="submit"${a.danger ? ' class="danger"' : ''}>${esc(a.button)}</button></p>
</form>`;
    })
    .join('\n');
  const note = lacking.length
    ? `<p class="hint" id="actions-lacking">Tài khoản của bạn không có vai trò cho: ${lacking
        .map((a) => `${esc(a.title)} (cần vai trò ${esc(STAFF_ROLE_NAMES[a.role])})`)
        .join('; ')}.</p>`
    : '';
  return `${forms ? `<div class="actions">${forms}</div>` : ''}${note}`;
}

export interface UnitDetailInput {
  staff: StaffSession;
  actor: StaffActor;
  campaign?: CampaignStatusView;
  view: UnitStatusView;
  actions: DashboardAction[];
  timeZone: string;
  temporalUrl: string;
  link?: { url?: string; revokedAt?: string };
  flash?: Flash;
  failed?: FailedForm;
  /** The sub-campaign the unit runs (issue 15), whose approved report becomes its submission. */
  subCampaign?: SubCampaignRow;
}

export function unitDetailPage(p: UnitDetailInput): string {
  const { view: v } = p;
  const t = (utc: string) => localTime(utc, p.timeZone);
  const base = `/admin/c/${cid(v.campaignId)}/u/${cid(v.unitId)}`;
  const deliverableName = (id?: string) =>
    [...(v.deadlines ?? []).flatMap((d) => d.due.deliverables ?? []), ...(v.due.deliverables ?? [])].find(
      (d) => d.id === id,
    )?.name;
  const files = (kind: SubmissionKind, list: FileVersion[]) =>
    list.map(
      (f) =>
        `<tr><td>${esc(deliverableName(f.deliverable) ?? kindLabel(kind))}</td><td><a href="${base}/files/${esc(f.sha256)}">${esc(f.name)}</a></td><td>${f.version}</td>` +
        `<td>${esc(t(f.receivedAt))}</td><td>${f.late ? 'Nộp muộn' : 'Đúng hạn'}</td><td>${esc(f.submittedBy)}</td><td class="sha">${esc(f.sha256)}</td></tr>`,
    );
  const rows = [...files('summary-report', v.reports), ...files('presentation-paper', v.papers)];
  const owed = v.due.deliverables?.map((d) => `${d.name}${d.required ? '' : ' (nếu có)'}`).join('; ');
  const deadlines = v.deadlines
    ? `<h2>Các giai đoạn nộp hồ sơ</h2><ol id="deadlines">${v.deadlines
        .map(
          (d) =>
            `<li>${esc(d.name)}: ${esc((d.due.deliverables ?? []).map((x) => x.name).join('; ') || 'báo cáo')} — hạn ${esc(t(d.deadline))}; ` +
            `${d.state === 'later' ? 'chưa mở' : `${d.state === 'done' ? 'đã khóa' : 'đang nhận hồ sơ'} — ${esc(STATUS[d.status])}`}</li>`,
        )
        .join('')}</ol>`
    : '';
  const nominations = v.nominations.length
    ? `<p><a href="${base}/nominations.csv">Tải danh sách đề nghị (CSV)</a></p><ul>${v.nominations
        .map(
          (n) =>
            `<li>Phiên bản ${n.version}, ${esc(t(n.receivedAt))}${n.late ? ' (nộp muộn)' : ''}: ${
              n.count === 0
                ? 'không đề nghị'
                : n.version !== v.latestNominations?.version
                  ? `${n.count} đề nghị (chi tiết trong tệp CSV)`
                  : v.latestNominations.nominations
                      .map(
                        (x) =>
                          `${x.type === 'collective' ? 'Tập thể' : 'Cá nhân'} ${esc(x.name)}${x.position ? ` (${esc(x.position)})` : ''} — ${esc(x.awardForm)}`,
                      )
                      .join('; ')
            }</li>`,
        )
        .join('')}</ul>`
    : '<p>Chưa có đề nghị khen thưởng.</p>';
  const messages = v.messages.length
    ? `<table><thead><tr><th>Lúc</th><th>Loại</th><th>Gửi</th><th>Ghi chú</th></tr></thead><tbody>${v.messages
        .map(
          (m) =>
            `<tr${sentState(m) === 'refused' ? ' class="refused"' : ''}><td>${esc(t(m.at))}</td><td>${esc(MESSAGE_KIND_LABELS[m.kind] ?? m.kind)}</td><td>${esc(SENT_STATE[sentState(m)])}</td><td>${esc(m.detail ?? '')}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Chưa gửi thư nào.</p>';
  const applying = p.campaign ? p.actions.filter((a) => a.applies({ campaign: p.campaign, unit: v })) : [];
  const actions = p.campaign
    ? actionForms(applying, base, p.staff.csrf, p.actor, { campaign: p.campaign, unit: v }, p.failed)
    : '';
  return layout(
    `${v.unitName} — ${v.planNumber}`,
    `<p><a href="/admin/c/${cid(v.campaignId)}">← ${esc(p.campaign?.title ?? v.campaignId)}</a></p>
<h1>${esc(v.unitName)}</h1>
${flashHtml(p.flash)}${failedFlash(applying, p.actor, p.failed)}
<dl>
<dt>Giai đoạn</dt><dd>${esc(v.phase.name)}</dd>
${unitSubCampaignRow(p.subCampaign)}${owed ? `<dt>Hồ sơ cần nộp</dt><dd id="owed">${esc(owed)}</dd>` : ''}
<dt>Trạng thái</dt><dd id="status" class="st-${v.status}">${esc(STATUS[v.status])}${v.locked ? ' — đã khóa' : ''}${v.cancelled ? ' — đợt đã hủy' : ''}</dd>
<dt>Hạn nộp</dt><dd id="deadline">${esc(t(v.deadline))}${v.deadlineVersion > 1 ? ` (đã gia hạn, lần ${v.deadlineVersion - 1})` : ''}</dd>
<dt>Khóa tiếp nhận</dt><dd>${esc(t(v.lockAt))}</dd>
<dt>Nhắc đã gửi</dt><dd>${v.remindersSent}</dd>
<dt>Đường dẫn nộp hồ sơ</dt><dd>${p.link?.url ? 'đã cấp' : p.link?.revokedAt ? `đã thu hồi lúc ${esc(t(p.link.revokedAt))}` : 'chưa cấp'} (thu hồi, cấp lại: mục Thao tác, hoặc <code>thidua unit link ${esc(v.campaignId)} ${esc(v.unitId)} --reissue</code>)</dd>
<dt>Workflow</dt><dd><a href="${esc(p.temporalUrl)}" rel="noreferrer" target="_blank">mở trong Temporal UI</a></dd>
</dl>
${deadlines}
<h2>Hồ sơ đã nộp</h2>
${rows.length ? `<table><thead><tr><th>Loại</th><th>Tệp</th><th>Phiên bản</th><th>Nhận lúc</th><th>Hạn</th><th>Người nộp</th><th>SHA-256</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>` : '<p>Đơn vị chưa nộp tệp nào.</p>'}
<h2>Đề nghị khen thưởng</h2>
${nominations}
${v.extensions.length ? `<h2>Gia hạn</h2><ul>${v.extensions.map((e) => `<li>${esc(t(e.at))}: ${esc(t(e.from))} → ${esc(t(e.to))} — ${esc(e.reason)} (${esc(e.grantedBy)})</li>`).join('')}</ul>` : ''}
<h2>Thư đã gửi</h2>
${messages}
${actions ? `<h2>Thao tác</h2>\n${actions}` : ''}`,
    { nav: nav(p.staff, p.actor), wide: true },
  );
}

/**
 * The nominations of every version as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese).
 * `versions` are the versions in full: the unit's view summarises all but the latest.
 */
export function nominationsCsv(versions: NominationVersion[], timeZone: string): string {
  const cell = (x: unknown) => {
    const s = String(x ?? '');
    // A leading =, +, - or @ would be run as a formula by spreadsheet programs.
    const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const lines = [
    ['Phiên bản', 'Nhận lúc', 'Nộp muộn', 'Loại', 'Tên', 'Chức vụ, đơn vị', 'Hình thức khen thưởng', 'Thành tích'],
  ];
  for (const n of versions) {
    for (const x of n.nominations) {
      lines.push([
        String(n.version),
        localTime(n.receivedAt, timeZone),
        n.late ? 'có' : 'không',
        x.type === 'collective' ? 'Tập thể' : 'Cá nhân',
        x.name,
        x.position ?? '',
        x.awardForm,
        x.reasons,
      ]);
    }
  }
  return '\ufeff' + lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The synthesis page (`/admin/c/<campaign>/tong-hop`, issue 12): the draft report's state, approval
 * deadline, every version with its files, returns with remarks, the approval; and the forms the
 * signed-in person's roles allow. Rendered on the server, readable without script.
 */
import type { StaffActor } from '../../app/roles';
import type { SynthesisState, SynthesisStatusView, SynthesisVersion } from '../../domain/synthesis-types';
import { esc, layout, localTime } from '../pages';
import { localWords } from '../local-words';
import type { StaffSession } from '../security';
import type { DashboardAction } from './actions';
import { versionAuthor } from './synthesis-words';
import { actionForms, failedFlash, flashHtml, nav, synthesisPictures, type FailedForm, type Flash } from './pages';

export const SYNTHESIS_STATE: Record<SynthesisState, string> = {
  building: 'Đang lập',
  'awaiting-approval': 'Chờ phê duyệt',
  returned: 'Đã trả lại',
  approved: 'Đã phê duyệt',
  cancelled: 'Đã hủy',
};

export interface SynthesisPageInput {
  staff: StaffSession;
  actor: StaffActor;
  campaignId: string;
  /** The campaign's title, when its own query answered. */
  title?: string;
  view: SynthesisStatusView;
  actions: DashboardAction[];
  timeZone: string;
  flash?: Flash;
  failed?: FailedForm;
}

export function synthesisPage(p: SynthesisPageInput): string {
  const { view: s } = p;
  const t = (utc: string) => localTime(utc, p.timeZone);
  const campaignBase = `/admin/c/${encodeURIComponent(p.campaignId)}`;
  const base = `${campaignBase}/tong-hop`;
  const file = (sha256: string, label: string) => `<a href="${base}/tep/${esc(sha256)}">${esc(label)}</a>`;
  const row = (v: SynthesisVersion) => {
    const approved = s.approved?.version === v.version;
    return (
      `<tr data-version="${v.version}"${approved ? ' class="now"' : ''}><td>${v.version}${approved ? ' (đã phê duyệt)' : ''}</td>` +
      `<td>${v.source === 'built' ? 'lập tự động' : 'bản sửa tải lên'}</td><td>${esc(versionAuthor(v.by))}</td><td>${esc(t(v.at))}</td>` +
      `<td>${esc(v.note ?? '')}</td><td class="sha" title="${esc(v.docx.sha256)}">${esc(v.docx.sha256.slice(0, 12))}</td>` +
      `<td>${file(v.docx.sha256, `Báo cáo (.docx): ${v.docx.name}`)}<br>${file(v.pack.xlsx.sha256, 'Bảng số liệu (.xlsx)')}` +
      `<br>${file(v.pack.timelineSvg.sha256, 'Hình tiến trình (.svg)')}<br>${file(v.pack.submissionsSvg.sha256, 'Hình hồ sơ nộp (.svg)')}</td></tr>`
    );
  };
  const versions = s.versions.length
    ? `<table id="versions"><thead><tr><th>Số</th><th>Nguồn</th><th>Người</th><th>Lúc</th><th>Ghi chú</th><th>SHA-256</th><th>Tệp</th></tr></thead><tbody>
${[...s.versions].reverse().map(row).join('\n')}
</tbody></table>`
    : '<p>Dự thảo đang được lập; tải lại trang sau ít phút.</p>';
  const returns = s.returns.length
    ? `<h2>Các lần trả lại</h2><ul id="returns">${s.returns
        .map(
          (r) =>
            `<li>Bản số ${r.version} — ${esc(r.by)}, ${esc(t(r.at))}: <span style="white-space:pre-wrap">${esc(r.remarks)}</span></li>`,
        )
        .join('')}</ul>`
    : '';
  const deadline = s.deadline ? (s.deadlineLocal ? localWords(s.deadlineLocal) : t(s.deadline)) : undefined;
  const applying = p.actions.filter((a) => a.applies({ synthesis: s }));
  const actions = actionForms(applying, base, p.staff.csrf, p.actor, { synthesis: s }, p.failed);
  return layout(
    `Báo cáo tổng hợp — ${p.title ?? p.campaignId}`,
    `<p><a href="${campaignBase}">← ${esc(p.title ?? p.campaignId)}</a></p>
<h1>Báo cáo tổng hợp</h1>
${flashHtml(p.flash)}${failedFlash(applying, p.actor, p.failed)}
<dl>
<dt>Trạng thái</dt><dd id="synthesis-state">${esc(SYNTHESIS_STATE[s.state] ?? s.state)}</dd>
${deadline ? `<dt>Hạn phê duyệt</dt><dd id="approval-deadline">${esc(deadline)}${s.remindersSent ? ` (đã nhắc ${s.remindersSent} lần)` : ''}</dd>` : ''}
${s.approved ? `<dt>Phê duyệt</dt><dd id="approved">Bản số ${s.approved.version}, ${esc(s.approved.by)}, ${esc(t(s.approved.at))}</dd>` : ''}
</dl>
<h2>Các bản dự thảo</h2>
${versions}
${returns}
${synthesisPictures(p.campaignId, s)}
${actions ? `<h2>Thao tác</h2>\n${actions}` : ''}`,
    { nav: nav(p.staff, p.actor), wide: true },
  );
}

/**
 * The campaign tree on a campaign's dashboard page (issue 15, item 1), in Vietnamese, without
 * script: a parent lists its sub-campaigns with a link to each one's page, its phase, Temporal's
 * status and its units' progress; a sub-campaign links to its parent's page and names the parent unit, the follow rules and
 * what became of the result it sent up.
 */
import type { CampaignTree } from '../../app/sub-campaigns';
import type {
  ParentLink,
  SubCampaignProgress,
  SubCampaignResultOutcome,
  SubCampaignRow,
} from '../../domain/sub-campaign-types';
import { phaseStateName } from '../../domain/plan-document';
import { campaignWorkflowId } from '../../domain/workflow-types';
import { esc, localTime } from '../pages';

export type DashboardTree = CampaignTree & { resultUnread?: boolean };

const cid = (id: string) => encodeURIComponent(id);
const phaseLabel = phaseStateName;

/** Temporal's execution status as the secretariat reads it. */
const EXECUTION: Record<string, string> = {
  RUNNING: 'đang chạy',
  COMPLETED: 'đã kết thúc',
  CANCELLED: 'đã hủy',
  TERMINATED: 'đã dừng (terminate)',
  FAILED: 'lỗi, đã dừng',
  TIMED_OUT: 'quá thời gian, đã dừng',
  CONTINUED_AS_NEW: 'chạy tiếp ở lần chạy mới',
};

function resultText(o: SubCampaignResultOutcome | undefined, timeZone: string): string {
  if (!o) return 'Chưa gửi lên: gửi khi báo cáo tổng hợp của đợt này được phê duyệt.';
  if (!o.sent) return `Đợt cấp trên không nhận: ${o.reason}`;
  return (
    `Đã gửi lên, đợt cấp trên nhận lúc ${localTime(o.receivedAt, timeZone)}` +
    `${o.late ? ' (nộp muộn)' : ' (đúng hạn)'}, kèm ${o.nominations} đề nghị khen thưởng.`
  );
}

/** The parent's phase as its plan names it; the id (the file's `phase:`) for a link started before names were kept. */
const phaseOf = (link: ParentLink): string =>
  link.phaseName ? `"${link.phaseName}"` : link.phaseId ? `mã ${link.phaseId}` : 'nộp đầu tiên';

/** The lines of the campaign's `<dl>` for a sub-campaign: its parent, the rules, the result. */
export function parentRows(tree: DashboardTree | undefined, timeZone: string): string {
  const parent = tree?.parent;
  if (!parent) return '';
  const unit = parent.unitName ? `${esc(parent.unitName)} (${esc(parent.unitId)})` : esc(parent.unitId);
  const link = tree.link;
  const rules = link
    ? `<dt>Theo đợt cấp trên</dt><dd id="parent-rules">Kết quả nộp vào giai đoạn ${esc(phaseOf(link))}` +
      ` · gia hạn của cấp trên: ${link.onParentExtension === 'keep' ? 'giữ hạn của đợt này' : 'lùi hạn theo'}` +
      ` · cấp trên hủy đợt: ${link.onParentCancel === 'continue' ? 'đợt này vẫn tiếp tục' : 'hủy theo'}</dd>\n`
    : '';
  const result = tree.resultUnread
    ? 'Tạm không đọc được (worker không trả lời).'
    : esc(resultText(tree.reportedUp, timeZone));
  return (
    `<dt>Đợt cấp trên</dt><dd id="parent"><a href="/admin/c/${cid(parent.campaignId)}" id="parent-link">` +
    `${esc(parent.title || parent.campaignId)}</a> (mã đợt ${esc(parent.campaignId)}) — đơn vị ${unit}</dd>\n` +
    rules +
    `<dt>Kết quả gửi lên</dt><dd id="reported-up">${result}</dd>\n`
  );
}

/** A sub-campaign's units as the parent's secretariat reads them: turned in of all, late, missing. */
function progressText(p: SubCampaignProgress | undefined): string {
  if (!p) return '';
  return `Đã nộp ${p.submitted + p.late}/${p.total} đơn vị (nộp muộn ${p.late}) · quá hạn, chưa nộp ${p.missing}`;
}

/** A parent's section "Đợt con": one row per sub-campaign, linked to its page and to the Temporal UI. */
export function subCampaignsSection(
  tree: DashboardTree | undefined,
  temporalUi: (workflowId: string) => string,
): string {
  const rows = tree?.subCampaigns ?? [];
  if (rows.length === 0) return '';
  return `<h2>Đợt con</h2>
<p class="hint">Đơn vị tự tổ chức đợt của mình cho các đơn vị thuộc quyền; báo cáo tổng hợp được phê duyệt của đợt con là hồ sơ đơn vị nộp cho đợt này.</p>
<table id="sub-campaigns"><thead><tr><th>Đơn vị</th><th>Đợt con</th><th>Giai đoạn</th><th>Trạng thái</th><th>Tiến độ của đợt con</th><th></th></tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr data-sub-campaign="${esc(r.campaignId)}"><td>${esc(r.unitName || r.unitId)}</td>` +
      `<td><a href="/admin/c/${cid(r.campaignId)}">${esc(r.title || r.campaignId)}</a> (${esc(r.campaignId)})</td>` +
      `<td>${r.phase ? esc(phaseLabel(r.phase)) : ''}</td><td>${esc(EXECUTION[r.execution] ?? r.execution)}</td>` +
      `<td>${esc(progressText(r.progress))}</td>` +
      `<td><a href="${esc(temporalUi(campaignWorkflowId(r.campaignId)))}" rel="noreferrer" target="_blank">Temporal</a></td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

/** Beside a unit's name in the units table: a link to the sub-campaign it runs, if any. */
export function unitSubCampaignMark(tree: DashboardTree | undefined, unitId: string): string {
  const sub = tree?.subCampaigns.find((r) => r.unitId === unitId);
  return sub ? ` <a class="sub-campaign" href="/admin/c/${cid(sub.campaignId)}">(đợt con)</a>` : '';
}

/** On the page of a unit that runs a sub-campaign: where its submission will come from. */
export function unitSubCampaignRow(sub: SubCampaignRow | undefined): string {
  if (!sub) return '';
  return (
    `<dt>Đợt con</dt><dd id="sub-campaign">Đơn vị tổ chức đợt riêng <a href="/admin/c/${cid(sub.campaignId)}">` +
    `${esc(sub.title || sub.campaignId)}</a> (${esc(sub.campaignId)}; ${esc(sub.phase ? phaseLabel(sub.phase) : '')}` +
    `${sub.phase ? ', ' : ''}${esc(EXECUTION[sub.execution] ?? sub.execution)}); báo cáo tổng hợp được phê duyệt của đợt ` +
    'đó sẽ là hồ sơ đơn vị nộp cho đợt này.</dd>\n'
  );
}

/** In the list of campaigns: a sub-campaign's parent, linked. */
export function parentNote(row: { parentCampaignId?: string; parentUnitId?: string }): string {
  if (!row.parentCampaignId) return '';
  return (
    `<br><small class="parent">đợt con của <a href="/admin/c/${cid(row.parentCampaignId)}">${esc(row.parentCampaignId)}</a>` +
    `${row.parentUnitId ? ` (đơn vị ${esc(row.parentUnitId)})` : ''}</small>`
  );
}

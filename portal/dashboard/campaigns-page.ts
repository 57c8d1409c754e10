/**
 * The dashboard's first page: every campaign, newest first, read from visibility (no worker needed).
 * A campaign whose later phase failed is marked in red on its row, linking to its page and its alert.
 */
import type { CampaignRow } from '../../app/campaigns';
import type { StaffActor } from '../../app/roles';
import { esc, layout, localTime } from '../pages';
import type { StaffSession } from '../security';
import { nav, phaseLabel } from './pages';
import { phaseFailuresMark } from './phase-failures-notice';
import { parentNote } from './sub-campaigns-page';

const cid = (id: string) => encodeURIComponent(id);

export function campaignsPage(staff: StaffSession, actor: StaffActor, rows: CampaignRow[], timeZone: string): string {
  const body = rows.length
    ? `<table><thead><tr><th>Đợt</th><th>Số kế hoạch</th><th>Tên</th><th>Giai đoạn</th><th>Hạn nộp</th><th>Workflow</th></tr></thead><tbody>
${rows
  .map(
    (r) =>
      `<tr><td><a href="/admin/c/${cid(r.campaignId)}">${esc(r.campaignId)}</a>${parentNote(r)}${phaseFailuresMark(r)}</td><td>${esc(r.planNumber)}</td><td>${esc(r.title)}</td>` +
      `<td>${esc(phaseLabel(r.phase))}</td><td>${r.deadline ? esc(localTime(r.deadline, timeZone)) : ''}</td><td>${esc(r.workflowStatus)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : '<p>Chưa có đợt nào. Bắt đầu một đợt bằng nút dưới đây, hoặc bằng <code>thidua campaign start config/campaigns/&lt;tệp&gt;.yaml</code>.</p>';
  const create =
    '<p><a id="new-campaign" href="/admin/dot-moi">Tạo đợt thi đua mới</a> · <a id="schedules" href="/admin/lich-dinh-ky">Lịch định kỳ</a>' +
    ' · <a id="statistics" href="/admin/thong-ke">Thống kê khen thưởng</a></p>';
  return layout('Các đợt thi đua', `<h1>Các đợt thi đua</h1>\n${create}\n${body}`, {
    nav: nav(staff, actor),
    wide: true,
  });
}

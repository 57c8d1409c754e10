/**
 * `/admin/thong-ke?nam=2026`: the award statistics of a year (issue 14, item 5), read-only — the counts
 * by form, collective and individual, across the campaigns whose award decision is dated in that
 * year, the campaigns counted, those not counted and why, and the `.xlsx` to download.
 */
import type { StaffActor } from '../../app/roles';
import type { YearAwardStatistics } from '../../app/award-statistics';
import { totals } from '../../documents/award-statistics';
import { esc, layout } from '../pages';
import type { StaffSession } from '../security';
import { nav } from './pages';
import { isoDayVn } from '../../domain/iso-day';

export const STATISTICS_PATH = '/admin/thong-ke';
export const statisticsXlsxPath = (year: number) => `${STATISTICS_PATH}/${year}.xlsx`;

const cid = (id: string) => encodeURIComponent(id);

function table(s: YearAwardStatistics): string {
  if (s.rows.length === 0) return '<p id="no-awards">Chưa có khen thưởng nào theo quyết định ký trong năm này.</p>';
  const sum = totals(s.rows);
  const row = (cells: Array<string | number>, tag = 'td') =>
    `<tr>${cells.map((c, i) => `<${tag}${i > 1 ? ' class="num"' : ''}>${esc(c)}</${tag}>`).join('')}</tr>`;
  return `<table id="award-statistics"><thead>${row(['STT', 'Hình thức khen thưởng', 'Tập thể', 'Cá nhân', 'Cộng'], 'th')}</thead><tbody>
${s.rows.map((r, i) => row([i + 1, r.formName, r.collective, r.individual, r.collective + r.individual])).join('\n')}
</tbody><tfoot>${row(['', 'Tổng cộng', sum.collective, sum.individual, sum.collective + sum.individual], 'th')}</tfoot></table>`;
}

export function statisticsPage(staff: StaffSession, actor: StaffActor, s: YearAwardStatistics): string {
  const pick = `<form method="get" action="${STATISTICS_PATH}" id="pick-year"><label>Năm <input type="number" name="nam" min="2000" max="2100" value="${s.year}"></label> <button type="submit">Xem</button></form>`;
  const counted = s.campaigns.length
    ? `<h2>Các đợt được tính</h2><ul id="counted">${s.campaigns
        .map(
          (c) =>
            `<li data-campaign="${esc(c.campaignId)}"><a href="/admin/c/${cid(c.campaignId)}/khen-thuong">${esc(c.campaignId)}</a>` +
            `${c.title ? ` — ${esc(c.title)}` : ''}${c.decision ? `: Quyết định số ${esc(c.decision.number)} ngày ${esc(isoDayVn(c.decision.date))}` : ''}</li>`,
        )
        .join('')}</ul>`
    : '';
  const skipped = s.skipped.length
    ? `<h2>Các đợt không tính</h2><ul id="skipped">${s.skipped
        .map((k) => `<li data-campaign="${esc(k.campaignId)}">${esc(k.campaignId)}: ${esc(k.reason)}</li>`)
        .join('')}</ul>`
    : '';
  const download = `<p><a id="download-statistics" href="${statisticsXlsxPath(s.year)}">Tải bảng thống kê năm ${s.year} (.xlsx)</a></p>`;
  const lead = `<p>Số tập thể, cá nhân được khen thưởng theo từng hình thức, theo các quyết định khen thưởng ký trong năm ${s.year} (${s.campaigns.length} đợt).</p>`;
  const title = `Thống kê khen thưởng năm ${s.year}`;
  return layout(title, `<h1>${esc(title)}</h1>\n${pick}\n${lead}\n${table(s)}\n${download}\n${counted}\n${skipped}`, {
    nav: nav(staff, actor),
    wide: true,
  });
}

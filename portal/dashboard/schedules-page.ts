/**
 * `/admin/lich-dinh-ky`: the recurring campaigns' schedules (issue 15), read-only — each with its
 * template, period, next runs in Việt Nam's time, and whether it is paused (with the reason). Making,
 * pausing, triggering and deleting schedules is done with `thidua schedule …`.
 */
import type { StaffActor } from '../../app/roles';
import type { ScheduleRow } from '../../app/schedules';
import { SCHEDULE_ZONE } from '../../app/schedule-period';
import { esc, layout, localTime } from '../pages';
import type { StaffSession } from '../security';
import { nav } from './pages';

export const SCHEDULES_PATH = '/admin/lich-dinh-ky';

const EVERY: Record<ScheduleRow['every'], string> = { 'half-year': 'Mỗi nửa năm', year: 'Mỗi năm' };

export function schedulesPage(staff: StaffSession, actor: StaffActor, rows: ScheduleRow[]): string {
  const body = rows.length
    ? `<table id="schedules"><thead><tr><th>Mã lịch</th><th>Mẫu kế hoạch</th><th>Chu kỳ</th><th>Các lần chạy tới (giờ Việt Nam)</th><th>Trạng thái</th></tr></thead><tbody>
${rows
  .map((r) => {
    const next = r.nextRuns
      .slice(0, 4)
      .map((n) => `<li>${esc(localTime(n.at, SCHEDULE_ZONE))} — kỳ ${esc(n.period)}</li>`)
      .join('');
    const state = r.paused
      ? `<strong class="paused">Tạm dừng</strong>${r.note ? `: ${esc(r.note)}` : ''}`
      : 'Đang chạy';
    return (
      `<tr data-schedule="${esc(r.scheduleId)}"><td>${esc(r.scheduleId)}</td>` +
      `<td>${esc(r.template)}<br><small>${esc(r.title)}</small></td><td>${EVERY[r.every]}</td>` +
      `<td><ul>${next}</ul></td><td>${state}</td></tr>`
    );
  })
  .join('\n')}
</tbody></table>`
    : '<p>Chưa có lịch định kỳ nào.</p>';
  const how =
    '<p class="hint">Tạo và điều khiển lịch bằng dòng lệnh: <code>thidua schedule create TỆP --every half-year|year</code>, ' +
    '<code>pause</code>, <code>resume</code>, <code>trigger</code>, <code>backfill</code>, <code>delete</code>. ' +
    'Mỗi kỳ bắt đầu một đợt có mã <code>&lt;mã lịch&gt;-&lt;kỳ&gt;</code>, ví dụ <code>khoi-noi-chinh-2027-h1</code>; một kỳ không chạy hai lần.</p>';
  return layout('Lịch định kỳ', `<h1>Lịch định kỳ</h1>\n${how}\n${body}`, { nav: nav(staff, actor), wide: true });
}

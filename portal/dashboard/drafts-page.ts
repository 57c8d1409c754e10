/**
 * The pages for starting a campaign from the dashboard (issue 18), under `/admin/dot-moi`: the drafts
 * and the ways to make one (upload, sample, copy), and a draft's page (its text, every problem beside
 * it, the preview of the plan and of the messages, start and rehearsal for an approver). Server
 * rendered in Vietnamese, no script: every button is a form.
 */
import { DateTime } from 'luxon';
import type { DraftPreview, Problem } from '../../app/campaign-drafts';
import type { StaffActor } from '../../app/roles';
import { localDateOf, vietnameseWeekday } from '../../domain/date-phrases';
import { STAFF_ROLE_NAMES } from '../../domain/synthesis-types';
import { badRowsOf, COPY_YEARS } from '../../app/campaign-drafts';
import { dropRows, MAX_SHEET_BYTES, UNIT_KIND_NAMES, type SheetProblem } from '../../sheets/unit-import';
import type { CampaignDraft, DraftSummary, PendingImport } from '../../stores/campaign-drafts';
import { esc, layout, localTime } from '../pages';
import type { StaffSession } from '../security';
import { flashHtml, nav, type Flash } from './pages';

export const DRAFTS_BASE = '/admin/dot-moi';
/** The unit sheet template, for any signed-in staff member. */
export const UNIT_TEMPLATE_PATH = `${DRAFTS_BASE}/mau-don-vi.xlsx`;
const draftUrl = (id: string) => `${DRAFTS_BASE}/${encodeURIComponent(id)}`;
const csrfField = (staff: StaffSession) => `<input type="hidden" name="csrf" value="${esc(staff.csrf)}">`;

/** Every problem with its place: line (and column), field, message; errors before warnings. */
export function problemsHtml(problems: Problem[]): string {
  if (problems.length === 0) return '<p id="problems" class="msg ok" role="status">Không có lỗi nào.</p>';
  const errors = problems.filter((p) => p.severity === 'error').length;
  const rows = [...problems]
    .sort((a, b) => (a.severity === b.severity ? (a.line ?? 0) - (b.line ?? 0) : a.severity === 'error' ? -1 : 1))
    .map(
      (p) =>
        `<tr class="${p.severity}"><td>${p.severity === 'error' ? 'Lỗi' : 'Cảnh báo'}</td>` +
        `<td>${p.line === undefined ? '' : `dòng ${p.line}${p.column ? `, cột ${p.column}` : ''}`}</td>` +
        // The unit named beside its field, as `campaign validate` names it: the clerk finds it by id.
        `<td><code>${esc(p.path)}</code>${p.unitId ? ` (đơn vị <code>${esc(p.unitId)}</code>)` : ''}</td><td>${esc(p.message)}</td></tr>`,
    )
    .join('\n');
  return `<div id="problems"><p class="msg ${errors ? 'error' : 'ok'}" role="status">${errors} lỗi, ${problems.length - errors} cảnh báo.</p>
<table><thead><tr><th>Loại</th><th>Vị trí</th><th>Trường</th><th>Nội dung</th></tr></thead><tbody>
${rows}
</tbody></table></div>`;
}

export interface DraftsPageInput {
  staff: StaffSession;
  actor: StaffActor;
  drafts: DraftSummary[];
  samples: string[];
  /** Earlier campaigns (started on this server) a draft can be copied from. */
  campaigns?: Array<{ campaignId: string; title: string }>;
  timeZone: string;
  flash?: Flash;
  /** Why an upload made no draft (not UTF-8, too large): shown beside the upload form. */
  uploadProblems?: Problem[];
  uploadError?: string;
  maxMb: number;
}

export function draftsPage(p: DraftsPageInput): string {
  const mayEdit = p.actor.roles.includes('clerk');
  const list = p.drafts.length
    ? `<table id="drafts"><thead><tr><th>Bản nháp</th><th>Người tạo</th><th>Thay đổi gần nhất</th><th>Cỡ</th></tr></thead><tbody>
${p.drafts
  .map(
    (d) =>
      `<tr><td><a href="${draftUrl(d.id)}">${esc(d.id)}</a></td><td>${esc(d.createdBy)}, ${esc(localTime(d.createdAt, p.timeZone))}</td>` +
      `<td>${esc(d.last.by)}, ${esc(localTime(d.last.at, p.timeZone))}: ${esc(d.last.what)}</td><td>${Math.ceil(d.bytes / 1024)} KB</td></tr>`,
  )
  .join('\n')}
</tbody></table>`
    : '<p>Chưa có bản nháp nào.</p>';
  const uploadFailed =
    (p.uploadError ? `<div class="msg error" role="alert">${esc(p.uploadError)}</div>` : '') +
    (p.uploadProblems?.length ? problemsHtml(p.uploadProblems) : '');
  const forms = mayEdit
    ? `<div class="actions">
<form id="upload" method="post" action="${DRAFTS_BASE}/tai-len" enctype="multipart/form-data">
<h3>Tải lên tệp kế hoạch (.yaml)</h3>
${csrfField(p.staff)}
<input type="file" name="file" accept=".yaml,.yml" required>
<span class="hint">Tệp mã hóa UTF-8, tối đa ${p.maxMb} MB.</span>
<p><button type="submit">Tải lên</button></p>
${uploadFailed}
</form>
<form id="from-sample" method="post" action="${DRAFTS_BASE}/tu-mau">
<h3>Bắt đầu từ mẫu</h3>
${csrfField(p.staff)}
<label for="sample">Mẫu</label>
<select id="sample" name="sample">${p.samples.map((s) => `<option value="${esc(s)}">${esc(s)}</option>`).join('')}</select>
<p><button type="submit">Tạo bản nháp từ mẫu</button></p>
</form>
${
  p.drafts.length
    ? `<form id="copy" method="post" action="${DRAFTS_BASE}/sao-chep">
<h3>Sao chép một bản nháp</h3>
${csrfField(p.staff)}
<label for="from">Bản nháp</label>
<select id="from" name="from">${p.drafts.map((d) => `<option value="${esc(d.id)}">${esc(d.id)} (${esc(d.last.by)})</option>`).join('')}</select>
<label for="years">Dời ngày (số năm)</label>
<input id="years" name="years" type="number" value="1" min="${COPY_YEARS.min}" max="${COPY_YEARS.max}" step="1" required>
<p class="hint">Mọi ngày tháng của bản sao (ngày ban hành, thời gian các bước, hạn, ngày khóa, ngày hội nghị) dời theo số năm này, giữ ngày và tháng; mã đợt kết thúc bằng năm cũng dời. Ghi 0 để sao chép nguyên văn.</p>
<p><button type="submit">Sao chép</button></p>
</form>`
    : ''
}
${
  p.campaigns?.length
    ? `<form id="from-campaign" method="post" action="${DRAFTS_BASE}/tu-dot">
<h3>Sao chép từ một đợt đã chạy</h3>
${csrfField(p.staff)}
<label for="campaign">Đợt thi đua</label>
<select id="campaign" name="campaign">${p.campaigns.map((c) => `<option value="${esc(c.campaignId)}">${esc(c.campaignId)} — ${esc(c.title)}</option>`).join('')}</select>
<label for="campaign-years">Dời ngày (số năm)</label>
<input id="campaign-years" name="years" type="number" value="1" min="${COPY_YEARS.min}" max="${COPY_YEARS.max}" step="1" required>
<p class="hint">Kế hoạch của đợt như lúc bắt đầu, mọi ngày tháng dời theo số năm này (giữ ngày và tháng); dùng để chuẩn bị đợt sơ kết, tổng kết kỳ sau.</p>
<p><button type="submit">Sao chép đợt</button></p>
</form>`
    : ''
}
</div>`
    : `<p class="hint">Tạo và sửa bản nháp cần vai trò "${esc(STAFF_ROLE_NAMES.clerk)}".</p>`;
  return layout(
    'Tạo đợt thi đua mới',
    `<p><a href="/admin">← Các đợt thi đua</a></p>
<h1>Tạo đợt thi đua mới</h1>
${flashHtml(p.flash)}
<h2>Tạo bản nháp</h2>
${forms}
<h2>Các bản nháp</h2>
${list}`,
    { nav: nav(p.staff, p.actor), wide: true },
  );
}

export interface DraftPageInput {
  staff: StaffSession;
  actor: StaffActor;
  draft: CampaignDraft;
  /** The text in the box: what was typed, when it could not be saved; the draft's otherwise. */
  text?: string;
  timeZone: string;
  flash?: Flash;
  /** The check's problems, shown beside the text. */
  problems?: Problem[];
  preview?: DraftPreview;
  /** The compression the preview was made with, if a rehearsal's. */
  rehearse?: string;
  /** What the start form needs: the units and the first message's time (from a clean preview). */
  start?: { unitCount: number; firstMessageAt: string; campaignId: string };
  /** Why the start form is not drawn (the draft has errors). */
  startBlocked?: string;
  /** A start that failed, beside its form. */
  startError?: string;
  /** Why an uploaded sheet was not kept (the whole file's problems), or an import refused: beside the sheet form. */
  sheetError?: string;
  sheetProblems?: SheetProblem[];
}

export function draftPage(p: DraftPageInput): string {
  const base = draftUrl(p.draft.id);
  const mayEdit = p.actor.roles.includes('clerk');
  const mayStart = p.actor.roles.includes('approver');
  const text = p.text ?? p.draft.yaml;
  const lines = Math.min(Math.max(text.split('\n').length + 2, 12), 40);
  const editor = `<form id="edit" method="post" action="${base}/luu">
${csrfField(p.staff)}
<label for="yaml">Nội dung tệp kế hoạch (YAML)</label>
<textarea id="yaml" name="yaml" rows="${lines}" spellcheck="false" style="width:100%;box-sizing:border-box;font-family:ui-monospace,monospace;font-size:13px"${mayEdit ? '' : ' readonly'}>${esc(text)}</textarea>
<p>${mayEdit ? '<button type="submit" name="do" value="luu">Lưu</button> <button type="submit" name="do" value="kiem-tra">Lưu và kiểm tra</button> <button type="submit" name="do" value="xem-truoc">Lưu và xem trước</button>' : `<a href="${base}?xem=kiem-tra">Kiểm tra</a> · <a href="${base}?xem=xem-truoc">Xem trước</a> <span class="hint">(sửa nội dung cần vai trò "${esc(STAFF_ROLE_NAMES.clerk)}")</span>`}</p>
</form>`;
  const side = p.problems ? `<h2>Kết quả kiểm tra</h2>\n${problemsHtml(p.problems)}` : '';
  const history = `<h2>Lịch sử thay đổi</h2><table id="history"><thead><tr><th>Lúc</th><th>Người</th><th>Việc</th></tr></thead><tbody>
${[...p.draft.history]
  .reverse()
  .map((h) => `<tr><td>${esc(localTime(h.at, p.timeZone))}</td><td>${esc(h.by)}</td><td>${esc(h.what)}</td></tr>`)
  .join('\n')}
</tbody></table>`;
  return layout(
    `Bản nháp ${p.draft.id}`,
    `<p><a href="${DRAFTS_BASE}">← Các bản nháp</a></p>
<h1>Bản nháp đợt thi đua ${esc(p.draft.id)}</h1>
${flashHtml(p.flash)}
<div style="display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:24px;align-items:start">
<div>${editor}</div>
<div>${side || '<p class="hint">Bấm "Lưu và kiểm tra" để thấy mọi lỗi, với dòng và trường của nó.</p>'}</div>
</div>
${importHtml(p, base, mayEdit)}
${p.preview ? previewHtml(p.preview, base, p.rehearse) : ''}
${startForms(p, base, mayStart)}
${history}`,
    { nav: nav(p.staff, p.actor), wide: true },
  );
}

/** A sheet problem's message without its place, which the table shows in its own columns. */
function messageOf(p: SheetProblem): string {
  for (const place of [
    p.column && p.header ? `Dòng ${p.row}, cột ${p.column} (${p.header}): ` : undefined,
    p.column ? `Dòng ${p.row}, cột ${p.column}: ` : undefined,
    `Dòng ${p.row}: `,
  ]) {
    if (place && p.message.startsWith(place)) return p.message.slice(place.length);
  }
  return p.message;
}

/** The unit sheet: its upload form and template, and the pending import's preview with its choices. */
function importHtml(p: DraftPageInput, base: string, mayEdit: boolean): string {
  const refused =
    (p.sheetError ? `<div class="msg error" role="alert">${esc(p.sheetError)}</div>` : '') +
    (p.sheetProblems?.length
      ? `<ul id="sheet-problems">${p.sheetProblems.map((x) => `<li>${esc(x.message)}</li>`).join('')}</ul>`
      : '');
  const template = `<a id="sheet-template" href="${UNIT_TEMPLATE_PATH}">Tải mẫu bảng tính</a>`;
  const form = mayEdit
    ? `<form id="sheet-upload" method="post" action="${base}/bang-tinh" enctype="multipart/form-data">
<h3>Nhập danh sách đơn vị từ bảng tính (.xlsx hoặc .csv)</h3>
${csrfField(p.staff)}
<input type="file" name="file" accept=".xlsx,.csv" required>
<span class="hint">Tối đa ${Math.round(MAX_SHEET_BYTES / 1024 / 1024)} MB. Chưa nhập gì cho tới khi bạn xem trước và xác nhận; danh sách nhập vào thay toàn bộ mục <code>units</code>.</span>
<p><button type="submit">Tải lên và xem trước</button> · ${template}</p>
${refused}
</form>`
    : `<p>${template} <span class="hint">(nhập danh sách đơn vị cần vai trò "${esc(STAFF_ROLE_NAMES.clerk)}")</span></p>`;
  const pending = p.draft.pendingImport;
  return `<section id="import">
<h2>Danh sách đơn vị từ bảng tính</h2>
${form}
${pending ? pendingHtml(p, pending, base, mayEdit) : ''}
</section>`;
}

function pendingHtml(p: DraftPageInput, pending: PendingImport, base: string, mayEdit: boolean): string {
  const bad = badRowsOf(pending);
  const byRow = new Map<number, { unit?: PendingImport['units'][number]; problems: SheetProblem[] }>();
  pending.units.forEach((unit, i) => byRow.set(pending.unitRows[i], { unit, problems: [] }));
  for (const problem of pending.problems) {
    const entry = byRow.get(problem.row) ?? { problems: [] };
    entry.problems.push(problem);
    byRow.set(problem.row, entry);
  }
  const rows = [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, { unit, problems }]) => {
      const cells = unit
        ? [
            unit.id,
            unit.name,
            UNIT_KIND_NAMES[unit.kind] ?? unit.kind,
            unit.cluster ?? '',
            unit.focal.email,
            unit.head.email,
          ]
            .map((c) => `<td>${esc(c)}</td>`)
            .join('')
        : '<td colspan="6"></td>';
      const notes = problems
        .map(
          (x) =>
            `<li>${x.column ? `<strong>cột ${esc(x.column)}${x.header ? ` (${esc(x.header)})` : ''}</strong>: ` : ''}${esc(messageOf(x))}</li>`,
        )
        .join('');
      return `<tr${problems.length ? ' class="error"' : ''}><td>${row}</td>${cells}<td>${notes ? `<ul>${notes}</ul>` : 'Đúng'}</td></tr>`;
    })
    .join('\n');
  const rowList = bad.join(', ');
  const kept = dropRows(pending, bad);
  const csrf = csrfField(p.staff);
  const cancel = `<form id="import-cancel" method="post" action="${base}/nhap-don-vi">${csrf}<input type="hidden" name="do" value="huy"><button type="submit">Hủy</button></form>`;
  let actions = '';
  if (mayEdit && pending.problems.length === 0) {
    actions = `<div class="actions">
<form id="import-all" method="post" action="${base}/nhap-don-vi">${csrf}<input type="hidden" name="do" value="nhap"><button type="submit">Nhập ${pending.units.length} đơn vị</button></form>
${cancel}
</div>`;
  } else if (mayEdit && kept.units.length > 0 && kept.problems.length === 0) {
    const label = `Bỏ các dòng lỗi (dòng ${rowList}) và nhập ${kept.units.length} đơn vị`;
    actions = `<div class="actions">
<form id="import-drop" method="post" action="${base}/nhap-don-vi">${csrf}<input type="hidden" name="do" value="bo-dong-loi"><input type="hidden" name="rows" value="${esc(bad.join(','))}">
<label><input type="checkbox" name="confirm" value="yes" required> ${esc(`Bỏ các dòng ${rowList}: các đơn vị ở những dòng này không được nhập.`)}</label>
<p><button type="submit">${esc(label)}</button></p></form>
${cancel}
</div>
<p class="hint">Hoặc sửa tệp rồi tải lên lại.</p>`;
  } else if (mayEdit) {
    actions = `<p class="hint">Không có dòng nào nhập được: sửa tệp rồi tải lên lại.</p>${cancel}`;
  }
  return `<div id="pending-import">
<h3>Xem trước bảng tính "${esc(pending.fileName)}" (${esc(pending.by)}, ${esc(localTime(pending.at, p.timeZone))})</h3>
<p class="msg ${bad.length ? 'error' : 'ok'}" role="status">${pending.rows} dòng: ${pending.units.length} đơn vị đúng, ${bad.length} dòng lỗi${bad.length ? ` (dòng ${rowList})` : ''}. Chưa nhập gì.</p>
<table id="import-units"><thead><tr><th>Dòng</th><th>Mã đơn vị</th><th>Tên đơn vị</th><th>Loại</th><th>Cụm, khối</th><th>Email đầu mối</th><th>Email thủ trưởng</th><th>Kiểm tra</th></tr></thead><tbody>
${rows}
</tbody></table>
${actions}
</div>`;
}

function startForms(p: DraftPageInput, base: string, mayStart: boolean): string {
  if (!mayStart) {
    return `<h2>Bắt đầu</h2><p class="hint">Bắt đầu hay diễn tập một đợt cần vai trò "${esc(STAFF_ROLE_NAMES.approver)}".</p>`;
  }
  const error = p.startError ? `<div class="msg error" role="alert">${esc(p.startError)}</div>` : '';
  if (!p.start) {
    return `<h2>Bắt đầu</h2>${error}<p class="hint">${esc(p.startBlocked ?? 'Sửa các lỗi trước khi bắt đầu.')}</p>`;
  }
  const s = p.start;
  const confirm = `Gửi kế hoạch tới ${s.unitCount} đơn vị lúc ${s.firstMessageAt} (ngay khi bấm)`;
  return `<h2>Bắt đầu</h2>
${error}
<div class="actions">
<form id="start" method="post" action="${base}/bat-dau">
<h3>Bắt đầu đợt "${esc(s.campaignId)}"</h3>
${csrfField(p.staff)}
<label><input type="checkbox" name="confirm" value="yes" required> ${esc(confirm)}</label>
<p><button type="submit" class="danger">Bắt đầu</button></p>
</form>
<form id="rehearse" method="post" action="${base}/bat-dau">
<h3>Diễn tập (thời gian rút gọn)</h3>
${csrfField(p.staff)}
<label for="rehearse-spec">Tỉ lệ rút gọn</label>
<input type="text" id="rehearse-spec" name="rehearse" value="1d=20s" required maxlength="20">
<span class="hint">"1d=20s": mỗi ngày của kế hoạch là 20 giây; thư gửi thật tới các địa chỉ trong tệp.</span>
<label><input type="checkbox" name="confirm" value="yes" required> ${esc(`Diễn tập: gửi kế hoạch tới ${s.unitCount} đơn vị lúc ${s.firstMessageAt} (ngay khi bấm)`)}</label>
<p><button type="submit">Diễn tập</button></p>
</form>
</div>`;
}

function previewHtml(v: DraftPreview, base: string, rehearse?: string): string {
  const zone = v.compiled.timeZone;
  const seconds = v.compiled.rehearsal !== undefined;
  const rows = v.rows
    .map((r) => {
      const when = r.approximate
        ? `<td colspan="2">${esc(r.event === 'plan' ? `Trong ${r.approximate}` : `Khoảng ${r.approximate}`)}</td>`
        : `<td>${esc(`${vietnameseWeekday(localDateOf(r.at.utc, zone))} ${r.at.local.slice(0, 10)}`)}</td><td>${esc(seconds ? DateTime.fromISO(r.at.utc, { zone: 'utc' }).setZone(zone).toFormat('HH:mm:ss') : r.at.local.slice(11))}</td>`;
      return `<tr>${when}<td>${r.phaseNumber ?? ''}</td><td>${esc(r.what)}</td><td>${esc(r.to)}</td></tr>`;
    })
    .join('\n');
  const readings = v.readings
    .map(([label, i]) => `<li>${esc(label)}: "${esc(i.written)}" — ${esc(i.reading)}</li>`)
    .join('\n');
  const notes = (v.compiled.notes ?? []).map((n) => `<li>${esc(n)}</li>`).join('\n');
  const messages = v.messages
    .map(
      (m) => `<section class="message">
<h3>${esc(m.label)} — gửi ${esc(m.unitName)}, lúc ${esc(m.at)}</h3>
<p><strong>Tiêu đề:</strong> <span class="subject">${esc(m.message.subject)}</span></p>
<pre style="white-space:pre-wrap;background:#f4f5f7;padding:12px;border-radius:4px">${esc(m.message.text)}</pre>
</section>`,
    )
    .join('\n');
  return `<section id="preview">
<h2>Xem trước: tiến trình (${v.unitCount} đơn vị${v.compiled.rehearsal ? `, diễn tập ${esc(v.compiled.rehearsal.spec)}` : ''})</h2>
<form method="get" action="${base}" class="filters">
<input type="hidden" name="xem" value="xem-truoc">
<label for="dien-tap">Xem trước khi diễn tập với tỉ lệ</label>
<input type="text" id="dien-tap" name="dien-tap" value="${esc(rehearse ?? '1d=20s')}" maxlength="20">
<button type="submit">Xem trước diễn tập</button>${rehearse ? ` <a href="${base}?xem=xem-truoc">Xem trước bình thường</a>` : ''}
</form>
<p><img id="timeline" src="${base}/tien-trinh.svg${rehearse ? `?dien-tap=${encodeURIComponent(rehearse)}` : ''}" alt="Tiến trình của đợt: các giai đoạn, hạn nộp và ngày khóa" style="max-width:100%"></p>
<table id="plan"><thead><tr><th>Ngày</th><th>Giờ</th><th>Giai đoạn</th><th>Việc</th><th>Gửi tới / thực hiện</th></tr></thead><tbody>
${rows}
</tbody></table>
<h3>Cách đọc các ngày đã viết</h3>
<ul id="readings">${readings}</ul>
<h3>Điều chỉnh của hệ thống</h3>
<ul id="notes">${notes || '<li>Không có.</li>'}</ul>
${v.warnings.length ? `<h3>Cảnh báo</h3>${problemsHtml(v.warnings)}` : ''}
<h2>Xem trước: thư đơn vị nhận được</h2>
<p class="hint">Đúng như thư sẽ gửi; đường dẫn nộp hồ sơ riêng của mỗi đơn vị được tạo khi đợt bắt đầu.</p>
<div id="messages">${messages || '<p>Kế hoạch không có giai đoạn tự đánh giá: không có thư gửi đơn vị.</p>'}</div>
</section>`;
}

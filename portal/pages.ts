/** The portal's pages, rendered on the server as HTML strings, in Vietnamese; no client script. */
import { formatDeadline } from '../domain/messages';
import {
  MAX_NOMINATIONS_PER_VERSION,
  MAX_NOMINEE_NAME_CHARS,
  MAX_POSITION_CHARS,
  MAX_REASONS_CHARS,
  kindLabel,
} from '../domain/submission-rules';
import type {
  FileVersion,
  Nomination,
  SubmissionKind,
  SubmissionStatus,
  UnitDeadlineView,
  UnitStatusView,
} from '../domain/workflow-types';
import type { CampaignInfo } from '../app/units';
import { planTagPhrase, type PlanDocumentView } from '../domain/plan-document';
import { localWords } from './local-words';
import { PORTAL_MAX_FILE_BYTES } from './upload';

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f4f5f7;color:#1d1d1f}
header{background:#a50e0e;color:#fff;padding:12px 24px}
header p{margin:0;font-size:14px}
main{max-width:920px;margin:24px auto;background:#fff;padding:24px 32px;border-radius:6px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
main.wide{max-width:1280px}
header nav{display:flex;gap:16px;align-items:center;font-size:14px;margin-top:4px}
header nav a,header nav button.link{color:#fff}
.filters a{margin-right:12px}
.filters a.current{font-weight:700;text-decoration:none;color:#1d1d1f}
.counts{display:flex;gap:12px;flex-wrap:wrap;margin:12px 0}
.counts div{background:#f4f5f7;border-radius:4px;padding:8px 12px;font-size:14px}
.counts strong{display:block;font-size:20px}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
.actions form{border:1px solid #ddd;border-radius:4px;padding:12px 16px}
.actions h3{margin:0 0 8px;font-size:16px}
.actions .hint{display:block;margin-top:2px}
.actions input[type=text],.actions input[type=number],.actions textarea,.actions select{width:100%;box-sizing:border-box}
button.danger{background:#5c0000}
tr.now td{background:#fff4e5}
.st-late,.st-missing{color:#8a1c1c;font-weight:600}
tr.refused td{color:#8a1c1c}
.st-submitted{color:#1e5e24}
h1{font-size:24px;margin-top:0}
h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px}
dt{font-weight:600}
dd{margin:0}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #ddd;padding:6px 8px;text-align:left;vertical-align:top}
td.sha{font-family:ui-monospace,monospace;font-size:12px;word-break:break-all}
.msg{padding:12px 16px;border-radius:4px;margin:16px 0}
.msg.error{background:#fdecea;border:1px solid #f5c2c0;color:#8a1c1c}
.msg.ok{background:#e8f5e9;border:1px solid #b7dfb9;color:#1e5e24}
.locked{background:#fff4e5;border:1px solid #ffd599;color:#7a4b00}
.receipt{font-size:14px;color:#333}
button{background:#a50e0e;color:#fff;border:0;border-radius:4px;padding:10px 18px;font-size:16px;cursor:pointer}
button.link{background:none;color:#a50e0e;padding:0;font-size:14px;text-decoration:underline}
label{display:block;margin:10px 0 4px;font-weight:600}
.hint{font-size:13px;color:#555}
.pictures{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px}
.pictures img{max-width:100%;height:auto;border:1px solid #ddd}
`;

/** A page; `nav` goes in the header (the dashboard's user and links), `wide` for tables of units. */
export function layout(title: string, body: string, opts: { nav?: string; wide?: boolean } = {}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>Hệ thống tiếp nhận hồ sơ thi đua – khen thưởng</p>${opts.nav ?? ''}</header>
<main${opts.wide ? ' class="wide"' : ''}>
${body}
</main>
</body>
</html>
`;
}

/** The page behind a link from a message: it opens nothing by itself (mail scanners prefetch links). */
export function linkPage(token: string, csrf: string): string {
  return layout(
    'Trang nộp hồ sơ thi đua – khen thưởng',
    `<h1>Trang nộp hồ sơ thi đua – khen thưởng</h1>
<p>Đường dẫn này dành riêng cho đơn vị của quý cơ quan. Bấm nút dưới đây để mở trang nộp hồ sơ của đơn vị.</p>
<form method="post" action="/u/${esc(token)}/open">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<button type="submit">Mở trang nộp hồ sơ</button>
</form>
<p class="hint">Không chuyển tiếp thư chứa đường dẫn này: bất kỳ ai có đường dẫn đều mở được trang nộp hồ sơ của đơn vị.</p>`,
  );
}

export function messagePage(title: string, text: string, extra = ''): string {
  return layout(title, `<h1>${esc(title)}</h1>\n<div class="msg error">${esc(text)}</div>\n${extra}`);
}

const STATUS_LABELS: Record<SubmissionStatus, string> = {
  pending: 'Chưa nộp',
  submitted: 'Đã nộp',
  late: 'Đã nộp (muộn)',
  missing: 'Quá hạn, chưa nộp',
  cancelled: 'Đã hủy',
};

const requirementLabel = (r: 'required' | 'optional' | 'none') => (r === 'required' ? 'bắt buộc' : 'nếu có');

/** A local instant as the messages write it: `17:00 thứ Tư, 14/10/2009`. */
export const localTime = (utc: string, zone: string): string => formatDeadline(utc, zone);

export interface UnitPageInput {
  view: UnitStatusView;
  campaign?: CampaignInfo;
  timeZone: string;
  csrf: string;
  flash?: { kind: 'ok' | 'error'; html: string };
  /** The unit's calendar feed (absolute when the portal knows its public address). */
  calendarUrl?: string;
  /** The unit's conference page (invitation, reply), when the campaign has a conference. */
  conferenceUrl?: string;
  /** The unit's award results after the decision, as HTML (`award-results.ts`). */
  awards?: string;
}

export function unitPage({
  view,
  campaign,
  timeZone,
  csrf,
  flash,
  calendarUrl,
  conferenceUrl,
  awards,
}: UnitPageInput): string {
  const t = (utc: string) => localTime(utc, timeZone);
  const closed = view.locked || Boolean(view.cancelled);
  const kinds: SubmissionKind[] = [];
  if (view.due.summaryReport !== 'none') kinds.push('summary-report');
  if (view.due.presentationPaper !== 'none') kinds.push('presentation-paper');
  // Declared deliverables, each as the plan names it (the form sends "deliverable:<id>").
  const deliverables = view.due.deliverables ?? [];
  const options = [
    ...deliverables.map((d) => [`deliverable:${d.id}`, d.name] as const),
    ...kinds.map((k) => [k, capitalize(kindLabel(k))] as const),
  ];
  const deliverableName = (id: string | undefined) => deliverables.find((d) => d.id === id)?.name;

  const due: string[] = deliverables.map(
    (d) =>
      `${d.name} — hạn ${t(view.deadline)} (${d.required ? 'bắt buộc' : 'nếu có'}; ` +
      `tệp ${d.accept.map((a) => a.toUpperCase()).join(', ')})`,
  );
  if (view.due.summaryReport !== 'none') due.push(`Báo cáo tổng kết (${requirementLabel(view.due.summaryReport)})`);
  if (view.due.presentationPaper !== 'none') {
    due.push(`Báo cáo tham luận (${requirementLabel(view.due.presentationPaper)})`);
  }
  if (view.due.nominations) {
    const n = view.due.nominations;
    due.push(
      `Hồ sơ đề nghị khen thưởng (${n.required ? 'bắt buộc' : 'nếu có'}): ${n.description ?? `tối đa ${n.quota.total} đề nghị`}`,
    );
  }

  const rows = (kind: SubmissionKind, list: FileVersion[]) =>
    list
      .map(
        (f) =>
          `<tr><td>${esc(deliverableName(f.deliverable) ?? capitalize(kindLabel(kind)))}</td><td><a href="/unit/files/${esc(f.sha256)}">${esc(f.name)}</a></td><td>${f.version}</td>` +
          `<td>${esc(t(f.receivedAt))}</td><td>${f.late ? 'Nộp muộn' : 'Đúng hạn'}</td><td class="sha">${esc(f.sha256)}</td></tr>`,
      )
      .join('\n');
  const versions = [...rows('summary-report', view.reports), ...rows('presentation-paper', view.papers)].join('');
  const receipts = (
    [
      ['summary-report', view.reports],
      ['presentation-paper', view.papers],
    ] as const
  )
    .filter(([, list]) => list.length > 0)
    .map(([kind, list]) => {
      const f = list[list.length - 1];
      return (
        `<p class="receipt">Biên nhận: đã nhận ${esc(deliverableName(f.deliverable) ?? kindLabel(kind))} "${esc(f.name)}", phiên bản ${f.version}, ` +
        `lúc ${esc(t(f.receivedAt))}${f.late ? ' (nộp muộn)' : ''}; mã SHA-256 ${esc(f.sha256)}.</p>`
      );
    })
    .join('\n');

  let closedNotice = '';
  if (view.cancelled) {
    closedNotice = `<div class="msg locked">Đợt tổng kết đã bị hủy (${esc(view.cancelled.reason)}); không nhận hồ sơ. Liên hệ: ${esc(view.contact)}.</div>`;
  } else if (view.locked) {
    closedNotice =
      `<div class="msg locked"><strong>Đã khóa.</strong> Giai đoạn "${esc(view.phase.name)}" đã khóa lúc ${esc(localWords(view.lockLocal))}; ` +
      `báo cáo của đơn vị chỉ còn xem được, không thể nộp hoặc sửa nữa. Liên hệ: ${esc(view.contact)}.</div>`;
  } else if (Date.now() > Date.parse(view.deadline)) {
    closedNotice =
      `<div class="msg locked">Đã quá hạn nộp (${esc(t(view.deadline))}). Hồ sơ gửi từ nay đến khi khóa ` +
      `(${esc(t(view.lockAt))}) vẫn được tiếp nhận và ghi là nộp muộn.</div>`;
  }

  const uploadForm =
    closed || options.length === 0
      ? ''
      : `<h2>Nộp hồ sơ</h2>
<form method="post" action="/unit/upload" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="${esc(csrf)}">
<label for="kind">Loại hồ sơ</label>
<select id="kind" name="kind">
${options.map(([value, label]) => `<option value="${esc(value)}">${esc(label)}</option>`).join('\n')}
</select>
<label for="file">Tệp</label>
<input id="file" type="file" name="file" required accept=".pdf,.doc,.docx,.odt,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text">
<p class="hint">Chấp nhận PDF, DOC, DOCX, ODT; tối đa ${PORTAL_MAX_FILE_BYTES / 1024 / 1024} MB. Mỗi lần nộp là một phiên bản mới; các phiên bản trước vẫn được lưu.</p>
<p><button type="submit">Nộp hồ sơ</button></p>
</form>`;

  const flashHtml = flash ? `<div class="msg ${flash.kind}" role="status">${flash.html}</div>` : '';
  const extended = view.extensions.length > 0 ? ' (đã gia hạn)' : '';
  return layout(
    `${view.unitName} — ${view.planNumber}`,
    `<h1>${esc(view.unitName)}</h1>
${flashHtml}
<dl>
<dt>Kế hoạch</dt><dd>${campaign?.document ? esc(`${campaign.document.reference} ${campaign.document.date}`) : esc(planTagPhrase(view.planNumber))}${campaign ? `: ${esc(campaign.title)}` : ''}</dd>
<dt>Giai đoạn</dt><dd>${esc(view.phase.name)}</dd>
<dt>Hạn nộp</dt><dd>${esc(t(view.deadline))}${extended}</dd>
<dt>Khóa tiếp nhận</dt><dd>${esc(t(view.lockAt))}</dd>
<dt>Trạng thái</dt><dd id="status">${esc(STATUS_LABELS[view.status])}${view.locked ? ' — đã khóa' : ''}</dd>
</dl>
${closedNotice}
${calendarUrl ? calendarLine(calendarUrl) : ''}
${conferenceUrl ? `<p id="conference"><a href="${esc(conferenceUrl)}">Hội nghị: giấy mời, chương trình và trả lời tham dự</a></p>` : ''}
<h2>Hồ sơ cần nộp</h2>
<ul>${due.map((d) => `<li>${esc(d)}</li>`).join('')}</ul>
${view.deadlines ? deadlinesSection(view.deadlines, t) : ''}
<h2>Các phiên bản đã nộp</h2>
${
  versions
    ? `<table><thead><tr><th>Loại</th><th>Tên tệp</th><th>Phiên bản</th><th>Thời điểm nhận</th><th>Hạn</th><th>SHA-256</th></tr></thead><tbody>
${versions}
</tbody></table>
${receipts}`
    : '<p>Đơn vị chưa nộp tệp nào.</p>'
}
${uploadForm}
${view.due.nominations ? nominationsSection(view, csrf, closed, t) : ''}
${campaign?.document ? documentSection(campaign.document) : ''}
${awards ?? ''}
<h2>Liên hệ</h2>
<p>${esc(view.contact)}</p>
<form method="post" action="/unit/logout"><input type="hidden" name="csrf" value="${esc(csrf)}"><button class="link" type="submit">Đóng phiên làm việc</button></form>`,
  );
}

/** A campaign with several deadline phases: each with what it asks, its deadline and the unit's status. */
function deadlinesSection(deadlines: UnitDeadlineView[], t: (utc: string) => string): string {
  const state = { done: 'đã khóa', current: 'đang nhận hồ sơ', later: 'chưa mở' } as const;
  const items = deadlines.map((d) => {
    const owed = (d.due.deliverables ?? []).map((x) => x.name).join('; ') || 'Báo cáo';
    return (
      `<li><strong>${esc(d.name)}</strong>: ${esc(owed)} — hạn ${esc(t(d.deadline))}; ${state[d.state]}` +
      `${d.state === 'later' ? '' : ` — ${esc(STATUS_LABELS[d.status])}`}</li>`
    );
  });
  return `<h2>Các giai đoạn nộp hồ sơ</h2>\n<ol id="deadlines">${items.join('\n')}</ol>`;
}

/** The calendar subscription: its address to copy into a calendar app, and the file to download. */
function calendarLine(url: string): string {
  return (
    `<p id="calendar">Theo dõi hạn nộp trên lịch của bạn (Outlook, Google Calendar, điện thoại): ` +
    `<a href="${esc(url)}">${esc(url)}</a> — lịch tự cập nhật khi hạn được gia hạn. ` +
    `<a href="${esc(url)}" download="lich-thi-dua.ics">Tải tệp lịch (.ics)</a></p>\n` +
    '<p class="hint">Chép đường dẫn trên vào mục thêm lịch từ Internet (Google Calendar: "Thêm lịch" → "Từ URL"; ' +
    'Outlook: "Thêm lịch" → "Đăng ký từ web"). Đường dẫn chứa mã riêng của đơn vị: không chia sẻ ra ngoài.</p>'
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const list = (items: string[]) => `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;

/**
 * The plan as the unit received it: the document, what it carries out, the directive, each step with
 * its tasks (the conference with its date as announced: "dự kiến trong tháng 11/2009"), recipients.
 */
function documentSection(d: PlanDocumentView): string {
  const steps = d.phases
    .map((p) => {
      const c = p.conference;
      const conference = c
        ? `<p>Hội nghị ${esc(c.date)} tại ${esc(c.venue)}${c.organizer ? `; đơn vị tổ chức: ${esc(c.organizer)}` : ''}.</p>` +
          (c.agenda.length > 0 ? `<p>Chương trình:</p>${list(c.agenda)}` : '')
        : '';
      const a = p.awards;
      const awards =
        a && (a.body || a.forms.length > 0)
          ? `<p>Khen thưởng${a.body ? ` (${esc(a.body)})` : ''}${a.forms.length > 0 ? `: ${esc(a.forms.join('; '))}` : ''}.</p>`
          : '';
      return `<li><strong>${esc(p.name)}</strong> — ${esc(p.when)}${conference}${awards}${p.tasks.length > 0 ? list(p.tasks) : ''}</li>`;
    })
    .join('\n');
  return `<h2>Văn bản kế hoạch</h2>
<p>${esc(`${d.reference} ${d.date} của ${d.issuer}`)}${d.system ? ` (${esc(d.system)})` : ''}${d.draft ? ' — <strong>DỰ THẢO</strong>' : ''}</p>
<dl>
<dt>Về việc</dt><dd>${esc(d.title)}</dd>
<dt>Chỉ thị được tổng kết</dt><dd>${esc(d.directive)}</dd>
${d.basis.length > 0 ? `<dt>Căn cứ</dt><dd>${list(d.basis)}</dd>` : ''}
</dl>
<h3>Các bước</h3>
<ol>
${steps}
</ol>
${d.recipients.length > 0 ? `<h3>Nơi nhận</h3>${list(d.recipients)}` : ''}`;
}

/** Rows of the nominations form: the quota's total, at most this many. */
export const MAX_NOMINATION_ROWS = MAX_NOMINATIONS_PER_VERSION;

const nomineeLabel = (n: Nomination) => (n.type === 'collective' ? 'Tập thể' : 'Cá nhân');

/** The quota explained, the versions sent, and (while the phase is open) the form, filled with the last version. */
function nominationsSection(view: UnitStatusView, csrf: string, closed: boolean, t: (utc: string) => string): string {
  const n = view.due.nominations!;
  const limits = [`tối đa ${n.quota.total} đề nghị`];
  if (n.quota.collective !== undefined) limits.push(`tập thể: tối đa ${n.quota.collective}`);
  if (n.quota.individual !== undefined) limits.push(`cá nhân: tối đa ${n.quota.individual}`);
  const quota =
    `<p>Chỉ tiêu${n.description ? `: ${esc(n.description)}` : ''} (${esc(limits.join('; '))}). ` +
    `Hình thức khen thưởng được đề nghị: ${esc(n.forms.join('; '))}.</p>`;
  const latest = view.latestNominations;
  // Older versions are summarised (the query answers with the latest in full only).
  const versions = view.nominations.length
    ? `<ul>${view.nominations
        .map(
          (v) =>
            `<li>Phiên bản ${v.version}, lúc ${esc(t(v.receivedAt))}${v.late ? ' (nộp muộn)' : ''}: ` +
            (v.count === 0
              ? 'không đề nghị'
              : v.version !== latest?.version
                ? `${v.count} đề nghị`
                : latest.nominations
                    .map(
                      (x) =>
                        `${nomineeLabel(x)} ${esc(x.name)}${x.position ? ` (${esc(x.position)})` : ''} — ${esc(x.awardForm)}`,
                    )
                    .join('; ')) +
            '</li>',
        )
        .join('')}</ul>`
    : '<p>Đơn vị chưa gửi đề nghị khen thưởng.</p>';
  const rows = Math.min(n.quota.total, MAX_NOMINATION_ROWS);
  const last = latest?.nominations ?? [];
  const row = (i: number) => {
    const x = last[i];
    const opt = (value: string, label: string, selected: boolean) =>
      `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
    return `<fieldset>
<legend>Đề nghị thứ ${i + 1}</legend>
<label for="n${i}-type">Loại</label>
<select id="n${i}-type" name="n${i}_type">${opt('collective', 'Tập thể', x?.type === 'collective')}${opt('individual', 'Cá nhân', x?.type === 'individual')}</select>
<label for="n${i}-name">Tên tập thể hoặc họ và tên cá nhân</label>
<input id="n${i}-name" name="n${i}_name" maxlength="${MAX_NOMINEE_NAME_CHARS}" size="60" value="${esc(x?.name)}">
<label for="n${i}-position">Chức vụ, đơn vị công tác (cá nhân)</label>
<input id="n${i}-position" name="n${i}_position" maxlength="${MAX_POSITION_CHARS}" size="60" value="${esc(x?.position)}">
<label for="n${i}-form">Hình thức khen thưởng</label>
<select id="n${i}-form" name="n${i}_form">${n.forms.map((f) => opt(f, f, x?.awardForm === f)).join('')}</select>
<label for="n${i}-reasons">Thành tích, lý do đề nghị</label>
<textarea id="n${i}-reasons" name="n${i}_reasons" rows="4" cols="70" maxlength="${MAX_REASONS_CHARS}">${esc(x?.reasons)}</textarea>
</fieldset>`;
  };
  const form =
    closed || rows === 0
      ? ''
      : `<form method="post" action="/unit/nominations">
<input type="hidden" name="csrf" value="${esc(csrf)}">
${Array.from({ length: rows }, (_, i) => row(i)).join('\n')}
<p class="hint">Để trống tên ở những dòng không dùng. Mỗi lần gửi là một phiên bản mới, thay cho danh sách trước.</p>
<p><button type="submit">Gửi đề nghị khen thưởng</button></p>
</form>`;
  return `<h2>Đề nghị khen thưởng</h2>\n${quota}\n${versions}\n${form}`;
}

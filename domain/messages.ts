/**
 * The words of every message a unit or supervisor receives, in Vietnamese, in the courteous
 * administrative register. Pure: the mail activity resolves people and links, this module writes.
 * Every message names the plan number, what is due, the exact deadline (with weekday, local time),
 * the unit's own submission link, and whom to contact.
 */
import { DateTime } from 'luxon';
import type { ContactDef } from './campaign-schema';
import { datePhrase, planTagPhrase, type PlanDocumentView } from './plan-document';
import type { MessageKind } from './workflow-types';

const WEEKDAYS = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

/**
 * Deadlines already written, by zone and instant: a deadline burst writes the same deadline in
 * every unit's reminder, and luxon's zone offset and formatting were a tenth of the mail activity's
 * CPU (issue 17, `npm run bench -- --cpu-profile`). A pure function's results only, bounded: what a
 * workflow sharing this module (`worker/workflow-preload.ts`) reads from it is what it would compute.
 */
const written = new Map<string, string>();
const WRITTEN_MAX = 1_000;

/** `17:00 thứ Tư, 14/10/2009` in the campaign zone. */
export function formatDeadline(utcIso: string, zone: string): string {
  const key = `${zone} ${utcIso}`;
  let text = written.get(key);
  if (text === undefined) {
    const t = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone);
    text = `${t.toFormat('HH:mm')} ${WEEKDAYS[t.weekday]}, ${t.toFormat('dd/MM/yyyy')}`;
    if (written.size >= WRITTEN_MAX) written.clear();
    written.set(key, text);
  }
  return text;
}

export interface MessageContext {
  kind: MessageKind;
  planNumber: string;
  planDate: string;
  campaignTitle: string;
  issuingBody: string;
  secretariatName: string;
  contacts: ContactDef[];
  unitName: string;
  phaseName: string;
  deadline: string;
  lockAt: string;
  timeZone: string;
  /** The unit's own submission link. */
  link: string;
  /** What is due, as one phrase per item. */
  dueItems: string[];
  /**
   * The deliverables the phase asks of the unit, named as the plan names them ("Kế hoạch tổ chức Đại
   * hội Thi đua"), when it declares them: subjects and sentences say them instead of "báo cáo".
   */
  owed?: string;
  detail?: Record<string, string | number>;
  /** Plan issue: the documents sent with the plan, attached as files or named only. */
  documents?: Array<{ title: string; attached: boolean }>;
  /** Escalations: the addressee's role. */
  addresseeRole?: 'focal' | 'head' | 'supervisor' | 'secretariat';
  /**
   * The plan as a document (kind, number, basis, directive, tasks, conference, recipients); without
   * it the plan is named "Kế hoạch số {planNumber}" as before.
   */
  plan?: PlanDocumentView;
}

export interface ComposedMessage {
  subject: string;
  text: string;
  html: string;
}

function contactLines(contacts: ContactDef[]): string[] {
  return contacts.map((c) =>
    [c.name, c.title, c.division, c.phone && `ĐT: ${c.phone}`, c.fax && `Fax: ${c.fax}`, c.email]
      .filter(Boolean)
      .join(', '),
  );
}

/**
 * A message's lines as HTML: one paragraph each, an empty line as a break, in the letters' font;
 * `special` may draw a line its own way (a link).
 */
export function letterHtml(subject: string, lines: string[], special?: (line: string) => string | undefined): string {
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family: 'Times New Roman', serif; font-size: 14pt">` +
    lines.map((l) => (l === '' ? '<br>' : (special?.(l) ?? `<p>${escapeHtml(l)}</p>`))).join('\n') +
    '</body></html>'
  );
}

/**
 * The secretariat's letter around a body (synthesis, conference, awards messages): "Kính gửi" when
 * addressed, the body, whom to contact, "Trân trọng", the secretariat; as text and HTML.
 */
export function secretariatLetter(
  subject: string,
  letter: { to?: string; body: string[]; secretariatName: string; contacts: ContactDef[] },
): ComposedMessage {
  const lines = [
    ...(letter.to ? [`Kính gửi: ${letter.to}`, ''] : []),
    ...letter.body,
    '',
    `Mọi trao đổi xin liên hệ ${contactLine(letter.secretariatName, letter.contacts)}`,
    '',
    'Trân trọng,',
    letter.secretariatName,
  ];
  return { subject, text: lines.join('\n') + '\n', html: letterHtml(subject, lines) };
}

/** One-line contact for refusals and the portal. */
export function contactLine(secretariatName: string, contacts: ContactDef[]): string {
  return `${secretariatName}: ${contactLines(contacts).join('; ')}`;
}

/**
 * A name inside a sentence: only its first letter goes lower case ("Tổng kết tại các đơn vị thuộc
 * Bộ" → "tổng kết tại các đơn vị thuộc Bộ"); proper nouns inside keep their case, and a name that
 * begins with an abbreviation or a proper noun written in capitals ("UBND tỉnh") is left as it is.
 */
export function inSentence(name: string): string {
  const [first, second] = [...name];
  if (
    first === undefined ||
    (second !== undefined && second === second.toUpperCase() && second !== second.toLowerCase())
  ) {
    return name;
  }
  return first.toLowerCase() + name.slice(first.length);
}

/** "1 ngày", "3 ngày làm việc" for an escalation's `after` ("1d", "3wd"); anything else as given. */
export function latenessPhrase(after: string | number | undefined): string {
  const m = /^(\d{1,3})(d|wd)$/.exec(String(after ?? ''));
  if (!m) return String(after ?? '');
  return `${Number(m[1])} ngày${m[2] === 'wd' ? ' làm việc' : ''}`;
}

/** The outline (đề cương) among the plan's documents, and whether it travels with the message. */
function outlineOf(documents: MessageContext['documents']): { title: string; attached: boolean } | undefined {
  const outlines = (documents ?? []).filter((d) => /đề cương/i.test(d.title));
  return outlines.find((d) => d.attached) ?? outlines[0];
}

export function composeMessage(ctx: MessageContext): ComposedMessage {
  const deadline = formatDeadline(ctx.deadline, ctx.timeZone);
  const lock = formatDeadline(ctx.lockAt, ctx.timeZone);
  const plan = ctx.plan?.reference ?? planTagPhrase(ctx.planNumber, 'Kế hoạch số');
  const phase = inSentence(ctx.phaseName);
  // A lock at the deadline leaves no time "before the lock" once the deadline has passed.
  const lockedAtDeadline = Date.parse(ctx.lockAt) <= Date.parse(ctx.deadline);
  const d = ctx.detail ?? {};
  const due = ctx.dueItems.map((item) => `- ${item}`);
  // What the unit owes as subjects and sentences say it: the plan's own words when it declares them.
  const owed = ctx.owed ?? 'báo cáo';
  const owedReport = ctx.owed ?? 'báo cáo tổng kết';
  let subject: string;
  let body: string[];

  switch (ctx.kind) {
    case 'plan-issued': {
      subject = `[${ctx.planNumber}] Triển khai ${ctx.campaignTitle}`;
      const outline = outlineOf(ctx.documents);
      // "theo đề cương kèm theo" only when the outline is attached; named only, it is named.
      const following = !outline
        ? ''
        : outline.attached
          ? ' theo đề cương kèm theo'
          : ` theo ${inSentence(outline.title)} (gửi theo đường văn thư)`;
      body = [
        ...planIssuedOpening(ctx, plan),
        `Đề nghị ${ctx.unitName} tổ chức ${phase}${following} và gửi về ${ctx.secretariatName}:`,
        ...due,
        `Hạn nộp: ${deadline}.`,
        `Sau ${lock}, báo cáo của đơn vị sẽ được khóa và không thể sửa đổi.`,
        ...planDetailLines(ctx.plan),
        ...documentLines(ctx.documents ?? []),
      ];
      break;
    }
    case 'reminder':
      subject = `[${ctx.planNumber}] Nhắc hạn nộp ${owed}: ${deadline}`;
      body = [
        `Thực hiện ${plan}, ${ctx.secretariatName} trân trọng nhắc ${ctx.unitName}: hạn nộp hồ sơ ${phase} là ${deadline}.`,
        `Hồ sơ gồm:`,
        ...due,
        `Đến thời điểm này, ${ctx.secretariatName} chưa nhận được ${owedReport} của đơn vị.`,
      ];
      break;
    case 'due-today':
      subject = `[${ctx.planNumber}] Hôm nay là hạn nộp ${owed} (${deadline})`;
      body = [
        `Thực hiện ${plan}, ${ctx.secretariatName} trân trọng thông báo: hôm nay là hạn cuối nộp hồ sơ ${phase} của ${ctx.unitName}, trước ${deadline}.`,
        ...due,
      ];
      break;
    case 'late-notice':
      subject = `[${ctx.planNumber}] Đơn vị chưa nộp ${owed} – đã quá hạn ${deadline}`;
      body = [
        `Theo ${plan}, hạn nộp hồ sơ ${phase} là ${deadline}. Đến nay ${ctx.secretariatName} chưa nhận được ${owed} của ${ctx.unitName}.`,
        lockedAtDeadline
          ? `Việc tiếp nhận hồ sơ đã khóa lúc ${lock}; đơn vị cần gửi hồ sơ muộn xin liên hệ ${ctx.secretariatName}.`
          : `Đề nghị đơn vị khẩn trương hoàn thành và gửi trước ${lock}; sau thời điểm này hồ sơ sẽ không được tiếp nhận.`,
        ...due,
      ];
      break;
    case 'escalation': {
      const step = d.step ?? 1;
      subject = ctx.owed
        ? `[${ctx.planNumber}] Chậm nộp ${ctx.owed}: ${ctx.unitName} (quá hạn ${latenessPhrase(d.after)})`
        : `[${ctx.planNumber}] Báo cáo chậm nộp: ${ctx.unitName} (quá hạn ${latenessPhrase(d.after)})`;
      body = [
        `Kính gửi ${roleTitle(ctx.addresseeRole)},`,
        `Theo ${plan}, hạn nộp hồ sơ ${phase} là ${deadline}. Đến nay ${ctx.unitName} chưa gửi ${owedReport} (nhắc lần ${step}).`,
        lockedAtDeadline
          ? `${ctx.secretariatName} trân trọng thông báo: việc tiếp nhận hồ sơ đã khóa lúc ${lock}.`
          : `${ctx.secretariatName} trân trọng đề nghị chỉ đạo đơn vị hoàn thành và gửi hồ sơ trước ${lock}, thời điểm hồ sơ được khóa.`,
      ];
      break;
    }
    case 'phase-locked':
      subject = `[${ctx.planNumber}] Đã khóa tiếp nhận hồ sơ ${phase}`;
      body = [
        `Theo ${plan}, việc tiếp nhận hồ sơ ${phase}${ctx.owed ? ` (${ctx.owed})` : ''} đã kết thúc lúc ${lock}.`,
        `Hồ sơ ${ctx.unitName} đã gửi được lưu giữ nguyên trạng và không thể sửa đổi.`,
      ];
      break;
    case 'submission-receipt':
      subject = `[${ctx.planNumber}] Xác nhận đã nhận ${d.what ?? 'hồ sơ'} của ${ctx.unitName}`;
      body = [
        `${ctx.secretariatName} xác nhận đã nhận ${d.what ?? 'hồ sơ'} của ${ctx.unitName}: "${d.name ?? ''}" (phiên bản ${d.version ?? 1}${d.sha256 ? `, mã SHA-256 ${d.sha256}` : ''}).`,
        `Đơn vị có thể gửi phiên bản thay thế trước ${lock}; các phiên bản trước vẫn được lưu.`,
      ];
      break;
    case 'extension-granted':
      subject = `[${ctx.planNumber}] Gia hạn nộp ${owed} đến ${deadline}`;
      body = [
        `${ctx.secretariatName} đồng ý gia hạn nộp hồ sơ ${phase} cho ${ctx.unitName} đến ${deadline}${d.reason ? ` (lý do: ${d.reason})` : ''}.`,
        d.previousDeadline ? `Hạn trước đây: ${formatDeadline(String(d.previousDeadline), ctx.timeZone)}.` : '',
        ...due,
      ].filter(Boolean);
      break;
    case 'campaign-cancelled':
      subject = `[${ctx.planNumber}] Thông báo dừng triển khai ${ctx.campaignTitle}`;
      body = [
        `${ctx.issuingBody} thông báo dừng triển khai ${plan} (${ctx.campaignTitle}).`,
        `Lý do: ${d.reason ?? '(không nêu)'}.`,
        `Đơn vị không cần gửi hồ sơ theo kế hoạch này; các hồ sơ đã gửi được lưu giữ.`,
      ];
      break;
    case 'delivery-failure':
      subject = `[${ctx.planNumber}] Không gửi được thư đến ${ctx.unitName}`;
      body = [
        `Hệ thống không gửi được thư "${d.subject ?? ''}" đến ${ctx.unitName} (${d.recipients ?? ''}).`,
        `Máy chủ thư trả lời: ${d.error ?? ''}`,
        `Đề nghị kiểm tra lại địa chỉ thư điện tử của đơn vị trong tệp kế hoạch.`,
      ];
      break;
  }

  const footer = [
    `Đường dẫn nộp hồ sơ của đơn vị: ${ctx.link}`,
    `Mọi thắc mắc xin liên hệ ${ctx.secretariatName}:`,
    ...contactLines(ctx.contacts).map((l) => `  ${l}`),
  ];
  const greeting =
    ctx.kind === 'escalation' || ctx.kind === 'delivery-failure' ? [] : [`Kính gửi: ${ctx.unitName}`, ''];
  const lines = [...greeting, ...body, '', ...footer, '', `Trân trọng,`, ctx.secretariatName];
  const text = lines.join('\n') + '\n';
  const html = letterHtml(subject, lines, (l) =>
    l === footer[0]
      ? `<p>Đường dẫn nộp hồ sơ của đơn vị: <a href="${escapeHtml(ctx.link)}">${escapeHtml(ctx.link)}</a></p>`
      : undefined,
  );
  return { subject, text, html };
}

/** "Ban Thường vụ Tỉnh ủy Vĩnh Phúc ban hành Kế hoạch số 67-KH/TU ngày 21/9/2009 về …", with its basis. */
function planIssuedOpening(ctx: MessageContext, plan: string): string[] {
  const p = ctx.plan;
  const dated = p?.date ?? datePhrase(ctx.planDate);
  const carrying = p && p.basis.length > 0 ? [`Thực hiện ${p.basis.join('; ')},`] : [];
  return [
    ...carrying,
    `${ctx.issuingBody} ban hành ${plan} ${dated} về ${ctx.campaignTitle}${p?.draft ? ' (DỰ THẢO)' : ''}.`,
    ...(p ? [`Chỉ thị được tổng kết: ${p.directive}.`] : []),
  ];
}

/** What the plan asks of units, its conference and its recipients (nơi nhận), as the plan says them. */
function planDetailLines(p: PlanDocumentView | undefined): string[] {
  if (!p) return [];
  const out: string[] = [];
  const selfReview = p.phases.find((x) => x.kind === 'self-review');
  if (selfReview && selfReview.tasks.length > 0) {
    out.push('Nhiệm vụ của đơn vị:', ...selfReview.tasks.map((t) => `- ${t}`));
  }
  for (const phase of p.phases) {
    const c = phase.conference;
    if (!c) continue;
    out.push(
      `${phase.name}: ${c.date}, tại ${c.venue}${c.organizer ? `; đơn vị tổ chức: ${c.organizer}` : ''}.`,
      ...(c.agenda.length > 0 ? ['Chương trình hội nghị:', ...c.agenda.map((a) => `- ${a}`)] : []),
    );
  }
  if (p.recipients.length > 0) out.push('Nơi nhận:', ...p.recipients.map((r) => `- ${r}`));
  return out;
}

function documentLines(documents: Array<{ title: string; attached: boolean }>): string[] {
  const attached = documents.filter((d) => d.attached).map((d) => `- ${d.title}`);
  const named = documents.filter((d) => !d.attached).map((d) => `- ${d.title}`);
  return [
    ...(attached.length ? ['Văn bản gửi kèm thư này:', ...attached] : []),
    ...(named.length ? ['Văn bản liên quan (gửi theo đường văn thư):', ...named] : []),
  ];
}

function roleTitle(role: MessageContext['addresseeRole']): string {
  switch (role) {
    case 'head':
      return 'Thủ trưởng đơn vị';
    case 'supervisor':
      return 'Lãnh đạo cơ quan cấp trên';
    case 'secretariat':
      return 'Thường trực Hội đồng Thi đua – Khen thưởng';
    default:
      return 'Cán bộ đầu mối';
  }
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

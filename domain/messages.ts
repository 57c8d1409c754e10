/**
 * The words of every message a unit or supervisor receives, in Vietnamese, in the courteous
 * administrative register. Pure: the mail activity resolves people and links, this module writes.
 * Every message names the plan number, what is due, the exact deadline (with weekday, local time),
 * the unit's own submission link, and whom to contact.
 */
import { DateTime } from 'luxon';
import type { ContactDef } from './campaign-schema';
import type { MessageKind } from './workflow-types';

const WEEKDAYS = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

/** `17:00 thứ Tư, 14/10/2009` in the campaign zone. */
export function formatDeadline(utcIso: string, zone: string): string {
  const t = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone);
  return `${t.toFormat('HH:mm')} ${WEEKDAYS[t.weekday]}, ${t.toFormat('dd/MM/yyyy')}`;
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
  detail?: Record<string, string | number>;
  /** Plan issue: the documents sent with the plan, attached as files or named only. */
  documents?: Array<{ title: string; attached: boolean }>;
  /** Escalations: the addressee's role. */
  addresseeRole?: 'focal' | 'head' | 'supervisor' | 'secretariat';
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

/** One-line contact for refusals and the portal. */
export function contactLine(secretariatName: string, contacts: ContactDef[]): string {
  return `${secretariatName}: ${contactLines(contacts).join('; ')}`;
}

export function composeMessage(ctx: MessageContext): ComposedMessage {
  const deadline = formatDeadline(ctx.deadline, ctx.timeZone);
  const lock = formatDeadline(ctx.lockAt, ctx.timeZone);
  const plan = `Kế hoạch số ${ctx.planNumber}`;
  const d = ctx.detail ?? {};
  const due = ctx.dueItems.map((item) => `- ${item}`);
  let subject: string;
  let body: string[];

  switch (ctx.kind) {
    case 'plan-issued':
      subject = `[${ctx.planNumber}] Triển khai ${ctx.campaignTitle}`;
      body = [
        `${ctx.issuingBody} ban hành ${plan} ngày ${ctx.planDate} về ${ctx.campaignTitle}.`,
        `Đề nghị ${ctx.unitName} tổ chức ${ctx.phaseName.toLowerCase()} theo đề cương hướng dẫn kèm theo và gửi về ${ctx.secretariatName}:`,
        ...due,
        `Hạn nộp: ${deadline}.`,
        `Sau ${lock}, báo cáo của đơn vị sẽ được khóa và không thể sửa đổi.`,
        ...documentLines(ctx.documents ?? []),
      ];
      break;
    case 'reminder':
      subject = `[${ctx.planNumber}] Nhắc hạn nộp báo cáo: ${deadline}`;
      body = [
        `Thực hiện ${plan}, ${ctx.secretariatName} trân trọng nhắc ${ctx.unitName}: hạn nộp hồ sơ ${ctx.phaseName.toLowerCase()} là ${deadline}.`,
        `Hồ sơ gồm:`,
        ...due,
        `Đến thời điểm này, ${ctx.secretariatName} chưa nhận được báo cáo tổng kết của đơn vị.`,
      ];
      break;
    case 'due-today':
      subject = `[${ctx.planNumber}] Hôm nay là hạn nộp báo cáo (${deadline})`;
      body = [
        `Thực hiện ${plan}, ${ctx.secretariatName} trân trọng thông báo: hôm nay là hạn cuối nộp hồ sơ ${ctx.phaseName.toLowerCase()} của ${ctx.unitName}, trước ${deadline}.`,
        ...due,
      ];
      break;
    case 'late-notice':
      subject = `[${ctx.planNumber}] Đơn vị chưa nộp báo cáo – đã quá hạn ${deadline}`;
      body = [
        `Theo ${plan}, hạn nộp hồ sơ ${ctx.phaseName.toLowerCase()} là ${deadline}. Đến nay ${ctx.secretariatName} chưa nhận được báo cáo của ${ctx.unitName}.`,
        `Đề nghị đơn vị khẩn trương hoàn thành và gửi trước ${lock}; sau thời điểm này hồ sơ sẽ không được tiếp nhận.`,
        ...due,
      ];
      break;
    case 'escalation': {
      const step = d.step ?? 1;
      subject = `[${ctx.planNumber}] Báo cáo chậm nộp: ${ctx.unitName} (quá hạn ${d.after ?? ''})`;
      body = [
        `Kính gửi ${roleTitle(ctx.addresseeRole)},`,
        `Theo ${plan}, hạn nộp hồ sơ ${ctx.phaseName.toLowerCase()} là ${deadline}. Đến nay ${ctx.unitName} chưa gửi báo cáo tổng kết (nhắc lần ${step}).`,
        `${ctx.secretariatName} trân trọng đề nghị chỉ đạo đơn vị hoàn thành và gửi hồ sơ trước ${lock}, thời điểm hồ sơ được khóa.`,
      ];
      break;
    }
    case 'phase-locked':
      subject = `[${ctx.planNumber}] Đã khóa tiếp nhận hồ sơ ${ctx.phaseName.toLowerCase()}`;
      body = [
        `Theo ${plan}, việc tiếp nhận hồ sơ ${ctx.phaseName.toLowerCase()} đã kết thúc lúc ${lock}.`,
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
      subject = `[${ctx.planNumber}] Gia hạn nộp báo cáo đến ${deadline}`;
      body = [
        `${ctx.secretariatName} đồng ý gia hạn nộp hồ sơ ${ctx.phaseName.toLowerCase()} cho ${ctx.unitName} đến ${deadline}${d.reason ? ` (lý do: ${d.reason})` : ''}.`,
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
  const html =
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="font-family: 'Times New Roman', serif; font-size: 14pt">` +
    lines
      .map((l) =>
        l === ''
          ? '<br>'
          : l === footer[0]
            ? `<p>Đường dẫn nộp hồ sơ của đơn vị: <a href="${escapeHtml(ctx.link)}">${escapeHtml(ctx.link)}</a></p>`
            : `<p>${escapeHtml(l)}</p>`,
      )
      .join('\n') +
    '</body></html>';
  return { subject, text, html };
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

/**
 * The words of the synthesis phase's messages, in Vietnamese, in the office register: the draft
 * report ready for approval, reminders to the approvers, the escalation to the secretariat, a return
 * with remarks, the approval. Pure: the activity (`activities/synthesis.ts`) resolves people and
 * files, this module writes.
 */
import { DateTime } from 'luxon';
import type { ContactDef } from './campaign-schema';
import { formatDeadline, latenessPhrase, secretariatLetter, type ComposedMessage } from './messages';
import type { SynthesisMailDetail } from './synthesis-types';
import { planTagPhrase } from './plan-document';

export type SynthesisMessageKind =
  'draft-ready' | 'approval-reminder' | 'approval-due-today' | 'approval-escalation' | 'returned' | 'approved';

export interface SynthesisMessageContext {
  kind: SynthesisMessageKind;
  planNumber: string;
  campaignTitle: string;
  secretariatName: string;
  contacts: ContactDef[];
  timeZone: string;
  /** Who approves ("Ban Thường vụ Tỉnh ủy"); the issuing body of the plan when the file names none. */
  approvalBody: string;
  /** Whom the message addresses by title ("đồng chí Nguyễn Văn C, Phó Bí thư Thường trực Tỉnh ủy"). */
  addressees: string[];
  version: number;
  /** The approval deadline, ISO instant (absent: the file sets no approval deadline). */
  deadline?: string;
  /** Files attached to this message, by name. */
  attached?: string[];
  /** Remarks of a return, the note of a revision, who acted, the escalation step. */
  detail?: SynthesisMailDetail;
  /** The campaign's synthesis page on the dashboard (absolute URL): where the draft is read, approved, returned, revised. */
  dashboardLink?: string;
}

/** What each message invites to do on the dashboard's synthesis page. */
const DASHBOARD_LINE: Record<SynthesisMessageKind, string> = {
  'draft-ready': 'Xem dự thảo, phê duyệt hoặc trả lại kèm ý kiến tại',
  'approval-reminder': 'Xem dự thảo, phê duyệt hoặc trả lại kèm ý kiến tại',
  'approval-due-today': 'Xem dự thảo, phê duyệt hoặc trả lại kèm ý kiến tại',
  'approval-escalation': 'Theo dõi dự thảo và việc phê duyệt tại',
  returned: 'Xem ý kiến, tải lên bản chỉnh sửa tại',
  approved: 'Báo cáo đã phê duyệt tại',
};

/** `17:00 ngày 30/10/2009` in the campaign zone (the way a subject line writes a deadline). */
export function formatDeadlineShort(utcIso: string, zone: string): string {
  const t = DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone);
  return `${t.toFormat('HH:mm')} ngày ${t.toFormat('dd/MM/yyyy')}`;
}

export function composeSynthesisMessage(ctx: SynthesisMessageContext): ComposedMessage {
  const plan = planTagPhrase(ctx.planNumber, 'Kế hoạch số');
  const draft = `dự thảo báo cáo tổng hợp (lần ${ctx.version})`;
  const d = ctx.detail ?? {};
  const due = ctx.deadline ? formatDeadline(ctx.deadline, ctx.timeZone) : undefined;
  const dueShort = ctx.deadline ? formatDeadlineShort(ctx.deadline, ctx.timeZone) : undefined;
  let subject: string;
  let body: string[];
  switch (ctx.kind) {
    case 'draft-ready':
      subject = `[${ctx.planNumber}] Dự thảo báo cáo tổng hợp${ctx.version > 1 ? ` (lần ${ctx.version})` : ''} — đề nghị phê duyệt${dueShort ? ` trước ${dueShort}` : ''}`;
      body = [
        `Thực hiện ${plan} về ${ctx.campaignTitle}, ${ctx.secretariatName} đã tổng hợp báo cáo của các đơn vị và trân trọng gửi ${draft}${d.source === 'uploaded' ? ', bản đã chỉnh sửa' : ''}.`,
        ...(d.note ? [`Ghi chú: ${d.note}`] : []),
        due
          ? `Kính đề nghị ${ctx.approvalBody} xem xét, phê duyệt trước ${due}.`
          : `Kính đề nghị ${ctx.approvalBody} xem xét, phê duyệt.`,
        ...attachedLines(ctx.attached),
      ];
      break;
    case 'approval-reminder':
    case 'approval-due-today':
      subject =
        ctx.kind === 'approval-due-today'
          ? `[${ctx.planNumber}] Hôm nay là hạn phê duyệt dự thảo báo cáo tổng hợp (${dueShort ?? ''})`
          : `[${ctx.planNumber}] Nhắc phê duyệt dự thảo báo cáo tổng hợp — hạn ${dueShort ?? ''}`;
      body = [
        `${ctx.secretariatName} trân trọng nhắc: ${draft} theo ${plan} đang chờ ${ctx.approvalBody} phê duyệt; hạn phê duyệt là ${due ?? '(không ấn định)'}.`,
        `Dự thảo đã được gửi kèm thư trước; nếu cần chỉnh sửa, xin cho ý kiến để ${ctx.secretariatName} hoàn thiện.`,
      ];
      break;
    case 'approval-escalation':
      subject = `[${ctx.planNumber}] Dự thảo báo cáo tổng hợp chưa được phê duyệt — quá hạn ${latenessPhrase(d.after)}`;
      body = [
        `Theo ${plan}, hạn phê duyệt ${draft} là ${due ?? '(không ấn định)'}. Đến nay dự thảo chưa được ${ctx.approvalBody} phê duyệt (báo lần ${d.step ?? 1}).`,
        `Đề nghị ${ctx.secretariatName} báo cáo, xin ý kiến lãnh đạo để hoàn thành việc phê duyệt, bảo đảm tiến độ các bước tiếp theo của kế hoạch.`,
      ];
      break;
    case 'returned':
      subject = `[${ctx.planNumber}] Dự thảo báo cáo tổng hợp (lần ${ctx.version}) được trả lại để chỉnh sửa`;
      body = [
        `${d.by ?? ctx.approvalBody} đã trả lại ${draft} với ý kiến:`,
        `"${d.remarks ?? ''}"`,
        `Đề nghị ${ctx.secretariatName} tiếp thu, chỉnh sửa và trình lại${due ? ` trước ${due}` : ''}.`,
      ];
      break;
    case 'approved':
      subject = `[${ctx.planNumber}] Báo cáo tổng hợp đã được phê duyệt (dự thảo lần ${ctx.version})`;
      body = [
        `${draft.charAt(0).toUpperCase() + draft.slice(1)} theo ${plan} đã được phê duyệt${d.by ? ` (${d.by})` : ''}.`,
        `Báo cáo được khóa: không nhận thêm bản chỉnh sửa. ${ctx.secretariatName} hoàn thiện thủ tục ban hành theo quy định.`,
      ];
      break;
  }
  if (ctx.dashboardLink) body.push(`${DASHBOARD_LINE[ctx.kind]}: ${ctx.dashboardLink}`);
  // No addressee (an empty list): no "Kính gửi" line.
  const to = ctx.addressees.join('; ');
  return secretariatLetter(subject, { to, body, secretariatName: ctx.secretariatName, contacts: ctx.contacts });
}

function attachedLines(attached: string[] | undefined): string[] {
  return attached && attached.length > 0 ? ['Tài liệu gửi kèm:', ...attached.map((a) => `- ${a}`)] : [];
}

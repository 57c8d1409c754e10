/**
 * The letter a sub-campaign's secretariat receives when the parent refused its result (the unit
 * locked, the phase closed, the parent cancelled) or refused its nominations: what was refused, the
 * parent's own words, and what to do. Vietnamese, office register. Pure.
 */
import type { ContactDef } from './campaign-schema';
import { secretariatLetter, type ComposedMessage } from './messages';
import type { ParentLink } from './sub-campaign-types';
import { planTagPhrase } from './plan-document';

export interface SubCampaignRefusalContext {
  planNumber: string;
  campaignTitle: string;
  secretariatName: string;
  contacts: ContactDef[];
  parent: ParentLink;
  /** The parent's phase as its plan names it, when known (the link holds only its id). */
  phaseName?: string;
  /** The approved report's file name. */
  report: string;
  /** What the parent refused: the whole result, or only the nominations (the report was received). */
  refused: 'result' | 'nominations';
  /** The parent's words. */
  reason: string;
}

export function composeSubCampaignRefusal(ctx: SubCampaignRefusalContext): ComposedMessage {
  const p = ctx.parent;
  // The phase by the name the parent's plan gives it; its id (the file's `phase:`) only when unknown.
  const phase = ctx.phaseName ? `giai đoạn "${ctx.phaseName}"` : p.phaseId ? `giai đoạn mã ${p.phaseId}` : '';
  const where = `đơn vị ${p.unitId} của đợt cấp trên ${p.campaignId}${phase ? ` (${phase})` : ''}`;
  const subject =
    ctx.refused === 'result'
      ? `[${ctx.planNumber}] Kết quả của đợt chưa được nộp lên đợt cấp trên ${p.campaignId}`
      : `[${ctx.planNumber}] Đề nghị khen thưởng chưa được nộp lên đợt cấp trên ${p.campaignId}`;
  const body =
    ctx.refused === 'result'
      ? [
          `Báo cáo tổng hợp của ${planTagPhrase(ctx.planNumber, 'Kế hoạch số')} về ${ctx.campaignTitle} đã được phê duyệt (tệp ${ctx.report}), nhưng hệ thống không nộp được kết quả lên ${where}.`,
          `Lý do đợt cấp trên từ chối: ${ctx.reason}`,
          `Đề nghị ${ctx.secretariatName} liên hệ cơ quan thường trực của đợt cấp trên để được hướng dẫn (gia hạn, mở lại hoặc nộp trực tiếp); hệ thống sẽ không tự nộp lại.`,
        ]
      : [
          `Báo cáo tổng hợp của ${planTagPhrase(ctx.planNumber, 'Kế hoạch số')} về ${ctx.campaignTitle} (tệp ${ctx.report}) đã được nộp lên ${where}, nhưng đề nghị khen thưởng của các đơn vị không được nhận.`,
          `Lý do đợt cấp trên từ chối: ${ctx.reason}`,
          `Đề nghị ${ctx.secretariatName} rà soát danh sách đề nghị theo chỉ tiêu của đợt cấp trên và nộp lại cho đơn vị ${p.unitId}.`,
        ];
  return secretariatLetter(subject, {
    to: ctx.secretariatName,
    body,
    secretariatName: ctx.secretariatName,
    contacts: ctx.contacts,
  });
}

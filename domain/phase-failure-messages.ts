/**
 * What the secretariat is told when a later phase's child workflow failed (issue 17): the letter
 * (subject and body naming the campaign, the phase, the child's own message and what to do) and the
 * short words the dashboard and the CLI show. Vietnamese, office register. Pure.
 */
import type { ContactDef, PhaseKind } from './campaign-schema';
import { secretariatLetter, type ComposedMessage } from './messages';
import { formatDeadlineShort } from './synthesis-messages';
import type { PhaseFailure } from './workflow-types';
import { planTagPhrase } from './plan-document';

/** What did not happen because the phase's workflow stopped, per phase (Vietnamese). */
export const PHASE_FAILURE_EFFECT: Partial<Record<PhaseKind, string>> = {
  synthesis: 'Dự thảo báo cáo tổng hợp chưa được lập và chưa được gửi phê duyệt.',
  conference: 'Giấy mời hội nghị chưa được gửi; hệ thống không nhận đăng ký dự và không nhắc khách mời.',
  awards:
    'Hội đồng Thi đua - Khen thưởng chưa được mời biểu quyết; chưa có biên bản kiểm phiếu và quyết định khen thưởng.',
};

/** What the secretariat should do, per phase (Vietnamese); the child's message says why. */
export const PHASE_FAILURE_TODO: Partial<Record<PhaseKind, string>> = {
  synthesis:
    'Đề nghị xử lý theo nội dung nêu trên, sau đó lập báo cáo tổng hợp ngoài hệ thống hoặc liên hệ quản trị hệ thống để chạy lại giai đoạn này.',
  conference:
    'Đề nghị sửa danh sách khách mời trong tệp đợt theo hướng dẫn nêu trên, sau đó gửi giấy mời ngoài hệ thống hoặc liên hệ quản trị hệ thống để chạy lại giai đoạn này.',
  awards:
    'Đề nghị xử lý theo hướng dẫn nêu trên (chia việc xét khen thưởng thành các đợt con theo khối đơn vị), sau đó tổ chức xét khen thưởng trong các đợt con.',
};

const GENERIC_TODO = 'Đề nghị xử lý theo nội dung nêu trên hoặc liên hệ quản trị hệ thống.';

export interface PhaseFailureContext {
  planNumber: string;
  campaignTitle: string;
  campaignId: string;
  secretariatName: string;
  contacts: ContactDef[];
  timeZone: string;
  failure: PhaseFailure;
}

export function composePhaseFailure(ctx: PhaseFailureContext): ComposedMessage {
  const f = ctx.failure;
  const subject = `[${ctx.planNumber}] Giai đoạn "${f.name}" không thực hiện được — cần xử lý`;
  const body = [
    `Giai đoạn "${f.name}" của ${planTagPhrase(ctx.planNumber, 'Kế hoạch số')} về ${ctx.campaignTitle} (mã đợt ${ctx.campaignId}) đã dừng lúc ${formatDeadlineShort(f.at, ctx.timeZone)}, không thực hiện được.`,
    `Lý do: ${f.message}`,
    ...(PHASE_FAILURE_EFFECT[f.phase] ? [PHASE_FAILURE_EFFECT[f.phase]!] : []),
    'Các giai đoạn khác của đợt vẫn tiếp tục theo kế hoạch; hệ thống sẽ không tự chạy lại giai đoạn này.',
    PHASE_FAILURE_TODO[f.phase] ?? GENERIC_TODO,
    `(Mã workflow cho quản trị hệ thống: ${f.workflowId})`,
  ];
  return secretariatLetter(subject, {
    to: ctx.secretariatName,
    body,
    secretariatName: ctx.secretariatName,
    contacts: ctx.contacts,
  });
}

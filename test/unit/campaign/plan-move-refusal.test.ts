/**
 * The refusal of a followed extension once the campaign is past its synthesis: the secretariat reads
 * the phase under way by its name in the plan ("Hội nghị tổng kết"), not the workflow's kind
 * ("conference"). One piece: the validator's check on a campaign's state as the workflow holds it.
 */
import type { GrantExtensionInput } from '../../../domain/workflow-types';
import type { CampaignContext } from '../../../workflows/campaign';
import { assertPlanOnlyMove } from '../../../workflows/campaign-plan-move';

const phases = [
  { kind: 'self-review', name: 'Tự kiểm điểm, tổng kết tại đơn vị' },
  { kind: 'synthesis', name: 'Tổng hợp, dự thảo báo cáo' },
  { kind: 'conference', name: 'Hội nghị tổng kết 10 năm' },
];

const ctxAt = (phase: string) =>
  ({
    view: { phase },
    synthesis: {},
    synthesisEnded: true,
    input: { compiled: { phases } },
  }) as unknown as CampaignContext;

const req = {
  reason: 'Theo gia hạn của đợt cấp trên',
  grantedBy: 'Ban Thi đua',
  fromParent: true,
} as GrantExtensionInput;

test('past the synthesis, a followed extension is refused naming the phase under way as the plan names it', () => {
  expect(() => assertPlanOnlyMove(ctxAt('conference'), req)).toThrow(
    'Đợt đã qua giai đoạn tổng hợp (đang ở giai đoạn "Hội nghị tổng kết 10 năm"): báo cáo tổng hợp đã được phê duyệt; ' +
      'kế hoạch còn lại không dời theo đợt cấp trên.',
  );
  expect(() => assertPlanOnlyMove(ctxAt('closed'), req)).toThrow('(đang ở giai đoạn "Đã kết thúc")');
});

/**
 * A sub-campaign following its parent's extension moves its whole remaining plan, not only its units'
 * deadline: its synthesis approval deadline must stay before the parent unit's (moved) deadline, and
 * its units must not become due after it. The campaign keeps the total shift; phases not started yet
 * run shifted when they start (campaign.ts), later deadline phases are extended in the units now, and
 * a synthesis under way is told its new approval deadline. Only for extensions marked `fromParent`: a
 * secretariat's own extension of its units leaves the later phases as its file says.
 */
import type { DeadlineSchedule } from '../domain/timeline-types';
import { MAX_EXTENSIONS, assertExtensionTexts } from '../domain/submission-rules';
import type { GrantExtensionInput, PlanMove } from '../domain/workflow-types';
import type { CampaignContext } from './campaign';
import { shiftDeadline } from './plan-shift';
import { moveSynthesisDeadline } from './synthesis';

/** The phases during which the units may still be extended (the usual extension path). */
export const unitsOpen = (phase: string) => phase === 'self-review' || phase === 'plan-issue';

/** The synthesis approval deadline as the plan now stands (its compiled one, moved by the total shift). */
export function movedApproval(ctx: CampaignContext): DeadlineSchedule | undefined {
  const approval = ctx.input.compiled.phases.find((p) => p.kind === 'synthesis')?.approval;
  return approval && shiftDeadline(approval, ctx.planShift, ctx.input.compiled.timeZone);
}

/**
 * Refuses, in Vietnamese, a followed extension that arrives once the units have locked and cannot
 * move anything: the synthesis already approved (its result went up) or a later phase under way.
 */
export function assertPlanOnlyMove(ctx: CampaignContext, req: GrantExtensionInput): void {
  const { view } = ctx;
  if (view.phase !== 'synthesis' || ctx.synthesisEnded) {
    throw new Error(
      `Đợt đã qua giai đoạn tổng hợp (đang ở "${view.phase}"): báo cáo tổng hợp đã được phê duyệt; kế hoạch còn lại không dời theo đợt cấp trên.`,
    );
  }
  if (!req.reason?.trim()) throw new Error('Cần ghi lý do gia hạn.');
  assertExtensionTexts(req);
  const moves = view.planMoves?.length ?? 0;
  if (moves >= MAX_EXTENSIONS) throw new Error(`Kế hoạch của đợt đã dời ${moves} lần, tối đa ${MAX_EXTENSIONS} lần.`);
  const to = Date.parse(req.schedule?.deadline?.utc ?? '');
  const current = Date.parse(view.selfReview?.deadline.utc ?? '');
  if (!Number.isFinite(to) || !Number.isFinite(current) || to <= current) {
    throw new Error(
      `Hạn mới ${req.schedule?.deadline?.local ?? ''} phải sau hạn hiện tại ${view.selfReview?.deadline.local ?? ''}; kế hoạch chỉ dời về sau.`,
    );
  }
}

/**
 * Moves the rest of the plan by `byMs` (after the units' own extension, if they took one): later
 * deadline phases (index after `target`) extended in the units through `tell`, the synthesis under
 * way told its new approval deadline. Returns the move as the campaign records it.
 */
export async function movePlan(
  ctx: CampaignContext,
  req: GrantExtensionInput,
  byMs: number,
  at: string,
  opts: { unitsExtended: boolean; target?: number; tell: (down: GrantExtensionInput) => Promise<void> },
): Promise<PlanMove> {
  const { view } = ctx;
  const zone = ctx.input.compiled.timeZone;
  ctx.planShift += byMs;
  const later = opts.unitsExtended ? ctx.deadlines.map((_, i) => i).filter((i) => i > (opts.target ?? 0)) : [];
  for (const i of later) {
    const entry = view.deadlinePhases?.[i];
    const id = ctx.deadlines[i].id;
    if (!entry || !id) continue;
    entry.schedule = shiftDeadline(entry.schedule, byMs, zone);
    const down: GrantExtensionInput = { ...req, schedule: entry.schedule, phaseId: id };
    ctx.down.push({ signal: 'extension', arg: down });
    await opts.tell(down);
  }
  const approval = movedApproval(ctx);
  if (approval && ctx.synthesis && !ctx.synthesisEnded) {
    await ctx.synthesis.signal(moveSynthesisDeadline, { approval, reason: req.reason });
  }
  const move: PlanMove = {
    byMs,
    totalMs: ctx.planShift,
    reason: req.reason,
    grantedBy: req.grantedBy,
    at,
    unitsExtended: opts.unitsExtended,
    ...(approval ? { approvalDeadline: approval.deadline.local } : {}),
  };
  view.planMoves = [...(view.planMoves ?? []), move];
  return move;
}

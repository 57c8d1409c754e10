/**
 * A sub-campaign following its parent's extension moves its whole remaining plan, not only its units'
 * deadline: its synthesis approval deadline must stay before the parent unit's (moved) deadline, and
 * its units must not become due after it. The campaign keeps the total shift; phases not started yet
 * run shifted when they start (campaign.ts), later deadline phases are extended in the units now, and
 * a synthesis under way is told its new approval deadline. Only for extensions marked `fromParent`: a
 * secretariat's own extension of its units leaves the later phases as its file says.
 */
import { condition } from '@temporalio/workflow';
import type { DeadlineSchedule, PhaseSchedule } from '../domain/timeline-types';
import { MAX_EXTENSIONS, assertExtensionTexts } from '../domain/submission-rules';
import type { CampaignExtensionResult, GrantExtensionInput, PlanMove } from '../domain/workflow-types';
import type { CampaignContext } from './campaign';
import { shiftDeadline, shiftPhase } from './plan-shift';
import { moveSynthesisDeadline } from './synthesis';

/** The phases during which the units may still be extended (the usual extension path). */
const unitsOpen = (phase: string) => phase === 'self-review' || phase === 'plan-issue';

/** The campaign's current phase as people read it: the plan's own name for it, or its end state. */
export function currentPhaseName(ctx: CampaignContext): string {
  const { phase } = ctx.view;
  if (phase === 'closed') return 'Đã kết thúc';
  if (phase === 'cancelled') return 'Đã hủy';
  return ctx.input.compiled.phases.find((p) => p.kind === phase)?.name ?? phase;
}

/** The units have locked (every batch, the last deadline phase) or their phase is over: only the rest of the plan can move. */
export const planOnly = (ctx: CampaignContext): boolean =>
  !unitsOpen(ctx.view.phase) || (ctx.batches > 0 && ctx.locked.size >= ctx.batches);

/**
 * Waits for a later phase's window as the plan now stands and returns the phase as it is to run
 * (shifted by the moves so far); a move while waiting sets the wait again. Deadline phases run as
 * they are: their moves reach the units as extensions. The wait is the one the campaign always made
 * (same timer) when nothing moved.
 */
export async function awaitPhaseWindow(ctx: CampaignContext, phase: PhaseSchedule): Promise<PhaseSchedule> {
  const planned = () => (unitsOpen(phase.kind) ? phase : shiftPhase(phase, ctx.planShift, ctx.input.compiled.timeZone));
  for (;;) {
    const startAt = Date.parse(planned().windowStart.utc);
    if (unitsOpen(phase.kind) || startAt <= Date.now()) break;
    const shift = ctx.planShift;
    await condition(() => ctx.cancelled() || ctx.planShift !== shift, startAt - Date.now(), {
      summary: `Chờ giai đoạn: ${phase.name}`,
    });
    if (ctx.cancelled() || ctx.planShift === shift) break;
  }
  return planned();
}

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
  // Units locked and the synthesis not started yet (waiting for its window), or the synthesis under way.
  const movable = unitsOpen(view.phase) ? !ctx.synthesis : view.phase === 'synthesis' && !ctx.synthesisEnded;
  if (!movable) {
    throw new Error(
      `Đợt đã qua giai đoạn tổng hợp (đang ở giai đoạn "${currentPhaseName(ctx)}"): báo cáo tổng hợp đã được phê duyệt; kế hoạch còn lại không dời theo đợt cấp trên.`,
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

/** A followed extension once the units have locked: the rest of the plan moves by as much as their deadline would have. */
export async function movePlanOnly(
  ctx: CampaignContext,
  req: GrantExtensionInput,
  at: string,
  tell: (down: GrantExtensionInput) => Promise<void>,
): Promise<CampaignExtensionResult> {
  const current = ctx.view.selfReview!.deadline.utc;
  const by = Date.parse(req.schedule.deadline.utc) - Date.parse(current);
  return { deadline: current, plan: await movePlan(ctx, req, by, at, { unitsExtended: false, tell }) };
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

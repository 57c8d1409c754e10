/**
 * The campaign's side of several deadline phases: the units run their deadlines one after another
 * (unit-phases.ts), each batch reports each phase's lock, and the campaign waits for them one by one,
 * showing the phase under way and the counts of each. Extensions go to the phase under way or to a
 * later one named by id; a locked phase takes none.
 */
import { condition, upsertMemo, upsertSearchAttributes } from '@temporalio/workflow';
import { DeadlineKey } from '../domain/search-attributes';
import { MAX_EXTENSIONS } from '../domain/submission-rules';
import type { PhaseSchedule } from '../domain/timeline-types';
import type {
  CampaignStatusView,
  DeadlinePhaseMemo,
  DueSummary,
  GrantExtensionInput,
  UnitPhaseInput,
} from '../domain/workflow-types';
import type { CampaignContext } from './campaign';
import { batchCounts } from './campaign-details';

/** A deadline phase as units receive it. */
export function unitPhaseOf(p: PhaseSchedule, due: DueSummary): UnitPhaseInput {
  return {
    kind: p.kind,
    name: p.name,
    ...(p.id ? { id: p.id } : {}),
    windowStart: p.windowStart.utc,
    windowStartLocal: p.windowStart.local,
    schedule: p.deadline!,
    due,
  };
}

const lockedEverywhere = (ctx: CampaignContext, index: number) => (ctx.lockedByPhase[index]?.size ?? 0) >= ctx.batches;

/** The deadline phase under way: the first not locked in every batch (the last once all are). */
export function currentDeadline(ctx: CampaignContext): number {
  const i = ctx.deadlines.findIndex((_, k) => !lockedEverywhere(ctx, k));
  return i < 0 ? ctx.deadlines.length - 1 : i;
}

/** The deadline phase an extension names (by id), or the one under way. */
export function extensionTarget(ctx: CampaignContext, req: GrantExtensionInput): number {
  return req.phaseId === undefined ? currentDeadline(ctx) : ctx.deadlines.findIndex((p) => p.id === req.phaseId);
}

/** Refuses, in Vietnamese, a campaign-wide extension that cannot apply. */
export function assertCampaignExtension(ctx: CampaignContext, req: GrantExtensionInput, granted: number): void {
  const target = extensionTarget(ctx, req);
  if (target < 0) {
    const ids = ctx.deadlines.map((p) => p.id).join(', ');
    throw new Error(`Không có giai đoạn nộp hồ sơ mã "${req.phaseId}"; các mã: ${ids}.`);
  }
  const phase = ctx.view.deadlinePhases![target];
  if (target < currentDeadline(ctx) || lockedEverywhere(ctx, target)) {
    throw new Error(`Giai đoạn "${phase.name}" đã khóa lúc ${phase.schedule.lock.local}; không thể gia hạn.`);
  }
  if (granted >= MAX_EXTENSIONS) throw new Error(`Đợt đã được gia hạn ${granted} lần, tối đa ${MAX_EXTENSIONS} lần.`);
  const to = Date.parse(req.schedule?.deadline?.utc ?? '');
  if (!Number.isFinite(to) || to <= Date.now()) throw new Error('Hạn mới phải là một thời điểm trong tương lai.');
  if (to <= Date.parse(phase.schedule.deadline.utc)) {
    throw new Error(
      `Hạn mới ${req.schedule.deadline.local} phải sau hạn hiện tại ${phase.schedule.deadline.local} của giai đoạn "${phase.name}"; gia hạn không thể rút ngắn thời hạn.`,
    );
  }
}

/**
 * The deadline phases in the campaign's memo: `campaign status` and the dashboard read them from the
 * visibility store, with no worker running.
 */
export function publishDeadlines(view: CampaignStatusView): void {
  if (!view.deadlinePhases) return;
  const deadlinePhases: DeadlinePhaseMemo[] = view.deadlinePhases.map((p) => ({
    ...(p.id ? { id: p.id } : {}),
    name: p.name,
    deadline: p.schedule.deadline.utc,
    lock: p.schedule.lock.utc,
    current: (p.id ?? p.name) === view.deadlinePhase,
    ...(p.counts ? { counts: p.counts } : {}),
  }));
  upsertMemo({ deadlinePhases });
}

/** Waits until deadline phase `index` has locked in every batch (or the campaign is cancelled). */
export async function awaitDeadlineLock(ctx: CampaignContext, index: number): Promise<void> {
  const { view } = ctx;
  view.deadlinePhase = ctx.deadlines[index].id ?? ctx.deadlines[index].name;
  publishDeadlines(view);
  await condition(() => ctx.cancelled() || lockedEverywhere(ctx, index));
  const results = [...(ctx.lockedByPhase[index]?.values() ?? [])];
  const { counts } = batchCounts(results);
  view.counts = counts;
  if (view.deadlinePhases) view.deadlinePhases[index].counts = counts;
  const ended = results.flatMap((r) => r.ended ?? []);
  if (ended.length > 0) view.endedUnits = ended;
  const next = view.deadlinePhases?.[index + 1];
  if (next && !ctx.cancelled()) {
    view.deadlinePhase = next.id ?? next.name;
    view.selfReview = next.schedule;
    upsertSearchAttributes([{ key: DeadlineKey, value: new Date(next.schedule.deadline.utc) }]);
  }
  publishDeadlines(view);
}

/**
 * A unit's deadlines when its campaign has several deadline phases (`input.phases`): which one is
 * under way, the move to the next once one locks, the refusals of submissions and extensions that
 * name another phase. Pure and deterministic, apart from `unit-review.ts` which runs them.
 */
import {
  assertDeliverable as assertDeliverableRule,
  assertPhaseNamed as assertPhaseNamedRule,
  deliverablesComplete,
} from '../domain/deliverable-rules';
import type {
  GrantExtensionInput,
  NominationSummary,
  UnitDeadlineView,
  UnitPhaseInput,
  UnitReviewInput,
  UnitReviewState,
} from '../domain/workflow-types';

export { deliverablesComplete };
export const assertDeliverable = assertDeliverableRule;

/** The deadline phase under way: `input.phase` for a campaign with one. */
export function currentPhase(input: UnitReviewInput, state: UnitReviewState): UnitPhaseInput {
  return input.phases?.[state.phaseIndex ?? 0] ?? input.phase;
}

/** The phase's part of its message keys: its id, or its position. */
export function phaseKeyOf(input: UnitReviewInput, state: UnitReviewState): string {
  const index = state.phaseIndex ?? 0;
  return input.phases?.[index]?.id ?? `p${index + 1}`;
}

/** A later deadline phase named by id, if there is one. */
export function laterPhase(input: UnitReviewInput, state: UnitReviewState, id: string): UnitPhaseInput | undefined {
  const index = input.phases?.findIndex((p) => p.id === id) ?? -1;
  return index > (state.phaseIndex ?? 0) ? input.phases![index] : undefined;
}

/** See {@link assertPhaseNamedRule}. */
export function assertPhaseNamed(
  input: UnitReviewInput,
  state: UnitReviewState,
  phaseId: string | undefined,
  nowMs: number,
  deliverable?: string,
): void {
  assertPhaseNamedRule(
    {
      phases: input.phases!,
      index: state.phaseIndex ?? 0,
      lockedLocal: (i) => state.done?.[i]?.schedule.lock.local ?? '',
      contact: input.contact,
    },
    phaseId,
    deliverable,
    nowMs,
  );
}

/**
 * Why an extension naming a phase cannot apply, or undefined to go on with the usual checks (the
 * current phase) — a later phase takes an extension that moves its deadline later.
 */
export function laterPhaseExtensionProblem(
  input: UnitReviewInput,
  state: UnitReviewState,
  req: GrantExtensionInput,
): string | undefined {
  if (req.phaseId === undefined) return undefined;
  const index = input.phases!.findIndex((p) => p.id === req.phaseId);
  if (index < 0) return `Không có giai đoạn nộp hồ sơ mã "${req.phaseId}".`;
  const current = state.phaseIndex ?? 0;
  if (index < current) {
    return `Giai đoạn "${input.phases![index].name}" đã khóa lúc ${state.done?.[index]?.schedule.lock.local ?? ''}; không thể gia hạn.`;
  }
  if (index === current) return undefined;
  if (state.cancelled) return 'Đợt tổng kết đã bị hủy; không thể gia hạn.';
  const phase = input.phases![index];
  const before = state.later?.[phase.id!] ?? phase.schedule;
  const to = Date.parse(req.schedule?.deadline?.utc ?? '');
  if (!Number.isFinite(to)) return 'Hạn mới không hợp lệ.';
  if (to <= Date.parse(before.deadline.utc)) {
    return `Hạn mới ${req.schedule.deadline.local} phải sau hạn hiện tại ${before.deadline.local} của giai đoạn "${phase.name}".`;
  }
  if (Date.parse(req.schedule.lock.utc) < to) return 'Thời điểm khóa không được trước hạn nộp mới.';
  if (!req.reason?.trim()) return 'Cần ghi lý do gia hạn.';
  return undefined;
}

/**
 * Records the phase that just locked and opens the next: its schedule (as extended beforehand, if
 * it was), a fresh status and files. Instants already past are not sent in a burst.
 */
export function nextDeadline(input: UnitReviewInput, state: UnitReviewState, nowMs: number): void {
  const index = state.phaseIndex ?? 0;
  const phase = input.phases![index];
  state.done = [
    ...(state.done ?? []),
    {
      ...(phase.id ? { id: phase.id } : {}),
      name: phase.name,
      status: state.status,
      schedule: state.schedule,
      deadlineVersion: state.deadlineVersion,
      lockedAt: state.lockedAt,
      reports: state.reports,
      papers: state.papers,
      nominations: nominationSummaries(state.nominations),
      extensions: state.extensions,
    },
  ];
  const next = input.phases![index + 1];
  const schedule = (next.id && state.later?.[next.id]) || next.schedule;
  state.phaseIndex = index + 1;
  state.schedule = schedule;
  state.deadlineVersion = 1;
  state.status = 'pending';
  state.locked = false;
  state.lockedAt = undefined;
  state.reports = [];
  state.papers = [];
  state.nominations = [];
  state.extensions = [];
  state.handled = [
    ...schedule.reminders.filter((r) => Date.parse(r.at.utc) <= nowMs).map((r) => `v1/${r.id}`),
    ...schedule.escalations.filter((e) => Date.parse(e.at.utc) <= nowMs).map((e) => `v1/esc${e.step}`),
  ];
}

/** Every deadline of the unit, in order: those done, the one under way, those to come. */
export function deadlinesView(input: UnitReviewInput, state: UnitReviewState): UnitDeadlineView[] | undefined {
  if (!input.phases || input.phases.length < 2) return undefined;
  const index = state.phaseIndex ?? 0;
  return input.phases.map((p, i): UnitDeadlineView => {
    const done = state.done?.[i];
    const schedule = done?.schedule ?? (i === index ? state.schedule : (p.id && state.later?.[p.id]) || p.schedule);
    return {
      ...(p.id ? { id: p.id } : {}),
      name: p.name,
      state: i < index ? 'done' : i === index ? 'current' : 'later',
      status: done?.status ?? (i === index ? state.status : 'pending'),
      deadline: schedule.deadline.utc,
      deadlineLocal: schedule.deadline.local,
      lockAt: schedule.lock.utc,
      lockLocal: schedule.lock.local,
      windowStart: p.windowStart,
      due: p.due,
      files: done ? [...done.reports, ...done.papers] : i === index ? [...state.reports, ...state.papers] : [],
    };
  });
}

/** The versions of a unit's nominations as its views list them: the count, not the nominations. */
export function nominationSummaries(versions: UnitReviewState['nominations']): NominationSummary[] {
  return versions.map((n) => ({
    version: n.version,
    receivedAt: n.receivedAt,
    submittedBy: n.submittedBy,
    late: n.late,
    count: n.nominations.length,
  }));
}

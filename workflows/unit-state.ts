/**
 * What a unit's workflow derives from its state, pure and deterministic: its first state, the view
 * its query answers, its line in the Temporal UI, and whether an extension can apply. Apart from
 * `unit-review.ts` so that the workflow file holds the orchestration only.
 */
import { currentPhase, deadlinesView, nominationSummaries } from './unit-phases';
import {
  MESSAGE_KIND_LABELS,
  type GrantExtensionInput,
  type MessageKind,
  type UnitReviewInput,
  type UnitReviewState,
  type UnitStatusView,
} from '../domain/workflow-types';

export function initialState(input: UnitReviewInput): UnitReviewState {
  return {
    schedule: input.phase.schedule,
    deadlineVersion: 1,
    status: 'pending',
    locked: false,
    closed: false,
    reports: [],
    papers: [],
    nominations: [],
    handled: [],
    messages: [],
    extensions: [],
    outbox: [],
  };
}

export const remindersSentOf = (state: UnitReviewState): number =>
  state.messages.filter((m) => m.sent && (m.kind === 'reminder' || m.kind === 'due-today')).length;

/** When the unit first submitted anything (files or nominations). */
export function firstSubmissionAt(state: UnitReviewState): string {
  const all = [...state.reports, ...state.papers].map((f) => f.receivedAt);
  all.push(...state.nominations.map((n) => n.receivedAt));
  return all.sort()[0];
}

/** The `getUnitStatus` answer: nominations summarised (the latest in full), so it stays small. */
export function unitView(input: UnitReviewInput, state: UnitReviewState): UnitStatusView {
  const phase = currentPhase(input, state);
  const deadlines = deadlinesView(input, state);
  return {
    campaignId: input.campaignId,
    planNumber: input.planNumber,
    unitId: input.unitId,
    unitName: input.unitName,
    phase: { kind: phase.kind, name: phase.name, ...(phase.id ? { id: phase.id } : {}) },
    status: state.status,
    locked: state.locked,
    lockedAt: state.lockedAt,
    cancelled: state.cancelled && { reason: state.cancelled.reason, at: state.cancelled.at },
    deadline: state.schedule.deadline.utc,
    lockAt: state.schedule.lock.utc,
    lockLocal: state.schedule.lock.local,
    contact: input.contact,
    deadlineVersion: state.deadlineVersion,
    due: phase.due,
    reports: state.reports,
    papers: state.papers,
    nominations: nominationSummaries(state.nominations),
    latestNominations: state.nominations.at(-1),
    remindersSent: remindersSentOf(state),
    messages: state.messages,
    extensions: state.extensions,
    schedule: state.schedule,
    ...(deadlines ? { deadlines } : {}),
  };
}

/** The unit's line in the Temporal UI: a refused address shows there, not only on the dashboard. */
export function unitDetails(input: UnitReviewInput, state: UnitReviewState): string {
  const refused = state.messages.filter((m) => m.status === 'refused' || m.note === 'undeliverable').length;
  return (
    `**${input.unitName}** — ${currentPhase(input, state).name}: ${statusLabel(state.status)}${state.locked ? ' (đã khóa)' : ''}\n\n` +
    `Hạn nộp: ${state.schedule.deadline.local} · Khóa: ${state.schedule.lock.local} · Nhắc đã gửi: ${remindersSentOf(state)}` +
    (refused > 0 ? `\n\n**Thư bị từ chối: ${refused}** (địa chỉ không nhận thư; Thường trực đã được báo)` : '')
  );
}

/** Why an extension cannot apply now, in Vietnamese; undefined when it can. */
export function extensionProblemOf(
  state: UnitReviewState,
  req: GrantExtensionInput,
  nowMs: number,
): string | undefined {
  if (state.locked) return `Giai đoạn đã khóa lúc ${state.schedule.lock.local}; không thể gia hạn.`;
  if (state.cancelled) return 'Đợt tổng kết đã bị hủy; không thể gia hạn.';
  const to = Date.parse(req.schedule?.deadline?.utc ?? '');
  if (!Number.isFinite(to)) return 'Hạn mới không hợp lệ.';
  if (to <= Date.parse(state.schedule.deadline.utc))
    return `Hạn mới ${req.schedule.deadline.local} phải sau hạn hiện tại ${state.schedule.deadline.local}.`;
  if (to <= nowMs) return `Hạn mới ${req.schedule.deadline.local} đã qua.`;
  if (Date.parse(req.schedule.lock.utc) < to) return 'Thời điểm khóa không được trước hạn nộp mới.';
  if (!req.reason?.trim()) return 'Cần ghi lý do gia hạn.';
  return undefined;
}

export function statusLabel(status: UnitReviewState['status']): string {
  return {
    pending: 'chưa nộp',
    submitted: 'đã nộp',
    late: 'nộp muộn',
    missing: 'quá hạn, chưa nộp',
    cancelled: 'đã hủy',
  }[status];
}

export function messageLabel(kind: MessageKind): string {
  return MESSAGE_KIND_LABELS[kind];
}

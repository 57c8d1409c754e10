/**
 * Hand-made deadline schedules and workflow inputs relative to a start instant, for the benchmark
 * (`scripts/bench.ts`) and the workflow and end-to-end tests, independent of the compiler. It lives
 * here, not in `test/`, because scripts do not import test code.
 */
import type { CompiledCampaign, DeadlineSchedule, ReadInstant } from '../domain/timeline-types';
import type { CampaignInput, UnitReviewInput } from '../domain/workflow-types';

export const DAY = 24 * 3600_000;

const instant = (ms: number) => ({
  utc: new Date(ms).toISOString(),
  local: new Date(ms + 7 * 3600_000).toISOString().slice(0, 16),
});

export function scheduleFrom(
  startMs: number,
  opts: { deadlineDays: number; lockDays: number; reminders?: number[]; escalations?: number[] },
): DeadlineSchedule {
  const deadline = startMs + opts.deadlineDays * DAY;
  return {
    deadline: { ...instant(deadline), written: `+${opts.deadlineDays}d`, reading: 'test' },
    lock: { ...instant(startMs + opts.lockDays * DAY), written: `+${opts.lockDays}d`, reading: 'test' },
    reminders: (opts.reminders ?? [7, 3, 1, 0]).map((d) => ({
      id: `r-${d}d`,
      offset: `${d}d`,
      kind: d === 0 ? ('due-today' as const) : ('reminder' as const),
      // the day itself: a few hours before the deadline, as at 08:00 for a 17:00 deadline
      at: instant(deadline - (d === 0 ? 9 * 3600_000 : d * DAY)),
    })),
    escalations: (opts.escalations ?? [1, 3]).map((d, i) => ({
      step: i + 1,
      after: `${d}d`,
      at: instant(deadline + d * DAY),
      notify: i === 0 ? (['head'] as const).slice() : (['supervisor'] as const).slice(),
      cc: i === 0 ? [] : (['secretariat'] as const).slice(),
    })),
  };
}

const DUE = { summaryReport: 'required', presentationPaper: 'optional' } as const;

/** A unit's workflow input in its self-review phase, deadline and lock in days from `startMs`. */
export function unitInputFrom(
  startMs: number,
  opts: {
    campaignId: string;
    unitId: string;
    unitName: string;
    planNumber?: string;
    definitionRef?: string;
    contact?: string;
    deadlineDays: number;
    lockDays: number;
    issuePlan?: boolean;
  },
): UnitReviewInput {
  return {
    campaignId: opts.campaignId,
    planNumber: opts.planNumber ?? '67-KH/TU',
    definitionRef: opts.definitionRef ?? '0'.repeat(64),
    unitId: opts.unitId,
    unitName: opts.unitName,
    contact: opts.contact ?? 'Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc',
    phase: {
      kind: 'self-review',
      name: 'Tự kiểm điểm, tổng kết tại đơn vị',
      windowStart: new Date(startMs).toISOString(),
      schedule: scheduleFrom(startMs, { deadlineDays: opts.deadlineDays, lockDays: opts.lockDays }),
      due: { ...DUE },
    },
    issuePlan: opts.issuePlan ?? false,
  };
}

/**
 * A campaign's workflow input without the compiler: plan issue, self-review (deadline and lock in
 * days from `startMs`), then a 10-day synthesis window.
 */
export function campaignInputFrom(
  startMs: number,
  opts: {
    campaignId: string;
    planNumber: string;
    title: string;
    contact: string;
    unitCount: number;
    unitsPerBatch: number;
    deadlineDays: number;
    lockDays: number;
  },
): CampaignInput {
  const at = (ms: number): ReadInstant => ({ ...instant(ms), written: '', reading: 'test' });
  const lockAt = startMs + opts.lockDays * DAY;
  const compiled: CompiledCampaign = {
    campaignId: opts.campaignId,
    planNumber: opts.planNumber,
    timeZone: 'Asia/Ho_Chi_Minh',
    phases: [
      { kind: 'plan-issue', name: 'Ban hành kế hoạch', windowStart: at(startMs), windowEnd: at(startMs + DAY) },
      {
        kind: 'self-review',
        name: 'Tự kiểm điểm, tổng kết tại đơn vị',
        windowStart: at(startMs),
        windowEnd: at(lockAt),
        deadline: scheduleFrom(startMs, { deadlineDays: opts.deadlineDays, lockDays: opts.lockDays }),
      },
      { kind: 'synthesis', name: 'Tổng hợp', windowStart: at(lockAt), windowEnd: at(lockAt + 10 * DAY) },
    ],
  };
  return {
    campaignId: opts.campaignId,
    planNumber: opts.planNumber,
    title: opts.title,
    definitionRef: '0'.repeat(64),
    contact: opts.contact,
    unitCount: opts.unitCount,
    compiled,
    due: { ...DUE },
    unitsPerBatch: opts.unitsPerBatch,
  };
}

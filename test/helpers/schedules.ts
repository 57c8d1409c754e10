/** Hand-made deadline schedules relative to a start instant, for workflow tests independent of the compiler. */
import type { DeadlineSchedule } from '../../domain/timeline-types';

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

/** The campaigns the benchmark starts: the deadline burst at N units, and the short self-review sample. */
import type { DeadlineSchedule } from '../../domain/timeline-types';
import type { CampaignInput } from '../../domain/workflow-types';
import { campaignInputFrom } from '../schedules';
import { n } from './report';

const instant = (ms: number) => ({
  utc: new Date(ms).toISOString(),
  local: new Date(ms + 7 * 3600_000).toISOString().slice(0, 16),
});

/**
 * A self-review schedule in absolute instants: reminders at `reminders`, then the deadline and the
 * lock; no escalation (an escalation is for units that did not submit: not a normal self-review).
 */
export function scheduleAt(opts: { reminders: number[]; deadline: number; lock: number }): DeadlineSchedule {
  return {
    deadline: { ...instant(opts.deadline), written: 'bench', reading: 'test' },
    lock: { ...instant(opts.lock), written: 'bench', reading: 'test' },
    reminders: opts.reminders.map((at, i) => ({
      id: `r-${i + 1}`,
      offset: `${opts.reminders.length - i}d`,
      kind: 'reminder' as const,
      at: instant(at),
    })),
    escalations: [],
  };
}

/**
 * A campaign whose self-review phase has the given schedule and nothing after it: the campaign closes
 * at the lock (a synthesis would wait for an approval the bench does not give).
 */
export function campaignWith(
  opts: { campaignId: string; units: number; unitsPerBatch: number; definitionRef: string; start: number },
  schedule: DeadlineSchedule,
): CampaignInput {
  const input = campaignInputFrom(opts.start, {
    campaignId: opts.campaignId,
    planNumber: 'BENCH-KH',
    title: `Benchmark ${n(opts.units)} đơn vị`,
    contact: 'Ban Thi đua - Khen thưởng (benchmark)',
    unitCount: opts.units,
    unitsPerBatch: opts.unitsPerBatch,
    deadlineDays: 30,
    lockDays: 35,
  });
  const lockAt = { ...instant(Date.parse(schedule.lock.utc)), written: '', reading: 'test' };
  const [planIssue, selfReview] = input.compiled.phases;
  return {
    ...input,
    definitionRef: opts.definitionRef,
    compiled: {
      ...input.compiled,
      phases: [planIssue, { ...selfReview, windowEnd: lockAt, deadline: schedule }],
    },
  };
}

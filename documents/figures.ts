/**
 * The figures the report and the workbook both show, counted once: units by status, overall and by
 * cluster, and the units the report must name (late, missing).
 */
import type { SubmissionStatus } from '../domain/workflow-types';
import type { SynthesisUnitRow } from '../domain/synthesis-types';
import { NO_CLUSTER } from './vietnamese';

export type StatusCounts = Record<SubmissionStatus, number> & { total: number };

/** The order the statuses are shown in, everywhere. */
export const STATUS_ORDER: SubmissionStatus[] = ['submitted', 'late', 'missing', 'pending', 'cancelled'];

export function countStatuses(units: readonly SynthesisUnitRow[]): StatusCounts {
  const counts: StatusCounts = { total: 0, submitted: 0, late: 0, missing: 0, pending: 0, cancelled: 0 };
  for (const unit of units) {
    counts[unit.status] += 1;
    counts.total += 1;
  }
  return counts;
}

/** Clusters in order of first appearance (the campaign file's order), units without one last. */
export function byCluster(units: readonly SynthesisUnitRow[]): Array<{ cluster: string; counts: StatusCounts }> {
  const groups = new Map<string, SynthesisUnitRow[]>();
  for (const unit of units) {
    const key = unit.cluster ?? '';
    groups.set(key, [...(groups.get(key) ?? []), unit]);
  }
  const keys = [...groups.keys()].filter((k) => k !== '');
  if (groups.has('')) keys.push('');
  return keys.map((key) => ({ cluster: key || NO_CLUSTER, counts: countStatuses(groups.get(key) ?? []) }));
}

/**
 * A campaign of several deadline phases: the counts in each, in order; none for one phase (the
 * report's other tables are then the whole story).
 */
export function byDeadlinePhase(units: readonly SynthesisUnitRow[]): Array<{ name: string; counts: StatusCounts }> {
  const first = units.find((u) => (u.phases?.length ?? 0) > 1)?.phases;
  if (!first) return [];
  return first.map((phase, i) => ({
    name: phase.name,
    counts: countStatuses(
      units.flatMap((u) => {
        const mine = u.phases?.[i];
        return mine ? [{ ...u, status: mine.status }] : [];
      }),
    ),
  }));
}

/** The units the report names: late ones and missing ones, in the campaign's order. */
export const lateOrMissing = (units: readonly SynthesisUnitRow[]): SynthesisUnitRow[] =>
  units.filter((u) => u.status === 'late' || u.status === 'missing');

/**
 * The campaign's line in the Temporal UI (its current details): the plan, where it stands and, once
 * batches have locked, how its units stand, as the batches write "N đơn vị — đã khóa". Metadata
 * only: `setCurrentDetails` keeps the text for the UI's `__temporal_workflow_metadata` query and
 * writes no history event (no command), so the counts need no `patched()` and replay unchanged.
 */
import { noUnitCounts, type BatchResult, type SubmissionStatus } from '../domain/workflow-types';

/** The units of locked batches and their statuses, summed (the campaign's view and its line). */
export function batchCounts(locked: Iterable<BatchResult>): {
  units: number;
  counts: Record<SubmissionStatus, number>;
} {
  let units = 0;
  const counts = noUnitCounts();
  for (const r of locked) {
    units += r.units;
    for (const k of Object.keys(counts) as SubmissionStatus[]) counts[k] += r.counts[k];
  }
  return { units, counts };
}

export function campaignDetails(
  planNumber: string,
  stage: string,
  unitCount: number,
  locked: Iterable<BatchResult>,
): string {
  const { units, counts: c } = batchCounts(locked);
  const head = `**${planNumber}** — ${stage} · ${unitCount} đơn vị`;
  // Before the first lock the batches' own lines say how their units stand; the campaign has no counts yet.
  if (units === 0) return head;
  const parts = [
    `đã khóa ${units}`,
    `đã nộp ${c.submitted + c.late}${c.late ? ` (muộn ${c.late})` : ''}`,
    `không nộp ${c.missing}`,
    ...(c.cancelled ? [`đã hủy ${c.cancelled}`] : []),
  ];
  return `${head}: ${parts.join(', ')}`;
}

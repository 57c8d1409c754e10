/**
 * The same change as `unguarded-timer.ts`, guarded the way the project requires: `patched()` is
 * false when replaying a history recorded before the change, so old histories still replay.
 */
import { patched, sleep } from '@temporalio/workflow';
import type { UnitReviewInput, UnitStatusView } from '../../../domain/workflow-types';
import { unitReviewWorkflow as current } from '../../../workflows/unit-review';

export async function unitReviewWorkflow(input: UnitReviewInput): Promise<UnitStatusView> {
  if (patched('replay-test-grace-minute')) await sleep('1 minute');
  return current(input);
}

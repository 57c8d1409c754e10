/**
 * A deliberately non-deterministic change, for the negative replay test only: the unit workflow now
 * waits a minute (a timer) before its first act. Histories of units started before the change have
 * no such timer, so replaying them must fail. Same workflow type name as the real one.
 */
import { sleep } from '@temporalio/workflow';
import type { UnitReviewInput, UnitStatusView } from '../../../domain/workflow-types';
import { unitReviewWorkflow as current } from '../../../workflows/unit-review';

export async function unitReviewWorkflow(input: UnitReviewInput): Promise<UnitStatusView> {
  await sleep('1 minute');
  return current(input);
}

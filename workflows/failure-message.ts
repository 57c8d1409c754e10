/**
 * The message of a failed child workflow as its own code wrote it (pure; used in workflow code and
 * unit-tested alone).
 */
import { ApplicationFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';

/**
 * The child's own words: the deepest {@link ApplicationFailure} of the cause chain (a child that
 * failed on an activity's refusal arrives as ChildWorkflowFailure → ActivityFailure →
 * ApplicationFailure), not "Child Workflow execution failed".
 */
export function failureMessage(err: unknown): string {
  let app: ApplicationFailure | undefined;
  let deepest: Error | undefined;
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 20; e = e.cause, depth++) {
    deepest = e;
    if (e instanceof ApplicationFailure && e.message) app = e;
  }
  if (app) return app.message;
  if (deepest instanceof TerminatedFailure) return 'Workflow của giai đoạn đã bị người vận hành dừng (terminate).';
  if (deepest instanceof TimeoutFailure) return 'Workflow của giai đoạn đã quá thời gian chạy cho phép.';
  return deepest?.message || String(err);
}

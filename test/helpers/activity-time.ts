/** When a (faked) activity runs, in the time-skipping test server's time. */
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * A normal activity's scheduled time is the server's (skipped) time; a local activity's is the
 * worker's own clock, so the server is asked (it skips no time while the workflow task that runs the
 * local activity is open).
 */
export async function activityTimeMs(env: TestWorkflowEnvironment): Promise<number> {
  const { info } = Context.current();
  return info.isLocal ? env.currentTimeMs() : info.currentAttemptScheduledTimestampMs;
}

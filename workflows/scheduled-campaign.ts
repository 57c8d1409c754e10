/**
 * The action of a recurring campaign's Temporal Schedule (issue 15): a short workflow that reads the
 * instant it was scheduled for and has an activity start that period's campaign. Deterministic: the
 * instant comes from the `TemporalScheduledStartTime` search attribute the schedule sets (or, when
 * started otherwise, the workflow's own start time), never from a clock.
 */
import { ActivityFailure, ApplicationFailure, defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createScheduledCampaignActivities } from '../activities/scheduled-campaign';
import type { ScheduledRunResult } from '../domain/schedule-types';

/** Set by the server on every workflow a schedule starts (trigger and backfill included). */
export const ScheduledStartTimeKey = defineSearchAttributeKey(
  'TemporalScheduledStartTime',
  SearchAttributeType.DATETIME,
);

const { startScheduledPeriod } = proxyActivities<ReturnType<typeof createScheduledCampaignActivities>>({
  startToCloseTimeout: '2 minutes',
  // A template that no longer validates fails at once (non-retryable); a server hiccup is retried.
  retry: { maximumAttempts: 5, initialInterval: '5 seconds' },
});

export async function scheduledCampaignWorkflow(input: { scheduleId: string }): Promise<ScheduledRunResult> {
  const info = workflowInfo();
  const scheduled = info.typedSearchAttributes.get(ScheduledStartTimeKey) ?? info.startTime;
  try {
    return await startScheduledPeriod.executeWithOptions(
      { summary: `Bắt đầu đợt định kỳ của lịch ${input.scheduleId}` },
      [
        {
          scheduleId: input.scheduleId,
          scheduledAt: scheduled.toISOString(),
          starterWorkflowId: info.workflowId,
        },
      ],
    );
  } catch (err) {
    // The starter fails with the activity's own words (why the period cannot start), so that the
    // Temporal UI, `schedule trigger` and the schedule's pause note show them, not "activity failed".
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw ApplicationFailure.nonRetryable(err.cause.message, err.cause.type ?? 'ScheduledCampaignFailed');
    }
    throw err;
  }
}

/**
 * A later phase's child (synthesis, conference, awards) that failed, not cancelled (issue 17): the
 * campaign goes on without it, but no clerk reads worker logs. The failure is recorded in the
 * campaign's view (its status query and result), in its memo (`campaign status` and the dashboard read
 * it without a worker), in the `FailedPhases` search attribute (the Temporal UI's filter), and the
 * secretariat is mailed once. Workflow code.
 */
import {
  isCancellation,
  log,
  patched,
  proxyActivities,
  upsertMemo,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { FailedPhasesKey } from '../domain/search-attributes';
import type { PhaseSchedule } from '../domain/timeline-types';
import type { CampaignInput, CampaignStatusView, PhaseFailure } from '../domain/workflow-types';
import { failureMessage } from './failure-message';

// Bounded: the mail is idempotent (Message-ID from the campaign and the phase), but a mail server
// down for hours must not hold the campaign's next phases; the failure stays in the status anyway.
const mail = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8 },
});

/**
 * Records the failure and tells the secretariat. The view is state (no command); the memo and the
 * mail are commands, versioned under `campaign-reports-phase-failure` (before it, only logged).
 */
export async function reportPhaseFailure(
  ctx: { input: CampaignInput; view: CampaignStatusView },
  phase: PhaseSchedule,
  workflowId: string,
  err: unknown,
): Promise<void> {
  log.error(`the ${phase.kind} workflow failed`, { err });
  const failure: PhaseFailure = {
    phase: phase.kind,
    name: phase.name,
    workflowId,
    message: failureMessage(err),
    at: new Date(Date.now()).toISOString(),
  };
  ctx.view.phaseFailures = [...(ctx.view.phaseFailures ?? []), failure];
  if (!patched('campaign-reports-phase-failure')) return;
  upsertMemo({ phaseFailures: ctx.view.phaseFailures });
  // Operators filter such campaigns in the Temporal UI (`FailedPhases = "synthesis"`). Its own version:
  // campaigns that failed under the memo-only version replay without the upsert.
  if (patched('campaign-failed-phases-attribute')) {
    upsertSearchAttributes([{ key: FailedPhasesKey, value: [...new Set(ctx.view.phaseFailures.map((f) => f.phase))] }]);
  }
  try {
    await mail.mailPhaseFailure.executeWithOptions({ summary: `Báo Thường trực: ${phase.name} không thực hiện được` }, [
      { campaignId: ctx.input.campaignId, definitionRef: ctx.input.definitionRef, failure },
    ]);
  } catch (mailErr) {
    if (isCancellation(mailErr)) throw mailErr;
    log.warn('the secretariat was not told of the failed phase', { err: mailErr });
  }
}

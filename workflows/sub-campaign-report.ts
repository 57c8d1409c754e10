/**
 * A sub-campaign's last step of its synthesis phase: the approved synthesis (and its units'
 * nominations) goes up as the parent unit's submission, through one activity. A refusal by the parent
 * is the activity's answer (`sent: false`), not a failure; an activity that keeps failing (the parent
 * unreachable for hours) is recorded the same way, and the campaign goes on.
 */
import { condition, isCancellation, log, proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { SubCampaignResultOutcome } from '../domain/sub-campaign-types';
import type { SynthesisStatusView } from '../domain/synthesis-types';
import type { CampaignInput } from '../domain/workflow-types';

// The parent may be busy or its worker restarting: retry with backoff, for about a day.
const activities = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 60 },
});

/** A parent phase that opens later is waited for, a few times at most (its window may be moved). */
const MAX_WAITS = 5;

export async function reportUp(
  input: CampaignInput,
  synthesis: SynthesisStatusView,
  hooks: { cancelled: () => boolean; waiting: (outcome: SubCampaignResultOutcome) => void },
): Promise<SubCampaignResultOutcome | undefined> {
  const { parent } = input;
  const approved = synthesis.approved;
  const version = approved && synthesis.versions.find((v) => v.version === approved.version);
  if (!parent || !approved || !version) return undefined;
  const send = async (): Promise<SubCampaignResultOutcome> => {
    try {
      return await activities.reportSubCampaignResult.executeWithOptions(
        { summary: `Nộp kết quả lên đợt ${parent.campaignId}, thay cho đơn vị ${parent.unitId}` },
        [
          {
            subCampaignId: input.campaignId,
            parent,
            report: version.docx,
            approvedBy: approved.by,
            definitionRef: input.definitionRef,
            planNumber: input.planNumber,
          },
        ],
      );
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.error('the sub-campaign result could not be sent to the parent', { err });
      return {
        sent: false,
        reason: `Không nộp được kết quả lên đợt cấp trên sau nhiều lần thử (${(err as Error).message}).`,
      };
    }
  };
  for (let waits = 0; ; waits++) {
    const outcome = await send();
    if (outcome.sent || !outcome.notBefore || waits >= MAX_WAITS) return outcome;
    // The parent's phase opens later: wait for it (at least a minute, should the clocks differ).
    hooks.waiting(outcome);
    const wait = Math.max(Date.parse(outcome.notBefore) - Date.now(), 60_000);
    await condition(hooks.cancelled, wait, { summary: `Chờ giai đoạn của đợt cấp trên mở: ${outcome.notBefore}` });
    if (hooks.cancelled()) return outcome;
  }
}

/**
 * A sub-campaign's last step of its synthesis phase: the approved synthesis (and its units'
 * nominations) goes up as the parent unit's submission, through one activity. A refusal by the parent
 * is the activity's answer (`sent: false`), not a failure; an activity that keeps failing (the parent
 * unreachable for hours) is recorded the same way, and the campaign goes on.
 */
import { isCancellation, log, proxyActivities } from '@temporalio/workflow';
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

export async function reportUp(
  input: CampaignInput,
  synthesis: SynthesisStatusView,
): Promise<SubCampaignResultOutcome | undefined> {
  const { parent } = input;
  const approved = synthesis.approved;
  const version = approved && synthesis.versions.find((v) => v.version === approved.version);
  if (!parent || !approved || !version) return undefined;
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
}

/**
 * The campaign's awards phase (called from `campaign.ts`'s phase runners): reads the council and the
 * decision's header from the stored definition (the compiled campaign has only instants), starts the
 * awards child and waits until it ends. Workflow code (no I/O but through the activity).
 */
import {
  ParentClosePolicy,
  isCancellation,
  log,
  patched,
  proxyActivities,
  startChild,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { awardsWorkflowId } from '../domain/award-types';
import type { PhaseSchedule } from '../domain/timeline-types';
import type { CampaignInput, CancelCampaignInput } from '../domain/workflow-types';
import { awardsWorkflow, cancelAwards } from './awards';
import { passCancel } from './children';

const setup = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Runs the awards child (the council's vote, the minutes, the decision, the units told) and waits
 * until it ends. Versioned: histories recorded before it only reached the phase. A campaign file
 * without a council only reaches the phase, as before.
 */
export async function runAwardsChild(
  input: CampaignInput,
  phase: PhaseSchedule,
  hooks: {
    /** A cancel that arrived before the child started (it did not reach it). */
    missedCancel: () => CancelCampaignInput | undefined;
    /** The child's handle, for the campaign to pass a later cancel on. */
    started: (child: ChildWorkflowHandle<typeof awardsWorkflow>) => void;
    /** The child failed (not cancelled): the campaign records it and tells the secretariat. */
    failed?: (err: unknown, workflowId: string) => Promise<void>;
  },
): Promise<void> {
  if (!patched('campaign-runs-awards')) {
    log.info('phase awards reached; recorded before the awards workflow existed');
    return;
  }
  const found = await setup.awardsSetup({ definitionRef: input.definitionRef });
  if (!found) {
    log.info('phase awards reached; the campaign file names no council');
    return;
  }
  const child = await startChild(awardsWorkflow, {
    workflowId: awardsWorkflowId(input.campaignId),
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    staticSummary: `${phase.name}: Hội đồng bỏ phiếu, quyết định khen thưởng`,
    args: [
      {
        campaignId: input.campaignId,
        planNumber: input.planNumber,
        title: input.title,
        definitionRef: input.definitionRef,
        phaseName: phase.name,
        timeZone: input.compiled.timeZone,
        ...found,
        ...(phase.vote ? { vote: phase.vote } : {}),
      },
    ],
  });
  hooks.started(child);
  const missed = hooks.missedCancel();
  if (missed) await passCancel(child, cancelAwards, 'awards', missed);
  try {
    await child.result();
  } catch (err) {
    if (isCancellation(err)) throw err;
    // A failed awards child does not hold the campaign: it closes; the campaign reports the failure.
    if (hooks.failed) await hooks.failed(err, awardsWorkflowId(input.campaignId));
    else log.error('the awards workflow failed', { err });
  }
}

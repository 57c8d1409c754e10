/**
 * The rehearsal a running campaign was started with (`--rehearse`): its mapping lives only in the
 * campaign's start input (`CampaignInput.compiled.rehearsal`), the status view carries the factor
 * alone. Read from the first event of the workflow's history, and only for a rehearsed campaign.
 */
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import type { CompiledCampaign } from '../domain/timeline-types';
import { campaignWorkflowId, type CampaignInput, type CampaignStatusView } from '../domain/workflow-types';
import type { AppContext } from './context';

export type CampaignRehearsal = NonNullable<CompiledCampaign['rehearsal']>;

/** The campaign's rehearsal, or undefined when it runs on the real calendar (no history read then). */
export async function campaignRehearsal(
  s: AppContext,
  campaignId: string,
  status: Pick<CampaignStatusView, 'rehearsalFactor'>,
): Promise<CampaignRehearsal | undefined> {
  if (status.rehearsalFactor === undefined) return undefined;
  const { history } = await s.client.workflowService.getWorkflowExecutionHistory({
    namespace: s.client.options.namespace,
    execution: { workflowId: campaignWorkflowId(campaignId) },
    maximumPageSize: 1,
  });
  const started = history?.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (!started) throw new Error(`campaign ${campaignId}: no start event in its history`);
  const input = await decodeFromPayloadsAtIndex<CampaignInput>(
    s.client.options.loadedDataConverter,
    0,
    started.input?.payloads,
  );
  const rehearsal = input.compiled.rehearsal;
  if (!rehearsal)
    throw new Error(`campaign ${campaignId}: rehearsed (factor ${status.rehearsalFactor}) without a mapping`);
  return rehearsal;
}

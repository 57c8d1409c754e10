import type { CampaignStatusView } from '../domain/workflow-types';
import { campaignWorkflowId } from '../domain/workflow-types';
import { getCampaignStatus } from '../workflows/campaign';
import { withWorker, type AppContext } from './context';

/** The campaign workflow's own view (the `getCampaignStatus` query). */
export function campaignStatus(s: AppContext, campaignId: string): Promise<CampaignStatusView> {
  return withWorker(s, 'read-campaign', () =>
    s.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
  );
}

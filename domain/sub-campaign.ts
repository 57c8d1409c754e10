/**
 * A sub-campaign's link to its parent, as compiled from the file's `campaign.parent` block (defaults
 * filled in), and the words the Temporal UI shows for it. Pure.
 */
import type { CampaignDefinition } from './campaign-schema';
import type { ParentLink } from './sub-campaign-types';
import { campaignWorkflowId, unitWorkflowId } from './workflow-types';

/** The parent link of a definition, or undefined for a campaign of its own. */
export function parentLinkOf(def: Pick<CampaignDefinition, 'campaign'>): ParentLink | undefined {
  const p = def.campaign.parent;
  if (!p) return undefined;
  return {
    campaignId: p.campaign,
    unitId: p.unit,
    ...(p.phase ? { phaseId: p.phase } : {}),
    onParentExtension: p.onParentExtension ?? 'follow',
    onParentCancel: p.onParentCancel ?? 'cancel',
  };
}

/** A workflow's page in the Temporal UI, relative to the UI's root. */
export function workflowUiPath(namespace: string, workflowId: string): string {
  return `/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/**
 * The sub-campaign's `staticDetails` (markdown, rendered by the Temporal UI): links to the parent
 * campaign's workflow and to the parent's unit workflow this campaign reports to.
 */
export function parentDetails(parent: ParentLink, namespace: string): string {
  const campaign = campaignWorkflowId(parent.campaignId);
  const unit = unitWorkflowId(parent.campaignId, parent.unitId);
  return [
    `**Đợt con** của đợt [${parent.campaignId}](${workflowUiPath(namespace, campaign)}), ` +
      `thay cho đơn vị [${parent.unitId}](${workflowUiPath(namespace, unit)})` +
      (parent.phaseId ? `, giai đoạn ${parent.phaseId}` : '') +
      '.',
    `Kết quả (báo cáo tổng hợp đã phê duyệt và đề nghị khen thưởng) được nộp lên đơn vị đó. ` +
      `Gia hạn của cấp trên: ${parent.onParentExtension === 'follow' ? 'gia hạn theo' : 'giữ nguyên hạn'}; ` +
      `hủy của cấp trên: ${parent.onParentCancel === 'cancel' ? 'hủy theo' : 'vẫn tiếp tục'}.`,
  ].join('\n\n');
}

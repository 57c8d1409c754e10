/**
 * A parent's extension and cancellation reaching its sub-campaigns, as each sub-campaign's file says
 * (`onParentExtension: follow|keep`, `onParentCancel: cancel|continue`). Run by the operator's use
 * cases (`extendDeadline`, `cancelWholeCampaign` in `app/campaigns.ts`) once the parent's own action
 * succeeded. The running sub-campaigns are found by their search attributes; each outcome, a failure
 * to reach a child included, is returned for the surface to show, never swallowed.
 */
import type { Client } from '@temporalio/client';
import { ParentCampaignKey, ParentUnitKey } from '../domain/search-attributes';
import type { ParentLink } from '../domain/sub-campaign-types';
import type { CampaignStatusView } from '../domain/workflow-types';
import { AppError, type AppErrorCode } from './temporal-errors';

const DAY = 24 * 3600_000;

/** A running sub-campaign as the search attributes name it. */
export interface RunningSubCampaign {
  campaignId: string;
  unitId: string;
  workflowId: string;
}

/** What became of one sub-campaign. */
export interface FollowOutcome {
  campaignId: string;
  unitId: string;
  /** extended/cancelled: done; kept/continued: its file says not to follow; skipped: not concerned; failed: see `error`. */
  result: 'extended' | 'cancelled' | 'kept' | 'continued' | 'skipped' | 'failed';
  /** The new deadline (extended), or why it was skipped. */
  detail?: string;
  /** Why it could not be reached or refused (an AppError's refusal, or the error's message). */
  error?: string;
  /** The failure's code when it was an {@link AppError} (surfaces word it: no worker, not found…). */
  errorCode?: AppErrorCode;
  /** Extended: its remaining plan moved too; the synthesis approval deadline it now has (local reading). */
  approvalDeadline?: string;
  /** Extended once its units had locked: only the rest of its plan moved (no new units' deadline). */
  planOnly?: boolean;
  /** What became of its own sub-campaigns (it followed in turn): the tree, one level down. */
  subCampaigns?: FollowOutcome[];
}

/** What a sub-campaign's own extension did: its units' new deadline (none once they locked), the plan's. */
export interface FollowedExtension {
  deadline?: string;
  approvalDeadline?: string;
  subCampaigns?: FollowOutcome[];
}

/** What following needs of Temporal: the sub-campaign's own view, and the operator's actions on it. */
export interface FollowActions {
  status(campaignId: string): Promise<CampaignStatusView>;
  extend(
    campaignId: string,
    req: { by: string; reason: string; grantedBy: string; fromParent: true },
  ): Promise<FollowedExtension>;
  cancel(campaignId: string, req: { reason: string; cancelledBy: string }): Promise<{ subCampaigns?: FollowOutcome[] }>;
}

const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The running sub-campaigns of a parent (of one of its units when `unitId` is given), by visibility. */
export async function runningSubCampaigns(
  client: Pick<Client, 'workflow'>,
  parentId: string,
  unitId?: string,
): Promise<RunningSubCampaign[]> {
  const query =
    `${ParentCampaignKey.name} = ${quote(parentId)}` +
    (unitId ? ` AND ${ParentUnitKey.name} = ${quote(unitId)}` : '') +
    ` AND ExecutionStatus = "Running"`;
  const found: RunningSubCampaign[] = [];
  for await (const wf of client.workflow.list({ query })) {
    const unit = wf.typedSearchAttributes.get(ParentUnitKey) ?? '';
    found.push({ campaignId: wf.workflowId.replace(/^campaign\//, ''), unitId: unit, workflowId: wf.workflowId });
  }
  return found.sort((a, b) => a.campaignId.localeCompare(b.campaignId));
}

/** The words of a failure, for the outcome: the workflow's refusal when it gave one, and the code. */
function failure(err: unknown): Pick<FollowOutcome, 'error' | 'errorCode'> {
  if (err instanceof AppError) {
    return { error: err.facts.refusal ?? err.facts.value ?? err.message, errorCode: err.code };
  }
  return { error: err instanceof Error ? err.message : String(err) };
}

/** The parent link a sub-campaign was started with (its status view carries it). */
async function linkOf(actions: FollowActions, child: RunningSubCampaign): Promise<ParentLink> {
  const view = await actions.status(child.campaignId);
  if (!view.parent) throw new Error(`đợt ${child.campaignId} không ghi đợt cấp trên trong trạng thái của nó`);
  return view.parent;
}

/**
 * After the parent extended a unit (or every unit) by `movedMs` of its plan's time: each sub-campaign
 * of that unit that follows is extended campaign-wide by as much, the reason naming the parent's.
 * `phaseId` is the parent's deadline phase that was extended: a sub-campaign reporting to another
 * phase is not concerned.
 */
export async function followParentExtension(
  client: Pick<Client, 'workflow'>,
  actions: FollowActions,
  ext: { parentId: string; unitId?: string; phaseId?: string; movedMs: number; reason: string; grantedBy: string },
): Promise<FollowOutcome[]> {
  const children = await runningSubCampaigns(client, ext.parentId, ext.unitId);
  const outcomes: FollowOutcome[] = [];
  for (const child of children) {
    const base = { campaignId: child.campaignId, unitId: child.unitId };
    try {
      const link = await linkOf(actions, child);
      if (link.onParentExtension === 'keep') {
        outcomes.push({ ...base, result: 'kept' });
        continue;
      }
      if (ext.phaseId && link.phaseId && ext.phaseId !== link.phaseId) {
        outcomes.push({
          ...base,
          result: 'skipped',
          detail: `nộp vào giai đoạn ${link.phaseId}, không phải ${ext.phaseId}`,
        });
        continue;
      }
      const days = Number((ext.movedMs / DAY).toFixed(6));
      const done = await actions.extend(child.campaignId, {
        by: `${days}d`,
        reason: `Theo gia hạn của đợt cấp trên ${ext.parentId} cho đơn vị ${child.unitId}: ${ext.reason}`,
        grantedBy: ext.grantedBy,
        fromParent: true,
      });
      outcomes.push({
        ...base,
        result: 'extended',
        ...(done.deadline ? { detail: done.deadline } : { planOnly: true }),
        ...(done.approvalDeadline ? { approvalDeadline: done.approvalDeadline } : {}),
        ...(done.subCampaigns ? { subCampaigns: done.subCampaigns } : {}),
      });
    } catch (err) {
      outcomes.push({ ...base, result: 'failed', ...failure(err) });
    }
  }
  return outcomes;
}

/** After the parent was cancelled: each of its sub-campaigns that cancels with it is cancelled, the reason naming the parent. */
export async function followParentCancel(
  client: Pick<Client, 'workflow'>,
  actions: FollowActions,
  cancel: { parentId: string; reason: string; cancelledBy: string },
): Promise<FollowOutcome[]> {
  const children = await runningSubCampaigns(client, cancel.parentId);
  const outcomes: FollowOutcome[] = [];
  for (const child of children) {
    const base = { campaignId: child.campaignId, unitId: child.unitId };
    try {
      const link = await linkOf(actions, child);
      if (link.onParentCancel === 'continue') {
        outcomes.push({ ...base, result: 'continued' });
        continue;
      }
      const done = await actions.cancel(child.campaignId, {
        reason: `Đợt cấp trên ${cancel.parentId} đã bị hủy: ${cancel.reason}`,
        cancelledBy: cancel.cancelledBy,
      });
      outcomes.push({
        ...base,
        result: 'cancelled',
        ...(done.subCampaigns ? { subCampaigns: done.subCampaigns } : {}),
      });
    } catch (err) {
      outcomes.push({ ...base, result: 'failed', ...failure(err) });
    }
  }
  return outcomes;
}

/**
 * The parent's action has applied: a failure to even list its sub-campaigns (visibility down, the
 * search attributes not registered) is reported with the outcomes, not thrown as if it had not.
 */
export async function followOrReport(run: () => Promise<FollowOutcome[]>): Promise<{ subCampaigns?: FollowOutcome[] }> {
  try {
    const outcomes = await run();
    return outcomes.length > 0 ? { subCampaigns: outcomes } : {};
  } catch (err) {
    return { subCampaigns: [{ campaignId: '*', unitId: '*', result: 'failed', ...failure(err) }] };
  }
}

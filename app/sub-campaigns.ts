/**
 * The campaign tree (issue 15, item 1), read for every surface (`thidua campaign status`, the
 * dashboard): the sub-campaigns a campaign's units run, found by the `ParentCampaign` search
 * attribute the core sets at their start, and, for a sub-campaign, its parent and what became of the
 * result it sent up. Visibility only, except the result (the campaign's own query), so the tree shows
 * while the workers are down.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import {
  CampaignIdKey,
  ParentCampaignKey,
  ParentUnitKey,
  PhaseKey,
  SubmissionStatusKey,
  UnitIdKey,
} from '../domain/search-attributes';
import type {
  ParentLink,
  SubCampaignProgress,
  SubCampaignResultOutcome,
  SubCampaignRow,
} from '../domain/sub-campaign-types';
import { campaignWorkflowId, unitWorkflowId } from '../domain/workflow-types';
import { campaignStatus } from './campaigns';
import type { AppContext } from './context';
import { asAppError } from './temporal-errors';

/** A visibility query's string literal (single quotes doubled). */
const quoted = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Every sub-campaign of `parentCampaignId`, whatever its state: running first, then by unit id (and
 * campaign id). A campaign id started more than once (cancelled, then started again) is listed once,
 * as its latest run; so is one that continued as new.
 */
export async function subCampaignsOf(s: AppContext, parentCampaignId: string): Promise<SubCampaignRow[]> {
  const query = `WorkflowType = 'campaignWorkflow' AND ${ParentCampaignKey.name} = ${quoted(parentCampaignId)}`;
  const latest = new Map<string, WorkflowExecutionInfo>();
  try {
    for await (const wf of s.client.workflow.list({ query })) {
      const seen = latest.get(wf.workflowId);
      if (!seen || wf.startTime.getTime() > seen.startTime.getTime()) latest.set(wf.workflowId, wf);
    }
  } catch (err) {
    throw asAppError(err, { operation: 'read-campaign', campaignId: parentCampaignId });
  }
  const runs = [...latest.values()];
  const [names, progress] = await Promise.all([
    unitNames(
      s,
      parentCampaignId,
      runs.map((wf) => subCampaignRow(wf).unitId),
    ),
    Promise.all(runs.map((wf) => progressOf(s, subCampaignRow(wf).campaignId, wf.startTime))),
  ]);
  return runs
    .map((wf, i) => {
      const r = subCampaignRow(wf);
      return {
        ...r,
        ...(names.has(r.unitId) ? { unitName: names.get(r.unitId) } : {}),
        ...(progress[i] ? { progress: progress[i] } : {}),
      };
    })
    .sort(
      (a, b) =>
        Number(b.execution === 'RUNNING') - Number(a.execution === 'RUNNING') ||
        a.unitId.localeCompare(b.unitId) ||
        a.campaignId.localeCompare(b.campaignId),
    );
}

function subCampaignRow(wf: WorkflowExecutionInfo): SubCampaignRow {
  const sa = wf.typedSearchAttributes;
  const memo = (wf.memo ?? {}) as { title?: string; planNumber?: string };
  const campaignId = sa.get(CampaignIdKey) ?? wf.workflowId.replace(/^campaign\//, '');
  return {
    campaignId,
    unitId: sa.get(ParentUnitKey) ?? '',
    workflowId: wf.workflowId,
    execution: wf.status.name,
    ...(sa.get(PhaseKey) ? { phase: sa.get(PhaseKey) } : {}),
    ...(memo.title ? { title: memo.title } : {}),
    ...(memo.planNumber ? { planNumber: memo.planNumber } : {}),
  };
}

const STATUSES = ['pending', 'submitted', 'late', 'missing'] as const;

/**
 * A sub-campaign's units by submission status, counted in visibility (so the upper level sees the
 * lower one's progress while the workers are down): this run's units only (started after it), each
 * once (not the runs it continued as new). Undefined before its units start.
 */
async function progressOf(s: AppContext, campaignId: string, since: Date): Promise<SubCampaignProgress | undefined> {
  const base =
    `WorkflowType = 'unitReviewWorkflow' AND ${CampaignIdKey.name} = ${quoted(campaignId)}` +
    ` AND ExecutionStatus != 'ContinuedAsNew' AND StartTime >= ${quoted(since.toISOString())}`;
  try {
    const counts = await Promise.all(
      STATUSES.map(
        async (status) =>
          (await s.client.workflow.count(`${base} AND ${SubmissionStatusKey.name} = ${quoted(status)}`)).count,
      ),
    );
    const [pending, submitted, late, missing] = counts;
    const total = pending + submitted + late + missing;
    // No unit workflow yet (the sub-campaign is issuing its plan): nothing to show rather than "0/0".
    return total === 0 ? undefined : { total, pending, submitted, late, missing };
  } catch (err) {
    // The list of sub-campaigns was just read from the same store: a failure here is told, not hidden.
    throw asAppError(err, { operation: 'read-campaign', campaignId });
  }
}

/** The parent's names of these units (from its unit workflows' memos); a unit not found is left out. */
async function unitNames(s: AppContext, campaignId: string, unitIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const wanted = [...new Set(unitIds.filter(Boolean))];
  if (wanted.length === 0) return names;
  const query =
    `${CampaignIdKey.name} = ${quoted(campaignId)} AND WorkflowType = 'unitReviewWorkflow' AND ` +
    `${UnitIdKey.name} IN (${wanted.map(quoted).join(', ')})`;
  for await (const wf of s.client.workflow.list({ query })) {
    const name = (wf.memo as { unitName?: string } | undefined)?.unitName;
    const unitId = wf.typedSearchAttributes.get(UnitIdKey);
    if (name && unitId) names.set(unitId, name);
  }
  return names;
}

/** A sub-campaign's parent as its surfaces name it. */
export interface ParentRef {
  campaignId: string;
  unitId: string;
  /** The parent unit's name (from its workflow in the parent), when the parent has it. */
  unitName?: string;
  /** The parent's title (its memo), when it is known. */
  title?: string;
  planNumber?: string;
}

/** A campaign's place in the tree: its parent (a sub-campaign) and its sub-campaigns. */
export interface CampaignTree {
  parent?: ParentRef;
  /** The full link as the campaign itself holds it (the follow rules), once it answers its query. */
  link?: ParentLink;
  /** What became of the result sent up (a sub-campaign whose synthesis was approved). */
  reportedUp?: SubCampaignResultOutcome;
  /** The deep tree only: the parent's own parent and up, nearest first (a third level names the top). */
  ancestors?: ParentRef[];
  subCampaigns: SubCampaignRow[];
}

/** How deep the tree is read (ministry → group → member → …): a bound, should a link ever loop. */
const MAX_DEPTH = 5;

/**
 * Every sub-campaign below `campaignId`, depth first: each row followed by its own sub-campaigns
 * (`depth` 2, 3…, `parentCampaignId` naming the sub-campaign whose unit runs them).
 */
export async function subCampaignTreeOf(s: AppContext, campaignId: string, depth = 1): Promise<SubCampaignRow[]> {
  const rows = await subCampaignsOf(s, campaignId);
  const out: SubCampaignRow[] = [];
  for (const row of rows) {
    out.push(depth > 1 ? { ...row, depth, parentCampaignId: campaignId } : row);
    if (depth < MAX_DEPTH) out.push(...(await subCampaignTreeOf(s, row.campaignId, depth + 1)));
  }
  return out;
}

/** The parents above `parent`, nearest first (visibility only). */
async function ancestorsOf(s: AppContext, parent: ParentRef): Promise<ParentRef[]> {
  const out: ParentRef[] = [];
  let next = await parentOf(s, parent.campaignId).catch(() => undefined);
  while (next && out.length < MAX_DEPTH) {
    out.push(next);
    next = await parentOf(s, next.campaignId).catch(() => undefined);
  }
  return out;
}

/**
 * `campaignId`'s parent, read from its `ParentCampaign`/`ParentUnit` search attributes (visibility
 * only: no worker needed); undefined for a campaign that is not a sub-campaign.
 */
export async function parentOf(s: AppContext, campaignId: string): Promise<ParentRef | undefined> {
  let sa: WorkflowExecutionInfo['typedSearchAttributes'];
  try {
    sa = (await s.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe()).typedSearchAttributes;
  } catch (err) {
    throw asAppError(err, { operation: 'read-campaign', campaignId });
  }
  const parentId = sa.get(ParentCampaignKey);
  if (!parentId) return undefined;
  const parent: ParentRef = { campaignId: parentId, unitId: sa.get(ParentUnitKey) ?? '' };
  // The names are a courtesy: a parent gone from visibility (retention) still leaves its id.
  const [parentWf, unitWf] = await Promise.all([
    describeOrUndefined(s, campaignWorkflowId(parentId)),
    parent.unitId ? describeOrUndefined(s, unitWorkflowId(parentId, parent.unitId)) : undefined,
  ]);
  const memo = (parentWf?.memo ?? {}) as { title?: string; planNumber?: string };
  const unitName = (unitWf?.memo as { unitName?: string } | undefined)?.unitName;
  return {
    ...parent,
    ...(unitName ? { unitName } : {}),
    ...(memo.title ? { title: memo.title } : {}),
    ...(memo.planNumber ? { planNumber: memo.planNumber } : {}),
  };
}

async function describeOrUndefined(s: AppContext, workflowId: string) {
  try {
    return await s.client.workflow.getHandle(workflowId).describe();
  } catch {
    return undefined;
  }
}

/** How long the optional read of a sub-campaign's own view may wait for a worker. */
const RESULT_READ_MS = 3_000;

/**
 * The tree around one campaign (`deep`: every level below, and the parents above the parent; the
 * first level only otherwise, as the dashboard shows it). A sub-campaign's follow rules and reported result come from its own
 * query: when no worker answers within a few seconds, the tree is shown without them (`resultUnread`
 * says so), so `campaign status` stays quick while the workers are down.
 */
export async function campaignTree(
  s: AppContext,
  campaignId: string,
  opts: { deep?: boolean } = {},
): Promise<CampaignTree & { resultUnread?: boolean }> {
  const [parent, subCampaigns] = await Promise.all([
    parentOf(s, campaignId),
    opts.deep ? subCampaignTreeOf(s, campaignId) : subCampaignsOf(s, campaignId),
  ]);
  if (!parent) return { subCampaigns };
  const above = opts.deep ? await ancestorsOf(s, parent) : [];
  const ancestors = above.length > 0 ? { ancestors: above } : {};
  try {
    const view = await campaignStatus(
      { ...s, workerDeadlineMs: Math.min(s.workerDeadlineMs ?? RESULT_READ_MS, RESULT_READ_MS) },
      campaignId,
    );
    return {
      parent,
      ...ancestors,
      subCampaigns,
      ...(view.parent ? { link: view.parent } : {}),
      ...(view.reportedUp ? { reportedUp: view.reportedUp } : {}),
    };
  } catch {
    return { parent, ...ancestors, subCampaigns, resultUnread: true };
  }
}

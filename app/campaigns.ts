/**
 * What the secretariat does to a campaign, written once for every surface (the `thidua` CLI and the
 * web dashboard): list campaigns and read one (visibility for lists and counts, a query for the
 * workflow's own view) and start one; extending and cancelling are in `campaign-actions.ts`.
 * Failures are {@link AppError}s; each surface words them.
 */
import { WorkflowExecutionAlreadyStartedError, type WorkflowExecutionInfo } from '@temporalio/client';
import { flattenUnits } from '../activities';
import type { CampaignDefinition } from '../domain/campaign-schema';
import { deadlinePhases, dueOf } from '../domain/deliverables';
import { contactLine } from '../domain/messages';
import { planTag } from '../domain/plan-document';
import {
  CampaignIdKey,
  DeadlineKey,
  LockedKey,
  ParentCampaignKey,
  ParentUnitKey,
  PhaseKey,
  RemindersSentKey,
  SubmissionStatusKey,
  SubmittedAtKey,
  UnitIdKey,
} from '../domain/search-attributes';
import type { ParentLink } from '../domain/sub-campaign-types';
import type { CompiledCampaign } from '../domain/timeline-types';
import {
  campaignWorkflowId,
  type CampaignInput,
  type DeadlinePhaseMemo,
  type PhaseFailure,
  type DueSummary,
  type SubmissionStatus,
} from '../domain/workflow-types';
import type { DefinitionStore } from '../stores/definition-store';
import { storePlanDocuments } from '../stores/plan-documents';
import type { ReportStore } from '../stores/report-store';
import { campaignWorkflow } from '../workflows/campaign';
import type { AppContext } from './context';
import {
  checkSubCampaignStart,
  subCampaignStartOptions,
  temporalParentReader,
  type ParentReader,
} from './sub-campaign-start';
import { AppError } from './temporal-errors';

export type { AppContext } from './context';

export const SUBMISSION_STATUSES: SubmissionStatus[] = ['pending', 'submitted', 'late', 'missing', 'cancelled'];
export type UnitFilter = SubmissionStatus | 'locked';
export const UNIT_FILTERS: UnitFilter[] = [...SUBMISSION_STATUSES, 'locked'];

// ---------------------------------------------------------------------------------------------- start

/** A validated campaign, compiled (and compressed, for a rehearsal), ready to start. */
export interface StartRequest {
  definition: CampaignDefinition;
  /** The campaign file: its attachments are read relative to it. */
  file: string;
  compiled: CompiledCampaign;
  /** The rehearsal's compression ("1d=20s"), named in the workflow's summary. */
  rehearsal?: string;
  unitsPerBatch?: number;
  /**
   * A recurring campaign's period (issue 15): an id that ever ran, even closed or cancelled, is refused
   * (reuse policy REJECT_DUPLICATE), so a period cannot run twice. By hand a closed id may start again.
   */
  rejectDuplicate?: boolean;
  /** Added to the workflow's memo (the schedule that started it). */
  memo?: Record<string, string>;
}

export interface StartOutcome {
  /** False when the campaign was already running: nothing was changed. */
  started: boolean;
  campaignId: string;
  workflowId: string;
  unitCount: number;
  /** The self-review deadline as people read it. */
  deadlineLocal?: string;
  /** Set for a sub-campaign. */
  parent?: ParentLink;
}

/**
 * Starts `campaign/<id>`: the plan documents copied into the report store, the definition stored
 * (the workflow carries its reference), the workflow started with its search attributes. Starting a
 * running campaign again changes nothing and says so (`started: false`).
 */
export async function startCampaign(
  s: AppContext,
  stores: {
    reports: ReportStore;
    definitions: DefinitionStore;
    /** How a sub-campaign's parent is read (Temporal by default; a fake in unit tests). */
    parents?: ParentReader;
  },
  req: StartRequest,
): Promise<StartOutcome> {
  const def = req.definition;
  const selfReview = def.phases.find((p) => p.kind === 'self-review');
  if (!selfReview || selfReview.kind !== 'self-review')
    throw new AppError('invalid', { input: 'no-self-review-phase' });
  // A sub-campaign: its parent checked (refused before anything is stored or started), its timeline
  // on the parent's rehearsal clock when the parent is a rehearsal. Already running, it says so
  // first, as any campaign does: its parent may have moved on since it started.
  const parents = stores.parents ?? temporalParentReader(s, stores.definitions);
  if (def.campaign.parent && (await parents.execution(def.campaign.id)) === 'running') {
    return {
      campaignId: def.campaign.id,
      workflowId: campaignWorkflowId(def.campaign.id),
      unitCount: flattenUnits(def.units).length,
      started: false,
    };
  }
  const sub = await checkSubCampaignStart(parents, { definition: def, compiled: req.compiled });
  const subOptions = subCampaignStartOptions(sub, s.client.options.namespace);
  const compiled = sub?.compiled ?? req.compiled;
  const due: DueSummary = dueOf(selfReview);
  // Several deadline phases: what each asks, in order (units run them one after another).
  const deadlines = deadlinePhases(def);
  const dues = deadlines.length > 1 ? deadlines.map(dueOf) : undefined;
  const documents = await storePlanDocuments(def, req.file, stores.reports);
  const definitionRef = await stores.definitions.save({ ...def, documents });
  const input: CampaignInput = {
    campaignId: def.campaign.id,
    planNumber: planTag(def.campaign.plan),
    title: def.campaign.title,
    definitionRef,
    contact: contactLine(def.campaign.secretariat.name, def.campaign.secretariat.contacts),
    unitCount: flattenUnits(def.units).length,
    compiled,
    due,
    ...(dues ? { dues } : {}),
    unitsPerBatch: req.unitsPerBatch,
    ...(sub ? { parent: sub.parent } : {}),
  };
  const deadline = compiled.phases.find((p) => p.kind === 'self-review')?.deadline?.deadline;
  const workflowId = campaignWorkflowId(def.campaign.id);
  const outcome = {
    campaignId: def.campaign.id,
    workflowId,
    unitCount: input.unitCount,
    deadlineLocal: deadline?.local,
    ...(sub ? { parent: sub.parent } : {}),
  };
  try {
    await s.client.workflow.start(campaignWorkflow, {
      workflowId,
      taskQueue: s.settings.taskQueue,
      args: [input],
      staticSummary: `${planTag(def.campaign.plan)} — ${def.campaign.title}${req.rehearsal ? ` (diễn tập ${req.rehearsal})` : ''}`,
      ...(subOptions.staticDetails ? { staticDetails: subOptions.staticDetails } : {}),
      typedSearchAttributes: [
        { key: CampaignIdKey, value: def.campaign.id },
        { key: PhaseKey, value: compiled.phases[0].kind },
        ...(deadline ? [{ key: DeadlineKey, value: new Date(deadline.utc) }] : []),
        ...subOptions.searchAttributes,
      ],
      memo: { ...req.memo, planNumber: planTag(def.campaign.plan), title: def.campaign.title },
      ...(req.rejectDuplicate ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
    });
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { ...outcome, started: false };
    throw err;
  }
  return { ...outcome, started: true };
}

// ---------------------------------------------------------------------------------------------- reads

export interface CampaignRow {
  campaignId: string;
  planNumber: string;
  title: string;
  phase: string;
  workflowStatus: string;
  deadline?: string;
  startTime: string;
  /** A sub-campaign's parent campaign and the parent's unit that runs it (issue 15). */
  parentCampaignId?: string;
  parentUnitId?: string;
  /** Later phases whose child workflow failed (the campaign's memo), so that the list marks the campaign. */
  phaseFailures?: PhaseFailure[];
}

/** Every campaign the namespace knows, newest first (visibility only: no worker needed). */
export async function listCampaigns(s: AppContext): Promise<CampaignRow[]> {
  const rows: CampaignRow[] = [];
  for await (const wf of s.client.workflow.list({ query: `WorkflowType = 'campaignWorkflow'` })) {
    const memo = (wf.memo ?? {}) as { planNumber?: string; title?: string; phaseFailures?: PhaseFailure[] };
    rows.push({
      campaignId: wf.typedSearchAttributes.get(CampaignIdKey) ?? wf.workflowId,
      planNumber: memo.planNumber ?? '',
      title: memo.title ?? '',
      phase: wf.typedSearchAttributes.get(PhaseKey) ?? '',
      workflowStatus: wf.status.name,
      deadline: wf.typedSearchAttributes.get(DeadlineKey)?.toISOString(),
      startTime: wf.startTime.toISOString(),
      ...parentOfRow(wf),
      ...(memo.phaseFailures?.length ? { phaseFailures: memo.phaseFailures } : {}),
    });
  }
  return rows.sort((a, b) => b.startTime.localeCompare(a.startTime) || a.campaignId.localeCompare(b.campaignId));
}

function parentOfRow(wf: WorkflowExecutionInfo): Pick<CampaignRow, 'parentCampaignId' | 'parentUnitId'> {
  const parentCampaignId = wf.typedSearchAttributes.get(ParentCampaignKey);
  const parentUnitId = wf.typedSearchAttributes.get(ParentUnitKey);
  return { ...(parentCampaignId ? { parentCampaignId } : {}), ...(parentUnitId ? { parentUnitId } : {}) };
}

export interface UnitRow {
  unitId: string;
  unitName: string;
  status: SubmissionStatus;
  locked: boolean;
  deadline?: string;
  remindersSent: number;
  submittedAt?: string;
}

export interface CampaignUnits {
  campaignId: string;
  planNumber: string;
  title: string;
  phase: string;
  workflowStatus: string;
  total: number;
  locked: number;
  counts: Record<SubmissionStatus, number>;
  /** The units that pass the filter, by unit id, at most `limit`. */
  units: UnitRow[];
  /** How many units pass the filter (may exceed `units.length`). */
  matching: number;
  /** Every deadline phase with its deadline and, once locked, its counts (several deadline phases only). */
  deadlinePhases?: DeadlinePhaseMemo[];
  /** Later phases whose child workflow failed (the campaign's memo): shown without a worker. */
  phaseFailures?: PhaseFailure[];
}

/**
 * Counts and a page of units of one campaign, from Temporal's visibility store (search attributes and
 * memos): it answers in well under a second for 10,000 units and needs no running worker.
 */
export async function campaignUnits(
  s: AppContext,
  campaignId: string,
  opts: { filter?: UnitFilter; limit?: number } = {},
): Promise<CampaignUnits> {
  if (opts.filter && !UNIT_FILTERS.includes(opts.filter)) {
    throw new AppError('invalid', { input: 'unit-filter', value: UNIT_FILTERS.join(', ') });
  }
  const limit = opts.limit ?? 50;
  const campaign = await s.client.workflow
    .getHandle(campaignWorkflowId(campaignId))
    .describe()
    .catch((err: Error) => {
      if (err.name === 'WorkflowNotFoundError') throw new AppError('not-found', { campaignId }, { cause: err });
      throw err;
    });
  const units = `${CampaignIdKey.name} = '${campaignId.replace(/'/g, "''")}' AND WorkflowType = 'unitReviewWorkflow'`;
  const [total, locked, ...byStatus] = await Promise.all([
    s.client.workflow.count(units),
    s.client.workflow.count(`${units} AND ${LockedKey.name} = true`),
    ...SUBMISSION_STATUSES.map((st) => s.client.workflow.count(`${units} AND ${SubmissionStatusKey.name} = '${st}'`)),
  ]);
  const counts = Object.fromEntries(SUBMISSION_STATUSES.map((st, i) => [st, byStatus[i].count])) as Record<
    SubmissionStatus,
    number
  >;
  const filter = opts.filter;
  const query =
    filter === 'locked'
      ? `${units} AND ${LockedKey.name} = true`
      : filter
        ? `${units} AND ${SubmissionStatusKey.name} = '${filter}'`
        : units;
  const rows: UnitRow[] = [];
  if (limit > 0) {
    for await (const wf of s.client.workflow.list({ query, pageSize: Math.min(limit, 1000) })) {
      rows.push(unitRow(wf));
      if (rows.length >= limit) break;
    }
  }
  rows.sort((a, b) => a.unitId.localeCompare(b.unitId));
  const memo = (campaign.memo ?? {}) as {
    planNumber?: string;
    title?: string;
    deadlinePhases?: DeadlinePhaseMemo[];
    phaseFailures?: PhaseFailure[];
  };
  return {
    campaignId,
    planNumber: memo.planNumber ?? '',
    title: memo.title ?? '',
    phase: campaign.typedSearchAttributes.get(PhaseKey) ?? '?',
    workflowStatus: campaign.status.name,
    total: total.count,
    locked: locked.count,
    counts,
    units: rows,
    matching: filter ? (filter === 'locked' ? locked.count : counts[filter]) : total.count,
    ...(memo.deadlinePhases ? { deadlinePhases: memo.deadlinePhases } : {}),
    ...(memo.phaseFailures?.length ? { phaseFailures: memo.phaseFailures } : {}),
  };
}

function unitRow(wf: WorkflowExecutionInfo): UnitRow {
  const sa = wf.typedSearchAttributes;
  const memo = (wf.memo ?? {}) as { unitName?: string };
  return {
    unitId: sa.get(UnitIdKey) ?? wf.workflowId,
    unitName: memo.unitName ?? '',
    status: (sa.get(SubmissionStatusKey) as SubmissionStatus | undefined) ?? 'pending',
    locked: sa.get(LockedKey) ?? false,
    deadline: sa.get(DeadlineKey)?.toISOString(),
    remindersSent: sa.get(RemindersSentKey) ?? 0,
    submittedAt: sa.get(SubmittedAtKey)?.toISOString(),
  };
}

// The campaign's own view and the actions (extend, cancel) live in their own modules; their importers
// find them here as before.
export { campaignStatus } from './campaign-status';
export {
  cancelCampaignTree,
  cancelWholeCampaign,
  extendDeadline,
  extensionSchedule,
  shiftSchedule,
  type ExtensionRequest,
} from './campaign-actions';

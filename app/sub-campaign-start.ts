/**
 * What `startCampaign` checks before starting a sub-campaign (a campaign whose file names a parent):
 * the parent runs, the unit is one of its units and its phase still takes submissions, the
 * deadlines nest (this campaign's synthesis approval deadline at or before the parent unit's deadline
 * for the phase, its extensions included), and a rehearsal runs on the parent's rehearsal clock. Each
 * refusal is an {@link AppError} (`invalid`, one input per reason, worded in
 * `app/sub-campaign-refusals.ts`); nothing is started when one is thrown.
 *
 * The parent is read through {@link ParentReader}, so that the checks can be tested without a server.
 */
import type { SearchAttributePair } from '@temporalio/common';
import { flattenUnits } from '../activities';
import { loadWorkingCalendar } from '../config/holidays';
import type { CampaignDefinition } from '../domain/campaign-schema';
import { formatDeadline } from '../domain/messages';
import { ParentCampaignKey, ParentUnitKey } from '../domain/search-attributes';
import { parentDetails, parentLinkOf } from '../domain/sub-campaign';
import type { ParentLink } from '../domain/sub-campaign-types';
import { compileCampaign, rehearse, type RehearsalMapping } from '../domain/timeline';
import type { CompiledCampaign } from '../domain/timeline-types';
import { campaignWorkflowId, type CampaignStatusView, type UnitStatusView } from '../domain/workflow-types';
import type { DefinitionStore } from '../stores/definition-store';
import { campaignRehearsal, type CampaignRehearsal } from './campaign-rehearsal';
import { getCampaignStatus } from '../workflows/campaign';
import { withWorker, type AppContext } from './context';
import { AppError, type InvalidInput } from './temporal-errors';
import { unitStatus } from './units';

/** What the checks read of the parent. */
export interface ParentReader {
  /** Whether the parent's workflow runs; undefined when there is no such campaign. */
  execution(campaignId: string): Promise<'running' | 'closed' | undefined>;
  status(campaignId: string): Promise<CampaignStatusView>;
  definition(ref: string): Promise<Pick<CampaignDefinition, 'units' | 'campaign'>>;
  /** The unit's status view; undefined while its workflow has not been started yet. */
  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView | undefined>;
  rehearsal(campaignId: string, status: CampaignStatusView): Promise<CampaignRehearsal | undefined>;
}

/** The parent on Temporal: describe, the campaign's and the unit's queries, the start input's rehearsal. */
export function temporalParentReader(s: AppContext, definitions: DefinitionStore): ParentReader {
  return {
    async execution(campaignId) {
      try {
        const d = await s.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
        return d.status.name === 'RUNNING' ? 'running' : 'closed';
      } catch (err) {
        if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
        throw err;
      }
    },
    status: (campaignId) =>
      withWorker(s, 'read-campaign', () =>
        s.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
      ),
    definition: (ref) => definitions.load(ref),
    async unitStatus(campaignId, unitId) {
      try {
        return await unitStatus(s, campaignId, unitId);
      } catch (err) {
        if (err instanceof AppError && err.code === 'not-found') return undefined;
        throw err;
      }
    },
    rehearsal: (campaignId, status) => campaignRehearsal(s, campaignId, status),
  };
}

export interface SubCampaignStart {
  parent: ParentLink;
  /** The timeline to start with: on the parent's rehearsal clock when the parent is a rehearsal. */
  compiled: CompiledCampaign;
}

const refuse = (input: InvalidInput, parts: string[], campaignId: string): AppError =>
  new AppError('invalid', { operation: 'start-campaign', input, value: parts.join('|'), campaignId });

/**
 * The checks, for a definition with a parent (undefined for any other). `recompile` compresses this
 * campaign's plan on a given rehearsal mapping (by default: compiled again with the working calendar).
 */
export async function checkSubCampaignStart(
  reader: ParentReader,
  req: {
    definition: CampaignDefinition;
    compiled: CompiledCampaign;
    recompile?: (mapping: RehearsalMapping, spec: string) => CompiledCampaign;
  },
): Promise<SubCampaignStart | undefined> {
  const parent = parentLinkOf(req.definition);
  if (!parent) return undefined;
  const p = parent.campaignId;
  const execution = await reader.execution(p);
  if (!execution) throw refuse('parent-not-found', [p], p);
  if (execution !== 'running') throw refuse('parent-ended', [p], p);
  const status = await reader.status(p);
  if (status.cancelled) throw refuse('parent-ended', [p], p);
  const definition = await reader.definition(status.definitionRef);
  const units = flattenUnits(definition.units);
  if (!units.some((u) => u.id === parent.unitId)) {
    throw refuse('parent-unit-unknown', [parent.unitId, p, units.map((u) => u.id).join(', ')], p);
  }

  // The clock first: the nesting is compared on the parent's clock.
  const compiled = await onParentClock(reader, parent, status, req);
  const zone = req.definition.campaign.timeZone;
  const due = await parentDeadline(reader, parent, status);
  const moment = resultMoment(compiled);
  if (moment && Date.parse(moment) > Date.parse(due.deadline)) {
    throw refuse(
      'deadlines-do-not-nest',
      [formatDeadline(moment, zone), formatDeadline(due.deadline, zone), parent.unitId, p, due.phaseName],
      p,
    );
  }
  // The phase's name travels with the link: the letters and pages name it as the parent's plan does.
  return { parent: parent.phaseId ? { ...parent, phaseName: due.phaseName } : parent, compiled };
}

/** When this campaign's result goes up at the latest: its synthesis approval deadline (else the synthesis window's end). */
export function resultMoment(compiled: CompiledCampaign): string | undefined {
  const synthesis = compiled.phases.find((ph) => ph.kind === 'synthesis');
  return synthesis?.approval?.deadline.utc ?? synthesis?.windowEnd.utc;
}

async function onParentClock(
  reader: ParentReader,
  parent: ParentLink,
  status: CampaignStatusView,
  req: Parameters<typeof checkSubCampaignStart>[1],
): Promise<CompiledCampaign> {
  const p = parent.campaignId;
  const own = req.compiled.rehearsal;
  const rehearsal = status.rehearsalFactor !== undefined ? await reader.rehearsal(p, status) : undefined;
  if (!rehearsal) {
    if (own) throw refuse('parent-not-rehearsed', [p, own.spec], p);
    return req.compiled;
  }
  if (!own) throw refuse('parent-rehearsed', [p, rehearsal.spec], p);
  if (Math.abs(own.factor - rehearsal.factor) > 1e-12)
    throw refuse('rehearsal-factor', [p, rehearsal.spec, own.spec], p);
  const recompile =
    req.recompile ??
    ((mapping: RehearsalMapping, spec: string) =>
      rehearse(compileCampaign(req.definition, loadWorkingCalendar()), spec, mapping.anchor, { mapping }));
  return recompile(rehearsal, rehearsal.spec);
}

/** A sub-campaign's start options: the Temporal UI links to its parent, and the parent's search attributes. */
export function subCampaignStartOptions(
  sub: SubCampaignStart | undefined,
  namespace: string,
): { staticDetails?: string; searchAttributes: SearchAttributePair[] } {
  if (!sub) return { searchAttributes: [] };
  return {
    staticDetails: parentDetails(sub.parent, namespace),
    searchAttributes: [
      { key: ParentCampaignKey, value: sub.parent.campaignId },
      { key: ParentUnitKey, value: sub.parent.unitId },
    ],
  };
}

/** The parent unit's deadline for the phase the result goes to, as the unit has it now (extensions included). */
async function parentDeadline(
  reader: ParentReader,
  parent: ParentLink,
  status: CampaignStatusView,
): Promise<{ deadline: string; phaseName: string }> {
  const p = parent.campaignId;
  const phases = status.deadlinePhases;
  const known = phases?.map((ph) => ph.id ?? ph.name).join(', ') ?? status.deadlinePhase ?? 'self-review';
  if (parent.phaseId && phases && !phases.some((ph) => ph.id === parent.phaseId)) {
    throw refuse('parent-phase-unknown', [parent.phaseId, p, known], p);
  }
  const view = await reader.unitStatus(p, parent.unitId);
  if (view?.cancelled) throw refuse('parent-ended', [p], p);
  if (view && !view.deadlines && parent.phaseId && view.phase.id !== parent.phaseId) {
    throw refuse('parent-phase-unknown', [parent.phaseId, p, view.phase.id ?? view.phase.kind], p);
  }
  if (view?.deadlines) {
    const d = parent.phaseId ? view.deadlines.find((x) => x.id === parent.phaseId) : view.deadlines[0];
    if (!d) throw refuse('parent-phase-unknown', [parent.phaseId ?? '', p, known], p);
    if (d.state === 'done') throw refuse('parent-unit-locked', [parent.unitId, p, d.lockLocal], p);
    return { deadline: d.deadline, phaseName: d.name };
  }
  if (view) {
    if (view.locked) throw refuse('parent-unit-locked', [parent.unitId, p, view.lockLocal], p);
    return { deadline: view.deadline, phaseName: view.phase.name };
  }
  // The unit's workflow is not started yet (its batch is starting): the campaign's own schedule.
  const phase = parent.phaseId ? phases?.find((ph) => ph.id === parent.phaseId) : phases?.[0];
  const schedule = phase?.schedule ?? status.selfReview;
  if (!schedule) throw refuse('parent-phase-unknown', [parent.phaseId ?? '', p, known], p);
  return { deadline: schedule.deadline.utc, phaseName: phase?.name ?? 'self-review' };
}

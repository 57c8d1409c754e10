/**
 * The secretariat's actions on a running campaign, written once for every surface: extend a
 * deadline (one unit's, every unit's, a named deadline phase's) and cancel the campaign; each reaches
 * the sub-campaigns that follow their parent. Updates go through the workflows, whose validators decide.
 */
import { loadWorkingCalendar } from '../config/holidays';
import { dateContextFor, readDate } from '../domain/date-phrases';
import { deadlinePhases } from '../domain/deliverables';
import { formatDeadline } from '../domain/messages';
import { compileDeadlineSchedule } from '../domain/timeline';
import type { DeadlineSchedule } from '../domain/timeline-types';
import {
  campaignWorkflowId,
  unitWorkflowId,
  type CampaignStatusView,
  type GrantExtensionInput,
  type PlanMove,
} from '../domain/workflow-types';
import type { DefinitionStore } from '../stores/definition-store';
import { cancelCampaign, extendCampaign } from '../workflows/campaign';
import { grantExtension } from '../workflows/unit-review';
import { campaignStatus } from './campaign-status';
import { withUpdate, type AppContext } from './context';
import {
  followOrReport,
  followParentCancel,
  followParentExtension,
  type FollowActions,
  type FollowOutcome,
} from './sub-campaign-follow';
import { AppError } from './temporal-errors';
import { unitStatus } from './units';

const DAY = 24 * 3600_000;

// -------------------------------------------------------------------------------------------- actions

/** Shifts every instant of a schedule by `ms`, keeping the local readings in the campaign zone. */
export function shiftSchedule(schedule: DeadlineSchedule, ms: number, zone: string): DeadlineSchedule {
  const move = <T extends { utc: string; local: string }>(i: T): T => {
    const utc = new Date(Date.parse(i.utc) + ms).toISOString();
    return { ...i, utc, local: formatDeadline(utc, zone) };
  };
  return {
    deadline: { ...move(schedule.deadline), written: `${schedule.deadline.written} (+${ms / DAY}d)` },
    lock: move(schedule.lock),
    reminders: schedule.reminders.map((r) => ({ ...r, at: move(r.at) })),
    escalations: schedule.escalations.map((e) => ({ ...e, at: move(e.at) })),
  };
}

/** A new deadline: `by` a number of campaign days ("3d"), or `until` a written date (and optional `lock`). */
export interface ExtensionRequest {
  by?: string;
  until?: string;
  lock?: string;
  reason: string;
  grantedBy: string;
  /** One unit; every unit of the campaign when absent. */
  unitId?: string;
  /** The deadline phase (its id) when the campaign has several; the one under way when absent. */
  phaseId?: string;
  /**
   * Set when a sub-campaign follows its parent (campaign-wide only): its remaining plan moves too
   * (`fromParent` in workflow-types.ts). Not offered to the secretariat's own extensions.
   */
  fromParent?: boolean;
}

/**
 * The self-review schedule for a new deadline, compiled here with the working calendar (workflows
 * never run the calendar): reminders and escalations recomputed as the campaign file defines them.
 */
export async function extensionSchedule(
  s: AppContext,
  definitions: DefinitionStore,
  campaignId: string,
  req: Pick<ExtensionRequest, 'by' | 'until' | 'lock' | 'unitId' | 'phaseId'>,
): Promise<DeadlineSchedule> {
  return (await extensionPlan(s, definitions, campaignId, req)).schedule;
}

/** {@link extensionSchedule}, with the schedule it moves from and the campaign's view (sub-campaigns follow by the difference). */
async function extensionPlan(
  s: AppContext,
  definitions: DefinitionStore,
  campaignId: string,
  req: Pick<ExtensionRequest, 'by' | 'until' | 'lock' | 'unitId' | 'phaseId'>,
): Promise<{ schedule: DeadlineSchedule; current: DeadlineSchedule; status: CampaignStatusView; zone: string }> {
  const status = await campaignStatus(s, campaignId);
  // Several deadline phases: the one named (its schedule as the campaign or the unit has it now).
  const named = req.phaseId ? status.deadlinePhases?.find((p) => p.id === req.phaseId) : undefined;
  if (req.phaseId && !named) throw new AppError('invalid', { input: 'deadline-phase', value: req.phaseId });
  const unitView = req.unitId ? await unitStatus(s, campaignId, req.unitId) : undefined;
  const unitNamed = named && unitView?.deadlines?.find((d) => d.id === req.phaseId && d.state !== 'current');
  // "3 more days" for one unit counts from that unit's own deadline, which may already be extended.
  const current = named && (!unitView || unitNamed) ? named.schedule : unitView ? unitView.schedule : status.selfReview;
  if (!current) throw new AppError('invalid', { input: 'no-self-review-deadline', campaignId });
  const definition = await definitions.load(status.definitionRef);
  const zone = definition.campaign.timeZone;
  if (req.by) {
    const m = /^(\d+(?:\.\d+)?)d$/.exec(req.by.trim());
    if (!m || Number(m[1]) <= 0) {
      throw new AppError('invalid', { input: 'extension-days', value: req.by });
    }
    // A rehearsed campaign runs compressed: "3 days" is 3 days of campaign time.
    return {
      schedule: shiftSchedule(current, Number(m[1]) * DAY * (status.rehearsalFactor ?? 1), zone),
      current,
      status,
      zone,
    };
  }
  if (!req.until) {
    throw new AppError('invalid', { input: 'extension-needs-deadline' });
  }
  if (status.rehearsalFactor) {
    throw new AppError('invalid', { input: 'rehearsal-extends-by-days' });
  }
  const calendar = loadWorkingCalendar();
  const ctx = dateContextFor(definition.campaign, calendar);
  const deadline = readDate(req.until, 'deadline', ctx);
  if (!deadline.ok) throw new AppError('invalid', { input: 'new-deadline', value: deadline.error });
  const gap = Date.parse(current.lock.utc) - Date.parse(current.deadline.utc);
  let lockUtc = new Date(Date.parse(deadline.utc) + gap).toISOString();
  if (req.lock) {
    const lock = readDate(req.lock, 'end', ctx);
    if (!lock.ok) throw new AppError('invalid', { input: 'new-lock', value: lock.error });
    lockUtc = lock.utc;
  }
  const phaseId = req.phaseId ?? status.deadlinePhase;
  const phase = deadlinePhases(definition).find((p) => !phaseId || p.id === phaseId);
  if (!phase) {
    throw new AppError('invalid', { input: 'no-self-review-phase' });
  }
  const schedule = compileDeadlineSchedule(phase, deadline.utc, lockUtc, {
    ...ctx,
    reminderTime: definition.campaign.calendar.reminderTime,
  });
  return { schedule, current, status, zone };
}

/** Grants an extension to one unit (`grantExtension`) or to all (`extendCampaign`); returns the new schedule. */
export async function extendDeadline(
  s: AppContext,
  definitions: DefinitionStore,
  campaignId: string,
  req: ExtensionRequest,
): Promise<{
  schedule: DeadlineSchedule;
  /** The campaign's zone, to write the new deadline as its surface does (the schedule's `local` is the mails'). */
  timeZone: string;
  deadlineVersion?: number;
  plan?: PlanMove;
  subCampaigns?: FollowOutcome[];
}> {
  if (!req.reason.trim()) throw new AppError('invalid', { input: 'extension-needs-reason' });
  const { schedule, current, status, zone } = await extensionPlan(s, definitions, campaignId, req);
  // The unit's (or every unit's) sub-campaigns that follow are extended by as much, in plan time.
  const follow = () =>
    followOrReport(() =>
      followParentExtension(s.client, followActions(s, definitions), {
        parentId: campaignId,
        ...(req.unitId ? { unitId: req.unitId } : {}),
        ...((req.phaseId ?? status.deadlinePhase) ? { phaseId: req.phaseId ?? status.deadlinePhase } : {}),
        movedMs: (Date.parse(schedule.deadline.utc) - Date.parse(current.deadline.utc)) / (status.rehearsalFactor ?? 1),
        reason: req.reason.trim(),
        grantedBy: req.grantedBy,
      }),
    );
  const input: GrantExtensionInput = {
    schedule,
    reason: req.reason.trim(),
    grantedBy: req.grantedBy,
    ...(req.phaseId ? { phaseId: req.phaseId } : {}),
    ...(req.fromParent && !req.unitId ? { fromParent: true } : {}),
  };
  if (req.unitId) {
    const id = unitWorkflowId(campaignId, req.unitId);
    const result = await withUpdate(s, 'extend', id, () =>
      s.client.workflow.getHandle(id).executeUpdate(grantExtension, { args: [input] }),
    );
    return { schedule, timeZone: zone, deadlineVersion: result.deadlineVersion, ...(await follow()) };
  }
  const id = campaignWorkflowId(campaignId);
  const result = await withUpdate(s, 'extend', id, () =>
    s.client.workflow.getHandle(id).executeUpdate(extendCampaign, { args: [input] }),
  );
  return {
    schedule,
    timeZone: zone,
    ...(result.plan ? { plan: result.plan } : {}),
    ...(await follow()),
  };
}

/** Cancels the campaign (`cancelCampaign`): every unit is told the reason. */
export async function cancelWholeCampaign(
  s: AppContext,
  campaignId: string,
  req: { reason: string; cancelledBy: string },
): Promise<void> {
  await cancelCampaignTree(s, campaignId, req);
}

/** {@link cancelWholeCampaign}, telling what became of its sub-campaigns (for a surface to show). */
export async function cancelCampaignTree(
  s: AppContext,
  campaignId: string,
  req: { reason: string; cancelledBy: string },
): Promise<{ subCampaigns?: FollowOutcome[] }> {
  if (!req.reason.trim()) throw new AppError('invalid', { input: 'cancel-needs-reason' });
  const id = campaignWorkflowId(campaignId);
  await withUpdate(s, 'cancel', id, () =>
    s.client.workflow.getHandle(id).executeUpdate(cancelCampaign, {
      args: [{ reason: req.reason.trim(), cancelledBy: req.cancelledBy }],
    }),
  );
  // Its sub-campaigns that cancel with it (a sub-campaign's own sub-campaigns follow in turn).
  return followOrReport(() =>
    followParentCancel(s.client, followActions(s), {
      parentId: campaignId,
      reason: req.reason.trim(),
      cancelledBy: req.cancelledBy,
    }),
  );
}

/** The operator's own use cases, applied to a sub-campaign. */
function followActions(s: AppContext, definitions?: DefinitionStore): FollowActions {
  return {
    status: (campaignId) => campaignStatus(s, campaignId),
    // Each level follows after its own action succeeded, so the grandchildren's outcomes come back nested.
    extend: async (campaignId, req) => {
      if (!definitions) throw new Error('no definition store to compile the extension');
      const done = await extendDeadline(s, definitions, campaignId, req);
      return {
        deadline: done.plan?.unitsExtended === false ? undefined : done.schedule.deadline.local,
        ...(done.plan?.approvalDeadline ? { approvalDeadline: done.plan.approvalDeadline } : {}),
        ...(done.subCampaigns ? { subCampaigns: done.subCampaigns } : {}),
      };
    },
    cancel: (campaignId, req) => cancelCampaignTree(s, campaignId, req),
  };
}

/**
 * What the secretariat can do to a campaign, in one place for every client (the `thidua` CLI and the
 * web dashboard): read campaigns and units from Temporal (visibility for lists and counts, queries for
 * one workflow), and act through the workflows' own Updates, whose validators decide. Nothing here
 * keeps state of its own.
 */
import path from 'node:path';
import { WorkflowUpdateFailedError, type Client, type WorkflowExecutionInfo } from '@temporalio/client';
import { DefinitionStore } from '../activities/store/definition-store';
import { loadWorkingCalendar } from '../config/holidays';
import type { Settings } from '../config/settings';
import { dateContextFor, readDate } from '../domain/date-phrases';
import { formatDeadline } from '../domain/messages';
import {
  CampaignIdKey,
  DeadlineKey,
  LockedKey,
  PhaseKey,
  RemindersSentKey,
  SubmissionStatusKey,
  SubmittedAtKey,
  UnitIdKey,
} from '../domain/search-attributes';
import { compileDeadlineSchedule } from '../domain/timeline';
import type { DeadlineSchedule } from '../domain/timeline-types';
import {
  campaignWorkflowId,
  unitWorkflowId,
  type CampaignStatusView,
  type GrantExtensionInput,
  type SubmissionStatus,
  type NominationVersion,
  type UnitStatusView,
} from '../domain/workflow-types';
import { cancelCampaign, extendCampaign, getCampaignStatus } from '../workflows/campaign';
import { noWorkerAnswered } from './worker-deadline';
import { getNominationVersion, getUnitStatus, grantExtension, sendReminderNow } from '../workflows/unit-review';

const DAY = 24 * 3600_000;

export const SUBMISSION_STATUSES: SubmissionStatus[] = ['pending', 'submitted', 'late', 'missing', 'cancelled'];
export type UnitFilter = SubmissionStatus | 'locked';
export const UNIT_FILTERS: UnitFilter[] = [...SUBMISSION_STATUSES, 'locked'];

/**
 * An action or read that did not happen, in words for the person who asked:
 * `refused` by a workflow's validator, `not-found`, `invalid` input, or `no-worker` answered in time.
 * Nothing was changed.
 */
export class SecretariatError extends Error {
  constructor(
    message: string,
    public readonly kind: 'refused' | 'not-found' | 'invalid' | 'no-worker',
  ) {
    super(message);
    this.name = 'SecretariatError';
  }
}

/** The Temporal client and the settings every operation needs. */
export interface Secretariat {
  client: Client;
  settings: Settings;
  /** How long a query or update may wait for a worker (default 10 s). */
  workerDeadlineMs?: number;
}

/** Runs a Temporal call that needs a worker; fails within seconds, saying so, when none answers. */
export async function withWorker<T>(s: Secretariat, what: string, fn: () => Promise<T>): Promise<T> {
  const ms = s.workerDeadlineMs ?? 10_000;
  const startedAt = Date.now();
  try {
    return await s.client.withDeadline(startedAt + ms, fn);
  } catch (err) {
    throw asSecretariatError(err, what, s, ms, startedAt);
  }
}

function asSecretariatError(err: unknown, what: string, s: Secretariat, ms: number, startedAt: number): unknown {
  if (err instanceof WorkflowUpdateFailedError) {
    return new SecretariatError(`refused: ${err.cause?.message ?? err.message}`, 'refused');
  }
  const e = err as { name?: string; message?: string };
  if (noWorkerAnswered(err, startedAt, ms)) {
    return new SecretariatError(
      `${what}: no worker answered within ${ms / 1000} s. Is a worker running on task queue ` +
        `"${s.settings.taskQueue}" (\`npm run dev\` or \`npm run worker\`)? Nothing was changed.`,
      'no-worker',
    );
  }
  if (e.name === 'WorkflowNotFoundError') return new SecretariatError(`not found: ${e.message}`, 'not-found');
  return err;
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
}

/** Every campaign the namespace knows, newest first (visibility only: no worker needed). */
export async function listCampaigns(s: Secretariat): Promise<CampaignRow[]> {
  const rows: CampaignRow[] = [];
  for await (const wf of s.client.workflow.list({ query: `WorkflowType = 'campaignWorkflow'` })) {
    const memo = (wf.memo ?? {}) as { planNumber?: string; title?: string };
    rows.push({
      campaignId: wf.typedSearchAttributes.get(CampaignIdKey) ?? wf.workflowId,
      planNumber: memo.planNumber ?? '',
      title: memo.title ?? '',
      phase: wf.typedSearchAttributes.get(PhaseKey) ?? '',
      workflowStatus: wf.status.name,
      deadline: wf.typedSearchAttributes.get(DeadlineKey)?.toISOString(),
      startTime: wf.startTime.toISOString(),
    });
  }
  return rows.sort((a, b) => b.startTime.localeCompare(a.startTime) || a.campaignId.localeCompare(b.campaignId));
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
}

/**
 * Counts and a page of units of one campaign, from Temporal's visibility store (search attributes and
 * memos): it answers in well under a second for 10,000 units and needs no running worker.
 */
export async function campaignUnits(
  s: Secretariat,
  campaignId: string,
  opts: { filter?: UnitFilter; limit?: number } = {},
): Promise<CampaignUnits> {
  if (opts.filter && !UNIT_FILTERS.includes(opts.filter)) {
    throw new SecretariatError(`filter: one of ${UNIT_FILTERS.join(', ')}`, 'invalid');
  }
  const limit = opts.limit ?? 50;
  const campaign = await s.client.workflow
    .getHandle(campaignWorkflowId(campaignId))
    .describe()
    .catch((err: Error) => {
      if (err.name === 'WorkflowNotFoundError') throw new SecretariatError(`no campaign "${campaignId}"`, 'not-found');
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
  const memo = (campaign.memo ?? {}) as { planNumber?: string; title?: string };
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

/** The campaign workflow's own view (the `getCampaignStatus` query). */
export function campaignStatus(s: Secretariat, campaignId: string): Promise<CampaignStatusView> {
  return withWorker(s, 'reading the campaign', () =>
    s.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
  );
}

/**
 * Fails with `not-found` unless the unit has a workflow in the campaign. Asks the server only (no
 * worker needed), so that a leaked link can be revoked while the workers are down.
 */
export async function assertUnitExists(s: Secretariat, campaignId: string, unitId: string): Promise<void> {
  await s.client.workflow
    .getHandle(unitWorkflowId(campaignId, unitId))
    .describe()
    .catch((err: Error) => {
      if (err.name === 'WorkflowNotFoundError') {
        throw new SecretariatError(`no unit "${unitId}" in campaign "${campaignId}"`, 'not-found');
      }
      throw err;
    });
}

/** One unit's workflow view (the `getUnitStatus` query): submissions, nominations, messages. */
export function unitStatus(s: Secretariat, campaignId: string, unitId: string): Promise<UnitStatusView> {
  return withWorker(s, 'reading the unit', () =>
    s.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(getUnitStatus),
  );
}

/** One version of a unit's nominations in full (`getNominationVersion`); null when there is no such version. */
export function nominationVersion(
  s: Secretariat,
  campaignId: string,
  unitId: string,
  version: number,
): Promise<NominationVersion | null> {
  return withWorker(s, 'reading the unit', () =>
    s.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(getNominationVersion, version),
  );
}

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
}

/**
 * The self-review schedule for a new deadline, compiled here with the working calendar (workflows
 * never run the calendar): reminders and escalations recomputed as the campaign file defines them.
 */
export async function extensionSchedule(
  s: Secretariat,
  campaignId: string,
  req: Pick<ExtensionRequest, 'by' | 'until' | 'lock' | 'unitId'>,
): Promise<DeadlineSchedule> {
  const status = await campaignStatus(s, campaignId);
  // "3 more days" for one unit counts from that unit's own deadline, which may already be extended.
  const current = req.unitId ? (await unitStatus(s, campaignId, req.unitId)).schedule : status.selfReview;
  if (!current) throw new SecretariatError(`campaign ${campaignId} has no self-review deadline to extend`, 'invalid');
  const definition = new DefinitionStore(path.join(s.settings.dataDir, 'campaigns')).load(status.definitionRef);
  const zone = definition.campaign.timeZone;
  if (req.by) {
    const m = /^(\d+(?:\.\d+)?)d$/.exec(req.by.trim());
    if (!m || Number(m[1]) <= 0) {
      throw new SecretariatError(`extension by "${req.by}": a number of days such as "3d"`, 'invalid');
    }
    // A rehearsed campaign runs compressed: "3 days" is 3 days of campaign time.
    return shiftSchedule(current, Number(m[1]) * DAY * (status.rehearsalFactor ?? 1), zone);
  }
  if (!req.until) {
    throw new SecretariatError(
      'give the new deadline: a date ("25/10/2009 17:00") or a number of days ("3d")',
      'invalid',
    );
  }
  if (status.rehearsalFactor) {
    throw new SecretariatError('a rehearsed campaign is extended by a number of days, not to a date', 'invalid');
  }
  const calendar = loadWorkingCalendar();
  const ctx = dateContextFor(definition.campaign, calendar);
  const deadline = readDate(req.until, 'deadline', ctx);
  if (!deadline.ok) throw new SecretariatError(`new deadline ${deadline.error}`, 'invalid');
  const gap = Date.parse(current.lock.utc) - Date.parse(current.deadline.utc);
  let lockUtc = new Date(Date.parse(deadline.utc) + gap).toISOString();
  if (req.lock) {
    const lock = readDate(req.lock, 'end', ctx);
    if (!lock.ok) throw new SecretariatError(`new lock ${lock.error}`, 'invalid');
    lockUtc = lock.utc;
  }
  const phase = definition.phases.find((p) => p.kind === 'self-review');
  if (!phase || phase.kind !== 'self-review') {
    throw new SecretariatError('no self-review phase in the definition', 'invalid');
  }
  return compileDeadlineSchedule(phase, deadline.utc, lockUtc, {
    ...ctx,
    reminderTime: definition.campaign.calendar.reminderTime,
  });
}

/** Grants an extension to one unit (`grantExtension`) or to all (`extendCampaign`); returns the new schedule. */
export async function extendDeadline(
  s: Secretariat,
  campaignId: string,
  req: ExtensionRequest,
): Promise<{ schedule: DeadlineSchedule; deadlineVersion?: number }> {
  if (!req.reason.trim()) throw new SecretariatError('an extension needs a reason', 'invalid');
  const schedule = await extensionSchedule(s, campaignId, req);
  const input: GrantExtensionInput = { schedule, reason: req.reason.trim(), grantedBy: req.grantedBy };
  if (req.unitId) {
    const handle = s.client.workflow.getHandle(unitWorkflowId(campaignId, req.unitId));
    const result = await withWorker(s, 'granting the extension', () =>
      handle.executeUpdate(grantExtension, { args: [input] }),
    );
    return { schedule, deadlineVersion: result.deadlineVersion };
  }
  await withWorker(s, 'granting the extension', () =>
    s.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(extendCampaign, { args: [input] }),
  );
  return { schedule };
}

/** Cancels the campaign (`cancelCampaign`): every unit is told the reason. */
export async function cancelWholeCampaign(
  s: Secretariat,
  campaignId: string,
  req: { reason: string; cancelledBy: string },
): Promise<void> {
  if (!req.reason.trim()) throw new SecretariatError('a cancellation needs a reason', 'invalid');
  await withWorker(s, 'cancelling the campaign', () =>
    s.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(cancelCampaign, {
      args: [{ reason: req.reason.trim(), cancelledBy: req.cancelledBy }],
    }),
  );
}

/** Asks the unit's workflow to send a reminder now (`sendReminderNow`); refused once submitted or locked. */
export async function remindNow(
  s: Secretariat,
  campaignId: string,
  unitId: string,
  requestedBy: string,
): Promise<void> {
  await withWorker(s, 'sending the reminder', () =>
    s.client.workflow
      .getHandle(unitWorkflowId(campaignId, unitId))
      .executeUpdate(sendReminderNow, { args: [{ requestedBy }] }),
  );
}

/**
 * What is done to one unit, written once for every surface: read it (the `getUnitStatus` query),
 * remind it, and submit a file or nominations for it. The unit portal (a unit's own session) and
 * `thidua unit submit` (staff on a unit's behalf) both submit through {@link submitUnitFile}: checked
 * (the phase open, the file rules of `domain/submission-rules.ts`), stored, then recorded by the
 * workflow's `submitFile` update; when the update is refused, the store's upload record is removed,
 * so nothing is recorded anywhere.
 *
 * Temporal is reached through {@link UnitWorkflows}, so that surfaces can be tested without a server.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import type { FeedConference } from '../calendar/ics';
import type { CampaignDefinition, ConferencePhaseDef } from '../domain/campaign-schema';
import { approximatePeriodRange } from '../domain/date-phrases';
import { contactLine } from '../domain/messages';
import { DEFAULT_PHASE_NAMES, planDocumentView, type PlanDocumentView } from '../domain/plan-document';
import { assertFileRef, assertNominations, assertPhaseOpen } from '../domain/submission-rules';
import { assertDeliverable } from '../domain/deliverable-rules';
import type { SubmissionReceipt, SubmitFileInput, SubmitNominationsInput } from '../domain/submission-types';
import {
  campaignWorkflowId,
  unitWorkflowId,
  type FileRef,
  type Nomination,
  type NominationVersion,
  type SubmissionKind,
  type UnitStatusView,
} from '../domain/workflow-types';
import type { DefinitionStore } from '../stores/definition-store';
import { ReportLockedError, type ReportStore, type StagedFile, type UploadOwner } from '../stores/report-store';
import { getCampaignStatus } from '../workflows/campaign';
import {
  getNominationVersion,
  getUnitStatus,
  sendReminderNow,
  submitFile,
  submitNominations,
} from '../workflows/unit-review';
import { withUpdate, withWorker, type AppContext } from './context';
import { AppError, asAppError, type Operation } from './temporal-errors';

// ---------------------------------------------------------------------------------------------- reads

/**
 * Fails with `not-found` unless the unit has a workflow in the campaign. Asks the server only (no
 * worker needed), so that a leaked link can be revoked while the workers are down.
 */
export async function assertUnitExists(s: AppContext, campaignId: string, unitId: string): Promise<void> {
  try {
    await s.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).describe();
  } catch (err) {
    throw asAppError(err, { operation: 'link', campaignId, unitId });
  }
}

/** One unit's workflow view (the `getUnitStatus` query): submissions, nominations, messages. */
export async function unitStatus(s: AppContext, campaignId: string, unitId: string): Promise<UnitStatusView> {
  return withWorker(s, 'read-unit', () =>
    s.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(getUnitStatus),
  ).catch((err: unknown) => {
    throw withIds(err, campaignId, unitId);
  });
}

/** One version of a unit's nominations in full (`getNominationVersion`); null when there is no such version. */
export function nominationVersion(
  s: AppContext,
  campaignId: string,
  unitId: string,
  version: number,
): Promise<NominationVersion | null> {
  return withWorker(s, 'read-unit', () =>
    s.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(getNominationVersion, version),
  );
}

/** Every version of a unit's nominations in full: the latest from its view, older ones one query each. */
export async function allNominationVersions(
  view: UnitStatusView,
  olderVersion: (version: number) => Promise<NominationVersion | null>,
): Promise<NominationVersion[]> {
  const versions: NominationVersion[] = [];
  for (const summary of view.nominations) {
    const full =
      summary.version === view.latestNominations?.version
        ? view.latestNominations
        : await olderVersion(summary.version);
    if (full) versions.push(full);
  }
  return versions;
}

// -------------------------------------------------------------------------------------------- actions

/** Asks the unit's workflow to send a reminder now (`sendReminderNow`); refused once submitted or locked. */
export async function remindNow(s: AppContext, campaignId: string, unitId: string, requestedBy: string): Promise<void> {
  const id = unitWorkflowId(campaignId, unitId);
  await withUpdate(s, 'remind', id, () =>
    s.client.workflow.getHandle(id).executeUpdate(sendReminderNow, { args: [{ requestedBy }] }),
  ).catch((err: unknown) => {
    throw withIds(err, campaignId, unitId);
  });
}

// ------------------------------------------------------------------------------------ the unit's workflow

export interface CampaignInfo {
  title: string;
  timeZone: string;
  /** The plan as a document (kind, number, basis, tasks, conference, recipients), when its definition is at hand. */
  document?: PlanDocumentView;
  /** The conference as the units' calendars show it (its day, or only its period while rough), when the definition has one. */
  conference?: FeedConference;
  /** Whom to contact, one line ("Ban …: Nguyễn Văn T, Chuyên viên, …"), when the definition is at hand. */
  contact?: string;
}

/**
 * The conference of a stored definition for calendars: a rough date ("tháng 11/2009") stays the
 * period; an exact one is the instant the campaign compiled (`conferenceAt` of its status). In a
 * rehearsal the compressed instant is used, since the period would be the real one.
 */
export function feedConference(
  definition: CampaignDefinition,
  compiled: { conferenceAt?: string; rehearsal: boolean },
): FeedConference | undefined {
  const phase = definition.phases.find((p): p is ConferencePhaseDef => p.kind === 'conference');
  if (!phase) return undefined;
  const period = compiled.rehearsal ? undefined : approximatePeriodRange(phase.date);
  if (!period && !compiled.conferenceAt) return undefined;
  return {
    name: phase.name ?? DEFAULT_PHASE_NAMES.conference,
    when: period ? { kind: 'period', ...period } : { kind: 'exact', start: compiled.conferenceAt! },
    venue: phase.venue,
    ...(phase.organizer ? { organizer: phase.organizer } : {}),
    agenda: phase.agenda,
  };
}

/** What submitting and the unit portal ask of a unit's workflow (and its campaign's). Failures are {@link AppError}s. */
export interface UnitWorkflows {
  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView>;
  campaignInfo(campaignId: string): Promise<CampaignInfo | undefined>;
  submitFile(campaignId: string, unitId: string, input: SubmitFileInput): Promise<SubmissionReceipt>;
  submitNominations(campaignId: string, unitId: string, input: SubmitNominationsInput): Promise<SubmissionReceipt>;
  /** When the campaign's workflow closed (completed, cancelled, terminated…), or undefined while it runs: links end with it. */
  campaignEndedAt(campaignId: string): Promise<string | undefined>;
}

/** {@link UnitWorkflows} on Temporal: queries and updates with the worker deadline and check. */
export class TemporalUnitWorkflows implements UnitWorkflows {
  private readonly campaigns = new Map<string, CampaignInfo>();
  /** Closed campaigns stay closed; a running one is asked again after 30 s. */
  private readonly ended = new Map<string, { closedAt?: string; checkedAt: number }>();

  constructor(
    private readonly ctx: AppContext,
    private readonly definitions: DefinitionStore,
    private readonly defaultTimeZone: string,
  ) {}

  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    return unitStatus(this.ctx, campaignId, unitId);
  }

  async campaignInfo(campaignId: string): Promise<CampaignInfo | undefined> {
    const cached = this.campaigns.get(campaignId);
    if (cached) return cached;
    try {
      const status = await withWorker(this.ctx, 'read-campaign', () =>
        this.ctx.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
      );
      let timeZone = this.defaultTimeZone;
      let document: PlanDocumentView | undefined;
      let conference: FeedConference | undefined;
      let contact: string | undefined;
      try {
        const definition = await this.definitions.load(status.definitionRef);
        timeZone = definition.campaign.timeZone ?? timeZone;
        document = planDocumentView(definition);
        contact = contactLine(definition.campaign.secretariat.name, definition.campaign.secretariat.contacts);
        conference = feedConference(definition, {
          conferenceAt: status.phases?.find((p) => p.kind === 'conference')?.conferenceAt,
          rehearsal: status.rehearsalFactor !== undefined,
        });
      } catch {
        // The definition lives in the data folder of the worker; without it the default zone is used.
      }
      const info: CampaignInfo = {
        title: status.title,
        timeZone,
        ...(document ? { document } : {}),
        ...(conference ? { conference } : {}),
        ...(contact ? { contact } : {}),
      };
      this.campaigns.set(campaignId, info);
      return info;
    } catch {
      return undefined; // the unit's page still shows what its own workflow knows
    }
  }

  async campaignEndedAt(campaignId: string): Promise<string | undefined> {
    const known = this.ended.get(campaignId);
    if (known && (known.closedAt || Date.now() - known.checkedAt < 30_000)) return known.closedAt;
    let closedAt: string | undefined;
    try {
      const d = await this.ctx.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
      closedAt = d.closeTime?.toISOString();
    } catch (err) {
      // A campaign the server no longer knows (past its retention) has ended too.
      if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
      closedAt = new Date(0).toISOString();
    }
    this.ended.set(campaignId, { closedAt, checkedAt: Date.now() });
    return closedAt;
  }

  submitFile(campaignId: string, unitId: string, input: SubmitFileInput): Promise<SubmissionReceipt> {
    const id = unitWorkflowId(campaignId, unitId);
    return withUpdate(this.ctx, 'submit-file', id, () =>
      this.ctx.client.workflow.getHandle(id).executeUpdate(submitFile, { args: [input] }),
    ).catch((err: unknown) => {
      throw withIds(err, campaignId, unitId);
    });
  }

  submitNominations(campaignId: string, unitId: string, input: SubmitNominationsInput): Promise<SubmissionReceipt> {
    const id = unitWorkflowId(campaignId, unitId);
    return withUpdate(this.ctx, 'submit-nominations', id, () =>
      this.ctx.client.workflow.getHandle(id).executeUpdate(submitNominations, { args: [input] }),
    ).catch((err: unknown) => {
      throw withIds(err, campaignId, unitId);
    });
  }
}

// ------------------------------------------------------------------------------------------ submitting

/** A file submitted for a unit, by the unit (portal) or by staff on its behalf (CLI). */
export interface FileSubmission {
  campaignId: string;
  unitId: string;
  kind: SubmissionKind;
  /** The deliverable (its id) when the phase declares deliverables, e.g. "ke-hoach". */
  deliverable?: string;
  /** The deadline phase (its id) the file is for; the workflow refuses it unless that phase is open. */
  phaseId?: string;
  /** The file's name as the unit will see it (only its last part is kept). */
  name: string;
  contentType: string;
  /** The bytes, or a file already staged in the store's staging folder (moved in, not copied). */
  content: Buffer | StagedFile;
  /** Who submitted, as receipts name it; a function of the unit's view when it names the unit. */
  submittedBy: string | ((view: UnitStatusView) => string);
}

export interface SubmitDeps {
  units: Pick<UnitWorkflows, 'unitStatus' | 'submitFile' | 'submitNominations'>;
  reports: ReportStore;
  now?: () => number;
}

export interface FileSubmitted {
  view: UnitStatusView;
  ref: FileRef;
  receipt: SubmissionReceipt;
}

/**
 * The one way a file is submitted for a unit: the unit's phase must be open and the file pass the
 * workflow's own rules (checked here first, so a refused file is never stored); the file goes to the
 * report store with its owner, then to the workflow's `submitFile` update. When the update is refused
 * (or never sent: no worker, the campaign over), the upload record the store made is removed again:
 * the index lists only files some workflow recorded, or may still record (an update sent but not
 * answered in time stays, since it may apply).
 */
export async function submitUnitFile(deps: SubmitDeps, req: FileSubmission): Promise<FileSubmitted> {
  const { campaignId, unitId, kind } = req;
  const operation: Operation = 'submit-file';
  if (kind !== 'summary-report' && kind !== 'presentation-paper') {
    throw new AppError('invalid', { operation, input: 'file-kind', value: String(kind) });
  }
  const view = await deps.units.unitStatus(campaignId, unitId);
  assertOpen(view, deps.now?.() ?? Date.now(), operation);
  const name = path.basename(req.name);
  const staged = Buffer.isBuffer(req.content) ? undefined : req.content;
  const bytes = Buffer.isBuffer(req.content) ? req.content : undefined;
  const sha256 = staged ? staged.sha256 : crypto.createHash('sha256').update(bytes!).digest('hex');
  const size = staged ? staged.size : bytes!.length;
  const file = { name, size, sha256, contentType: req.contentType };
  // Declared deliverables: the file names one the phase asks for, of a type it takes. One of another
  // phase (locked, or not yet open) goes on to the workflow, whose refusal says which.
  const elsewhere =
    req.deliverable !== undefined &&
    !view.due.deliverables?.some((d) => d.id === req.deliverable) &&
    view.deadlines?.some((p) => p.due.deliverables?.some((d) => d.id === req.deliverable));
  refuseUnless(operation, () => {
    if (view.due.deliverables && !elsewhere) assertDeliverable(req.deliverable, file, view.due);
    assertFileRef(kind, file, view.due.deliverables ? { ...view.due, summaryReport: 'optional' } : view.due);
  });

  const submittedBy = typeof req.submittedBy === 'function' ? req.submittedBy(view) : req.submittedBy;
  const owner: UploadOwner = { campaignId, unitId, phase: view.phase.id ?? view.phase.kind, uploadedBy: submittedBy };
  // The same file under the same name may have been uploaded (and recorded) before: its record stays.
  const known = (await deps.reports.uploadsOf(campaignId, unitId)).some(
    (u) => u.sha256 === sha256 && u.name === name && u.phase === owner.phase,
  );
  let ref: FileRef;
  try {
    ref = await deps.reports.put(name, req.contentType, req.content, owner);
  } catch (err) {
    if (err instanceof ReportLockedError) {
      throw new AppError('locked', { operation, campaignId, unitId, lockedAt: err.lock.lockedAt }, { cause: err });
    }
    throw err;
  }
  try {
    const receipt = await deps.units.submitFile(campaignId, unitId, {
      kind,
      ...(req.deliverable ? { deliverable: req.deliverable } : {}),
      ...(req.phaseId ? { phaseId: req.phaseId } : {}),
      file: ref,
      submittedBy,
    });
    return { view, ref, receipt };
  } catch (err) {
    if (err instanceof AppError && err.nothingChanged && !known) {
      await deps.reports.removeUpload(owner, ref);
    }
    throw err;
  }
}

export interface NominationsSubmission {
  campaignId: string;
  unitId: string;
  nominations: Nomination[];
  submittedBy: string | ((view: UnitStatusView) => string);
}

/** Nominations for a unit: the phase open and the list within the workflow's rules, then its `submitNominations` update. */
export async function submitUnitNominations(
  deps: Pick<SubmitDeps, 'units' | 'now'>,
  req: NominationsSubmission,
): Promise<{ view: UnitStatusView; receipt: SubmissionReceipt }> {
  const operation: Operation = 'submit-nominations';
  const view = await deps.units.unitStatus(req.campaignId, req.unitId);
  assertOpen(view, deps.now?.() ?? Date.now(), operation);
  refuseUnless(operation, () => assertNominations(req.nominations, view.due));
  const submittedBy = typeof req.submittedBy === 'function' ? req.submittedBy(view) : req.submittedBy;
  const receipt = await deps.units.submitNominations(req.campaignId, req.unitId, {
    nominations: req.nominations,
    submittedBy,
  });
  return { view, receipt };
}

/** Refuses, in the workflow validator's own words, when the unit's phase no longer accepts submissions. */
function assertOpen(view: UnitStatusView, now: number, operation: Operation): void {
  refuseUnless(operation, () =>
    assertPhaseOpen(
      {
        phaseName: view.phase.name,
        locked: view.locked,
        lockAt: view.lockAt,
        lockLocal: view.lockLocal,
        cancelled: view.cancelled,
        contact: view.contact,
      },
      now,
    ),
  );
}

function refuseUnless(operation: Operation, check: () => void): void {
  try {
    check();
  } catch (err) {
    throw new AppError('refused', { operation, refusal: (err as Error).message }, { cause: err });
  }
}

/** Adds the campaign and unit to an {@link AppError} (messages name them). */
function withIds(err: unknown, campaignId: string, unitId: string): unknown {
  if (err instanceof AppError && !err.facts.unitId) {
    return new AppError(err.code, { ...err.facts, campaignId, unitId }, { cause: err.cause });
  }
  return err;
}

/**
 * What the dashboard asks of Temporal, behind one interface so that its HTTP layer can be tested
 * without a server. The Temporal implementation calls the use cases of `app/`, the same code as the CLI.
 */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import {
  cancelPendingImport,
  checkDraft,
  copyCampaign,
  copyDraft,
  createDraftFromSample,
  createDraftFromUpload,
  draftTimelineSvg,
  getDraft,
  importPendingUnits,
  listDrafts,
  listSamples,
  previewDraft,
  saveDraft,
  stageUnitSheet,
  startDraft,
  type CreateOutcome,
  type ImportOutcome,
  type StageSheetOutcome,
  type DraftCheck,
  type DraftDeps,
  type DraftPreview,
  type Problem,
  type StartDraftOutcome,
} from '../../app/campaign-drafts';
import {
  campaignStatus,
  startCampaign,
  campaignUnits,
  cancelCampaignTree,
  extendDeadline,
  listCampaigns,
  type AppContext,
  type CampaignRow,
  type CampaignUnits,
  type ExtensionRequest,
  type UnitFilter,
} from '../../app/campaigns';
import { reissueLink, revokeLink } from '../../app/links';
import { listSchedules, type ScheduleRow } from '../../app/schedules';
import { campaignTree, type CampaignTree } from '../../app/sub-campaigns';
import type { StaffActor } from '../../app/roles';
import { AppError } from '../../app/temporal-errors';
import {
  approveSynthesis,
  rebuildSynthesis,
  returnSynthesis,
  reviseSynthesis,
  synthesisFile,
  synthesisStatus,
} from '../../app/synthesis';
import { allNominationVersions, nominationVersion, remindNow, unitStatus } from '../../app/units';
import { loadWorkingCalendar } from '../../config/holidays';
import { REPO_ROOT, type Settings } from '../../config/settings';
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { SynthesisStatusView } from '../../domain/synthesis-types';
import {
  campaignWorkflowId,
  type CampaignStatusView,
  type FileRef,
  type NominationVersion,
  type UnitStatusView,
} from '../../domain/workflow-types';
import { FileCampaignDrafts, type CampaignDraft, type DraftSummary } from '../../stores/campaign-drafts';
import type { DefinitionStore } from '../../stores/definition-store';
import { FileScheduleTemplates } from '../../stores/schedule-templates';
import type { ReportStore } from '../../stores/report-store';
import type { UnitLinks } from '../../stores/unit-links';
import type { FollowOutcome } from '../../app/sub-campaign-follow';

export { allNominationVersions } from '../../app/units';

export interface SecretariatBackend {
  listCampaigns(): Promise<CampaignRow[]>;
  /** The recurring campaigns' schedules with their next runs (issue 15). */
  listSchedules(): Promise<ScheduleRow[]>;
  campaignUnits(campaignId: string, opts: { filter?: UnitFilter; limit?: number }): Promise<CampaignUnits>;
  campaignStatus(campaignId: string): Promise<CampaignStatusView>;
  /** The campaign tree (issue 15): its parent and result sent up (a sub-campaign), its sub-campaigns. */
  campaignTree(campaignId: string): Promise<CampaignTree & { resultUnread?: boolean }>;
  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView>;
  /** Every version of the unit's nominations in full (its view summarises all but the latest). */
  nominationVersions(view: UnitStatusView): Promise<NominationVersion[]>;
  /** Returns the new deadline as people read it. */
  /** The new deadline as people read it, and what became of the sub-campaigns that follow. */
  extend(campaignId: string, req: ExtensionRequest): Promise<{ deadline: string; subCampaigns?: FollowOutcome[] }>;
  cancel(campaignId: string, req: { reason: string; cancelledBy: string }): Promise<{ subCampaigns?: FollowOutcome[] }>;
  remind(campaignId: string, unitId: string, requestedBy: string): Promise<void>;
  /** Revokes the unit's portal link and returns a new one (the old one stops opening at once). */
  reissueLink(campaignId: string, unitId: string): Promise<string>;
  /** Revokes the unit's portal link; false when it had no working link. */
  revokeLink(campaignId: string, unitId: string): Promise<boolean>;
  /** The workflow's page in the Temporal Web UI. */
  temporalUiUrl(workflowId: string): string;

  // The synthesis (issue 12): each use case checks the actor's role itself too.
  synthesisStatus(campaignId: string): Promise<SynthesisStatusView>;
  approveSynthesis(campaignId: string, actor: StaffActor, version?: number): Promise<SynthesisStatusView>;
  returnSynthesis(campaignId: string, actor: StaffActor, remarks: string): Promise<SynthesisStatusView>;
  /** A revised `.docx` (checked by content by the use case; refused as `invalid` or `refused`). */
  reviseSynthesis(
    campaignId: string,
    actor: StaffActor,
    file: { name: string; bytes: Buffer },
    note?: string,
  ): Promise<SynthesisStatusView>;
  rebuildSynthesis(campaignId: string, actor: StaffActor): Promise<SynthesisStatusView>;
  /** A file the synthesis lists (any version's `.docx`, the `.xlsx`, a picture). */
  synthesisFile(status: SynthesisStatusView, sha256: string): Promise<{ ref: FileRef; bytes: Buffer }>;

  // Campaign drafts (issue 18, `app/campaign-drafts.ts`): each use case checks the actor's role itself too.
  listDrafts(): Promise<DraftSummary[]>;
  /** Fails `not-found` for an unknown draft. */
  draft(id: string): Promise<CampaignDraft>;
  /** The sample campaign files a draft may start from (`config/campaigns/*.yaml`). */
  draftSamples(): Promise<string[]>;
  createDraftFromUpload(actor: StaffActor, file: { name: string; bytes: Buffer }): Promise<CreateOutcome>;
  createDraftFromSample(actor: StaffActor, name: string): Promise<CampaignDraft>;
  /** A copy of a draft; `opts.years` moves its dates by that many years (0 or absent: as it is). */
  copyDraft(actor: StaffActor, fromId: string, opts?: { years?: number }): Promise<CampaignDraft>;
  /** A new draft from the definition an earlier campaign was started with, its dates moved. */
  copyCampaign(actor: StaffActor, campaignId: string, opts?: { years?: number }): Promise<CampaignDraft>;
  saveDraft(actor: StaffActor, id: string, yaml: string): Promise<CampaignDraft>;
  checkDraft(id: string): Promise<DraftCheck>;
  previewDraft(id: string, opts: { rehearse?: string }): Promise<DraftPreview | { ok: false; problems: Problem[] }>;
  /** The preview's timeline picture (SVG); undefined when the draft does not compile. */
  draftTimelineSvg(id: string, opts: { rehearse?: string }): Promise<string | undefined>;
  /** Starts (or rehearses) the draft's campaign with the CLI's `startCampaign`; approver only. */
  startDraft(actor: StaffActor, id: string, opts: { rehearse?: string }): Promise<StartDraftOutcome>;
  /** Reads a unit sheet into the draft's pending import (previewed, not imported); clerk only. */
  stageUnitSheet(actor: StaffActor, id: string, file: { name: string; bytes: Buffer }): Promise<StageSheetOutcome>;
  /** Imports the pending sheet's units (all good, or with the confirmed bad rows dropped); clerk only. */
  importUnits(
    actor: StaffActor,
    id: string,
    opts: { dropBadRows?: boolean; confirmedRows?: number[] },
  ): Promise<ImportOutcome>;
  /** Ends the pending import, importing nothing; clerk only. */
  cancelUnitImport(actor: StaffActor, id: string): Promise<CampaignDraft>;
}

/** Where the sample campaign files are, and a draft's attachments are read from. */
export const SAMPLES_DIR = path.join(REPO_ROOT, 'config', 'campaigns');

export class TemporalSecretariatBackend implements SecretariatBackend {
  private readonly s: AppContext;
  private readonly drafts: DraftDeps;

  constructor(
    client: Client,
    settings: Settings,
    private readonly links: UnitLinks,
    private readonly definitions: DefinitionStore,
    private readonly reports: ReportStore,
    private readonly temporalUiBase: string,
    workerDeadlineMs?: number,
  ) {
    this.s = { client, settings, workerDeadlineMs };
    let calendar: WorkingCalendar | undefined;
    this.drafts = {
      drafts: new FileCampaignDrafts(path.join(settings.dataDir, 'drafts')),
      samplesDir: SAMPLES_DIR,
      calendar: () => (calendar ??= loadWorkingCalendar()),
      // The CLI's start (`thidua campaign start`), with the same stores under the data folder.
      start: (req) => startCampaign(this.s, { reports, definitions }, req),
      campaignStatusOf: (campaignId) =>
        this.s.client.workflow
          .getHandle(campaignWorkflowId(campaignId))
          .describe()
          .then(
            (d) => d.status.name,
            (err: Error) => {
              if (err.name === 'WorkflowNotFoundError') return undefined;
              throw err;
            },
          ),
      // The campaign's own answer names the definition it was started with (a worker replays it).
      earlierDefinition: async (campaignId) => {
        let ref: string;
        try {
          ref = (await campaignStatus(this.s, campaignId)).definitionRef;
        } catch (err) {
          if (err instanceof AppError && err.code === 'not-found') return undefined;
          throw err;
        }
        return definitions.load(ref);
      },
    };
  }

  listDrafts(): Promise<DraftSummary[]> {
    return listDrafts(this.drafts);
  }

  draft(id: string): Promise<CampaignDraft> {
    return getDraft(this.drafts, id);
  }

  async draftSamples(): Promise<string[]> {
    return listSamples(this.drafts);
  }

  createDraftFromUpload(actor: StaffActor, file: { name: string; bytes: Buffer }): Promise<CreateOutcome> {
    return createDraftFromUpload(this.drafts, actor, file);
  }

  createDraftFromSample(actor: StaffActor, name: string): Promise<CampaignDraft> {
    return createDraftFromSample(this.drafts, actor, name);
  }

  copyDraft(actor: StaffActor, fromId: string, opts?: { years?: number }): Promise<CampaignDraft> {
    return copyDraft(this.drafts, actor, fromId, opts);
  }

  copyCampaign(actor: StaffActor, campaignId: string, opts?: { years?: number }): Promise<CampaignDraft> {
    return copyCampaign(this.drafts, actor, campaignId, opts);
  }

  saveDraft(actor: StaffActor, id: string, yaml: string): Promise<CampaignDraft> {
    return saveDraft(this.drafts, actor, id, yaml);
  }

  checkDraft(id: string): Promise<DraftCheck> {
    return checkDraft(this.drafts, id);
  }

  previewDraft(id: string, opts: { rehearse?: string }): Promise<DraftPreview | { ok: false; problems: Problem[] }> {
    return previewDraft(this.drafts, id, opts);
  }

  draftTimelineSvg(id: string, opts: { rehearse?: string }): Promise<string | undefined> {
    return draftTimelineSvg(this.drafts, id, opts);
  }

  startDraft(actor: StaffActor, id: string, opts: { rehearse?: string }): Promise<StartDraftOutcome> {
    return startDraft(this.drafts, actor, id, opts);
  }

  stageUnitSheet(actor: StaffActor, id: string, file: { name: string; bytes: Buffer }): Promise<StageSheetOutcome> {
    return stageUnitSheet(this.drafts, actor, id, file);
  }

  importUnits(
    actor: StaffActor,
    id: string,
    opts: { dropBadRows?: boolean; confirmedRows?: number[] },
  ): Promise<ImportOutcome> {
    return importPendingUnits(this.drafts, actor, id, opts);
  }

  cancelUnitImport(actor: StaffActor, id: string): Promise<CampaignDraft> {
    return cancelPendingImport(this.drafts, actor, id);
  }

  reissueLink(campaignId: string, unitId: string): Promise<string> {
    return reissueLink(this.s, this.links, campaignId, unitId);
  }

  revokeLink(campaignId: string, unitId: string): Promise<boolean> {
    return revokeLink(this.s, this.links, campaignId, unitId);
  }

  listSchedules(): Promise<ScheduleRow[]> {
    return listSchedules(this.s, {
      templates: new FileScheduleTemplates(path.join(this.s.settings.dataDir, 'schedules')),
      calendar: this.drafts.calendar,
    });
  }

  listCampaigns(): Promise<CampaignRow[]> {
    return listCampaigns(this.s);
  }

  campaignUnits(campaignId: string, opts: { filter?: UnitFilter; limit?: number }): Promise<CampaignUnits> {
    return campaignUnits(this.s, campaignId, opts);
  }

  campaignStatus(campaignId: string): Promise<CampaignStatusView> {
    return campaignStatus(this.s, campaignId);
  }

  campaignTree(campaignId: string): Promise<CampaignTree & { resultUnread?: boolean }> {
    return campaignTree(this.s, campaignId);
  }

  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    return unitStatus(this.s, campaignId, unitId);
  }

  nominationVersions(view: UnitStatusView): Promise<NominationVersion[]> {
    return allNominationVersions(view, (version) => nominationVersion(this.s, view.campaignId, view.unitId, version));
  }

  async extend(campaignId: string, req: ExtensionRequest) {
    const done = await extendDeadline(this.s, this.definitions, campaignId, req);
    return {
      deadline: done.schedule.deadline.local,
      ...(done.subCampaigns ? { subCampaigns: done.subCampaigns } : {}),
    };
  }

  cancel(campaignId: string, req: { reason: string; cancelledBy: string }) {
    return cancelCampaignTree(this.s, campaignId, req);
  }

  remind(campaignId: string, unitId: string, requestedBy: string): Promise<void> {
    return remindNow(this.s, campaignId, unitId, requestedBy);
  }

  synthesisStatus(campaignId: string): Promise<SynthesisStatusView> {
    return synthesisStatus(this.s, campaignId);
  }

  approveSynthesis(campaignId: string, actor: StaffActor, version?: number): Promise<SynthesisStatusView> {
    return approveSynthesis(this.s, campaignId, actor, version);
  }

  returnSynthesis(campaignId: string, actor: StaffActor, remarks: string): Promise<SynthesisStatusView> {
    return returnSynthesis(this.s, campaignId, actor, remarks);
  }

  reviseSynthesis(
    campaignId: string,
    actor: StaffActor,
    file: { name: string; bytes: Buffer },
    note?: string,
  ): Promise<SynthesisStatusView> {
    return reviseSynthesis(this.s, this.reports, campaignId, actor, file, note);
  }

  rebuildSynthesis(campaignId: string, actor: StaffActor): Promise<SynthesisStatusView> {
    return rebuildSynthesis(this.s, campaignId, actor);
  }

  synthesisFile(status: SynthesisStatusView, sha256: string): Promise<{ ref: FileRef; bytes: Buffer }> {
    return synthesisFile(this.reports, status, sha256);
  }

  temporalUiUrl(workflowId: string): string {
    const namespace = this.s.client.options.namespace;
    return `${this.temporalUiBase.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  }
}

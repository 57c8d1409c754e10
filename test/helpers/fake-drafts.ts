/**
 * The dashboard's draft methods for a fake {@link SecretariatBackend}: the real use cases of
 * `app/campaign-drafts.ts` over a file store in a temporary folder, with the start recorded instead
 * of sent to Temporal (`running` makes it answer "already running").
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import * as drafts from '../../app/campaign-drafts';
import type { StartOutcome, StartRequest } from '../../app/campaigns';
import type { StaffActor } from '../../app/roles';
import { loadWorkingCalendar } from '../../config/holidays';
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { UnitWorkflows } from '../../app/units';
import type { SecretariatBackend } from '../../portal/dashboard/backend';
import { FileCampaignDrafts } from '../../stores/campaign-drafts';

let calendar: WorkingCalendar | undefined;

export class FakeDrafts {
  /** What the CLI's start was handed, in order. */
  readonly started: StartRequest[] = [];
  /** Every draft method called, by name: a refused request calls none. */
  readonly draftCalls: string[] = [];
  running = false;
  readonly draftDeps: drafts.DraftDeps;

  /** `dir` is made only when a draft is written (the store makes its folder on the first write). */
  constructor(
    dir = path.join(os.tmpdir(), `thidua-drafts-${crypto.randomBytes(6).toString('hex')}`),
    now?: () => string,
  ) {
    this.draftDeps = {
      drafts: new FileCampaignDrafts(path.join(dir, 'drafts')),
      samplesDir: path.resolve(__dirname, '../../config/campaigns'),
      calendar: () => (calendar ??= loadWorkingCalendar()),
      ...(now ? { now } : {}),
      start: async (req): Promise<StartOutcome> => {
        this.started.push(req);
        return {
          started: !this.running,
          campaignId: req.definition.campaign.id,
          workflowId: `campaign/${req.definition.campaign.id}`,
          unitCount: req.definition.units.length,
        };
      },
    };
  }

  private call(name: string): drafts.DraftDeps {
    this.draftCalls.push(name);
    return this.draftDeps;
  }

  listDrafts() {
    return drafts.listDrafts(this.call('listDrafts'));
  }
  draft(id: string) {
    return drafts.getDraft(this.call('draft'), id);
  }
  async draftSamples() {
    return drafts.listSamples(this.call('draftSamples'));
  }
  createDraftFromUpload(actor: StaffActor, file: { name: string; bytes: Buffer }) {
    return drafts.createDraftFromUpload(this.call('createDraftFromUpload'), actor, file);
  }
  createDraftFromSample(actor: StaffActor, name: string) {
    return drafts.createDraftFromSample(this.call('createDraftFromSample'), actor, name);
  }
  copyDraft(actor: StaffActor, fromId: string, opts?: { years?: number }) {
    return drafts.copyDraft(this.call('copyDraft'), actor, fromId, opts);
  }
  copyCampaign(actor: StaffActor, campaignId: string, opts?: { years?: number }) {
    return drafts.copyCampaign(this.call('copyCampaign'), actor, campaignId, opts);
  }
  saveDraft(actor: StaffActor, id: string, yaml: string) {
    return drafts.saveDraft(this.call('saveDraft'), actor, id, yaml);
  }
  checkDraft(id: string) {
    return drafts.checkDraft(this.call('checkDraft'), id);
  }
  previewDraft(id: string, opts: { rehearse?: string }) {
    return drafts.previewDraft(this.call('previewDraft'), id, opts);
  }
  draftTimelineSvg(id: string, opts: { rehearse?: string }) {
    return drafts.draftTimelineSvg(this.call('draftTimelineSvg'), id, opts);
  }
  startDraft(actor: StaffActor, id: string, opts: { rehearse?: string }) {
    return drafts.startDraft(this.call('startDraft'), actor, id, opts);
  }
  stageUnitSheet(actor: StaffActor, id: string, file: { name: string; bytes: Buffer }) {
    return drafts.stageUnitSheet(this.call('stageUnitSheet'), actor, id, file);
  }
  importUnits(actor: StaffActor, id: string, opts: { dropBadRows?: boolean; confirmedRows?: number[] }) {
    return drafts.importPendingUnits(this.call('importUnits'), actor, id, opts);
  }
  cancelUnitImport(actor: StaffActor, id: string) {
    return drafts.cancelPendingImport(this.call('cancelUnitImport'), actor, id);
  }
}

const notUsed = () => Promise.reject(new Error('not used by the draft pages'));

/** A dashboard backend where only the draft methods answer: the campaign list is empty (a test may set it). */
export class DraftsOnlyBackend extends FakeDrafts implements SecretariatBackend {
  listCampaigns: SecretariatBackend['listCampaigns'] = async () => [];
  listSchedules: SecretariatBackend['listSchedules'] = async () => [];
  campaignUnits = notUsed;
  campaignStatus = notUsed;
  campaignTree = notUsed;
  unitStatus = notUsed;
  nominationVersions = notUsed;
  extend = notUsed;
  cancel = notUsed;
  remind = notUsed;
  reissueLink = notUsed;
  revokeLink = notUsed;
  temporalUiUrl = (id: string) => `http://ui.example/${id}`;
  synthesisStatus = notUsed;
  approveSynthesis = notUsed;
  returnSynthesis = notUsed;
  reviseSynthesis = notUsed;
  rebuildSynthesis = notUsed;
  synthesisFile = notUsed;
}

/** The unit portal's side, unused by the dashboard's draft pages. */
export const NO_UNITS: UnitWorkflows = {
  unitStatus: notUsed,
  campaignInfo: async () => undefined,
  submitFile: notUsed,
  submitNominations: notUsed,
  campaignEndedAt: async () => undefined,
};

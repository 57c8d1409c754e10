/**
 * What the draft operations share: their dependencies, the draft's "now", the path a draft is checked
 * as (`config/campaigns/<draft id>.yaml`, see `check.ts`), and reading a draft by id.
 */
import path from 'node:path';
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import type { CampaignDraft, CampaignDrafts } from '../../stores/campaign-drafts';
import type { StartOutcome, StartRequest } from '../campaigns';
import { AppError } from '../temporal-errors';

export interface DraftDeps {
  drafts: CampaignDrafts;
  /** `config/campaigns/`: the samples, and the folder a draft's attachments are read from. */
  samplesDir: string;
  /** The working calendar (the shipped holiday table). */
  calendar: () => WorkingCalendar;
  /** "Now" as an ISO instant: the past-deadline rule and a rehearsal's anchor. */
  now?: () => string;
  /** The CLI's start: `startCampaign(context, stores, req)` bound to the Temporal client and stores. */
  start: (req: StartRequest) => Promise<StartOutcome>;
  /**
   * The status of an earlier campaign with this id (Temporal's name, e.g. `COMPLETED`), undefined when
   * there is none: an id already used by a campaign that has ended is refused before the start (a
   * running one is left to the start, which says so and changes nothing).
   */
  campaignStatusOf?: (campaignId: string) => Promise<string | undefined>;
  /**
   * The definition an earlier campaign was started with (as stored at its start), undefined when no
   * campaign has that id: a new draft can be copied from it.
   */
  earlierDefinition?: (campaignId: string) => Promise<CampaignDefinition | undefined>;
}

export const nowOf = (deps: DraftDeps) => (deps.now ?? (() => new Date().toISOString()))();

/** The path a draft is checked as: its attachments are read beside it, in the samples' folder. */
export const draftFile = (deps: DraftDeps, id: string) => path.join(deps.samplesDir, `${id}.yaml`);

export async function draftOf(deps: DraftDeps, id: string): Promise<CampaignDraft> {
  const draft = await deps.drafts.get(id);
  if (!draft) throw new AppError('not-found', { operation: 'edit-draft', value: id });
  return draft;
}

/**
 * What the awards page and the units' portal ask of the awards phase (issue 14), behind one interface
 * so that the HTTP layer is tested without Temporal. The Temporal implementation calls the use cases
 * of `app/awards.ts`, the same code as the CLI; each use case checks the actor's role itself too.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
  awardFile,
  awardResultsForUnit,
  awardsStatus,
  castVote,
  closeVote,
  issueDecision,
  recordWrittenVote,
} from '../../app/awards';
import type { AppContext } from '../../app/context';
import type { StaffActor } from '../../app/roles';
import { REPO_ROOT } from '../../config/settings';
import type {
  AuthorityLevel,
  AwardCatalogue,
  AwardForm,
  AwardNominationState,
  AwardsStatusView,
  CastVoteInput,
} from '../../domain/award-types';
import type { NomineeType } from '../../domain/workflow-types';

export type AwardFileKind = 'minutes' | 'decision' | 'proposal' | 'statistics';

/** One nominee of a unit as its portal page shows it (only after the decision). */
export interface UnitAwardResult {
  name: string;
  type: NomineeType;
  proposedForm: string;
  state: AwardNominationState;
  awardedForm?: string;
}

export interface AwardsBackend {
  /** The vote as `actor` may see it: before the vote closes, `votes` holds only the actor's own. */
  status(campaignId: string, actor: StaffActor): Promise<AwardsStatusView>;
  /** The forms the select offers (those of the nominee's kind in force on the day its dossier was received). */
  catalogue(): Promise<AwardCatalogue>;
  castVote(
    campaignId: string,
    actor: StaffActor,
    vote: Omit<CastVoteInput, 'member' | 'recordedBy'>,
  ): Promise<AwardsStatusView>;
  recordWrittenVote(
    campaignId: string,
    actor: StaffActor,
    vote: Omit<CastVoteInput, 'recordedBy'>,
  ): Promise<AwardsStatusView>;
  closeVote(campaignId: string, actor: StaffActor): Promise<AwardsStatusView>;
  issueDecision(
    campaignId: string,
    actor: StaffActor,
    decision: { number: string; date: string },
  ): Promise<AwardsStatusView>;
  file(campaignId: string, which: AwardFileKind): Promise<{ name: string; bytes: Buffer; contentType: string }>;
  /**
   * A unit's results with the decision that conferred them; undefined before the decision (or when
   * the campaign has no awards phase).
   */
  unitResults(
    campaignId: string,
    unitId: string,
  ): Promise<{ decision: { number: string; date: string }; results: UnitAwardResult[] } | undefined>;
}

/** Where the catalogue of forms is kept (`config/award-forms.yaml`, award-rules' file). */
export const AWARD_CATALOGUE_FILE = path.join(REPO_ROOT, 'config', 'award-forms.yaml');

/**
 * The catalogue as the file has it, for the dashboard's select only (the workflow checks every vote
 * against the validated catalogue): award-rules' validated loader replaces this at merge. No file
 * yet: no forms, and the select offers the form matched for each nomination.
 */
export function readAwardCatalogueFile(file = AWARD_CATALOGUE_FILE): AwardCatalogue {
  if (!fs.existsSync(file)) return { forms: [] };
  const data = YAML.parse(fs.readFileSync(file, 'utf8')) as Partial<AwardCatalogue> | null;
  // Only entries with the contract's shape: a form the select cannot read is left out, not a crash.
  // The file writes a form for both kinds as `nominee: [collective, individual]` (the loader's `nominees`).
  const forms = (Array.isArray(data?.forms) ? data.forms : []) as Array<
    Omit<AwardForm, 'nominee'> & { nominee: NomineeType | NomineeType[] }
  >;
  return {
    forms: forms
      .filter((f) => typeof f?.code === 'string' && typeof f.name === 'string' && Array.isArray(f.rules))
      .map((f) => ({
        ...(Array.isArray(f.nominee) ? { ...f, nominee: f.nominee[0], nominees: f.nominee } : f),
        // A later period written without `conferredBy` keeps the one before it, as the file's loader reads it.
        rules: f.rules.map((r, i) => ({ ...r, conferredBy: r.conferredBy ?? lastConferredBy(f.rules, i) })),
      })) as AwardForm[],
  };
}

function lastConferredBy(rules: AwardForm['rules'], before: number): AuthorityLevel {
  return rules
    .slice(0, before)
    .reverse()
    .find((r) => r.conferredBy)?.conferredBy as AuthorityLevel;
}

export class TemporalAwardsBackend implements AwardsBackend {
  private loaded?: AwardCatalogue;

  constructor(
    private readonly s: AppContext,
    private readonly loadCatalogue: () => AwardCatalogue = readAwardCatalogueFile,
  ) {}

  status(campaignId: string, actor: StaffActor): Promise<AwardsStatusView> {
    return awardsStatus(this.s, campaignId, actor);
  }

  async catalogue(): Promise<AwardCatalogue> {
    return (this.loaded ??= this.loadCatalogue());
  }

  castVote(campaignId: string, actor: StaffActor, vote: Omit<CastVoteInput, 'member' | 'recordedBy'>) {
    return castVote(this.s, campaignId, actor, vote);
  }

  recordWrittenVote(campaignId: string, actor: StaffActor, vote: Omit<CastVoteInput, 'recordedBy'>) {
    return recordWrittenVote(this.s, campaignId, actor, vote);
  }

  closeVote(campaignId: string, actor: StaffActor): Promise<AwardsStatusView> {
    return closeVote(this.s, campaignId, actor);
  }

  issueDecision(campaignId: string, actor: StaffActor, decision: { number: string; date: string }) {
    return issueDecision(this.s, campaignId, actor, decision);
  }

  file(campaignId: string, which: AwardFileKind) {
    return awardFile(this.s, campaignId, which);
  }

  async unitResults(campaignId: string, unitId: string) {
    const results = await awardResultsForUnit(this.s, campaignId, unitId);
    if (results.length === 0) return undefined;
    // The decision's number and date only: the view's other units' nominations stay on the server.
    const decision = (await awardsStatus(this.s, campaignId)).decision;
    return decision ? { decision: { number: decision.number, date: decision.date }, results } : undefined;
  }
}

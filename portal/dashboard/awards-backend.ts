/**
 * What the awards page and the units' portal ask of the awards phase (issue 14), behind one interface
 * so that the HTTP layer is tested without Temporal. The Temporal implementation calls the use cases
 * of `app/awards.ts`, the same code as the CLI; each use case checks the actor's role itself too.
 */
import {
  awardFile,
  awardResultsForUnit,
  awardsStatus,
  castVote,
  castVoteSheet,
  closeVote,
  issueDecision,
  recordWrittenSheet,
  recordWrittenVote,
  type AwardsViewPart,
} from '../../app/awards';
import { yearAwardStatistics, type YearAwardStatistics } from '../../app/award-statistics';
import type { AppContext } from '../../app/context';
import type { StaffActor } from '../../app/roles';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import type {
  AwardCatalogue,
  AwardsStatusView,
  CastVoteInput,
  VoteSheetLine,
  VoteSheetResult,
} from '../../domain/award-types';
import type { AwardUnitResult } from '../../domain/award-workflow-types';

export type AwardFileKind = 'minutes' | 'decision' | 'proposal' | 'statistics';

/** One nominee of a unit as its portal page shows it (only after the decision). */
export type UnitAwardResult = AwardUnitResult;

export interface AwardsBackend {
  /**
   * The claim check's threshold of the portal's settings (`THIDUA_CLAIM_CHECK_BYTES`, the one its data
   * converter encodes with; 0: off): a sheet file is read with the bounds it allows, as the CLI does.
   */
  readonly claimCheckBytes: number;
  /**
   * The vote as `actor` may see it: before the vote closes, `votes` holds only the actor's own. With
   * `part`, the page of nominations the dashboard shows (issue 17) and the counts of all.
   */
  status(campaignId: string, actor: StaffActor, part?: AwardsViewPart): Promise<AwardsStatusView>;
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
  /** The member's (the actor's) votes on many nominations in one update: all recorded or none. */
  castVoteSheet(campaignId: string, actor: StaffActor, votes: VoteSheetLine[]): Promise<VoteSheetResult>;
  /** An absent member's written sheet, recorded by the clerk. */
  recordWrittenSheet(
    campaignId: string,
    actor: StaffActor,
    member: string,
    votes: VoteSheetLine[],
  ): Promise<VoteSheetResult>;
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
  /** The counts by form across the campaigns whose award decision is dated in `year` (`/admin/thong-ke`). */
  yearStatistics(year: number): Promise<YearAwardStatistics>;
}

export class TemporalAwardsBackend implements AwardsBackend {
  private loaded?: AwardCatalogue;

  constructor(
    private readonly s: AppContext,
    private readonly loadCatalogue: () => AwardCatalogue = () => loadAwardCatalogue(),
  ) {}

  get claimCheckBytes(): number {
    return this.s.settings.claimCheckBytes;
  }

  status(campaignId: string, actor: StaffActor, part?: AwardsViewPart): Promise<AwardsStatusView> {
    return awardsStatus(this.s, campaignId, actor, part);
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

  castVoteSheet(campaignId: string, actor: StaffActor, votes: VoteSheetLine[]) {
    return castVoteSheet(this.s, campaignId, actor, votes);
  }

  recordWrittenSheet(campaignId: string, actor: StaffActor, member: string, votes: VoteSheetLine[]) {
    return recordWrittenSheet(this.s, campaignId, actor, member, votes);
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
    const decision = (await awardsStatus(this.s, campaignId, undefined, { unitId, withVotes: false })).decision;
    return decision ? { decision: { number: decision.number, date: decision.date }, results } : undefined;
  }

  async yearStatistics(year: number): Promise<YearAwardStatistics> {
    return yearAwardStatistics(this.s, year, await this.catalogue());
  }
}

/**
 * The awards phase's contract, shared by the catalogue (`config/award-forms.yaml`, read by
 * `domain/award-catalogue.ts`), the council's vote (the awards workflow and its activities), the
 * documents (`documents/award-docs.ts`: minutes, decision, proposal to the higher level), the use
 * cases (`app/awards.ts`), the dashboard, the units' portal and the CLI. Pure types.
 *
 * When the conference has ended, the campaign starts the child `campaign/<id>/awards`. It gathers
 * the units' nominations, checks each against the catalogue's rule in force on the day its dossier
 * was received, marks those beyond the campaign's authority "đề nghị cấp trên" (a proposal goes up),
 * and opens the council's vote with its deadline, reminders to members who have not voted and
 * escalation to the chair. No member sees others' votes until the vote closes. After it closes the
 * minutes are built; the clerk enters the decision's number and date, the decision is built, units
 * are notified and their portal pages show the results; the campaign closes.
 */
import type { DocumentStyle, OfficialHeader } from './synthesis-types';
import type { DeadlineSchedule } from './timeline-types';
import type { FileRef, NomineeType } from './workflow-types';

export const awardsWorkflowId = (campaignId: string): string => `campaign/${campaignId}/awards`;

// ---- the catalogue ------------------------------------------------------------------------------

/**
 * Who confers a form, lowest first. A campaign's authority (`awards.authority` in its file) is one
 * of these; a form conferred above it is proposed to the higher level.
 */
export const AUTHORITY_LEVELS = ['unit-head', 'ministry-province', 'prime-minister', 'president'] as const;
export type AuthorityLevel = (typeof AUTHORITY_LEVELS)[number];
export const AUTHORITY_LEVEL_NAMES: Record<AuthorityLevel, string> = {
  'unit-head': 'Thủ trưởng cơ quan, đơn vị',
  'ministry-province': 'Bộ trưởng, Chủ tịch UBND cấp tỉnh',
  'prime-minister': 'Thủ tướng Chính phủ',
  president: 'Chủ tịch nước',
};

/** A legal text a rule rests on, with the dates it is in force. */
export interface LegalBasis {
  /** "Luật Thi đua, khen thưởng số 06/2022/QH15", "Nghị định 152/2025/NĐ-CP". */
  document: string;
  /** "Điều 26", "khoản 2 Điều 7". */
  article?: string;
  /** In force from (ISO date, inclusive). */
  from: string;
  /** In force until (ISO date, exclusive), when replaced. */
  until?: string;
  /** false when the detail could not be checked against a published text (shown as "chưa đối chiếu"). */
  confirmed: boolean;
  note?: string;
}

/** A criterion the data can check, or one the council judges (shown to members, not checked). */
export type AwardCriterion =
  /** The nominee held `form` for at least `years` consecutive years before (from the nomination's history). */
  | {
      kind: 'prior-titles';
      form: string;
      years: number;
      text: string;
      /** Forms that count as `form` here (a Bằng khen of a ministry or of a province). */
      alsoForms?: string[];
    }
  /** At most `percent` % of the campaign's collectives or individuals may get this form. */
  | { kind: 'share-cap'; percent: number; of: NomineeType; text: string }
  | { kind: 'judged'; text: string };

/** How the council decides a form: the share of all members (or of those voting) that must approve. */
export interface VoteRule {
  /** Members who must take part for the vote to count, as a fraction of all members (e.g. 2/3 → 0.6667). */
  quorum: number;
  /** Approvals needed, as a fraction of `of`. */
  threshold: number;
  of: 'all-members' | 'voting-members';
  ballot: 'secret' | 'open';
  /** Approvals must exceed the threshold, not just reach it ("more than half"). */
  strict?: boolean;
}

/** One version of a form's rule, in force over a period (a dossier is judged by the rule in force on the day it was received). */
export interface AwardRule {
  from: string;
  until?: string;
  conferredBy: AuthorityLevel;
  criteria: AwardCriterion[];
  vote: VoteRule;
  basis: LegalBasis[];
}

export interface AwardForm {
  /** Stable code: `cstdcs`, `bang-khen-bo`, `co-thi-dua-cp`… */
  code: string;
  /** As documents write it: "Chiến sĩ thi đua cơ sở". */
  name: string;
  /** Danh hiệu thi đua or hình thức khen thưởng. */
  category: 'emulation-title' | 'commendation';
  nominee: NomineeType;
  /** When both collectives and individuals may receive it (Bằng khen, Huân chương): both, `nominee` first. */
  nominees?: NomineeType[];
  /** Other wordings units use for it ("CSTĐCS", "Bằng khen UBND tỉnh"), matched by `matchForm`. */
  aliases?: string[];
  rules: AwardRule[];
}

export interface AwardCatalogue {
  forms: AwardForm[];
}

/** The outcome of checking one nomination against the rule in force (pure, `domain/award-catalogue.ts`). */
export interface NominationCheck {
  /** The form matched from the unit's wording ("Bằng khen của UBND tỉnh" → `bang-khen-tinh`); absent when none matches. */
  formCode?: string;
  /** The rule's period that applied (by the day the dossier was received). */
  ruleFrom?: string;
  /** Within the campaign's authority, or proposed to the higher level. */
  route: 'council' | 'higher-level' | 'unknown-form';
  /** Criteria the data shows unmet, in Vietnamese ("chưa đủ 2 năm liên tục Chiến sĩ thi đua cơ sở"). */
  unmet: string[];
  /** Criteria for the council to judge, as the catalogue words them. */
  judged: string[];
}

// ---- the council's vote ---------------------------------------------------------------------------

export interface CouncilMember {
  /** The dashboard account's name (role `council`). */
  account: string;
  name: string;
  email: string;
  /** The member's own unit, when they come from one: they are recused from its nominations. */
  unitId?: string;
  chair?: boolean;
}

export type VoteChoice = 'approve' | 'reject' | 'abstain';

export interface Vote {
  member: string;
  nominationId: string;
  choice: VoteChoice;
  /** The form approved (may differ from the one proposed, e.g. a lower one). */
  formCode?: string;
  reason?: string;
  /** A written vote of an absent member, recorded by the clerk. */
  recordedBy?: string;
  at: string;
}

export type AwardNominationState = 'in-vote' | 'higher-level' | 'approved' | 'rejected' | 'no-quorum';

export interface AwardNominationView {
  /** `<unitId>/<index>` — stable within the campaign. */
  id: string;
  unitId: string;
  unitName: string;
  type: NomineeType;
  name: string;
  position?: string;
  /** As the unit wrote it. */
  proposedForm: string;
  reasons: string;
  /** When the unit's dossier was received, ISO instant. */
  receivedAt: string;
  check: NominationCheck;
  state: AwardNominationState;
  /** Members recused (from the nominated unit). */
  recused: string[];
  /** After the vote closes only: the counts, and the form conferred when approved. */
  tally?: { approve: number; reject: number; abstain: number; notVoted: number; eligible: number };
  awardedForm?: string;
  /** Set when the vote approved but the form's share cap was already reached: the state is then `rejected`. */
  capped?: ShareCapHit;
}

/** A share cap that turned an approval down: at most `percent` % of `base` nominees of that kind, i.e. `cap`. */
export interface ShareCapHit {
  percent: number;
  of: NomineeType;
  base: number;
  cap: number;
}

export type AwardsState = 'voting' | 'closed' | 'decided' | 'cancelled';

export interface AwardsStatusView {
  campaignId: string;
  state: AwardsState;
  authority: AuthorityLevel;
  /** `voted` of the `toVote` nominations the member votes on (all those in the vote, less the recused). */
  members: Array<Omit<CouncilMember, 'email'> & { voted: number; toVote: number }>;
  nominations: AwardNominationView[];
  deadline?: string;
  deadlineLocal?: string;
  /** Votes, only once the vote has closed (the use cases give a member their own before that). */
  votes?: Vote[];
  minutes?: FileRef;
  decision?: { number: string; date: string; file: FileRef; by: string; at: string };
  proposal?: FileRef;
  /** The statistics by form (`.xlsx`), once the decision is issued. */
  statistics?: FileRef;
  /** Why the vote closed: at the lock, or early by the chair (who, when). */
  closed?: { at: string; by: string };
  remindersSent: number;
  escalationsSent: number;
  /**
   * Only when the query asked for a part of the nominations ({@link AwardsStatusQuery}): which page of
   * how many nominations matched; `nominations` (and `votes`) hold that page only.
   */
  page?: AwardsPage;
  /** With a page: every nomination counted by state (the page holds only some). */
  counts?: Record<AwardNominationState, number>;
}

export interface AwardsPage {
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Nominations matching the filter (all, without one). */
  total: number;
  pages: number;
}

/**
 * What the status query may be asked (issue 17: a 10,000-nomination view weighs ~5.5 MB without votes).
 * Every field optional: without `page`, `unitId` or `toVoteBy` the whole view, as before (old callers).
 */
export interface AwardsStatusQuery {
  /** Before the close, this member's own votes (on the page's nominations when paged). */
  member?: string;
  /** 1-based; with {@link AwardsStatusQuery.pageSize} (at most `MAX_AWARDS_PAGE_SIZE`). */
  page?: number;
  pageSize?: number;
  /** Only this unit's nominations (its portal's results). */
  unitId?: string;
  /** Only the nominations this council member still has to vote on (in vote, not recused, no vote yet). */
  toVoteBy?: string;
  /** False: no votes in the answer (statistics, the CLI's report read nominations only). */
  withVotes?: boolean;
}

export interface CastVoteInput {
  member: string;
  nominationId: string;
  choice: VoteChoice;
  formCode?: string;
  reason?: string;
  recordedBy?: string;
}

/** One line of a member's vote sheet: a vote on one nomination (as {@link CastVoteInput} without the member). */
export interface VoteSheetLine {
  nominationId: string;
  choice: VoteChoice;
  formCode?: string;
  reason?: string;
}

/**
 * A member's votes on many nominations in one update (issue 17): the history grows by sheets, not by
 * votes. All lines are recorded, or none (a wrong line refuses the whole sheet, naming each wrong line).
 */
export interface CastVoteSheetInput {
  member: string;
  votes: VoteSheetLine[];
  /** A written sheet of an absent member, recorded by the clerk. */
  recordedBy?: string;
}

/**
 * The answer to a sheet, narrowed: the member's progress and the sheet's nominations (their ids), never
 * the whole view nor the votes echoed — each answer stays in the history (issue 17).
 */
export interface VoteSheetResult {
  campaignId: string;
  state: AwardsState;
  member: { account: string; name: string; voted: number; toVote: number };
  /** The lines recorded (issue 17: the count, not the ids, stays in the history). */
  lines?: number;
  /** The nominations this sheet voted on, in sheet order: answers recorded before `awards-sheet-answers-count`. */
  nominations?: string[];
}

export interface CloseVoteInput {
  by: string;
}

export interface IssueDecisionInput {
  /** The decision's number as written ("125/QĐ-UBND"). */
  number: string;
  /** ISO date of the decision. */
  date: string;
  by: string;
}

/** What the campaign gives its awards child (instants compiled by the client). */
export interface AwardsWorkflowInput {
  campaignId: string;
  planNumber: string;
  title: string;
  definitionRef: string;
  phaseName: string;
  timeZone: string;
  authority: AuthorityLevel;
  council: CouncilMember[];
  /** The vote's deadline: reminders to members who have not voted, escalation to the chair. */
  vote?: DeadlineSchedule;
  /** The header of the decision and minutes (the awarding body's). */
  header: OfficialHeader;
}

// ---- the documents (documents/award-docs.ts builds them; pure, deterministic bytes) ----------------

export interface AwardDocsInput {
  header: OfficialHeader;
  style: DocumentStyle;
  campaignTitle: string;
  planReference: string;
  council: CouncilMember[];
  nominations: AwardNominationView[];
  catalogue: AwardCatalogue;
  /** When the vote closed / the document is dated, ISO. */
  at: string;
  decision?: { number: string; date: string };
}

/**
 * What the awards workflow and its activities exchange (beside the shared contract
 * `award-types.ts`): the gathered nominations with the catalogue as data, the documents' requests and
 * the messages' requests. Pure types.
 */
import type {
  AuthorityLevel,
  AwardCatalogue,
  AwardNominationState,
  AwardNominationView,
  CouncilMember,
  ShareCapHit,
} from './award-types';
import type { OfficialHeader } from './synthesis-types';
import type { FileRef, NomineeType } from './workflow-types';

export interface GatherAwardsInput {
  campaignId: string;
  definitionRef: string;
  authority: AuthorityLevel;
  council: CouncilMember[];
}

export interface GatheredAwards {
  nominations: AwardNominationView[];
  /** The catalogue as loaded when the vote opened: the workflow checks votes against it. */
  catalogue: AwardCatalogue;
  /** The bases of share caps: the campaign's units, and the individuals nominated. */
  collectives: number;
  individuals: number;
  /**
   * The claim check's threshold of the worker that gathered (its setting; 0 or absent: off): the vote
   * sheets' budget counts a sheet above it as a reference (issue 17). Recorded with the gathering, so
   * a replay reads the same; a vote gathered before it has today's bounds.
   */
  claimCheckBytes?: number;
}

export interface BuildAwardDocsRequest {
  campaignId: string;
  definitionRef: string;
  header: OfficialHeader;
  council: CouncilMember[];
  nominations: AwardNominationView[];
  catalogue: AwardCatalogue;
  /** Workflow time: the documents' date, so that a retry builds the same bytes. */
  at: string;
  decision?: { number: string; date: string };
}

export type AwardMailKind = 'vote-open' | 'vote-reminder' | 'vote-escalation' | 'vote-closed' | 'decision-issued';

export interface AwardMailInput {
  campaignId: string;
  definitionRef: string;
  /** Idempotency key (the Message-ID is made from it): a retry never sends twice. */
  key: string;
  kind: AwardMailKind;
  to: Array<{ name: string; email: string }>;
  cc?: Array<{ name: string; email: string }>;
  deadline?: string;
  /** Members who have not voted on everything (reminder, escalation). */
  missing?: string[];
  step?: number;
  after?: string;
  counts?: { approved: number; rejected: number; noQuorum: number; higher: number; inVote: number };
  decision?: { number: string; date: string };
  files?: FileRef[];
}

export interface AwardUnitResult {
  name: string;
  type: NomineeType;
  proposedForm: string;
  state: AwardNominationState;
  awardedForm?: string;
  /** The vote approved, but the form's share cap was already reached. */
  capped?: ShareCapHit;
}

export interface AwardUnitMailInput {
  campaignId: string;
  definitionRef: string;
  key: string;
  unitId: string;
  decision: { number: string; date: string };
  results: AwardUnitResult[];
}

/**
 * One page of the units' result letters after the decision (issue 17): one activity for up to
 * {@link AWARD_LETTERS_PER_PAGE} units instead of one per unit, so the awards history grows by pages.
 */
export interface AwardUnitsPageInput {
  campaignId: string;
  definitionRef: string;
  /** Each letter's idempotency key is `keyPrefix + unitId`: the same as a one-letter activity's. */
  keyPrefix: string;
  decision: { number: string; date: string };
  units: Array<{ unitId: string; results: AwardUnitResult[] }>;
}

export interface AwardUnitsPageResult {
  /** Letters sent by this activity (any attempt). */
  sent: number;
  /** Letters found in the sent log (sent before, e.g. by an attempt that died before its heartbeat). */
  alreadySent: number;
  /** Units whose letter was refused for good (or had no address): told to the secretariat by the log. */
  notSent: string[];
}

/** Units per page of result letters: ~200 × a unit's results stays far below the 512 KiB payload warning. */
export const AWARD_LETTERS_PER_PAGE = 200;

export interface AwardMailResult {
  sent: boolean;
  reason?: 'already-sent' | 'undeliverable' | 'no-recipients';
  messageId: string;
  recipients: string[];
}

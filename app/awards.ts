/**
 * The awards use cases, written once for the dashboard and the CLI: read the vote (a member sees only
 * their own votes until it closes), vote (one nomination, or a sheet of many in one update), record an
 * absent member's written vote or sheet, close the vote,
 * issue the decision (its number unused by another campaign's decision), a unit's results, a file.
 * Each states the role it needs ({@link requireRole}) and refuses, changing nothing, without it.
 */
import path from 'node:path';
import {
  awardsWorkflowId,
  type AwardNominationView,
  type AwardsStatusQuery,
  type AwardsStatusView,
  type CastVoteInput,
  type VoteSheetLine,
  type VoteSheetResult,
} from '../domain/award-types';
import { isNarrowed, narrowView } from '../domain/award-view';
import { unitResultOf } from '../domain/award-vote';
import { MAX_AWARDS_PAGE_SIZE } from '../domain/scale-limits';
import type { AwardUnitResult } from '../domain/award-workflow-types';
import { FileDecisionNumbers, type DecisionNumbers } from '../stores/decision-numbers';
import { FileReportStore, type ReportStore } from '../stores/report-store';
import {
  castVote as castUpdate,
  castVoteSheet as sheetUpdate,
  closeVote as closeUpdate,
  getAwardsStatus,
  issueDecision as decisionUpdate,
} from '../workflows/awards';
import { withUpdate, withWorker, type AppContext } from './context';
import { actorLabel, requireRole, type StaffActor } from './roles';
import { AppError, type Operation } from './temporal-errors';

/** The stores beside the report store (the data folder), unless a caller gives its own (tests, a deployment). */
export interface AwardStores {
  reports?: ReportStore;
  decisionNumbers?: DecisionNumbers;
}

const handle = (s: AppContext, campaignId: string) => s.client.workflow.getHandle(awardsWorkflowId(campaignId));

/** What a caller may narrow the view to (the member is the actor's own, set here). */
export type AwardsViewPart = Omit<AwardsStatusQuery, 'member'>;

/**
 * The vote's view. Before the vote closes, `votes` holds only the actor's own (a council member's);
 * none for anyone else. With `part` (a page, a unit, what the actor has left to vote on), a page of
 * the nominations and the counts of all (issue 17: the whole view of 10,000 is ~5.5 MB, with the votes
 * after the close ~17 MB). Role: any staff (or none: the CLI's read).
 */
export async function awardsStatus(
  s: AppContext,
  campaignId: string,
  actor?: StaffActor,
  part?: AwardsViewPart,
): Promise<AwardsStatusView> {
  const member = actor?.roles.includes('council') ? actor.login : undefined;
  // What is left to vote on is one's own: before the close, another member's would tell their progress by nomination.
  const { toVoteBy, ...rest } = part ?? {};
  const q: AwardsStatusQuery = {
    ...rest,
    ...(member ? { member } : {}),
    ...(toVoteBy !== undefined && toVoteBy === member ? { toVoteBy } : {}),
  };
  const view = await withWorker(s, 'read-awards', () => handle(s, campaignId).query(getAwardsStatus, q)).catch(
    (err: unknown) => {
      throw withCampaign(err, campaignId);
    },
  );
  // The workflow already filters; this keeps the rule here too, whatever the workflow's version.
  const own =
    view.state === 'voting' && view.votes
      ? { ...view, votes: member ? view.votes.filter((v) => v.member === member) : [] }
      : view;
  // A worker from before the narrowed query answers whole: the page is cut here.
  if (isNarrowed(q) && !own.page) return narrowView(own, q);
  if (q.withVotes === false && own.votes) return { ...own, votes: undefined };
  return own;
}

/** The first page of nominations without votes: also what a caller reads the state and decision from. */
export const firstNominationsPage = (s: AppContext, campaignId: string): Promise<AwardsStatusView> =>
  awardsStatus(s, campaignId, undefined, { page: 1, pageSize: MAX_AWARDS_PAGE_SIZE, withVotes: false });

/**
 * Every nomination of the vote, read in pages (each answer within a page's bytes) and without votes:
 * for the statistics and the report, which count them all. `first`: the first page, when the caller
 * read it already. Read again if the vote changed state between pages (a tally between two reads
 * would mix the states). Role: any staff.
 */
export async function awardNominations(
  s: AppContext,
  campaignId: string,
  first?: AwardsStatusView,
): Promise<{ view: AwardsStatusView; nominations: AwardNominationView[] }> {
  for (let attempt = 0; ; attempt++) {
    const head = attempt === 0 && first ? first : await firstNominationsPage(s, campaignId);
    const nominations = [...head.nominations];
    let changed = false;
    for (let page = 2; page <= (head.page?.pages ?? 1); page++) {
      const next = await awardsStatus(s, campaignId, undefined, {
        page,
        pageSize: MAX_AWARDS_PAGE_SIZE,
        withVotes: false,
      });
      if (next.state !== head.state) changed = true;
      nominations.push(...next.nominations);
    }
    if (!changed || attempt >= 2) return { view: { ...head, nominations, page: undefined }, nominations };
  }
}

/** A council member's own vote (the member is the actor's account). Role: council. */
export async function castVote(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  vote: Omit<CastVoteInput, 'member' | 'recordedBy'>,
): Promise<AwardsStatusView> {
  requireRole(actor, 'council', 'cast-vote');
  const view = await update(s, 'cast-vote', campaignId, () =>
    handle(s, campaignId).executeUpdate(castUpdate, { args: [{ ...vote, member: actor.login }] }),
  );
  return ownVotesOnly(view, actor.login);
}

/** An absent member's written vote, recorded by the clerk (who is named on it). Role: clerk. */
export async function recordWrittenVote(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  vote: Omit<CastVoteInput, 'recordedBy'>,
): Promise<AwardsStatusView> {
  requireRole(actor, 'clerk', 'cast-vote');
  const view = await update(s, 'cast-vote', campaignId, () =>
    handle(s, campaignId).executeUpdate(castUpdate, { args: [{ ...vote, recordedBy: actorLabel(actor) }] }),
  );
  // The clerk records; the clerk does not read the member's other votes before the close.
  return view.state === 'voting' ? { ...view, votes: [] } : view;
}

/**
 * A council member's own vote sheet: many nominations in one update, all recorded or none (the refusal
 * names each wrong line). The answer is narrowed: the member's progress and the sheet's nominations.
 * Role: council.
 */
export async function castVoteSheet(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  votes: VoteSheetLine[],
): Promise<VoteSheetResult> {
  requireRole(actor, 'council', 'cast-vote');
  return update(s, 'cast-vote', campaignId, () =>
    handle(s, campaignId).executeUpdate(sheetUpdate, { args: [{ member: actor.login, votes }] }),
  );
}

/** An absent member's written sheet, recorded by the clerk (who is named on each vote). Role: clerk. */
export async function recordWrittenSheet(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  member: string,
  votes: VoteSheetLine[],
): Promise<VoteSheetResult> {
  requireRole(actor, 'clerk', 'cast-vote');
  return update(s, 'cast-vote', campaignId, () =>
    handle(s, campaignId).executeUpdate(sheetUpdate, { args: [{ member, votes, recordedBy: actorLabel(actor) }] }),
  );
}

/**
 * Closes the vote (the chair's act): early once every member voted, or after the deadline; otherwise
 * it closes at the lock by itself. Role: approver.
 */
export async function closeVote(s: AppContext, campaignId: string, actor: StaffActor): Promise<AwardsStatusView> {
  requireRole(actor, 'approver', 'close-vote');
  return update(s, 'close-vote', campaignId, () =>
    handle(s, campaignId).executeUpdate(closeUpdate, { args: [{ by: actorLabel(actor) }] }),
  );
}

/**
 * Records the decision's number and date (the decision and statistics are then built and units told).
 * Refused when another campaign's decision has the same number in the same year. Role: clerk.
 */
export async function issueDecision(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  decision: { number: string; date: string },
  stores: AwardStores = {},
): Promise<AwardsStatusView> {
  requireRole(actor, 'clerk', 'issue-decision');
  const numbers = stores.decisionNumbers ?? new FileDecisionNumbers(s.settings.dataDir);
  const number = decision.number.trim();
  const entry = { number, date: decision.date, campaignId };
  // Claimed before the update, so that a second clerk issuing the same number meanwhile is refused.
  const claim = number ? await numbers.claim(entry) : undefined;
  if (claim && claim.held.campaignId !== campaignId) {
    throw new AppError('invalid', {
      operation: 'issue-decision',
      input: 'decision-number',
      value: `${claim.held.number}|${claim.held.campaignId}`,
      campaignId,
    });
  }
  let view: AwardsStatusView;
  try {
    view = await update(s, 'issue-decision', campaignId, () =>
      handle(s, campaignId).executeUpdate(decisionUpdate, {
        args: [{ number, date: decision.date, by: actorLabel(actor) }],
      }),
    );
  } catch (err) {
    // Refused for sure: the number was not used, so it is free again (unless held before). An update
    // sent and not answered may still apply: the claim stays.
    if (claim?.created && err instanceof AppError && err.nothingChanged) await numbers.release(entry);
    throw err;
  }
  return view;
}

/** One unit's results, for its portal page: only once the decision is issued (none before). */
export async function awardResultsForUnit(
  s: AppContext,
  campaignId: string,
  unitId: string,
): Promise<AwardUnitResult[]> {
  // The unit's page only: the other units' nominations stay on the server.
  const view = await awardsStatus(s, campaignId, undefined, { unitId, withVotes: false });
  if (view.state !== 'decided') return [];
  return view.nominations.filter((n) => n.unitId === unitId).map(unitResultOf);
}

/** A file of the awards (minutes, decision, proposal upwards, statistics), once it exists. */
export async function awardFile(
  s: AppContext,
  campaignId: string,
  which: 'minutes' | 'decision' | 'proposal' | 'statistics',
  stores: AwardStores = {},
): Promise<{ name: string; bytes: Buffer; contentType: string }> {
  // The files' references only: the first page, no votes.
  const view = await awardsStatus(s, campaignId, undefined, { page: 1, pageSize: 1, withVotes: false });
  const ref =
    which === 'minutes'
      ? view.minutes
      : which === 'decision'
        ? view.decision?.file
        : which === 'proposal'
          ? view.proposal
          : view.statistics;
  if (!ref) throw new AppError('not-found', { operation: 'read-awards', campaignId });
  const reports = stores.reports ?? new FileReportStore(path.join(s.settings.dataDir, 'reports'));
  try {
    return { name: ref.name, bytes: await reports.get(ref.sha256), contentType: ref.contentType };
  } finally {
    if (!stores.reports) reports.close();
  }
}

function ownVotesOnly(view: AwardsStatusView, login: string): AwardsStatusView {
  return view.state === 'voting' ? { ...view, votes: (view.votes ?? []).filter((v) => v.member === login) } : view;
}

function update<T>(s: AppContext, operation: Operation, campaignId: string, fn: () => Promise<T>): Promise<T> {
  return withUpdate(s, operation, awardsWorkflowId(campaignId), fn).catch((err: unknown) => {
    throw withCampaign(err, campaignId);
  });
}

/** Adds the campaign id to an {@link AppError}'s facts (messages name it). */
function withCampaign(err: unknown, campaignId: string): unknown {
  if (err instanceof AppError && !err.facts.campaignId) {
    return new AppError(err.code, { ...err.facts, campaignId }, { cause: err.cause ?? err });
  }
  return err;
}

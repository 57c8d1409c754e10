/**
 * The awards workflow's status view (its query's answer, and what its updates answer) and the counts
 * its mails carry, built from the workflow's state. Pure: no commands, so moving it out of
 * `awards.ts` changed nothing the workflow records.
 */
import type {
  AuthorityLevel,
  AwardNominationView,
  AwardsState,
  AwardsStatusQuery,
  AwardsStatusView,
  AwardsWorkflowInput,
  CouncilMember,
  Vote,
} from '../domain/award-types';
import { memberProgress } from '../domain/award-vote';
import { isNarrowed, narrowView } from '../domain/award-view';

/** What the phase has produced so far: documents, the close, the messages sent. */
export type AwardsOutcome = Pick<
  AwardsStatusView,
  'minutes' | 'decision' | 'proposal' | 'statistics' | 'closed' | 'remindersSent' | 'escalationsSent'
>;

/** The workflow's state the view reads, as it is at the query's moment. */
export interface AwardsStatusParts {
  campaignId: string;
  authority: AuthorityLevel;
  council: CouncilMember[];
  schedule: AwardsWorkflowInput['vote'];
  state: AwardsState;
  nominations: AwardNominationView[];
  votes: Vote[];
}

/**
 * The full view; before the close, votes only of `member` when given. With a page, a unit or
 * `toVoteBy`, a page of the nominations and the counts of all (`narrowView`).
 */
export function awardsStatusView(
  p: AwardsStatusParts,
  o: AwardsOutcome,
  member?: string,
  q: AwardsStatusQuery = {},
): AwardsStatusView {
  const { council, nominations, votes, schedule } = p;
  const progress = memberProgress(council, nominations, votes);
  const open = p.state === 'voting';
  const narrowed = isNarrowed(q);
  const whole: AwardsStatusView = {
    campaignId: p.campaignId,
    state: p.state,
    authority: p.authority,
    members: council.map(({ email: _email, ...m }, i) => ({
      ...m,
      voted: progress[i].voted,
      toVote: progress[i].toVote,
    })),
    // A page is cut from the list itself: copying 10,000 nominations for it is not needed.
    nominations: narrowed ? nominations : nominations.map((n) => ({ ...n })),
    ...(schedule ? { deadline: schedule.deadline.utc, deadlineLocal: schedule.deadline.local } : {}),
    // No member sees others' votes until the vote closes.
    ...(!open ? { votes: [...votes] } : member ? { votes: votes.filter((v) => v.member === member) } : {}),
    ...(o.minutes ? { minutes: o.minutes } : {}),
    ...(o.decision ? { decision: o.decision } : {}),
    ...(o.proposal ? { proposal: o.proposal } : {}),
    ...(o.statistics ? { statistics: o.statistics } : {}),
    ...(o.closed ? { closed: o.closed } : {}),
    remindersSent: o.remindersSent,
    escalationsSent: o.escalationsSent,
  };
  if (q.withVotes === false) delete whole.votes;
  return narrowed ? narrowView(whole, q, votes) : whole;
}

/** The counts the council's mails carry. */
export function awardsCounts(nominations: AwardNominationView[]) {
  return {
    approved: nominations.filter((n) => n.state === 'approved').length,
    rejected: nominations.filter((n) => n.state === 'rejected' && n.check.route === 'council').length,
    noQuorum: nominations.filter((n) => n.state === 'no-quorum').length,
    higher: nominations.filter((n) => n.state === 'higher-level').length,
    inVote: nominations.filter((n) => n.check.route === 'council').length,
  };
}

/**
 * The awards status view narrowed to a page (issue 17), pure: the workflow's query answers a page of
 * the nominations matching a filter (a unit, what a member has left to vote on) with the counts of all;
 * the use cases page the same way a whole view an older worker answered.
 */
import type {
  AwardNominationState,
  AwardNominationView,
  AwardsState,
  AwardsStatusQuery,
  AwardsStatusView,
  Vote,
} from './award-types';
import { MAX_AWARDS_PAGE_SIZE } from './scale-limits';

/** The vote's state as the workflow's details in the Temporal UI say it. */
export const AWARDS_STATE_LABELS: Record<AwardsState, string> = {
  voting: 'Hội đồng đang bỏ phiếu',
  closed: 'đã kết thúc bỏ phiếu, chờ quyết định',
  decided: 'đã có quyết định khen thưởng',
  cancelled: 'đã hủy',
};

/** Whether the query asks for less than the whole view (else the old whole answer). */
export const isNarrowed = (q: AwardsStatusQuery | undefined): boolean =>
  q !== undefined && (q.page !== undefined || q.unitId !== undefined || q.toVoteBy !== undefined);

/** Every nomination counted by state. */
export function countsByState(nominations: AwardNominationView[]): Record<AwardNominationState, number> {
  const counts: Record<AwardNominationState, number> = {
    'in-vote': 0,
    'higher-level': 0,
    approved: 0,
    rejected: 0,
    'no-quorum': 0,
  };
  for (const n of nominations) counts[n.state]++;
  return counts;
}

/** A page size within 1 … {@link MAX_AWARDS_PAGE_SIZE}; a page within 1 … the last (an empty list has page 1). */
function bounds(q: AwardsStatusQuery, total: number): { page: number; pageSize: number; pages: number } {
  const asked = Number.isInteger(q.pageSize) && q.pageSize! > 0 ? q.pageSize! : MAX_AWARDS_PAGE_SIZE;
  const pageSize = Math.min(asked, MAX_AWARDS_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Number.isInteger(q.page) && q.page! > 0 ? Math.min(q.page!, pages) : 1;
  return { page, pageSize, pages };
}

/** The nominations the filter keeps, in the view's order. */
function matching(nominations: AwardNominationView[], votes: Vote[], q: AwardsStatusQuery): AwardNominationView[] {
  let list = q.unitId !== undefined ? nominations.filter((n) => n.unitId === q.unitId) : nominations;
  const member = q.toVoteBy;
  if (member !== undefined) {
    const cast = new Set(votes.filter((v) => v.member === member).map((v) => v.nominationId));
    list = list.filter((n) => n.state === 'in-vote' && !n.recused.includes(member) && !cast.has(n.id));
  }
  return list;
}

/**
 * The page of `whole` the query asks for: its nominations, the votes on them that `whole` holds (the
 * member's own before the close), the counts of all. Whole views' other parts are unchanged.
 */
export function narrowView(
  whole: AwardsStatusView,
  q: AwardsStatusQuery,
  allVotes: Vote[] = whole.votes ?? [],
): AwardsStatusView {
  const list = matching(whole.nominations, allVotes, q);
  const { page, pageSize, pages } = bounds(q, list.length);
  const shown = list.slice((page - 1) * pageSize, page * pageSize);
  const ids = new Set(shown.map((n) => n.id));
  const { votes, ...rest } = whole;
  return {
    ...rest,
    nominations: shown,
    ...(votes && q.withVotes !== false ? { votes: votes.filter((v) => ids.has(v.nominationId)) } : {}),
    page: { page, pageSize, total: list.length, pages },
    counts: countsByState(whole.nominations),
  };
}

/**
 * The awards view narrowed to a page (issue 17): the page asked for and its bounds, the unit's
 * nominations, what a member has left to vote on, the votes on the page only, the counts of all; and
 * the whole view when nothing narrows it (old callers).
 */
import type { AwardNominationView, AwardsStatusView, Vote } from '../../../domain/award-types';
import { isNarrowed, narrowView } from '../../../domain/award-view';
import { MAX_AWARDS_PAGE_SIZE } from '../../../domain/scale-limits';

const nomination = (i: number, state: AwardNominationView['state'] = 'in-vote'): AwardNominationView => ({
  id: `u${i}/1`,
  unitId: `u${i % 7}`,
  unitName: `Đơn vị ${i % 7}`,
  type: 'collective',
  name: `Tập thể ${i}`,
  proposedForm: 'Giấy khen',
  reasons: '…',
  receivedAt: '2026-10-15T03:00:00.000Z',
  check: { formCode: 'giay-khen', route: 'council', unmet: [], judged: [] },
  state,
  recused: i === 3 ? ['b'] : [],
});
const N = 2_500;
const nominations = Array.from({ length: N }, (_, i) => nomination(i, i % 10 === 9 ? 'higher-level' : 'in-vote'));
const vote = (member: string, i: number): Vote => ({
  member,
  nominationId: `u${i}/1`,
  choice: 'approve',
  at: '2026-11-01T00:00:00.000Z',
});
const votes = [...Array.from({ length: 1_200 }, (_, i) => vote('a', i)), vote('b', 5)];
const whole: AwardsStatusView = {
  campaignId: 'c',
  state: 'closed',
  authority: 'unit-head',
  members: [],
  nominations,
  votes,
  remindersSent: 0,
  escalationsSent: 0,
};

test('a page of the nominations, its votes only, the counts of all; a page past the last is the last', () => {
  const v = narrowView(whole, { page: 2, pageSize: 1_000 });
  expect(v.nominations.map((n) => n.id)).toEqual(nominations.slice(1_000, 2_000).map((n) => n.id));
  expect(v.page).toEqual({ page: 2, pageSize: 1_000, total: N, pages: 3 });
  expect(v.votes).toHaveLength(200); // a's votes on 1,000 … 1,199
  expect(v.counts).toMatchObject({ 'in-vote': 2_250, 'higher-level': 250, approved: 0 });
  expect(narrowView(whole, { page: 9, pageSize: 1_000 }).nominations).toHaveLength(500);
  // A size above the maximum is the maximum: one answer stays within a page's bytes.
  expect(narrowView(whole, { page: 1, pageSize: 50_000 }).page?.pageSize).toBe(MAX_AWARDS_PAGE_SIZE);
  expect(narrowView(whole, { page: 1, withVotes: false }).votes).toBeUndefined();
});

test("a unit's nominations; what a member has left (in vote, not recused, not voted)", () => {
  const unit = narrowView(whole, { unitId: 'u3' });
  expect(unit.nominations.every((n) => n.unitId === 'u3')).toBe(true);
  expect(unit.page?.total).toBe(nominations.filter((n) => n.unitId === 'u3').length);
  const left = narrowView(whole, { toVoteBy: 'a', page: 1, pageSize: 10 });
  expect(left.page?.total).toBe(2_250 - 1_080); // 1,200 voted, of which 120 not in vote
  expect(left.nominations[0].id).toBe('u1200/1');
  const b = narrowView(whole, { toVoteBy: 'b', page: 1, pageSize: 10 });
  expect(b.nominations.map((n) => n.id)).not.toContain('u3/1'); // recused
  expect(b.nominations.map((n) => n.id)).not.toContain('u5/1'); // voted
});

test('nothing narrows the view without a page, a unit or a member’s remaining', () => {
  expect(isNarrowed(undefined)).toBe(false);
  expect(isNarrowed({ member: 'a' })).toBe(false);
  expect(isNarrowed({ withVotes: false })).toBe(false);
  expect(isNarrowed({ page: 1 })).toBe(true);
  expect(isNarrowed({ unitId: 'u1' })).toBe(true);
});

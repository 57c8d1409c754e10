/**
 * Issue 17: the awards of a 10,000-unit campaign in one awards workflow, on the time-skipping server
 * with the product's claim check (128 KiB): 10,000 nominations, a council of nine voting by sheets of
 * 5,000 lines (claim-checked: a reference each in the history), one member's correction, the close,
 * the tally, the decision and every unit told. The history stays below Temporal's warnings, and a
 * member's page of the view (what the dashboard and the CLI ask for) is small and quick.
 * Figures printed for the README's Performance part (`AWARDS-10K …`).
 */
import { DEFAULT_CLAIM_CHECK_BYTES } from '../../config/settings';
import { awardsWorkflowId } from '../../domain/award-types';
import { sheetBytes } from '../../domain/award-sheet';
import {
  AWARDS_VIEW_BUDGET_BYTES,
  DEFAULT_CLAIM_CHECK_THRESHOLD,
  MAX_AWARD_NOMINATIONS,
  MAX_AWARDS_PAGE_SIZE,
  MAX_VOTES_PER_CLAIMED_SHEET,
  TEMPORAL_LIMITS,
  voteSheetsNeeded,
} from '../../domain/scale-limits';
import { castVoteSheet, closeVote, getAwardsStatus, issueDecision } from '../../workflows/awards';
import { councilOf, withSheetAwards } from '../helpers/award-sheet-run';
import { historySize, jsonBytes } from '../helpers/history-size';
import { useTimeSkippingEnv } from '../helpers/phase-workflow-harness';
import { scaleNominations } from '../helpers/scale-awards';

const noms = (from: number, to: number) =>
  scaleNominations(to)
    .slice(from)
    .map((n) => n.id);

jest.setTimeout(900_000);
const testEnv = useTimeSkippingEnv();
const council = councilOf(9);
const N = 10_000;

/** The time a call takes, and its answer. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = Date.now();
  const value = await fn();
  return { ms: Date.now() - t, value };
}

test(`${N} nominations, a council of nine voting by claim-checked sheets: decided and told below the history's warnings`, async () => {
  expect(DEFAULT_CLAIM_CHECK_THRESHOLD).toBe(DEFAULT_CLAIM_CHECK_BYTES);
  expect(N).toBeLessThanOrEqual(MAX_AWARD_NOMINATIONS);
  expect(voteSheetsNeeded(N, council.length, DEFAULT_CLAIM_CHECK_BYTES).fits).toBe(true);
  const id = 'awards-10k';
  const opts = { campaignId: id, council, nominations: N, claimCheckBytes: DEFAULT_CLAIM_CHECK_BYTES };
  const out = await withSheetAwards(testEnv(), opts, async (h) => {
    const whole = await timed(() => h.query(getAwardsStatus));
    const page = await timed(() =>
      h.query(getAwardsStatus, { member: 'tv3', toVoteBy: 'tv3', page: 1, pageSize: MAX_AWARDS_PAGE_SIZE }),
    );
    const before = await historySize(testEnv(), awardsWorkflowId(id));
    const noms = scaleNominations(N);
    const sheetMs: number[] = [];
    let input = 0;
    let answer = 0;
    for (const m of council) {
      for (let from = 0; from < N; from += MAX_VOTES_PER_CLAIMED_SHEET) {
        const votes = noms.slice(from, from + MAX_VOTES_PER_CLAIMED_SHEET).map((x) => ({
          nominationId: x.id,
          choice: 'approve' as const,
          formCode: 'bang-khen-tinh',
        }));
        input = Math.max(input, sheetBytes({ member: m.account, votes }));
        const r = await timed(() => h.executeUpdate(castVoteSheet, { args: [{ member: m.account, votes }] }));
        sheetMs.push(r.ms);
        answer = Math.max(answer, jsonBytes(r.value));
      }
    }
    // A correction: tv9 turns down the first 5,000 (the round of corrections the budget keeps).
    const correction = noms.slice(0, MAX_VOTES_PER_CLAIMED_SHEET).map((x) => ({
      nominationId: x.id,
      choice: 'reject' as const,
    }));
    const corrected = await h.executeUpdate(castVoteSheet, { args: [{ member: 'tv9', votes: correction }] });
    const voted = await historySize(testEnv(), awardsWorkflowId(id));
    const left = await timed(() =>
      h.query(getAwardsStatus, { member: 'tv3', toVoteBy: 'tv3', page: 1, pageSize: MAX_AWARDS_PAGE_SIZE }),
    );
    await h.executeUpdate(closeVote, { args: [{ by: 'tv1' }] });
    while ((await h.query(getAwardsStatus, { page: 1, pageSize: 1 })).state !== 'closed') await testEnv().sleep(1000);
    const closedPage = await timed(() => h.query(getAwardsStatus, { page: 10, pageSize: MAX_AWARDS_PAGE_SIZE }));
    await h.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] });
    const result = await h.result();
    const end = await historySize(testEnv(), awardsWorkflowId(id));
    return { whole, page, left, closedPage, sheetMs, input, answer, corrected, before, voted, end, result };
  });

  const { whole, page, left, closedPage, before, voted, end } = out;
  const sheets = council.length * (N / MAX_VOTES_PER_CLAIMED_SHEET) + 1;
  const figures = {
    wholeViewBytes: jsonBytes(whole.value),
    wholeViewMs: whole.ms,
    memberPageBytes: jsonBytes(page.value),
    memberPageMs: page.ms,
    closedPageBytes: jsonBytes(closedPage.value),
    closedPageMs: closedPage.ms,
    sheets,
    sheetInputBytes: out.input,
    sheetAnswerBytes: out.answer,
    sheetMsMax: Math.max(...out.sheetMs),
    sheetMsMean: Math.round(out.sheetMs.reduce((a, b) => a + b, 0) / out.sheetMs.length),
    sheetsEvents: voted.events - before.events,
    sheetsBytes: voted.bytes - before.bytes,
    events: end.events,
    bytes: end.bytes,
    largest: end.largest,
    claimChecked: end.claimChecked,
  };
  console.log(`AWARDS-10K ${JSON.stringify(figures)}`);

  // Decided and told: the nine members' votes counted, tv9's correction the last word on the first 5,000.
  expect(out.result.state).toBe('decided');
  expect(out.result.decision?.number).toBe('125/QĐ-UBND');
  expect(out.result.nominations).toHaveLength(N);
  const byState = (from: number, to: number) => new Set(out.result.nominations.slice(from, to).map((n) => n.tally));
  expect([...byState(0, 5_000)].every((t) => t?.approve === 8 && t.reject === 1)).toBe(true);
  expect([...byState(5_000, N)].every((t) => t?.approve === 9 && t.notVoted === 0)).toBe(true);
  expect(out.corrected.member).toMatchObject({ account: 'tv9', voted: N, toVote: N });

  // A member's page: a page of nominations, the counts of all, under a page's bytes and quick.
  expect(page.value.nominations).toHaveLength(MAX_AWARDS_PAGE_SIZE);
  expect(page.value.page).toEqual({ page: 1, pageSize: MAX_AWARDS_PAGE_SIZE, total: N, pages: 10 });
  expect(left.value.page?.total).toBe(0); // tv3 voted on everything
  expect(left.value.members.find((m) => m.account === 'tv3')).toMatchObject({ voted: N, toVote: N });
  // The last page after the close: every member's vote on its 1,000 nominations (the correction was on the first half).
  expect(closedPage.value.nominations.map((n) => n.id)).toEqual(noms(9_000, N));
  expect(closedPage.value.votes).toHaveLength(MAX_AWARDS_PAGE_SIZE * council.length);
  expect(closedPage.value.counts?.approved).toBeGreaterThan(0);
  for (const v of [page, left, closedPage]) {
    expect(jsonBytes(v.value)).toBeLessThan(AWARDS_VIEW_BUDGET_BYTES / 2);
    expect(v.ms).toBeLessThan(2_000);
  }
  // The old whole answer still comes (old callers), but past the view's budget: what the pages are for.
  expect(whole.value.nominations).toHaveLength(N);
  expect(jsonBytes(whole.value)).toBeGreaterThan(AWARDS_VIEW_BUDGET_BYTES);

  // The history: the sheets are references (each a few events), the whole run below the warnings.
  expect(out.input).toBeGreaterThan(DEFAULT_CLAIM_CHECK_BYTES);
  expect(out.answer).toBeLessThan(400);
  expect(figures.sheetsBytes).toBeLessThan(sheets * 2_000);
  expect(end.events).toBeLessThan(TEMPORAL_LIMITS.eventsWarn / 4);
  expect(end.bytes).toBeLessThan(TEMPORAL_LIMITS.bytesWarn / 2);
  expect(end.largest.bytes).toBeLessThan(TEMPORAL_LIMITS.payloadWarn);
});

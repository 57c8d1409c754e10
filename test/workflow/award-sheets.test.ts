/**
 * The council votes by sheet (issue 17) on the time-skipping server: a member's sheet recorded in one
 * update with a narrowed answer; a sheet with wrong lines refused whole, each wrong line named by its
 * position, its nomination and what is wrong, nothing of it recorded; an absent member's written sheet
 * recorded by the clerk; a single vote correcting a sheet's line (the last vote counts at the lock);
 * and the tally and the minutes the same whether the same votes come by sheets or one by one.
 */
import { awardsWorkflowId, type VoteChoice, type VoteSheetLine } from '../../domain/award-types';
import { DAY } from '../../scripts/schedules';
import { castVote, castVoteSheet, getAwardsStatus } from '../../workflows/awards';
import { councilOf, refusal, withSheetAwards, type SheetRun } from '../helpers/award-sheet-run';
import { saveHistory } from '../helpers/histories';
import { useTimeSkippingEnv } from '../helpers/phase-workflow-harness';
import { jsonBytes } from '../helpers/history-size';
import { scaleNominations, scaleUnitId } from '../helpers/scale-awards';

jest.setTimeout(120_000);
const testEnv = useTimeSkippingEnv();

const ids = (n: number) => scaleNominations(n).map((x) => x.id);

test('a sheet is recorded in one update; a sheet with wrong lines is refused whole, each named; a single vote corrects a line', async () => {
  // tv2 comes from the first unit: recused from its nomination.
  const council = councilOf(4, scaleUnitId(0));
  const [n1, n2, n3, n4] = ids(6);
  const out = await withSheetAwards(testEnv(), { campaignId: 'sheet-1', council, nominations: 6 }, async (h) => {
    const sheet = (member: string, votes: VoteSheetLine[], recordedBy?: string) =>
      h.executeUpdate(castVoteSheet, { args: [{ member, votes, ...(recordedBy ? { recordedBy } : {}) }] });
    const all = (choice: VoteChoice, skip: string[] = []) =>
      ids(6)
        .filter((id) => !skip.includes(id))
        .map((nominationId) => ({ nominationId, choice }));
    const accepted = await sheet('tv1', all('approve'));
    const bad = await refusal(
      sheet('tv3', [
        { nominationId: n1, choice: 'approve' },
        { nominationId: 'khong-co/1', choice: 'approve' },
        { nominationId: n2, choice: 'approve', formCode: 'cstdcs' },
        { nominationId: n3, choice: 'maybe' as VoteChoice },
        { nominationId: n1, choice: 'reject' },
        { nominationId: n4, choice: 'reject', reason: 'Chưa đủ thành tích' },
      ]),
    );
    const afterBad = await h.query(getAwardsStatus, { member: 'tv3' });
    const recused = await refusal(sheet('tv2', all('approve')));
    const stranger = await refusal(sheet('khach', all('approve')));
    const empty = await refusal(sheet('tv3', []));
    await sheet('tv2', all('reject', [n1]));
    await sheet('tv3', all('approve'));
    // An absent member's written sheet, recorded by the clerk.
    const written = await sheet('tv4', all('approve'), 'Chuyên viên (cv)');
    // tv1 changes their mind on one nomination by a single vote: the last vote counts.
    await h.executeUpdate(castVote, { args: [{ member: 'tv1', nominationId: n1, choice: 'reject' }] });
    const tv4 = await h.query(getAwardsStatus, { member: 'tv4' });
    await testEnv().sleep(8.5 * DAY); // past the lock
    await saveHistory(testEnv(), 'awards-vote-sheets', awardsWorkflowId('sheet-1')); // for test/replay
    return { accepted, bad, afterBad, recused, stranger, empty, written, tv4, closed: await h.query(getAwardsStatus) };
  });

  expect(out.accepted).toEqual({
    campaignId: 'sheet-1',
    state: 'voting',
    member: { account: 'tv1', name: 'Thành viên 1', voted: 6, toVote: 6 },
    lines: 6,
  });
  // Narrowed: the count, not the nominations' views or ids (each answer stays in the history).
  expect(jsonBytes(out.accepted)).toBeLessThan(400);

  const lines = out.bad.split('\n');
  expect(lines[0]).toBe(
    'Phiếu tổng hợp của Thành viên 3 có 4/6 dòng sai; không dòng nào được ghi, hãy sửa rồi gửi lại cả phiếu:',
  );
  expect(lines.slice(1)).toEqual([
    'Dòng 2 (hồ sơ khong-co/1): Không có hồ sơ đề nghị "khong-co/1" trong đợt này.',
    expect.stringMatching(/^Dòng 3 \(hồ sơ don-vi-00002\/1\): Hình thức "Chiến sĩ thi đua cơ sở" dành cho cá nhân/),
    expect.stringMatching(/^Dòng 4 \(hồ sơ don-vi-00003\/1\): Phiếu phải là một trong: .* nhận được "maybe"/),
    'Dòng 5 (hồ sơ don-vi-00001/1): hồ sơ đã có ở dòng 1; mỗi hồ sơ một dòng.',
  ]);
  // Nothing of the refused sheet was recorded, not even its good lines.
  expect(out.afterBad.votes).toEqual([]);
  expect(out.afterBad.members.find((m) => m.account === 'tv3')!.voted).toBe(0);
  expect(out.recused).toMatch(/^Phiếu tổng hợp của Thành viên 2 có 1\/6 dòng sai/);
  expect(out.recused).toMatch(/Dòng 1 \(hồ sơ don-vi-00001\/1\): Thành viên 2 thuộc đơn vị .* nên không bỏ phiếu/);
  expect(out.stranger).toMatch(/"khach" không phải thành viên Hội đồng/);
  expect(out.empty).toMatch(/không có dòng nào/);

  expect(out.written.member).toEqual({ account: 'tv4', name: 'Thành viên 4', voted: 6, toVote: 6 });
  expect(out.tv4.votes!.every((v) => v.recordedBy === 'Chuyên viên (cv)')).toBe(true);

  // At the lock: n1 has tv1's correction (reject) and tv3, tv4 approving; tv2 is recused.
  const closed = out.closed;
  expect(closed.state).toBe('closed');
  const t1 = closed.nominations.find((n) => n.id === n1)!.tally;
  expect(t1).toEqual({ approve: 2, reject: 1, abstain: 0, notVoted: 0, eligible: 3 });
  const t2 = closed.nominations.find((n) => n.id === n2)!.tally;
  expect(t2).toEqual({ approve: 3, reject: 1, abstain: 0, notVoted: 0, eligible: 4 });
  // Before the lock, every member had voted on all they vote on (tv2 recused from one).
  expect(out.tv4.members.map((m) => `${m.account} ${m.voted}/${m.toVote}`)).toEqual([
    'tv1 6/6',
    'tv2 5/5',
    'tv3 6/6',
    'tv4 6/6',
  ]);
});

test('the tally and the minutes are the same whether the same votes come by sheets or one by one', async () => {
  const council = councilOf(5, scaleUnitId(2));
  const N = 12;
  const choiceOf = (m: number, i: number): VoteSheetLine => {
    // Every third nomination approved by all (the form's 90% threshold), the others split.
    const c = i % 3 === 0 ? 'approve' : (['approve', 'approve', 'reject', 'abstain'] as const)[(m * 7 + i * 3) % 4];
    return { nominationId: ids(N)[i], choice: c, ...(c === 'reject' && i % 2 ? { reason: `Lý do ${i}` } : {}) };
  };
  const linesOf = (m: number) =>
    ids(N)
      .map((_, i) => choiceOf(m, i))
      .filter((l) => !(council[m].unitId && l.nominationId.startsWith(council[m].unitId + '/')));
  const closeAt = async (run: SheetRun, h: Parameters<Parameters<typeof withSheetAwards>[2]>[0]) => {
    await testEnv().sleep(8.5 * DAY);
    return { view: await h.query(getAwardsStatus), minutes: run.minutes };
  };
  const bySheets = await withSheetAwards(
    testEnv(),
    { campaignId: 'by-sheets', council, nominations: N },
    async (h, run) => {
      for (let m = 0; m < council.length; m++) {
        await h.executeUpdate(castVoteSheet, { args: [{ member: council[m].account, votes: linesOf(m) }] });
      }
      return closeAt(run, h);
    },
  );
  const oneByOne = await withSheetAwards(
    testEnv(),
    { campaignId: 'one-by-one', council, nominations: N },
    async (h, run) => {
      for (let m = 0; m < council.length; m++) {
        for (const line of linesOf(m)) {
          await h.executeUpdate(castVote, { args: [{ member: council[m].account, ...line }] });
        }
      }
      return closeAt(run, h);
    },
  );
  const outcome = (ns: typeof bySheets.view.nominations) =>
    ns.map((n) => ({ id: n.id, state: n.state, tally: n.tally, awardedForm: n.awardedForm, capped: n.capped }));
  // Some approved, some not: the comparison is not between two empty outcomes.
  expect(new Set(bySheets.view.nominations.map((n) => n.state))).toEqual(new Set(['approved', 'rejected']));
  expect(outcome(bySheets.view.nominations)).toEqual(outcome(oneByOne.view.nominations));
  expect(outcome(bySheets.minutes!)).toEqual(outcome(oneByOne.minutes!));
  // The votes themselves (but their instants) are the same, in the same order.
  const votes = (v: typeof bySheets.view) => v.votes!.map(({ at: _at, ...rest }) => rest);
  expect(votes(bySheets.view)).toEqual(votes(oneByOne.view));
});

/**
 * The council's vote by sheets at scale (issue 17), measured on the time-skipping server: a council of
 * nine votes on 200 and then 400 nominations, each member one sheet. The history grows by sheets, not
 * by votes: the events a sheet adds are the same for 200 or 400 lines, and the whole run stays far
 * below Temporal's 10,240-event warning; a line's bytes stay within what the size check assumes
 * (`SHEET_LINE_BYTES`). And the single votes (one update each) are capped at run time: past
 * `MAX_SINGLE_VOTES` a single vote is refused, telling the member to send a sheet, which is still
 * accepted. The figures are printed for the README's Performance part.
 */
import { awardsWorkflowId } from '../../domain/award-types';
import {
  MAX_SHEET_BYTES,
  MAX_SINGLE_VOTES,
  MAX_VOTES_PER_SHEET,
  SHEET_LINE_BYTES,
  TEMPORAL_LIMITS,
} from '../../domain/scale-limits';
import { sheetBytes } from '../../domain/award-sheet';
import { castVote, castVoteSheet, closeVote, getAwardsStatus, issueDecision } from '../../workflows/awards';
import { councilOf, refusal, withSheetAwards } from '../helpers/award-sheet-run';
import { historySize, jsonBytes } from '../helpers/history-size';
import { useTimeSkippingEnv } from '../helpers/phase-workflow-harness';
import { scaleNominations } from '../helpers/scale-awards';

jest.setTimeout(600_000);
const testEnv = useTimeSkippingEnv();
const council = councilOf(9);

/** Nine members' sheets over `n` nominations, closed and decided; the history before and after the sheets. */
async function sheetsAt(n: number) {
  const id = `sheets-${n}`;
  return withSheetAwards(testEnv(), { campaignId: id, council, nominations: n }, async (h) => {
    const before = await historySize(testEnv(), awardsWorkflowId(id));
    let answer = 0;
    let input = 0;
    for (const m of council) {
      // As the dashboard sends it: an approval names the form.
      const votes = scaleNominations(n).map((x) => ({
        nominationId: x.id,
        choice: 'approve' as const,
        formCode: 'bang-khen-tinh',
      }));
      input = Math.max(input, sheetBytes({ member: m.account, votes }));
      answer = Math.max(
        answer,
        jsonBytes(await h.executeUpdate(castVoteSheet, { args: [{ member: m.account, votes }] })),
      );
    }
    const after = await historySize(testEnv(), awardsWorkflowId(id));
    await h.executeUpdate(closeVote, { args: [{ by: 'tv1' }] });
    while ((await h.query(getAwardsStatus)).state !== 'closed') await testEnv().sleep(1000);
    await h.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] });
    const final = await h.result();
    const end = await historySize(testEnv(), awardsWorkflowId(id));
    return {
      n,
      approved: final.nominations.filter((x) => x.state === 'approved').length,
      eventsPerSheet: (after.events - before.events) / council.length,
      bytesPerLine: (after.bytes - before.bytes) / (council.length * n),
      input,
      answer,
      total: end,
    };
  });
}

test('with sheets the history grows by sheets, not by votes: 400 nominations × 9 members far below the warnings', async () => {
  const points = [await sheetsAt(200), await sheetsAt(400)];
  for (const p of points) {
    console.log(
      `awards by sheets, ${p.n} nominations × ${council.length} members (${p.n * council.length} votes): ` +
        `${p.eventsPerSheet} events per sheet, ${p.bytesPerLine.toFixed(1)} bytes per line, ` +
        `a sheet's input ${p.input} B and answer ${p.answer} B; whole run ${p.total.events} events, ` +
        `${(p.total.bytes / 2 ** 20).toFixed(2)} MiB, largest event ${p.total.largest.bytes} B (${p.total.largest.type})`,
    );
    // Every nomination approved (nine of nine): the votes were all counted.
    expect(p.approved).toBeGreaterThan(0);
    expect(p.answer).toBeLessThan(20 * p.n + 200); // the sheet's ids and the member's progress only
    expect(p.input).toBeLessThan(MAX_SHEET_BYTES);
    expect(p.bytesPerLine).toBeLessThanOrEqual(SHEET_LINE_BYTES);
  }
  const [small, large] = points;
  // Twice the votes, the same events per sheet: each sheet is one update whatever its lines.
  expect(large.eventsPerSheet).toBe(small.eventsPerSheet);
  expect(large.eventsPerSheet).toBeLessThanOrEqual(8);
  // 3,600 votes, and the whole run (gathering, sheets, close, minutes, decision, 400 letters in pages)
  // a few hundred events: one vote an update took ~7 events a vote (25,200).
  expect(large.total.events).toBeLessThan(TEMPORAL_LIMITS.eventsWarn / 20);
  expect(large.total.bytes).toBeLessThan(TEMPORAL_LIMITS.bytesWarn / 3);
  // The largest event is the tally's input (the nominations' views and each member's last vote, without
  // reason): over the 512 KiB warning at 400 × 9, below the 2 MiB error; its nominations' part is what
  // the claim-check payload codec takes over (issue 17, another part).
  expect(large.total.largest.type).toBe('ACTIVITY_TASK_SCHEDULED');
  expect(large.total.largest.bytes).toBeLessThan(TEMPORAL_LIMITS.payloadHard / 2);
  // A full sheet's lines stay far below the payload warning.
  expect(MAX_VOTES_PER_SHEET * SHEET_LINE_BYTES).toBeLessThan(TEMPORAL_LIMITS.payloadWarn / 4);
});

test(`single votes are capped at ${MAX_SINGLE_VOTES}: the next is refused, telling to send a sheet; a sheet is still recorded`, async () => {
  const n = Math.ceil((MAX_SINGLE_VOTES + 20) / council.length);
  const id = 'single-cap';
  const out = await withSheetAwards(testEnv(), { campaignId: id, council, nominations: n }, async (h) => {
    const noms = scaleNominations(n);
    const before = await historySize(testEnv(), awardsWorkflowId(id));
    let cast = 0;
    for (const x of noms) {
      for (const m of council) {
        if (cast === MAX_SINGLE_VOTES) break;
        await h.executeUpdate(castVote, { args: [{ member: m.account, nominationId: x.id, choice: 'approve' }] });
        cast++;
      }
    }
    const after = await historySize(testEnv(), awardsWorkflowId(id));
    const last = noms[noms.length - 1].id;
    const refused = await refusal(
      h.executeUpdate(castVote, { args: [{ member: 'tv9', nominationId: last, choice: 'approve' }] }),
    );
    const sheet = await h.executeUpdate(castVoteSheet, {
      args: [{ member: 'tv9', votes: noms.map((x) => ({ nominationId: x.id, choice: 'approve' as const })) }],
    });
    return { eventsPerVote: (after.events - before.events) / cast, refused, sheet };
  });
  console.log(`single votes: ${out.eventsPerVote.toFixed(2)} events per vote`);
  expect(out.refused).toBe(
    `Hội đồng đã ghi ${MAX_SINGLE_VOTES} phiếu biểu quyết từng hồ sơ, tối đa ${MAX_SINGLE_VOTES} trong một lần xét; ` +
      'hãy gửi các phiếu còn lại bằng phiếu tổng hợp (nhiều hồ sơ một lần gửi): biểu mẫu phiếu tổng hợp ' +
      'trên trang khen thưởng, hoặc lệnh thidua awards vote-sheet.',
  );
  expect(out.sheet.member).toMatchObject({ account: 'tv9', voted: n, toVote: n });
  // The cap keeps the single votes' events below the warning, with room for the sheets.
  expect(out.eventsPerVote * MAX_SINGLE_VOTES).toBeLessThan(TEMPORAL_LIMITS.eventsWarn * 0.75);
});

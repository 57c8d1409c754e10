/**
 * Issue 17, step 1: what binds the awards at 10,000 nominations (a council of nine, by sheets), measured
 * before any change on the time-skipping server with the claim check on: the status view's weight and
 * the query's time, and what one member's sheets add to the history. Figures printed.
 */
import { awardsWorkflowId } from '../../domain/award-types';
import { castVoteSheet, getAwardsStatus } from '../../workflows/awards';
import { councilOf, withSheetAwards } from '../helpers/award-sheet-run';
import { historySize, jsonBytes } from '../helpers/history-size';
import { useTimeSkippingEnv } from '../helpers/phase-workflow-harness';
import { scaleNominations } from '../helpers/scale-awards';

jest.setTimeout(1_800_000);
const testEnv = useTimeSkippingEnv();
const council = councilOf(9);
const N = 10_000;

test('measure the awards at 10,000 nominations before the change', async () => {
  const id = 'measure-10k';
  const t0 = Date.now();
  await withSheetAwards(testEnv(), { campaignId: id, council, nominations: N }, async (h) => {
    console.log(`started and gathered in ${Date.now() - t0} ms`);
    let t = Date.now();
    const whole = await h.query(getAwardsStatus);
    console.log(`whole view: ${jsonBytes(whole)} B, query ${Date.now() - t} ms`);
    const noms = scaleNominations(N);
    const before = await historySize(testEnv(), awardsWorkflowId(id));
    for (let p = 0; p < N / 1000; p++) {
      const votes = noms.slice(p * 1000, (p + 1) * 1000).map((x) => ({
        nominationId: x.id,
        choice: 'approve' as const,
        formCode: 'bang-khen-tinh',
      }));
      t = Date.now();
      const r = await h.executeUpdate(castVoteSheet, { args: [{ member: 'tv1', votes }] });
      console.log(`sheet ${p + 1}: ${Date.now() - t} ms, answer ${jsonBytes(r)} B, voted ${r.member.voted}`);
    }
    const after = await historySize(testEnv(), awardsWorkflowId(id));
    console.log(
      `tv1's 10 sheets: ${after.events - before.events} events, ${after.bytes - before.bytes} B ` +
        `(${((after.bytes - before.bytes) / N).toFixed(1)} B per line), claim-checked ${after.claimChecked}`,
    );
    t = Date.now();
    const mine = await h.query(getAwardsStatus, { member: 'tv1' });
    console.log(`member's view after 10,000 votes: ${jsonBytes(mine)} B, query ${Date.now() - t} ms`);
    expect(mine.nominations).toHaveLength(N);
  });
});

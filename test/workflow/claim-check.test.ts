/**
 * The claim check end to end (issue 17): the awards with more nominations than Temporal's 2 MiB hard
 * payload limit can carry — the gathering's result, the tally's input, the status query's answer and
 * the workflow's result are each above it — run to the decision on the time-skipping server with the
 * product's data converter; the history holds only references, the values are in the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CouncilMember } from '../../domain/award-types';
import { awardsWorkflowId } from '../../domain/award-types';
import { tallyNominations } from '../../domain/award-tally';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import type { AwardMailInput, GatheredAwards } from '../../domain/award-workflow-types';
import { MAX_AWARD_NOMINATIONS, TEMPORAL_LIMITS } from '../../domain/scale-limits';
import { DAY } from '../../scripts/schedules';
import { castVote, getAwardsStatus, issueDecision } from '../../workflows/awards';
import { historySize, jsonBytes } from '../helpers/history-size';
import { runWithWorker, useTimeSkippingEnv, type Activities } from '../helpers/phase-workflow-harness';
import { scaleNominations, scaleUnitId, startScaleAwards } from '../helpers/scale-awards';
import { testPayloadsDataDir } from '../helpers/temporal';

jest.setTimeout(600_000);
const testEnv = useTimeSkippingEnv();

/** Enough nominations (~625 bytes each in the view without votes) for every payload that carries them to pass 2 MiB. */
const N = 4_000;

const catalogue = loadAwardCatalogue(path.resolve(__dirname, '../fixtures/award-forms-vote-test.yaml'));
const council: CouncilMember[] = [
  { account: 'chu', name: 'Nguyễn Văn Chủ', email: 'chu@example.vn', chair: true },
  { account: 'an', name: 'Lê Thị An', email: 'an@example.vn' },
];

/** Every blob of the test file's data folder and its size. */
const blobSizes = (): number[] => {
  const dir = path.join(testPayloadsDataDir()!, 'payloads');
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.statSync(path.join(e.parentPath, e.name)).size);
};

test(`the awards with ${N} nominations: payloads above 2 MiB go through as references, to the decision and every unit's letter`, async () => {
  expect(N).toBeLessThanOrEqual(MAX_AWARD_NOMINATIONS);
  const id = `awards-claim-${Date.now()}`;
  const tallied: number[] = [];
  const told = new Set<string>();
  const ref = (name: string, c: string) => ({ name, size: 100, sha256: c.repeat(64), contentType: 'application/x' });
  const activities = {
    async gatherAwardNominations(): Promise<GatheredAwards> {
      return { nominations: scaleNominations(N), catalogue, collectives: N, individuals: 0 };
    },
    async tallyAwardVotes(i: Parameters<Activities['tallyAwardVotes']>[0]) {
      tallied.push(i.nominations.length);
      return tallyNominations(i.nominations, i.votes, i.council, i.catalogue, i.base);
    },
    buildAwardMinutes: async () => ({ minutes: ref('bien-ban.docx', '1') }),
    buildAwardDecision: async () => ({ decision: ref('quyet-dinh.docx', '3'), statistics: ref('thong-ke.xlsx', '4') }),
    mailAwards: async (input: AwardMailInput) => ({ sent: true, messageId: input.key, recipients: [] }),
    async notifyAwardUnitsPage(input: { units: Array<{ unitId: string }> }) {
      for (const u of input.units) told.add(u.unitId);
      return { sent: input.units.length, alreadySent: 0, notSent: [] };
    },
  } as unknown as Activities;

  const result = await runWithWorker(testEnv(), 'awards-claim', activities, async (taskQueue) => {
    const handle = await startScaleAwards(testEnv(), { taskQueue, campaignId: id, council });
    // The council approves the first unit's nomination only (a decision needs one); the vote closes
    // at its lock (day 8), and the tally gets every nomination.
    for (const m of council) {
      await handle.executeUpdate(castVote, {
        args: [{ member: m.account, nominationId: `${scaleUnitId(0)}/1`, choice: 'approve' }],
      });
    }
    await testEnv().sleep(9 * DAY);
    while ((await handle.query(getAwardsStatus)).state !== 'closed') await testEnv().sleep(1000);
    const closed = await handle.query(getAwardsStatus);
    expect(closed.nominations).toHaveLength(N);
    expect(jsonBytes(closed)).toBeGreaterThan(TEMPORAL_LIMITS.payloadHard);
    await handle.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] });
    return handle.result();
  });

  // What the users see: the decision issued, the whole view back, every unit told once.
  expect(result.state).toBe('decided');
  expect(result.decision?.number).toBe('125/QĐ-UBND');
  expect(result.nominations).toHaveLength(N);
  expect(result.nominations[0].state).toBe('approved');
  expect(result.nominations[N - 1].unitName).toBe(`Ủy ban nhân dân xã Tam Dương số ${N}`);
  expect(jsonBytes(result)).toBeGreaterThan(TEMPORAL_LIMITS.payloadHard);
  expect(tallied).toEqual([N]);
  expect(told.size).toBe(N);

  // What Temporal holds: references only, far below the payload warning; the values in the data folder.
  const history = await historySize(testEnv(), awardsWorkflowId(id));
  expect(history.claimChecked).toBeGreaterThanOrEqual(3); // the gathering's result, the tally's input, the result
  expect(history.largest.bytes).toBeLessThan(64 * 1024);
  // The whole history (the letters' pages, each below the threshold, are most of it) is smaller than one value it carried.
  expect(history.bytes).toBeLessThan(jsonBytes(result) / 2);
  console.log(
    `CLAIM-CHECK ${JSON.stringify({ n: N, result: jsonBytes(result), blobs: blobSizes().length, ...history })}`,
  );
  expect(blobSizes().filter((s) => s > TEMPORAL_LIMITS.payloadHard).length).toBeGreaterThanOrEqual(3);
});

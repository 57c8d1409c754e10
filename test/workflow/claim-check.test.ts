/**
 * The claim check end to end (issue 17): the awards with more nominations than Temporal's 2 MiB hard
 * payload limit can carry — the gathering's result, the tally's input, the status query's answer and
 * the workflow's result are each above it — run to the decision on the time-skipping server with the
 * product's data converter; the history holds only references, the values are in the data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CouncilMember } from '../../domain/award-types';
import { MAX_AWARD_NOMINATIONS, TEMPORAL_LIMITS } from '../../domain/scale-limits';
import { historySize, jsonBytes } from '../helpers/history-size';
import { useTimeSkippingEnv } from '../helpers/phase-workflow-harness';
import { runAwardsToDecision } from '../helpers/scale-awards-decided';
import { testPayloadsDataDir } from '../helpers/temporal';

jest.setTimeout(600_000);
const testEnv = useTimeSkippingEnv();

/** Enough nominations (~625 bytes each in the view without votes) for every payload that carries them to pass 2 MiB. */
const N = 4_000;

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
  const { workflowId, closed, result, tallied, told } = await runAwardsToDecision(testEnv(), N, council);
  expect(closed.nominations).toHaveLength(N);
  expect(jsonBytes(closed)).toBeGreaterThan(TEMPORAL_LIMITS.payloadHard);

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
  const history = await historySize(testEnv(), workflowId);
  expect(history.claimChecked).toBeGreaterThanOrEqual(3); // the gathering's result, the tally's input, the result
  expect(history.largest.bytes).toBeLessThan(64 * 1024);
  // The whole history (the letters' pages, each below the threshold, are most of it) is smaller than one value it carried.
  expect(history.bytes).toBeLessThan(jsonBytes(result) / 2);
  console.log(
    `CLAIM-CHECK ${JSON.stringify({ n: N, result: jsonBytes(result), blobs: blobSizes().length, ...history })}`,
  );
  expect(blobSizes().filter((s) => s > TEMPORAL_LIMITS.payloadHard).length).toBeGreaterThanOrEqual(3);
});

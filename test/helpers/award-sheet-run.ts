/**
 * The vote-sheet tests' awards run (issue 17): the scale nominations (one collective per unit, in
 * vote for the province's certificate) gathered by a mock, the real tally with the test catalogue,
 * documents and mails recorded (the minutes' nominations kept, as the minutes would print them).
 */
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import { tallyNominations } from '../../domain/award-tally';
import type { AwardNominationView, CouncilMember } from '../../domain/award-types';
import type { BuildAwardDocsRequest, GatheredAwards } from '../../domain/award-workflow-types';
import { runWithWorker, type Activities } from './phase-workflow-harness';
import { scaleNominations, startScaleAwards } from './scale-awards';

export const sheetCatalogue = loadAwardCatalogue(path.resolve(__dirname, '../fixtures/award-forms-vote-test.yaml'));

export const councilOf = (n: number, recusedUnit?: string): CouncilMember[] =>
  Array.from({ length: n }, (_, i) => ({
    account: `tv${i + 1}`,
    name: `Thành viên ${i + 1}`,
    email: `tv${i + 1}@example.vn`,
    ...(i === 0 ? { chair: true } : {}),
    ...(i === 1 && recusedUnit ? { unitId: recusedUnit } : {}),
  }));

export interface SheetRun {
  /** The nominations as the minutes were built with (after the tally). */
  minutes?: AwardNominationView[];
}

/** Runs `fn` with the awards workflow started over `n` scale nominations (members from `council` recused from their unit). */
export async function withSheetAwards<T>(
  env: TestWorkflowEnvironment,
  opts: { campaignId: string; council: CouncilMember[]; nominations: number; claimCheckBytes?: number },
  fn: (handle: Awaited<ReturnType<typeof startScaleAwards>>, run: SheetRun) => Promise<T>,
): Promise<T> {
  const run: SheetRun = {};
  const nominations = scaleNominations(opts.nominations).map((n) => ({
    ...n,
    recused: opts.council.filter((m) => m.unitId === n.unitId).map((m) => m.account),
  }));
  const activities = {
    async gatherAwardNominations(): Promise<GatheredAwards> {
      return {
        nominations,
        catalogue: sheetCatalogue,
        collectives: opts.nominations,
        individuals: 0,
        // As the real gathering returns the workers' threshold (issue 17).
        ...(opts.claimCheckBytes ? { claimCheckBytes: opts.claimCheckBytes } : {}),
      };
    },
    tallyAwardVotes: (i: Parameters<Activities['tallyAwardVotes']>[0]) =>
      Promise.resolve(tallyNominations(i.nominations, i.votes, i.council, i.catalogue, i.base)),
    async buildAwardMinutes(req: BuildAwardDocsRequest) {
      run.minutes = req.nominations;
      return { minutes: { name: 'bien-ban.docx', size: 1, sha256: '1'.repeat(64), contentType: 'x' } };
    },
    async buildAwardDecision() {
      const ref = { size: 1, sha256: '3'.repeat(64), contentType: 'x' };
      return { decision: { ...ref, name: 'quyet-dinh.docx' }, statistics: { ...ref, name: 'thong-ke.xlsx' } };
    },
    async mailAwards(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async notifyAwardUnitsPage(input: { units: unknown[] }) {
      return { sent: input.units.length, alreadySent: 0, notSent: [] };
    },
  } as unknown as Activities;
  return runWithWorker(env, 'award-sheets', activities, async (taskQueue) => {
    const handle = await startScaleAwards(env, { taskQueue, campaignId: opts.campaignId, council: opts.council });
    return fn(handle, run);
  });
}

/** The message of a refused update (the validator's words), or 'accepted'. */
export const refusal = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'accepted',
    (err: Error) => (err.cause as Error | undefined)?.message ?? err.message,
  );

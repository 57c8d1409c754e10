/**
 * The awards with N nominations run to the decision, the council approving the first one only (a
 * decision needs one) and the vote closing at its lock: what grows with the nominations alone, not
 * with the votes (issue 17). Used by the claim check's end-to-end test and the later phases' scale test.
 */
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { awardsWorkflowId, type AwardsStatusView, type CouncilMember } from '../../domain/award-types';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import { tallyNominations } from '../../domain/award-tally';
import type { AwardMailInput, GatheredAwards } from '../../domain/award-workflow-types';
import { DAY } from '../../scripts/schedules';
import { castVote, getAwardsStatus, issueDecision } from '../../workflows/awards';
import { runWithWorker, type Activities } from './phase-workflow-harness';
import { scaleNominations, scaleUnitId, startScaleAwards } from './scale-awards';

const catalogue = loadAwardCatalogue(path.resolve(__dirname, '../fixtures/award-forms-vote-test.yaml'));

export interface DecidedAwards {
  workflowId: string;
  /** The status query's answer once the vote closed. */
  closed: AwardsStatusView;
  /** The workflow's result. */
  result: AwardsStatusView;
  /** The nominations the tally activity received, at each call. */
  tallied: number[];
  /** The units told their results. */
  told: Set<string>;
}

export async function runAwardsToDecision(
  env: TestWorkflowEnvironment,
  n: number,
  council: CouncilMember[],
): Promise<DecidedAwards> {
  const campaignId = `awards-decided-${n}-${Date.now()}`;
  const tallied: number[] = [];
  const told = new Set<string>();
  const ref = (name: string, c: string) => ({ name, size: 100, sha256: c.repeat(64), contentType: 'application/x' });
  const activities = {
    async gatherAwardNominations(): Promise<GatheredAwards> {
      return { nominations: scaleNominations(n), catalogue, collectives: n, individuals: 0 };
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
  return runWithWorker(env, 'awards-decided', activities, async (taskQueue) => {
    const handle = await startScaleAwards(env, { taskQueue, campaignId, council });
    for (const m of council) {
      await handle.executeUpdate(castVote, {
        args: [{ member: m.account, nominationId: `${scaleUnitId(0)}/1`, choice: 'approve' }],
      });
    }
    await env.sleep(9 * DAY);
    while ((await handle.query(getAwardsStatus)).state !== 'closed') await env.sleep(1000);
    const closed = await handle.query(getAwardsStatus);
    await handle.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] });
    const result = await handle.result();
    return { workflowId: awardsWorkflowId(campaignId), closed, result, tallied, told };
  });
}

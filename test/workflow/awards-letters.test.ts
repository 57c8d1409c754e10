/**
 * The units' result letters at scale (issue 17), on the time-skipping server: 520 nominating units,
 * the vote, the decision; the letters go out from the real `notifyAwardUnitsPage` activity (real
 * sent log, a transport that records every message) in pages of 200 — three activities, not 520 —
 * and a mail outage in the middle of the second page retries it: every unit gets exactly one letter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../activities';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import { tallyNominations } from '../../domain/award-tally';
import { awardsWorkflowId, type CouncilMember } from '../../domain/award-types';
import type { AwardMailInput, GatheredAwards } from '../../domain/award-workflow-types';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import { FileReportStore } from '../../stores/report-store';
import { FileSentLog } from '../../stores/sent-log';
import { castVote, closeVote, getAwardsStatus, issueDecision } from '../../workflows/awards';
import { historySize } from '../helpers/history-size';
import { ONE_UNIT_CAMPAIGN } from '../helpers/one-unit-campaign';
import { runWithWorker, useTimeSkippingEnv, type Activities } from '../helpers/phase-workflow-harness';
import { scaleNominations, scaleUnitId, startScaleAwards } from '../helpers/scale-awards';

jest.setTimeout(300_000);
const testEnv = useTimeSkippingEnv();
const N = 520;
const catalogueFile = path.resolve(__dirname, '../fixtures/award-forms-vote-test.yaml');
const council: CouncilMember[] = [{ account: 'chu', name: 'Nguyễn Văn Chủ', email: 'chu@example.vn', chair: true }];

const definition: CampaignDefinition = {
  ...ONE_UNIT_CAMPAIGN,
  units: Array.from({ length: N }, (_, i) => ({
    id: scaleUnitId(i),
    name: `Ủy ban nhân dân xã Tam Dương số ${i + 1}`,
    kind: 'other' as const,
    focal: { name: `Cán bộ ${i + 1}`, email: `vanphong.xa${i + 1}@tamduong.example.vn` },
    head: { name: `Chủ tịch ${i + 1}`, email: `chutich.xa${i + 1}@tamduong.example.vn` },
  })),
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-award-letters-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('520 nominating units: letters in three pages, a retried page resumes, every unit told exactly once', async () => {
  const id = `awards-letters-${Date.now()}`;
  /** Each message the SMTP server accepted, by recipient (the unit's focal point). */
  const accepted: string[] = [];
  let outage = true;
  const transport = {
    sendMail: async (m: { to: string[] }) => {
      // The server goes away once, after the 250th letter was accepted: the second page fails mid-way.
      if (outage && accepted.length === 250) {
        outage = false;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' });
      }
      accepted.push(m.to[0]);
      return { accepted: m.to, rejected: [], response: '250 OK' };
    },
  } as unknown as ActivityDeps['transport'];
  const reports = new FileReportStore(path.join(dir, 'reports'));
  const real = createActivities({
    transport,
    sentLog: new FileSentLog(path.join(dir, 'sent')),
    definitions: { load: async () => definition, save: async () => 'x' },
    reports,
    links: {} as ActivityDeps['links'],
    from: 'tdkt@vinhphuc.example.vn',
    awardCatalogueFile: catalogueFile,
  });
  const ref = (name: string, c: string) => ({ name, size: 100, sha256: c.repeat(64), contentType: 'application/x' });
  const activities = {
    gatherAwardNominations: async (): Promise<GatheredAwards> => ({
      nominations: scaleNominations(N),
      catalogue: loadAwardCatalogue(catalogueFile),
      collectives: N,
      individuals: 0,
    }),
    tallyAwardVotes: (i: Parameters<Activities['tallyAwardVotes']>[0]) =>
      Promise.resolve(tallyNominations(i.nominations, i.votes, i.council, i.catalogue, i.base)),
    buildAwardMinutes: async () => ({ minutes: ref('bien-ban.docx', '1') }),
    buildAwardDecision: async () => ({ decision: ref('quyet-dinh.docx', '3'), statistics: ref('thong-ke.xlsx', '4') }),
    mailAwards: async (input: AwardMailInput) => ({ sent: true, messageId: input.key, recipients: [] }),
    notifyAwardUnitsPage: real.notifyAwardUnitsPage,
  } as unknown as Activities;

  const size = await runWithWorker(testEnv(), 'awards-letters', activities, async (taskQueue) => {
    const handle = await startScaleAwards(testEnv(), { taskQueue, campaignId: id, council });
    for (const n of scaleNominations(N)) {
      await handle.executeUpdate(castVote, { args: [{ member: 'chu', nominationId: n.id, choice: 'approve' }] });
    }
    await handle.executeUpdate(closeVote, { args: [{ by: 'chu' }] });
    while ((await handle.query(getAwardsStatus)).state !== 'closed') await testEnv().sleep(1000);
    await handle.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] });
    expect((await handle.result()).state).toBe('decided');
    return historySize(testEnv(), awardsWorkflowId(id));
  });
  reports.close();

  expect(outage).toBe(false); // the second page did fail once and was retried
  // Every unit's focal point got its letter, once: the retried page found the sent ones in the sent log.
  const expected = definition.units.map((u) => `"${u.focal.name}" <${u.focal.email}>`).sort();
  expect([...accepted].sort()).toEqual(expected);
  // The letters cost the history three activities (one per page), whatever the number of units.
  expect(size.activities.notifyAwardUnitsPage).toBe(3);
  expect(size.activities.notifyAwardUnit).toBeUndefined();
});

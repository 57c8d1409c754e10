/**
 * The later phases' run-time size checks (issue 17), in the real activities: a conference that would
 * invite more than the conference workflow carries, and more nominations or vote sheets than the
 * council's vote carries, are refused at once with a Vietnamese message naming the field, the counts and the
 * maximum, not retried; just below, they run.
 */
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';
import type { CouncilMember } from '../../../domain/award-types';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import { MAX_AWARD_NOMINATIONS, MAX_CONFERENCE_INVITEES, voteSheetsNeeded } from '../../../domain/scale-limits';
import { campaignInvitingAll, unitsNominatingOne } from '../../helpers/many-units-campaign';

const depsFor = (definition: CampaignDefinition): ActivityDeps => ({
  transport: {} as ActivityDeps['transport'],
  sentLog: {} as ActivityDeps['sentLog'],
  definitions: { load: async () => definition, save: async () => 'x' },
  reports: {} as ActivityDeps['reports'],
  links: {} as ActivityDeps['links'],
  from: 'tdkt@vinhphuc.example.vn',
  client: unitsNominatingOne,
  awardCatalogueFile: path.resolve(__dirname, '../../fixtures/award-forms-vote-test.yaml'),
});
const activitiesFor = (definition: CampaignDefinition) => createActivities(depsFor(definition));

const council = (n: number): CouncilMember[] =>
  Array.from({ length: n }, (_, i) => ({ account: `tv${i}`, name: `Thành viên ${i}`, email: `tv${i}@example.vn` }));

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (err: unknown) => err,
  );

test('a conference inviting every unit of 1401 is refused, naming the field and the maximum; 1400 are invited', async () => {
  const env = new MockActivityEnvironment();
  const over = activitiesFor(campaignInvitingAll(MAX_CONFERENCE_INVITEES + 1));
  const err = await refusal(env.run(over.loadConferenceInvitees, { definitionRef: 'r' }));
  expect(err).toBeInstanceOf(ApplicationFailure);
  expect((err as ApplicationFailure).nonRetryable).toBe(true);
  expect((err as Error).message).toBe(
    'Hội nghị mời 1401 khách mời (phases[1].invitees trong tệp đợt); hệ thống hỗ trợ tối đa 1400 khách mời một hội nghị. ' +
      'Hãy liệt kê các đơn vị được mời trong phases[1].invitees thay cho all.',
  );
  const fits = activitiesFor(campaignInvitingAll(MAX_CONFERENCE_INVITEES));
  const invitees = (await env.run(fits.loadConferenceInvitees, { definitionRef: 'r' })) as unknown[];
  expect(invitees).toHaveLength(MAX_CONFERENCE_INVITEES);
});

test('more vote sheets than the council vote carries are refused once gathered, with the counts; a 9-member council votes on 480', async () => {
  const env = new MockActivityEnvironment();
  const input = (members: number) => ({
    campaignId: 'c1',
    definitionRef: 'r',
    authority: 'ministry-province' as const,
    council: council(members),
  });
  const units480 = activitiesFor(campaignInvitingAll(480));
  // 480 nominations × 9 members: 9 sheets, ~475 KB of lines — with a round of corrections, within the budget.
  const gathered = (await env.run(units480.gatherAwardNominations, input(9))) as { nominations: unknown[] };
  expect(gathered.nominations).toHaveLength(480);
  // Members × nominations past what the sheets' bytes carry with a round of corrections (2 × 19,200 lines of 110 B > 4 MiB).
  expect(voteSheetsNeeded(480, 40).fits).toBe(false);
  const err = await refusal(env.run(units480.gatherAwardNominations, input(40)));
  expect((err as ApplicationFailure).nonRetryable).toBe(true);
  expect((err as Error).message).toMatch(
    /^Các đơn vị gửi 480 hồ sơ đề nghị khen thưởng, 480 hồ sơ cần Hội đồng biểu quyết \(40 thành viên: 40 phiếu tổng hợp, mỗi phiếu tối đa 1000 hồ sơ\); hệ thống hỗ trợ tối đa \d+ hồ sơ, và với Hội đồng 40 thành viên tối đa 476 hồ sơ cần biểu quyết/,
  );
  expect((err as Error).message).toContain('chia việc xét khen thưởng thành các đợt con');
});

test('with the workers’ claim check, 10,000 units’ nominations for a council of nine are gathered; 10,001 are refused', async () => {
  const env = new MockActivityEnvironment();
  const input = { campaignId: 'c1', definitionRef: 'r', authority: 'ministry-province' as const, council: council(9) };
  const withClaimCheck = (n: number) =>
    createActivities({
      ...depsFor(campaignInvitingAll(n)),
      settings: { claimCheckBytes: 128 * 1024 } as ActivityDeps['settings'],
    });
  const gathered = (await env.run(withClaimCheck(MAX_AWARD_NOMINATIONS).gatherAwardNominations, input)) as {
    nominations: unknown[];
    claimCheckBytes?: number;
  };
  expect(gathered.nominations).toHaveLength(MAX_AWARD_NOMINATIONS);
  // Recorded with the gathering: the vote's sheets are counted by it.
  expect(gathered.claimCheckBytes).toBe(128 * 1024);
  const err = await refusal(env.run(withClaimCheck(MAX_AWARD_NOMINATIONS + 1).gatherAwardNominations, input));
  expect((err as ApplicationFailure).nonRetryable).toBe(true);
  expect((err as Error).message).toMatch(
    /^Các đơn vị gửi 10001 hồ sơ .*\(9 thành viên: 27 phiếu tổng hợp, mỗi phiếu tối đa 5000 hồ sơ\); hệ thống hỗ trợ tối đa 10000 hồ sơ/,
  );
}, 120_000);

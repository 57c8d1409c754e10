/**
 * The council's vote on the time-skipping server: a council of four with a member recused from their
 * own unit's nominations, a member who never votes reminded before the deadline and reported to the
 * chair after it, refusals (recused, not a member, unknown nomination, a form not in the catalogue, a
 * nomination proposed upwards, an early close with votes missing, a vote after the close), the close at
 * the lock with one nomination approved, one short of its 90% threshold, one without quorum and one
 * proposed upwards; the decision issued and each unit told once. And a campaign that reaches its
 * awards phase runs the child and closes after the decision; one cancelled during the vote ends the
 * child cancelled, nothing sent after. Activities are mocks that record what
 * would be sent, with workflow time; the catalogue is the test fixture.
 */
import path from 'node:path';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import { tallyNominations } from '../../domain/award-tally';
import {
  awardsWorkflowId,
  type AwardNominationView,
  type AwardsWorkflowInput,
  type CouncilMember,
} from '../../domain/award-types';
import type {
  AwardMailInput,
  AwardUnitMailInput,
  AwardUnitsPageInput,
  BuildAwardDocsRequest,
  GatheredAwards,
} from '../../domain/award-workflow-types';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { awardsWorkflow, castVote, closeVote, getAwardsStatus, issueDecision } from '../../workflows/awards';
import { campaignWorkflow, cancelCampaign } from '../../workflows/campaign';
import { activitySummaries, saveHistory } from '../helpers/histories';
import {
  activityDay,
  campaignActivities,
  runWithWorker,
  useTimeSkippingEnv,
  type Activities,
} from '../helpers/phase-workflow-harness';

const testEnv = useTimeSkippingEnv();

const catalogue = loadAwardCatalogue(path.resolve(__dirname, '../fixtures/award-forms-vote-test.yaml'));
const council: CouncilMember[] = [
  { account: 'chu', name: 'Nguyễn Văn Chủ', email: 'chu@example.vn', chair: true },
  { account: 'an', name: 'Lê Thị An', email: 'an@example.vn', unitId: 'so-noi-vu' },
  { account: 'binh', name: 'Trần Văn Bình', email: 'binh@example.vn' },
  { account: 'cuong', name: 'Phạm Văn Cường', email: 'cuong@example.vn' },
];

const nomination = (
  id: string,
  unitName: string,
  type: AwardNominationView['type'],
  proposedForm: string,
  formCode: string,
  route: AwardNominationView['check']['route'],
): AwardNominationView => ({
  id,
  unitId: id.split('/')[0],
  unitName,
  type,
  name: `Người/tập thể ${id}`,
  proposedForm,
  reasons: 'Hoàn thành xuất sắc nhiệm vụ',
  receivedAt: '2026-10-15T03:00:00.000Z',
  check: { formCode, ruleFrom: '2023-01-01', route, unmet: [], judged: [] },
  state: route === 'council' ? 'in-vote' : 'higher-level',
  recused: council.filter((m) => m.unitId === id.split('/')[0]).map((m) => m.account),
});

const NOMINATIONS = [
  nomination('so-noi-vu/1', 'Sở Nội vụ', 'individual', 'Chiến sĩ thi đua cơ sở', 'cstdcs', 'council'),
  nomination('so-noi-vu/2', 'Sở Nội vụ', 'individual', 'Chiến sĩ thi đua cơ sở', 'cstdcs', 'council'),
  nomination(
    'tam-duong/1',
    'Huyện ủy Tam Dương',
    'collective',
    'Bằng khen của Chủ tịch UBND tỉnh',
    'bang-khen-tinh',
    'council',
  ),
  nomination(
    'tam-duong/2',
    'Huyện ủy Tam Dương',
    'collective',
    'Bằng khen của Thủ tướng Chính phủ',
    'bang-khen-ttg',
    'higher-level',
  ),
];

interface Call {
  activity: string;
  key: string;
  day: number;
  to?: string[];
  missing?: string[];
  unitId?: string;
  results?: AwardUnitMailInput['results'];
}

const ref = (name: string, c: string) => ({ name, size: 100, sha256: c.repeat(64), contentType: 'application/x' });

async function run<T>(
  fn: (taskQueue: string, start: number) => Promise<T>,
  hooks: { onMail?: (input: AwardMailInput) => Promise<void> } = {},
): Promise<{ result: T; calls: Call[] }> {
  const calls: Call[] = [];
  const start = await testEnv().currentTimeMs();
  const day = () => activityDay(start);
  const activities = {
    async gatherAwardNominations(): Promise<GatheredAwards> {
      calls.push({ activity: 'gather', key: 'gather', day: day() });
      return { nominations: NOMINATIONS, catalogue, collectives: 2, individuals: 2 };
    },
    // The real tally (pure): the catalogue's rules decide, not the mock.
    tallyAwardVotes: (i: Parameters<Activities['tallyAwardVotes']>[0]) =>
      Promise.resolve(tallyNominations(i.nominations, i.votes, i.council, i.catalogue, i.base)),
    async buildAwardMinutes(req: BuildAwardDocsRequest) {
      calls.push({ activity: 'minutes', key: 'minutes', day: day() });
      return {
        minutes: ref('bien-ban.docx', '1'),
        ...(req.nominations.some((n) => n.state === 'higher-level') ? { proposal: ref('to-trinh.docx', '2') } : {}),
      };
    },
    async buildAwardDecision(req: BuildAwardDocsRequest) {
      calls.push({ activity: 'decision', key: req.decision!.number, day: day() });
      return { decision: ref('quyet-dinh.docx', '3'), statistics: ref('thong-ke.xlsx', '4') };
    },
    async mailAwards(input: AwardMailInput) {
      calls.push({
        activity: 'mail',
        key: input.key.split('/awards/')[1],
        day: day(),
        to: input.to.map((p) => p.email),
        ...(input.missing ? { missing: input.missing } : {}),
      });
      await hooks.onMail?.(input);
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async notifyAwardUnit(input: AwardUnitMailInput) {
      calls.push({
        activity: 'unit',
        key: input.key.split('/awards/')[1],
        day: day(),
        unitId: input.unitId,
        results: input.results,
      });
      return { sent: true, messageId: input.key, recipients: [] };
    },
    // The letters go out in pages (`awards-unit-letters-in-pages`): recorded per unit as above.
    async notifyAwardUnitsPage(input: AwardUnitsPageInput) {
      for (const u of input.units) {
        const key = `${input.keyPrefix}${u.unitId}`.split('/awards/')[1];
        calls.push({ activity: 'unit', key, day: day(), unitId: u.unitId, results: u.results });
      }
      return { sent: input.units.length, alreadySent: 0, notSent: [] };
    },
    async awardsSetup() {
      return {
        authority: 'ministry-province' as const,
        council,
        header: { style: 'state' as const, issuingBody: 'UBND TỈNH VĨNH PHÚC', number: '…', place: 'Vĩnh Phúc' },
      };
    },
    ...campaignActivities(testEnv()),
  } as unknown as Activities;
  const result = await runWithWorker(testEnv(), 'awards', activities, (taskQueue) => fn(taskQueue, start));
  return { result, calls };
}

/** Vote deadline at day 5 (reminders 3d, 1d: days 2 and 4), escalation to the chair at day 6, lock at day 8. */
const input = (campaignId: string, start: number): AwardsWorkflowInput => ({
  campaignId,
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
  definitionRef: '0'.repeat(64),
  phaseName: 'Xét khen thưởng',
  timeZone: 'Asia/Ho_Chi_Minh',
  authority: 'ministry-province',
  council,
  vote: scheduleFrom(start, { deadlineDays: 5, lockDays: 8, reminders: [3, 1], escalations: [1] }),
  header: { style: 'state', issuingBody: 'UBND TỈNH VĨNH PHÚC', number: '…', place: 'Vĩnh Phúc' },
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (err: Error) => (err.cause as Error | undefined)?.message ?? err.message,
  );

test('a council vote: recusal, refusals, a member reminded and reported to the chair, tally at the lock, the decision and the units told', async () => {
  const id = `awards-${Date.now()}`;
  const { result, calls } = await run(async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(awardsWorkflow, {
      taskQueue,
      workflowId: awardsWorkflowId(id),
      args: [input(id, start)],
    });
    const vote = (member: string, nominationId: string, choice: 'approve' | 'reject' | 'abstain', extra = {}) =>
      handle.executeUpdate(castVote, { args: [{ member, nominationId, choice, ...extra }] });
    // Votes wait until the nominations are gathered: the first one retries for a moment.
    await testEnv().sleep(1000);
    while ((await handle.query(getAwardsStatus)).nominations.length === 0) await testEnv().sleep(1000);

    const refused = {
      recused: await refusal(vote('an', 'so-noi-vu/1', 'approve')),
      stranger: await refusal(vote('khach', 'so-noi-vu/1', 'approve')),
      unknown: await refusal(vote('chu', 'so-noi-vu/9', 'approve')),
      higher: await refusal(vote('chu', 'tam-duong/2', 'approve')),
      badForm: await refusal(vote('chu', 'so-noi-vu/1', 'approve', { formCode: 'huan-chuong-xyz' })),
      wrongType: await refusal(vote('chu', 'so-noi-vu/1', 'approve', { formCode: 'bang-khen-tinh' })),
    };
    await vote('chu', 'so-noi-vu/1', 'reject');
    await vote('chu', 'so-noi-vu/1', 'approve', { reason: 'Đổi ý sau khi xem hồ sơ' }); // the last vote counts
    await vote('binh', 'so-noi-vu/1', 'approve');
    await vote('chu', 'so-noi-vu/2', 'approve');
    for (const m of ['chu', 'binh']) await vote(m, 'tam-duong/1', 'approve');
    // An absent member's written vote, recorded by the clerk.
    await vote('an', 'tam-duong/1', 'approve', { recordedBy: 'Chuyên viên (cv)' });
    const ownOnly = await handle.query(getAwardsStatus, { member: 'binh' });
    const nobody = await handle.query(getAwardsStatus);
    const earlyClose = await refusal(handle.executeUpdate(closeVote, { args: [{ by: 'chu' }] }));
    const earlyDecision = await refusal(
      handle.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] }),
    );

    // Past the lock (day 8): the vote has closed by itself.
    await testEnv().sleep(8.5 * DAY);
    const closed = await handle.query(getAwardsStatus);
    const late = await refusal(vote('binh', 'so-noi-vu/2', 'approve'));
    await handle.executeUpdate(issueDecision, { args: [{ number: '125/QĐ-UBND', date: '2026-11-25', by: 'cv' }] });
    const twice = await refusal(
      handle.executeUpdate(issueDecision, { args: [{ number: '126/QĐ-UBND', date: '2026-11-26', by: 'cv' }] }),
    );
    const final = await handle.result();
    await saveHistory(testEnv(), 'awards-vote-recusal-decision', awardsWorkflowId(id)); // for test/replay
    const summaries = await activitySummaries(testEnv(), awardsWorkflowId(id));
    return { refused, ownOnly, nobody, earlyClose, earlyDecision, closed, late, twice, final, summaries };
  });

  // What an operator reads on each activity in the Temporal UI: the step in words, not a key alone.
  expect(result.summaries).toContain('Mời Hội đồng bỏ phiếu [open]');
  expect(result.summaries).toContain('Báo kết thúc bỏ phiếu, gửi biên bản [closed]');
  expect(result.summaries.filter((s) => !s || s.startsWith('Gửi thư'))).toEqual([]);

  expect(result.refused.recused).toMatch(/Lê Thị An thuộc đơn vị Sở Nội vụ nên không bỏ phiếu/);
  expect(result.refused.stranger).toMatch(/"khach" không phải thành viên Hội đồng/);
  expect(result.refused.unknown).toMatch(/Không có hồ sơ đề nghị "so-noi-vu\/9"/);
  expect(result.refused.higher).toMatch(/đề nghị cấp trên khen thưởng/);
  expect(result.refused.badForm).toMatch(/"huan-chuong-xyz" không có trong danh mục/);
  expect(result.refused.wrongType).toMatch(/dành cho tập thể/);
  // Before the close: a member sees their own votes only, no one else's; no tally yet.
  expect(result.ownOnly.votes?.map((v) => v.member)).toEqual(['binh', 'binh']);
  expect(result.nobody.votes).toBeUndefined();
  expect(result.nobody.nominations.every((n) => !n.tally)).toBe(true);
  // An is recused from her unit's two and voted in writing on the third: done. Bình skipped one.
  expect(result.earlyClose).toMatch(/Còn 2 thành viên chưa bỏ phiếu đủ \(Trần Văn Bình, Phạm Văn Cường\)/);
  expect(result.earlyDecision).toMatch(/chưa kết thúc bỏ phiếu/);
  expect(result.late).toMatch(/đã kết thúc bỏ phiếu/);
  expect(result.twice).toMatch(/Đã có Quyết định số 125\/QĐ-UBND/);

  const state = (s: typeof result.closed, id: string) => s.nominations.find((n) => n.id === id)!;
  expect(result.closed.state).toBe('closed');
  expect(result.closed.closed?.by).toBe('thidua');
  // Recused An does not count among the eligible; Cường never voted.
  expect(state(result.closed, 'so-noi-vu/1')).toMatchObject({
    state: 'approved',
    awardedForm: 'cstdcs',
    tally: { approve: 2, reject: 0, abstain: 0, notVoted: 1, eligible: 3 },
  });
  // 1 of 3 eligible voted: below the quorum of half the members.
  expect(state(result.closed, 'so-noi-vu/2')).toMatchObject({ state: 'no-quorum', tally: { approve: 1, eligible: 3 } });
  // 3 of 4 members approve: short of the 90% of all members the form needs.
  expect(state(result.closed, 'tam-duong/1')).toMatchObject({ state: 'rejected', tally: { approve: 3, notVoted: 1 } });
  expect(state(result.closed, 'tam-duong/2').state).toBe('higher-level');
  expect(result.closed.votes?.length).toBe(7);
  // Each member's progress stays what they did once the vote closed (it read 0/0 after the close):
  // counted among the nominations that were in the vote, the recused ones and tam-duong/2 (higher level) left out.
  const progress = (s: typeof result.closed) => s.members.map((m) => `${m.account} ${m.voted}/${m.toVote}`);
  expect(progress(result.nobody)).toEqual(['chu 3/3', 'an 1/1', 'binh 2/3', 'cuong 0/3']);
  expect(progress(result.closed)).toEqual(progress(result.nobody));
  expect(result.closed.proposal?.name).toBe('to-trinh.docx');

  expect(result.final).toMatchObject({
    state: 'decided',
    decision: { number: '125/QĐ-UBND', date: '2026-11-25' },
    statistics: { name: 'thong-ke.xlsx' },
    remindersSent: 2,
    escalationsSent: 1,
  });
  const mails = calls.filter((c) => c.activity === 'mail');
  expect(mails.map((c) => `${c.key}@${c.day}`)).toEqual([
    'open@0',
    'remind/r-3d@2',
    'remind/r-1d@4',
    'esc1@6',
    'closed@8',
    'decision@8.5',
  ]);
  // Reminders go to the members still missing votes; the escalation to the chair, naming them.
  expect(mails[1].to).toEqual(['binh@example.vn', 'cuong@example.vn']);
  expect(mails[3]).toMatchObject({ to: ['chu@example.vn'], missing: ['Trần Văn Bình', 'Phạm Văn Cường'] });
  const units = calls.filter((c) => c.activity === 'unit');
  expect(units.map((u) => u.key)).toEqual(['unit/so-noi-vu', 'unit/tam-duong']);
  expect(units[0].results?.map((r) => `${r.state}:${r.awardedForm ?? ''}`)).toEqual(['approved:cstdcs', 'no-quorum:']);
});

test('a campaign reaching its awards phase runs the vote and closes after the decision', async () => {
  const id = `camp-awards-${Date.now()}`;
  const { result, calls } = await run(
    async (taskQueue, start) => {
      const base = campaignInputFrom(start, {
        campaignId: id,
        planNumber: '67-KH/TU',
        title: 'Tổng kết',
        contact: 'Ban Thi đua - Khen thưởng tỉnh',
        unitCount: 2,
        unitsPerBatch: 2,
        deadlineDays: 3,
        lockDays: 4,
      });
      const at = (ms: number) => ({ utc: new Date(ms).toISOString(), local: '', written: '', reading: 'test' });
      const phases = base.compiled.phases.filter((p) => p.kind !== 'synthesis');
      phases.push({
        kind: 'awards',
        name: 'Xét khen thưởng',
        windowStart: at(start + 5 * DAY),
        windowEnd: at(start + 20 * DAY),
        vote: scheduleFrom(start, { deadlineDays: 10, lockDays: 10, reminders: [], escalations: [] }),
      });
      const handle = await testEnv().client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [{ ...base, compiled: { ...base.compiled, phases } }],
      });
      const campaign = await handle.result();
      await saveHistory(testEnv(), 'campaign-runs-awards', `campaign/${id}`); // for test/replay
      return campaign;
    },
    {
      // Every member votes when the vote opens; the clerk issues the decision when it closes.
      onMail: async (mail) => {
        const awards = testEnv().client.workflow.getHandle(awardsWorkflowId(id));
        if (mail.kind === 'vote-open') {
          for (const m of council) {
            for (const n of NOMINATIONS.filter((x) => x.state === 'in-vote' && !x.recused.includes(m.account))) {
              await awards.executeUpdate(castVote, {
                args: [{ member: m.account, nominationId: n.id, choice: 'approve' }],
              });
            }
          }
          await awards.executeUpdate(closeVote, { args: [{ by: 'Nguyễn Văn Chủ (chu)' }] });
        }
        if (mail.kind === 'vote-closed') {
          await awards.executeUpdate(issueDecision, { args: [{ number: '7/QĐ-UBND', date: '2026-11-20', by: 'cv' }] });
        }
      },
    },
  );
  expect(result.phase).toBe('closed');
  // The vote opens with the phase (day 5), closes early by the chair and the decision follows the same day.
  expect(calls.filter((c) => c.activity === 'mail').map((c) => `${c.key}@${c.day}`)).toEqual([
    'open@5',
    'closed@5',
    'decision@5',
  ]);
  expect(calls.filter((c) => c.activity === 'unit').length).toBe(2);
});

test('a campaign cancelled during the vote cancels the awards child: no decision, no unit told', async () => {
  const id = `camp-awards-cancel-${Date.now()}`;
  const { result, calls } = await run(
    async (taskQueue, start) => {
      const base = campaignInputFrom(start, {
        campaignId: id,
        planNumber: '67-KH/TU',
        title: 'Tổng kết',
        contact: 'Ban Thi đua - Khen thưởng tỉnh',
        unitCount: 2,
        unitsPerBatch: 2,
        deadlineDays: 3,
        lockDays: 4,
      });
      const at = (ms: number) => ({ utc: new Date(ms).toISOString(), local: '', written: '', reading: 'test' });
      const phases = base.compiled.phases.filter((p) => p.kind !== 'synthesis');
      phases.push({
        kind: 'awards',
        name: 'Xét khen thưởng',
        windowStart: at(start + 5 * DAY),
        windowEnd: at(start + 20 * DAY),
        vote: scheduleFrom(start, { deadlineDays: 10, lockDays: 12, reminders: [2], escalations: [1] }),
      });
      const handle = await testEnv().client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [{ ...base, compiled: { ...base.compiled, phases } }],
      });
      const campaign = await handle.result();
      const awards = await testEnv().client.workflow.getHandle(awardsWorkflowId(id)).result();
      return { campaign, awards };
    },
    {
      onMail: async (mail) => {
        if (mail.kind !== 'vote-open') return;
        await testEnv()
          .client.workflow.getHandle(`campaign/${mail.campaignId}`)
          .executeUpdate(cancelCampaign, { args: [{ reason: 'Dừng đợt theo chỉ đạo', cancelledBy: 'nvc' }] });
      },
    },
  );
  expect(result.campaign.phase).toBe('cancelled');
  expect(result.awards).toMatchObject({ state: 'cancelled', remindersSent: 0, escalationsSent: 0 });
  expect(result.awards.decision).toBeUndefined();
  // Only the opening message went out: no reminder, no escalation, no unit told after the cancel.
  expect(calls.filter((c) => c.activity === 'mail' || c.activity === 'unit').map((c) => c.key)).toEqual(['open']);
});

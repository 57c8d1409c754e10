/**
 * The awards use cases: each refuses, changing nothing, without its role; before the vote closes a
 * member reads only their own votes and anyone else none; a decision number another campaign's
 * decision already has (in the same year) is refused before anything is sent; a unit's results show
 * only after the decision. The workflow is a fake client here (its own behaviour is in
 * test/workflow/awards.test.ts).
 */
import type { Client } from '@temporalio/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  awardNominations,
  awardResultsForUnit,
  awardsStatus,
  castVote,
  closeVote,
  issueDecision,
  recordWrittenVote,
} from '../../../app/awards';
import type { AppContext } from '../../../app/context';
import type { StaffActor } from '../../../app/roles';
import { AppError } from '../../../app/temporal-errors';
import { cliMessage } from '../../../client/messages';
import type { Settings } from '../../../config/settings';
import type { AwardsStatusView, Vote } from '../../../domain/award-types';
import { FileDecisionNumbers } from '../../../stores/decision-numbers';

const clerk: StaffActor = { login: 'cv', name: 'Chuyên viên', roles: ['clerk'] };
const chair: StaffActor = { login: 'chu', name: 'Nguyễn Văn Chủ', roles: ['approver', 'council'] };
const an: StaffActor = { login: 'an', name: 'Lê Thị An', roles: ['council'] };

const vote = (member: string, nominationId: string): Vote => ({
  member,
  nominationId,
  choice: 'approve',
  at: '2026-11-20T01:00:00.000Z',
});
const view = (state: AwardsStatusView['state'], votes: Vote[]): AwardsStatusView => ({
  campaignId: 'c1',
  state,
  authority: 'ministry-province',
  members: [],
  nominations: [
    {
      id: 'so-noi-vu/1',
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      type: 'individual',
      name: 'Trần Văn B',
      proposedForm: 'Chiến sĩ thi đua cơ sở',
      reasons: '…',
      receivedAt: '2026-10-15T03:00:00.000Z',
      check: { formCode: 'cstdcs', route: 'council', unmet: [], judged: [] },
      state: state === 'decided' ? 'approved' : 'in-vote',
      recused: [],
      ...(state === 'decided' ? { awardedForm: 'cstdcs' } : {}),
    },
  ],
  votes,
  remindersSent: 0,
  escalationsSent: 0,
});

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-awards-app-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A client that records every call; its query answers `answer` (as a workflow without the member filter would). */
function fakeContext(answer: AwardsStatusView = view('voting', [])) {
  const calls: string[] = [];
  const client = {
    options: { namespace: 'default' },
    workflowService: { describeTaskQueue: async () => ({ pollers: [{}] }) },
    workflow: {
      getHandle: (id: string) => ({
        describe: async () => ({ status: { name: 'RUNNING' }, taskQueue: 'thidua' }),
        query: async (q: { name: string }, arg?: { member?: string }) => {
          calls.push(`query ${q.name} ${arg?.member ?? '-'}`);
          return answer;
        },
        executeUpdate: async (u: { name: string }, opts: { args: unknown[] }) => {
          calls.push(`update ${u.name} ${id} ${JSON.stringify(opts.args[0])}`);
          return answer;
        },
      }),
    },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
  } as unknown as Client;
  const ctx: AppContext = { client, settings: { taskQueue: 'thidua', dataDir: dir } as Settings };
  return { ctx, calls };
}

test('without the role, every action is forbidden before anything is sent', async () => {
  const { ctx, calls } = fakeContext();
  const v = { nominationId: 'so-noi-vu/1', choice: 'approve' as const };
  const refusals = await Promise.all([
    castVote(ctx, 'c1', clerk, v).catch((e: unknown) => e),
    recordWrittenVote(ctx, 'c1', an, { ...v, member: 'binh' }).catch((e: unknown) => e),
    closeVote(ctx, 'c1', an).catch((e: unknown) => e),
    issueDecision(ctx, 'c1', chair, { number: '125/QĐ-UBND', date: '2026-11-25' }).catch((e: unknown) => e),
  ]);
  expect(refusals.map((e) => [(e as AppError).code, (e as AppError).facts.role])).toEqual([
    ['forbidden', 'council'],
    ['forbidden', 'clerk'],
    ['forbidden', 'approver'],
    ['forbidden', 'clerk'],
  ]);
  expect(cliMessage(refusals[0] as AppError, 'vi')).toMatch(/thành viên Hội đồng/);
  expect(calls).toEqual([]);
});

test("a member votes as their own account; the clerk's written vote names the clerk", async () => {
  const { ctx, calls } = fakeContext();
  await castVote(ctx, 'c1', an, { nominationId: 'so-noi-vu/1', choice: 'approve', member: 'chu' } as never);
  await recordWrittenVote(ctx, 'c1', clerk, { member: 'binh', nominationId: 'so-noi-vu/1', choice: 'reject' });
  const updates = calls.filter((c) => c.startsWith('update'));
  expect(updates[0]).toContain('"member":"an"');
  expect(updates[1]).toContain('"member":"binh"');
  expect(updates[1]).toContain('"recordedBy":"Chuyên viên (cv)"');
});

test('before the close a member reads only their own votes, anyone else none; after it, all', async () => {
  const votes = [vote('an', 'so-noi-vu/1'), vote('chu', 'so-noi-vu/1')];
  const open = fakeContext(view('voting', votes));
  expect((await awardsStatus(open.ctx, 'c1', an)).votes?.map((v) => v.member)).toEqual(['an']);
  expect((await awardsStatus(open.ctx, 'c1', clerk)).votes).toEqual([]);
  expect((await awardsStatus(open.ctx, 'c1')).votes).toEqual([]);
  expect(open.calls).toEqual(['query getAwardsStatus an', 'query getAwardsStatus -', 'query getAwardsStatus -']);
  const closed = fakeContext(view('closed', votes));
  expect((await awardsStatus(closed.ctx, 'c1', an)).votes?.length).toBe(2);
});

test("a decision number another campaign's decision has in that year is refused before anything is sent", async () => {
  const numbers = new FileDecisionNumbers(dir);
  await numbers.claim({ number: '125/QĐ-UBND', date: '2026-03-02', campaignId: 'other-2026' });
  const { ctx, calls } = fakeContext(view('closed', []));
  // The same number written differently (case, spaces) is the same number.
  const err = await issueDecision(ctx, 'c1', clerk, { number: ' 125 / qđ-ubnd', date: '2026-11-25' }).catch(
    (e: unknown) => e as AppError,
  );
  expect(err).toBeInstanceOf(AppError);
  expect(cliMessage(err as AppError, 'vi')).toMatch(/số quyết định 125\/QĐ-UBND đã được dùng .* của đợt other-2026/);
  expect(cliMessage(err as AppError, 'en')).toMatch(/already used by the award decision of campaign other-2026/);
  expect(calls).toEqual([]);
  // Numbers start again each year: the same number in another year is a different decision.
  await issueDecision(ctx, 'c1', clerk, { number: '125/QĐ-UBND', date: '2027-01-05' });
  expect(calls.filter((c) => c.startsWith('update issueDecision'))).toHaveLength(1);
  expect((await numbers.find('125/QĐ-UBND', '2027-12-31'))?.campaignId).toBe('c1');
});

test('two campaigns issuing the same number at once: one gets it, the other is refused', async () => {
  const first = fakeContext(view('closed', []));
  const second = fakeContext(view('closed', []));
  const outcomes = await Promise.allSettled([
    issueDecision(first.ctx, 'c1', clerk, { number: '7/QĐ-UBND', date: '2026-11-25' }),
    issueDecision(second.ctx, 'c2', clerk, { number: '7/QĐ-UBND', date: '2026-11-26' }),
  ]);
  expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  const sent = [...first.calls, ...second.calls].filter((c) => c.startsWith('update issueDecision'));
  expect(sent).toHaveLength(1);
  const holder = (await new FileDecisionNumbers(dir).find('7/QĐ-UBND', '2026-01-01'))?.campaignId;
  expect(sent[0]).toContain(`campaign/${holder}/awards`);
});

test('a decision the workflow refuses gives its number back; one held by an older store is still refused', async () => {
  const refusing = fakeContext(view('voting', []));
  const handle = (refusing.ctx.client.workflow as unknown as { getHandle: (id: string) => Record<string, unknown> })
    .getHandle;
  (refusing.ctx.client.workflow as unknown as { getHandle: unknown }).getHandle = (id: string) => ({
    ...handle(id),
    executeUpdate: async () => {
      throw Object.assign(new Error('Chưa kết thúc bỏ phiếu'), { name: 'WorkflowUpdateFailedError' });
    },
  });
  await expect(issueDecision(refusing.ctx, 'c3', clerk, { number: '9/QĐ-UBND', date: '2026-11-25' })).rejects.toThrow();
  expect(await new FileDecisionNumbers(dir).find('9/QĐ-UBND', '2026-11-25')).toBeUndefined();
  // The number is free: another campaign issues it.
  const other = fakeContext(view('closed', []));
  await issueDecision(other.ctx, 'c4', clerk, { number: '9/QĐ-UBND', date: '2026-11-25' });
  expect((await new FileDecisionNumbers(dir).find('9/QĐ-UBND', '2026-11-25'))?.campaignId).toBe('c4');

  // Numbers recorded before claims were files of their own (one JSON file) still count.
  fs.writeFileSync(
    path.join(dir, 'decision-numbers.json'),
    JSON.stringify({ '2026|11/QĐ-UBND': { number: '11/QĐ-UBND', date: '2026-05-01', campaignId: 'old', at: '' } }),
  );
  const late = fakeContext(view('closed', []));
  await expect(issueDecision(late.ctx, 'c5', clerk, { number: '11/QĐ-UBND', date: '2026-11-25' })).rejects.toThrow(
    AppError,
  );
  expect(late.calls).toEqual([]);
});

test("a unit's results show only once the decision is issued", async () => {
  expect(await awardResultsForUnit(fakeContext(view('closed', [])).ctx, 'c1', 'so-noi-vu')).toEqual([]);
  const decided = fakeContext(view('decided', []));
  expect(await awardResultsForUnit(decided.ctx, 'c1', 'so-noi-vu')).toEqual([
    {
      name: 'Trần Văn B',
      type: 'individual',
      proposedForm: 'Chiến sĩ thi đua cơ sở',
      state: 'approved',
      awardedForm: 'cstdcs',
    },
  ]);
  expect(await awardResultsForUnit(decided.ctx, 'c1', 'huyen-khac')).toEqual([]);
});

test('an older worker answering the whole view: the use case cuts the page asked for, with the counts (issue 17)', async () => {
  const whole = view('closed', [vote('an', 'so-noi-vu/1')]);
  const two = { ...whole, nominations: [...whole.nominations, { ...whole.nominations[0], id: 'so-noi-vu/2' }] };
  const old = fakeContext(two);
  const page = await awardsStatus(old.ctx, 'c1', an, { page: 2, pageSize: 1 });
  expect(page.nominations.map((n) => n.id)).toEqual(['so-noi-vu/2']);
  expect(page.page).toEqual({ page: 2, pageSize: 1, total: 2, pages: 2 });
  expect(page.counts?.['in-vote']).toBe(2);
  expect(page.votes).toEqual([]); // the votes on this page only
  const unit = await awardsStatus(old.ctx, 'c1', undefined, { unitId: 'huyen-khac', withVotes: false });
  expect(unit.nominations).toEqual([]);
  expect(unit.votes).toBeUndefined();
  // Every nomination read in pages for the statistics: one page of an old worker's whole answer.
  const all = await awardNominations(old.ctx, 'c1');
  expect(all.nominations.map((n) => n.id)).toEqual(['so-noi-vu/1', 'so-noi-vu/2']);
});

test("what is left to vote on is only one's own: asked for another member, the filter is dropped", async () => {
  const ctx = fakeContext(view('voting', [vote('an', 'so-noi-vu/1')])).ctx;
  expect((await awardsStatus(ctx, 'c1', an, { toVoteBy: 'an', page: 1 })).page?.total).toBe(0);
  expect((await awardsStatus(ctx, 'c1', clerk, { toVoteBy: 'an', page: 1 })).page?.total).toBe(1);
  expect((await awardsStatus(ctx, 'c1', chair, { toVoteBy: 'an', page: 1 })).page?.total).toBe(1);
});

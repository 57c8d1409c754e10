/**
 * The year's award statistics: the campaigns whose award decision is dated in the year are counted
 * together by form (catalogue order); one decided in another year is left out; one without an
 * awards phase or without a decision is listed as skipped with its reason. Temporal is a fake client
 * here (visibility list + the awards query); the counter is the statistics module's own.
 */
import type { Client } from '@temporalio/client';
import path from 'node:path';
import { yearAwardStatistics } from '../../../app/award-statistics';
import type { AppContext } from '../../../app/context';
import type { Settings } from '../../../config/settings';
import { loadAwardCatalogue } from '../../../domain/award-catalogue';
import type { AwardNominationView, AwardsStatusView } from '../../../domain/award-types';
import { awardsWorkflowId } from '../../../domain/award-types';
import { CampaignIdKey } from '../../../domain/search-attributes';

const catalogue = loadAwardCatalogue(path.resolve(__dirname, '../../fixtures/award-forms-vote-test.yaml'));

const nomination = (
  id: string,
  type: AwardNominationView['type'],
  state: AwardNominationView['state'],
  awardedForm?: string,
): AwardNominationView => ({
  id,
  unitId: id.split('/')[0],
  unitName: id.split('/')[0],
  type,
  name: `Đối tượng ${id}`,
  proposedForm: awardedForm ?? 'Chiến sĩ thi đua cơ sở',
  reasons: '…',
  receivedAt: '2026-03-15T03:00:00.000Z',
  check: { route: 'council', unmet: [], judged: [] },
  state,
  recused: [],
  ...(awardedForm ? { awardedForm } : {}),
});

const decided = (
  campaignId: string,
  date: string,
  nominations: AwardNominationView[],
  number = `${campaignId}/QĐ`,
): AwardsStatusView => ({
  campaignId,
  state: 'decided',
  authority: 'ministry-province',
  members: [],
  nominations,
  decision: {
    number,
    date,
    file: { name: 'qd.docx', size: 1, sha256: 'a'.repeat(64), contentType: 'x' },
    by: 'cv',
    at: `${date}T02:00:00.000Z`,
  },
  remindersSent: 0,
  escalationsSent: 0,
});

/** Campaign workflows as visibility lists them, and the awards view each answers (none: no awards child). */
function fakeContext(campaigns: Array<{ id: string; title: string; started: string; awards?: AwardsStatusView }>) {
  const queried: string[] = [];
  const client = {
    workflow: {
      list: ({ query }: { query: string }) => {
        expect(query).toBe(`WorkflowType = 'campaignWorkflow'`);
        return (async function* () {
          for (const c of campaigns) {
            yield {
              workflowId: `campaign-${c.id}`,
              memo: { title: c.title, planNumber: '1/KH' },
              status: { name: 'COMPLETED' },
              startTime: new Date(c.started),
              typedSearchAttributes: { get: (key: unknown) => (key === CampaignIdKey ? c.id : undefined) },
            };
          }
        })();
      },
      getHandle: (workflowId: string) => ({
        query: async () => {
          queried.push(workflowId);
          const found = campaigns.find((c) => awardsWorkflowId(c.id) === workflowId)?.awards;
          if (!found)
            throw Object.assign(new Error(`workflow not found: ${workflowId}`), { name: 'WorkflowNotFoundError' });
          return found;
        },
      }),
    },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
  } as unknown as Client;
  const ctx: AppContext = { client, settings: { taskQueue: 'thidua', dataDir: '/nonexistent' } as Settings };
  return { ctx, queried };
}

test('two campaigns decided in the year are summed by form; another year is left out; no decision is skipped', async () => {
  const { ctx } = fakeContext([
    {
      id: 'so-ket-2026-h1',
      title: 'Sơ kết 6 tháng 2026',
      started: '2026-05-01T00:00:00Z',
      awards: decided('so-ket-2026-h1', '2026-07-20', [
        nomination('so-noi-vu/1', 'individual', 'approved', 'cstdcs'),
        nomination('so-noi-vu/2', 'collective', 'approved', 'bang-khen-tinh'),
        nomination('so-noi-vu/3', 'individual', 'rejected'),
      ]),
    },
    {
      id: 'tong-ket-2026',
      title: 'Tổng kết năm 2026',
      started: '2026-10-01T00:00:00Z',
      awards: decided('tong-ket-2026', '2026-12-10', [
        nomination('tam-duong/1', 'individual', 'approved', 'cstdcs'),
        nomination('tam-duong/2', 'individual', 'approved', 'cstdcs'),
        // Named instead of coded (an older view): matched to the catalogue's form.
        nomination('tam-duong/3', 'collective', 'approved', 'Bằng khen của Thủ tướng Chính phủ'),
        nomination('tam-duong/4', 'collective', 'higher-level'),
      ]),
    },
    {
      id: 'tong-ket-2025',
      title: 'Tổng kết năm 2025',
      started: '2025-10-01T00:00:00Z',
      // Decided in January of the next year: it counts for 2026, not for 2025.
      awards: decided('tong-ket-2025', '2026-01-15', [nomination('x/1', 'individual', 'approved', 'cstdcs')]),
    },
    {
      id: 'tong-ket-2024',
      title: 'Tổng kết năm 2024',
      started: '2024-10-01T00:00:00Z',
      awards: decided('tong-ket-2024', '2024-12-20', [nomination('y/1', 'collective', 'approved', 'bang-khen-tinh')]),
    },
    {
      id: 'chuyen-de-2026',
      title: 'Chuyên đề 2026',
      started: '2026-09-01T00:00:00Z',
      awards: { ...decided('chuyen-de-2026', '2026-11-01', []), state: 'closed', decision: undefined },
    },
    { id: 'cu-2026', title: 'Đợt không xét khen thưởng', started: '2026-02-01T00:00:00Z' },
    // Started after the year and undecided: nothing to do with it, not even listed as skipped.
    { id: 'tong-ket-2027', title: 'Tổng kết năm 2027', started: '2027-10-01T00:00:00Z' },
    // A rehearsal started later from an earlier year's plan, decided on a day of that year: counted.
    {
      id: 'dien-tap-2026',
      title: 'Diễn tập',
      started: '2027-03-01T00:00:00Z',
      awards: decided('dien-tap-2026', '2026-12-31', [nomination('z/1', 'individual', 'approved', 'cstdcs')]),
    },
  ]);

  const result = await yearAwardStatistics(ctx, 2026, catalogue);

  // Each with its plan's number (the memo's), for the page and the workbook's list of campaigns.
  expect(result.campaigns).toEqual([
    {
      planNumber: '1/KH',
      campaignId: 'tong-ket-2025',
      title: 'Tổng kết năm 2025',
      decision: { number: 'tong-ket-2025/QĐ', date: '2026-01-15' },
    },
    {
      planNumber: '1/KH',
      campaignId: 'so-ket-2026-h1',
      title: 'Sơ kết 6 tháng 2026',
      decision: { number: 'so-ket-2026-h1/QĐ', date: '2026-07-20' },
    },
    {
      planNumber: '1/KH',
      campaignId: 'tong-ket-2026',
      title: 'Tổng kết năm 2026',
      decision: { number: 'tong-ket-2026/QĐ', date: '2026-12-10' },
    },
    {
      campaignId: 'dien-tap-2026',
      planNumber: '1/KH',
      title: 'Diễn tập',
      decision: { number: 'dien-tap-2026/QĐ', date: '2026-12-31' },
    },
  ]);
  // CSTĐCS: 1 + 2 + 1 (+ 1 of the rehearsal) individuals; Bằng khen tỉnh: 1 collective (2024's is left out); Bằng khen TTg: 1.
  expect(result.rows.map((r) => [r.formCode, r.collective, r.individual])).toEqual([
    ['cstdcs', 0, 5],
    ['bang-khen-tinh', 1, 0],
    ['bang-khen-ttg', 1, 0],
  ]);
  expect(result.skipped).toEqual([
    {
      campaignId: 'chuyen-de-2026',
      code: 'closed',
      reason: 'đã kết thúc bỏ phiếu, chưa ghi số và ngày quyết định khen thưởng',
    },
    { campaignId: 'cu-2026', code: 'no-awards', reason: 'đợt chưa có phần xét khen thưởng (Hội đồng chưa biểu quyết)' },
  ]);

  // The other year sees only its own decision.
  const y2024 = await yearAwardStatistics(ctx, 2024, catalogue);
  expect(y2024.campaigns.map((c) => c.campaignId)).toEqual(['tong-ket-2024']);
  expect(y2024.rows.map((r) => [r.formCode, r.collective, r.individual])).toEqual([['bang-khen-tinh', 1, 0]]);
});

test('a campaign listed once per run is read and counted once; a year with nothing decided has no rows', async () => {
  const awards = decided('lap-lai', '2026-06-01', [nomination('a/1', 'individual', 'approved', 'cstdcs')]);
  const run = { id: 'lap-lai', title: 'Đợt chạy lại', started: '2026-01-01T00:00:00Z', awards };
  const { ctx, queried } = fakeContext([run, run]);
  const result = await yearAwardStatistics(ctx, 2026, catalogue);
  expect(result.rows).toEqual([
    { formCode: 'cstdcs', formName: 'Chiến sĩ thi đua cơ sở', collective: 0, individual: 1 },
  ]);
  expect(queried).toEqual([awardsWorkflowId('lap-lai')]);
  expect((await yearAwardStatistics(ctx, 2025, catalogue)).rows).toEqual([]);
  await expect(yearAwardStatistics(ctx, 20266, catalogue)).rejects.toThrow(/năm "20266"/);
});

/**
 * `thidua campaign status` of a campaign whose awards child failed (issue 17): the failure is read
 * from the campaign's memo by the real `campaignUnits` (no worker needed) and printed under the phase
 * line — phase, the workflow's own message, when — in Vietnamese and English, and carried by `--json`.
 * `thidua campaign list` reads the same memo through the real `listCampaigns` and marks the row `!!`.
 * The visibility store is a stand-in answering describe, count and list.
 */
import type { Settings } from '../../../config/settings';
import { statusCommand } from '../../../client/commands/campaign-status';
import { listCommand } from '../../../client/commands/campaign-actions';
import type { PhaseFailure } from '../../../domain/workflow-types';

const ID = 'kh-67-khen-thuong';
const REFUSAL =
  'Các đơn vị gửi 612 hồ sơ đề nghị khen thưởng, 612 hồ sơ cần Hội đồng biểu quyết (5 thành viên: 3060 phiếu); ' +
  'hệ thống hỗ trợ tối đa 500 hồ sơ và 1400 phiếu trong một lần xét. Hãy chia việc xét khen thưởng thành các đợt con ' +
  '(sub-campaign) theo khối đơn vị.';
const FAILURE: PhaseFailure = {
  phase: 'awards',
  name: 'Xét khen thưởng',
  workflowId: `campaign/${ID}/awards`,
  message: REFUSAL,
  at: '2026-12-05T01:30:00.000Z', // 08:30 in Hà Nội
};

let memo: Record<string, unknown> = {};

/** A campaign workflow as visibility lists it: its memo, its search attributes. */
const listed = (campaignId: string, m: Record<string, unknown>, startTime: string) => ({
  workflowId: `campaign/${campaignId}`,
  status: { name: 'COMPLETED' },
  startTime: new Date(startTime),
  memo: m,
  typedSearchAttributes: {
    get: (key: { name: string }) => ({ Phase: 'closed', CampaignId: campaignId })[key.name as 'Phase'],
  },
});

const client = {
  options: { namespace: 'default' },
  withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
  workflow: {
    getHandle: () => ({
      describe: async () => ({
        workflowId: `campaign/${ID}`,
        type: 'campaignWorkflow',
        status: { name: 'COMPLETED' },
        memo,
        typedSearchAttributes: {
          get: (key: { name: string }) => ({ Phase: 'closed', CampaignId: ID })[key.name as 'Phase'],
        },
      }),
      query: async () => {
        throw Object.assign(new Error('no worker answered'), { name: 'TimeoutError' });
      },
    }),
    // Two units, both submitted and locked.
    count: async (query: string) => ({
      count: /SubmissionStatus = '(?!submitted)/.test(query) ? 0 : 2,
    }),
    // The campaigns (`campaign list`): this one with the memo under test, and one that did not fail.
    // No unit rows are needed.
    list: ({ query }: { query: string }) =>
      (async function* () {
        if (!query.includes("WorkflowType = 'campaignWorkflow'")) return;
        yield listed(ID, memo, '2026-11-02T01:00:00.000Z');
        yield listed('kh-12-so-ket', { planNumber: '12-KH/TU', title: 'Sơ kết 6 tháng' }, '2026-11-01T01:00:00.000Z');
      })(),
  },
};

jest.mock('../../../client/connect', () => {
  const actual = jest.requireActual('../../../client/connect');
  return {
    ...actual,
    connect: async () => ({
      client,
      settings: {
        dataDir: '/nonexistent',
        timeZone: 'Asia/Ho_Chi_Minh',
        taskQueue: 'thidua',
        temporalUiUrl: 'http://localhost:8233',
      } as Settings,
      address: 'localhost:7233',
      close: async () => undefined,
    }),
  };
});

async function run(argv: string[], command = statusCommand) {
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
  const code = await command(argv, io as never);
  return { code, out };
}

const saved = process.env.THIDUA_LANG;
beforeEach(() => {
  delete process.env.THIDUA_LANG;
  memo = { planNumber: '67-KH/TU', title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW', phaseFailures: [FAILURE] };
});
afterAll(() => {
  if (saved !== undefined) process.env.THIDUA_LANG = saved;
});

test('the failed awards show right under the phase line, with the refusal and the local time', async () => {
  const { code, out } = await run([ID]);
  expect(code).toBe(0);
  const lines = out.split('\n');
  const phase = lines.findIndex((l) => l.startsWith('Giai đoạn: Đã kết thúc'));
  expect(phase).toBe(1);
  expect(lines[phase + 1]).toBe(
    '!! LỖI: giai đoạn "Xét khen thưởng" (Khen thưởng) không thực hiện được, dừng lúc 05/12/2026 08:30',
  );
  expect(lines[phase + 2]).toBe(`   Lý do: ${REFUSAL}`);
  expect(lines[phase + 3]).toContain('giai đoạn này không tự chạy lại');
});

test('in English: the notice in English, the refusal as the workflow wrote it', async () => {
  const { out } = await run([ID, '--lang', 'en']);
  expect(out).toContain('!! FAILED: phase "Xét khen thưởng" (awards) did not run, stopped at 05/12/2026 08:30');
  expect(out).toContain(`   Reason: ${REFUSAL}`);
  expect(out).toContain('this one is not run again by itself');
});

test('--json carries the failures as the memo holds them', async () => {
  const json = JSON.parse((await run([ID, '--json'])).out);
  expect(json.phase).toBe('closed');
  expect(json.phaseFailures).toEqual([FAILURE]);
});

test('a campaign without a failure prints no notice and no phaseFailures', async () => {
  memo = { planNumber: '67-KH/TU', title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW' };
  const { out } = await run([ID]);
  expect(out).not.toContain('!!');
  expect(out).not.toContain('Lý do');
  expect(JSON.parse((await run([ID, '--json'])).out).phaseFailures).toBeUndefined();
});

describe('campaign list', () => {
  const rowOf = (out: string, id: string) => out.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';

  test('the failed campaign ends its row with !! LỖI and the phase; the other row has no mark', async () => {
    const { code, out } = await run([], listCommand);
    expect(code).toBe(0);
    expect(rowOf(out, ID)).toMatch(
      /^kh-67-khen-thuong +67-KH\/TU +Đã kết thúc +COMPLETED +Tổng kết 10 năm Chỉ thị 39-CT\/TW {2}!! LỖI: Xét khen thưởng \(xem thidua campaign status\)$/,
    );
    expect(rowOf(out, 'kh-12-so-ket')).toMatch(/^kh-12-so-ket +12-KH\/TU +Đã kết thúc +COMPLETED +Sơ kết 6 tháng$/);
    expect(out.match(/!!/g)).toHaveLength(1);
  });

  test('in English', async () => {
    const { out } = await run(['--lang', 'en'], listCommand);
    expect(rowOf(out, ID)).toMatch(
      /Tổng kết 10 năm Chỉ thị 39-CT\/TW {2}!! FAILED: Xét khen thưởng \(see thidua campaign status\)$/,
    );
    expect(rowOf(out, 'kh-12-so-ket')).not.toContain('!!');
  });

  test('without a failure in the memo, no row is marked', async () => {
    memo = { planNumber: '67-KH/TU', title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW' };
    const { out } = await run([], listCommand);
    expect(rowOf(out, ID)).toMatch(/Tổng kết 10 năm Chỉ thị 39-CT\/TW$/);
    expect(out).not.toContain('!!');
  });
});

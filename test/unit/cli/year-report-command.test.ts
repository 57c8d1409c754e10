/**
 * `thidua campaign report --year 2026 --xlsx FILE` and `campaign report CAMPAIGN --xlsx FILE` as a
 * user runs them: the command's own parsing, use case, text and workbook, against a fake Temporal
 * client (visibility list + the awards query) in place of `connect` — the one piece replaced here.
 * The counts in the workbook read back are the ones printed.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { campaignReportCommand } from '../../../client/commands/awards';
import type { Settings } from '../../../config/settings';
import { awardsWorkflowId, type AwardNominationView, type AwardsStatusView } from '../../../domain/award-types';
import { CampaignIdKey } from '../../../domain/search-attributes';

const nomination = (id: string, type: AwardNominationView['type'], awardedForm: string): AwardNominationView => ({
  id,
  unitId: id.split('/')[0],
  unitName: id.split('/')[0],
  type,
  name: `Đối tượng ${id}`,
  proposedForm: awardedForm,
  reasons: '…',
  receivedAt: '2026-03-15T03:00:00.000Z',
  check: { route: 'council', unmet: [], judged: [] },
  state: 'approved',
  recused: [],
  awardedForm,
});

const decided = (campaignId: string, date: string, nominations: AwardNominationView[]): AwardsStatusView => ({
  campaignId,
  state: 'decided',
  authority: 'ministry-province',
  members: [],
  nominations,
  decision: {
    number: `${campaignId.length}/QĐ-UBND`,
    date,
    file: { name: 'qd.docx', size: 1, sha256: 'a'.repeat(64), contentType: 'x' },
    by: 'cv',
    at: `${date}T02:00:00.000Z`,
  },
  remindersSent: 0,
  escalationsSent: 0,
});

const CAMPAIGNS = [
  {
    id: 'so-ket-2026',
    awards: decided('so-ket-2026', '2026-07-20', [
      nomination('a/1', 'individual', 'cstdcs'),
      nomination('a/2', 'collective', 'bang-khen-tinh'),
    ]),
  },
  {
    id: 'tong-ket-2026',
    awards: decided('tong-ket-2026', '2026-11-25', [
      nomination('b/1', 'individual', 'cstdcs'),
      nomination('b/2', 'individual', 'cstdcs'),
    ]),
  },
  { id: 'khong-khen-2026' },
];

const client = {
  workflow: {
    list: () =>
      (async function* () {
        for (const c of CAMPAIGNS) {
          yield {
            workflowId: `campaign-${c.id}`,
            memo: { title: `Đợt ${c.id}` },
            status: { name: 'RUNNING' },
            startTime: new Date('2026-02-01T00:00:00Z'),
            typedSearchAttributes: { get: (key: unknown) => (key === CampaignIdKey ? c.id : undefined) },
          };
        }
      })(),
    getHandle: (workflowId: string) => ({
      query: async () => {
        const found = CAMPAIGNS.find((c) => awardsWorkflowId(c.id) === workflowId)?.awards;
        if (!found) throw Object.assign(new Error('not found'), { name: 'WorkflowNotFoundError' });
        return found;
      },
    }),
  },
  withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
} as unknown as Client;

jest.mock('../../../client/connect', () => ({
  ...jest.requireActual('../../../client/connect'),
  connect: async () => ({
    client,
    settings: { taskQueue: 'thidua', timeZone: 'Asia/Ho_Chi_Minh' } as Settings,
    address: 'fake',
    close: async () => undefined,
  }),
}));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-year-report-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  let out = '';
  let err = '';
  const code = await campaignReportCommand(argv, {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
  });
  return { code, out, err };
}

async function sheetRows(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const ws = workbook.worksheets[0];
  const rows: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) rows.push([2, 3, 4, 5].map((c) => ws.getRow(r).getCell(c).value));
  return { title: ws.getCell('A1').value, rows };
}

test('--year prints the summed table with the campaigns counted and skipped, and --xlsx writes the same counts', async () => {
  const file = path.join(dir, 'thong-ke-2026.xlsx');
  const { code, out } = await run(['--year', '2026', '--xlsx', file]);
  expect(code).toBe(0);
  expect(out).toMatch(/^Thống kê khen thưởng năm 2026 — 2 đợt/);
  expect(out).toMatch(/Chiến sĩ thi đua cơ sở\s+0\s+3\s+3/);
  expect(out).toMatch(/Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\s+1\s+0\s+1/);
  expect(out).toContain('  - tong-ket-2026 — Đợt tong-ket-2026: Quyết định số 13/QĐ-UBND ngày 25/11/2026');
  expect(out).toContain('  - khong-khen-2026: đợt chưa có phần xét khen thưởng');
  expect(out.trimEnd().split('\n').at(-1)).toBe(`Đã ghi bảng thống kê vào ${file}`);
  expect(await sheetRows(file)).toEqual({
    title: 'Thống kê khen thưởng năm 2026',
    rows: [
      ['Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 1, 0, 1],
      ['Chiến sĩ thi đua cơ sở', 0, 3, 3],
      ['Tổng cộng', 1, 3, 4],
    ],
  });
  // The campaigns it counted, on their own sheet, as the dashboard's workbook lists them.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const counted = workbook.getWorksheet('Các đợt được tính');
  expect(counted).toBeDefined();
  const ids = [];
  for (let r = 4; r <= counted!.rowCount; r++) ids.push(counted!.getRow(r).getCell(4).value);
  expect(ids).toEqual(['so-ket-2026', 'tong-ket-2026']);
});

test('--year --json gives the use case’s result on stdout only; English with --lang en; another year has nothing', async () => {
  const json = await run(['--year', '2026', '--json']);
  const parsed = JSON.parse(json.out) as { campaigns: Array<{ campaignId: string }>; skipped: Array<{ code: string }> };
  expect(parsed.campaigns.map((c) => c.campaignId)).toEqual(['so-ket-2026', 'tong-ket-2026']);
  expect(parsed.skipped).toEqual([expect.objectContaining({ campaignId: 'khong-khen-2026', code: 'no-awards' })]);
  const en = await run(['--year', '2026', '--lang', 'en']);
  expect(en.out).toContain('Campaigns not counted:\n  - khong-khen-2026: the campaign has no awards phase');
  expect((await run(['--year', '2025'])).out).toContain('Chưa có khen thưởng nào.');
});

test('one campaign with --xlsx writes its own table; with --json the note goes to stderr', async () => {
  const file = path.join(dir, 'tong-ket.xlsx');
  const { code, out, err } = await run(['tong-ket-2026', '--json', '--xlsx', file]);
  expect(code).toBe(0);
  expect(JSON.parse(out)).toEqual([
    { formCode: 'cstdcs', formName: 'Chiến sĩ thi đua cơ sở', collective: 0, individual: 2 },
  ]);
  expect(err).toBe(`Đã ghi bảng thống kê vào ${file}\n`);
  expect(await sheetRows(file)).toEqual({
    title: 'Thống kê khen thưởng — đợt tong-ket-2026 (Quyết định số 13/QĐ-UBND)',
    rows: [
      ['Chiến sĩ thi đua cơ sở', 0, 2, 2],
      ['Tổng cộng', 0, 2, 2],
    ],
  });
});

/**
 * `thidua awards` and `thidua campaign report`: the report's text is golden (Vietnamese and English),
 * built from a decided vote on the test catalogue; usage errors (no --as, a bad choice, a bad date)
 * and an unknown login are refused before Temporal is reached.
 *
 * To refresh after an intended change (e.g. the statistics module's table):
 * `UPDATE_GOLDEN=1 npx jest --runTestsByPath test/unit/cli/awards-command.test.ts`, then review the diff.
 */
import { cliFailure, useCliDataDir } from '../../helpers/cli-data-dir';
import fs from 'node:fs';
import path from 'node:path';
import {
  awardsDecideCommand,
  awardsStatusCommand,
  awardsVoteCommand,
  awardsWrittenVoteCommand,
  campaignReportCommand,
  campaignReportOf,
  showAwards,
  yearReport,
} from '../../../client/commands/awards';
import type { YearAwardStatistics } from '../../../app/award-statistics';
import { SKIP_REASONS } from '../../../app/award-statistics';
import { awardStatistics } from '../../../documents/award-statistics';
import { usage } from '../../../client/thidua';
import { loadAwardCatalogue } from '../../../domain/award-catalogue';
import type { AwardNominationView, AwardsStatusView, CouncilMember, Vote } from '../../../domain/award-types';
import { awardsStatusView } from '../../../workflows/awards-status';

const GOLDEN = path.resolve(__dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';
const catalogue = loadAwardCatalogue(path.resolve(__dirname, '../../fixtures/award-forms-vote-test.yaml'));

const n = (
  id: string,
  type: AwardNominationView['type'],
  proposedForm: string,
  state: AwardNominationView['state'],
  awardedForm?: string,
): AwardNominationView => ({
  id,
  unitId: id.split('/')[0],
  unitName: id.startsWith('so') ? 'Sở Nội vụ' : 'Huyện ủy Tam Dương',
  type,
  name: `Đối tượng ${id}`,
  proposedForm,
  reasons: '…',
  receivedAt: '2026-10-15T03:00:00.000Z',
  check: { route: state === 'higher-level' ? 'higher-level' : 'council', unmet: [], judged: [] },
  state,
  recused: [],
  tally: { approve: 3, reject: 1, abstain: 0, notVoted: 0, eligible: 4 },
  ...(awardedForm ? { awardedForm } : {}),
});

const DECIDED: AwardsStatusView = {
  campaignId: 'tong-ket-39-2026',
  state: 'decided',
  authority: 'ministry-province',
  members: [
    { account: 'chu', name: 'Nguyễn Văn Chủ', chair: true, voted: 4, toVote: 4 },
    { account: 'an', name: 'Lê Thị An', unitId: 'so-noi-vu', voted: 2, toVote: 2 },
  ],
  nominations: [
    n('so-noi-vu/1', 'individual', 'Chiến sĩ thi đua cơ sở', 'approved', 'cstdcs'),
    n('so-noi-vu/2', 'individual', 'Chiến sĩ thi đua cơ sở', 'approved', 'cstdcs'),
    n('so-noi-vu/3', 'collective', 'Bằng khen của Chủ tịch UBND tỉnh', 'approved', 'bang-khen-tinh'),
    n('tam-duong/1', 'collective', 'Bằng khen của Chủ tịch UBND tỉnh', 'rejected'),
    n('tam-duong/2', 'collective', 'Bằng khen của Thủ tướng Chính phủ', 'higher-level'),
    n('tam-duong/3', 'individual', 'Chiến sĩ thi đua cơ sở', 'no-quorum'),
  ],
  decision: {
    number: '125/QĐ-UBND',
    date: '2026-11-25',
    file: { name: 'qd.docx', size: 1, sha256: 'a'.repeat(64), contentType: 'x' },
    by: 'cv',
    at: '2026-11-25T02:00:00.000Z',
  },
  remindersSent: 2,
  escalationsSent: 1,
};

function golden(name: string, actual: string) {
  const file = path.join(GOLDEN, name);
  if (update) fs.writeFileSync(file, actual);
  if (!fs.existsSync(file)) throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

test('campaign report: the counts by form, collective and individual, as golden text in both languages', () => {
  const vi = campaignReportOf(DECIDED, catalogue, 'vi');
  // Restated independently of the golden file: 2 individuals CSTĐCS, 1 collective Bằng khen tỉnh.
  expect(vi).toMatch(/Chiến sĩ thi đua cơ sở\D+0\D+2/);
  expect(vi).toMatch(/Bằng khen của Chủ tịch UBND tỉnh\D+1\D+0/);
  golden('campaign-report.vi.txt', vi);
  golden('campaign-report.en.txt', campaignReportOf(DECIDED, catalogue, 'en'));
  // Before the decision the report says the counts are provisional.
  expect(campaignReportOf({ ...DECIDED, state: 'closed' }, catalogue, 'vi')).toMatch(/chưa có quyết định khen thưởng/);
});

test('campaign report --year: the summed table, the campaigns counted and those skipped with why, golden in both languages', () => {
  const other: AwardsStatusView = {
    ...DECIDED,
    campaignId: 'so-ket-2026-h1',
    nominations: [
      n('tam-duong/9', 'individual', 'Chiến sĩ thi đua cơ sở', 'approved', 'cstdcs'),
      n('tam-duong/8', 'collective', 'Bằng khen của Thủ tướng Chính phủ', 'approved', 'bang-khen-ttg'),
    ],
  };
  const result: YearAwardStatistics = {
    year: 2026,
    campaigns: [
      {
        campaignId: 'so-ket-2026-h1',
        title: 'Sơ kết 6 tháng đầu năm 2026',
        decision: { number: '80/QĐ-UBND', date: '2026-07-20' },
      },
      {
        campaignId: 'tong-ket-39-2026',
        title: 'Tổng kết năm 2026',
        decision: { number: '125/QĐ-UBND', date: '2026-11-25' },
      },
    ],
    // Counted by the statistics module's own counter, as the use case does.
    rows: awardStatistics([...other.nominations, ...DECIDED.nominations], catalogue),
    skipped: [
      { campaignId: 'chuyen-de-2026', code: 'closed', reason: SKIP_REASONS.closed },
      { campaignId: 'cu-2026', code: 'no-awards', reason: SKIP_REASONS['no-awards'] },
    ],
  };
  const vi = yearReport(result, 'vi');
  // 2 + 1 individuals CSTĐCS; 1 collective each for the two Bằng khen.
  expect(vi).toMatch(/Chiến sĩ thi đua cơ sở\D+0\D+3\D+3/);
  expect(vi).toMatch(/Bằng khen của Thủ tướng Chính phủ\D+1\D+0/);
  expect(vi).toMatch(/Tổng cộng\D+2\D+3\D+5/);
  expect(vi).toContain('tong-ket-39-2026 — Tổng kết năm 2026: Quyết định số 125/QĐ-UBND ngày 25/11/2026');
  expect(vi).toContain('cu-2026: đợt chưa có phần xét khen thưởng');
  golden('year-report.vi.txt', vi);
  const en = yearReport(result, 'en');
  expect(en).toContain('cu-2026: the campaign has no awards phase');
  golden('year-report.en.txt', en);
  // A year with nothing decided says so, and still lists what was skipped.
  expect(yearReport({ ...result, campaigns: [], rows: [] }, 'vi')).toMatch(
    /0 đợt có quyết định[\s\S]*Chưa có khen thưởng nào\.[\s\S]*Các đợt không tính:/,
  );
});

test('awards status shows members, outcomes and counts', () => {
  const text = showAwards(DECIDED, 'vi', 'Asia/Ho_Chi_Minh');
  expect(text).toContain('Xét khen thưởng — đợt tong-ket-39-2026: đã có quyết định khen thưởng');
  expect(text).toContain('Nguyễn Văn Chủ (Chủ tịch)');
  expect(text).toMatch(/tam-duong\/2 .*đề nghị cấp trên/);
  expect(text).toMatch(/tam-duong\/1 .*không đạt .*3\/1\/0\/0/);
});

test('a decided vote as the clerk reads it: the decision dated dd/MM/yyyy, the form awarded by name, no 0/0 progress', () => {
  // The view as the workflow answers it after the close (workflows/awards-status.ts): each member's
  // progress still counts the nominations that were in the vote, and every vote is shown.
  const council: CouncilMember[] = [
    { account: 'chu', name: 'Nguyễn Văn Chủ', email: 'chu@example.vn', chair: true },
    { account: 'an', name: 'Lê Thị An', email: 'an@example.vn', unitId: 'so-noi-vu' },
  ];
  const inVote = DECIDED.nominations.filter((x) => x.check.route === 'council');
  const votes: Vote[] = council.flatMap((m) =>
    inVote.map((x) => ({
      member: m.account,
      nominationId: x.id,
      choice: 'approve' as const,
      at: '2026-11-20T02:00:00.000Z',
    })),
  );
  const closed = awardsStatusView(
    {
      campaignId: DECIDED.campaignId,
      authority: DECIDED.authority,
      council,
      schedule: undefined,
      state: 'decided',
      nominations: DECIDED.nominations,
      votes,
    },
    { decision: DECIDED.decision, remindersSent: 2, escalationsSent: 1 },
  );
  expect(closed.members.map((m) => [m.account, m.voted, m.toVote])).toEqual([
    ['chu', 5, 5],
    ['an', 5, 5],
  ]);
  const text = showAwards(closed, 'vi', 'Asia/Ho_Chi_Minh', catalogue);
  expect(text).toContain('Quyết định số 125/QĐ-UBND ngày 25/11/2026 (cv)');
  expect(text).toMatch(/so-noi-vu\/3 .*đạt \(Bằng khen của Chủ tịch UBND tỉnh\)/);
  expect(text).not.toContain('(bang-khen-tinh)');
  // The progress is the vote's business: after the close the member's line has none.
  expect(text).toMatch(/an +Lê Thị An +so-noi-vu *$/m);
  expect(text).not.toMatch(/ \d+\/\d+$/m);
  expect(text).not.toContain('Đã bỏ phiếu');
  // While voting, each member's progress shows.
  expect(showAwards({ ...DECIDED, state: 'voting' }, 'vi', 'UTC', catalogue)).toMatch(/an +Lê Thị An +so-noi-vu +2\/2/);
});

test('awards status of a large vote: the page shown, which of how many, the counts of all (issue 17)', () => {
  const paged: AwardsStatusView = {
    ...DECIDED,
    page: { page: 2, pageSize: 1_000, total: 10_000, pages: 10 },
    counts: { 'in-vote': 0, 'higher-level': 40, approved: 9_000, rejected: 950, 'no-quorum': 10 },
  };
  const text = showAwards(paged, 'vi', 'Asia/Ho_Chi_Minh');
  expect(text).toContain(`Trang 2/10: ${DECIDED.nominations.length} trong 10000 hồ sơ; xem trang khác bằng --page N`);
  expect(text).toContain(
    'Hồ sơ: 0 đang biểu quyết, 9000 được thông qua, 950 không được thông qua, 10 không đủ số phiếu, 40 đề nghị cấp trên',
  );
  expect(showAwards(paged, 'en', 'Asia/Ho_Chi_Minh')).toContain('Page 2/10:');
  // One page of all: nothing said of pages.
  expect(showAwards({ ...paged, page: { page: 1, pageSize: 1_000, total: 3, pages: 1 } }, 'vi', 'UTC')).not.toContain(
    'Trang',
  );
});

useCliDataDir('awards-cli');

test('a bad --page or --page-size is a usage error (exit 2) before Temporal is reached', async () => {
  const err = await failure(awardsStatusCommand(['c1', '--page', '0']));
  expect([err?.exitCode, err?.message]).toEqual([2, '--page "0": ghi một số nguyên từ 1']);
  const en = await failure(awardsStatusCommand(['c1', '--page-size', 'nhiều', '--lang', 'en']));
  expect([en?.exitCode, en?.message]).toEqual([2, '--page-size "nhiều": a whole number from 1']);
});
const failure = cliFailure;

test('bad command lines and unknown logins are refused before Temporal is reached', async () => {
  expect((await failure(awardsVoteCommand(['c1', 'so-noi-vu/1', 'approve'])))?.message).toMatch(/^--as LOGIN/);
  expect((await failure(awardsVoteCommand(['c1', 'so-noi-vu/1', 'yes', '--as', 'an'])))?.message).toBe(
    'phiếu "yes": một trong approve (đồng ý), reject (không đồng ý), abstain (không biểu quyết)',
  );
  expect((await failure(awardsWrittenVoteCommand(['c1', 'so-noi-vu/1', 'reject', '--as', 'cv'])))?.message).toMatch(
    /^cách dùng: thidua awards/,
  );
  expect(
    (
      await failure(
        awardsDecideCommand(['c1', '--number', '1/QĐ', '--date', '31/11/2026', '--as', 'cv', '--lang', 'en']),
      )
    )?.message,
  ).toBe('--date "31/11/2026": not a date; write it day/month/year, e.g. 25/11/2009');
  expect(
    (await failure(awardsDecideCommand(['c1', '--number', '1/QĐ', '--date', '2026-11-25T00:00', '--as', 'cv'])))
      ?.message,
  ).toBe('--date "2026-11-25T00:00": không phải một ngày; ghi dạng ngày/tháng/năm, ví dụ 25/11/2009');
  // The day as a clerk writes it passes the checks: only the unknown account stops it.
  expect(
    (await failure(awardsDecideCommand(['c1', '--number', '1/QĐ', '--date', '25/11/2026', '--as', 'khong-co'])))
      ?.message,
  ).toMatch(/^không có tài khoản "khong-co"/);
  expect((await failure(awardsVoteCommand(['c1', 'so-noi-vu/1', 'approve', '--as', 'khong-co'])))?.message).toMatch(
    /^không có tài khoản "khong-co"/,
  );
});

test('a missing or bad --year, or a year with a campaign, is a usage error (exit 2) before Temporal is reached', async () => {
  const refused = async (argv: string[]) => {
    const err = await failure(campaignReportCommand(argv));
    return [err?.exitCode, err?.message];
  };
  expect(await refused(['--year'])).toEqual([
    2,
    '--year "": ghi năm bằng bốn chữ số, từ 2000 đến 2100, ví dụ --year 2026',
  ]);
  expect(await refused(['--year', '26'])).toEqual([
    2,
    '--year "26": ghi năm bằng bốn chữ số, từ 2000 đến 2100, ví dụ --year 2026',
  ]);
  expect(await refused(['--year', 'năm-nay', '--lang', 'en'])).toEqual([
    2,
    '--year "năm-nay": write the year in four digits, 2000 to 2100, e.g. --year 2026',
  ]);
  expect(await refused(['--year', '1999'])).toEqual([2, expect.stringMatching(/^--year "1999"/)]);
  expect(await refused(['--year', '--json'])).toEqual([2, expect.stringMatching(/^--year "--json"/)]);
  expect(await refused(['tong-ket-2026', '--year', '2026'])).toEqual([
    2,
    'thống kê một đợt (CAMPAIGN) hoặc cả năm (--year NĂM), không cả hai',
  ]);
  expect(await refused([])).toEqual([
    2,
    expect.stringMatching(/^cách dùng: thidua campaign report CAMPAIGN\|--year NĂM/),
  ]);
});

test('--help lists the awards commands and the report in both languages', () => {
  expect(usage('vi')).toContain('thidua awards vote');
  expect(usage('vi')).toContain('thidua campaign report');
  expect(usage('en')).toContain('award counts by form, collective and individual');
  expect(usage('vi')).toContain('--year NĂM');
  expect(usage('en')).toContain('--year YEAR');
});

/**
 * A vote sheet's pure bounds (issue 17): more lines than a sheet carries, a sheet heavier than its
 * payload bound (long reasons), and a sheet past the vote's sheets or bytes are refused whole with
 * the numbers; more than 50 wrong lines are counted, not all listed; the UTF-8 size of Vietnamese
 * text is counted as the history stores it; and the dashboard draws a member's sheet in pages.
 */
import type { AwardCatalogue, AwardNominationView, CouncilMember } from '../../../domain/award-types';
import { sheetBytes, sheetRefusal, utf8Bytes } from '../../../domain/award-sheet';
import {
  CLAIMED_SHEET_HISTORY_BYTES,
  MAX_SHEET_BYTES,
  MAX_SHEETS_TOTAL_BYTES,
  MAX_VOTE_SHEETS,
  MAX_VOTES_PER_CLAIMED_SHEET,
  MAX_VOTES_PER_SHEET,
  maxInVote,
  sheetHistoryBytes,
  voteSheetsNeeded,
} from '../../../domain/scale-limits';
import { MAX_VOTE_REASON_CHARS } from '../../../domain/award-vote';
import { sheetPages } from '../../../portal/dashboard/awards-sheet';

const council: CouncilMember[] = [{ account: 'a', name: 'Nguyễn Văn A', email: 'a@x.vn', chair: true }];
const nominations: AwardNominationView[] = Array.from({ length: MAX_VOTES_PER_SHEET + 1 }, (_, i) => ({
  id: `u${i}/1`,
  unitId: `u${i}`,
  unitName: `Đơn vị ${i}`,
  type: 'collective',
  name: `Tập thể ${i}`,
  proposedForm: 'Giấy khen',
  reasons: '…',
  receivedAt: '2026-10-15T03:00:00.000Z',
  check: { formCode: 'giay-khen', route: 'council', unmet: [], judged: [] },
  state: 'in-vote',
  recused: [],
}));
const catalogue: AwardCatalogue = { forms: [] };
const ctx = { council, catalogue, authority: 'unit-head' as const, nominations };
const none = { sheets: 0, bytes: 0 };
const lines = (n: number, reason?: string) =>
  nominations
    .slice(0, n)
    .map((x) => ({ nominationId: x.id, choice: 'reject' as const, ...(reason ? { reason } : {}) }));

test('a sheet of MAX_VOTES_PER_SHEET lines is accepted; one more line is refused, telling to split it', () => {
  expect(sheetRefusal(ctx, { member: 'a', votes: lines(MAX_VOTES_PER_SHEET) }, none)).toBeUndefined();
  expect(sheetRefusal(ctx, { member: 'a', votes: lines(MAX_VOTES_PER_SHEET + 1) }, none)).toBe(
    `Phiếu tổng hợp của Nguyễn Văn A có ${MAX_VOTES_PER_SHEET + 1} dòng, tối đa ${MAX_VOTES_PER_SHEET} dòng một phiếu; hãy chia thành nhiều phiếu (mỗi trang một phiếu).`,
  );
});

test('a sheet heavier than its bound (long reasons) is refused with its size; within it, accepted', () => {
  const long = 'Ư'.repeat(MAX_VOTE_REASON_CHARS); // 2 bytes a letter in UTF-8
  const heavy = { member: 'a', votes: lines(100, long) };
  expect(sheetBytes(heavy)).toBeGreaterThan(MAX_SHEET_BYTES);
  expect(sheetRefusal(ctx, heavy, none)).toMatch(
    new RegExp(`^Phiếu tổng hợp của Nguyễn Văn A nặng \\d+ KB, tối đa ${MAX_SHEET_BYTES / 1024} KB`),
  );
  expect(sheetRefusal(ctx, { member: 'a', votes: lines(50, long) }, none)).toBeUndefined();
});

test("past the vote's sheets or bytes a sheet is refused, telling to correct by single votes", () => {
  const sheet = { member: 'a', votes: lines(3) };
  expect(sheetRefusal(ctx, sheet, { sheets: MAX_VOTE_SHEETS - 1, bytes: 0 })).toBeUndefined();
  expect(sheetRefusal(ctx, sheet, { sheets: MAX_VOTE_SHEETS, bytes: 0 })).toMatch(
    new RegExp(`^Hội đồng đã gửi ${MAX_VOTE_SHEETS} phiếu tổng hợp .*biểu quyết từng hồ sơ\\.$`),
  );
  expect(sheetRefusal(ctx, sheet, { sheets: 1, bytes: MAX_SHEETS_TOTAL_BYTES - 10 })).toMatch(
    /^Hội đồng đã gửi 1 phiếu tổng hợp/,
  );
});

test('more than 50 wrong lines: the first 50 named, the rest counted', () => {
  const votes = Array.from({ length: 60 }, (_, i) => ({ nominationId: `khong-co/${i}`, choice: 'reject' as const }));
  const message = sheetRefusal(ctx, { member: 'a', votes }, none)!.split('\n');
  expect(message[0]).toMatch(/có 60\/60 dòng sai/);
  expect(message).toHaveLength(1 + 50 + 1);
  expect(message[50]).toBe('Dòng 50 (hồ sơ khong-co/49): Không có hồ sơ đề nghị "khong-co/49" trong đợt này.');
  expect(message[51]).toBe('… và 10 dòng sai khác.');
});

test('UTF-8 bytes as stored: ASCII 1, Vietnamese letters 2 or 3, beyond the BMP 4', () => {
  expect(utf8Bytes('abc')).toBe(3);
  expect(utf8Bytes('Đồng ý')).toBe(Buffer.byteLength('Đồng ý', 'utf8'));
  expect(utf8Bytes('𝔸')).toBe(4);
});

test('the dashboard draws a member’s sheet in pages of MAX_VOTES_PER_SHEET', () => {
  const pages = sheetPages(nominations);
  expect(pages.map((p) => p.length)).toEqual([MAX_VOTES_PER_SHEET, 1]);
  expect(sheetPages(nominations.slice(0, 3))).toHaveLength(1);
});

test('with the claim check, a sheet of 5,000 lines is accepted and counted as its reference; without it, refused', () => {
  const threshold = 128 * 1024;
  const many = Array.from({ length: MAX_VOTES_PER_CLAIMED_SHEET + 1 }, (_, i) => ({
    ...nominations[0],
    id: `v${i}/1`,
    unitId: `v${i}`,
  }));
  const big = { ...ctx, nominations: many };
  const sheet = (n: number) => ({
    member: 'a',
    votes: many.slice(0, n).map((x) => ({ nominationId: x.id, choice: 'reject' as const })),
  });
  const full = sheet(MAX_VOTES_PER_CLAIMED_SHEET);
  expect(sheetBytes(full)).toBeGreaterThan(threshold);
  expect(sheetRefusal(big, full, none, threshold)).toBeUndefined();
  expect(sheetRefusal(big, full, none)).toMatch(/dòng, tối đa 1000 dòng một phiếu/);
  expect(sheetRefusal(big, sheet(MAX_VOTES_PER_CLAIMED_SHEET + 1), none, threshold)).toMatch(
    new RegExp(`tối đa ${MAX_VOTES_PER_CLAIMED_SHEET} dòng một phiếu`),
  );
  // In the vote's bytes: a reference above the threshold, the whole sheet at or below it.
  expect(sheetHistoryBytes(sheetBytes(full), threshold)).toBe(CLAIMED_SHEET_HISTORY_BYTES);
  expect(sheetHistoryBytes(threshold, threshold)).toBe(threshold);
  expect(sheetHistoryBytes(sheetBytes(full), 0)).toBe(sheetBytes(full));
  // Nearly out of bytes: an inline sheet is refused, pointing to the larger sheet file; a claim-checked one still fits.
  const used = { sheets: 10, bytes: MAX_SHEETS_TOTAL_BYTES - 2_000 };
  expect(sheetRefusal(big, sheet(100), used, threshold)).toMatch(/tệp phiếu tổng hợp lớn \(tới 5000 hồ sơ một tệp/);
  expect(sheetRefusal(big, full, used, threshold)).toBeUndefined();
});

test('10,000 nominations, a council of nine: with the claim check 18 sheets and a round of corrections fit; without it, not', () => {
  const threshold = 128 * 1024;
  const need = voteSheetsNeeded(10_000, 9, threshold);
  expect(need).toMatchObject({ sheets: 18, perSheet: MAX_VOTES_PER_CLAIMED_SHEET, fits: true });
  expect(need.bytes).toBe(18 * CLAIMED_SHEET_HISTORY_BYTES);
  expect(voteSheetsNeeded(10_000, 9).fits).toBe(false);
  // Pages just under the threshold stay inline: 40 members on 1,100 weigh 2 × 40 × 121 KB, over the budget.
  expect(voteSheetsNeeded(1_100, 40, threshold).fits).toBe(false);
  expect(maxInVote(40, threshold)).toBeLessThan(1_100);
});

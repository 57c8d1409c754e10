/**
 * A member's vote sheet, pure (imported by the awards workflow: no I/O, no clock): the refusal of a
 * whole sheet naming every wrong line (its position, the nomination, what is wrong) with the same rules
 * as a single vote ({@link voteRefusal}), and the sheet's size against the vote's budget (issue 17).
 */
import type { CastVoteSheetInput } from './award-types';
import { voteRefusal, type VoteContext } from './award-vote';
import { MAX_SHEETS_TOTAL_BYTES, MAX_VOTE_SHEETS, sheetBounds, sheetHistoryBytes } from './scale-limits';

/** A sheet's lines above which the budget's refusal points to larger sheets (the dashboard's page is 1,000). */
const MAX_LINES_INLINE_HINT = 1_000;
/** Lines named in a refusal at most: the rest are counted (the message reaches a page and a terminal). */
const MAX_LINES_NAMED = 50;

/** UTF-8 bytes of a text (the workflow has no Buffer): what the sheet weighs in the history. */
export function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The bytes of a sheet's input (its JSON): what it adds to the history unless claim-checked. */
export const sheetBytes = (sheet: CastVoteSheetInput): number => utf8Bytes(JSON.stringify(sheet));

/**
 * Why the whole sheet is refused (Vietnamese, every wrong line named), or undefined when all its lines
 * may be recorded. `used`: the sheets and their bytes in the history the vote recorded before;
 * `claimCheckBytes`: the claim check's threshold (larger sheets, counted as references above it).
 */
export function sheetRefusal(
  ctx: VoteContext,
  sheet: CastVoteSheetInput,
  used: { sheets: number; bytes: number },
  claimCheckBytes?: number,
): string | undefined {
  const most = sheetBounds(claimCheckBytes);
  const member = ctx.council.find((m) => m.account === sheet.member);
  if (!member) {
    return `Tài khoản "${String(sheet.member)}" không phải thành viên Hội đồng của đợt này; không thể bỏ phiếu.`;
  }
  if (!Array.isArray(sheet.votes) || sheet.votes.length === 0) {
    return `Phiếu tổng hợp của ${member.name} không có dòng nào; ghi ít nhất một hồ sơ và ý kiến.`;
  }
  if (sheet.votes.length > most.lines) {
    return (
      `Phiếu tổng hợp của ${member.name} có ${sheet.votes.length} dòng, tối đa ${most.lines} dòng một phiếu; ` +
      `hãy chia thành nhiều phiếu (mỗi trang một phiếu).`
    );
  }
  const bytes = sheetBytes(sheet);
  if (bytes > most.bytes) {
    return (
      `Phiếu tổng hợp của ${member.name} nặng ${Math.ceil(bytes / 1024)} KB, tối đa ${most.bytes / 1024} KB ` +
      `(lý do quá dài); hãy rút gọn lý do hoặc chia thành nhiều phiếu.`
    );
  }
  if (
    used.sheets >= MAX_VOTE_SHEETS ||
    used.bytes + sheetHistoryBytes(bytes, claimCheckBytes) > MAX_SHEETS_TOTAL_BYTES
  ) {
    // With the claim check, a larger sheet (a file sent by the CLI) weighs only its reference.
    const larger =
      most.lines > MAX_LINES_INLINE_HINT && used.sheets < MAX_VOTE_SHEETS
        ? `Hãy gửi các phiếu còn lại bằng tệp phiếu tổng hợp lớn (tới ${most.lines} hồ sơ một tệp: mục gửi tệp phiếu trên trang khen thưởng, hoặc lệnh thidua awards vote-sheet), ` +
          `hoặc sửa từng phiếu còn sai bằng biểu quyết từng hồ sơ.`
        : `Hãy sửa từng phiếu còn sai bằng biểu quyết từng hồ sơ.`;
    return (
      `Hội đồng đã gửi ${used.sheets} phiếu tổng hợp (${Math.ceil(used.bytes / 1024)} KB), tối đa ${MAX_VOTE_SHEETS} phiếu ` +
      `và ${MAX_SHEETS_TOTAL_BYTES / 2 ** 20} MB trong một lần xét; không ghi thêm phiếu tổng hợp. ${larger}`
    );
  }
  const indexed = { ...ctx, byId: ctx.byId ?? new Map(ctx.nominations.map((n) => [n.id, n])) };
  const wrong: string[] = [];
  const seen = new Map<string, number>();
  sheet.votes.forEach((line, i) => {
    const at = `Dòng ${i + 1}`;
    if (typeof line !== 'object' || line === null) {
      wrong.push(`${at}: không phải một phiếu (cần hồ sơ và ý kiến).`);
      return;
    }
    const first = seen.get(line.nominationId);
    if (first !== undefined) {
      wrong.push(`${at} (hồ sơ ${line.nominationId}): hồ sơ đã có ở dòng ${first}; mỗi hồ sơ một dòng.`);
      return;
    }
    seen.set(line.nominationId, i + 1);
    const refusal = voteRefusal(indexed, { ...line, member: sheet.member });
    if (refusal) wrong.push(`${at} (hồ sơ ${String(line.nominationId)}): ${refusal}`);
  });
  if (wrong.length === 0) return undefined;
  const more = wrong.length > MAX_LINES_NAMED ? [`… và ${wrong.length - MAX_LINES_NAMED} dòng sai khác.`] : [];
  return [
    `Phiếu tổng hợp của ${member.name} có ${wrong.length}/${sheet.votes.length} dòng sai; không dòng nào được ghi, hãy sửa rồi gửi lại cả phiếu:`,
    ...wrong.slice(0, MAX_LINES_NAMED),
    ...more,
  ].join('\n');
}

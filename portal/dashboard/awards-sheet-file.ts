/**
 * A member's vote sheet sent from the dashboard as a file (issue 17): the same CSV as the CLI's
 * `awards vote-sheet` (a line a nomination: id, choice, form, reason), up to 5,000 lines in one update.
 * Above the claim check's threshold such a sheet is a reference in the history, where the page's form
 * (1,000 nominations, ~80-110 KB) stays inline: at 10,000 nominations the pages alone would spend the
 * vote's budget before every member voted. Bad lines are refused naming the file's line, nothing sent.
 */
import { MAX_CLAIMED_SHEET_BYTES, sheetBounds } from '../../domain/scale-limits';
import { readVoteSheetCsv, withCsvLines } from '../../sheets/vote-sheet-csv';
import { ActionInputError } from './actions';
import type { AwardAction } from './awards-actions';
import { AppError } from '../../app/temporal-errors';
import { failure } from './routes-shared';

/** The largest file accepted (a sheet's CSV is smaller than its JSON). */
export const MAX_SHEET_FILE_BYTES = MAX_CLAIMED_SHEET_BYTES;

export const SHEET_FILE_ACTION: AwardAction = {
  id: 'tep-phieu-tong-hop',
  role: 'council',
  label: 'Gửi tệp phiếu tổng hợp',
  upload: true,
  applies: (v) => v.state === 'voting',
  run: async (ctx) => {
    const file = ctx.file;
    if (!file || file.bytes.length === 0) throw new ActionInputError('Chọn tệp phiếu tổng hợp (.csv) để gửi.');
    // Read with the portal's own threshold (its settings, as the CLI reads with its own); the workflow
    // checks again with the one recorded at the gathering.
    const read = readVoteSheetCsv(file.bytes, 'vi', ctx.awards.claimCheckBytes);
    if (read.problems.length > 0) {
      const lines = read.problems.map((p) => (p.row > 0 ? `${file.name}:${p.row}: ${p.message}` : p.message));
      throw new ActionInputError([`Tệp ${file.name} chưa gửi được:`, ...lines.slice(0, 50)].join('\n'));
    }
    try {
      const r = await ctx.awards.castVoteSheet(ctx.campaignId, ctx.actor, read.votes);
      return (
        `Đã ghi phiếu tổng hợp của bạn từ tệp ${file.name}: ${read.votes.length} đề nghị; ` +
        `đã biểu quyết ${r.member.voted}/${r.member.toVote} đề nghị.`
      );
    } catch (err) {
      // The workflow's "Dòng N (hồ sơ …)" told as the file's line, as the CLI does.
      const f = err instanceof AppError && err.code === 'refused' ? failure(err) : undefined;
      if (f) throw new ActionInputError(withCsvLines(f.message, file.name, read.rows));
      throw err;
    }
  },
};

/** The form: a file, the hint of its columns and of the lines the portal's threshold allows. */
export function sheetFileForm(to: string, hidden: string, beside: string, claimCheckBytes?: number): string {
  return (
    `<form method="post" action="${to}/do/${SHEET_FILE_ACTION.id}" id="action-${SHEET_FILE_ACTION.id}" enctype="multipart/form-data">${hidden}` +
    `<h3>${SHEET_FILE_ACTION.label}</h3>${beside}` +
    `<label for="sheet-file">Tệp .csv (mỗi dòng: mã hồ sơ, ý kiến, mã hình thức khi đồng ý, lý do; tối đa ${sheetBounds(claimCheckBytes).lines} dòng)</label>` +
    '<input id="sheet-file" type="file" name="file" accept=".csv,text/csv">' +
    '<p><button type="submit">Gửi tệp phiếu</button></p></form>'
  );
}

/**
 * How much the later phases' workflows carry within Temporal's default limits (issue 17): a history
 * warns at 10,240 events and 10 MiB, one payload at 512 KiB. Measured on the time-skipping server
 * by `test/workflow/later-phases-scale.test.ts` (N = 100, 200, 300; figures in the README's
 * Performance part); each maximum keeps the first limit reached below its warning, with a margin.
 */

/**
 * Nominations in one page of the status query's narrowed answer (issue 17), and the dashboard's page
 * (one vote sheet a page): ~625 bytes a nomination, with the votes after the close ~1.6 MB a page.
 */
export const MAX_AWARDS_PAGE_SIZE = 1_000;

/** Temporal's default limits a workflow must stay below: history events and bytes, one payload (warning / error). */
export const TEMPORAL_LIMITS = {
  eventsWarn: 10_240,
  eventsHard: 51_200,
  bytesWarn: 10 * 2 ** 20,
  bytesHard: 50 * 2 ** 20,
  payloadWarn: 512 * 2 ** 10,
  payloadHard: 2 * 2 ** 20,
} as const;

/**
 * The conference: 7 history events and ~1.9 KB per reply (each reply an update). The round of
 * messages' input (~510 bytes per invitee) and the status query (~450) are claim-checked above
 * 128 KiB (`config/claim-check.ts`): a reference in the history, no longer bounded by the payload
 * limits (they bound at ~1,030 invitees before). The events' warning binds now, at ~1,455 replies
 * when every invitee replies (the bytes' at ~4,900 to 5,450 in two runs, the view's 5 MiB budget
 * at ~11,700): 1,400.
 */
export const MAX_CONFERENCE_INVITEES = 1_400;

/**
 * The awards: ~970 bytes per nomination (three votes each) in the gathering's, the tally's and the
 * documents' payloads and the status view, claim-checked above 128 KiB (they bound at ~540 before,
 * the 512 KiB payload warning). A nomination alone adds 0.03 history events (the letters' pages):
 * the history's limits are far (the bytes' warning at ~14,500). What binds now is the view the worker
 * holds and answers whole and the portal decodes, kept within 5 MiB: ~5,400 nominations; 5,000.
 * Votes are bound separately ({@link MAX_SINGLE_VOTES}, {@link MAX_VOTE_SHEETS}).
 */
export const MAX_AWARD_NOMINATIONS = 5_000;

/**
 * The awards' single votes (one `castVote` update each): 7 history events and ~3.9 KB per vote, the
 * events' warning at ~1,450. Counted by the workflow at run time: beyond it a single vote is refused
 * and the member is told to send a sheet. 1,000 keeps 7,000 events, leaving room for the sheets.
 */
export const MAX_SINGLE_VOTES = 1_000;

/**
 * Lines of one vote sheet (`castVoteSheet`): a line is ~110 bytes of JSON without a reason, so 1,000
 * lines are ~110 KB, far below the 512 KiB payload warning; with reasons the sheet's own bound
 * {@link MAX_SHEET_BYTES} holds. A member with more nominations sends a sheet per page.
 */
export const MAX_VOTES_PER_SHEET = 1_000;
/** One sheet's input at most, UTF-8 bytes of its JSON (reasons included): half the payload warning. */
export const MAX_SHEET_BYTES = 256 * 2 ** 10;
/**
 * Sheets a vote records at most, and their bytes in all (counted by the workflow at run time): each
 * sheet is ~7 events whatever its lines (300 → ~2,100 events beside the single votes' 7,000), and its
 * input stays in the history (4 MiB beside the single votes' ~3.9 MB, below the 10 MiB warning).
 */
export const MAX_VOTE_SHEETS = 300;
export const MAX_SHEETS_TOTAL_BYTES = 4 * 2 ** 20;
/** What a sheet's line weighs in the history, measured (`test/workflow/award-sheets-scale.test.ts`): for the size check before the vote. */
export const SHEET_LINE_BYTES = 110;

/**
 * The sheets a vote needs (every member a sheet per page of nominations) and their bytes; it fits
 * when twice that (a full round of corrections) stays within {@link MAX_VOTE_SHEETS} and
 * {@link MAX_SHEETS_TOTAL_BYTES}.
 */
export function voteSheetsNeeded(inVote: number, members: number): { sheets: number; bytes: number; fits: boolean } {
  const sheets = members * Math.ceil(inVote / MAX_VOTES_PER_SHEET);
  const bytes = members * inVote * SHEET_LINE_BYTES;
  return { sheets, bytes, fits: 2 * sheets <= MAX_VOTE_SHEETS && 2 * bytes <= MAX_SHEETS_TOTAL_BYTES };
}

/**
 * Why the conference cannot run with these invitees (Vietnamese, for the secretariat), or undefined.
 * The campaign file's check refuses it first; this is the run-time check of a file stored before it.
 */
export function conferenceTooLarge(count: number, field: string): string | undefined {
  if (count <= MAX_CONFERENCE_INVITEES) return undefined;
  return (
    `Hội nghị mời ${count} khách mời (${field} trong tệp đợt); hệ thống hỗ trợ tối đa ` +
    `${MAX_CONFERENCE_INVITEES} khách mời một hội nghị. Hãy liệt kê các đơn vị được mời trong ${field} thay cho all.`
  );
}

/** Why the council's vote cannot run with these nominations (Vietnamese), or undefined. Known only once gathered. */
export function awardsTooLarge(p: { nominations: number; inVote: number; members: number }): string | undefined {
  const need = voteSheetsNeeded(p.inVote, p.members);
  if (p.nominations <= MAX_AWARD_NOMINATIONS && need.fits) return undefined;
  return (
    `Các đơn vị gửi ${p.nominations} hồ sơ đề nghị khen thưởng, ${p.inVote} hồ sơ cần Hội đồng biểu quyết ` +
    `(${p.members} thành viên: ${need.sheets} phiếu tổng hợp, mỗi phiếu tối đa ${MAX_VOTES_PER_SHEET} hồ sơ); ` +
    `hệ thống hỗ trợ tối đa ${MAX_AWARD_NOMINATIONS} hồ sơ và ${MAX_VOTE_SHEETS / 2} phiếu tổng hợp ` +
    `(khoảng ${Math.floor(MAX_SHEETS_TOTAL_BYTES / 2 / SHEET_LINE_BYTES)} phiếu biểu quyết, để dành một lượt sửa phiếu) trong một lần xét. ` +
    `Hãy chia việc xét khen thưởng thành các đợt con (sub-campaign) theo khối đơn vị.`
  );
}

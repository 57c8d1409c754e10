/**
 * How much the later phases' workflows carry within Temporal's default limits (issue 17): a history
 * warns at 10,240 events and 10 MiB, one payload at 512 KiB. Measured on the time-skipping server
 * by `test/workflow/later-phases-scale.test.ts` (N = 100, 200, 300; figures in the README's
 * Performance part); each maximum keeps the first limit reached below its warning, with a margin.
 */

/**
 * What one answer of a status query may weigh (our choice): the worker builds it whole and the portal
 * decodes it whole. The conference's view and the awards' pages keep within it.
 */
export const AWARDS_VIEW_BUDGET_BYTES = 5 * 2 ** 20;

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
 * documents' payloads, claim-checked above 128 KiB (they bound at ~540 before, the 512 KiB payload
 * warning). A nomination alone adds 0.03 history events and ~220 bytes (the letters' pages). The status
 * view answered whole passed its 5 MiB budget at ~5,400 (the old maximum, 5,000): it is now asked for
 * by pages ({@link MAX_AWARDS_PAGE_SIZE}), and the sheets are claim-checked ({@link MAX_VOTES_PER_CLAIMED_SHEET}).
 * Measured at 10,000 with a council of nine by sheets (`test/workflow/awards-ten-thousand-scale.test.ts`):
 * 510 events and 2.2 MB for the whole run, a member's page 551 KB, a page after the close 1.8 MB. The
 * history's bytes would reach the warning near 45,000 by that slope: not measured, so 10,000.
 * Votes are bound separately ({@link MAX_SINGLE_VOTES}, {@link MAX_VOTE_SHEETS}).
 */
export const MAX_AWARD_NOMINATIONS = 10_000;

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
 * Lines of one sheet when the claim check is on (issue 17): ~110 bytes a line, so a full sheet (~550 KB)
 * is above the threshold (128 KiB by default) and goes to the data folder, leaving a reference of ~100
 * bytes in the history: a council of nine votes on 10,000 nominations in 18 sheets costing ~18 KB of
 * history, where 90 sheets of 1,000 lines were ~9.9 MB inline (over the 10 MiB warning with their
 * answers). The dashboard still sends a page of {@link MAX_VOTES_PER_SHEET} (its page of nominations).
 */
export const MAX_VOTES_PER_CLAIMED_SHEET = 5_000;
/**
 * The claim check's threshold by default (`DEFAULT_CLAIM_CHECK_BYTES` of `config/settings.ts`, which
 * the domain may not import): what the campaign file's check assumes; the gathering uses the workers' own.
 */
export const DEFAULT_CLAIM_CHECK_THRESHOLD = 128 * 2 ** 10;
/** A claim-checked sheet's input at most (reasons included): not bounded by Temporal, but the worker decodes it whole. */
export const MAX_CLAIMED_SHEET_BYTES = 2 * 2 ** 20;
/**
 * What a claim-checked sheet is counted in the vote's bytes: its reference is ~100 bytes (measured by
 * `test/workflow/awards-ten-thousand-scale.test.ts`); counted generously, the update's events with it.
 */
export const CLAIMED_SHEET_HISTORY_BYTES = 1_024;

/**
 * A sheet's bounds by the claim check's threshold (`claimCheckBytes`, the workers' setting, returned by
 * the gathering so that a replay reads the same): without it (0 or unknown) today's bounds.
 */
export function sheetBounds(claimCheckBytes?: number): { lines: number; bytes: number } {
  return claimCheckBytes && claimCheckBytes > 0
    ? { lines: MAX_VOTES_PER_CLAIMED_SHEET, bytes: MAX_CLAIMED_SHEET_BYTES }
    : { lines: MAX_VOTES_PER_SHEET, bytes: MAX_SHEET_BYTES };
}

/**
 * What a sheet of `bytes` adds to the history: all of it inline, or a reference when the claim check
 * takes it. The codec compares the serialized payload (the JSON and a few bytes of metadata) to the
 * threshold, so a sheet whose JSON alone is above it is surely a reference; one at or below is counted whole.
 */
export function sheetHistoryBytes(bytes: number, claimCheckBytes?: number): number {
  return claimCheckBytes && claimCheckBytes > 0 && bytes > claimCheckBytes ? CLAIMED_SHEET_HISTORY_BYTES : bytes;
}

/**
 * The sheets a vote needs (every member a sheet per page of nominations) and their bytes in the history;
 * it fits when twice that (a full round of corrections) stays within {@link MAX_VOTE_SHEETS} and
 * {@link MAX_SHEETS_TOTAL_BYTES}. With the claim check's threshold, pages of
 * {@link MAX_VOTES_PER_CLAIMED_SHEET}, each counted by {@link sheetHistoryBytes}.
 */
export function voteSheetsNeeded(
  inVote: number,
  members: number,
  claimCheckBytes?: number,
): { sheets: number; bytes: number; fits: boolean; perSheet: number } {
  const perSheet = sheetBounds(claimCheckBytes).lines;
  const full = Math.floor(inVote / perSheet);
  const rest = inVote % perSheet;
  const page = (lines: number) => sheetHistoryBytes(lines * SHEET_LINE_BYTES, claimCheckBytes);
  const sheets = members * Math.ceil(inVote / perSheet);
  const bytes = members * (full * page(perSheet) + (rest > 0 ? page(rest) : 0));
  return { sheets, bytes, perSheet, fits: 2 * sheets <= MAX_VOTE_SHEETS && 2 * bytes <= MAX_SHEETS_TOTAL_BYTES };
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
export function awardsTooLarge(p: {
  nominations: number;
  inVote: number;
  members: number;
  claimCheckBytes?: number;
}): string | undefined {
  const need = voteSheetsNeeded(p.inVote, p.members, p.claimCheckBytes);
  if (p.nominations <= MAX_AWARD_NOMINATIONS && need.fits) return undefined;
  const most = maxInVote(p.members, p.claimCheckBytes);
  return (
    `Các đơn vị gửi ${p.nominations} hồ sơ đề nghị khen thưởng, ${p.inVote} hồ sơ cần Hội đồng biểu quyết ` +
    `(${p.members} thành viên: ${need.sheets} phiếu tổng hợp, mỗi phiếu tối đa ${need.perSheet} hồ sơ); ` +
    `hệ thống hỗ trợ tối đa ${MAX_AWARD_NOMINATIONS} hồ sơ, và với Hội đồng ${p.members} thành viên ` +
    `tối đa ${most} hồ sơ cần biểu quyết (để dành một lượt sửa phiếu) trong một lần xét. ` +
    `Hãy chia việc xét khen thưởng thành các đợt con (sub-campaign) theo khối đơn vị.`
  );
}

/**
 * The most nominations in vote a council of `members` votes on by sheets, a round of corrections in
 * reserve: the largest N such that every count up to N fits (with the claim check, a count whose pages
 * stay just below the threshold weighs more than a larger one, so the first that does not fit bounds it).
 */
export function maxInVote(members: number, claimCheckBytes?: number): number {
  let n = 0;
  while (n < MAX_AWARD_NOMINATIONS && voteSheetsNeeded(n + 1, members, claimCheckBytes).fits) n++;
  return n;
}

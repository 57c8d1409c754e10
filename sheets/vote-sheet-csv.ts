/**
 * A council member's vote sheet as a CSV file (`thidua awards vote-sheet --file`): one line per
 * nomination — nomination id, choice (đồng ý / không đồng ý / không biểu quyết, or approve / reject /
 * abstain), form code (when approving), reason. An optional header line. Every problem names its CSV
 * line; the file is refused whole when any line is wrong, as the workflow refuses a sheet.
 */
import type { VoteChoice, VoteSheetLine } from '../domain/award-types';
import { sheetBytes } from '../domain/award-sheet';
import { MAX_VOTE_REASON_CHARS } from '../domain/award-vote';
import { sheetBounds } from '../domain/scale-limits';
import { decodeUtf8 } from '../domain/text-encoding';
import type { Lang } from '../domain/validation/texts';
import { MESSAGES } from './unit-import/messages';
import { readCsv } from './unit-import/read-csv';

export interface VoteSheetCsv {
  votes: VoteSheetLine[];
  /** The CSV line of each vote (parallel to `votes`): the workflow's "line N of the sheet" is CSV line `rows[N-1]`. */
  rows: number[];
  /** Each with its CSV line (0: the file as a whole), in the caller's language. */
  problems: Array<{ row: number; message: string }>;
}

/** The words of each choice, folded (lower case, no diacritics, single spaces). */
const CHOICE_WORDS: Record<string, VoteChoice> = {
  'dong y': 'approve',
  approve: 'approve',
  yes: 'approve',
  'khong dong y': 'reject',
  reject: 'reject',
  no: 'reject',
  'khong bieu quyet': 'abstain',
  'phieu trang': 'abstain',
  abstain: 'abstain',
};

export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** A first line that names the columns rather than a nomination. */
const HEADER = /^(ho so|ma ho so|nomination|nomination id|id)$/;

const TEXTS = {
  vi: {
    noLines: 'Tệp không có dòng phiếu nào (mỗi dòng: mã hồ sơ, ý kiến, mã hình thức, lý do).',
    tooMany: (n: number, most: number) =>
      `Tệp có ${n} dòng phiếu, tối đa ${most} dòng một phiếu tổng hợp; hãy chia thành nhiều tệp.`,
    noNomination: (row: number) => `Dòng ${row}: thiếu mã hồ sơ (cột 1).`,
    badChoice: (row: number, value: string) =>
      `Dòng ${row}: ý kiến "${value}" (cột 2) không hợp lệ; ghi một trong: đồng ý, không đồng ý, không biểu quyết (hoặc approve, reject, abstain).`,
    formWithoutApproval: (row: number, code: string) =>
      `Dòng ${row}: mã hình thức "${code}" (cột 3) chỉ ghi khi đồng ý; hãy xóa mã hoặc sửa ý kiến.`,
    twice: (row: number, id: string, first: number) =>
      `Dòng ${row}: hồ sơ ${id} đã có ở dòng ${first}; mỗi hồ sơ một dòng.`,
    longReason: (row: number, n: number) =>
      `Dòng ${row}: lý do (cột 4) dài ${n} ký tự, tối đa ${MAX_VOTE_REASON_CHARS}; hãy rút gọn.`,
    tooHeavy: (kb: number, most: number) =>
      `Phiếu trong tệp nặng ${kb} KB, tối đa ${most / 1024} KB một phiếu tổng hợp; hãy rút gọn lý do hoặc chia thành nhiều tệp.`,
  },
  en: {
    noLines: 'The file has no vote lines (each line: nomination id, choice, form code, reason).',
    tooMany: (n: number, most: number) =>
      `The file has ${n} vote lines, at most ${most} in one sheet; split it into several files.`,
    noNomination: (row: number) => `Line ${row}: the nomination id (column 1) is missing.`,
    badChoice: (row: number, value: string) =>
      `Line ${row}: the choice "${value}" (column 2) is not valid; write one of: approve, reject, abstain (or đồng ý, không đồng ý, không biểu quyết).`,
    formWithoutApproval: (row: number, code: string) =>
      `Line ${row}: the form code "${code}" (column 3) goes only with an approval; remove it or change the choice.`,
    twice: (row: number, id: string, first: number) =>
      `Line ${row}: nomination ${id} is already on line ${first}; one line per nomination.`,
    longReason: (row: number, n: number) =>
      `Line ${row}: the reason (column 4) has ${n} characters, at most ${MAX_VOTE_REASON_CHARS}; shorten it.`,
    tooHeavy: (kb: number, most: number) =>
      `The sheet in the file weighs ${kb} KB, at most ${most / 1024} KB a sheet; shorten the reasons or split the file.`,
  },
};

/**
 * Reads a vote sheet's CSV bytes (UTF-8; `,`, `;` or tab separated, as Excel writes it). With the claim
 * check's threshold (the CLI's setting), a file may carry the larger sheet it allows (issue 17).
 */
export function readVoteSheetCsv(bytes: Uint8Array, lang: Lang = 'vi', claimCheckBytes?: number): VoteSheetCsv {
  const t = TEXTS[lang];
  const most = sheetBounds(claimCheckBytes);
  const m = MESSAGES[lang];
  const none = (message: string): VoteSheetCsv => ({ votes: [], rows: [], problems: [{ row: 0, message }] });
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return none(m.notUtf8(decoded.line, decoded.bytes, decoded.encoding));
  const read = readCsv(decoded.text, m);
  const problems = read.problems.map((p) => ({ row: p.row, message: p.message }));
  const rows = (read.grid?.rows ?? []).filter((r, i) => !(i === 0 && HEADER.test(fold(r.cells[0] ?? ''))));
  if (rows.length === 0) return { votes: [], rows: [], problems: [...problems, { row: 0, message: t.noLines }] };
  if (rows.length > most.lines) return none(t.tooMany(rows.length, most.lines));
  const votes: VoteSheetLine[] = [];
  const at: number[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of rows) {
    const [nominationId = '', choiceText = '', formCode = '', reason = ''] = cells;
    if (!nominationId) {
      problems.push({ row, message: t.noNomination(row) });
      continue;
    }
    const choice = CHOICE_WORDS[fold(choiceText)];
    if (!choice) {
      problems.push({ row, message: t.badChoice(row, choiceText) });
      continue;
    }
    if (formCode && choice !== 'approve') {
      problems.push({ row, message: t.formWithoutApproval(row, formCode) });
      continue;
    }
    if (reason.length > MAX_VOTE_REASON_CHARS) {
      problems.push({ row, message: t.longReason(row, reason.length) });
      continue;
    }
    const first = seen.get(nominationId);
    if (first !== undefined) {
      problems.push({ row, message: t.twice(row, nominationId, first) });
      continue;
    }
    seen.set(nominationId, row);
    votes.push({ nominationId, choice, ...(formCode ? { formCode } : {}), ...(reason ? { reason } : {}) });
    at.push(row);
  }
  // The member's account is not known here: a generous stand-in for its bytes.
  const weight = sheetBytes({ member: 'x'.repeat(64), votes });
  if (problems.length === 0 && weight > most.bytes) return none(t.tooHeavy(Math.ceil(weight / 1024), most.bytes));
  return { votes, rows: at, problems };
}

/**
 * The workflow's refusal with each "Dòng N (hồ sơ …)" of the sheet told as the file's line
 * (`votes.csv:M`), so the member corrects the right line of their file.
 */
export function withCsvLines(message: string, file: string, rows: number[]): string {
  return message.replace(/^Dòng (\d+) \(hồ sơ /gm, (all, n: string) => {
    const row = rows[Number(n) - 1];
    return row === undefined ? all : `Dòng ${n} (${file}:${row}, hồ sơ `;
  });
}

/**
 * What reading a unit sheet works with and gives: the size limits, the problems and the result, and
 * the sheet as text (rows of cleaned cells) that the CSV and Excel readers produce.
 */
import type { UnitInput } from '../../domain/campaign-schema';
import type { Lang } from '../../domain/validation/texts';

/** Larger than any real unit list (a province has a few hundred units) and small enough to parse at once. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
export const MAX_SHEET_ROWS = 20_000;
/** What an .xlsx may inflate to: 20,000 rows of a unit list unpack to a few tens of MB. */
export const MAX_SHEET_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * A problem of the sheet. `row` is the row number Excel shows (the record number for a CSV, so a
 * quoted field over several lines is one row); 0 for the file as a whole. `column` is the letter
 * ("C") and `header` the column's header as written in the sheet.
 */
export interface SheetProblem {
  row: number;
  column?: string;
  header?: string;
  /** The unit's field, as the campaign file names it: `id`, `focal.email`, … */
  field?: string;
  message: string;
}

export interface UnitSheetResult {
  /** The units of the rows without problems, in sheet order. */
  units: UnitInput[];
  /** The sheet row of each unit (parallel to `units`), for the preview and {@link dropRows}. */
  unitRows: number[];
  problems: SheetProblem[];
  /** The non-empty rows read below the header. */
  rows: number;
  /** The header's row; 0 when none was read. Problems at or above it concern the whole sheet. */
  headerRow: number;
}

export interface ReadOptions {
  lang?: Lang;
}

/** A sheet as text: each non-empty row with its number, cells from column A. */
export interface Grid {
  rows: Array<{ row: number; cells: string[] }>;
}

export type GridOrProblems = { grid: Grid; problems: SheetProblem[] } | { problems: SheetProblem[]; grid?: undefined };

/** Trimmed, non-breaking spaces as spaces, composed Unicode (Unikey's "tổ hợp" writes letters decomposed). */
export function cleanCell(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .trim()
    .normalize('NFC');
}

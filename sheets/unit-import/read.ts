/** Reading a unit sheet: its size checked, `.xlsx` or `.csv` told apart by content, its rows checked. */
import { decodeUtf8 } from '../../domain/text-encoding';
import { MESSAGES, type Messages } from './messages';
import { readCsv } from './read-csv';
import { readXlsx } from './read-xlsx';
import { unitsFromGrid } from './rows';
import {
  MAX_SHEET_BYTES,
  MAX_SHEET_ROWS,
  type GridOrProblems,
  type ReadOptions,
  type SheetProblem,
  type UnitSheetResult,
} from './sheet';

/** The problem of a sheet of `size` bytes, if too large: for callers that check before reading the file. */
export function sheetSizeProblem(size: number, options: ReadOptions = {}): SheetProblem | undefined {
  return size > MAX_SHEET_BYTES
    ? { row: 0, message: MESSAGES[options.lang ?? 'vi'].tooBig(size, MAX_SHEET_BYTES) }
    : undefined;
}

/** Reads the units of an `.xlsx` or `.csv` sheet, told apart by content (never by the file's name). */
export async function readUnitSheet(bytes: Uint8Array, options: ReadOptions = {}): Promise<UnitSheetResult> {
  const t = MESSAGES[options.lang ?? 'vi'];
  const fail = (message: string): UnitSheetResult => ({
    units: [],
    unitRows: [],
    problems: [{ row: 0, message }],
    rows: 0,
    headerRow: 0,
  });
  const tooBig = sheetSizeProblem(bytes.length, options);
  if (tooBig) return fail(tooBig.message);
  const read = await readGrid(bytes, t);
  if (!read.grid) return { units: [], unitRows: [], problems: read.problems, rows: 0, headerRow: 0 };
  if (read.grid.rows.length > MAX_SHEET_ROWS) return fail(t.tooManyRows(read.grid.rows.length, MAX_SHEET_ROWS));
  const result = unitsFromGrid(read.grid, options.lang ?? 'vi');
  return { ...result, problems: [...read.problems, ...result.problems] };
}

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

async function readGrid(bytes: Uint8Array, t: Messages): Promise<GridOrProblems> {
  const file = (message: string) => ({ problems: [{ row: 0, message }] });
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    return readXlsx(bytes, t);
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return file(t.pdf); // %PDF-
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return file(t.xls); // OLE2: .xls (or .doc)
  if (looksBinary(bytes)) return file(t.binary);
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return file(t.notUtf8(decoded.line, decoded.bytes, decoded.encoding));
  return readCsv(decoded.text, t);
}

/** Text has no NUL and hardly any other control byte; random or binary data has plenty. */
function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) control++;
  }
  return control > Math.max(2, bytes.length / 100);
}

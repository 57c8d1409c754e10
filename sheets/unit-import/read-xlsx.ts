/** An Excel (`.xlsx`) unit sheet as a grid of text, a zip bomb refused before anything inflates it. */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { unpackedSize, zipEntries } from '../../domain/zip-directory';
import { normalizeLabel } from './columns';
import type { Messages } from './messages';
import { cleanCell, MAX_SHEET_UNPACKED_BYTES, type Grid, type GridOrProblems } from './sheet';

export async function readXlsx(bytes: Uint8Array, t: Messages): Promise<GridOrProblems> {
  const file = (message: string) => ({ problems: [{ row: 0, message }] });
  // A zip bomb (a small file that inflates to gigabytes) is refused from its directory, before any
  // library inflates it: a unit list, even of 20,000 rows, unpacks to a few tens of MB.
  const entries = zipEntries(bytes);
  if (entries && unpackedSize(entries) > MAX_SHEET_UNPACKED_BYTES) {
    return file(t.unpackedTooBig(unpackedSize(entries), MAX_SHEET_UNPACKED_BYTES));
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (error) {
    return file(t.brokenXlsx((error as Error).message));
  }
  if (!zip.file('xl/workbook.xml')) {
    if (zip.file('word/document.xml')) return file(t.docx);
    if (zip.file('content.xml') && zip.file('mimetype')) return file(t.ods);
    return file(t.zip);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    return file(t.brokenXlsx((error as Error).message));
  }
  // The units' sheet: the first one that is not the template's guide.
  const sheet = workbook.worksheets.find((ws) => normalizeLabel(ws.name) !== 'huong dan' && ws.state === 'visible');
  if (!sheet) return file(t.noSheet);
  const rows: Grid['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = cleanCell(cellText(cell.value));
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return { grid: { rows }, problems: [] };
}

/** The text a cell shows: rich text joined, a link's text (emails are often auto-linked), a formula's result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}

/**
 * One printable sheet, as every workbook of thidua lays it out (synthesis, conference replies, award
 * statistics): a title row, a subtitle row, a frozen header row repeated on each printed page,
 * bordered rows in Times New Roman, A4 fitted to the page width, "Trang x/y" in the footer.
 */
import type ExcelJS from 'exceljs';
import { zoned } from './vietnamese';

/** Rows above the header: the sheet's title and its subtitle (or a blank line). */
export const HEADER_ROW = 3;

const FONT = { name: 'Times New Roman', size: 12 };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';

export interface SheetColumn {
  header: string;
  width: number;
  /** A date column holds the local wall time (Excel dates have no zone). */
  date?: boolean;
  /** Horizontal alignment of the column's cells (text left by default). */
  align?: 'left' | 'center';
}

export interface SheetLayout {
  /** The last row is a total: bold. */
  boldLastRow?: boolean;
  /** A4 landscape by default: the synthesis' tables are wide. */
  orientation?: 'landscape' | 'portrait';
  /** Left and right margins in inches (0.6 and 0.4 by default). */
  margins?: { left: number; right: number };
  /** The title wraps over a taller row (a long title on a narrow portrait sheet). */
  tallTitle?: boolean;
  /** An autofilter over the rows (on by default: the secretariat sorts and filters). */
  autoFilter?: boolean;
}

/**
 * The campaign's wall time as an Excel date: Excel stores no zone, so the local time is written as if
 * it were UTC (exceljs converts Dates by their UTC fields).
 */
export function excelLocalDate(iso: string, timeZone: string): Date {
  const t = zoned(iso, timeZone);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/** Adds the sheet; `subtitle` '' leaves the second row blank. */
export function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  subtitle: string,
  columns: SheetColumn[],
  rows: Array<Array<string | number | Date | null>>,
  layout: SheetLayout | boolean = {},
): ExcelJS.Worksheet {
  // `true` was the only option once (bold last row): its callers still pass it.
  const opts: SheetLayout = typeof layout === 'boolean' ? { boldLastRow: layout } : layout;
  const margins = opts.margins ?? { left: 0.6, right: 0.4 };
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: opts.orientation ?? 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { ...margins, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
    headerFooter: { oddFooter: '&CTrang &P/&N' },
  });
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', ...(opts.tallTitle ? { wrapText: true } : {}) };
  if (opts.tallTitle) ws.getRow(1).height = 36;
  if (subtitle) {
    ws.mergeCells(2, 1, 2, columns.length);
    ws.getCell(2, 1).value = subtitle;
    ws.getCell(2, 1).font = { ...FONT, italic: true };
    ws.getCell(2, 1).alignment = { horizontal: 'center' };
  }

  const header = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { ...FONT, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = THIN;
  });
  header.height = 32;
  rows.forEach((values, r) => {
    const row = ws.getRow(HEADER_ROW + 1 + r);
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1);
      cell.value = v;
      cell.font = { ...FONT, bold: Boolean(opts.boldLastRow) && r === rows.length - 1 };
      cell.border = THIN;
      const align = columns[i].align;
      cell.alignment = { vertical: 'top', wrapText: typeof v === 'string', ...(align ? { horizontal: align } : {}) };
      if (columns[i].date) cell.numFmt = DATE_FORMAT;
    });
  });
  if (rows.length > 0 && opts.autoFilter !== false) {
    ws.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + rows.length, column: columns.length },
    };
  }
  return ws;
}

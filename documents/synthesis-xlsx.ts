/**
 * The synthesis tables as a workbook the secretariat can sort, filter and print: the counts, every
 * unit, the presentation papers and the nominations, each sheet ready for A4 landscape.
 */
import ExcelJS from 'exceljs';
import type { SynthesisData } from '../domain/synthesis-types';
import { byCluster, countStatuses, STATUS_ORDER, type StatusCounts } from './figures';
import { NOMINEE_TYPE_NAMES, NO_CLUSTER, STATUS_NAMES, formatDateTime, zoned } from './vietnamese';
import { normalizeZip } from './zip-normalize';

export const SHEET_NAMES = {
  summary: 'Tổng hợp',
  units: 'Đơn vị',
  papers: 'Tham luận',
  nominations: 'Đề nghị khen thưởng',
} as const;

/** Rows above the header: the sheet's title and the campaign line. */
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
}

/**
 * The campaign's wall time as an Excel date: Excel stores no zone, so the local time is written as if
 * it were UTC (exceljs converts Dates by their UTC fields).
 */
export function excelLocalDate(iso: string, timeZone: string): Date {
  const t = zoned(iso, timeZone);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/** One sheet: title and subtitle rows, a frozen header row, bordered rows, A4 landscape print setup. */
export function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  title: string,
  subtitle: string,
  columns: SheetColumn[],
  rows: Array<Array<string | number | Date | null>>,
  boldLastRow = false,
): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
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
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, columns.length);
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { ...FONT, italic: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };

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
      cell.font = { ...FONT, bold: boldLastRow && r === rows.length - 1 };
      cell.border = THIN;
      cell.alignment = { vertical: 'top', wrapText: typeof v === 'string' };
      if (columns[i].date) cell.numFmt = DATE_FORMAT;
    });
  });
  if (rows.length > 0) {
    ws.autoFilter = {
      from: { row: HEADER_ROW, column: 1 },
      to: { row: HEADER_ROW + rows.length, column: columns.length },
    };
  }
  return ws;
}

export async function synthesisXlsx(data: SynthesisData): Promise<Buffer> {
  const zone = data.timeZone;
  const at = new Date(data.builtAt);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.lastModifiedBy = 'thidua';
  workbook.title = `Tổng hợp Kế hoạch số ${data.planNumber}`;
  workbook.created = at;
  workbook.modified = at;
  const subtitle = `${data.planReference ?? `Kế hoạch số ${data.planNumber}`} – số liệu đến ${formatDateTime(data.builtAt, zone)} (giờ ${zone})`;

  const line = (name: string, c: StatusCounts): Array<string | number> => [
    name,
    c.total,
    ...STATUS_ORDER.map((s) => c[s]),
  ];
  sheet(
    workbook,
    SHEET_NAMES.summary,
    'TÌNH HÌNH NỘP BÁO CÁO THEO CỤM, KHỐI THI ĐUA',
    subtitle,
    [
      { header: 'Cụm, khối thi đua', width: 46 },
      { header: 'Tổng số đơn vị', width: 14 },
      ...STATUS_ORDER.map((s): SheetColumn => ({
        header: STATUS_NAMES[s].charAt(0).toUpperCase() + STATUS_NAMES[s].slice(1),
        width: 13,
      })),
    ],
    [...byCluster(data.units).map((g) => line(g.cluster, g.counts)), line('Tổng cộng', countStatuses(data.units))],
    true,
  );

  sheet(
    workbook,
    SHEET_NAMES.units,
    'DANH SÁCH ĐƠN VỊ VÀ TÌNH TRẠNG NỘP BÁO CÁO',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Đơn vị', width: 40 },
      { header: 'Cụm, khối', width: 34 },
      { header: 'Tình trạng', width: 13 },
      { header: 'Hạn nộp', width: 18, date: true },
      { header: 'Ngày nộp', width: 18, date: true },
      { header: 'Số ngày làm việc muộn', width: 12 },
    ],
    data.units.map((u, i) => [
      i + 1,
      u.unitName,
      u.cluster ?? NO_CLUSTER,
      STATUS_NAMES[u.status],
      excelLocalDate(u.deadline, zone),
      u.submittedAt ? excelLocalDate(u.submittedAt, zone) : null,
      u.status === 'late' ? (u.daysLate ?? 0) : null,
    ]),
  );

  sheet(
    workbook,
    SHEET_NAMES.papers,
    'BÁO CÁO THAM LUẬN ĐÃ NHẬN',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Đơn vị', width: 40 },
      { header: 'Tên tệp', width: 60 },
      { header: 'Ngày nhận', width: 18, date: true },
      { header: 'Đúng hạn', width: 12 },
    ],
    data.units
      .flatMap((u) => u.papers.map((p) => ({ unit: u.unitName, ...p })))
      .map((p, i) => [i + 1, p.unit, p.name, excelLocalDate(p.receivedAt, zone), p.late ? 'Nộp muộn' : 'Đúng hạn']),
  );

  sheet(
    workbook,
    SHEET_NAMES.nominations,
    'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Đối tượng', width: 11 },
      { header: 'Tên tập thể, cá nhân', width: 32 },
      { header: 'Chức vụ', width: 30 },
      { header: 'Hình thức đề nghị', width: 30 },
      { header: 'Đơn vị đề nghị', width: 32 },
      { header: 'Thành tích', width: 60 },
    ],
    data.nominations.map((n, i) => [
      i + 1,
      NOMINEE_TYPE_NAMES[n.type],
      n.name,
      n.position ?? '',
      n.awardForm,
      n.unitName,
      n.reasons,
    ]),
  );

  const bytes = await workbook.xlsx.writeBuffer();
  return normalizeZip(Buffer.from(bytes as ArrayBuffer), { at });
}

/** The `.xlsx` template a clerk fills in, with its guide sheet. */
import ExcelJS from 'exceljs';
import { UnitKind } from '../../domain/campaign-schema';
import { columnLetter, KIND_ALIASES, UNIT_COLUMNS, UNIT_KIND_NAMES } from './columns';

/** The columns the template writes: those with a guide. */
const TEMPLATE_COLUMNS = UNIT_COLUMNS.filter((c) => c.guide !== undefined);

/** The sheet name of the guide, skipped when reading. */
export const GUIDE_SHEET = 'Hướng dẫn';
export const UNITS_SHEET = 'Đơn vị';

/**
 * An `.xlsx` to fill in: the documented headers, one sample row, the header frozen, column widths,
 * phone columns as text (a leading 0 survives), and a "Hướng dẫn" sheet on every column and kind.
 */
export async function unitSheetTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  const ws = workbook.addWorksheet(UNITS_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header));
  ws.addRow(TEMPLATE_COLUMNS.map((c) => c.example ?? ''));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const column = ws.getColumn(i + 1);
    column.width = c.width ?? 20;
    if (c.field.endsWith('.phone')) column.numFmt = '@';
  });

  const guide = workbook.addWorksheet(GUIDE_SHEET, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  guide.columns = [
    { header: 'Cột', width: 8 },
    { header: 'Tiêu đề', width: 24 },
    { header: 'Bắt buộc', width: 10 },
    { header: 'Nội dung', width: 80 },
    { header: 'Ví dụ', width: 28 },
  ];
  TEMPLATE_COLUMNS.forEach((c, i) =>
    guide.addRow([columnLetter(i), c.header, c.required ? 'có' : 'không', c.guide ?? '', c.example ?? '']),
  );
  guide.addRow([]);
  guide.addRow(['', 'Loại đơn vị', 'Mã', 'Cũng chấp nhận']);
  for (const code of UnitKind.options) {
    guide.addRow(['', UNIT_KIND_NAMES[code], code, KIND_ALIASES[code].join('; ')]);
  }
  guide.addRow([]);
  for (const note of [
    'Mỗi dòng là một đơn vị; dòng 1 là tiêu đề, dòng 2 là ví dụ: sửa hoặc xóa dòng ví dụ trước khi nhập.',
    'Các cột có thể đổi thứ tự; tên cột viết hoa, thường, có dấu hay không dấu đều được, tiếng Anh cũng được.',
    'Dòng trống được bỏ qua. Mọi lỗi được báo kèm số dòng và cột; chưa nhập đơn vị nào khi còn lỗi.',
    'Lưu tệp dạng Excel (.xlsx), hoặc "CSV UTF-8" (phân cách bằng dấu phẩy hoặc chấm phẩy).',
  ]) {
    guide.addRow(['', note]);
  }
  guide.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

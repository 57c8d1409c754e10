/**
 * Units from the sheet a provincial emulation board already keeps (Excel `.xlsx` or `.csv`): the
 * campaign file's units and every problem, each named by the row Excel shows and the column letter
 * and header, in Vietnamese (or English). Pure: bytes in, data out. Nothing is imported here — the
 * caller (dashboard, CLI) takes the units only when there is no problem, or after the clerk drops
 * the bad rows explicitly ({@link dropRows}).
 *
 * Columns are found by their header, in any order, Vietnamese or English, whatever the case and
 * diacritics ({@link UNIT_COLUMNS}); {@link unitSheetTemplate} writes the documented set.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { stringify } from 'yaml';
import { Email, FIELD_LIMITS, UNIT_ID, UnitKind, type UnitInput } from '../domain/campaign-schema';
import { decodeUtf8 } from '../domain/text-encoding';
import { unpackedSize, zipEntries } from '../domain/zip-directory';
import { slug } from '../domain/validation/suggestions';
import type { Lang } from '../domain/validation/texts';

/** Larger than any real unit list (a province has a few hundred units) and small enough to parse at once. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;
export const MAX_SHEET_ROWS = 20_000;
/** What an .xlsx may inflate to: 20,000 rows of a unit list unpack to a few tens of MB. */
export const MAX_SHEET_UNPACKED_BYTES = 100 * 1024 * 1024;

export type UnitKindCode = UnitInput['kind'];

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

// ---- columns -------------------------------------------------------------------------------------

export type UnitField =
  'id' | 'name' | 'kind' | 'cluster' | `${'focal' | 'head' | 'supervisor'}.${'name' | 'title' | 'email' | 'phone'}`;

export interface UnitColumn {
  field: UnitField;
  /** The header the template writes (Vietnamese). */
  header: string;
  /** Other headers accepted, English included; compared without case, diacritics or punctuation. */
  aliases: string[];
  required: boolean;
  /** In the template: width in characters, and the guide's explanation and example. */
  width?: number;
  guide?: string;
  example?: string;
}

/**
 * The columns, in the template's order. Those without a guide (head's phone, supervisor's title and
 * phone) are read when a sheet has them but left out of the template, to keep it short.
 */
export const UNIT_COLUMNS: readonly UnitColumn[] = [
  {
    field: 'id',
    header: 'Mã đơn vị',
    aliases: ['Mã', 'Mã ĐV', 'Mã số đơn vị', 'id', 'unit id', 'code'],
    required: true,
    width: 18,
    guide: 'Mã không dấu, chữ thường, số và dấu gạch ngang, tối đa 63 ký tự; không trùng giữa các đơn vị.',
    example: 'so-noi-vu',
  },
  {
    field: 'name',
    header: 'Tên đơn vị',
    aliases: ['Tên', 'Đơn vị', 'name', 'unit name', 'unit'],
    required: true,
    width: 34,
    guide: 'Tên đầy đủ của đơn vị, như trong văn bản.',
    example: 'Sở Nội vụ',
  },
  {
    field: 'kind',
    header: 'Loại đơn vị',
    aliases: ['Loại', 'Loại hình', 'kind', 'unit kind', 'type'],
    required: true,
    width: 20,
    guide: 'Một trong các loại ở bảng dưới: ghi tên tiếng Việt hoặc mã.',
    example: 'Sở, ban, ngành',
  },
  {
    field: 'cluster',
    header: 'Cụm, khối thi đua',
    aliases: [
      'Cụm thi đua',
      'Khối thi đua',
      'Cụm/Khối thi đua',
      'Khối/Cụm thi đua',
      'Cụm',
      'Khối',
      'Cụm, khối',
      'cluster',
    ],
    required: false,
    width: 28,
    guide: 'Cụm hoặc khối thi đua của đơn vị (không bắt buộc).',
    example: 'Khối Nội chính',
  },
  {
    field: 'focal.name',
    header: 'Họ tên đầu mối',
    aliases: ['Cán bộ đầu mối', 'Họ tên cán bộ đầu mối', 'Họ và tên cán bộ đầu mối', 'Đầu mối', 'focal', 'focal name'],
    required: true,
    width: 24,
    guide: 'Cán bộ đầu mối: người nhận thông báo và nhắc việc.',
    example: 'Trần Văn Bình',
  },
  {
    field: 'focal.title',
    header: 'Chức vụ đầu mối',
    aliases: ['Chức vụ cán bộ đầu mối', 'focal title', 'focal position'],
    required: false,
    width: 22,
    guide: 'Chức vụ của cán bộ đầu mối (không bắt buộc).',
    example: 'Chuyên viên',
  },
  {
    field: 'focal.email',
    header: 'Email đầu mối',
    aliases: ['Email cán bộ đầu mối', 'Thư điện tử đầu mối', 'focal email'],
    required: true,
    width: 30,
    guide: 'Địa chỉ thư điện tử của cán bộ đầu mối.',
    example: 'binh.snv@vinhphuc.gov.vn',
  },
  {
    field: 'focal.phone',
    header: 'Điện thoại đầu mối',
    aliases: ['Số điện thoại đầu mối', 'SĐT đầu mối', 'Điện thoại cán bộ đầu mối', 'focal phone'],
    required: false,
    width: 16,
    guide: 'Số điện thoại của cán bộ đầu mối (không bắt buộc); cột để dạng văn bản để giữ số 0 đầu.',
    example: '0912345678',
  },
  {
    field: 'head.name',
    header: 'Họ tên thủ trưởng',
    aliases: ['Thủ trưởng', 'Họ và tên thủ trưởng', 'Thủ trưởng đơn vị', 'head', 'head name'],
    required: true,
    width: 24,
    guide: 'Thủ trưởng đơn vị: nhận báo cáo khi đơn vị chậm nộp.',
    example: 'Lê Quang Đức',
  },
  {
    field: 'head.title',
    header: 'Chức vụ thủ trưởng',
    aliases: ['head title', 'head position'],
    required: false,
    width: 22,
    guide: 'Chức vụ của thủ trưởng (không bắt buộc).',
    example: 'Giám đốc',
  },
  {
    field: 'head.email',
    header: 'Email thủ trưởng',
    aliases: ['Thư điện tử thủ trưởng', 'head email'],
    required: true,
    width: 30,
    guide: 'Địa chỉ thư điện tử của thủ trưởng.',
    example: 'duc.snv@vinhphuc.gov.vn',
  },
  { field: 'head.phone', header: 'Điện thoại thủ trưởng', aliases: ['SĐT thủ trưởng', 'head phone'], required: false },
  {
    field: 'supervisor.name',
    header: 'Họ tên cấp trên',
    aliases: ['Cấp trên', 'Cấp trên quản lý', 'supervisor', 'supervisor name'],
    required: false,
    width: 24,
    guide: 'Cấp trên nhận báo cáo khi đơn vị chậm nộp (không bắt buộc; bỏ trống thì là Thường trực Hội đồng).',
    example: '',
  },
  { field: 'supervisor.title', header: 'Chức vụ cấp trên', aliases: ['supervisor title'], required: false },
  {
    field: 'supervisor.email',
    header: 'Email cấp trên',
    aliases: ['Thư điện tử cấp trên', 'supervisor email'],
    required: false,
    width: 30,
    guide: 'Thư điện tử của cấp trên; cần khi có họ tên cấp trên, và khác thủ trưởng, đầu mối.',
    example: '',
  },
  { field: 'supervisor.phone', header: 'Điện thoại cấp trên', aliases: ['supervisor phone'], required: false },
];

/** The columns the template writes: those with a guide. */
const TEMPLATE_COLUMNS = UNIT_COLUMNS.filter((c) => c.guide !== undefined);

/** The Vietnamese name of each kind, as the guide lists it and a sheet may write it. */
export const UNIT_KIND_NAMES: Record<UnitKindCode, string> = {
  department: 'Sở, ban, ngành',
  'mass-organization': 'Đoàn thể',
  'district-committee': 'Huyện ủy, thị ủy, thành ủy',
  'party-committee': 'Đảng ủy trực thuộc',
  'ministry-unit': 'Đơn vị thuộc Bộ',
  enterprise: 'Doanh nghiệp',
  province: 'Tỉnh, thành phố',
  other: 'Khác',
};

/** Other spellings a clerk writes for a kind. */
const KIND_ALIASES: Record<UnitKindCode, string[]> = {
  department: ['Sở', 'Ban', 'Ngành', 'Sở ban ngành', 'Cơ quan'],
  'mass-organization': ['Đoàn thể chính trị - xã hội', 'Tổ chức chính trị - xã hội', 'Mặt trận, đoàn thể'],
  'district-committee': ['Huyện ủy', 'Thị ủy', 'Thành ủy', 'Huyện, thị, thành ủy', 'Huyện/thị/thành ủy'],
  'party-committee': ['Đảng ủy', 'Đảng ủy khối'],
  'ministry-unit': ['Đơn vị trực thuộc Bộ', 'Thuộc Bộ'],
  enterprise: ['Công ty'],
  province: ['Tỉnh', 'Thành phố', 'Tỉnh/thành phố'],
  other: [],
};

/**
 * A header or kind as compared: no case, no diacritics (đ as d; "uỷ" and "ủy" alike), no "*",
 * punctuation as spaces.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/e-mail/g, 'email')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_FIELDS = new Map<string, UnitField>(
  UNIT_COLUMNS.flatMap((c) => [c.header, c.field, ...c.aliases].map((h) => [normalizeLabel(h), c.field] as const)),
);

const KIND_BY_LABEL = new Map<string, UnitKindCode>(
  UnitKind.options.flatMap((code) =>
    [code, UNIT_KIND_NAMES[code], ...KIND_ALIASES[code]].map((label) => [normalizeLabel(label), code] as const),
  ),
);

/** The field a header names; text in parentheses is a note ("Mã đơn vị (bắt buộc)") unless part of the name ("Email (đầu mối)"). */
function headerField(text: string): UnitField | undefined {
  return HEADER_FIELDS.get(normalizeLabel(text)) ?? HEADER_FIELDS.get(normalizeLabel(text.replace(/\([^)]*\)/g, ' ')));
}

/** The kind a cell names (code or Vietnamese name), or undefined. */
export function unitKindOf(text: string): UnitKindCode | undefined {
  return KIND_BY_LABEL.get(normalizeLabel(text));
}

/**
 * An id the campaign format accepts, from a unit's name: "Sở Nội vụ" → "so-noi-vu" (diacritics and
 * đ removed), cut to the 63 characters of {@link UNIT_ID}; "don-vi" when the name has no letter or digit.
 */
export function unitIdFromName(name: string): string {
  const id = slug(name).slice(0, 63).replace(/-+$/, '');
  return id || 'don-vi';
}

// ---- messages ------------------------------------------------------------------------------------

const FIELD_NAMES: Record<Lang, Record<UnitField, string>> = {
  vi: {
    id: 'mã đơn vị',
    name: 'tên đơn vị',
    kind: 'loại đơn vị',
    cluster: 'cụm, khối thi đua',
    'focal.name': 'họ tên cán bộ đầu mối',
    'focal.title': 'chức vụ cán bộ đầu mối',
    'focal.email': 'email cán bộ đầu mối',
    'focal.phone': 'điện thoại cán bộ đầu mối',
    'head.name': 'họ tên thủ trưởng',
    'head.title': 'chức vụ thủ trưởng',
    'head.email': 'email thủ trưởng',
    'head.phone': 'điện thoại thủ trưởng',
    'supervisor.name': 'họ tên cấp trên',
    'supervisor.title': 'chức vụ cấp trên',
    'supervisor.email': 'email cấp trên',
    'supervisor.phone': 'điện thoại cấp trên',
  },
  en: {
    id: 'the unit id',
    name: 'the unit name',
    kind: 'the unit kind',
    cluster: 'the cluster',
    'focal.name': "the focal person's name",
    'focal.title': "the focal person's title",
    'focal.email': "the focal person's email",
    'focal.phone': "the focal person's phone",
    'head.name': "the head's name",
    'head.title': "the head's title",
    'head.email': "the head's email",
    'head.phone': "the head's phone",
    'supervisor.name': "the supervisor's name",
    'supervisor.title': "the supervisor's title",
    'supervisor.email': "the supervisor's email",
    'supervisor.phone': "the supervisor's phone",
  },
};

const allowedKinds = (lang: Lang) =>
  UnitKind.options.map((k) => (lang === 'vi' ? `"${UNIT_KIND_NAMES[k]}" (${k})` : k)).join(', ');

const SAVE_AS_UTF8 = {
  vi: 'mở tệp trong Excel và lưu lại bằng "CSV UTF-8 (Comma delimited)", hoặc chuyển mã sang Unicode bằng Unikey',
  en: 'open it in Excel and save it again as "CSV UTF-8 (Comma delimited)", or convert it to Unicode with Unikey',
};

const MESSAGES = {
  vi: {
    place: (row: number, column?: string, header?: string) =>
      column ? `Dòng ${row}, cột ${column}${header ? ` (${header})` : ''}` : `Dòng ${row}`,
    tooBig: (size: number, max: number) =>
      `Tệp quá lớn (${mb(size)} MB, tối đa ${mb(max)} MB): một danh sách đơn vị không lớn như vậy, hãy kiểm tra đúng tệp chưa.`,
    tooManyRows: (rows: number, max: number) =>
      `Bảng tính có ${rows} dòng, quá giới hạn ${max} dòng: hãy kiểm tra đúng tệp chưa.`,
    pdf: 'Tệp này là PDF, không phải bảng tính: hãy tải lên tệp Excel (.xlsx) hoặc CSV.',
    docx: 'Tệp này là văn bản Word (.docx), không phải bảng tính Excel dù có thể đã đổi tên thành .xlsx: hãy tải lên tệp Excel (.xlsx) hoặc CSV.',
    ods: 'Tệp này là bảng tính LibreOffice (.ods): hãy lưu lại thành Excel (.xlsx) hoặc CSV rồi tải lên.',
    zip: 'Tệp nén (zip) này không phải bảng tính Excel (.xlsx): trong tệp không có xl/workbook.xml.',
    xls:
      'Tệp Excel 97-2003 (.xls), hoặc tệp Excel có đặt mật khẩu, chưa đọc được: trong Excel bỏ mật khẩu (nếu có), ' +
      'chọn "Lưu thành" và chọn "Sổ làm việc Excel (.xlsx)".',
    binary: 'Tệp này không phải bảng tính: hãy tải lên tệp Excel (.xlsx) hoặc CSV.',
    brokenXlsx: (why: string) => `Không đọc được tệp Excel (tệp hỏng?): ${why}`,
    unpackedTooBig: (size: number, max: number) =>
      `Tệp Excel này khi giải nén lớn tới ${Number.isFinite(size) ? `${mb(size)} MB` : 'mức không xác định'} ` +
      `(tối đa ${mb(max)} MB): không phải một danh sách đơn vị bình thường; không đọc tệp này.`,
    notUtf8: (line: number, bytes: string, encoding?: string) =>
      `Tệp CSV không dùng bảng mã UTF-8 (byte ${bytes} ở dòng ${line})` +
      `${encoding ? `; có vẻ là bảng mã ${encoding}` : ''}: ${SAVE_AS_UTF8.vi}.`,
    unterminatedQuote: (row: number) => `Dấu ngoặc kép (") mở ở dòng ${row} không được đóng đến hết tệp.`,
    noSheet: 'Tệp Excel không có trang tính nào.',
    empty: 'Bảng tính trống: không có dòng nào.',
    noRows: 'Không có đơn vị nào dưới dòng tiêu đề.',
    missingColumns: (missing: string[], found: string[]) =>
      `thiếu cột ${missing.map((h) => `"${h}"`).join(', ')}. Các cột đọc được: ` +
      `${found.length > 0 ? found.join(', ') : '(không có)'}. Tên cột dùng được xem ở trang "Hướng dẫn" của tệp mẫu ` +
      '(thidua campaign import-units --template MAU.xlsx).',
    duplicateColumn: (what: string, first: string) => `cột này lặp lại cột ${first}: cả hai đều là ${what}.`,
    required: (what: string) => `thiếu ${what}.`,
    suggestion: (id: string) => ` Gợi ý: "${id}" (từ tên đơn vị).`,
    badId: (id: string) =>
      `mã "${id}" không hợp lệ: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, bắt đầu bằng chữ hoặc số, tối đa 63 ký tự.`,
    duplicateId: (id: string, other: number) => `mã "${id}" trùng với mã ở dòng ${other}.`,
    caseId: (id: string, otherId: string, other: number) =>
      `mã "${id}" chỉ khác mã "${otherId}" ở dòng ${other} về chữ hoa, chữ thường: hai đơn vị phải có mã khác nhau.`,
    badEmail: (value: string) => `"${value}" không phải địa chỉ email hợp lệ (ví dụ: van.phong@vinhphuc.gov.vn).`,
    unknownKind: (value: string) => `không có loại đơn vị "${value}"; dùng một trong: ${allowedKinds('vi')}.`,
    supervisorIsHead: (email: string) => `cấp trên (${email}) trùng với thủ trưởng của chính đơn vị.`,
    supervisorIsFocal: (email: string) => `cấp trên (${email}) trùng với cán bộ đầu mối của chính đơn vị.`,
    tooLong: (what: string, length: number, max: number) => `${what} dài ${length} ký tự, tối đa ${max}.`,
  },
  en: {
    place: (row: number, column?: string, header?: string) =>
      column ? `Row ${row}, column ${column}${header ? ` (${header})` : ''}` : `Row ${row}`,
    tooBig: (size: number, max: number) =>
      `The file is too large (${mb(size)} MB, at most ${mb(max)} MB): no unit list is that large; is it the right file?`,
    tooManyRows: (rows: number, max: number) => `The sheet has ${rows} rows, more than ${max}: is it the right file?`,
    pdf: 'This file is a PDF, not a spreadsheet: upload an Excel (.xlsx) or CSV file.',
    docx: 'This file is a Word document (.docx), not an Excel workbook, whatever its name: upload an Excel (.xlsx) or CSV file.',
    ods: 'This file is a LibreOffice spreadsheet (.ods): save it as Excel (.xlsx) or CSV and upload that.',
    zip: 'This zip file is not an Excel workbook (.xlsx): it has no xl/workbook.xml.',
    xls:
      'Excel 97-2003 files (.xls) and password-protected workbooks cannot be read: in Excel, remove the password ' +
      '(if any) and "Save As" an "Excel Workbook (.xlsx)".',
    binary: 'This file is not a spreadsheet: upload an Excel (.xlsx) or CSV file.',
    brokenXlsx: (why: string) => `The Excel file cannot be read (damaged?): ${why}`,
    unpackedTooBig: (size: number, max: number) =>
      `This Excel file would unpack to ${Number.isFinite(size) ? `${mb(size)} MB` : 'an undeclared size'} ` +
      `(at most ${mb(max)} MB): not an ordinary unit list; it is not read.`,
    notUtf8: (line: number, bytes: string, encoding?: string) =>
      `The CSV file is not UTF-8 (bytes ${bytes} on line ${line})` +
      `${encoding ? `; it looks like ${encoding}` : ''}: ${SAVE_AS_UTF8.en}.`,
    unterminatedQuote: (row: number) => `The quote (") opened on row ${row} is never closed.`,
    noSheet: 'The Excel file has no worksheet.',
    empty: 'The sheet is empty.',
    noRows: 'There is no unit below the header row.',
    missingColumns: (missing: string[], found: string[]) =>
      `missing column${missing.length > 1 ? 's' : ''} ${missing.map((h) => `"${h}"`).join(', ')}. Columns read: ` +
      `${found.length > 0 ? found.join(', ') : '(none)'}. The accepted headers are on the "Hướng dẫn" sheet of the template ` +
      '(thidua campaign import-units --template TEMPLATE.xlsx).',
    duplicateColumn: (what: string, first: string) => `this column repeats column ${first}: both are ${what}.`,
    required: (what: string) => `${what} is missing.`,
    suggestion: (id: string) => ` Suggestion: "${id}" (from the unit name).`,
    badId: (id: string) =>
      `the id "${id}" is invalid: lower-case letters without diacritics, digits and "-", starting with a letter or digit, at most 63 characters.`,
    duplicateId: (id: string, other: number) => `the id "${id}" is already used on row ${other}.`,
    caseId: (id: string, otherId: string, other: number) =>
      `the id "${id}" differs from "${otherId}" on row ${other} only in case: two units need different ids.`,
    badEmail: (value: string) => `"${value}" is not a valid email address (e.g. van.phong@vinhphuc.gov.vn).`,
    unknownKind: (value: string) => `there is no unit kind "${value}"; use one of: ${allowedKinds('en')}.`,
    supervisorIsHead: (email: string) => `the supervisor (${email}) is the unit's own head.`,
    supervisorIsFocal: (email: string) => `the supervisor (${email}) is the unit's own focal person.`,
    tooLong: (what: string, length: number, max: number) => `${what} is ${length} characters long, at most ${max}.`,
  },
};

type Messages = (typeof MESSAGES)['vi'];

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

// ---- reading ------------------------------------------------------------------------------------

/** A sheet as text: each non-empty row with its number, cells from column A. */
interface Grid {
  rows: Array<{ row: number; cells: string[] }>;
}

type GridOrProblems = { grid: Grid; problems: SheetProblem[] } | { problems: SheetProblem[]; grid?: undefined };

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

async function readXlsx(bytes: Uint8Array, t: Messages): Promise<GridOrProblems> {
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

/** Trimmed, non-breaking spaces as spaces, composed Unicode (Unikey's "tổ hợp" writes letters decomposed). */
function cleanCell(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .trim()
    .normalize('NFC');
}

/**
 * CSV as Excel writes it: `,` or `;` (Excel in vi-VN) — whichever the header line uses — or tabs;
 * an optional `sep=;` first line; quoted fields with `""` and line breaks inside.
 */
function readCsv(text: string, t: Messages): GridOrProblems {
  let body = text;
  let separator: string | undefined;
  const sepLine = /^sep=(.)\r?\n/i.exec(body);
  if (sepLine) {
    separator = sepLine[1];
    body = body.slice(sepLine[0].length);
  }
  separator ??= guessSeparator(body);
  const rows: Grid['rows'] = [];
  const problems: SheetProblem[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let quoteRow = 0;
  let row = 1;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push({ row, cells: cells.map(cleanCell) });
    cells = [];
    row++;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteRow = row;
      field = '';
    } else if (c === separator) endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) problems.push({ row: quoteRow, message: t.unterminatedQuote(quoteRow) });
  if (field !== '' || cells.length > 0) endRow();
  return { grid: { rows: rows.filter((r) => r.cells.some((c) => c !== '')) }, problems };
}

/** The separator the first line uses most, outside quotes. */
function guessSeparator(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [sep, n] of counts) if (n > (counts.get(best) ?? 0)) best = sep;
  return best;
}

// ---- checking ------------------------------------------------------------------------------------

/** "A", …, "Z", "AA": the letter of a 0-based column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

const LIMITS: Partial<Record<UnitField, number>> = {
  name: FIELD_LIMITS.name,
  ...Object.fromEntries(
    (['focal', 'head', 'supervisor'] as const).flatMap((p) => [
      [`${p}.name`, FIELD_LIMITS.name],
      [`${p}.title`, FIELD_LIMITS.title],
      [`${p}.email`, FIELD_LIMITS.email],
      [`${p}.phone`, FIELD_LIMITS.phone],
    ]),
  ),
};

const REQUIRED = UNIT_COLUMNS.filter((c) => c.required).map((c) => c.field);
const PERSON_REQUIRED = ['name', 'email'] as const;

function unitsFromGrid(grid: Grid, lang: Lang): UnitSheetResult {
  const t = MESSAGES[lang];
  const names = FIELD_NAMES[lang];
  const none = { units: [], unitRows: [], rows: 0 };
  if (grid.rows.length === 0) return { ...none, headerRow: 0, problems: [{ row: 0, message: t.empty }] };

  // The header: the first of the first rows naming two known columns (a title may stand above it).
  const fieldsOf = (cells: string[]) => cells.map(headerField);
  const header =
    grid.rows.slice(0, 10).find((r) => fieldsOf(r.cells).filter((f) => f !== undefined).length >= 2) ?? grid.rows[0];
  const headerRow = header.row;
  const columns = new Map<UnitField, number>();
  const problems: SheetProblem[] = [];
  fieldsOf(header.cells).forEach((field, index) => {
    if (!field) return;
    const first = columns.get(field);
    if (first === undefined) columns.set(field, index);
    else {
      const column = columnLetter(index);
      const at = `${columnLetter(first)} (${header.cells[first]})`;
      problems.push({
        row: headerRow,
        column,
        header: header.cells[index],
        field,
        message: `${t.place(headerRow, column, header.cells[index])}: ${t.duplicateColumn(names[field], at)}`,
      });
    }
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length > 0) {
    const found = header.cells.flatMap((h, i) => (h ? [`${columnLetter(i)} "${h}"`] : []));
    const headers = missing.map((f) => UNIT_COLUMNS.find((c) => c.field === f)?.header ?? f);
    problems.push({ row: headerRow, message: `${t.place(headerRow)}: ${t.missingColumns(headers, found)}` });
  }
  if (problems.length > 0) return { ...none, headerRow, problems };

  const data = grid.rows.filter((r) => r.row > headerRow);
  if (data.length === 0) return { ...none, headerRow, problems: [{ row: headerRow, message: t.noRows }] };

  const units: UnitInput[] = [];
  const unitRows: number[] = [];
  const ids = new Map<string, { id: string; row: number }>();
  for (const { row, cells } of data) {
    const rowProblems: SheetProblem[] = [];
    const get = (field: UnitField) => {
      const i = columns.get(field);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const report = (field: UnitField, message: string) => {
      const index = columns.get(field);
      const column = index === undefined ? undefined : columnLetter(index);
      const headerText = index === undefined ? undefined : header.cells[index];
      rowProblems.push({
        row,
        ...(column ? { column, header: headerText } : {}),
        field,
        message: `${t.place(row, column, headerText)}: ${message}`,
      });
    };

    const name = get('name');
    const suggestion = t.suggestion(unitIdFromName(name || get('id')));
    const supervisorGiven = (['name', 'title', 'email', 'phone'] as const).some((p) => get(`supervisor.${p}`) !== '');
    const required = [...REQUIRED, ...(supervisorGiven ? PERSON_REQUIRED.map((p) => `supervisor.${p}` as const) : [])];
    for (const field of required) {
      if (get(field) === '') report(field, t.required(names[field]) + (field === 'id' ? suggestion : ''));
    }
    for (const [field, max] of Object.entries(LIMITS) as Array<[UnitField, number]>) {
      const length = [...get(field)].length;
      if (length > max) report(field, t.tooLong(names[field], length, max));
    }

    const id = get('id');
    if (id !== '') {
      if (!UNIT_ID.test(id)) report('id', t.badId(id) + suggestion);
      const seen = ids.get(id.toLowerCase());
      if (seen && seen.id === id) report('id', t.duplicateId(id, seen.row));
      else if (seen) report('id', t.caseId(id, seen.id, seen.row));
      else ids.set(id.toLowerCase(), { id, row });
    }

    const kindText = get('kind');
    const kind = kindText === '' ? undefined : unitKindOf(kindText);
    if (kindText !== '' && !kind) report('kind', t.unknownKind(kindText));

    for (const person of ['focal', 'head', 'supervisor'] as const) {
      const email = get(`${person}.email`);
      const max = LIMITS[`${person}.email`] ?? FIELD_LIMITS.email;
      if (email !== '' && email.length <= max && !Email.safeParse(email).success) {
        report(`${person}.email`, t.badEmail(email));
      }
    }
    const supervisorEmail = get('supervisor.email').toLowerCase();
    if (supervisorEmail !== '') {
      if (supervisorEmail === get('head.email').toLowerCase()) {
        report('supervisor.email', t.supervisorIsHead(get('supervisor.email')));
      } else if (supervisorEmail === get('focal.email').toLowerCase()) {
        report('supervisor.email', t.supervisorIsFocal(get('supervisor.email')));
      }
    }

    if (rowProblems.length > 0 || !kind) {
      problems.push(...rowProblems);
      continue;
    }
    const person = (p: 'focal' | 'head' | 'supervisor') => ({
      name: get(`${p}.name`),
      ...(get(`${p}.title`) ? { title: get(`${p}.title`) } : {}),
      email: get(`${p}.email`),
      ...(get(`${p}.phone`) ? { phone: get(`${p}.phone`) } : {}),
    });
    units.push({
      id,
      name,
      kind,
      ...(get('cluster') ? { cluster: get('cluster') } : {}),
      focal: person('focal'),
      head: person('head'),
      ...(supervisorGiven ? { supervisor: person('supervisor') } : {}),
    });
    unitRows.push(row);
  }
  return { units, unitRows, problems, rows: data.length, headerRow };
}

// ---- after reading -------------------------------------------------------------------------------

/**
 * The result without the given rows: their units and problems go, the sheet's own problems (row 0
 * or the header's) stay. What the clerk does by "drop the bad rows". A duplicate id is reported on
 * the later row: dropping the earlier one leaves that problem, so the later one must be dropped or fixed.
 */
export function dropRows(result: UnitSheetResult, rows: readonly number[]): UnitSheetResult {
  const drop = new Set(rows.filter((r) => r > result.headerRow));
  const dataRows = new Set([
    ...result.unitRows,
    ...result.problems.filter((p) => p.row > result.headerRow).map((p) => p.row),
  ]);
  const kept = result.units.flatMap((unit, i) =>
    drop.has(result.unitRows[i]) ? [] : [{ unit, row: result.unitRows[i] }],
  );
  return {
    units: kept.map((k) => k.unit),
    unitRows: kept.map((k) => k.row),
    problems: result.problems.filter((p) => !drop.has(p.row)),
    rows: result.rows - [...drop].filter((r) => dataRows.has(r)).length,
    headerRow: result.headerRow,
  };
}

/** The `units:` block of a campaign file, in the order the format documents a unit's keys. */
export function unitsToYaml(units: readonly UnitInput[]): string {
  return stringify({ units: units.map(orderedUnit) }, { lineWidth: 0 });
}

function orderedUnit(u: UnitInput): Record<string, unknown> {
  const person = (p: UnitInput['focal']) => ({
    name: p.name,
    ...(p.title !== undefined ? { title: p.title } : {}),
    email: p.email,
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
  });
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    ...(u.cluster !== undefined ? { cluster: u.cluster } : {}),
    focal: person(u.focal),
    head: person(u.head),
    ...(u.supervisor ? { supervisor: person(u.supervisor) } : {}),
    ...(u.subUnits ? { subUnits: u.subUnits.map(orderedUnit) } : {}),
  };
}

// ---- the template --------------------------------------------------------------------------------

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

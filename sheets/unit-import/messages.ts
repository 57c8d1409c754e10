/** The messages of a unit sheet's problems, in Vietnamese and English, and the fields' names in them. */
import { UnitKind } from '../../domain/campaign-schema';
import type { Lang } from '../../domain/validation/texts';
import { UNIT_KIND_NAMES, type UnitField } from './columns';

export const FIELD_NAMES: Record<Lang, Record<UnitField, string>> = {
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

export const MESSAGES = {
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

export type Messages = (typeof MESSAGES)['vi'];

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/**
 * Units from a sheet: a good sheet (Vietnamese headers in another order) gives the units and a YAML
 * block a campaign file accepts; each bad cell is named by row and column; wrong columns, files that
 * are no sheet and CSV in an old Vietnamese encoding are refused with the reason. Sheets are built
 * here with exceljs and as CSV strings: no binary fixture.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parse, stringify } from 'yaml';
import { loadWorkingCalendar } from '../../../config/holidays';
import { FIELD_LIMITS } from '../../../domain/campaign-schema';
import { validateCampaign } from '../../../domain/campaign-validate';
import { parseYamlSource } from '../../../domain/yaml-source';
import {
  dropRows,
  GUIDE_SHEET,
  MAX_SHEET_BYTES,
  MAX_SHEET_ROWS,
  readUnitSheet,
  UNITS_SHEET,
  unitSheetTemplate,
  unitsToYaml,
  type UnitSheetResult,
} from '../../../sheets/unit-import';

type Cell = string | number | null;

async function xlsx(rows: Cell[][], sheetName = 'Danh sách'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(sheetName);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csv = (text: string) => Buffer.from(text, 'utf8');

/** Columns in another order than the template's, headers in other spellings and cases. */
const HEADER = [
  'TÊN ĐƠN VỊ',
  'Mã đơn vị',
  'Email đầu mối',
  'Họ tên cán bộ đầu mối',
  'Loại',
  'Cụm/Khối thi đua',
  'Họ và tên thủ trưởng',
  'Chức vụ thủ trưởng',
  'Email thủ trưởng',
  'Điện thoại đầu mối',
  'Họ tên cấp trên',
  'Email cấp trên',
];

const GOOD: Cell[][] = [
  HEADER,
  [
    'Sở Nội vụ',
    'so-noi-vu',
    'binh.snv@vinhphuc.gov.vn',
    'Trần Văn Bình',
    'Sở, ban, ngành',
    'Khối Nội chính',
    'Lê Quang Đức',
    'Giám đốc',
    'duc.snv@vinhphuc.gov.vn',
    '0912345678',
    null,
    null,
  ],
  [],
  [
    'Huyện ủy Lập Thạch',
    'huyen-uy-lap-thach',
    'hoa.lt@vinhphuc.gov.vn',
    'Nguyễn Thị Hoa',
    'huyện uỷ',
    null,
    'Phạm Văn Nam',
    null,
    'nam.lt@vinhphuc.gov.vn',
    null,
    'Đỗ Văn Tỉnh',
    'tinh.tu@vinhphuc.gov.vn',
  ],
  [
    'Hội Nông dân tỉnh',
    'hoi-nong-dan',
    'an.hnd@vinhphuc.gov.vn',
    'Vũ Văn An',
    'mass-organization',
    null,
    'Hà Văn Bắc',
    null,
    'bac.hnd@vinhphuc.gov.vn',
    null,
    null,
    null,
  ],
];

/** A sample campaign file (Vĩnh Phúc, 2009) whose `units:` block is the sheet's. */
function campaignWith(unitsYaml: string) {
  const sample = parse(
    fs.readFileSync(path.resolve(__dirname, '../../../config/campaigns/vinh-phuc-67-kh-tu-2009.yaml'), 'utf8'),
  );
  delete sample.units;
  const text = `${stringify(sample)}${unitsYaml}`;
  return validateCampaign(parseYamlSource(text, 'x.yaml'), {
    calendar: loadWorkingCalendar(),
    mode: 'validate',
    now: '2009-09-01T00:00:00+07:00',
  });
}

const at = (r: UnitSheetResult) => r.problems.map((p) => [p.row, p.column, p.field]);

describe('a good sheet', () => {
  it('gives its units, skips the empty row, and the YAML is valid in a campaign file', async () => {
    const result = await readUnitSheet(await xlsx(GOOD));
    expect(result.problems).toEqual([]);
    expect(result.rows).toBe(3);
    expect(result.unitRows).toEqual([2, 4, 5]);
    expect(result.units[0]).toEqual({
      id: 'so-noi-vu',
      name: 'Sở Nội vụ',
      kind: 'department',
      cluster: 'Khối Nội chính',
      focal: { name: 'Trần Văn Bình', email: 'binh.snv@vinhphuc.gov.vn', phone: '0912345678' },
      head: { name: 'Lê Quang Đức', title: 'Giám đốc', email: 'duc.snv@vinhphuc.gov.vn' },
    });
    expect(result.units.map((u) => u.kind)).toEqual(['department', 'district-committee', 'mass-organization']);
    expect(result.units[1].supervisor).toEqual({ name: 'Đỗ Văn Tỉnh', email: 'tinh.tu@vinhphuc.gov.vn' });

    const yaml = unitsToYaml(result.units);
    expect(yaml.startsWith('units:\n  - id: so-noi-vu\n')).toBe(true);
    expect(yaml).toContain('phone: "0912345678"'); // a string, not the number 912345678
    const { campaign, problems } = campaignWith(yaml);
    expect(problems).toEqual([]);
    expect(campaign?.units).toEqual(result.units);
  });

  it('reads the same from a CSV with ";" (Excel in vi-VN), a BOM and a quoted field over two lines', async () => {
    const lines = [
      'Mã đơn vị;Tên đơn vị;Loại đơn vị;Họ tên đầu mối;Email đầu mối;Họ tên thủ trưởng;Email thủ trưởng',
      'so-noi-vu;"Sở Nội vụ\ntỉnh Vĩnh Phúc";department;Trần Văn Bình;binh.snv@vinhphuc.gov.vn;Lê Quang Đức;duc.snv@vinhphuc.gov.vn',
      ';;;;;;',
      'so-tu-phap;"Sở Tư pháp; tỉnh ""VP""";Sở;Ngô Thị Lan;lan.stp@vinhphuc.gov.vn;Lý Văn Tư;tu.stp@vinhphuc.gov.vn',
    ];
    const result = await readUnitSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(lines.join('\r\n'))]));
    expect(result.problems).toEqual([]);
    expect(result.units.map((u) => [u.id, u.name])).toEqual([
      ['so-noi-vu', 'Sở Nội vụ\ntỉnh Vĩnh Phúc'],
      ['so-tu-phap', 'Sở Tư pháp; tỉnh "VP"'],
    ]);
    expect(result.unitRows).toEqual([2, 4]);
  });

  it('reads a CSV with "," and English headers; a hyperlinked email and rich text read as their text', async () => {
    const text =
      'id,name,kind,focal name,focal email,head name,head email,supervisor,supervisor email\n' +
      'so-y-te,Sở Y tế,department,A,a@x.vn,B,b@x.vn,,\n';
    expect((await readUnitSheet(csv(text))).units).toHaveLength(1);

    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Units');
    ws.addRow(['id', 'name', 'kind', 'focal name', 'focal email', 'head name', 'head email']);
    ws.addRow(['so-y-te', { richText: [{ text: 'Sở ' }, { text: 'Y tế' }] }, 'Sở, ban, ngành', 'A']);
    ws.getCell('E2').value = { text: 'a@x.vn', hyperlink: 'mailto:a@x.vn' };
    ws.getCell('F2').value = 'B';
    ws.getCell('G2').value = { formula: 'LOWER("B@X.VN")', result: 'b@x.vn' };
    const result = await readUnitSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.problems).toEqual([]);
    expect(result.units[0]).toMatchObject({ name: 'Sở Y tế', focal: { email: 'a@x.vn' }, head: { email: 'b@x.vn' } });
  });
});

describe('bad rows, each named by row and column', () => {
  const header = [
    'Mã đơn vị',
    'Tên đơn vị',
    'Loại đơn vị',
    'Họ tên đầu mối',
    'Email đầu mối',
    'Họ tên thủ trưởng',
    'Email thủ trưởng',
    'Họ tên cấp trên',
    'Email cấp trên',
  ];
  const good = (id: string): Cell[] => [id, 'Sở Nội vụ', 'department', 'A', 'a@x.vn', 'B', 'b@x.vn', null, null];
  const read = async (...rows: Cell[][]) => readUnitSheet(await xlsx([header, ...rows]));

  it('a missing required cell', async () => {
    const row = good('so-noi-vu');
    row[4] = null;
    const result = await read(row);
    expect(at(result)).toEqual([[2, 'E', 'focal.email']]);
    expect(result.problems[0].message).toBe('Dòng 2, cột E (Email đầu mối): thiếu email cán bộ đầu mối.');
    expect(result.units).toEqual([]);
  });

  it('a missing or invalid id, with the slug of the name suggested', async () => {
    const missing = good('');
    const bad = good('Sở Nội vụ');
    const result = await read(missing, bad);
    expect(at(result)).toEqual([
      [2, 'A', 'id'],
      [3, 'A', 'id'],
    ]);
    expect(result.problems[0].message).toContain('thiếu mã đơn vị. Gợi ý: "so-noi-vu"');
    expect(result.problems[1].message).toMatch(
      /^Dòng 3, cột A \(Mã đơn vị\): mã "Sở Nội vụ" không hợp lệ.*"so-noi-vu"/,
    );
  });

  it('a duplicate id names both rows; one differing only by case too', async () => {
    const result = await read(good('so-noi-vu'), good('so-tu-phap'), good('so-noi-vu'), good('So-Tu-Phap'));
    expect(result.units.map((u) => u.id)).toEqual(['so-noi-vu', 'so-tu-phap']);
    const duplicate = result.problems.find((p) => p.row === 4);
    expect(duplicate?.message).toBe('Dòng 4, cột A (Mã đơn vị): mã "so-noi-vu" trùng với mã ở dòng 2.');
    const cased = result.problems.filter((p) => p.row === 5).map((p) => p.message);
    expect(cased).toContainEqual(expect.stringContaining('chỉ khác mã "so-tu-phap" ở dòng 3 về chữ hoa, chữ thường'));
  });

  it('an invalid email, an unknown kind listing the allowed ones, a supervisor who is the head or focal', async () => {
    const email = good('a');
    email[6] = 'duc.snv@vinhphuc';
    const kind = good('b');
    kind[2] = 'Bộ';
    const head = good('c');
    head.splice(7, 2, 'B', 'B@x.vn');
    const focal = good('d');
    focal.splice(7, 2, 'A', 'a@x.vn');
    const result = await read(email, kind, head, focal);
    expect(at(result)).toEqual([
      [2, 'G', 'head.email'],
      [3, 'C', 'kind'],
      [4, 'I', 'supervisor.email'],
      [5, 'I', 'supervisor.email'],
    ]);
    const [m1, m2, m3, m4] = result.problems.map((p) => p.message);
    expect(m1).toContain('"duc.snv@vinhphuc" không phải địa chỉ email hợp lệ');
    expect(m2).toContain('không có loại đơn vị "Bộ"; dùng một trong: "Sở, ban, ngành" (department)');
    expect(m2).toContain('"Khác" (other)');
    expect(m3).toBe('Dòng 4, cột I (Email cấp trên): cấp trên (B@x.vn) trùng với thủ trưởng của chính đơn vị.');
    expect(m4).toContain('trùng với cán bộ đầu mối');
  });

  it('a supervisor without an email; over-long fields', async () => {
    const noEmail = good('a');
    noEmail[7] = 'Cấp trên';
    const long = good('b');
    long[1] = 'x'.repeat(FIELD_LIMITS.name + 1);
    long[4] = `${'a'.repeat(FIELD_LIMITS.email)}@x.vn`;
    const result = await read(noEmail, long);
    expect(at(result)).toEqual([
      [2, 'I', 'supervisor.email'],
      [3, 'B', 'name'],
      [3, 'E', 'focal.email'],
    ]);
    expect(result.problems[1].message).toBe(
      `Dòng 3, cột B (Tên đơn vị): tên đơn vị dài ${FIELD_LIMITS.name + 1} ký tự, tối đa ${FIELD_LIMITS.name}.`,
    );
  });

  it('speaks English when asked', async () => {
    const row = good('so-noi-vu');
    row[4] = null;
    const result = await readUnitSheet(await xlsx([header, row]), { lang: 'en' });
    expect(result.problems[0].message).toBe("Row 2, column E (Email đầu mối): the focal person's email is missing.");
  });

  it('dropRows takes the bad rows out, and nothing else', async () => {
    const bad = good('so-tu-phap');
    bad[4] = 'not-an-email';
    const result = await read(good('so-noi-vu'), bad, [], good('so-y-te'));
    expect(result.rows).toBe(3);
    expect(result.problems.map((p) => p.row)).toEqual([3]);
    const dropped = dropRows(result, [3]);
    expect(dropped.problems).toEqual([]);
    expect(dropped.units.map((u) => u.id)).toEqual(['so-noi-vu', 'so-y-te']);
    expect(dropped.unitRows).toEqual([2, 5]);
    expect(dropped.rows).toBe(2);
    expect(dropRows(result, [2, 4, 99])).toMatchObject({ rows: 2, unitRows: [5], problems: result.problems });
    expect(result.units).toHaveLength(2); // the original is left as it was
  });
});

describe('wrong columns', () => {
  it('a header without required columns: one problem naming them and the headers found', async () => {
    const result = await readUnitSheet(
      await xlsx([
        ['STT', 'Tên đơn vị', 'Loại', 'Email'],
        [1, 'Sở Nội vụ', 'Sở', 'a@x.vn'],
      ]),
    );
    expect(result.problems).toHaveLength(1);
    const [p] = result.problems;
    expect(p.row).toBe(1);
    expect(p.message).toContain('thiếu cột "Mã đơn vị", "Họ tên đầu mối", "Email đầu mối"');
    expect(p.message).toContain('A "STT", B "Tên đơn vị", C "Loại", D "Email"');
    expect(result.units).toEqual([]);
  });

  it('a title row above the header is passed over; a repeated column is named', async () => {
    const result = await readUnitSheet(
      await xlsx([['DANH SÁCH ĐƠN VỊ THI ĐUA NĂM 2025'], [...GOOD[0], 'Email thủ trưởng'], ...GOOD.slice(1)]),
    );
    expect(result.headerRow).toBe(2);
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([[2, 'M']]);
    expect(result.problems[0].message).toContain('lặp lại cột I (Email thủ trưởng)');
  });

  it('notes in parentheses are read past, unless they are the header', async () => {
    const text =
      'Mã đơn vị (bắt buộc),Tên đơn vị *,Loại,Họ tên (đầu mối),Email (đầu mối),Thủ trưởng,Email (thủ trưởng)\n' +
      'so-noi-vu,Sở Nội vụ,Sở,A,a@x.vn,B,b@x.vn\n';
    const result = await readUnitSheet(csv(text));
    expect(result.problems).toEqual([]);
    expect(result.units[0]).toMatchObject({ id: 'so-noi-vu', focal: { name: 'A', email: 'a@x.vn' } });
  });

  it('an empty sheet, and a header without rows', async () => {
    expect((await readUnitSheet(await xlsx([]))).problems[0].message).toContain('Bảng tính trống');
    expect((await readUnitSheet(await xlsx([HEADER]))).problems[0].message).toContain('Không có đơn vị nào');
  });
});

describe('files that are not a sheet', () => {
  it('a PDF', async () => {
    const result = await readUnitSheet(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n', 'latin1'));
    expect(result.problems).toEqual([{ row: 0, message: expect.stringContaining('Tệp này là PDF') }]);
  });

  it('a .docx renamed .xlsx (a zip, but not a workbook), and another zip', async () => {
    const docx = new JSZip();
    docx.file('[Content_Types].xml', '<Types/>');
    docx.file('word/document.xml', '<w:document/>');
    const result = await readUnitSheet(await docx.generateAsync({ type: 'nodebuffer' }));
    expect(result.problems[0].message).toContain('văn bản Word (.docx)');
    const zip = new JSZip();
    zip.file('a.txt', 'a');
    expect((await readUnitSheet(await zip.generateAsync({ type: 'nodebuffer' }))).problems[0].message).toContain(
      'không có xl/workbook.xml',
    );
  });

  it('a zip bomb: a small .xlsx that would inflate past the limit is refused from its directory, unread', async () => {
    // A real workbook, with a sheet padded by 110 MB of spaces: under 1 MB once deflated.
    const good = new JSZip();
    await good.loadAsync(await xlsx(GOOD));
    const sheet = await good.file('xl/worksheets/sheet1.xml')!.async('string');
    good.file('xl/worksheets/sheet1.xml', sheet.replace('<sheetData>', `<sheetData>${' '.repeat(110 * 1024 * 1024)}`));
    const bomb = await good.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level: 1 },
    });
    expect(bomb.length).toBeLessThan(MAX_SHEET_BYTES);
    const result = await readUnitSheet(bomb);
    expect(result.units).toEqual([]);
    expect(result.problems).toEqual([
      { row: 0, message: expect.stringMatching(/khi giải nén lớn tới 1\d\d\.\d MB \(tối đa 100\.0 MB\)/) },
    ]);
  }, 60_000);

  it('random bytes, and a file that is too large', async () => {
    let seed = 7;
    const random = Buffer.from(
      Array.from({ length: 2000 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256),
    );
    expect((await readUnitSheet(random)).problems[0].message).toContain('không phải bảng tính');
    const big = Buffer.alloc(MAX_SHEET_BYTES + 1, 0x61);
    expect((await readUnitSheet(big)).problems[0].message).toContain('Tệp quá lớn');
  });

  it(`a sheet of more than ${MAX_SHEET_ROWS} rows`, async () => {
    const text = `${HEADER.join(',')}\n${'a,b\n'.repeat(MAX_SHEET_ROWS)}`;
    const result = await readUnitSheet(csv(text));
    expect(result.problems).toEqual([
      { row: 0, message: expect.stringContaining(`quá giới hạn ${MAX_SHEET_ROWS} dòng`) },
    ]);
  });

  it('an old .xls (or password-protected workbook)', async () => {
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
    expect((await readUnitSheet(ole)).problems[0].message).toContain('Excel 97-2003 (.xls)');
  });

  it('a CSV in TCVN3 or Windows-1258 bytes is refused naming the encoding', async () => {
    // TCVN3 (ABC)-like: "S?? N?i v?" with one-byte letters standing alone, ơ as 0xAC (a byte only TCVN3 uses so).
    const tcvn3 = Buffer.concat([
      csv('Mã đơn vị,Tên đơn vị\n'.normalize('NFD').replace(/[\u0300-\u036f]/g, '')),
      Buffer.from([0x53, 0xac, 0xb3, 0x20, 0x4e, 0xe9, 0x69, 0x20, 0x76, 0xf4, 0x2c, 0x61, 0x0a]),
    ]);
    const r1 = await readUnitSheet(tcvn3);
    expect(r1.problems).toHaveLength(1);
    expect(r1.problems[0].message).toContain('không dùng bảng mã UTF-8');
    expect(r1.problems[0].message).toContain('TCVN3 (ABC)');
    // "Sở Nội vụ" in Windows-1258: ơ 0xF5 + hook 0xD2, ô 0xF4 + dot below 0xF2, u + dot below.
    const cp1258 = Buffer.from([
      ...Buffer.from('id,name\nso-noi-vu,S'),
      0xf5,
      0xd2,
      0x20,
      0x4e,
      0xf4,
      0xf2,
      0x69,
      0x20,
      0x76,
      0x75,
      0xf2,
      0x0a,
    ]);
    const r2 = await readUnitSheet(cp1258);
    expect(r2.problems[0].message).toContain('Windows-1258');
    expect(r2.problems[0].message).toContain('CSV UTF-8');
  });

  it('an unterminated quote in a CSV', async () => {
    const text =
      'Mã đơn vị,Tên đơn vị,Loại đơn vị,Họ tên đầu mối,Email đầu mối,Họ tên thủ trưởng,Email thủ trưởng\n"a,b\n';
    const result = await readUnitSheet(csv(text));
    expect(result.problems[0]).toMatchObject({ row: 2, message: expect.stringContaining('không được đóng') });
  });
});

describe('the template', () => {
  it('has the headers, a frozen header, widths and a guide sheet; filled, it imports', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await unitSheetTemplate()) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet(UNITS_SHEET);
    if (!ws) throw new Error('no units sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã đơn vị',
      'Tên đơn vị',
      'Loại đơn vị',
      'Cụm, khối thi đua',
      'Họ tên đầu mối',
      'Chức vụ đầu mối',
      'Email đầu mối',
      'Điện thoại đầu mối',
      'Họ tên thủ trưởng',
      'Chức vụ thủ trưởng',
      'Email thủ trưởng',
      'Họ tên cấp trên',
      'Email cấp trên',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    const guide = workbook.getWorksheet(GUIDE_SHEET);
    const guideText = JSON.stringify(guide?.getSheetValues());
    expect(guideText).toContain('Email đầu mối');
    expect(guideText).toContain('Huyện ủy, thị ủy, thành ủy');
    expect(guideText).toContain('mass-organization');

    // The sample row is itself a good unit; one more row filled in.
    ws.addRow([
      'so-tu-phap',
      'Sở Tư pháp',
      'Sở, ban, ngành',
      '',
      'Ngô Thị Lan',
      '',
      'lan.stp@vinhphuc.gov.vn',
      '0211 3862 111',
      'Lý Văn Tư',
      'Giám đốc',
      'tu.stp@vinhphuc.gov.vn',
    ]);
    const result = await readUnitSheet(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(result.problems).toEqual([]);
    expect(result.units.map((u) => u.id)).toEqual(['so-noi-vu', 'so-tu-phap']);
    expect(campaignWith(unitsToYaml(result.units)).problems).toEqual([]);
  });
});

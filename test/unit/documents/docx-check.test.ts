import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { isDocx, zipEntryNames } from '../../../documents/docx-check';
import { buildSynthesisPack } from '../../../documents/synthesis-pack';
import { sampleSynthesisData } from '../../../documents/sample-data';

describe('isDocx (by content)', () => {
  let built: Buffer;
  let xlsx: Buffer;
  beforeAll(async () => {
    ({ docx: built, xlsx } = await buildSynthesisPack(sampleSynthesisData));
  });

  test('accepts the report the pack builder wrote', () => {
    expect(isDocx(built)).toBe(true);
  });

  test('accepts a minimal Word package written by another zip writer', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', '<w:document/>');
    zip.file('docProps/app.xml', '<Properties/>', { comment: 'a comment lengthens the directory entry' });
    expect(isDocx(await zip.generateAsync({ type: 'nodebuffer', comment: 'archive comment' }))).toBe(true);
  });

  test('rejects a PDF, the workbook, another zip, random bytes and nothing', async () => {
    expect(isDocx(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF'))).toBe(false);
    expect(isDocx(xlsx)).toBe(false);
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').getCell('A1').value = 1;
    expect(isDocx(Buffer.from(await workbook.xlsx.writeBuffer()))).toBe(false);
    const other = new JSZip();
    other.file('[Content_Types].xml', '<Types/>');
    other.file('word.xml', '<w:document/>');
    expect(isDocx(await other.generateAsync({ type: 'nodebuffer' }))).toBe(false);
    let seed = 7;
    const random = Buffer.from(
      Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff),
    );
    expect(isDocx(random)).toBe(false);
    expect(isDocx(Buffer.alloc(0))).toBe(false);
  });

  test('rejects a docx cut short (its central directory is gone) and one with the header only', () => {
    expect(isDocx(built.subarray(0, Math.floor(built.length / 2)))).toBe(false);
    expect(isDocx(built.subarray(0, 4))).toBe(false);
  });

  test('reads the same entry names as jszip', async () => {
    const zip = await JSZip.loadAsync(built);
    expect(zipEntryNames(built)?.sort()).toEqual(Object.keys(zip.files).sort());
  });
});

import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import type { SynthesisData } from '../../../domain/synthesis-types';
import { sampleSynthesisData as sample } from '../../../documents/sample-data';
import { synthesisXlsx } from '../../../documents/synthesis-xlsx';

async function read(data: SynthesisData): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await synthesisXlsx(data)) as unknown as ArrayBuffer);
  return workbook;
}

/** The values of a row as plain data. */
const values = (ws: ExcelJS.Worksheet, row: number): unknown[] => (ws.getRow(row).values as unknown[]).slice(1);

/** The local wall time Excel should show for an instant (Excel dates carry no zone). */
const wall = (iso: string): string =>
  DateTime.fromISO(iso, { zone: 'Asia/Ho_Chi_Minh' }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
const asWall = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 19) : String(d));

describe('the synthesis workbook (.xlsx)', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = await read(sample);
  });

  test('has the four Vietnamese sheets in order, dated builtAt', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Đơn vị', 'Tham luận', 'Đề nghị khen thưởng']);
    expect(wb.created.toISOString()).toBe(sample.builtAt);
    expect(wb.modified.toISOString()).toBe(sample.builtAt);
  });

  test('every sheet is ready to print: header row bold, frozen, repeated; widths, borders, A4 landscape fit to width', () => {
    for (const ws of wb.worksheets) {
      const headerRow = ws.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(headerRow.state).toBe('frozen');
      const n = headerRow.ySplit ?? 0;
      expect(n).toBeGreaterThan(0);
      const header = ws.getRow(n);
      expect(header.getCell(1).font?.bold).toBe(true);
      expect(header.getCell(1).border?.bottom?.style).toBe('thin');
      expect(ws.pageSetup.printTitlesRow).toBe(`${n}:${n}`);
      expect(ws.pageSetup.paperSize).toBe(9);
      expect(ws.pageSetup.orientation).toBe('landscape');
      expect(ws.pageSetup.fitToPage).toBe(true);
      expect(ws.pageSetup.fitToWidth).toBe(1);
      const widths = ws.columns.slice(0, ws.actualColumnCount).map((c) => c.width);
      expect(widths.every((w) => typeof w === 'number' && w >= 6)).toBe(true);
    }
  });

  test('"Tổng hợp": counts per cluster and overall, Vietnamese headers', () => {
    const ws = wb.getWorksheet('Tổng hợp');
    if (!ws) throw new Error('no sheet');
    const n = (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit ?? 0;
    expect(values(ws, n)).toEqual([
      'Cụm, khối thi đua',
      'Tổng số đơn vị',
      'Đúng hạn',
      'Nộp muộn',
      'Chưa nộp',
      'Đang chờ',
      'Đã hủy',
    ]);
    const clusters = [...new Set(sample.units.map((u) => u.cluster ?? ''))];
    const statuses = ['submitted', 'late', 'missing', 'pending', 'cancelled'];
    clusters.forEach((cluster, i) => {
      const units = sample.units.filter((u) => u.cluster === cluster);
      expect(values(ws, n + 1 + i)).toEqual([
        cluster,
        units.length,
        ...statuses.map((s) => units.filter((u) => u.status === s).length),
      ]);
    });
    expect(values(ws, n + 1 + clusters.length)).toEqual(['Tổng cộng', 12, 7, 3, 2, 0, 0]);
  });

  test('"Đơn vị": every unit with its status in Vietnamese, deadline and receipt as local dates, days late', () => {
    const ws = wb.getWorksheet('Đơn vị');
    if (!ws) throw new Error('no sheet');
    const n = (ws.views[0] as ExcelJS.WorksheetViewFrozen).ySplit ?? 0;
    expect(values(ws, n)).toEqual([
      'STT',
      'Đơn vị',
      'Cụm, khối',
      'Tình trạng',
      'Hạn nộp',
      'Ngày nộp',
      'Số ngày làm việc muộn',
    ]);
    const names = {
      submitted: 'đúng hạn',
      late: 'nộp muộn',
      missing: 'chưa nộp',
      cancelled: 'đã hủy',
      pending: 'đang chờ',
    };
    sample.units.forEach((u, i) => {
      const row = ws.getRow(n + 1 + i);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(2).value).toBe(u.unitName);
      expect(row.getCell(3).value).toBe(u.cluster);
      expect(row.getCell(4).value).toBe(names[u.status]);
      expect(asWall(row.getCell(5).value)).toBe(wall(u.deadline));
      expect(row.getCell(5).numFmt).toBe('dd/mm/yyyy hh:mm');
      if (u.submittedAt) expect(asWall(row.getCell(6).value)).toBe(wall(u.submittedAt));
      else expect(row.getCell(6).value).toBeNull();
      expect(row.getCell(7).value).toBe(u.status === 'late' ? u.daysLate : null);
    });
    expect(ws.rowCount).toBe(n + sample.units.length);
  });

  test('"Tham luận" and "Đề nghị khen thưởng" list what was received', () => {
    const papers = wb.getWorksheet('Tham luận');
    const noms = wb.getWorksheet('Đề nghị khen thưởng');
    if (!papers || !noms) throw new Error('no sheet');
    const n = (papers.views[0] as ExcelJS.WorksheetViewFrozen).ySplit ?? 0;
    expect(values(papers, n)).toEqual(['STT', 'Đơn vị', 'Tên tệp', 'Ngày nhận', 'Đúng hạn']);
    const expected = sample.units.flatMap((u) =>
      u.papers.map((p) => [u.unitName, p.name, p.late ? 'Nộp muộn' : 'Đúng hạn']),
    );
    expect(expected).toHaveLength(4);
    expected.forEach((e, i) => {
      const v = values(papers, n + 1 + i);
      expect([v[1], v[2], v[4]]).toEqual(e);
    });
    expect(values(noms, n)).toEqual([
      'STT',
      'Đối tượng',
      'Tên tập thể, cá nhân',
      'Chức vụ',
      'Hình thức đề nghị',
      'Đơn vị đề nghị',
      'Thành tích',
    ]);
    sample.nominations.forEach((nom, i) => {
      expect(values(noms, n + 1 + i)).toEqual([
        i + 1,
        nom.type === 'collective' ? 'Tập thể' : 'Cá nhân',
        nom.name,
        nom.position ?? '',
        nom.awardForm,
        nom.unitName,
        nom.reasons,
      ]);
    });
  });

  test('several deadline phases: a sheet "Theo giai đoạn" with the counts of each phase, in order', async () => {
    // Units alternate: all sent their plan (one late); in the results phase the sample's own statuses.
    const twoPhases: SynthesisData = {
      ...sample,
      units: sample.units.map((u, i) => ({
        ...u,
        phases: [
          { id: 'ke-hoach', name: 'Kế hoạch tổ chức Đại hội', status: i === 0 ? 'late' : 'submitted' },
          { id: 'ket-qua', name: 'Báo cáo kết quả', status: u.status },
        ],
      })),
    };
    const book = await read(twoPhases);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Theo giai đoạn',
      'Đơn vị',
      'Tham luận',
      'Đề nghị khen thưởng',
    ]);
    const ws = book.getWorksheet('Theo giai đoạn')!;
    const count = (s: string) => sample.units.filter((u) => u.status === s).length;
    expect(values(ws, 4)).toEqual(['Kế hoạch tổ chức Đại hội', 12, 11, 1, 0, 0, 0]);
    expect(values(ws, 5)).toEqual(['Báo cáo kết quả', 12, count('submitted'), count('late'), count('missing'), 0, 0]);
    // One phase: no such sheet (the sample above).
    expect(wb.getWorksheet('Theo giai đoạn')).toBeUndefined();
  });

  test('a unit named "A & B <C>" and one without cluster come through intact', async () => {
    const odd: SynthesisData = {
      ...sample,
      units: [...sample.units, { ...sample.units[0], unitId: 'x', unitName: 'A & B <C>', cluster: undefined }],
    };
    const ws = (await read(odd)).getWorksheet('Đơn vị');
    if (!ws) throw new Error('no sheet');
    expect(values(ws, ws.rowCount).slice(1, 3)).toEqual(['A & B <C>', '(Không thuộc cụm, khối)']);
  });
});

/**
 * The statistics reproduce the table of award counts in the ministry's conference report (seed
 * `001_…`, copied to test/fixtures/seeds): the figures are read from the seed's sentence, turned
 * into approved nominations through the catalogue's matching, counted, and printed. The printed
 * table is kept as a golden file (`UPDATE_GOLDEN=1` rewrites it after an intended change).
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadAwardCatalogue, matchForm } from '../../../domain/award-catalogue';
import type { AwardNominationView } from '../../../domain/award-types';
import type { NomineeType } from '../../../domain/workflow-types';
import {
  STATS_HEADER_ROW,
  awardStatistics,
  awardStatisticsText,
  awardStatisticsXlsx,
} from '../../../documents/award-statistics';

const catalogue = loadAwardCatalogue();
const seed = fs.readFileSync(path.join(__dirname, '../../fixtures/seeds/001_fcdebc40523166df.txt'), 'utf8');
const GOLDEN = path.join(__dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

/** "92 tập thể được tặng Cờ thi đua của Chính phủ" → figures; "đang được … xem xét" is no award. */
function seedFigures(): Array<{ count: number; type: NomineeType; written: string }> {
  const paragraph = seed.split('\n').find((l) => l.startsWith('Trong 5 năm qua'));
  if (!paragraph) throw new Error('the seed paragraph of award counts is missing');
  return [
    ...paragraph.matchAll(/(\d+) (tập thể|cá nhân) được (?:phong tặng danh hiệu|tặng thưởng|tặng) ([^;,]+)/g),
  ].map((m) => ({ count: Number(m[1]), type: m[2] === 'tập thể' ? 'collective' : 'individual', written: m[3].trim() }));
}

let serial = 0;
function nomination(type: NomineeType, formCode: string, state: AwardNominationView['state']): AwardNominationView {
  serial += 1;
  return {
    id: `don-vi-${serial % 7}/${serial}`,
    unitId: `don-vi-${serial % 7}`,
    unitName: `Đơn vị ${serial % 7}`,
    type,
    name: `${type === 'collective' ? 'Tập thể' : 'Cá nhân'} ${serial}`,
    proposedForm: formCode,
    reasons: 'Thành tích xuất sắc',
    receivedAt: '2025-11-20T03:00:00Z',
    check: { formCode, route: 'council', unmet: [], judged: [] },
    state,
    recused: [],
    ...(state === 'approved' ? { awardedForm: formCode } : {}),
  };
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (update) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file)) throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

describe('the seed 001 table from data', () => {
  const figures = seedFigures();
  const matched = figures.map((f) => ({ ...f, form: matchForm(catalogue, f.written, f.type) }));
  const nominations = matched.flatMap((f) =>
    Array.from({ length: f.count }, () => nomination(f.type, f.form!.code, 'approved')),
  );
  // Not awards: a rejected nomination, one with no quorum, one still proposed to the higher level.
  nominations.push(
    nomination('collective', 'co-thi-dua-bo', 'rejected'),
    nomination('individual', 'cstdtq', 'no-quorum'),
    nomination('collective', 'bang-khen-ttg', 'higher-level'),
  );
  const rows = awardStatistics(nominations, catalogue);

  test('the seed names ten figures, each a form of the catalogue', () => {
    expect(figures).toHaveLength(10);
    expect(matched.filter((f) => !f.form).map((f) => f.written)).toEqual([]);
  });

  test('every figure of the seed is in the printed table, by form and kind', () => {
    const text = awardStatisticsText(rows, 'vi');
    const lines = text.split('\n');
    for (const f of matched) {
      const line = lines.find((l) => l.startsWith(`${f.form!.name} `));
      expect([f.written, line]).toEqual([f.written, expect.any(String)]);
      const [collective, individual] = line!.trim().split(/\s+/).slice(-3).map(Number);
      const expected = matched.filter((m) => m.form === f.form && m.type === f.type).reduce((s, m) => s + m.count, 0);
      expect([f.written, f.type === 'collective' ? collective : individual]).toEqual([f.written, expected]);
    }
    const total = figures.reduce((s, f) => s + f.count, 0);
    expect(
      lines
        .find((l) => l.startsWith('Tổng cộng'))
        ?.trim()
        .split(/\s+/)
        .pop(),
    ).toBe(String(total));
  });

  test('rows come in catalogue order and leave out forms nobody got', () => {
    const order = catalogue.forms.map((f) => f.code);
    const codes = rows.map((r) => r.formCode);
    expect(codes).toEqual([...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(rows.every((r) => r.collective + r.individual > 0)).toBe(true);
  });

  test('the printed table (golden), in Vietnamese and English', () => {
    golden('statistics-001.vi.txt', awardStatisticsText(rows, 'vi'));
    golden('statistics-001.en.txt', awardStatisticsText(rows, 'en'));
  });

  test('the workbook reads back: title, headers, frozen header, widths, A4 print setup, the counts', async () => {
    const title = 'THỐNG KÊ KHEN THƯỞNG 5 NĂM THỰC HIỆN CHỈ THỊ 39-CT/TW';
    const bytes = await awardStatisticsXlsx(rows, title);
    expect((await awardStatisticsXlsx(rows, title)).equals(bytes)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('Thống kê khen thưởng');
    expect(ws.getCell(1, 1).value).toBe(title);
    expect(ws.getRow(STATS_HEADER_ROW).values).toEqual([
      undefined,
      'STT',
      'Hình thức khen thưởng',
      'Tập thể',
      'Cá nhân',
      'Cộng',
    ]);
    expect(ws.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: STATS_HEADER_ROW }));
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(40);
    expect(ws.pageSetup).toEqual(
      expect.objectContaining({ paperSize: 9, orientation: 'portrait', printTitlesRow: '3:3' }),
    );
    const body = rows.map((r, i) => ws.getRow(STATS_HEADER_ROW + 1 + i).values);
    expect(body).toEqual(
      rows.map((r, i) => [undefined, i + 1, r.formName, r.collective, r.individual, r.collective + r.individual]),
    );
    const last = ws.getRow(STATS_HEADER_ROW + 1 + rows.length);
    expect(last.getCell(2).value).toBe('Tổng cộng');
    expect(last.getCell(5).value).toBe(figures.reduce((s, f) => s + f.count, 0));
  });

  test('nothing awarded: a sentence, not an empty table', () => {
    expect(awardStatisticsText([], 'vi')).toBe('Chưa có khen thưởng nào.\n');
    expect(awardStatisticsText([], 'en')).toBe('No awards yet.\n');
  });
});

import { DateTime } from 'luxon';
import type { SynthesisData } from '../../../domain/synthesis-types';
import { buildSynthesisPack } from '../../../documents/synthesis-pack';
import { sampleSynthesisData as sample } from '../../../documents/sample-data';
import { bodyParagraphs, docxParts, tableByHeader, tables } from './read-back';

const local = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Asia/Ho_Chi_Minh' });

async function documentOf(data: SynthesisData): Promise<{ xml: string; names: string[]; rels: string }> {
  const { docx } = await buildSynthesisPack(data);
  const { zip, document, names } = await docxParts(docx);
  return { xml: document, names, rels: (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '' };
}

describe('the draft summary report (.docx)', () => {
  let xml: string;
  let names: string[];
  let rels: string;
  beforeAll(async () => {
    ({ xml, names, rels } = await documentOf(sample));
  });

  test('is a party-style draft: mark, header, number, undated place line, kind and subject from the title', () => {
    const body = bodyParagraphs(xml);
    expect(body[0]).toBe('DỰ THẢO');
    const [header] = tables(xml);
    expect(header[0][0]).toContain('TỈNH ỦY VĨNH PHÚC');
    expect(header[0][1]).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(header[1]).toEqual(['Số …-BC/TU', 'Vĩnh Yên, ngày … tháng … năm …']);
    expect(body[1]).toBe('BÁO CÁO');
    expect(body[2]).toBe(sample.title);
    expect(body[3]).toBe('');
    expect(
      body.some((p) =>
        p.startsWith('Thực hiện Kế hoạch số 67-KH/TU ngày 21/09/2009 của Tỉnh ủy Vĩnh Phúc về tổng kết 5 năm'),
      ),
    ).toBe(true);
  });

  test('follows the default outline when the plan gives none, in order', () => {
    const body = bodyParagraphs(xml);
    const at = ['I. Tình hình triển khai', 'II. Kết quả', 'III. Đánh giá chung', 'IV. Đề xuất khen thưởng'].map((h) =>
      body.indexOf(h),
    );
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  test('the counts table: per cluster and overall, from the units', () => {
    const table = tableByHeader(xml, 'Cụm, khối thi đua');
    expect(table[0]).toEqual(['Cụm, khối thi đua', 'Tổng số đơn vị', 'Đúng hạn', 'Nộp muộn', 'Chưa nộp']);
    const clusters = [...new Set(sample.units.map((u) => u.cluster))];
    expect(table.slice(1, -1).map((r) => r[0])).toEqual(clusters);
    for (const row of table.slice(1)) {
      const units = row[0] === 'Tổng cộng' ? sample.units : sample.units.filter((u) => u.cluster === row[0]);
      const count = (s: string): string => String(units.filter((u) => u.status === s).length);
      expect(row.slice(1)).toEqual([String(units.length), count('submitted'), count('late'), count('missing')]);
    }
    expect(table.at(-1)).toEqual(['Tổng cộng', '12', '7', '3', '2']);
  });

  test("several deadline phases: the report says its tables are the last phase's and counts each phase", async () => {
    const twoPhases: SynthesisData = {
      ...sample,
      units: sample.units.map((u, i) => ({
        ...u,
        phases: [
          { id: 'ke-hoach', name: 'Kế hoạch tổ chức Đại hội', status: i < 2 ? 'missing' : 'submitted' },
          { id: 'ket-qua', name: 'Báo cáo kết quả', status: u.status },
        ],
      })),
    };
    const { xml: two } = await documentOf(twoPhases);
    expect(bodyParagraphs(two)).toContain(
      'Đợt thi đua có 2 giai đoạn nộp hồ sơ; số liệu ở các bảng trong báo cáo là của giai đoạn cuối (Báo cáo kết quả). Tình hình nộp theo từng giai đoạn như sau:',
    );
    expect(bodyParagraphs(two)).toContain('Bảng 1a. Tình hình nộp theo từng giai đoạn');
    expect(tableByHeader(two, 'Giai đoạn')).toEqual([
      ['Giai đoạn', 'Tổng số đơn vị', 'Đúng hạn', 'Nộp muộn', 'Chưa nộp'],
      ['Kế hoạch tổ chức Đại hội', '12', '10', '0', '2'],
      ['Báo cáo kết quả', '12', '7', '3', '2'],
    ]);
    // One phase: nothing of it.
    expect(bodyParagraphs(xml).some((p) => p.startsWith('Bảng 1a'))).toBe(false);
  });

  test('names every late and missing unit with deadline, receipt and days late', () => {
    const table = tableByHeader(xml, 'STT', 'Đơn vị', 'Hạn nộp');
    const expected = sample.units.filter((u) => u.status === 'late' || u.status === 'missing');
    expect(table.slice(1).map((r) => r[1])).toEqual(expected.map((u) => u.unitName));
    for (const [i, unit] of expected.entries()) {
      const row = table[i + 1];
      expect(row[2]).toBe('15/10/2009');
      if (unit.status === 'missing') expect(row.slice(3)).toEqual(['Chưa nhận', '']);
      else {
        expect(row[3]).toBe(`Đã nhận ${local(unit.submittedAt ?? '').toFormat('HH:mm dd/MM/yyyy')}`);
        expect(row[4]).toBe(String(unit.daysLate));
      }
    }
    expect(table.find((r) => r[1] === 'Huyện ủy Lập Thạch')?.slice(3)).toEqual(['Đã nhận 09:30 19/10/2009', '3']);
  });

  test('lists the presentation papers and the nominations', () => {
    const papers = tableByHeader(xml, 'STT', 'Đơn vị', 'Tên tệp');
    expect(papers.slice(1).map((r) => [r[1], r[2]])).toEqual(
      sample.units.flatMap((u) => u.papers.map((p) => [u.unitName, p.name])),
    );
    expect(papers.find((r) => r[1] === 'Huyện ủy Lập Thạch')?.[3]).toBe('19/10/2009 (muộn)');
    const noms = tableByHeader(xml, 'STT', 'Đối tượng');
    expect(noms.slice(1)).toEqual(
      sample.nominations.map((n, i) => [
        String(i + 1),
        n.type === 'collective' ? 'Tập thể' : 'Cá nhân',
        n.name,
        n.position ?? '',
        n.awardForm,
        n.unitName,
      ]),
    );
    // Nominations under their own heading (IV), the figures under II.
    const body = bodyParagraphs(xml);
    expect(body.indexOf('IV. Đề xuất khen thưởng')).toBeLessThan(body.findIndex((p) => p.startsWith('Bảng 4.')));
  });

  test('embeds the two pictures as PNG images', async () => {
    const media = names.filter((n) => /^word\/media\/.+\.png$/.test(n));
    expect(media).toHaveLength(2);
    for (const name of media) expect(rels).toContain(`Target="${name.replace('word/', '')}"`);
    expect(xml.match(/<w:drawing>/g)).toHaveLength(2);
    // Alt text for screen readers: the captions.
    expect([...xml.matchAll(/<wp:docPr id="\d+" name="[^"]*" descr="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'Số đơn vị nộp báo cáo theo ngày (đúng hạn, nộp muộn)',
      'Tiến độ thực hiện Kế hoạch số 67-KH/TU',
    ]);
    const { docx } = await buildSynthesisPack(sample);
    const { zip } = await docxParts(docx);
    const png = await zip.file(media[0])?.async('nodebuffer');
    expect(png?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  test("puts the figures under the plan's own results heading and says nothing is missing when nothing is", async () => {
    const allIn: SynthesisData = {
      ...sample,
      outline: ['1. Đặc điểm tình hình', '2. Những kết quả đạt được', '3. Phương hướng'],
      units: sample.units.map((u) => ({ ...u, status: 'submitted', submittedAt: u.submittedAt ?? u.deadline })),
    };
    const { xml: other } = await documentOf(allIn);
    const body = bodyParagraphs(other);
    const results = body.indexOf('2. Những kết quả đạt được');
    expect(results).toBeGreaterThan(0);
    expect(body.indexOf('Bảng 1. Tình hình nộp báo cáo theo cụm, khối thi đua')).toBeGreaterThan(results);
    expect(body.indexOf('Bảng 1. Tình hình nộp báo cáo theo cụm, khối thi đua')).toBeLessThan(
      body.indexOf('3. Phương hướng'),
    );
    expect(body).toContain('Tất cả các đơn vị đã nộp báo cáo đúng hạn.');
    expect(body).not.toContain('I. Tình hình triển khai');
    expect(tableByHeader(other, 'Cụm, khối thi đua').at(-1)).toEqual(['Tổng cộng', '12', '12', '0', '0']);
  });

  test('an outline without a results heading gets one at the end; a state header and a dated line', async () => {
    const state: SynthesisData = {
      ...sample,
      version: 2,
      outline: ['I. Mở đầu'],
      header: {
        ...sample.header,
        style: 'state',
        issuingBody: 'Ban Thi đua - Khen thưởng',
        number: '…/BC-BTĐKT',
        date: '2009-10-05',
      },
    };
    const { xml: other } = await documentOf(state);
    const body = bodyParagraphs(other);
    expect(body[0]).toBe('DỰ THẢO LẦN 2');
    expect(tables(other)[0][1]).toEqual(['Số: …/BC-BTĐKT', 'Vĩnh Yên, ngày 05 tháng 10 năm 2009']);
    expect(body.indexOf('Kết quả tiếp nhận báo cáo của các đơn vị')).toBeGreaterThan(body.indexOf('I. Mở đầu'));
    expect(body.some((p) => p.startsWith('Bảng 4.'))).toBe(true);
  });
});

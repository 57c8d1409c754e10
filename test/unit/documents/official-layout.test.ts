import { Document, Packer } from 'docx';
import type { OfficialHeader } from '../../../domain/synthesis-types';
import { OFFICIAL_STYLES, bodyText, officialSection } from '../../../documents/official-layout';
import { placeDateLine } from '../../../documents/vietnamese';
import { bodyParagraphs, docxParts, tables } from './read-back';

const stateHeader: OfficialHeader = {
  style: 'state',
  superiorBody: 'UBND tỉnh Vĩnh Phúc',
  issuingBody: 'Ban Thi đua - Khen thưởng',
  number: '05/QĐ-BTĐKT',
  place: 'Vĩnh Phúc',
  date: '2009-11-05',
  signature: { capacity: 'KT. TRƯỞNG BAN', title: 'Phó Trưởng ban', name: 'Nguyễn Văn Bình' },
  recipients: ['Như Điều 3', 'Lưu: VT, TĐKT'],
};

async function build(header: OfficialHeader, kindName: string, draftLabel?: string): Promise<string> {
  const doc = new Document({
    styles: OFFICIAL_STYLES,
    sections: [
      officialSection({ header, kindName, subject: 'Về việc khen thưởng', body: [bodyText('Nội dung.')], draftLabel }),
    ],
  });
  return (await docxParts(await Packer.toBuffer(doc))).document;
}

const twipsToMm = (twips: number): number => (twips * 25.4) / 1440;

describe('the official layout', () => {
  test('place and date line: leading 0 for days 1–9 and months 1–2 (Decree 30), blanks in a draft', () => {
    expect(placeDateLine('Vĩnh Phúc', '2009-11-05')).toBe('Vĩnh Phúc, ngày 05 tháng 11 năm 2009');
    expect(placeDateLine('Hà Nội', '2010-02-09')).toBe('Hà Nội, ngày 09 tháng 02 năm 2010');
    expect(placeDateLine('Hà Nội', '2010-01-31')).toBe('Hà Nội, ngày 31 tháng 01 năm 2010');
    expect(placeDateLine('Vĩnh Yên', '2009-09-21')).toBe('Vĩnh Yên, ngày 21 tháng 9 năm 2009');
    expect(placeDateLine('Vĩnh Yên', '2009-03-10')).toBe('Vĩnh Yên, ngày 10 tháng 3 năm 2009');
    expect(placeDateLine('Vĩnh Yên')).toBe('Vĩnh Yên, ngày … tháng … năm …');
    expect(() => placeDateLine('Vĩnh Yên', '21/9/2009')).toThrow();
  });

  test('state header (Decree 30): bodies left, national motto right, "Số:" and the date line under them', async () => {
    const xml = await build(stateHeader, 'Quyết định');
    const [header] = tables(xml);
    expect(header[0][0].split('\n')).toEqual(['UBND TỈNH VĨNH PHÚC', 'BAN THI ĐUA - KHEN THƯỞNG', '']);
    expect(header[0][1].split('\n')).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', '']);
    expect(header[1]).toEqual(['Số: 05/QĐ-BTĐKT', 'Vĩnh Phúc, ngày 05 tháng 11 năm 2009']);
    expect(xml).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    // The motto and the date line's run properties: bold motto, italic date.
    expect(xml).toMatch(/<w:b\/>[^]*?<w:t[^>]*>Độc lập - Tự do - Hạnh phúc<\/w:t>/);
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>)[^])*<w:t[^>]*>Vĩnh Phúc, ngày 05/);
    const body = bodyParagraphs(xml);
    expect(body.slice(0, 2)).toEqual(['QUYẾT ĐỊNH', 'Về việc khen thưởng']);
  });

  test('party header (Guidance 36): party name instead of the motto, a star, "Số" without colon; the draft mark', async () => {
    const xml = await build(
      {
        ...stateHeader,
        style: 'party',
        superiorBody: undefined,
        issuingBody: 'Tỉnh ủy Vĩnh Phúc',
        number: '…-BC/TU',
        date: undefined,
      },
      'Báo cáo',
      'DỰ THẢO',
    );
    const [header] = tables(xml);
    expect(header[0][0].split('\n')).toEqual(['TỈNH ỦY VĨNH PHÚC', '*']);
    expect(header[0][1].split('\n')[0]).toBe('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(header[1]).toEqual(['Số …-BC/TU', 'Vĩnh Phúc, ngày … tháng … năm …']);
    expect(xml).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(bodyParagraphs(xml).slice(0, 3)).toEqual(['DỰ THẢO', 'BÁO CÁO', 'Về việc khen thưởng']);
  });

  test('A4 portrait, margins and Times New Roman within Decree 30', async () => {
    const xml = await build(stateHeader, 'Tờ trình');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = (side: string): number =>
      twipsToMm(Number(new RegExp(`<w:pgMar[^>]* w:${side}="(\\d+)"`).exec(xml)?.[1]));
    expect(margin('top')).toBeGreaterThanOrEqual(20);
    expect(margin('top')).toBeLessThanOrEqual(25);
    expect(margin('bottom')).toBeGreaterThanOrEqual(20);
    expect(margin('bottom')).toBeLessThanOrEqual(25);
    expect(margin('left')).toBeGreaterThanOrEqual(30);
    expect(margin('left')).toBeLessThanOrEqual(35);
    expect(margin('right')).toBeGreaterThanOrEqual(15);
    expect(margin('right')).toBeLessThanOrEqual(20);
    const fonts = [...xml.matchAll(/<w:rFonts w:ascii="([^"]+)"/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(10);
    expect(new Set(fonts)).toEqual(new Set(['Times New Roman']));
    // Every run 11–15 pt.
    const sizes = [...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(15);
  });

  test('"Nơi nhận:" bottom left (bold italic, ";" between, "." at the end) and the signature block right', async () => {
    const xml = await build(stateHeader, 'Quyết định', 'DỰ THẢO');
    const sig = tables(xml).at(-1) ?? [];
    expect(sig[0][0].split('\n').filter(Boolean)).toEqual(['Nơi nhận:', '- Như Điều 3;', '- Lưu: VT, TĐKT.']);
    const right = sig[0][1].split('\n');
    expect(right.filter(Boolean)).toEqual(['KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN', 'Nguyễn Văn Bình']);
    // Room to sign in a draft: blank lines between the title and the name.
    expect(right.indexOf('Nguyễn Văn Bình') - right.indexOf('PHÓ TRƯỞNG BAN')).toBeGreaterThanOrEqual(4);
    expect(xml).toMatch(/<w:b\/><w:bCs\/><w:i\/><w:iCs\/>(?:(?!<\/w:r>)[^])*<w:t[^>]*>Nơi nhận:/);
  });

  test('page numbers from page 2 only: a different first-page header', async () => {
    const xml = await build(stateHeader, 'Giấy mời');
    expect(xml).toContain('<w:titlePg/>');
    expect(xml).toMatch(/<w:headerReference w:type="first"/);
    expect(xml).toMatch(/<w:headerReference w:type="default"/);
  });
});

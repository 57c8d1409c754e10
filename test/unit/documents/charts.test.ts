import { Resvg } from '@resvg/resvg-js';
import type { SynthesisData } from '../../../domain/synthesis-types';
import { submissionsByDay, submissionsSvg, timelineSvg, xmlEscape } from '../../../documents/charts';
import { sampleSynthesisData as sample } from '../../../documents/sample-data';
import { checkWellFormed } from './read-back';

const odd: SynthesisData = {
  ...sample,
  planNumber: '67-KH/TU "đặc biệt"',
  phases: [
    ...sample.phases,
    { kind: 'awards', name: 'Khen thưởng A & B <C>', start: '2009-12-01T01:00:00Z', end: '2009-12-15T10:00:00Z' },
  ],
  units: [...sample.units, { ...sample.units[0], unitId: 'x', unitName: 'A & B <C>' }],
};

/** The titles (tooltips) of the marks with this class. */
const titlesOf = (svg: string, cls: string): string[] =>
  [...svg.matchAll(new RegExp(`<(?:rect|path) class="${cls}"[^>]*><title>([^<]*)</title>`, 'g'))].map((m) => m[1]);

describe('the pictures (SVG)', () => {
  test('both are well-formed XML and render with resvg', () => {
    for (const svg of [timelineSvg(sample), submissionsSvg(sample), timelineSvg(odd), submissionsSvg(odd)]) {
      expect(() => checkWellFormed(svg)).not.toThrow();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>\n<title>/);
      const png = new Resvg(svg).render();
      expect(png.width).toBe(900);
    }
  });

  test('the well-formedness check itself catches what it should', () => {
    expect(() => checkWellFormed('<svg><text>A & B</text></svg>')).toThrow();
    expect(() => checkWellFormed('<svg><text>A <C></text></svg>')).toThrow();
    expect(() => checkWellFormed('<svg><g></svg>')).toThrow();
    expect(() => checkWellFormed('<svg><text>A &amp; B &lt;C&gt;</text></svg>')).not.toThrow();
  });

  test('timeline: a long phase name is cut to its label column, and given whole in the bar’s title', () => {
    const long = 'Tổng hợp, dự thảo báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Tỉnh';
    const svg = timelineSvg({ ...sample, phases: [{ ...sample.phases[0], name: long }] });
    const labels = [...svg.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const cut = labels.find((l) => l.startsWith('Tổng hợp, dự thảo'));
    expect(cut).toMatch(/…$/);
    expect(cut!.length).toBeLessThanOrEqual(30);
    expect(titlesOf(svg, 'phase')[0]).toContain(long);
  });

  test('timeline: one bar per phase, deadline and lock marks where phases have them, today at builtAt', () => {
    const svg = timelineSvg(sample);
    expect(svg.match(/<rect/g)).toHaveLength(sample.phases.length);
    expect(titlesOf(svg, 'phase')).toEqual([
      'Ban hành kế hoạch: 21/09/2009 – 30/09/2009',
      'Đơn vị tự tổng kết: 11/10/2009 – 20/10/2009',
      'Tổng hợp, dự thảo báo cáo: 20/10/2009 – 30/10/2009',
      'Hội nghị tổng kết: 02/11/2009 – 30/11/2009',
    ]);
    expect(titlesOf(svg, 'deadline')).toEqual(['Hạn nộp: 00:00 15/10/2009', 'Hạn nộp: 17:00 30/10/2009']);
    expect(titlesOf(svg, 'lock')).toEqual(['Khóa: 17:00 20/10/2009']);
    expect(titlesOf(svg, 'today')).toEqual(['Hôm nay: 21/10/2009']);
    expect(svg).toContain('>Hôm nay 21/10/2009</text>');
  });

  test('timeline: bars are placed in date order on the axis', () => {
    const xs = [...timelineSvg(sample).matchAll(/<rect class="phase" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].map(
      (m) => [Number(m[1]), Number(m[2])],
    );
    for (let i = 1; i < xs.length; i += 1) expect(xs[i][0]).toBeGreaterThan(xs[i - 1][0]);
    // The synthesis phase starts where self-review ends (20/10 17:00 both).
    expect(xs[2][0]).toBeCloseTo(xs[1][0] + xs[1][1], 0);
  });

  test('submissions: per local day, on time and late stacked, counting units received that day', () => {
    const days = submissionsByDay(sample);
    expect(days.map((d) => d.day)).toEqual([
      '2009-10-12',
      '2009-10-13',
      '2009-10-14',
      '2009-10-15',
      '2009-10-16',
      '2009-10-17',
      '2009-10-18',
      '2009-10-19',
    ]);
    expect(days.map((d) => [d.onTime, d.late])).toEqual([
      [2, 0],
      [2, 0],
      [3, 0],
      [0, 0],
      [0, 2],
      [0, 0],
      [0, 0],
      [0, 1],
    ]);
    const svg = submissionsSvg(sample);
    expect(titlesOf(svg, 'on-time')).toEqual([
      '12/10/2009: 2 đơn vị đúng hạn',
      '13/10/2009: 2 đơn vị đúng hạn',
      '14/10/2009: 3 đơn vị đúng hạn',
    ]);
    expect(titlesOf(svg, 'late')).toEqual(['16/10/2009: 2 đơn vị nộp muộn', '19/10/2009: 1 đơn vị nộp muộn']);
    expect(svg).toContain('>Đúng hạn</text>');
    expect(svg).toContain('>Nộp muộn</text>');
  });

  test('submissions: a receipt at 23:30 local counts on that local day, not the UTC one', () => {
    const data: SynthesisData = {
      ...sample,
      units: [{ ...sample.units[0], status: 'submitted', submittedAt: '2009-10-13T16:30:00Z' }],
    };
    expect(submissionsByDay(data)).toEqual([{ day: '2009-10-13', onTime: 1, late: 0 }]);
  });

  test('submissions: stacked bar heights add up for a day with both', () => {
    const data: SynthesisData = {
      ...sample,
      units: sample.units.map((u) => (u.unitId === 'hu-tam-duong' ? { ...u, submittedAt: '2009-10-14T03:00:00Z' } : u)),
    };
    const svg = submissionsSvg(data);
    const bar = (cls: string): { y: number; h: number } => {
      const m = new RegExp(
        `<rect class="${cls}" x="[\\d.]+" y="([\\d.]+)" width="[\\d.]+" height="([\\d.]+)"[^>]*><title>14/10`,
      ).exec(svg);
      return { y: Number(m?.[1]), h: Number(m?.[2]) };
    };
    const onTime = bar('on-time');
    const late = bar('late');
    expect(late.y + late.h).toBeCloseTo(onTime.y, 1);
    expect(onTime.h / late.h).toBeCloseTo(3, 1);
  });

  test('escapes every text: a unit or phase named "A & B <C>", a quote in the plan number', () => {
    expect(xmlEscape(`A & B <C> "d" 'e'`)).toBe('A &amp; B &lt;C&gt; &quot;d&quot; &apos;e&apos;');
    const svg = timelineSvg(odd);
    expect(svg).toContain('Khen thưởng A &amp; B &lt;C&gt;');
    expect(svg).not.toContain('A & B');
    expect(svg).toContain('67-KH/TU &quot;đặc biệt&quot;');
    expect(svg.match(/<rect/g)).toHaveLength(odd.phases.length);
  });

  test('deterministic, and an empty campaign says so', () => {
    expect(timelineSvg(sample)).toBe(timelineSvg(structuredClone(sample)));
    expect(submissionsSvg(sample)).toBe(submissionsSvg(structuredClone(sample)));
    const none = submissionsSvg({
      ...sample,
      units: sample.units.map((u) => ({ ...u, status: 'missing', submittedAt: undefined })),
    });
    expect(none).toContain('Chưa có đơn vị nào nộp báo cáo.');
    expect(none).not.toMatch(/<rect class="(on-time|late)"/);
  });
});

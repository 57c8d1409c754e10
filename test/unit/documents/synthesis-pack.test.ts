import JSZip from 'jszip';
import { buildSynthesisPack } from '../../../documents/synthesis-pack';
import { sampleSynthesisData as sample } from '../../../documents/sample-data';

/** Only the clock is faked: the libraries' own timers keep running. */
function atWallClock(iso: string): void {
  jest.useFakeTimers({
    now: new Date(iso),
    doNotFake: [
      'nextTick',
      'setImmediate',
      'clearImmediate',
      'setTimeout',
      'clearTimeout',
      'setInterval',
      'clearInterval',
      'queueMicrotask',
      'hrtime',
      'performance',
    ],
  });
}

const entryDates = async (bytes: Buffer): Promise<string[]> =>
  Object.values((await JSZip.loadAsync(bytes)).files).map((f) => f.date.toISOString());

describe('buildSynthesisPack', () => {
  afterEach(() => jest.useRealTimers());

  test('the same data gives the same bytes, whatever the wall clock and however many builds ran before', async () => {
    atWallClock('2031-01-02T03:04:05Z');
    const first = await buildSynthesisPack(sample);
    atWallClock('2035-06-07T08:09:10Z');
    const second = await buildSynthesisPack(structuredClone(sample));
    expect(first.docx.equals(second.docx)).toBe(true);
    expect(first.xlsx.equals(second.xlsx)).toBe(true);
    expect(second.timelineSvg).toBe(first.timelineSvg);
    expect(second.submissionsSvg).toBe(first.submissionsSvg);
  });

  test('dates inside the files are builtAt, not the wall clock', async () => {
    atWallClock('2031-01-02T03:04:05Z');
    const pack = await buildSynthesisPack(sample);
    const core = (await (await JSZip.loadAsync(pack.docx)).file('docProps/core.xml')?.async('string')) ?? '';
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2009-10-21T02:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2009-10-21T02:00:00Z</dcterms:modified>');
    expect(core).toContain('<dc:creator>thidua</dc:creator>');
    expect(core).not.toContain('2031');
    const xlsxCore = (await (await JSZip.loadAsync(pack.xlsx)).file('docProps/core.xml')?.async('string')) ?? '';
    expect(xlsxCore).toContain('2009-10-21T02:00:00Z');
    expect(xlsxCore).not.toContain('2031');
    // Zip entries are dated builtAt too (DOS time has a 2-second grain).
    for (const bytes of [pack.docx, pack.xlsx]) {
      for (const d of await entryDates(bytes))
        expect(Math.abs(Date.parse(d) - Date.parse(sample.builtAt))).toBeLessThanOrEqual(2000);
    }
  });

  test('other data gives other bytes (the comparison above can fail)', async () => {
    const a = await buildSynthesisPack(sample);
    const b = await buildSynthesisPack({ ...sample, builtAt: '2009-10-22T02:00:00.000Z' });
    expect(a.docx.equals(b.docx)).toBe(false);
    expect(a.xlsx.equals(b.xlsx)).toBe(false);
    expect(a.timelineSvg).not.toBe(b.timelineSvg);
  });
});

/**
 * The award statistics: how many collectives and individuals got each form — the table a ministry's
 * review report gives (seed `001_…`) and Circular 02/2023/TT-BNV's yearly forms ask for. Counted
 * from the nominations the council approved, in catalogue order; as a workbook and as the text
 * `thidua campaign report` prints.
 */
import ExcelJS from 'exceljs';
import { formByCode, matchForm } from '../domain/award-rules';
import type { AwardCatalogue, AwardNominationView } from '../domain/award-types';
import { isoDayVn } from '../domain/iso-day';
import { HEADER_ROW, sheet } from './xlsx-sheet';
import { normalizeZip } from './zip-normalize';

export interface AwardCount {
  formCode: string;
  formName: string;
  collective: number;
  individual: number;
}

/** The code of the form a nomination was awarded: the form voted, else the one checked; a name is matched. */
export function awardedCode(n: AwardNominationView, catalogue: AwardCatalogue): string | undefined {
  const written = n.awardedForm ?? n.check.formCode;
  if (!written) return undefined;
  return formByCode(catalogue, written)?.code ?? matchForm(catalogue, written, n.type)?.code ?? written;
}

/**
 * Counts by form of the approved nominations (a proposal still with the higher level is not an
 * award yet), in catalogue order; forms nobody got are left out; a code the catalogue does not
 * know (an older catalogue's) comes last, under its code.
 */
export function awardStatistics(nominations: AwardNominationView[], catalogue: AwardCatalogue): AwardCount[] {
  const counts = new Map<string, AwardCount>();
  for (const n of nominations) {
    if (n.state !== 'approved') continue;
    const code = awardedCode(n, catalogue);
    if (!code) continue;
    const row = counts.get(code) ?? {
      formCode: code,
      formName: formByCode(catalogue, code)?.name ?? code,
      collective: 0,
      individual: 0,
    };
    row[n.type] += 1;
    counts.set(code, row);
  }
  const order = new Map(catalogue.forms.map((f, i) => [f.code, i]));
  return [...counts.values()].sort(
    (a, b) =>
      (order.get(a.formCode) ?? Infinity) - (order.get(b.formCode) ?? Infinity) || a.formCode.localeCompare(b.formCode),
  );
}

const TEXTS = {
  vi: {
    form: 'Hình thức khen thưởng',
    collective: 'Tập thể',
    individual: 'Cá nhân',
    total: 'Cộng',
    sum: 'Tổng cộng',
    none: 'Chưa có khen thưởng nào.',
  },
  en: {
    form: 'Award form',
    collective: 'Collectives',
    individual: 'Individuals',
    total: 'Total',
    sum: 'Total',
    none: 'No awards yet.',
  },
} as const;

export const totals = (rows: AwardCount[]): { collective: number; individual: number } => ({
  collective: rows.reduce((s, r) => s + r.collective, 0),
  individual: rows.reduce((s, r) => s + r.individual, 0),
});

/** The table as fixed-width text (form names stay in Vietnamese: they are the official names). */
export function awardStatisticsText(rows: AwardCount[], lang: 'vi' | 'en'): string {
  const t = TEXTS[lang];
  if (rows.length === 0) return `${t.none}\n`;
  const sum = totals(rows);
  const lines: string[][] = [
    [t.form, t.collective, t.individual, t.total],
    ...rows.map((r) => [r.formName, String(r.collective), String(r.individual), String(r.collective + r.individual)]),
    [t.sum, String(sum.collective), String(sum.individual), String(sum.collective + sum.individual)],
  ];
  // Widths in code points of NFC text: Vietnamese letters are one each.
  const len = (s: string): number => [...s.normalize('NFC')].length;
  const widths = [0, 1, 2, 3].map((c) => Math.max(...lines.map((l) => len(l[c]))));
  const format = (l: string[]): string =>
    [l[0] + ' '.repeat(widths[0] - len(l[0])), ...l.slice(1).map((v, i) => ' '.repeat(widths[i + 1] - len(v)) + v)]
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return (
    [format(lines[0]), rule, ...lines.slice(1, -1).map(format), rule, format(lines[lines.length - 1])].join('\n') + '\n'
  );
}

/** Rows above the header: the title and a blank line. */
export const STATS_HEADER_ROW = HEADER_ROW;

/** The workbook carries no build time (none is given): a fixed stamp keeps the same rows the same bytes. */
const STAMP = new Date('2024-01-01T00:00:00Z');

/** A campaign a year's table counted (`app/award-statistics.ts` lists them). */
export interface CountedCampaign {
  campaignId: string;
  /** The plan's number ("67-KH/TU"), or its tag for a plan without one, from the campaign's memo. */
  planNumber?: string;
  title?: string;
  decision?: { number: string; date: string };
}

/**
 * The table as a workbook: Vietnamese headers, header frozen and repeated on each printed page, A4
 * portrait. A year's table also lists, on a second sheet, the campaigns it counted and their
 * decisions: a figure in a report must say where it comes from.
 */
export async function awardStatisticsXlsx(
  rows: AwardCount[],
  title: string,
  counted: CountedCampaign[] = [],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.lastModifiedBy = 'thidua';
  workbook.title = title;
  workbook.created = STAMP;
  workbook.modified = STAMP;
  const sum = totals(rows);
  sheet(
    workbook,
    'Thống kê khen thưởng',
    title,
    '',
    [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Hình thức khen thưởng', width: 48, align: 'left' },
      { header: 'Tập thể', width: 12, align: 'center' },
      { header: 'Cá nhân', width: 12, align: 'center' },
      { header: 'Cộng', width: 12, align: 'center' },
    ],
    [
      ...rows.map((r, i) => [i + 1, r.formName, r.collective, r.individual, r.collective + r.individual]),
      ['', 'Tổng cộng', sum.collective, sum.individual, sum.collective + sum.individual],
    ],
    {
      boldLastRow: true,
      orientation: 'portrait',
      margins: { left: 0.7, right: 0.5 },
      tallTitle: true,
      autoFilter: false,
    },
  );
  if (counted.length > 0) countedSheet(workbook, title, counted);
  const bytes = await workbook.xlsx.writeBuffer();
  return normalizeZip(Buffer.from(bytes as ArrayBuffer), { at: STAMP });
}

function countedSheet(workbook: ExcelJS.Workbook, title: string, counted: CountedCampaign[]): void {
  sheet(
    workbook,
    'Các đợt được tính',
    'Các đợt thi đua được tính',
    title,
    [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Số kế hoạch', width: 18, align: 'left' },
      { header: 'Tên đợt thi đua', width: 40, align: 'left' },
      { header: 'Mã đợt', width: 22, align: 'left' },
      { header: 'Quyết định khen thưởng số', width: 20, align: 'left' },
      { header: 'Ngày quyết định', width: 14, align: 'center' },
    ],
    counted.map((c, i) => [
      i + 1,
      c.planNumber ?? '',
      c.title ?? '',
      c.campaignId,
      c.decision?.number ?? '',
      c.decision ? isoDayVn(c.decision.date) : '',
    ]),
    { orientation: 'portrait', margins: { left: 0.7, right: 0.5 }, tallTitle: true, autoFilter: false },
  );
}

/**
 * The official layout every document thidua drafts shares: A4 page and margins, Times New Roman,
 * the two-column header (Decree 30/2020/NĐ-CP for state bodies, Guidance 36-HD/VPTW for party
 * bodies), the kind name and subject, and the "Nơi nhận" / signature block. A report, minutes, a
 * decision, a proposal or an invitation differ only in the kind name and the body they pass in.
 */
import {
  AlignmentType,
  BorderStyle,
  Header,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  LineRuleType,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx';
import type { OfficialHeader } from '../domain/synthesis-types';
import { placeDateLine } from './vietnamese';

export const FONT = 'Times New Roman';

/** Millimetres to twips (1/1440 inch), the unit of the page setup; rounded up, so a minimum stays one (15 mm is 851, not 850). */
export const mm = (value: number): number => Math.ceil((value * 1440) / 25.4);

/** A4 portrait, margins inside Decree 30's ranges (top/bottom 20–25, left 30–35, right 15–20 mm). */
export const PAGE = {
  width: 11906,
  height: 16838,
  margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) },
};
/** The width text may use, in twips. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

/** Point sizes as docx's half-points. */
export const pt = (size: number): number => size * 2;

export const OFFICIAL_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: pt(14) },
      paragraph: { spacing: { after: 120, line: 276, lineRule: LineRuleType.AUTO } },
    },
  },
};

export interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

/** A run with the font written on it too, so text pasted into another document keeps its face. */
export const run = (text: string, style: RunStyle = {}): TextRun =>
  new TextRun({
    text,
    font: FONT,
    size: pt(style.size ?? 14),
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
  });

/** Single line spacing, the rule written out (LibreOffice reads a missing rule as exact and clips pictures). */
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO };

export const centered = (text: string, style: RunStyle = {}, after = 0): Paragraph =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, ...SINGLE }, children: [run(text, style)] });

const LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 };

/**
 * The short rule under a body's name, the motto or a subject: an empty paragraph, one line of 4 pt
 * high, whose bottom border is shortened by indents to the rule's width (a drawn shape would not
 * survive every editor, and a border on the text's own paragraph would squeeze the text).
 */
function rule(cellWidth: number, ruleWidth: number): Paragraph {
  const indent = Math.max(0, Math.round((cellWidth - ruleWidth) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 80, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { bottom: LINE },
    children: [],
  });
}

const NO_BORDERS = TableBorders.NONE;

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS, children });
}

/** A borderless layout table (header, signature): fixed column widths, full text width. */
function layoutTable(widths: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: rows.map((cells) => new TableRow({ children: cells.map((c, i) => cell(widths[i], c)) })),
  });
}

const HEADER_LEFT = 3900;
const HEADER_RIGHT = TEXT_WIDTH - HEADER_LEFT;

/** The header block: issuing body and number left; national motto (state) or party name right, then place and date. */
export function headerBlock(header: OfficialHeader): Table {
  const left: Paragraph[] = [];
  if (header.superiorBody) left.push(centered(header.superiorBody.toUpperCase(), { size: 13 }));
  const body = header.issuingBody.toUpperCase();
  const dateLine = new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 0 },
    children: [run(placeDateLine(header.place, header.date), { size: 14, italics: true })],
  });
  if (header.style === 'state') {
    left.push(centered(body, { size: 13, bold: true }), rule(HEADER_LEFT, 1300));
    return layoutTable(
      [HEADER_LEFT, HEADER_RIGHT],
      [
        [
          left,
          [
            centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
            centered('Độc lập - Tự do - Hạnh phúc', { size: 13, bold: true }),
            // As long as the motto (Decree 30): about 6.2 cm at 13 pt bold.
            rule(HEADER_RIGHT, 3500),
          ],
        ],
        [
          [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { before: 120, after: 0 },
              children: [run(`Số: ${header.number}`, { size: 13 })],
            }),
          ],
          [dateLine],
        ],
      ],
    );
  }
  // Guidance 36-HD/VPTW: the party's name in place of the motto, a star under the issuing body, "Số" without a colon.
  left.push(centered(body, { size: 14, bold: true }), centered('*', { size: 14 }));
  return layoutTable(
    [HEADER_LEFT, HEADER_RIGHT],
    [
      // As long as the party's name: about 7.3 cm at 15 pt bold.
      [left, [centered('ĐẢNG CỘNG SẢN VIỆT NAM', { size: 15, bold: true }), rule(HEADER_RIGHT, 4150)]],
      [[centered(`Số ${header.number}`, { size: 14 })], [dateLine]],
    ],
  );
}

/** The document's kind in capitals ("BÁO CÁO", "QUYẾT ĐỊNH", "BIÊN BẢN", "TỜ TRÌNH", "GIẤY MỜI") and its subject. */
export function titleBlock(kindName: string, subject?: string): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [run(kindName.toUpperCase(), { size: 14, bold: true })],
    }),
  ];
  if (subject) out.push(centered(subject, { size: 14, bold: true }));
  out.push(rule(TEXT_WIDTH, 1800), new Paragraph({ spacing: { after: 120 }, children: [] }));
  return out;
}

/** The "DỰ THẢO" mark in a box at the top right: nobody mistakes the draft for the issued text. */
export function draftMark(label: string): Paragraph {
  const side: IBorderOptions = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: TEXT_WIDTH - 2600 },
    spacing: { after: 120 },
    border: { top: side, bottom: side, left: side, right: side },
    children: [run(label, { size: 13, bold: true })],
  });
}

/** A body paragraph: justified, first line indented 1.27 cm, 6 pt after (Decree 30). */
export const bodyText = (text: string, style: RunStyle = {}): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { after: 120 },
    children: [run(text, style)],
  });

/** A section heading of the body ("I. Tình hình triển khai"), bold, flush with the indent. */
export const heading = (text: string): Paragraph =>
  new Paragraph({
    indent: { firstLine: 720 },
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [run(text, { bold: true })],
  });

export interface Column {
  title: string;
  /** Share of the text width (the shares of a table add up to about 1). */
  share: number;
  align?: 'left' | 'center' | 'right';
}

const GRID: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };

/** A data table (figures, lists): bordered, header row bold and repeated on every page, 12 pt. */
export function dataTable(columns: Column[], rows: string[][], options: { boldLastRow?: boolean } = {}): Table {
  const widths = columns.map((c) => Math.round(c.share * TEXT_WIDTH));
  const line = (cells: string[], header: boolean, bold: boolean): TableRow =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text, i) =>
          new TableCell({
            width: { size: widths[i], type: WidthType.DXA },
            verticalAlign: VerticalAlign.CENTER,
            shading: header ? { fill: 'E7E6E6' } : undefined,
            children: [
              new Paragraph({
                alignment: header ? AlignmentType.CENTER : ALIGN[columns[i].align ?? 'left'],
                spacing: { before: 40, after: 40, ...SINGLE },
                children: [run(text, { size: 12, bold: header || bold })],
              }),
            ],
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: GRID, bottom: GRID, left: GRID, right: GRID, insideHorizontal: GRID, insideVertical: GRID },
    rows: [
      line(
        columns.map((c) => c.title),
        true,
        true,
      ),
      ...rows.map((r, i) => line(r, false, Boolean(options.boldLastRow) && i === rows.length - 1)),
    ],
  });
}

/** "Nơi nhận:" bottom left, the signature block right; a draft leaves room to sign and no name if none is set. */
export function signatureBlock(header: OfficialHeader, draft: boolean): Table {
  const left = 4200;
  const right = TEXT_WIDTH - left;
  const recipients = header.recipients ?? [];
  const received: Paragraph[] = [
    new Paragraph({
      spacing: { before: 240, after: 0 },
      children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })],
    }),
    // Decree 30: each recipient on its own line after a dash, ";" between them, "." after the last.
    ...recipients.map(
      (r, i) =>
        new Paragraph({
          spacing: { after: 0, ...SINGLE },
          children: [run(`- ${r}${i === recipients.length - 1 ? '.' : ';'}`, { size: 11 })],
        }),
    ),
  ];
  const sig = header.signature ?? {};
  const signer: Paragraph[] = [new Paragraph({ spacing: { before: 240, after: 0 }, children: [] })];
  if (sig.capacity) signer.push(centered(sig.capacity.toUpperCase(), { size: 14, bold: true }));
  if (sig.title) signer.push(centered(sig.title.toUpperCase(), { size: 14, bold: true }));
  // Room for the signature and seal: four blank lines in a draft, two under an issued text's "(Đã ký)".
  const blanks = draft ? 4 : 2;
  for (let i = 0; i < blanks; i += 1) signer.push(new Paragraph({ spacing: { after: 0 }, children: [] }));
  signer.push(centered(sig.name ?? '', { size: 14, bold: true }));
  return layoutTable([left, right], [[received, signer]]);
}

export interface OfficialDocument {
  header: OfficialHeader;
  /** "BÁO CÁO", "BIÊN BẢN", "QUYẾT ĐỊNH", "TỜ TRÌNH", "GIẤY MỜI". */
  kindName: string;
  subject?: string;
  body: Array<Paragraph | Table>;
  /** The draft mark ("DỰ THẢO"); an issued document has none. */
  draftLabel?: string;
}

/** One A4 section: page set up, page numbers centred in the top margin from page 2, header to signature. */
export function officialSection(doc: OfficialDocument): ISectionOptions {
  return {
    properties: {
      titlePage: true,
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: { ...PAGE.margin, header: mm(10), footer: mm(10) },
      },
    },
    headers: {
      first: new Header({ children: [new Paragraph({ children: [] })] }),
      default: new Header({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })],
          }),
        ],
      }),
    },
    children: [
      ...(doc.draftLabel ? [draftMark(doc.draftLabel)] : []),
      headerBlock(doc.header),
      ...titleBlock(doc.kindName, doc.subject),
      ...doc.body,
      signatureBlock(doc.header, Boolean(doc.draftLabel)),
    ],
  };
}

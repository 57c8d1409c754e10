/**
 * The draft summary report (dự thảo báo cáo tổng kết): the official layout, the plan's outline, and
 * under the results heading the figures the secretariat would otherwise count by hand: units on
 * time, late and missing (overall and by cluster), who is late or missing, the presentation papers
 * received, the nominations, and the two pictures.
 */
import { AlignmentType, Document, ImageRun, Packer, Paragraph, type Table } from 'docx';
import type { SynthesisData } from '../domain/synthesis-types';
import { byCluster, byDeadlinePhase, countStatuses, lateOrMissing, STATUS_ORDER, type StatusCounts } from './figures';
import {
  OFFICIAL_STYLES,
  TEXT_WIDTH,
  bodyText,
  dataTable,
  heading,
  officialSection,
  run,
  type Column,
} from './official-layout';
import type { Png } from './png';
import { NOMINEE_TYPE_NAMES, STATUS_NAMES, fold, formatDate, formatDateTime } from './vietnamese';
import { normalizeZip, normalizeDocxIds } from './zip-normalize';
import { planTagPhrase } from '../domain/plan-document';

export const DEFAULT_OUTLINE = [
  'I. Tình hình triển khai',
  'II. Kết quả',
  'III. Đánh giá chung',
  'IV. Đề xuất khen thưởng',
];

export interface SynthesisPictures {
  timeline: Png;
  submissions: Png;
}

const SUBMISSIONS_CAPTION = 'Số đơn vị nộp báo cáo theo ngày (đúng hạn, nộp muộn)';

const PLACEHOLDER = '(Phần này do chuyên viên soạn thảo trên cơ sở báo cáo của các đơn vị.)';

const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
const upperFirst = (text: string): string => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

const caption = (text: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 160 },
    children: [run(text, { size: 12, italics: true })],
  });

const tableTitle = (text: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 60 },
    keepNext: true,
    children: [run(text, { size: 13, bold: true })],
  });

/** A picture at text width (twips to pixels at 96 dpi: / 15), its caption as alt text for screen readers. */
function picture(png: Png, alt: string): Paragraph {
  const width = Math.floor(TEXT_WIDTH / 15);
  const height = Math.round((width * png.height) / png.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [
      new ImageRun({
        type: 'png',
        data: png.data,
        transformation: { width, height },
        altText: { name: alt, title: alt, description: alt },
      }),
    ],
  });
}

/** The statuses shown as columns: always on time, late, missing; pending and cancelled only when some unit has them. */
function shownStatuses(total: StatusCounts): typeof STATUS_ORDER {
  return STATUS_ORDER.filter((s) => s === 'submitted' || s === 'late' || s === 'missing' || total[s] > 0);
}

/** Counts by status, one row per group (and a bold total when given); the statuses some unit has. */
function statusTable(
  groupTitle: string,
  groups: Array<{ name: string; counts: StatusCounts }>,
  total?: StatusCounts,
): Table {
  const statuses = shownStatuses(total ?? groups.map((g) => g.counts).reduce(addCounts));
  const share = 0.5 / (statuses.length + 1);
  const columns: Column[] = [
    { title: groupTitle, share: 0.5 },
    { title: 'Tổng số đơn vị', share, align: 'center' },
    ...statuses.map((s): Column => ({ title: upperFirst(STATUS_NAMES[s]), share, align: 'center' })),
  ];
  const line = (name: string, c: StatusCounts): string[] => [
    name,
    String(c.total),
    ...statuses.map((s) => String(c[s])),
  ];
  const rows = groups.map((g) => line(g.name, g.counts));
  return dataTable(columns, total ? [...rows, line('Tổng cộng', total)] : rows, { boldLastRow: Boolean(total) });
}

const addCounts = (a: StatusCounts, b: StatusCounts): StatusCounts => ({
  total: a.total + b.total,
  submitted: a.submitted + b.submitted,
  late: a.late + b.late,
  missing: a.missing + b.missing,
  pending: a.pending + b.pending,
  cancelled: a.cancelled + b.cancelled,
});

function countsTable(data: SynthesisData): Table {
  const clusters = byCluster(data.units).map((g) => ({ name: g.cluster, counts: g.counts }));
  return statusTable('Cụm, khối thi đua', clusters, countStatuses(data.units));
}

/** Several deadline phases: a sentence saying the tables are the last phase's, and the counts of each. */
function phasesPart(data: SynthesisData): Array<Paragraph | Table> {
  const phases = byDeadlinePhase(data.units);
  if (phases.length === 0) return [];
  return [
    bodyText(
      `Đợt thi đua có ${phases.length} giai đoạn nộp hồ sơ; số liệu ở các bảng trong báo cáo là của giai đoạn cuối ` +
        `(${phases[phases.length - 1].name}). Tình hình nộp theo từng giai đoạn như sau:`,
    ),
    tableTitle('Bảng 1a. Tình hình nộp theo từng giai đoạn'),
    statusTable('Giai đoạn', phases),
  ];
}

function resultsSection(
  data: SynthesisData,
  pictures: SynthesisPictures,
  withNominations: boolean,
): Array<Paragraph | Table> {
  const zone = data.timeZone;
  const total = countStatuses(data.units);
  const expected = total.total - total.cancelled;
  const received = total.submitted + total.late;
  const out: Array<Paragraph | Table> = [
    bodyText(
      `Tính đến ${formatDateTime(data.builtAt, zone)}, ${data.secretariatName} đã nhận báo cáo của ${received}/${expected} đơn vị ` +
        `(${total.submitted} đơn vị nộp đúng hạn, ${total.late} đơn vị nộp muộn); còn ${total.missing} đơn vị chưa nộp` +
        (total.pending > 0 ? `, ${total.pending} đơn vị đang chờ` : '') +
        (total.cancelled > 0 ? `; ${total.cancelled} đơn vị không phải nộp (đã hủy)` : '') +
        '.',
    ),
    tableTitle('Bảng 1. Tình hình nộp báo cáo theo cụm, khối thi đua'),
    countsTable(data),
    ...phasesPart(data),
  ];

  const named = lateOrMissing(data.units);
  out.push(tableTitle('Bảng 2. Đơn vị nộp muộn, chưa nộp báo cáo'));
  if (named.length === 0) out.push(bodyText('Tất cả các đơn vị đã nộp báo cáo đúng hạn.'));
  else
    out.push(
      dataTable(
        [
          { title: 'STT', share: 0.08, align: 'center' },
          { title: 'Đơn vị', share: 0.34 },
          { title: 'Hạn nộp', share: 0.16, align: 'center' },
          { title: 'Tình trạng', share: 0.26, align: 'center' },
          { title: 'Số ngày làm việc muộn', share: 0.16, align: 'center' },
        ],
        named.map((u, i) => [
          String(i + 1),
          u.unitName,
          formatDate(u.deadline, zone),
          u.submittedAt ? `Đã nhận ${formatDateTime(u.submittedAt, zone)}` : 'Chưa nhận',
          u.status === 'late' ? String(u.daysLate ?? 0) : '',
        ]),
      ),
    );

  // The pictures after the two tables, so that the figures open the section and fill its first page.
  out.push(
    picture(pictures.submissions, SUBMISSIONS_CAPTION),
    caption(`Hình 1. ${SUBMISSIONS_CAPTION}`),
    picture(pictures.timeline, `Tiến độ thực hiện ${planTagPhrase(data.planNumber, 'Kế hoạch số')}`),
    caption(`Hình 2. Tiến độ thực hiện ${planTagPhrase(data.planNumber, 'Kế hoạch số')}`),
  );

  const papers = data.units.flatMap((u) => u.papers.map((p) => ({ unit: u.unitName, ...p })));
  out.push(tableTitle('Bảng 3. Báo cáo tham luận đã nhận'));
  if (papers.length === 0) out.push(bodyText('Chưa nhận được báo cáo tham luận nào.'));
  else
    out.push(
      dataTable(
        [
          { title: 'STT', share: 0.08, align: 'center' },
          { title: 'Đơn vị', share: 0.29 },
          { title: 'Tên tệp', share: 0.43 },
          { title: 'Ngày nhận', share: 0.2, align: 'center' },
        ],
        papers.map((p, i) => [
          String(i + 1),
          p.unit,
          p.name,
          formatDate(p.receivedAt, zone) + (p.late ? ' (muộn)' : ''),
        ]),
      ),
    );
  if (withNominations) out.push(...nominationsSection(data));
  return out;
}

function nominationsSection(data: SynthesisData): Array<Paragraph | Table> {
  const noms = data.nominations;
  if (noms.length === 0) return [bodyText('Chưa có đơn vị nào gửi đề nghị khen thưởng.')];
  const collectives = noms.filter((n) => n.type === 'collective').length;
  return [
    bodyText(
      `Các đơn vị đề nghị khen thưởng ${collectives} tập thể và ${noms.length - collectives} cá nhân có thành tích tiêu biểu, cụ thể như sau:`,
    ),
    tableTitle('Bảng 4. Danh sách đề nghị khen thưởng'),
    dataTable(
      [
        { title: 'STT', share: 0.08, align: 'center' },
        { title: 'Đối tượng', share: 0.11, align: 'center' },
        { title: 'Tên tập thể, cá nhân', share: 0.22 },
        { title: 'Chức vụ', share: 0.2 },
        { title: 'Hình thức đề nghị', share: 0.2 },
        { title: 'Đơn vị đề nghị', share: 0.19 },
      ],
      noms.map((n, i) => [
        String(i + 1),
        NOMINEE_TYPE_NAMES[n.type],
        n.name,
        n.position ?? '',
        n.awardForm,
        n.unitName,
      ]),
    ),
  ];
}

/** The report's body: the opening sentence, then each outline heading with its content. */
export function synthesisBody(data: SynthesisData, pictures: SynthesisPictures): Array<Paragraph | Table> {
  const outline = data.outline.length > 0 ? data.outline : DEFAULT_OUTLINE;
  let results = outline.findIndex((h) => fold(h).includes('kết quả'));
  const awards = outline.findIndex((h, i) => i !== results && fold(h).includes('khen thưởng'));
  // An outline without a results heading still gets the figures: under a heading of their own at the end.
  const headings = results >= 0 ? outline : [...outline, 'Kết quả tiếp nhận báo cáo của các đơn vị'];
  if (results < 0) results = headings.length - 1;
  const planRef =
    (data.planReference ??
      // A plan without a number is cited by its kind and date already ("Kế hoạch tháng 6/2014").
      (planTagPhrase(data.planNumber, 'Kế hoạch số') === data.planNumber
        ? data.planNumber
        : `Kế hoạch số ${data.planNumber}${data.planDate ? ` ngày ${formatDate(data.planDate, data.timeZone)}` : ''}`)) +
    ` của ${data.issuingBody}`;
  const out: Array<Paragraph | Table> = [
    bodyText(`Thực hiện ${planRef} về ${lowerFirst(data.title)}, ${data.issuingBody} báo cáo như sau:`),
  ];
  headings.forEach((h, i) => {
    out.push(heading(h));
    if (i === results) out.push(...resultsSection(data, pictures, awards < 0));
    else if (i === awards) out.push(...nominationsSection(data));
    else out.push(bodyText(PLACEHOLDER, { italics: true }));
  });
  return out;
}

export const draftLabel = (version: number): string => (version > 1 ? `DỰ THẢO LẦN ${version}` : 'DỰ THẢO');

/** The report as a docx Document (not yet packed). */
export function synthesisDocument(data: SynthesisData, pictures: SynthesisPictures): Document {
  return new Document({
    creator: 'thidua',
    lastModifiedBy: 'thidua',
    title: `Dự thảo báo cáo ${lowerFirst(data.title)}`,
    subject: planTagPhrase(data.planNumber, 'Kế hoạch số'),
    description: `${draftLabel(data.version)} – lập ${formatDateTime(data.builtAt, data.timeZone)}`,
    revision: data.version,
    styles: OFFICIAL_STYLES,
    sections: [
      officialSection({
        header: data.header,
        kindName: 'BÁO CÁO',
        subject: upperFirst(data.title),
        body: synthesisBody(data, pictures),
        draftLabel: draftLabel(data.version),
      }),
    ],
  });
}

/** The packed report; dates and random ids normalized so that the same data gives the same bytes. */
export async function synthesisDocx(data: SynthesisData, pictures: SynthesisPictures): Promise<Buffer> {
  const packed = await Packer.toBuffer(synthesisDocument(data, pictures));
  return normalizeZip(packed, { at: new Date(data.builtAt), rewriteParts: normalizeDocxIds });
}

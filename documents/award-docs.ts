/**
 * The awards phase's documents in the official layout (`official-layout.ts`, state or party): the
 * council's minutes (biên bản: members, recusals, the counts per nomination, the result), the award
 * decision (quyết định: Căn cứ…, Điều 1 with the awardees by form, Điều 2, Điều 3, Nơi nhận), and
 * the proposal to the higher level (tờ trình) for the forms beyond the campaign's authority.
 * Pure: the same input gives the same bytes (dates and ids normalized as for the synthesis report).
 */
import { Document, Packer, type Paragraph, type Table } from 'docx';
import {
  AUTHORITY_LEVELS,
  AUTHORITY_LEVEL_NAMES,
  type AuthorityLevel,
  type AwardDocsInput,
} from '../domain/award-types';
import { formByCode, ruleInForce } from '../domain/award-rules';
import type { OfficialHeader } from '../domain/synthesis-types';
import {
  articleParagraph,
  authorityLine,
  awardees,
  byForm,
  centeredLine,
  countWords,
  dateOf,
  dateTimeOf,
  groundLine,
  isoDay,
  legalBases,
  lowerFirst,
  proposedUp,
  resultWords,
} from './award-docs-parts';
import {
  OFFICIAL_STYLES,
  bodyText,
  dataTable,
  heading,
  officialSection,
  type OfficialDocument,
} from './official-layout';
import { NOMINEE_TYPE_NAMES } from './vietnamese';
import { normalizeDocxIds, normalizeZip } from './zip-normalize';

const COUNCIL = 'Hội đồng Thi đua - Khen thưởng';

async function pack(input: AwardDocsInput, title: string, doc: OfficialDocument): Promise<Buffer> {
  const document = new Document({
    creator: 'thidua',
    lastModifiedBy: 'thidua',
    title,
    subject: input.planReference,
    styles: OFFICIAL_STYLES,
    sections: [officialSection(doc)],
  });
  const packed = await Packer.toBuffer(document);
  return normalizeZip(packed, { at: new Date(input.at), rewriteParts: normalizeDocxIds });
}

/** The header of a document dated by the input (the layout's style is the campaign's). */
const headerFor = (input: AwardDocsInput, override: Partial<OfficialHeader> = {}): OfficialHeader => ({
  ...input.header,
  style: input.style,
  ...override,
});

const memberName = (input: AwardDocsInput, account: string): string =>
  input.council.find((m) => m.account === account)?.name ?? account;

/** Biên bản: who sat, who stood aside from which nomination, the counts per nomination, the outcome. */
export async function buildVoteMinutesDocx(input: AwardDocsInput): Promise<Buffer> {
  const chair = input.council.find((m) => m.chair);
  const recusals = (account: string) => input.nominations.filter((n) => n.recused.includes(account));
  const body: Array<Paragraph | Table> = [
    bodyText(
      `Thực hiện ${input.planReference}, ${COUNCIL} tổ chức biểu quyết xét khen thưởng các tập thể, cá nhân do các đơn vị đề nghị ` +
        `trong ${lowerFirst(input.campaignTitle)}. Việc biểu quyết kết thúc lúc ${dateTimeOf(input.at)}.`,
    ),
    heading('I. Thành phần'),
    bodyText(`Chủ trì: ${chair ? chair.name : '(chưa xác định)'}, Chủ tịch Hội đồng.`),
    bodyText(`Thành viên Hội đồng: ${input.council.length} người, gồm:`),
    dataTable(
      [
        { title: 'STT', share: 0.08, align: 'center' },
        { title: 'Họ và tên', share: 0.3 },
        { title: 'Nhiệm vụ', share: 0.2 },
        { title: 'Không tham gia biểu quyết (tránh xung đột lợi ích)', share: 0.42 },
      ],
      input.council.map((m, i) => [
        String(i + 1),
        m.name,
        m.chair ? 'Chủ tịch Hội đồng' : 'Thành viên',
        recusals(m.account)
          .map((n) => n.name)
          .join('; '),
      ]),
    ),
    heading('II. Kết quả biểu quyết'),
  ];
  if (input.nominations.length === 0) body.push(bodyText('Không có đề nghị khen thưởng nào.'));
  else {
    body.push(
      bodyText(
        `Hội đồng biểu quyết đối với ${countWords(input.nominations)} được đề nghị khen thưởng, kết quả như sau:`,
      ),
      dataTable(
        [
          { title: 'STT', share: 0.08, align: 'center' },
          { title: 'Tập thể, cá nhân (đơn vị)', share: 0.25 },
          { title: 'Hình thức đề nghị', share: 0.19 },
          { title: 'Đồng ý', share: 0.09, align: 'center' },
          { title: 'Không đồng ý', share: 0.1, align: 'center' },
          { title: 'Không biểu quyết', share: 0.1, align: 'center' },
          { title: 'Chưa bỏ phiếu', share: 0.09, align: 'center' },
          { title: 'Kết quả', share: 0.1, align: 'center' },
        ],
        input.nominations.map((n, i) => {
          const t = n.tally;
          const count = (v: number | undefined) => (v === undefined ? '' : String(v));
          // Recusals in the name cell: a ninth column would not fit A4 portrait at 12 pt.
          const recused = n.recused.map((a) => memberName(input, a)).join(', ');
          return [
            String(i + 1),
            `${n.name} (${n.unitName})${recused ? ` – không tham gia biểu quyết: ${recused}` : ''}`,
            formByCode(input.catalogue, n.check.formCode ?? '')?.name ?? n.proposedForm,
            count(t?.approve),
            count(t?.reject),
            count(t?.abstain),
            count(t?.notVoted),
            resultWords(n),
          ];
        }),
      ),
    );
  }
  const approved = input.nominations.filter((n) => n.state === 'approved');
  const up = proposedUp(input);
  const failed = input.nominations.filter((n) => n.state === 'rejected' || n.state === 'no-quorum');
  body.push(
    heading('III. Kết luận'),
    bodyText(
      `Hội đồng thống nhất: ${approved.length > 0 ? `đề nghị khen thưởng ${countWords(approved)}` : 'không có đề nghị nào đạt'}` +
        (up.length > 0 ? `; trình cấp trên khen thưởng ${countWords(up)}` : '') +
        (failed.length > 0 ? `; ${countWords(failed)} không đạt` : '') +
        '.',
    ),
    bodyText('Biên bản được lập từ kết quả biểu quyết của các thành viên Hội đồng và được thông qua./.'),
  );
  return pack(input, `Biên bản họp ${COUNCIL}`, {
    header: headerFor(input, {
      date: input.header.date ?? isoDay(input.at),
      recipients: ['Các thành viên Hội đồng', 'Lưu: VT'],
      // The council's minutes are signed by the chair who presided, not for the awarding body
      // ("TM. ỦY BAN NHÂN DÂN") as the decision is.
      signature: { title: 'Chủ tịch Hội đồng', ...(chair ? { name: chair.name } : {}) },
    }),
    kindName: 'BIÊN BẢN',
    subject: `Họp ${COUNCIL} xét khen thưởng ${lowerFirst(input.campaignTitle)}`,
    body,
  });
}

/** Quyết định khen thưởng: the number and date the clerk entered, Điều 1 listing the awardees by form. */
export async function buildAwardDecisionDocx(input: AwardDocsInput): Promise<Buffer> {
  if (!input.decision) throw new Error('Chưa có số và ngày ban hành của quyết định khen thưởng.');
  const listed = awardees(input);
  if (listed.length === 0)
    throw new Error('Không có tập thể, cá nhân nào được Hội đồng thông qua: không lập quyết định khen thưởng.');
  const groups = byForm(listed, input.catalogue);
  const body: Array<Paragraph | Table> = [
    centeredLine(authorityLine(input), { bold: true }),
    ...legalBases(listed, input.catalogue).map((d) => groundLine(`Căn cứ ${d};`)),
    groundLine(`Căn cứ ${input.planReference};`),
    groundLine(`Xét đề nghị của ${COUNCIL} tại Biên bản họp ngày ${dateOf(input.at)},`),
    centeredLine('QUYẾT ĐỊNH:', { bold: true }),
    articleParagraph(
      1,
      `Tặng danh hiệu thi đua, hình thức khen thưởng cho ${countWords(listed)} có thành tích xuất sắc trong ${lowerFirst(input.campaignTitle)}, cụ thể:`,
    ),
  ];
  groups.forEach((g, i) => {
    const verb = g.form?.category === 'emulation-title' ? 'Tặng danh hiệu' : 'Tặng';
    body.push(
      bodyText(`${i + 1}. ${verb} “${g.name}” cho ${countWords(g.nominations)}:`, { bold: true }),
      dataTable(
        [
          { title: 'STT', share: 0.08, align: 'center' },
          { title: 'Tập thể, cá nhân', share: 0.34 },
          { title: 'Chức vụ', share: 0.28 },
          { title: 'Đơn vị', share: 0.3 },
        ],
        g.nominations.map((n, k) => [String(k + 1), n.name, n.position ?? '', n.unitName]),
      ),
    );
  });
  body.push(
    articleParagraph(
      2,
      'Quyết định này có hiệu lực kể từ ngày ký. Tiền thưởng kèm theo danh hiệu thi đua, hình thức khen thưởng thực hiện theo quy định hiện hành của pháp luật về thi đua, khen thưởng.',
    ),
    articleParagraph(
      3,
      `Thường trực ${COUNCIL}, thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.`,
    ),
  );
  return pack(input, `Quyết định số ${input.decision.number}`, {
    header: headerFor(input, {
      number: input.decision.number,
      date: input.decision.date,
      recipients: input.header.recipients ?? ['Như Điều 3', 'Lưu: VT'],
    }),
    kindName: 'QUYẾT ĐỊNH',
    subject: `Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong ${lowerFirst(input.campaignTitle)}`,
    body,
  });
}

/** Whom a proposal goes to: the highest level among its forms (the President's awards go through the Prime Minister). */
function addressee(levels: AuthorityLevel[]): string {
  const top = levels.reduce((a, b) => (AUTHORITY_LEVELS.indexOf(b) > AUTHORITY_LEVELS.indexOf(a) ? b : a));
  if (top === 'president') return 'Thủ tướng Chính phủ (để trình Chủ tịch nước)';
  return AUTHORITY_LEVEL_NAMES[top];
}

/** Tờ trình: the nominations beyond the campaign's authority, proposed to the level that confers them. */
export async function buildHigherLevelProposalDocx(input: AwardDocsInput): Promise<Buffer> {
  const listed = proposedUp(input);
  if (listed.length === 0)
    throw new Error('Không có đề nghị nào vượt thẩm quyền: không lập tờ trình đề nghị cấp trên.');
  const levelOf = (n: (typeof listed)[number]): AuthorityLevel | undefined => {
    const form = formByCode(input.catalogue, n.check.formCode ?? '');
    return form ? ruleInForce(form, n.receivedAt)?.conferredBy : undefined;
  };
  const levels = listed.map(levelOf).filter((l): l is AuthorityLevel => l !== undefined);
  const to = levels.length > 0 ? addressee(levels) : 'Cấp có thẩm quyền';
  const rows = byForm(listed, input.catalogue).flatMap((g) => g.nominations);
  const body: Array<Paragraph | Table> = [
    centeredLine(`Kính gửi: ${to}.`),
    ...legalBases(listed, input.catalogue).map((d) => groundLine(`Căn cứ ${d};`)),
    bodyText(
      `Thực hiện ${input.planReference}, ${COUNCIL} đã họp xét và thống nhất đề nghị ${to} khen thưởng ${countWords(listed)} ` +
        `có thành tích xuất sắc trong ${lowerFirst(input.campaignTitle)}, cụ thể như sau:`,
    ),
    dataTable(
      [
        { title: 'STT', share: 0.08, align: 'center' },
        { title: 'Đối tượng', share: 0.1, align: 'center' },
        { title: 'Tập thể, cá nhân', share: 0.22 },
        { title: 'Chức vụ, đơn vị', share: 0.24 },
        { title: 'Hình thức đề nghị', share: 0.2 },
        { title: 'Thẩm quyền', share: 0.16 },
      ],
      rows.map((n, i) => {
        const level = levelOf(n);
        return [
          String(i + 1),
          NOMINEE_TYPE_NAMES[n.type],
          n.name,
          [n.position, n.unitName].filter(Boolean).join(', '),
          formByCode(input.catalogue, n.check.formCode ?? '')?.name ?? n.proposedForm,
          level ? AUTHORITY_LEVEL_NAMES[level] : '',
        ];
      }),
    ),
    bodyText('(Kèm theo báo cáo thành tích của từng tập thể, cá nhân và biên bản họp Hội đồng.)', { italics: true }),
    bodyText(`Kính trình ${to} xem xét, quyết định./.`),
  ];
  return pack(input, 'Tờ trình đề nghị khen thưởng', {
    header: headerFor(input, {
      date: input.header.date ?? isoDay(input.at),
      recipients: ['Như trên', 'Lưu: VT'],
    }),
    kindName: 'TỜ TRÌNH',
    subject: `Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong ${lowerFirst(input.campaignTitle)}`,
    body,
  });
}

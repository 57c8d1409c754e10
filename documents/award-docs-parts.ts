/**
 * What the three award documents (minutes, decision, proposal) share: which nominations each one
 * lists, the legal bases they cite, the result words, and the paragraphs the official layout lacks
 * (the "Căn cứ" lines, an "Điều n." paragraph, a centred authority line).
 */
import { AlignmentType, Paragraph } from 'docx';
import { formByCode, ruleInForce } from '../domain/award-rules';
import type { AwardCatalogue, AwardDocsInput, AwardForm, AwardNominationView } from '../domain/award-types';
import { awardedCode } from './award-statistics';
import { run } from './official-layout';
import { formatDate, formatDateTime } from './vietnamese';
import { shareCapWords } from '../domain/award-rules';

/** The campaigns' zone: the documents date things as the clerk reads them. */
export const ZONE = 'Asia/Ho_Chi_Minh';

export const dateOf = (iso: string): string => formatDate(iso, ZONE);
export const dateTimeOf = (iso: string): string => formatDateTime(iso, ZONE);

/** yyyy-mm-dd of an instant in Vietnam (the header's date). */
export const isoDay = (iso: string): string => {
  const [d, m, y] = dateOf(iso).split('/');
  return `${y}-${m}-${d}`;
};

export const lowerFirst = (text: string): string => text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);

/** Nominations the council approved within the campaign's authority: the decision's awardees. */
export const awardees = (input: AwardDocsInput): AwardNominationView[] =>
  input.nominations.filter((n) => n.state === 'approved' && n.check.route !== 'higher-level');

/** Nominations going up to the higher level (those the council turned down stay here). */
export const proposedUp = (input: AwardDocsInput): AwardNominationView[] =>
  input.nominations.filter(
    (n) => n.check.route === 'higher-level' && n.state !== 'rejected' && n.state !== 'no-quorum',
  );

export interface FormGroup {
  form: AwardForm | undefined;
  code: string;
  name: string;
  nominations: AwardNominationView[];
}

/** Nominations grouped by the form awarded (or proposed), in catalogue order. */
export function byForm(nominations: AwardNominationView[], catalogue: AwardCatalogue): FormGroup[] {
  const groups = new Map<string, FormGroup>();
  for (const n of nominations) {
    const code = awardedCode(n, catalogue) ?? n.proposedForm;
    const form = formByCode(catalogue, code);
    const group = groups.get(code) ?? { form, code, name: form?.name ?? n.proposedForm, nominations: [] };
    group.nominations.push(n);
    groups.set(code, group);
  }
  const order = new Map(catalogue.forms.map((f, i) => [f.code, i]));
  return [...groups.values()].sort((a, b) => (order.get(a.code) ?? Infinity) - (order.get(b.code) ?? Infinity));
}

/** "2 tập thể và 3 cá nhân", "3 cá nhân". */
export function countWords(nominations: AwardNominationView[]): string {
  const collectives = nominations.filter((n) => n.type === 'collective').length;
  const individuals = nominations.length - collectives;
  const parts = [
    ...(collectives > 0 ? [`${collectives} tập thể`] : []),
    ...(individuals > 0 ? [`${individuals} cá nhân`] : []),
  ];
  return parts.join(' và ') || '0 tập thể, cá nhân';
}

/**
 * The legal texts the rules applied to these nominations rest on (each rule by the day its dossier
 * was received), in order of first citation, each once.
 */
export function legalBases(nominations: AwardNominationView[], catalogue: AwardCatalogue): string[] {
  const seen = new Set<string>();
  for (const n of nominations) {
    const form = formByCode(catalogue, awardedCode(n, catalogue) ?? '');
    const rule = form ? ruleInForce(form, n.receivedAt) : undefined;
    for (const b of rule?.basis ?? []) seen.add(b.document);
  }
  return [...seen];
}

/** An italic "Căn cứ …;" line, indented like body text. */
export const groundLine = (text: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { after: 60 },
    children: [run(text, { italics: true })],
  });

/** "Điều 1. …": the article's number bold, its text plain. */
export const articleParagraph = (n: number, text: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 720 },
    spacing: { before: 60, after: 120 },
    children: [run(`Điều ${n}. `, { bold: true }), run(text)],
  });

/** A centred line of the body ("QUYẾT ĐỊNH:", the deciding authority, "Kính gửi: …"). */
export const centeredLine = (text: string, style: { bold?: boolean; italics?: boolean } = {}): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 120 },
    children: [run(text, style)],
  });

/** How a nomination's vote came out, in the minutes' words. */
export function resultWords(n: AwardNominationView): string {
  const share =
    n.tally && n.tally.eligible > 0 ? ` (${Math.round((1000 * n.tally.approve) / n.tally.eligible) / 10}%)` : '';
  switch (n.state) {
    case 'approved':
      return `Đạt${share}`;
    case 'rejected':
      return `Không đạt${share}` + (n.capped ? ` — ${shareCapWords(n.capped)}` : '');
    case 'no-quorum':
      return 'Không đủ số thành viên tham gia';
    case 'higher-level':
      return 'Đề nghị cấp trên';
    default:
      return 'Đang biểu quyết';
  }
}

/** Who decides in the decision's preamble: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" from the signature block. */
export function authorityLine(input: AwardDocsInput): string {
  const body = input.header.issuingBody.toLocaleUpperCase('vi');
  const sig = input.header.signature ?? {};
  const principal =
    (sig.capacity ?? '').replace(/^(?:T\/M|TM|KT|TL|TUQ|Q)\.?\s+/i, '').trim() || (sig.title ?? '').trim();
  const who = principal.toLocaleUpperCase('vi');
  return who && !body.includes(who) ? `${who} ${body}` : body;
}

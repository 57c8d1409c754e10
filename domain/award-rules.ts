/**
 * The catalogue's rules applied: which rule is in force on a day, which form a unit's wording
 * names, what a nomination lacks, how a council's tally comes out, when a share cap is full.
 * Pure and deterministic (no I/O, no clock, no Node modules): workflow code may import this file.
 * `domain/award-catalogue.ts` reads the catalogue and re-exports everything here.
 */
import {
  AUTHORITY_LEVELS,
  type AuthorityLevel,
  type AwardCatalogue,
  type AwardCriterion,
  type AwardForm,
  type AwardRule,
  type NominationCheck,
  type ShareCapHit,
  type VoteRule,
} from './award-types';
import type { NomineeType } from './workflow-types';

/** Vietnam keeps UTC+7 all year (no daylight saving): an instant's local day needs no zone table. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/**
 * The day (yyyy-mm-dd, in Vietnam) of an ISO date or instant. A date is that day; an instant with
 * a zone ("Z", "+07:00") is read in Vietnam; a wall time without a zone is taken as Vietnam's.
 */
export function vietnamDay(iso: string): string {
  const date = /^(\d{4}-\d{2}-\d{2})(?:$|T(?!.*(?:Z|[+-]\d{2}:?\d{2})$))/.exec(iso);
  if (date) {
    // "2025-02-30" would compare like a real day: refuse it rather than pick a rule for it.
    const real = new Date(`${date[1]}T00:00:00Z`);
    if (Number.isNaN(real.getTime()) || real.toISOString().slice(0, 10) !== date[1])
      throw new RangeError(`Ngày không hợp lệ: "${iso}"`);
    return date[1];
  }
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Ngày giờ không hợp lệ: "${iso}"`);
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The rule of `form` in force on the day the dossier was received; undefined when none was. */
export function ruleInForce(form: AwardForm, receivedOn: string): AwardRule | undefined {
  const day = vietnamDay(receivedOn);
  return form.rules.find((r) => r.from <= day && (r.until === undefined || day < r.until));
}

/** The form of a code, for the documents and statistics. */
export const formByCode = (catalogue: AwardCatalogue, code: string): AwardForm | undefined =>
  catalogue.forms.find((f) => f.code === code);

/** Who may receive the form. */
export const formIsFor = (form: AwardForm, type: NomineeType): boolean =>
  (form.nominees ?? [form.nominee]).includes(type);

const HANG: Record<string, string> = { '1': 'nhat', '2': 'nhi', '3': 'ba', i: 'nhat', ii: 'nhi', iii: 'ba' };

/**
 * A wording reduced to what tells forms apart: no diacritics, case, punctuation or "của"; the
 * usual variants made one ("sỹ" and "sĩ", "Ủy ban nhân dân" and "UBND", "hạng 3" and "hạng Ba"),
 * leading words like "danh hiệu", "tặng" dropped.
 */
export function foldFormName(text: string): string {
  return ` ${text} `
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/ sy /g, ' si ')
    .replace(/ uy ban nhan dan /g, ' ubnd ')
    .replace(/ hang (1|2|3|i|ii|iii) /g, (_, n: string) => ` hang ${HANG[n]} `)
    .replace(/ cua /g, ' ')
    .replace(/^ (?:de nghi |tang thuong |tang |phong tang |danh hieu |hinh thuc )+/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every folded wording of a form: its code, its name and its aliases. */
export function formWordings(form: AwardForm): string[] {
  return [form.code.replace(/-/g, ' '), form.name, ...(form.aliases ?? [])].map(foldFormName);
}

/**
 * The form a unit's wording names, among those the nominee may receive: the same wording once
 * folded ("CSTĐCS", "Bằng khen của Ủy ban nhân dân tỉnh"); else the longest wording it begins with
 * ("Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông" → Bằng khen của Bộ trưởng).
 */
export function matchForm(catalogue: AwardCatalogue, written: string, nominee: NomineeType): AwardForm | undefined {
  const wanted = foldFormName(written);
  if (!wanted) return undefined;
  const forms = catalogue.forms.filter((f) => formIsFor(f, nominee));
  const exact = forms.find((f) => formWordings(f).includes(wanted));
  if (exact) return exact;
  let best: { form: AwardForm; length: number } | undefined;
  for (const form of forms) {
    for (const w of formWordings(form)) {
      if (w.length > 0 && wanted.startsWith(`${w} `) && (!best || w.length > best.length))
        best = { form, length: w.length };
    }
  }
  return best?.form;
}

/** The year of a dossier's receipt, in Vietnam. */
const yearOf = (iso: string): number => Number(vietnamDay(iso).slice(0, 4));

/** The longest run of consecutive years in `years` (duplicates ignored). */
export function longestRun(years: number[]): number {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  let best = 0;
  let run = 0;
  sorted.forEach((y, i) => {
    run = i > 0 && y === sorted[i - 1] + 1 ? run + 1 : 1;
    best = Math.max(best, run);
  });
  return best;
}

const NOMINEE_WORDS: Record<NomineeType, string> = { collective: 'tập thể', individual: 'cá nhân' };

/**
 * "At most p %" of `total`: the cap is ⌊p × total / 100⌋ — rounded down, because "không quá 15%"
 * forbids going over the share, and any rounding up would (15% of 10 is 1.5: two would be 20%).
 * Hence a base under 100/p (under 7 for 15%) allows none. Reached when that many are approved.
 */
export function shareCapReached(percent: number, total: number, approvedSoFar: number): boolean {
  return approvedSoFar >= shareCap(percent, total);
}

/** Why an approved nomination was turned down by a share cap, in Vietnamese: "vượt tỷ lệ 15% của 20 tập thể, tối đa 3". */
export function shareCapWords(hit: ShareCapHit): string {
  return `vượt tỷ lệ ${hit.percent}% của ${hit.base} ${NOMINEE_WORDS[hit.of]}, tối đa ${hit.cap}`;
}

/** ⌊percent × total / 100⌋; the small epsilon keeps 15 × 20 / 100 at 3 despite binary fractions. */
export const shareCap = (percent: number, total: number): number =>
  Math.max(0, Math.floor((percent * total) / 100 + 1e-9));

function checkCriterion(
  catalogue: AwardCatalogue,
  criterion: AwardCriterion,
  code: string,
  nomination: Parameters<typeof checkNomination>[1],
  campaign: Parameters<typeof checkNomination>[3],
  out: { unmet: string[]; judged: string[] },
): void {
  if (criterion.kind === 'judged') {
    out.judged.push(criterion.text);
    return;
  }
  if (criterion.kind === 'share-cap') {
    const total = criterion.of === 'collective' ? campaign.collectives : campaign.individuals;
    const approved = campaign.alreadyApproved[code] ?? 0;
    if (shareCapReached(criterion.percent, total, approved)) {
      const cap = shareCap(criterion.percent, total);
      out.unmet.push(
        `${criterion.text}: đã đủ ${approved}/${cap} (${criterion.percent}% của ${total} ${NOMINEE_WORDS[criterion.of]})`,
      );
    }
    return;
  }
  // prior-titles: the nominee's history, as the unit declared it.
  if (nomination.priorTitles === undefined) {
    out.judged.push(`${criterion.text} (đơn vị chưa kê khai danh hiệu, hình thức khen thưởng các năm trước)`);
    return;
  }
  const accepted = new Set([criterion.form, ...(criterion.alsoForms ?? [])]);
  const upTo = yearOf(nomination.receivedAt);
  const years = nomination.priorTitles
    .filter((t) => t.year <= upTo && accepted.has(matchForm(catalogue, t.form, nomination.type)?.code ?? ''))
    .map((t) => t.year);
  const run = longestRun(years);
  if (run < criterion.years) {
    const had =
      years.length === 0 ? 'chưa có năm nào' : `có ${run} năm liên tục (${[...new Set(years)].sort().join(', ')})`;
    const need = criterion.years === 1 ? 'chưa có' : `chưa đủ ${criterion.years} năm liên tục`;
    out.unmet.push(`${criterion.text}: ${need} — ${had}`);
  }
}

/**
 * A nomination against the catalogue: the form its wording names, the rule in force on the day
 * its dossier was received, whether the campaign's authority confers it or it goes up, the
 * criteria the data shows unmet and those the council judges.
 */
export function checkNomination(
  catalogue: AwardCatalogue,
  nomination: {
    type: NomineeType;
    proposedForm: string;
    receivedAt: string;
    priorTitles?: Array<{ form: string; year: number }>;
  },
  authority: AuthorityLevel,
  campaign: { collectives: number; individuals: number; alreadyApproved: Record<string, number> },
): NominationCheck {
  const form = matchForm(catalogue, nomination.proposedForm, nomination.type);
  if (!form) {
    return {
      route: 'unknown-form',
      unmet: [
        `Hình thức "${nomination.proposedForm}" không có trong danh mục danh hiệu thi đua, hình thức khen thưởng dành cho ${NOMINEE_WORDS[nomination.type]}`,
      ],
      judged: [],
    };
  }
  const rule = ruleInForce(form, nomination.receivedAt);
  if (!rule) {
    const periods = form.rules.map((r) => `từ ${r.from}${r.until ? ` đến trước ${r.until}` : ''}`).join('; ');
    return {
      formCode: form.code,
      route: 'unknown-form',
      unmet: [
        `Chưa có quy định về "${form.name}" áp dụng cho hồ sơ nhận ngày ${vietnamDay(nomination.receivedAt)} (danh mục có quy định ${periods})`,
      ],
      judged: [],
    };
  }
  const out = { unmet: [] as string[], judged: [] as string[] };
  for (const criterion of rule.criteria) checkCriterion(catalogue, criterion, form.code, nomination, campaign, out);
  const above = AUTHORITY_LEVELS.indexOf(rule.conferredBy) > AUTHORITY_LEVELS.indexOf(authority);
  return {
    formCode: form.code,
    ruleFrom: rule.from,
    route: above ? 'higher-level' : 'council',
    unmet: out.unmet,
    judged: out.judged,
  };
}

/**
 * Fractions in the catalogue are written to four decimals (2/3 as 0.6667): a share within half a
 * unit of the fourth decimal below the fraction counts as reaching it. Councils are far too small
 * for a real share to fall in that gap (it needs a base of 20 000 members).
 */
const TOLERANCE = 0.00005;

const reaches = (count: number, base: number, fraction: number, strict: boolean): boolean =>
  base > 0 && (strict ? count / base > fraction + TOLERANCE : count / base >= fraction - TOLERANCE);

/**
 * How a council's tally comes out for one nomination.
 *
 * - The base is `eligible`: the members who may vote on this nomination (all members but the
 *   recused). A recused member is no member for that nomination; counting them would make the 90%
 *   rule unreachable as soon as one member comes from the nominated unit.
 * - Quorum: members who voted (approve, reject or abstain) must reach `quorum` × eligible, and at
 *   least one must have voted; otherwise 'no-quorum'.
 * - Threshold: approvals must reach `threshold` × eligible ('all-members') or × those who voted
 *   ('voting-members', abstentions count as votes), or exceed it when `strict` ("more than half").
 */
export function voteOutcome(
  rule: VoteRule,
  tally: { approve: number; reject: number; abstain: number; notVoted: number; eligible: number; members: number },
): 'approved' | 'rejected' | 'no-quorum' {
  const { approve, reject, abstain, eligible } = tally;
  for (const [name, n] of Object.entries(tally)) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Số phiếu "${name}" không hợp lệ: ${n}`);
  }
  const voted = approve + reject + abstain;
  if (voted > eligible)
    throw new RangeError(`Số phiếu đã bỏ (${voted}) nhiều hơn số thành viên được bỏ phiếu (${eligible})`);
  if (voted === 0 || !reaches(voted, eligible, rule.quorum, false)) return 'no-quorum';
  const base = rule.of === 'all-members' ? eligible : voted;
  return reaches(approve, base, rule.threshold, Boolean(rule.strict)) ? 'approved' : 'rejected';
}

/**
 * The council's vote, pure (imported by the awards workflow: no I/O, no clock): who is recused, the
 * refusal of a vote (in Vietnamese, the words reach the member), each member's progress, the tally of
 * each nomination with the catalogue's rule in force on the day its dossier was received, and the
 * share caps. The catalogue arrives as data (loaded by an activity). The tally itself
 * (`award-tally.ts`, the catalogue's `voteOutcome`) runs in an activity: the catalogue module reads
 * files and may not enter the workflow bundle.
 */
import {
  AUTHORITY_LEVELS,
  AUTHORITY_LEVEL_NAMES,
  type AuthorityLevel,
  type AwardCatalogue,
  type AwardForm,
  type AwardNominationView,
  type CastVoteInput,
  type CouncilMember,
  type Vote,
} from './award-types';
import type { AwardUnitResult } from './award-workflow-types';
import { isoDayVn } from './iso-day';

export const VOTE_CHOICES = ['approve', 'reject', 'abstain'] as const;
/** Each choice as the council reads it (the dashboard's vote and sheet forms, its answers). */
export const VOTE_CHOICE_NAMES: Record<(typeof VOTE_CHOICES)[number], string> = {
  approve: 'Đồng ý',
  reject: 'Không đồng ý',
  abstain: 'Không biểu quyết (phiếu trắng)',
};
/** The longest reason of a vote, in characters. */
export const MAX_VOTE_REASON_CHARS = 2000;

/** Members from the nominated unit: they do not vote on it. */
export function recusedFor(council: CouncilMember[], unitId: string): string[] {
  return council.filter((m) => m.unitId === unitId).map((m) => m.account);
}

/** Nominations the council votes on (not those proposed upwards or of no known form). */
export const inVote = (n: AwardNominationView) => n.state === 'in-vote';

/** The last vote of each member on each nomination (a member may change their vote until the close). */
export function latestVotes(votes: Vote[]): Vote[] {
  const last = new Map<string, Vote>();
  for (const v of votes) last.set(`${v.member}\u0000${v.nominationId}`, v);
  return [...last.values()];
}

/** A vote as the tally reads it: without reason or recorder (the tally's input stays small). */
export const talliedVote = ({ member, nominationId, choice, formCode, at }: Vote): Vote => ({
  member,
  nominationId,
  choice,
  ...(formCode ? { formCode } : {}),
  at,
});

/**
 * Nominations the council votes or voted on: still `in-vote`, or decided by the tally (the close moves
 * them to approved/rejected/no-quorum; their route stays `council`). Before the close, the same as `inVote`.
 */
const votedOnByCouncil = (n: AwardNominationView) => n.state === 'in-vote' || n.check?.route === 'council';

/**
 * Per member: nominations voted on and to vote on (those not recused from), also after the close (the
 * ones that were in the vote). Keyed sets, not a search of the votes per nomination: at 10,000
 * nominations and 90,000 votes that search took the status query past the workflow sandbox's 5 s (issue 17).
 */
export function memberProgress(
  council: CouncilMember[],
  nominations: AwardNominationView[],
  votes: Vote[],
): Array<{ account: string; voted: number; toVote: number }> {
  const cast = new Set(votes.map((v) => `${v.member}\u0000${v.nominationId}`));
  const open = nominations.filter(votedOnByCouncil);
  return council.map((m) => {
    let voted = 0;
    let toVote = 0;
    for (const n of open) {
      if (n.recused.includes(m.account)) continue;
      toVote++;
      if (cast.has(`${m.account}\u0000${n.id}`)) voted++;
    }
    return { account: m.account, voted, toVote };
  });
}

/** Members who have not yet voted on every nomination they vote on. */
export function missingVoters(council: CouncilMember[], nominations: AwardNominationView[], votes: Vote[]) {
  const progress = memberProgress(council, nominations, votes);
  return council.filter((m) => {
    const p = progress.find((x) => x.account === m.account)!;
    return p.voted < p.toVote;
  });
}

/** The form's rule in force on the day (as the catalogue's `ruleInForce`; here without its file reading). */
function ruleOn(form: AwardForm, receivedAt: string) {
  const day = receivedAt.slice(0, 10);
  return form.rules.find((r) => r.from <= day && (!r.until || day < r.until));
}

const outranks = (a: AuthorityLevel, b: AuthorityLevel) => AUTHORITY_LEVELS.indexOf(a) > AUTHORITY_LEVELS.indexOf(b);

/** What a vote is checked against: the council, the catalogue as gathered, the authority, the nominations. */
export interface VoteContext {
  council: CouncilMember[];
  catalogue: AwardCatalogue;
  authority: AuthorityLevel;
  nominations: AwardNominationView[];
  /** The nominations by id, when the caller checks many votes (a sheet): a search each was N × lines. */
  byId?: Map<string, AwardNominationView>;
}

/** Why a vote is refused (Vietnamese), or undefined when it may be recorded. A sheet's lines are checked by it too. */
export function voteRefusal(ctx: VoteContext, vote: CastVoteInput): string | undefined {
  const member = ctx.council.find((m) => m.account === vote.member);
  if (!member)
    return `Tài khoản "${String(vote.member)}" không phải thành viên Hội đồng của đợt này; không thể bỏ phiếu.`;
  const n = ctx.byId ? ctx.byId.get(vote.nominationId) : ctx.nominations.find((x) => x.id === vote.nominationId);
  if (!n) return `Không có hồ sơ đề nghị "${String(vote.nominationId)}" trong đợt này.`;
  const what = `hồ sơ ${n.id} (${n.name}, ${n.unitName})`;
  if (n.recused.includes(member.account)) {
    return `${member.name} thuộc đơn vị ${n.unitName} nên không bỏ phiếu cho ${what} (tránh xung đột lợi ích).`;
  }
  if (n.state === 'higher-level') {
    return `${what} đề nghị cấp trên khen thưởng ("${n.proposedForm}" vượt thẩm quyền ${AUTHORITY_LEVEL_NAMES[ctx.authority]}); Hội đồng không bỏ phiếu, tờ trình được gửi lên cấp trên.`;
  }
  if (n.state !== 'in-vote')
    return `${what} không thuộc danh sách bỏ phiếu ("${n.proposedForm}" không có trong danh mục).`;
  if (!(VOTE_CHOICES as readonly string[]).includes(vote.choice)) {
    return `Phiếu phải là một trong: approve (đồng ý), reject (không đồng ý), abstain (không biểu quyết); nhận được "${String(vote.choice)}".`;
  }
  if (typeof vote.reason === 'string' && vote.reason.length > MAX_VOTE_REASON_CHARS) {
    return `Lý do dài ${vote.reason.length} ký tự, tối đa ${MAX_VOTE_REASON_CHARS}.`;
  }
  if (vote.choice !== 'approve' || vote.formCode === undefined) return undefined;
  const form = ctx.catalogue.forms.find((f) => f.code === vote.formCode);
  if (!form) {
    return `Hình thức "${String(vote.formCode)}" không có trong danh mục khen thưởng; hãy chọn một mã trong danh mục (ví dụ ${ctx.catalogue.forms
      .slice(0, 3)
      .map((f) => f.code)
      .join(', ')}).`;
  }
  // A form for both (Bằng khen, Huân chương) lists them in `nominees` (added to the contract by the catalogue).
  const kinds = (form as AwardForm & { nominees?: AwardNominationView['type'][] }).nominees ?? [form.nominee];
  if (!kinds.includes(n.type)) {
    return `Hình thức "${form.name}" dành cho ${form.nominee === 'collective' ? 'tập thể' : 'cá nhân'}, còn ${what} là ${n.type === 'collective' ? 'tập thể' : 'cá nhân'}.`;
  }
  const rule = ruleOn(form, n.receivedAt);
  if (!rule) {
    return `Hình thức "${form.name}" không có quy định còn hiệu lực vào ngày nhận hồ sơ ${isoDayVn(n.receivedAt)}.`;
  }
  if (outranks(rule.conferredBy, ctx.authority)) {
    return `Hình thức "${form.name}" do ${AUTHORITY_LEVEL_NAMES[rule.conferredBy]} quyết định, vượt thẩm quyền ${AUTHORITY_LEVEL_NAMES[ctx.authority]} của đợt.`;
  }
  return undefined;
}

/** A nomination's result as its unit is told it (mail, portal): nothing of the vote's detail. */
export function unitResultOf(n: AwardNominationView): AwardUnitResult {
  return {
    name: n.name,
    type: n.type,
    proposedForm: n.proposedForm,
    state: n.state,
    ...(n.awardedForm ? { awardedForm: n.awardedForm } : {}),
    ...(n.capped ? { capped: n.capped } : {}),
  };
}

/**
 * The council's vote sheet on the dashboard (issue 17): a member's choices on the awards page sent as
 * ONE update (`castVoteSheet`), and the clerk's record of an absent member's written sheet. The page
 * names each nomination's fields `choice:<id>`, `formCode:<id>`, `reason:<id>`; a nomination left
 * without a choice, or with the member's vote unchanged, is not sent again. More nominations than a
 * sheet carries are drawn in pages, each page its own form and sheet.
 */
import type { AwardNominationView, AwardsStatusView, Vote, VoteChoice, VoteSheetLine } from '../../domain/award-types';
import { sheetBytes } from '../../domain/award-sheet';
import { VOTE_CHOICE_NAMES } from '../../domain/award-vote';
import { MAX_SHEET_BYTES, MAX_VOTES_PER_SHEET } from '../../domain/scale-limits';
import { esc } from '../pages';
import { ActionInputError } from './actions';
import { absentMember } from './awards-absent-member';
import type { AwardAction } from './awards-actions';
import { formView } from './awards-paging';

/** A nomination's field of the sheet. */
export const sheetField = (name: 'choice' | 'formCode' | 'reason', nominationId: string): string =>
  `${name}:${nominationId}`;

/** The nominations in pages of at most a sheet's lines: each page one form, one sheet. */
export function sheetPages<T>(items: T[]): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += MAX_VOTES_PER_SHEET) pages.push(items.slice(i, i + MAX_VOTES_PER_SHEET));
  return pages;
}

const same = (v: Vote, l: VoteSheetLine) =>
  v.choice === l.choice && (v.formCode ?? '') === (l.formCode ?? '') && (v.reason ?? '') === (l.reason ?? '');

/**
 * The lines a sheet form describes for `member`: each nomination in vote (not recused) given a choice,
 * unless unchanged from `own` votes. Bad input is refused naming each nomination, nothing sent.
 */
export function sheetLines(
  form: Record<string, string>,
  view: AwardsStatusView,
  member: string,
  own: Vote[] = [],
): VoteSheetLine[] {
  const value = (name: string) => (form[name] ?? '').trim();
  const lines: VoteSheetLine[] = [];
  const wrong: string[] = [];
  for (const n of view.nominations) {
    if (n.state !== 'in-vote' || n.recused.includes(member)) continue;
    const choice = value(sheetField('choice', n.id)) as VoteChoice;
    if (!choice) continue;
    const who = `${n.name} (${n.unitName})`;
    if (!(choice in VOTE_CHOICE_NAMES)) {
      wrong.push(`${who}: chọn một ý kiến: đồng ý, không đồng ý hoặc không biểu quyết.`);
      continue;
    }
    const formCode = value(sheetField('formCode', n.id));
    if (choice === 'approve' && !formCode) {
      wrong.push(`${who}: khi đồng ý, chọn hình thức khen thưởng được đề nghị.`);
      continue;
    }
    const reason = value(sheetField('reason', n.id));
    const line: VoteSheetLine = {
      nominationId: n.id,
      choice,
      ...(choice === 'approve' ? { formCode } : {}),
      ...(reason ? { reason } : {}),
    };
    const mine = own.filter((v) => v.nominationId === n.id).at(-1);
    if (!mine || !same(mine, line)) lines.push(line);
  }
  if (wrong.length > 0) throw new ActionInputError(`Phiếu tổng hợp chưa gửi được:\n${wrong.join('\n')}`);
  if (lines.length === 0) {
    throw new ActionInputError('Chưa có ý kiến nào mới hoặc thay đổi: chọn ý kiến cho ít nhất một đề nghị.');
  }
  if (lines.length > MAX_VOTES_PER_SHEET) {
    throw new ActionInputError(`Một phiếu tổng hợp ghi tối đa ${MAX_VOTES_PER_SHEET} đề nghị; gửi từng trang.`);
  }
  const bytes = sheetBytes({ member, votes: lines });
  if (bytes > MAX_SHEET_BYTES) {
    throw new ActionInputError(
      `Phiếu tổng hợp nặng ${Math.ceil(bytes / 1024)} KB, tối đa ${MAX_SHEET_BYTES / 1024} KB; hãy rút gọn lý do rồi gửi lại.`,
    );
  }
  return lines;
}

export const SHEET_ACTIONS: AwardAction[] = [
  {
    id: 'phieu-tong-hop',
    role: 'council',
    label: 'Gửi phiếu tổng hợp',
    applies: (v) => v.state === 'voting',
    run: async (ctx) => {
      const view = await formView(ctx);
      const own = (view.votes ?? []).filter((x) => x.member === ctx.actor.login);
      const lines = sheetLines(ctx.form, view, ctx.actor.login, own);
      const r = await ctx.awards.castVoteSheet(ctx.campaignId, ctx.actor, lines);
      return `Đã ghi phiếu tổng hợp của bạn: ${lines.length} đề nghị; đã biểu quyết ${r.member.voted}/${r.member.toVote} đề nghị.`;
    },
  },
  {
    id: 'phieu-van-ban-tong-hop',
    role: 'clerk',
    label: 'Ghi phiếu tổng hợp bằng văn bản của thành viên vắng mặt',
    applies: (v) => v.state === 'voting',
    run: async (ctx) => {
      const { member, named, view } = await absentMember(ctx);
      const lines = sheetLines(ctx.form, view, member);
      const r = await ctx.awards.recordWrittenSheet(ctx.campaignId, ctx.actor, member, lines);
      return (
        `Đã ghi phiếu tổng hợp bằng văn bản của ${named.name}: ${lines.length} đề nghị; ` +
        `đã biểu quyết ${r.member.voted}/${r.member.toVote} đề nghị.`
      );
    },
  },
];

/**
 * The clerk's form(s) for a written sheet: the absent member, then a row per nomination in vote (a
 * choice, left empty when the sheet says nothing of it; the form; the reason), a page per sheet.
 */
export function writtenSheetForms(p: {
  view: AwardsStatusView;
  to: string;
  hidden: string;
  prior: Record<string, string>;
  formsFor: (n: AwardNominationView) => Array<[string, string]>;
  beside: string;
}): string {
  const inVote = p.view.nominations.filter((n) => n.state === 'in-vote');
  const pages = sheetPages(inVote);
  return pages
    .map((page, i) => {
      const id = pages.length > 1 ? `action-phieu-van-ban-tong-hop-${i + 1}` : 'action-phieu-van-ban-tong-hop';
      const members = p.view.members
        .map(
          (m) =>
            `<option value="${esc(m.account)}"${m.account === p.prior.member ? ' selected' : ''}>${esc(m.name)} (${esc(m.account)})</option>`,
        )
        .join('');
      const rows = page
        .map((n) => {
          const choice = p.prior[sheetField('choice', n.id)] ?? '';
          const code = p.prior[sheetField('formCode', n.id)] ?? n.check.formCode;
          const choices = [['', '— (không ghi)'], ...Object.entries(VOTE_CHOICE_NAMES)]
            .map(([c, l]) => `<option value="${c}"${c === choice ? ' selected' : ''}>${esc(l)}</option>`)
            .join('');
          const forms = p
            .formsFor(n)
            .map(([c, l]) => `<option value="${esc(c)}"${c === code ? ' selected' : ''}>${esc(l)}</option>`)
            .join('');
          return (
            `<tr data-nomination="${esc(n.id)}"><td>${esc(n.name)} — ${esc(n.unitName)}</td>` +
            `<td><select aria-label="Ý kiến: ${esc(n.name)}" name="${esc(sheetField('choice', n.id))}">${choices}</select></td>` +
            `<td><select aria-label="Hình thức: ${esc(n.name)}" name="${esc(sheetField('formCode', n.id))}">${forms}</select></td>` +
            `<td><input aria-label="Lý do: ${esc(n.name)}" name="${esc(sheetField('reason', n.id))}" maxlength="1000" value="${esc(p.prior[sheetField('reason', n.id)] ?? '')}"></td></tr>`
          );
        })
        .join('\n');
      const title = pages.length > 1 ? ` (trang ${i + 1}/${pages.length})` : '';
      return (
        `<form method="post" action="${p.to}/do/phieu-van-ban-tong-hop" id="${id}">${p.hidden}` +
        `<h3>Ghi phiếu tổng hợp bằng văn bản của thành viên vắng mặt${title}</h3>${i === 0 ? p.beside : ''}` +
        `<label for="${id}-member">Thành viên vắng mặt</label><select id="${id}-member" name="member">${members}</select>` +
        `<table class="sheet"><thead><tr><th>Đề nghị</th><th>Ý kiến</th><th>Hình thức (khi đồng ý)</th><th>Lý do</th></tr></thead><tbody>\n${rows}\n</tbody></table>` +
        '<span class="hint">Ghi đúng phiếu bằng văn bản thành viên đã gửi; đề nghị để trống không được ghi. Cả phiếu được ghi, hoặc không dòng nào nếu có dòng sai.</span>' +
        '<p><button type="submit">Ghi phiếu tổng hợp</button></p></form>'
      );
    })
    .join('\n');
}

/**
 * The absent council member a clerk records a written vote or sheet for (the awards page's actions,
 * one vote or a sheet): read from the form and checked against the council.
 */
import { ActionInputError } from './actions';
import type { AwardActionContext } from './awards-actions';
import { formView } from './awards-paging';

/**
 * The absent member a clerk records a written vote or sheet for (the form's `member`), refused in
 * Vietnamese when none is chosen or the account is not on the council; with the vote's view.
 */
export async function absentMember(ctx: AwardActionContext) {
  const member = (ctx.form.member ?? '').trim();
  if (!member) throw new ActionInputError('Chọn thành viên Hội đồng đã gửi phiếu bằng văn bản.');
  const view = await formView(ctx);
  const named = view.members.find((m) => m.account === member);
  if (!named) throw new ActionInputError(`"${member}" không phải thành viên Hội đồng của đợt này.`);
  return { member, named, view };
}

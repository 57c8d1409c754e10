/**
 * The awards page's pages of nominations (issue 17): the dashboard asks the vote for the page it shows
 * (`?trang=N`, and `?con-lai=1` for what the member has left to vote on), never the whole list of a
 * 10,000-nomination vote. The page and the filter travel in the page's forms too, so that an action
 * reads the same page the person saw.
 */
import type { AwardsViewPart } from '../../app/awards';
import type { StaffActor } from '../../app/roles';
import type { AwardsStatusView } from '../../domain/award-types';
import { MAX_AWARDS_PAGE_SIZE } from '../../domain/scale-limits';
import { esc } from '../pages';
import type { AwardsBackend } from './awards-backend';

/** What the page shows: its number and whether only the member's remaining nominations. */
export interface AwardsPageChoice {
  page: number;
  remaining: boolean;
}

/** From the URL's or a form's `trang` and `con-lai`; anything not a whole number from 1 is page 1. */
export function pageChoiceOf(get: (name: string) => string | undefined | null): AwardsPageChoice {
  const page = Number(get('trang') ?? '1');
  return { page: Number.isInteger(page) && page >= 1 ? page : 1, remaining: get('con-lai') === '1' };
}

/** The part of the view the page asks for; "remaining" only means something for a council member. */
export function viewPartOf(choice: AwardsPageChoice, actor: StaffActor): AwardsViewPart {
  return {
    page: choice.page,
    pageSize: MAX_AWARDS_PAGE_SIZE,
    ...(choice.remaining && actor.roles.includes('council') ? { toVoteBy: actor.login } : {}),
  };
}

/** The page of the vote a form was drawn on: its nominations are those the form names. */
export const formView = (ctx: {
  awards: AwardsBackend;
  campaignId: string;
  actor: StaffActor;
  form: Record<string, string>;
}): Promise<AwardsStatusView> =>
  ctx.awards.status(
    ctx.campaignId,
    ctx.actor,
    viewPartOf(
      pageChoiceOf((k) => ctx.form[k]),
      ctx.actor,
    ),
  );

/** The URL's query of a page (empty for the first page of all). */
export function pageQuery(choice: AwardsPageChoice): string {
  const params = new URLSearchParams();
  if (choice.page > 1) params.set('trang', String(choice.page));
  if (choice.remaining) params.set('con-lai', '1');
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** Hidden fields carrying the page into a form. */
export const pageHidden = (choice: AwardsPageChoice): string =>
  `<input type="hidden" name="trang" value="${choice.page}">` +
  (choice.remaining ? '<input type="hidden" name="con-lai" value="1">' : '');

/** The links between pages, the filter's switch, and the counts of all nominations by state. */
export function pageNav(base: string, view: AwardsStatusView, choice: AwardsPageChoice, voter: boolean): string {
  const p = view.page;
  const c = view.counts;
  const counts = c
    ? `<p id="nomination-counts">${c['in-vote']} đang biểu quyết, ${c.approved} được thông qua, ${c.rejected} không được thông qua, ` +
      `${c['no-quorum']} không đủ số phiếu, ${c['higher-level']} đề nghị cấp trên.</p>`
    : '';
  const link = (to: AwardsPageChoice, text: string, id?: string) =>
    `<a${id ? ` id="${id}"` : ''} href="${esc(base + pageQuery(to))}">${esc(text)}</a>`;
  const filter = voter
    ? `<p>${
        choice.remaining
          ? link({ page: 1, remaining: false }, 'Xem mọi đề nghị', 'show-all')
          : link({ page: 1, remaining: true }, 'Chỉ các đề nghị bạn chưa biểu quyết', 'show-remaining')
      }</p>`
    : '';
  if (!p || p.pages <= 1) return counts + filter;
  const from = (p.page - 1) * p.pageSize + 1;
  const to = Math.min(p.page * p.pageSize, p.total);
  const pages = Array.from({ length: p.pages }, (_, i) => i + 1)
    .map((n) => (n === p.page ? `<strong>${n}</strong>` : link({ ...choice, page: n }, String(n))))
    .join(' ');
  return (
    counts +
    filter +
    `<nav id="nomination-pages" aria-label="Các trang đề nghị"><p>Đề nghị ${from}–${to} trong ${p.total} ` +
    `(trang ${p.page}/${p.pages}): ${pages}</p></nav>`
  );
}

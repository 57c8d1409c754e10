/**
 * The awards page (`/admin/c/<campaign>/khen-thuong`, issue 14): the nominations with the catalogue's
 * check, the council's vote (a member sees and casts only their own votes until it closes — all their
 * choices in one sheet, issue 17 — and how
 * many members have voted, never others' choices), then the tallies and results; the clerk's and the
 * approver's forms; the documents. Rendered on the server, readable without script.
 */
import type { StaffActor } from '../../app/roles';
import {
  AUTHORITY_LEVEL_NAMES,
  AUTHORITY_LEVELS,
  type AwardCatalogue,
  type AwardNominationState,
  type AwardNominationView,
  type AwardsState,
  type AwardsStatusView,
  type Vote,
} from '../../domain/award-types';
import { STAFF_ROLE_NAMES } from '../../domain/synthesis-types';
import type { NomineeType } from '../../domain/workflow-types';
import { esc, layout, localTime } from '../pages';
import { localWords } from '../local-words';
import type { StaffSession } from '../security';
import { AWARD_ACTIONS, type AwardAction, type AwardActionId } from './awards-actions';
import { flashHtml, nav, type Flash } from './pages';
import { sheetField, sheetPages, writtenSheetForms } from './awards-sheet';
import { pageHidden, pageNav, type AwardsPageChoice } from './awards-paging';
import { sheetFileForm } from './awards-sheet-file';
import { shareCapWords } from '../../domain/award-rules';
import { VOTE_CHOICE_NAMES } from '../../domain/award-vote';
import { isoDayVn } from '../../domain/iso-day';

export const AWARDS_STATE: Record<AwardsState, string> = {
  voting: 'Đang biểu quyết',
  closed: 'Đã kết thúc biểu quyết, chờ quyết định khen thưởng',
  decided: 'Đã có quyết định khen thưởng',
  cancelled: 'Đã hủy',
};

export const NOMINATION_STATE: Record<AwardNominationState, string> = {
  'in-vote': 'Đang biểu quyết',
  'higher-level': 'Đề nghị cấp trên khen thưởng',
  approved: 'Được khen thưởng',
  rejected: 'Không được đề nghị',
  'no-quorum': 'Không đủ số thành viên tham gia biểu quyết',
};

/** The documents, as the download routes name them (`…/khen-thuong/<file>`). */
export const AWARD_DOWNLOADS = {
  minutes: { file: 'bien-ban.docx', label: 'Biên bản họp Hội đồng (.docx)' },
  decision: { file: 'quyet-dinh.docx', label: 'Quyết định khen thưởng (.docx)' },
  proposal: { file: 'to-trinh.docx', label: 'Tờ trình đề nghị cấp trên khen thưởng (.docx)' },
  statistics: { file: 'thong-ke.xlsx', label: 'Thống kê khen thưởng theo hình thức (.xlsx)' },
} as const;

/** Which documents exist for this state of the vote. */
export function availableDownloads(v: AwardsStatusView): Array<keyof typeof AWARD_DOWNLOADS> {
  const out: Array<keyof typeof AWARD_DOWNLOADS> = [];
  if (v.minutes) out.push('minutes');
  if (v.decision) out.push('decision');
  if (v.proposal) out.push('proposal');
  if (v.state === 'closed' || v.state === 'decided') out.push('statistics');
  return out;
}

/** A refused form: what was typed (refilled) and why, beside it; a member's vote names its nomination. */
export type FailedAwardForm = { action: AwardActionId; form: Record<string, string>; error: string };

export interface AwardsPageInput {
  staff: StaffSession;
  actor: StaffActor;
  campaignId: string;
  title?: string;
  view: AwardsStatusView;
  catalogue: AwardCatalogue;
  timeZone: string;
  flash?: Flash;
  failed?: FailedAwardForm;
  /** The page of nominations shown (issue 17); the first of all by default. */
  choice?: AwardsPageChoice;
  /** The portal's claim-check threshold: the sheet file's line bound the form states. */
  claimCheckBytes?: number;
}

const TYPE = { collective: 'Tập thể', individual: 'Cá nhân' } as const;

/**
 * The kinds a form is for: `nominee`, or both when the catalogue's loader gives `nominees` (award-rules
 * adds that optional field to the contract; read here without naming it, so either version compiles).
 */
const kinds = (f: AwardCatalogue['forms'][number]): NomineeType[] =>
  (f as { nominees?: NomineeType[] }).nominees ?? [f.nominee];

/** The forms a member may approve a nominee for: its kind, in force on the day its dossier came, within the campaign's authority. */
export function formChoices(
  catalogue: AwardCatalogue,
  n: AwardNominationView,
  authority: AwardsStatusView['authority'],
): Array<[string, string]> {
  const day = n.receivedAt.slice(0, 10);
  const within = AUTHORITY_LEVELS.indexOf(authority);
  const choices = catalogue.forms
    .filter(
      (f) =>
        kinds(f).includes(n.type) &&
        f.rules.some(
          (r) =>
            r.from <= day &&
            (!r.until || day < r.until) &&
            AUTHORITY_LEVELS.includes(r.conferredBy) &&
            AUTHORITY_LEVELS.indexOf(r.conferredBy) <= within,
        ),
    )
    .map((f): [string, string] => [f.code, f.name]);
  const matched = n.check.formCode;
  if (matched && !choices.some(([code]) => code === matched)) choices.unshift([matched, n.proposedForm]);
  return choices;
}

export function awardsPage(p: AwardsPageInput): string {
  const { view: v, actor } = p;
  const t = (utc: string) => localTime(utc, p.timeZone);
  const campaignBase = `/admin/c/${encodeURIComponent(p.campaignId)}`;
  const base = `${campaignBase}/khen-thuong`;
  const formName = (code?: string) => (code ? (p.catalogue.forms.find((f) => f.code === code)?.name ?? code) : '');
  const may = (a: AwardAction) => actor.roles.includes(a.role);
  const drawn = AWARD_ACTIONS.filter((a) => a.applies(v));
  const member = v.members.find((m) => m.account === actor.login);
  const voter = actor.roles.includes('council') && member !== undefined;
  const sheetOpen = voter && drawn.some((a) => a.id === 'phieu-tong-hop');
  // Before the close only one's own votes, whatever the use case gave.
  const own = (v.votes ?? []).filter((x) => x.member === actor.login);
  const choice = p.choice ?? { page: 1, remaining: false };
  // Every form carries the page it was drawn on: the action reads that page of the vote.
  const csrf = `<input type="hidden" name="csrf" value="${esc(p.staff.csrf)}">${pageHidden(choice)}`;
  const failedFor = (id: AwardActionId, nominationId?: string) =>
    p.failed?.action === id && (nominationId === undefined || p.failed.form.nominationId === nominationId)
      ? p.failed
      : undefined;
  // A refusal shows beside its form; when that form is not drawn (recused, no longer open), at the top.
  let besideShown = false;
  const errorBeside = (f?: FailedAwardForm) => {
    if (!f) return '';
    besideShown = true;
    return `<div class="msg error" role="alert">${esc(f.error)}</div>`;
  };

  // `name`: the field's name (a sheet's fields carry the nomination's id); a sheet has no default choice.
  const voteFields = (
    n: AwardNominationView | undefined,
    prior: Record<string, string | undefined>,
    idPrefix: string,
    name: (field: 'choice' | 'formCode' | 'reason') => string = (f) => f,
    defaultChoice: string | undefined = 'approve',
  ) => {
    const choice = prior.choice ?? defaultChoice;
    const forms = n ? formChoices(p.catalogue, n, v.authority) : writtenVoteForms(p.catalogue, v);
    const chosenForm = prior.formCode ?? n?.check.formCode ?? forms[0]?.[0];
    return (
      `<fieldset><legend>Ý kiến</legend>${(Object.keys(VOTE_CHOICE_NAMES) as Array<keyof typeof VOTE_CHOICE_NAMES>)
        .map(
          (c) =>
            `<label><input type="radio" name="${esc(name('choice'))}" value="${c}"${c === choice ? ' checked' : ''}> ${esc(VOTE_CHOICE_NAMES[c])}</label>`,
        )
        .join(' ')}</fieldset>` +
      `<label for="${idPrefix}-form">Hình thức (khi đồng ý)</label><select id="${idPrefix}-form" name="${esc(name('formCode'))}">` +
      forms
        .map(
          ([code, name]) =>
            `<option value="${esc(code)}"${code === chosenForm ? ' selected' : ''}>${esc(name)}</option>`,
        )
        .join('') +
      `</select><label for="${idPrefix}-reason">Lý do</label>` +
      `<textarea id="${idPrefix}-reason" name="${esc(name('reason'))}" rows="2" cols="40" maxlength="1000">${esc(prior.reason ?? '')}</textarea>`
    );
  };

  const tallyHtml = (n: AwardNominationView) =>
    n.tally
      ? `<p class="tally">Kết quả: ${n.tally.approve} đồng ý, ${n.tally.reject} không đồng ý, ${n.tally.abstain} không biểu quyết, ` +
        `${n.tally.notVoted} chưa bỏ phiếu / ${n.tally.eligible} thành viên được biểu quyết.</p>`
      : '';

  const ownVote = (n: AwardNominationView) => {
    const mine = own.filter((x) => x.nominationId === n.id).at(-1);
    return mine ? `<p class="own-vote">Phiếu của bạn: ${voteText(mine, formName)}</p>` : '';
  };

  const memberPart = (n: AwardNominationView) => {
    if (!voter) return '';
    if (n.recused.includes(actor.login)) {
      return '<p class="recused">Không tham gia biểu quyết (cùng đơn vị).</p>';
    }
    if (sheetOpen && n.state === 'in-vote') {
      // A part of the member's sheet: the page's form sends every choice at once (issue 17).
      const typed = failedFor('phieu-tong-hop')?.form;
      const mine = own.filter((x) => x.nominationId === n.id).at(-1);
      const prior = typed
        ? {
            choice: typed[sheetField('choice', n.id)],
            formCode: typed[sheetField('formCode', n.id)],
            reason: typed[sheetField('reason', n.id)],
          }
        : mine
          ? { choice: mine.choice, formCode: mine.formCode, reason: mine.reason }
          : {};
      return (
        `${ownVote(n)}<fieldset class="vote" id="vote-${esc(n.id)}"><legend>Phiếu của bạn cho đề nghị này</legend>` +
        `${voteFields(n, prior, `v-${esc(n.id)}`, (f) => sheetField(f, n.id), undefined)}</fieldset>`
      );
    }
    const action = drawn.find((a) => a.id === 'bieu-quyet');
    if (!action || n.state !== 'in-vote') return ownVote(n);
    const failed = failedFor('bieu-quyet', n.id);
    const mine = own.filter((x) => x.nominationId === n.id).at(-1);
    // The form starts from what was typed (a refusal), else from the member's own vote to change it.
    const prior = failed?.form ?? (mine ? { choice: mine.choice, formCode: mine.formCode, reason: mine.reason } : {});
    return (
      `${ownVote(n)}${errorBeside(failed)}<form method="post" action="${base}/do/bieu-quyet" class="vote" id="vote-${esc(n.id)}">${csrf}` +
      `<input type="hidden" name="nominationId" value="${esc(n.id)}">${voteFields(n, prior, `v-${esc(n.id)}`)}` +
      `<p><button type="submit">${mine ? 'Sửa phiếu' : 'Gửi phiếu'}</button></p></form>`
    );
  };

  const nomination = (n: AwardNominationView) => {
    const result =
      n.state === 'approved'
        ? `Được khen thưởng: ${formName(n.awardedForm) || n.proposedForm}`
        : NOMINATION_STATE[n.state] + (n.capped ? ` (${shareCapWords(n.capped)})` : '');
    const check = [
      n.check.route === 'higher-level'
        ? '<li class="higher">Đề nghị cấp trên (vượt thẩm quyền của đợt; có tờ trình)</li>'
        : '',
      n.check.route === 'unknown-form'
        ? '<li class="unmet" style="color:#b00020">Hình thức không có trong danh mục</li>'
        : '',
      ...n.check.unmet.map((u) => `<li class="unmet" style="color:#b00020">Chưa đạt: ${esc(u)}</li>`),
      ...n.check.judged.map((j) => `<li class="judged">Hội đồng xem xét: ${esc(j)}</li>`),
    ].join('');
    return `<section class="nomination" id="n-${esc(n.id)}" data-nomination="${esc(n.id)}" style="border-top:1px solid #ddd;margin-top:16px">
<h3>${esc(n.name)}${n.position ? `, ${esc(n.position)}` : ''} — ${esc(n.unitName)}</h3>
<dl>
<dt>Đối tượng</dt><dd>${TYPE[n.type]}</dd>
<dt>Hình thức đề nghị</dt><dd>${esc(n.proposedForm)}${n.check.formCode && formName(n.check.formCode) !== n.proposedForm ? ` (${esc(formName(n.check.formCode))})` : ''}</dd>
<dt>Thành tích</dt><dd style="white-space:pre-wrap">${esc(n.reasons)}</dd>
<dt>Nhận hồ sơ</dt><dd>${esc(t(n.receivedAt))}</dd>
<dt>Trạng thái</dt><dd class="state">${esc(result)}</dd>
</dl>
${check ? `<ul class="check">${check}</ul>` : ''}
${tallyHtml(n)}${memberPart(n)}
</section>`;
  };

  // `toVote`: the nominations the member votes on (not recused from); done once each has a vote.
  // Progress counts the nominations still in the vote: after the close it would read 0/0, so the
  // column and the count show only while voting (the results are under each nomination).
  const voting = v.state === 'voting';
  const done = v.members.filter((m) => m.toVote > 0 && m.voted >= m.toVote).length;
  const members = `<table id="members"><thead><tr><th>Thành viên</th><th>Tài khoản</th><th>Đơn vị</th>${voting ? '<th>Đã biểu quyết</th>' : ''}</tr></thead><tbody>
${v.members
  .map(
    (m) =>
      `<tr data-member="${esc(m.account)}"><td>${esc(m.name)}${m.chair ? ' (Chủ tịch Hội đồng)' : ''}</td><td>${esc(m.account)}</td>` +
      `<td>${esc(m.unitId ?? '')}</td>${voting ? `<td>${m.voted}/${m.toVote}</td>` : ''}</tr>`,
  )
  .join('\n')}
</tbody></table>`;

  const downloads = availableDownloads(v);
  const files = downloads.length
    ? `<h2>Văn bản</h2><ul id="downloads">${downloads
        .map(
          (k) =>
            `<li><a id="download-${k}" href="${base}/${AWARD_DOWNLOADS[k].file}">${esc(AWARD_DOWNLOADS[k].label)}</a></li>`,
        )
        .join('')}</ul>`
    : '';

  const deadline = v.deadline ? (v.deadlineLocal ? localWords(v.deadlineLocal) : t(v.deadline)) : undefined;
  const councilNote =
    actor.roles.includes('council') && !member
      ? '<p class="hint">Tài khoản của bạn không có trong danh sách Hội đồng của đợt này: không biểu quyết được.</p>'
      : '';
  const staffForms = drawn
    .filter((a) => a.id !== 'bieu-quyet' && a.id !== 'phieu-tong-hop' && a.id !== 'tep-phieu-tong-hop')
    .map((a) => (may(a) ? staffForm(a, base, csrf, v, failedFor(a.id), errorBeside) : lackingNote(a)))
    .join('\n');
  // A member's nominations inside their sheet's form: a page of nominations per form, each one sheet.
  const pages = sheetOpen ? sheetPages(v.nominations) : [v.nominations];
  const nominations = pages
    .map((page, i) => {
      const list = page.map(nomination).join('\n');
      if (!sheetOpen) return list;
      const id = pages.length > 1 ? `vote-sheet-${i + 1}` : 'vote-sheet';
      const title = pages.length > 1 ? ` (trang ${i + 1}/${pages.length})` : '';
      return (
        `<form method="post" action="${base}/do/phieu-tong-hop" id="${id}">${csrf}${i === 0 ? errorBeside(failedFor('phieu-tong-hop')) : ''}\n${list}\n` +
        `<p class="hint">Chọn ý kiến cho từng đề nghị rồi gửi một lần; đề nghị chưa chọn hoặc không đổi không được gửi lại.</p>` +
        `<p><button type="submit">Gửi phiếu tổng hợp${title}</button></p></form>`
      );
    })
    .join('\n');
  const topError = p.failed && !besideShown ? flashHtml({ kind: 'error', html: esc(p.failed.error) }) : '';
  return layout(
    `Khen thưởng — ${p.title ?? p.campaignId}`,
    `<p><a href="${campaignBase}">← ${esc(p.title ?? p.campaignId)}</a></p>
<h1>Khen thưởng: biểu quyết của Hội đồng</h1>
${flashHtml(p.flash)}${topError}
<dl>
<dt>Trạng thái</dt><dd id="awards-state">${esc(AWARDS_STATE[v.state] ?? v.state)}</dd>
<dt>Thẩm quyền của đợt</dt><dd>${esc(AUTHORITY_LEVEL_NAMES[v.authority] ?? v.authority)}</dd>
${deadline ? `<dt>Hạn biểu quyết</dt><dd id="vote-deadline">${esc(deadline)} (đã nhắc ${v.remindersSent} lần; đã báo Chủ tịch Hội đồng ${v.escalationsSent} lần)</dd>` : ''}
${voting ? `<dt>Số thành viên đã biểu quyết xong</dt><dd id="voted-count">${done}/${v.members.length}</dd>` : ''}
${v.decision ? `<dt>Quyết định</dt><dd id="decision">Số ${esc(v.decision.number)} ngày ${esc(isoDayVn(v.decision.date))} (${esc(v.decision.by)})</dd>` : ''}
</dl>
${councilNote}
<h2>Hội đồng</h2>
${members}
<h2>Các đề nghị (${v.page?.total ?? v.nominations.length})</h2>
${pageNav(base, v, choice, voter)}
${sheetOpen ? sheetFileForm(base, csrf, errorBeside(failedFor('tep-phieu-tong-hop')), p.claimCheckBytes) : ''}
${nominations || (choice.remaining ? '<p>Bạn đã biểu quyết mọi đề nghị.</p>' : '<p>Chưa có đề nghị nào.</p>')}
${files}
${staffForms ? `<h2>Thao tác</h2>\n<div class="actions">${staffForms}</div>` : ''}`,
    { nav: nav(p.staff, actor), wide: true },
  );

  /** The clerk's and the approver's forms, refilled after a refusal. */
  function staffForm(
    a: AwardAction,
    to: string,
    hidden: string,
    view: AwardsStatusView,
    failed: FailedAwardForm | undefined,
    beside: (f?: FailedAwardForm) => string,
  ): string {
    const prior = failed?.form ?? {};
    const open = `<form method="post" action="${to}/do/${a.id}" id="action-${a.id}">${hidden}<h3>${esc(a.label)}</h3>${beside(failed)}`;
    if (a.id === 'ket-thuc') {
      return `${open}<label><input type="checkbox" name="confirm" value="yes"> Kết thúc biểu quyết ngay, trước hạn; thành viên chưa bỏ phiếu không bỏ phiếu được nữa.</label><p><button class="danger" type="submit">Kết thúc biểu quyết</button></p></form>`;
    }
    if (a.id === 'quyet-dinh') {
      return (
        `${open}<label for="decision-number">Số quyết định</label><input id="decision-number" name="number" required maxlength="60" placeholder="125/QĐ-UBND" value="${esc(prior.number ?? '')}">` +
        `<label for="decision-date">Ngày quyết định</label><input id="decision-date" name="date" type="date" required value="${esc(prior.date ?? '')}">` +
        '<p><button type="submit">Ghi quyết định</button></p></form>'
      );
    }
    if (a.id === 'phieu-van-ban-tong-hop') {
      return writtenSheetForms({
        view,
        to,
        hidden,
        prior,
        formsFor: (n) => formChoices(p.catalogue, n, view.authority),
        beside: beside(failed),
      });
    }
    const options = (list: Array<[string, string]>, chosen?: string) =>
      list
        .map(([val, label]) => `<option value="${esc(val)}"${val === chosen ? ' selected' : ''}>${esc(label)}</option>`)
        .join('');
    return (
      `${open}<label for="written-member">Thành viên vắng mặt</label><select id="written-member" name="member">` +
      options(
        view.members.map((m) => [m.account, `${m.name} (${m.account})`]),
        prior.member,
      ) +
      `</select><label for="written-nomination">Đề nghị</label><select id="written-nomination" name="nominationId">` +
      options(
        view.nominations
          .filter((n) => n.state === 'in-vote')
          .map((n) => [n.id, `${n.name} — ${n.unitName} (${n.proposedForm})`]),
        prior.nominationId,
      ) +
      `</select>${voteFields(undefined, prior, 'written')}<span class="hint">Ghi đúng phiếu bằng văn bản thành viên đã gửi; lý do ghi cả số, ngày của phiếu.</span>` +
      '<p><button type="submit">Ghi phiếu</button></p></form>'
    );
  }
}

/**
 * The written vote's select (its nomination is chosen beside it): the forms some nomination in the
 * vote may be given, as {@link formChoices} offers them (within the campaign's authority, in force on
 * the dossier's day), with the kinds they are for (the workflow checks the nominee's kind).
 */
function writtenVoteForms(catalogue: AwardCatalogue, v: AwardsStatusView): Array<[string, string]> {
  const offered = new Set(
    v.nominations
      .filter((n) => n.state === 'in-vote')
      .flatMap((n) => formChoices(catalogue, n, v.authority).map(([c]) => c)),
  );
  return catalogue.forms
    .filter((f) => offered.has(f.code))
    .map((f): [string, string] => [
      f.code,
      `${f.name} (${kinds(f)
        .map((k) => TYPE[k].toLowerCase())
        .join(', ')})`,
    ]);
}

function lackingNote(a: AwardAction): string {
  return `<p class="hint">Tài khoản của bạn không có vai trò cho: ${esc(a.label)} (cần vai trò ${esc(STAFF_ROLE_NAMES[a.role])}).</p>`;
}

function voteText(vote: Vote, formName: (code?: string) => string): string {
  const form = vote.choice === 'approve' && vote.formCode ? ` — ${esc(formName(vote.formCode))}` : '';
  const reason = vote.reason ? ` (${esc(vote.reason)})` : '';
  const written = vote.recordedBy ? `; phiếu bằng văn bản do ${esc(vote.recordedBy)} ghi` : '';
  return `${esc(VOTE_CHOICE_NAMES[vote.choice])}${form}${reason}${written}`;
}

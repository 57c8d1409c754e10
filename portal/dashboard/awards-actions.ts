/**
 * The awards page's actions (issue 14): a member's vote (one nomination, or the sheet of many: issue 17,
 * `awards-sheet.ts`), an absent member's written vote or sheet recorded by the clerk, closing the vote early (approver), the decision's number and date (clerk). Each names
 * the role it needs (checked by the route before the form is read) and turns its form into the use
 * case's input, refusing bad input in Vietnamese before anything is sent.
 */
import type { StaffActor } from '../../app/roles';
import type { AwardsStatusView, VoteChoice } from '../../domain/award-types';
import { VOTE_CHOICE_NAMES } from '../../domain/award-vote';
import type { StaffRole } from '../../domain/synthesis-types';
import { ActionInputError } from './actions';
import type { AwardsBackend } from './awards-backend';
import { absentMember } from './awards-absent-member';
import { SHEET_ACTIONS } from './awards-sheet';
import { SHEET_FILE_ACTION } from './awards-sheet-file';
import { formView } from './awards-paging';

export type AwardActionId =
  | 'bieu-quyet'
  | 'phieu-van-ban'
  | 'phieu-tong-hop'
  | 'tep-phieu-tong-hop'
  | 'phieu-van-ban-tong-hop'
  | 'ket-thuc'
  | 'quyet-dinh';

export interface AwardActionContext {
  awards: AwardsBackend;
  campaignId: string;
  actor: StaffActor;
  form: Record<string, string>;
  /** The uploaded file of an {@link AwardAction.upload} action. */
  file?: { name: string; bytes: Buffer };
}

export interface AwardAction {
  /** The URL segment: `/admin/c/<campaign>/khen-thuong/do/<id>`. */
  id: AwardActionId;
  role: StaffRole;
  /** What a refusal says was being done. */
  label: string;
  /** A `multipart/form-data` form with one file (`file` field). */
  upload?: boolean;
  /** Whether the form is drawn for this state of the vote (the workflow's validators still decide). */
  applies(view: AwardsStatusView): boolean;
  run(ctx: AwardActionContext): Promise<string>;
}

const value = (form: Record<string, string>, name: string) => (form[name] ?? '').trim();

/** The vote a form describes: nomination, choice, the form approved (required to approve), reason. */
function voteOf(form: Record<string, string>, view?: AwardsStatusView) {
  const nominationId = value(form, 'nominationId');
  if (!nominationId) throw new ActionInputError('Chọn đề nghị được biểu quyết.');
  const nomination = view?.nominations.find((n) => n.id === nominationId);
  if (view && !nomination) throw new ActionInputError(`Không có đề nghị "${nominationId}" trong đợt này.`);
  const choice = value(form, 'choice') as VoteChoice;
  if (!(choice in VOTE_CHOICE_NAMES)) {
    throw new ActionInputError('Chọn một ý kiến: đồng ý, không đồng ý hoặc không biểu quyết.');
  }
  const formCode = value(form, 'formCode');
  if (choice === 'approve' && !formCode) {
    throw new ActionInputError('Khi đồng ý, chọn hình thức khen thưởng được đề nghị.');
  }
  const reason = value(form, 'reason');
  return {
    nominationId,
    choice,
    ...(choice === 'approve' ? { formCode } : {}),
    ...(reason ? { reason } : {}),
    who: nomination ? `${nomination.name} (${nomination.unitName})` : nominationId,
  };
}

/** A date as the clerk types it (the date field's `2026-12-05`, or `05/12/2026`), as an ISO date. */
export function decisionDate(text: string): string {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const parts = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : undefined;
  const date = parts ? `${parts[0]}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}` : '';
  const parsed = new Date(`${date}T00:00:00Z`);
  if (!date || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new ActionInputError(`Ngày quyết định "${text}" không hợp lệ (ví dụ: 05/12/2026).`);
  }
  return date;
}

export const AWARD_ACTIONS: AwardAction[] = [
  ...SHEET_ACTIONS,
  SHEET_FILE_ACTION,
  {
    id: 'bieu-quyet',
    role: 'council',
    label: 'Biểu quyết',
    applies: (v) => v.state === 'voting',
    run: async (ctx) => {
      const view = await formView(ctx);
      const { who, ...vote } = voteOf(ctx.form, view);
      await ctx.awards.castVote(ctx.campaignId, ctx.actor, vote);
      return `Đã ghi phiếu của bạn cho ${who}: ${VOTE_CHOICE_NAMES[vote.choice]}.`;
    },
  },
  {
    id: 'phieu-van-ban',
    role: 'clerk',
    label: 'Ghi phiếu bằng văn bản của thành viên vắng mặt',
    applies: (v) => v.state === 'voting',
    run: async (ctx) => {
      const { member, named, view } = await absentMember(ctx);
      const { who, ...vote } = voteOf(ctx.form, view);
      await ctx.awards.recordWrittenVote(ctx.campaignId, ctx.actor, { ...vote, member });
      return `Đã ghi phiếu bằng văn bản của ${named.name} cho ${who}: ${VOTE_CHOICE_NAMES[vote.choice]}.`;
    },
  },
  {
    id: 'ket-thuc',
    role: 'approver',
    label: 'Kết thúc biểu quyết',
    applies: (v) => v.state === 'voting',
    run: async (ctx) => {
      if (value(ctx.form, 'confirm') !== 'yes') {
        throw new ActionInputError('Đánh dấu ô xác nhận để kết thúc biểu quyết trước hạn.');
      }
      await ctx.awards.closeVote(ctx.campaignId, ctx.actor);
      return 'Đã kết thúc biểu quyết; biên bản đang được lập.';
    },
  },
  {
    id: 'quyet-dinh',
    role: 'clerk',
    label: 'Nhập số và ngày quyết định khen thưởng',
    applies: (v) => v.state === 'closed',
    run: async (ctx) => {
      const number = value(ctx.form, 'number');
      if (!number) throw new ActionInputError('Nhập số quyết định (ví dụ: 125/QĐ-UBND).');
      const date = decisionDate(value(ctx.form, 'date'));
      await ctx.awards.issueDecision(ctx.campaignId, ctx.actor, { number, date });
      return `Đã ghi quyết định số ${number}; quyết định đang được lập và các đơn vị sẽ được báo kết quả.`;
    },
  },
];

export const awardActionFor = (id: string): AwardAction | undefined => AWARD_ACTIONS.find((a) => a.id === id);

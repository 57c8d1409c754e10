/**
 * The words of the awards phase's messages, in Vietnamese, in the office register: the vote opened,
 * reminders to members who have not voted, the escalation to the chair, the vote closed (minutes
 * attached), the decision issued, and each unit's results. Pure: the activity (`activities/awards.ts`)
 * resolves people and files, this module writes.
 */
import type { ContactDef } from './campaign-schema';
import { formatDeadline, latenessPhrase, secretariatLetter, type ComposedMessage } from './messages';
import type { AwardMailKind, AwardUnitResult } from './award-workflow-types';
import { shareCapWords } from './award-rules';
import { planTagPhrase } from './plan-document';
import { isoDayVn } from './iso-day';

export type AwardMessageKind = AwardMailKind | 'unit-results';

export interface AwardMessageContext {
  kind: AwardMessageKind;
  planNumber: string;
  campaignTitle: string;
  secretariatName: string;
  contacts: ContactDef[];
  timeZone: string;
  addressees: string[];
  deadline?: string;
  missing?: string[];
  step?: number;
  after?: string;
  counts?: { approved: number; rejected: number; noQuorum: number; higher: number; inVote: number };
  decision?: { number: string; date: string };
  /** A unit's results (unit-results), with the forms' names. */
  results?: Array<AwardUnitResult & { awardedName?: string }>;
  attached?: string[];
  /** The campaign's awards page on the dashboard (absolute URL), for the council's messages; none for units. */
  dashboardLink?: string;
}

export const AWARD_STATE_NAMES: Record<AwardUnitResult['state'], string> = {
  'in-vote': 'đang xét',
  'higher-level': 'đề nghị cấp trên',
  approved: 'được khen thưởng',
  rejected: 'không được khen thưởng',
  'no-quorum': 'chưa đủ số thành viên tham gia biểu quyết',
};

/** What each council message invites to do on the dashboard's awards page. */
const DASHBOARD_LINE: Record<AwardMailKind, string> = {
  'vote-open': 'Trang bỏ phiếu của Hội đồng',
  'vote-reminder': 'Trang bỏ phiếu của Hội đồng',
  'vote-escalation': 'Theo dõi tiến độ bỏ phiếu, ghi nhận phiếu bằng văn bản tại',
  'vote-closed': 'Biên bản, kết quả kiểm phiếu tại',
  'decision-issued': 'Quyết định, thống kê khen thưởng tại',
};

export function composeAwardMessage(ctx: AwardMessageContext): ComposedMessage {
  const plan = planTagPhrase(ctx.planNumber, 'Kế hoạch số');
  const due = ctx.deadline ? formatDeadline(ctx.deadline, ctx.timeZone) : '(không ấn định)';
  let subject: string;
  let body: string[];
  switch (ctx.kind) {
    case 'vote-open':
      subject = `[${ctx.planNumber}] Đề nghị Hội đồng bỏ phiếu xét khen thưởng — hạn ${due}`;
      body = [
        `Thực hiện ${plan} về ${ctx.campaignTitle}, ${ctx.secretariatName} đã tập hợp hồ sơ đề nghị khen thưởng của các đơn vị (${ctx.counts?.inVote ?? 0} hồ sơ thuộc thẩm quyền Hội đồng xét; ${ctx.counts?.higher ?? 0} hồ sơ đề nghị cấp trên).`,
        `Kính đề nghị các đồng chí thành viên Hội đồng bỏ phiếu trên trang quản trị trước ${due}. Thành viên thuộc đơn vị có hồ sơ đề nghị không bỏ phiếu cho hồ sơ của đơn vị mình. Kết quả bỏ phiếu chỉ được công bố khi kết thúc bỏ phiếu.`,
      ];
      break;
    case 'vote-reminder':
      subject = `[${ctx.planNumber}] Nhắc bỏ phiếu xét khen thưởng — hạn ${due}`;
      body = [
        `${ctx.secretariatName} trân trọng nhắc: đồng chí chưa bỏ phiếu đủ các hồ sơ đề nghị khen thưởng theo ${plan}; hạn bỏ phiếu là ${due}.`,
      ];
      break;
    case 'vote-escalation':
      subject = `[${ctx.planNumber}] Còn thành viên Hội đồng chưa bỏ phiếu — quá hạn ${latenessPhrase(ctx.after)}`;
      body = [
        `Theo ${plan}, hạn bỏ phiếu xét khen thưởng là ${due}. Đến nay còn ${ctx.missing?.length ?? 0} thành viên chưa bỏ phiếu đủ (báo lần ${ctx.step ?? 1}):`,
        ...(ctx.missing ?? []).map((m) => `- ${m}`),
        'Kính đề nghị đồng chí Chủ tịch Hội đồng đôn đốc, hoặc chỉ đạo ghi nhận phiếu bằng văn bản của thành viên vắng mặt.',
      ];
      break;
    case 'vote-closed': {
      const c = ctx.counts;
      subject = `[${ctx.planNumber}] Kết thúc bỏ phiếu xét khen thưởng — biên bản kiểm phiếu`;
      body = [
        `Hội đồng đã kết thúc bỏ phiếu xét khen thưởng theo ${plan}.`,
        ...(c
          ? [
              `Kết quả: ${c.approved} hồ sơ đạt, ${c.rejected} hồ sơ không đạt, ${c.noQuorum} hồ sơ chưa đủ số thành viên tham gia biểu quyết, ${c.higher} hồ sơ đề nghị cấp trên.`,
            ]
          : []),
        `${ctx.secretariatName} hoàn thiện dự thảo quyết định khen thưởng trình ký.`,
      ];
      break;
    }
    case 'decision-issued':
      subject = `[${ctx.planNumber}] Quyết định khen thưởng số ${ctx.decision?.number ?? ''}`;
      body = [
        `Quyết định khen thưởng số ${ctx.decision?.number ?? ''} ngày ${ctx.decision ? isoDayVn(ctx.decision.date) : ''} đã được ban hành theo kết quả bỏ phiếu của Hội đồng (${ctx.counts?.approved ?? 0} tập thể, cá nhân được khen thưởng). Các đơn vị được thông báo kết quả.`,
      ];
      break;
    case 'unit-results':
      subject = `[${ctx.planNumber}] Thông báo kết quả xét khen thưởng — Quyết định số ${ctx.decision?.number ?? ''}`;
      body = [
        `${ctx.secretariatName} thông báo kết quả xét khen thưởng đối với hồ sơ đề nghị của đơn vị theo ${plan} (Quyết định số ${ctx.decision?.number ?? ''} ngày ${ctx.decision ? isoDayVn(ctx.decision.date) : ''}):`,
        ...(ctx.results ?? []).map(
          (r) =>
            `- ${r.type === 'collective' ? 'Tập thể' : 'Cá nhân'} ${r.name} (đề nghị: ${r.proposedForm}): ${AWARD_STATE_NAMES[r.state]}` +
            (r.state === 'approved' ? ` — ${r.awardedName ?? r.awardedForm ?? ''}` : '') +
            (r.capped ? ` (${shareCapWords(r.capped)})` : ''),
        ),
        'Kết quả cũng được đăng trên trang nộp hồ sơ của đơn vị.',
      ];
      break;
  }
  // The council acts on the dashboard: its messages say where (a unit's letter points to its own portal).
  if (ctx.dashboardLink && ctx.kind !== 'unit-results') body.push(`${DASHBOARD_LINE[ctx.kind]}: ${ctx.dashboardLink}`);
  if (ctx.attached && ctx.attached.length > 0) body.push('Tài liệu gửi kèm:', ...ctx.attached.map((a) => `- ${a}`));
  // No addressee (an empty list): no "Kính gửi" line.
  const to = ctx.addressees.join('; ');
  return secretariatLetter(subject, { to, body, secretariatName: ctx.secretariatName, contacts: ctx.contacts });
}

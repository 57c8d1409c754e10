/**
 * What the secretariat can do from the dashboard, as a list: each action names its form fields, when
 * it applies, and what it asks of Temporal. Pages draw a form per action and one route runs them, so
 * a later phase (synthesis approval, award decisions) adds its actions here and nothing else changes.
 */
import type { CampaignStatusView, UnitStatusView } from '../../domain/workflow-types';
import type { SecretariatBackend } from './backend';

export interface ActionField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'confirm';
  hint?: string;
  required?: boolean;
  placeholder?: string;
}

export interface ActionContext {
  backend: SecretariatBackend;
  campaignId: string;
  /** For unit actions. */
  unitId?: string;
  /** Who acts, as the workflows record it. */
  staff: { login: string; name: string };
  form: Record<string, string>;
}

/** Bad input in the form: shown beside it, nothing sent. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

export interface DashboardAction {
  /** The URL segment: `/admin/c/<campaign>/do/<id>` or `/admin/c/<campaign>/u/<unit>/do/<id>`. */
  id: string;
  scope: 'campaign' | 'unit';
  title: string;
  button: string;
  /** A red button; `confirm` fields must be ticked. */
  danger?: boolean;
  fields: ActionField[];
  /** Whether the form is shown, from what the campaign (and unit) report; validators still decide. */
  applies(campaign: CampaignStatusView, unit?: UnitStatusView): boolean;
  /** Runs the action; returns what to tell the secretariat. */
  run(ctx: ActionContext): Promise<string>;
}

const value = (form: Record<string, string>, name: string) => (form[name] ?? '').trim();

/** Refuses an action whose confirmation box was not ticked. */
function requireConfirm(ctx: ActionContext, what: string): void {
  if (value(ctx.form, 'confirm') !== 'yes') throw new ActionInputError(`Đánh dấu ô xác nhận để ${what}.`);
}

const reasonField: ActionField = {
  name: 'reason',
  label: 'Lý do',
  type: 'textarea',
  required: true,
  hint: 'Ghi vào lịch sử của đợt và gửi kèm thông báo cho đơn vị.',
};

const extensionFields: ActionField[] = [
  {
    name: 'days',
    label: 'Gia hạn thêm (ngày)',
    type: 'number',
    placeholder: '3',
    hint: 'Dời hạn nộp, ngày khóa, các lần nhắc và nâng mức đi cùng một số ngày.',
  },
  {
    name: 'until',
    label: 'Hoặc hạn mới',
    type: 'text',
    placeholder: '17:00 25/10/2009',
    hint: 'Ngày giờ theo giờ của đợt; nhắc và nâng mức tính lại theo lịch làm việc. Không dùng cho đợt diễn tập.',
  },
  reasonField,
];

/** The extension as the shared operation takes it: by days or until a date, never both. */
function extensionRequest(ctx: ActionContext) {
  const days = value(ctx.form, 'days');
  const until = value(ctx.form, 'until');
  if (days && until) throw new ActionInputError('Chọn một cách gia hạn: số ngày hoặc hạn mới, không cả hai.');
  if (!days && !until) throw new ActionInputError('Nhập số ngày gia hạn thêm hoặc hạn mới.');
  if (days && !/^\d+(\.\d+)?$/.test(days)) throw new ActionInputError(`Số ngày "${days}" không hợp lệ.`);
  const reason = value(ctx.form, 'reason');
  if (!reason) throw new ActionInputError('Cần ghi lý do gia hạn.');
  return {
    ...(days ? { by: `${days}d` } : { until }),
    reason,
    grantedBy: `${ctx.staff.name} (${ctx.staff.login}), trang quản trị`,
  };
}

const selfReviewOpen = (c: CampaignStatusView) => c.phase === 'plan-issue' || c.phase === 'self-review';

export const DASHBOARD_ACTIONS: DashboardAction[] = [
  {
    id: 'extend-all',
    scope: 'campaign',
    title: 'Gia hạn cho tất cả đơn vị',
    button: 'Gia hạn cho tất cả',
    fields: extensionFields,
    applies: selfReviewOpen,
    run: async (ctx) => {
      const deadline = await ctx.backend.extend(ctx.campaignId, extensionRequest(ctx));
      return `Đã gia hạn cho mọi đơn vị đến ${deadline} (đơn vị đã có hạn muộn hơn giữ hạn của mình).`;
    },
  },
  {
    id: 'cancel',
    scope: 'campaign',
    title: 'Hủy đợt thi đua',
    button: 'Hủy đợt',
    danger: true,
    fields: [
      reasonField,
      { name: 'confirm', label: 'Tôi hiểu: mọi đơn vị được báo hủy và không nộp được nữa.', type: 'confirm' },
    ],
    applies: (c) => c.phase !== 'cancelled' && c.phase !== 'closed',
    run: async (ctx) => {
      requireConfirm(ctx, 'hủy đợt');
      const reason = value(ctx.form, 'reason');
      if (!reason) throw new ActionInputError('Cần ghi lý do hủy.');
      await ctx.backend.cancel(ctx.campaignId, {
        reason,
        cancelledBy: `${ctx.staff.name} (${ctx.staff.login}), trang quản trị`,
      });
      return 'Đã hủy đợt; mọi đơn vị đang được báo lý do.';
    },
  },
  {
    id: 'extend',
    scope: 'unit',
    title: 'Gia hạn cho đơn vị này',
    button: 'Gia hạn',
    fields: extensionFields,
    applies: (c, u) => selfReviewOpen(c) && Boolean(u && !u.locked && !u.cancelled),
    run: async (ctx) => {
      const deadline = await ctx.backend.extend(ctx.campaignId, { ...extensionRequest(ctx), unitId: ctx.unitId });
      return `Đã gia hạn cho đơn vị đến ${deadline}; đơn vị được báo qua thư.`;
    },
  },
  {
    id: 'remind',
    scope: 'unit',
    title: 'Gửi nhắc ngay',
    button: 'Gửi nhắc',
    fields: [],
    applies: (_c, u) => Boolean(u && !u.locked && !u.cancelled && (u.status === 'pending' || u.status === 'missing')),
    run: async (ctx) => {
      await ctx.backend.remind(ctx.campaignId, ctx.unitId!, `${ctx.staff.name} (${ctx.staff.login})`);
      return 'Đã yêu cầu gửi thư nhắc; thư đi trong ít phút (xem mục "Thư đã gửi").';
    },
  },
  {
    id: 'reissue-link',
    scope: 'unit',
    title: 'Cấp lại đường dẫn nộp hồ sơ',
    button: 'Cấp lại đường dẫn',
    danger: true,
    fields: [
      {
        name: 'confirm',
        label: 'Đường dẫn cũ ngừng hoạt động ngay; tôi sẽ gửi đường dẫn mới cho đơn vị qua kênh tin cậy.',
        type: 'confirm',
      },
    ],
    applies: (c) => c.phase !== 'cancelled' && c.phase !== 'closed',
    run: async (ctx) => {
      requireConfirm(ctx, 'cấp lại đường dẫn');
      const url = await ctx.backend.reissueLink(ctx.campaignId, ctx.unitId!);
      return `Đã cấp đường dẫn mới: ${url} — đường dẫn cũ không còn mở được. Thư gửi đơn vị từ nay mang đường dẫn mới.`;
    },
  },
  {
    id: 'revoke-link',
    scope: 'unit',
    title: 'Thu hồi đường dẫn nộp hồ sơ',
    button: 'Thu hồi',
    danger: true,
    fields: [
      {
        name: 'confirm',
        label: 'Đường dẫn (bị lộ, gửi nhầm) ngừng hoạt động ngay; thư sau gửi đơn vị mang đường dẫn mới.',
        type: 'confirm',
      },
    ],
    applies: (c) => c.phase !== 'cancelled' && c.phase !== 'closed',
    run: async (ctx) => {
      requireConfirm(ctx, 'thu hồi đường dẫn');
      return (await ctx.backend.revokeLink(ctx.campaignId, ctx.unitId!))
        ? 'Đã thu hồi đường dẫn; các phiên đang mở của đơn vị kết thúc ở yêu cầu kế tiếp.'
        : 'Đơn vị không có đường dẫn nào đang hoạt động.';
    },
  },
];

export const actionFor = (scope: DashboardAction['scope'], id: string): DashboardAction | undefined =>
  DASHBOARD_ACTIONS.find((a) => a.scope === scope && a.id === id);

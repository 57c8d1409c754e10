/**
 * What the secretariat can do from the dashboard, as a list: each action names its form fields, the
 * role it needs, when it applies, and what it asks of Temporal. Pages draw a form per action (only
 * those the signed-in person's roles allow) and one route runs them, checking the role first; so a
 * later phase (award decisions) adds its actions here and nothing else changes.
 */
import type { StaffActor } from '../../app/roles';
import type { Operation } from '../../app/temporal-errors';
import type { StaffRole, SynthesisStatusView } from '../../domain/synthesis-types';
import type { CampaignStatusView, UnitStatusView } from '../../domain/workflow-types';
import type { ConferenceStatusView } from '../../domain/conference-types';
import type { ConferenceBackend } from '../conference-backend';
import type { SecretariatBackend } from './backend';
import { subCampaignSentence } from '../../app/sub-campaign-follow-words';
import { versionAuthor } from './synthesis-words';
import { localWords } from '../local-words';

/** What a page knows when it decides which forms to draw (and a select's choices). */
export interface ActionState {
  campaign?: CampaignStatusView;
  unit?: UnitStatusView;
  synthesis?: SynthesisStatusView;
  conference?: ConferenceStatusView;
}

export interface ActionField {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'confirm' | 'select' | 'file';
  hint?: string;
  required?: boolean;
  placeholder?: string;
  /** For `select`: the choices (value, label), the first selected unless the refilled form says otherwise. */
  choices?: (state: ActionState) => Array<[string, string]>;
  /** For `file`: what the browser's file picker offers. */
  accept?: string;
}

export interface ActionContext {
  backend: SecretariatBackend;
  campaignId: string;
  /** For unit actions. */
  unitId?: string;
  /** Who acts, as the workflows record it, with the roles the account has now. */
  staff: StaffActor;
  form: Record<string, string>;
  /** For an upload action: the file sent (already within the size limit). */
  file?: { name: string; bytes: Buffer };
  /** The conference phase's use cases (conference actions). */
  conference?: ConferenceBackend;
  /** The dashboard's zone, when the campaign's own is not at hand. */
  timeZone?: string;
}

/** Bad input in the form: shown beside it, nothing sent. */
export class ActionInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

export interface DashboardAction {
  /**
   * The URL segment: `/admin/c/<campaign>/do/<id>`, `/admin/c/<campaign>/u/<unit>/do/<id>` or
   * `/admin/c/<campaign>/tong-hop/do/<id>` or `/admin/c/<campaign>/hoi-nghi/do/<id>`.
   */
  id: string;
  scope: 'campaign' | 'unit' | 'synthesis' | 'conference';
  /** The role it needs: checked before anything is read or sent; refusals name it. */
  role: StaffRole;
  /** Other roles that may do it too (an approver may upload a revision as a clerk may). */
  alsoAllowed?: StaffRole[];
  /** What a refusal says was being done. */
  operation: Operation;
  /** A `multipart/form-data` form with one file (`file` field), read by the streaming upload path. */
  upload?: boolean;
  /** The uploaded file's name when the browser's is unusable (default: the synthesis revision's). */
  defaultFileName?: string;
  title: string;
  button: string;
  /** A red button; `confirm` fields must be ticked. */
  danger?: boolean;
  fields: ActionField[];
  /** Whether the form is shown, from what the campaign (unit, synthesis) report; validators still decide. */
  applies(state: ActionState): boolean;
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
  {
    name: 'phase',
    label: 'Giai đoạn',
    type: 'select',
    hint: 'Gia hạn giai đoạn đang mở, hoặc một giai đoạn sau (áp dụng khi giai đoạn đó mở).',
    choices: ({ campaign }) => extensionPhaseChoices(campaign),
  },
  reasonField,
];

/**
 * A campaign with several deadline phases: the one open and those after it (CLI `--phase`). None
 * for a campaign of one deadline phase: the form then has no such field.
 */
export function extensionPhaseChoices(campaign?: CampaignStatusView): Array<[string, string]> {
  const phases = campaign?.deadlinePhases;
  if (!phases || phases.length < 2) return [];
  const current = Math.max(
    0,
    phases.findIndex((p) => p.id === campaign.deadlinePhase),
  );
  return phases
    .slice(current)
    .filter((p) => p.id)
    .map((p, i): [string, string] => [
      i === 0 ? '' : p.id!,
      `${p.name} — hạn ${localWords(p.schedule.deadline.local)}${i === 0 ? ' (đang mở)' : ''}`,
    ]);
}

/** The extension as the shared operation takes it: by days or until a date, never both. */
function extensionRequest(ctx: ActionContext) {
  const days = value(ctx.form, 'days');
  const until = value(ctx.form, 'until');
  if (days && until) throw new ActionInputError('Chọn một cách gia hạn: số ngày hoặc hạn mới, không cả hai.');
  if (!days && !until) throw new ActionInputError('Nhập số ngày gia hạn thêm hoặc hạn mới.');
  if (days && !/^\d+(\.\d+)?$/.test(days)) throw new ActionInputError(`Số ngày "${days}" không hợp lệ.`);
  const reason = value(ctx.form, 'reason');
  if (!reason) throw new ActionInputError('Cần ghi lý do gia hạn.');
  const phaseId = value(ctx.form, 'phase');
  return {
    ...(days ? { by: `${days}d` } : { until }),
    ...(phaseId ? { phaseId } : {}),
    reason,
    grantedBy: `${ctx.staff.name} (${ctx.staff.login}), trang quản trị`,
  };
}

/** A draft open to a decision: awaiting approval or returned (not while a draft is being built, nor once decided). */
const synthesisOpen = (s?: SynthesisStatusView) =>
  Boolean(s && s.versions.length > 0 && (s.state === 'awaiting-approval' || s.state === 'returned'));

/**
 * The synthesis's actions (issue 12): approve or return (approver), upload a revised `.docx` (clerk or
 * approver), rebuild the draft (clerk). A function so that the helpers above are defined first.
 */
function synthesisActions(): DashboardAction[] {
  return [
    {
      id: 'approve',
      scope: 'synthesis',
      role: 'approver',
      operation: 'approve-synthesis',
      title: 'Phê duyệt báo cáo tổng hợp',
      button: 'Phê duyệt',
      fields: [
        {
          name: 'version',
          label: 'Bản được phê duyệt',
          type: 'select',
          choices: ({ synthesis }) =>
            [...(synthesis?.versions ?? [])]
              .reverse()
              .map((v): [string, string] => [
                String(v.version),
                `Bản số ${v.version} (${v.source === 'built' ? 'lập tự động' : 'bản sửa tải lên'}, ${versionAuthor(v.by)})`,
              ]),
        },
        {
          name: 'confirm',
          label: 'Tôi đã đọc bản này; phê duyệt là khóa báo cáo tổng hợp, không sửa được nữa.',
          type: 'confirm',
        },
      ],
      applies: ({ synthesis: s }) => synthesisOpen(s),
      run: async (ctx) => {
        requireConfirm(ctx, 'phê duyệt');
        const version = Number(value(ctx.form, 'version'));
        if (!Number.isInteger(version) || version < 1) throw new ActionInputError('Chọn bản được phê duyệt.');
        const view = await ctx.backend.approveSynthesis(ctx.campaignId, ctx.staff, version);
        return `Đã phê duyệt bản số ${view.approved?.version ?? version} của báo cáo tổng hợp.`;
      },
    },
    {
      id: 'return',
      scope: 'synthesis',
      role: 'approver',
      operation: 'return-synthesis',
      title: 'Trả lại để sửa',
      button: 'Trả lại',
      danger: true,
      fields: [
        {
          name: 'remarks',
          label: 'Ý kiến (bắt buộc)',
          type: 'textarea',
          required: true,
          hint: 'Chuyên viên nhận ý kiến này qua thư và trên trang này.',
        },
      ],
      applies: ({ synthesis: s }) => synthesisOpen(s) && s?.state === 'awaiting-approval',
      run: async (ctx) => {
        const remarks = value(ctx.form, 'remarks');
        if (!remarks) throw new ActionInputError('Cần ghi ý kiến khi trả lại báo cáo.');
        await ctx.backend.returnSynthesis(ctx.campaignId, ctx.staff, remarks);
        return 'Đã trả lại báo cáo tổng hợp kèm ý kiến.';
      },
    },
    {
      id: 'revise',
      scope: 'synthesis',
      role: 'clerk',
      alsoAllowed: ['approver'],
      operation: 'revise-synthesis',
      upload: true,
      title: 'Tải lên bản sửa (.docx)',
      button: 'Tải lên',
      fields: [
        {
          name: 'note',
          label: 'Ghi chú',
          type: 'text',
          placeholder: 'Sửa theo ý kiến của lãnh đạo',
          hint: 'Bản sửa thay văn bản báo cáo; bảng số liệu và hình giữ theo bản lập gần nhất.',
        },
        { name: 'file', label: 'Tệp Word (.docx), tối đa 20 MB', type: 'file', accept: '.docx', required: true },
      ],
      applies: ({ synthesis: s }) => synthesisOpen(s),
      run: async (ctx) => {
        if (!ctx.file || ctx.file.bytes.length === 0) throw new ActionInputError('Chọn tệp .docx để tải lên.');
        const view = await ctx.backend.reviseSynthesis(
          ctx.campaignId,
          ctx.staff,
          ctx.file,
          value(ctx.form, 'note') || undefined,
        );
        return `Đã tải lên bản sửa "${ctx.file.name}" (bản số ${view.versions.at(-1)?.version ?? '?'}).`;
      },
    },
    {
      id: 'rebuild',
      scope: 'synthesis',
      role: 'clerk',
      operation: 'rebuild-synthesis',
      title: 'Lập lại dự thảo từ số liệu của các đơn vị',
      button: 'Lập lại',
      fields: [
        {
          name: 'confirm',
          label: 'Lập một bản mới từ số liệu hiện có; các bản trước vẫn được giữ.',
          type: 'confirm',
        },
      ],
      applies: ({ synthesis: s }) => synthesisOpen(s),
      run: async (ctx) => {
        requireConfirm(ctx, 'lập lại dự thảo');
        await ctx.backend.rebuildSynthesis(ctx.campaignId, ctx.staff);
        return 'Đang lập lại dự thảo; bản mới hiện trong danh sách sau ít phút.';
      },
    },
  ];
}

const selfReviewOpen = (c: CampaignStatusView) => c.phase === 'plan-issue' || c.phase === 'self-review';

export const DASHBOARD_ACTIONS: DashboardAction[] = [
  {
    id: 'extend-all',
    scope: 'campaign',
    role: 'clerk',
    operation: 'extend',
    title: 'Gia hạn cho tất cả đơn vị',
    button: 'Gia hạn cho tất cả',
    fields: extensionFields,
    applies: ({ campaign }) => Boolean(campaign && selfReviewOpen(campaign)),
    run: async (ctx) => {
      const done = await ctx.backend.extend(ctx.campaignId, extensionRequest(ctx));
      return (
        `Đã gia hạn cho mọi đơn vị đến ${localWords(done.deadline)} (đơn vị đã có hạn muộn hơn giữ hạn của mình).` +
        subCampaignSentence(done.subCampaigns)
      );
    },
  },
  {
    id: 'cancel',
    scope: 'campaign',
    role: 'clerk',
    operation: 'cancel',
    title: 'Hủy đợt thi đua',
    button: 'Hủy đợt',
    danger: true,
    fields: [
      reasonField,
      { name: 'confirm', label: 'Tôi hiểu: mọi đơn vị được báo hủy và không nộp được nữa.', type: 'confirm' },
    ],
    applies: ({ campaign: c }) => Boolean(c && c.phase !== 'cancelled' && c.phase !== 'closed'),
    run: async (ctx) => {
      requireConfirm(ctx, 'hủy đợt');
      const reason = value(ctx.form, 'reason');
      if (!reason) throw new ActionInputError('Cần ghi lý do hủy.');
      const done = await ctx.backend.cancel(ctx.campaignId, {
        reason,
        cancelledBy: `${ctx.staff.name} (${ctx.staff.login}), trang quản trị`,
      });
      return 'Đã hủy đợt; mọi đơn vị đang được báo lý do.' + subCampaignSentence(done.subCampaigns);
    },
  },
  {
    id: 'extend',
    scope: 'unit',
    role: 'clerk',
    operation: 'extend',
    title: 'Gia hạn cho đơn vị này',
    button: 'Gia hạn',
    fields: extensionFields,
    applies: ({ campaign: c, unit: u }) => Boolean(c && selfReviewOpen(c) && u && !u.locked && !u.cancelled),
    run: async (ctx) => {
      const done = await ctx.backend.extend(ctx.campaignId, { ...extensionRequest(ctx), unitId: ctx.unitId });
      return (
        `Đã gia hạn cho đơn vị đến ${localWords(done.deadline)}; đơn vị được báo qua thư.` +
        subCampaignSentence(done.subCampaigns)
      );
    },
  },
  {
    id: 'remind',
    scope: 'unit',
    role: 'clerk',
    operation: 'remind',
    title: 'Gửi nhắc ngay',
    button: 'Gửi nhắc',
    fields: [],
    applies: ({ unit: u }) =>
      Boolean(u && !u.locked && !u.cancelled && (u.status === 'pending' || u.status === 'missing')),
    run: async (ctx) => {
      await ctx.backend.remind(ctx.campaignId, ctx.unitId!, `${ctx.staff.name} (${ctx.staff.login})`);
      return 'Đã yêu cầu gửi thư nhắc; thư đi trong ít phút (xem mục "Thư đã gửi").';
    },
  },
  {
    id: 'reissue-link',
    scope: 'unit',
    role: 'clerk',
    operation: 'link',
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
    applies: ({ campaign: c }) => Boolean(c && c.phase !== 'cancelled' && c.phase !== 'closed'),
    run: async (ctx) => {
      requireConfirm(ctx, 'cấp lại đường dẫn');
      const url = await ctx.backend.reissueLink(ctx.campaignId, ctx.unitId!);
      return `Đã cấp đường dẫn mới: ${url} — đường dẫn cũ không còn mở được. Thư gửi đơn vị từ nay mang đường dẫn mới.`;
    },
  },
  {
    id: 'revoke-link',
    scope: 'unit',
    role: 'clerk',
    operation: 'link',
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
    applies: ({ campaign: c }) => Boolean(c && c.phase !== 'cancelled' && c.phase !== 'closed'),
    run: async (ctx) => {
      requireConfirm(ctx, 'thu hồi đường dẫn');
      return (await ctx.backend.revokeLink(ctx.campaignId, ctx.unitId!))
        ? 'Đã thu hồi đường dẫn; các phiên đang mở của đơn vị kết thúc ở yêu cầu kế tiếp.'
        : 'Đơn vị không có đường dẫn nào đang hoạt động.';
    },
  },
  ...synthesisActions(),
];

export const actionFor = (scope: DashboardAction['scope'], id: string): DashboardAction | undefined =>
  DASHBOARD_ACTIONS.find((a) => a.scope === scope && a.id === id);

/** Whether the actor may do the action (the route still refuses with {@link requireRole}). */
export const mayDo = (actor: StaffActor, action: DashboardAction): boolean =>
  [action.role, ...(action.alsoAllowed ?? [])].some((r) => actor.roles.includes(r));

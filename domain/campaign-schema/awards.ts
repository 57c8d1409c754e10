/**
 * The awards phase's blocks: the council (members, chair, the vote's deadline) and the decision's
 * header. The vote's deadline has the approval's shape (`synthesis.ts`): reminders to members who have
 * not voted before it, escalation steps to the chair after it; the decision's header is the synthesis
 * report's without a number (the clerk enters it when the decision is issued).
 */
import { z } from 'zod';
import { AUTHORITY_LEVELS } from '../award-types';
import { DateExpr, EXAMPLE_EMAIL, Email, FIELD_LIMITS, ReminderOffset } from './fields';
import { hint } from './hint';
import { ApprovalEscalationStep, SynthesisReport } from './synthesis';

export const AuthorityLevel = z.enum(AUTHORITY_LEVELS).meta(
  hint({
    hint: `thẩm quyền khen thưởng của đợt: ${AUTHORITY_LEVELS.join(', ')}; hình thức cấp cao hơn được đề nghị lên cấp trên`,
    hintEn: `the campaign's awarding authority: ${AUTHORITY_LEVELS.join(', ')}; higher forms are proposed upwards`,
    example: 'authority: ministry-province',
  }),
);

export const CouncilMemberDef = z
  .object({
    account: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'a dashboard login such as "nva" (lower-case letters, digits, . _ -)')
      .meta(
        hint({
          hint: 'tài khoản của thành viên trên trang quản trị (vai trò council)',
          hintEn: "the member's dashboard login (role council)",
          example: 'account: nva',
        }),
      ),
    name: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.name)
      .meta(hint({ example: 'name: Nguyễn Văn A' })),
    email: Email.meta(hint({ example: `email: ${EXAMPLE_EMAIL}` })),
    unitId: z
      .string()
      .min(1)
      .optional()
      .describe("The member's own unit: the member is recused from its nominations")
      .meta(
        hint({
          hint: 'đơn vị của thành viên (không bỏ phiếu cho hồ sơ của đơn vị mình)',
          hintEn: "the member's unit (recused from its nominations)",
          example: 'unitId: so-noi-vu',
        }),
      ),
    chair: z.boolean().optional().describe('The chair (Chủ tịch Hội đồng): exactly one member'),
  })
  .strict();

export const CouncilVote = z
  .object({
    deadline: DateExpr.meta(
      hint({
        hint: 'hạn bỏ phiếu của Hội đồng',
        hintEn: "the council's voting deadline",
        example: 'deadline: 20/11/2009 17:00',
      }),
    ),
    lock: DateExpr.optional()
      .describe('When the vote closes; defaults to the deadline')
      .meta(
        hint({
          hint: 'lúc khóa bỏ phiếu, đúng hoặc sau hạn (mặc định bằng hạn)',
          hintEn: 'when the vote closes, at or after the deadline (defaults to the deadline)',
          example: 'lock: 22/11/2009',
        }),
      ),
    reminders: z
      .array(ReminderOffset)
      .default([])
      .meta(
        hint({
          hint: 'nhắc thành viên chưa bỏ phiếu trước hạn',
          hintEn: 'reminders to members who have not voted',
          example: 'reminders: [3d, 1d, 0d]',
        }),
      ),
    escalation: z.array(ApprovalEscalationStep).default([]),
  })
  .strict();

export const Council = z
  .object({
    members: z
      .array(CouncilMemberDef)
      .min(1)
      .meta(
        hint({
          hint: 'thành viên Hội đồng Thi đua - Khen thưởng, đúng một người là chủ tịch (chair: true)',
          hintEn: 'the council members, exactly one of them the chair (chair: true)',
          example: `members: [{ account: nva, name: Nguyễn Văn A, email: ${EXAMPLE_EMAIL}, chair: true }]`,
        }),
      ),
    vote: CouncilVote.meta(
      hint({
        hint: 'hạn bỏ phiếu, nhắc và báo chủ tịch',
        hintEn: 'the vote deadline, reminders and escalation to the chair',
        example: 'vote: { deadline: 20/11/2009, reminders: [1d], escalation: [{ after: 1d }] }',
      }),
    ),
  })
  .strict();

/** The decision's header: the report's fields without the number (entered by the clerk). */
export const AwardDecision = SynthesisReport.omit({ number: true, outline: true, recipients: true });

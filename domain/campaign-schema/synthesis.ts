/** The synthesis phase's blocks: the approval of the draft report and the report's header and signature. */
import { z } from 'zod';
import { DateExpr, EXAMPLE_EMAIL, FIELD_LIMITS, LatenessOffset, Person, ReminderOffset } from './fields';
import { hint } from './hint';

/**
 * One step of the approval's escalation: the draft still not approved this long after the approval
 * deadline. Unit roles (focal, head, supervisor) mean nothing for the standing body's approval, so a
 * step names no one: it tells the secretariat, with the approvers in copy.
 */
export const ApprovalEscalationStep = z
  .object({
    after: LatenessOffset.meta(
      hint({
        hint: 'số ngày sau hạn phê duyệt; báo Thường trực, đồng gửi người phê duyệt',
        hintEn: 'days after the approval deadline; the secretariat is told, the approvers in copy',
        example: 'after: 1wd',
      }),
    ),
  })
  .strict();

/** When and by whom the draft synthesis report is approved (optional: without it, no approval deadline). */
export const SynthesisApproval = z
  .object({
    deadline: DateExpr.meta(
      hint({
        hint: 'hạn phê duyệt dự thảo báo cáo tổng hợp',
        hintEn: 'the date the draft report must be approved by',
        example: 'deadline: 30/10/2009 17:00',
      }),
    ),
    lock: DateExpr.optional()
      .describe('When the synthesis stops taking revisions if not approved; defaults to the deadline')
      .meta(
        hint({
          hint: 'lúc khóa dự thảo, đúng hoặc sau hạn phê duyệt (mặc định bằng hạn)',
          hintEn: 'when the draft locks, at or after the approval deadline (defaults to the deadline)',
          example: 'lock: 31/10/2009',
        }),
      ),
    reminders: z
      .array(ReminderOffset)
      .default([])
      .meta(
        hint({
          hint: 'nhắc người phê duyệt trước hạn',
          hintEn: 'reminders to the approvers before the deadline',
          example: 'reminders: [3wd, 1d, 0d]',
        }),
      ),
    escalation: z.array(ApprovalEscalationStep).default([]),
    approvers: z
      .array(Person)
      .min(1)
      .describe('Leaders (lãnh đạo, thường trực) who approve: they receive the draft and the reminders')
      .meta(
        hint({
          hint: 'lãnh đạo phê duyệt, người nhận dự thảo và thư nhắc',
          hintEn: 'the leaders who approve; they receive the draft and the reminders',
          example: `approvers: [{ name: Nguyễn Văn A, title: Phó Bí thư Thường trực, email: ${EXAMPLE_EMAIL} }]`,
        }),
      ),
    body: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.title)
      .optional()
      .describe('The body that approves, e.g. "Ban Thường vụ Tỉnh ủy"')
      .meta(hint({ example: 'body: Ban Thường vụ Tỉnh ủy' })),
  })
  .strict();

/** The header and signature block of the synthesis report (see `OfficialHeader` in `domain/synthesis-types.ts`). */
export const SynthesisReport = z
  .object({
    style: z.enum(['state', 'party']).meta(
      hint({
        hint: 'thể thức văn bản: state (Nghị định 30/2020/NĐ-CP) hoặc party (Hướng dẫn 36-HD/VPTW)',
        hintEn: 'document layout: state (Decree 30/2020/NĐ-CP) or party (Guidance 36-HD/VPTW)',
        example: 'style: party',
      }),
    ),
    issuingBody: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.title)
      .meta(
        hint({
          hint: 'cơ quan ban hành báo cáo, chữ in hoa như trên văn bản',
          hintEn: 'the issuing body, in capitals as on the document',
          example: 'issuingBody: TỈNH ỦY VĨNH PHÚC',
        }),
      ),
    superiorBody: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.title)
      .optional()
      .describe('The body above the issuing one when the layout shows it, e.g. "UBND TỈNH VĨNH PHÚC"'),
    number: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.name)
      .meta(
        hint({
          hint: 'số văn bản; dự thảo để trống số ("…")',
          hintEn: 'the document number; a draft leaves the number blank ("…")',
          example: 'number: …-BC/TU',
        }),
      ),
    place: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.name)
      .meta(
        hint({
          hint: 'địa danh ghi ở dòng ngày tháng',
          hintEn: 'the place on the date line',
          example: 'place: Vĩnh Phúc',
        }),
      ),
    signature: z
      .object({
        capacity: z.string().min(1).max(FIELD_LIMITS.title).optional().describe('e.g. "T/M BAN THƯỜNG VỤ"'),
        title: z.string().min(1).max(FIELD_LIMITS.title).optional().describe('e.g. "PHÓ BÍ THƯ"'),
        name: z.string().min(1).max(FIELD_LIMITS.name).optional(),
      })
      .strict()
      .optional()
      .meta(hint({ example: 'signature: { capacity: T/M BAN THƯỜNG VỤ, title: PHÓ BÍ THƯ }' })),
    recipients: z
      .array(z.string().min(1).max(FIELD_LIMITS.title))
      .optional()
      .describe('Nơi nhận, e.g. "Ban Chỉ đạo Trung ương (b/c)"'),
    outline: z
      .array(z.string().min(1).max(FIELD_LIMITS.title))
      .optional()
      .describe("The report's section headings, as the plan's outline gives them")
      .meta(hint({ example: 'outline: [Đặc điểm tình hình, Kết quả thực hiện, Phương hướng, nhiệm vụ]' })),
  })
  .strict();

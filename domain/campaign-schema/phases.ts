/** The phases of a campaign, each by its kind, and {@link Phase}, the union of them. */
import { z } from 'zod';
import { DateExpr, ReminderOffset } from './fields';
import { hint } from './hint';
import { Attachment, Deliverable, DELIVERABLE_ID, Due, EscalationStep, Nominations, Window } from './phase-parts';
import { conferenceFields } from './conference';
import { AuthorityLevel, AwardDecision, Council } from './awards';
import { SynthesisApproval, SynthesisReport } from './synthesis';

export const PHASE_ORDER = ['plan-issue', 'self-review', 'synthesis', 'conference', 'awards'] as const;
export type PhaseKind = (typeof PHASE_ORDER)[number];

/** A phase's kind, the discriminator of {@link Phase}. */
const phaseKind = <K extends PhaseKind>(kind: K) =>
  z
    .literal(kind)
    .meta(hint({ hint: `một trong ${PHASE_ORDER.join(', ')}`, hintEn: `one of ${PHASE_ORDER.join(', ')}` }));

const phaseCommon = {
  name: z
    .string()
    .optional()
    .describe('Vietnamese name shown in messages, e.g. "Tự kiểm điểm, tổng kết tại đơn vị"')
    .meta(hint({ example: 'name: Tự kiểm điểm, tổng kết tại đơn vị' })),
  window: Window.meta(
    hint({
      hint: 'thời gian của giai đoạn',
      hintEn: 'when the phase runs',
      example: 'window: { start: 11/10/2009, end: 20/10/2009 }',
    }),
  ),
  tasks: z
    .array(z.string().min(1))
    .optional()
    .describe(
      'What is done in the phase, as the plan lists it (plans spell out each step: "Tổng hợp; dự thảo báo cáo …")',
    ),
};

/** A phase in which units owe something by a deadline. */
const deadlinePhase = {
  ...phaseCommon,
  deadline: DateExpr.meta(
    hint({
      hint: 'hạn đơn vị phải nộp',
      hintEn: 'the date units must submit by',
      example: 'deadline: trước ngày 15/10/2009',
    }),
  ),
  lock: DateExpr.describe('When submissions become read-only; never before the deadline').meta(
    hint({
      hint: 'lúc khóa nhận hồ sơ, đúng hoặc sau hạn nộp',
      hintEn: 'when submissions become read-only, at or after the deadline',
      example: 'lock: 20/10/2009',
    }),
  ),
  reminders: z
    .array(ReminderOffset)
    .default([])
    .meta(hint({ example: 'reminders: [7d, 3d, 1d, 0d]' })),
  escalation: z.array(EscalationStep).default([]),
};

export const PlanIssuePhase = z
  .object({ kind: phaseKind('plan-issue'), ...phaseCommon, attachments: z.array(Attachment).default([]) })
  .strict();

export const SelfReviewPhase = z
  .object({
    kind: phaseKind('self-review'),
    id: z
      .string()
      .regex(DELIVERABLE_ID, 'lower-case letters, digits and "-", e.g. "ke-hoach"')
      .optional()
      .describe('Names the phase when a campaign has several deadline phases (required then), e.g. "ke-hoach"')
      .meta(
        hint({
          hint: 'mã giai đoạn, bắt buộc khi có nhiều giai đoạn nộp hồ sơ',
          hintEn: 'the phase id',
          example: 'id: ke-hoach',
        }),
      ),
    ...deadlinePhase,
    // \`due\` (summary report, presentation paper, nominations) as before, or \`deliverables\` named as
    // the plan names them (with \`nominations\` beside them); the rules refuse a phase with neither.
    due: Due.optional().meta(
      hint({
        hint: 'những gì đơn vị phải nộp',
        hintEn: 'what units owe',
        example: 'due: { summaryReport: required, presentationPaper: optional }',
      }),
    ),
    deliverables: z
      .array(Deliverable)
      .min(1)
      .optional()
      .meta(
        hint({
          hint: 'các tài liệu đơn vị phải nộp, như kế hoạch ghi',
          hintEn: 'what units owe, as the plan names it',
          example: 'deliverables: [{ id: ke-hoach, name: Kế hoạch tổ chức Đại hội Thi đua, accept: [pdf, docx] }]',
        }),
      ),
    nominations: Nominations.optional(),
  })
  .strict();

export const SynthesisPhase = z
  .object({
    kind: phaseKind('synthesis'),
    ...phaseCommon,
    approval: SynthesisApproval.optional().meta(
      hint({
        hint: 'hạn và người phê duyệt dự thảo báo cáo tổng hợp',
        hintEn: 'when and by whom the draft report is approved',
        example: 'approval: có deadline, reminders, escalation và approvers',
        exampleEn: 'approval: with deadline, reminders, escalation and approvers',
      }),
    ),
    report: SynthesisReport.optional().meta(
      hint({
        hint: 'thể thức của báo cáo tổng hợp (phần đầu, số, nơi ký)',
        hintEn: 'the layout of the synthesis report (header, number, signature)',
        example: 'report: { style: party, issuingBody: TỈNH ỦY VĨNH PHÚC, number: …-BC/TU, place: Vĩnh Phúc }',
      }),
    ),
  })
  .strict();

export const ConferencePhase = z
  .object({
    kind: phaseKind('conference'),
    ...phaseCommon,
    date: DateExpr.meta(
      hint({ hint: 'ngày họp hội nghị', hintEn: 'the day of the conference', example: 'date: tháng 11/2009' }),
    ),
    venue: z
      .string()
      .min(1)
      .meta(
        hint({
          hint: 'nơi họp hội nghị',
          hintEn: 'where the conference is held',
          example: 'venue: Hội trường Tỉnh ủy',
        }),
      ),
    organizer: z
      .string()
      .min(1)
      .optional()
      .describe('Who organizes the conference when not the secretariat, e.g. "Ban cán sự Đảng UBND tỉnh"'),
    agenda: z.array(z.string().min(1)).default([]),
    invitees: z.array(z.string().min(1)).default([]).describe('Unit ids, or "all"'),
    ...conferenceFields,
  })
  .strict();

export const AwardsPhase = z
  .object({
    kind: phaseKind('awards'),
    ...phaseCommon,
    awardingBody: z.string().optional(),
    forms: z.array(z.string().min(1)).default([]),
    authority: AuthorityLevel.optional(),
    council: Council.optional().meta(
      hint({
        hint: 'Hội đồng xét khen thưởng: thành viên, chủ tịch, hạn bỏ phiếu',
        hintEn: 'the awards council: members, chair, voting deadline',
        example: 'council: có members và vote',
        exampleEn: 'council: with members and vote',
      }),
    ),
    decision: AwardDecision.optional().meta(
      hint({
        hint: 'thể thức quyết định khen thưởng (cơ quan ban hành, nơi ký)',
        hintEn: 'the layout of the award decision (issuing body, signature)',
        example: 'decision: { style: state, issuingBody: UBND TỈNH VĨNH PHÚC, place: Vĩnh Phúc }',
      }),
    ),
  })
  .strict();

export const Phase = z
  .discriminatedUnion('kind', [PlanIssuePhase, SelfReviewPhase, SynthesisPhase, ConferencePhase, AwardsPhase])
  .meta(
    hint({
      hint: 'một giai đoạn',
      hintEn: 'a phase',
      example: 'một khối có kind và window',
      exampleEn: 'a block with kind and window',
    }),
  );

/** The campaign header: the plan document and its kind, the issuing body, the secretariat, the calendar. */
import { z } from 'zod';
import { Contact, DateExpr, EXAMPLE_EMAIL, FIELD_LIMITS, TimeOfDay } from './fields';
import { hint } from './hint';
import { ParentBlock } from './parent';
import { PLAN_KIND_NAMES, type PlanKind } from './plan-kinds';
import { UNIT_ID } from './units';

export const DeadlinePolicy = z
  .enum(['keep', 'previous', 'next'])
  .describe('A deadline on a day off: keep it, move to the previous or to the next working day');

export const CampaignCalendar = z
  .object({
    workingHours: z
      .object({ start: TimeOfDay, end: TimeOfDay })
      .strict()
      .default({ start: '08:00', end: '17:00' })
      .meta(hint({ example: "workingHours: { start: '08:00', end: '17:00' }" })),
    reminderTime: TimeOfDay.default('08:00').describe('Local time at which reminders are delivered'),
    deadlineOnDayOff: DeadlinePolicy.default('previous'),
  })
  .strict();

// In their own module (no zod) for the workflow bundle; exported here as before.
export { PLAN_KIND_NAMES, type PlanKind };
const PLAN_KINDS = Object.keys(PLAN_KIND_NAMES) as [PlanKind, ...PlanKind[]];
const planKindList = (PLAN_KINDS as string[]).map((k) => `${k} (${PLAN_KIND_NAMES[k as PlanKind]})`).join(', ');

export const PlanKindField = z
  .enum(PLAN_KINDS)
  .default('ke-hoach')
  .describe('The kind of document, as its heading says: ke-hoach (Kế hoạch), cong-van (Công văn), …')
  .meta(
    hint({
      hint: `loại văn bản, một trong ${planKindList}`,
      hintEn: `one of ${planKindList}`,
      example: 'kind: ke-hoach',
    }),
  );

/** A party document (Đảng: "67-KH/TU") or a state one (Nhà nước: "13/KH-HĐTĐKT"): they are cited differently. */
export const DocumentSystem = z.enum(['party', 'state']);

export const PlanDocument = z
  .object({
    kind: PlanKindField,
    number: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.name)
      .optional()
      .describe(
        'As written, e.g. "67-KH/TU". Left out only when the source gives none (a copy without its header); ' +
          'a blank form ("…/BCT-VP") is refused unless the plan is a draft',
      )
      .meta(
        hint({
          hint: 'số văn bản, ghi đúng như văn bản',
          hintEn: 'the number, as written',
          example: 'number: 67-KH/TU',
        }),
      ),
    date: DateExpr.meta(
      hint({
        hint: 'ngày ký văn bản, ghi đúng như văn bản',
        hintEn: 'the date of the plan',
        example: 'date: 21/9/2009',
      }),
    ),
    system: DocumentSystem.optional()
      .describe('party: a document of the Party (Tỉnh ủy, Ban Chỉ đạo); state: of the State (Bộ, UBND, Hội đồng TĐKT)')
      .meta(
        hint({
          hint: 'văn bản của Đảng (party) hay của Nhà nước (state)',
          hintEn: 'a party or a state document',
          example: 'system: party',
        }),
      ),
    recipients: z
      .array(z.string().min(1).max(FIELD_LIMITS.title))
      .default([])
      .describe('Nơi nhận, as the document lists them ("Như trên;", "Lưu VP")')
      .meta(
        hint({
          hint: 'nơi nhận của văn bản',
          hintEn: 'the recipients (nơi nhận)',
          example: 'recipients: [Như trên, Lưu VP]',
        }),
      ),
    draft: z
      .boolean()
      .default(false)
      .describe('The plan is still a draft (dự thảo): its number may be a blank form; `campaign start` refuses it')
      .meta(hint({ hint: 'văn bản còn là dự thảo', hintEn: 'the plan is still a draft', example: 'draft: true' })),
  })
  .strict()
  .meta(
    hint({
      hint: 'văn bản kế hoạch: loại, số và ngày',
      hintEn: 'the plan document: kind, number and date',
      example: 'plan: { kind: ke-hoach, number: 67-KH/TU, date: 21/9/2009 }',
    }),
  );

export const CampaignHeader = z
  .object({
    id: z
      .string()
      .regex(UNIT_ID, 'lower-case letters, digits and "-", e.g. "vinh-phuc-67-kh-tu-2009"')
      .meta(hint({ example: 'id: vinh-phuc-67-kh-tu-2009' })),
    plan: PlanDocument,
    title: z
      .string()
      .min(1)
      .meta(hint({ example: 'title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW' })),
    directive: z
      .string()
      .min(1)
      .describe('The directive under review, e.g. "Chỉ thị 39-CT/TW"')
      .meta(
        hint({
          hint: 'chỉ thị được tổng kết',
          hintEn: 'the directive under review',
          example: 'directive: Chỉ thị 39-CT/TW',
        }),
      ),
    basis: z
      .array(z.string().min(1))
      .optional()
      .describe('Documents the plan carries out ("Thực hiện Kế hoạch số 42-KH/BCĐ ngày 31/7/2009 …")'),
    issuingBody: z
      .string()
      .min(1)
      .meta(
        hint({
          hint: 'cơ quan ban hành kế hoạch',
          hintEn: 'who issues the plan',
          example: 'issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc',
        }),
      ),
    secretariat: z
      .object({
        name: z
          .string()
          .min(1)
          .meta(hint({ example: 'name: Ban Thi đua - Khen thưởng tỉnh' })),
        contacts: z
          .array(Contact)
          .min(1)
          .meta(
            hint({
              hint: 'đầu mối các đơn vị liên hệ',
              hintEn: 'whom units contact',
              example: `contacts: [{ name: Nguyễn Văn A, email: ${EXAMPLE_EMAIL} }]`,
            }),
          ),
      })
      .strict()
      .describe('The standing body that runs the campaign; every message names its contacts')
      .meta(
        hint({
          hint: 'cơ quan thường trực tổ chức đợt thi đua',
          hintEn: 'the standing body that runs the campaign',
          example: 'secretariat: có name và contacts',
          exampleEn: 'secretariat: with name and contacts',
        }),
      ),
    timeZone: z
      .string()
      .default('Asia/Ho_Chi_Minh')
      .meta(hint({ example: 'timeZone: Asia/Ho_Chi_Minh' })),
    language: z.enum(['vi']).default('vi'),
    calendar: CampaignCalendar.default({
      workingHours: { start: '08:00', end: '17:00' },
      reminderTime: '08:00',
      deadlineOnDayOff: 'previous',
    }),
    parent: ParentBlock.optional(),
  })
  .strict();

/**
 * The campaign file format: the single source of truth for validation, for the TypeScript types
 * every side imports, and for the exported JSON Schema (editor completion, see
 * `scripts/export-schema.ts`). Cross-field rules (dates in order, lock never before deadline, quota
 * that can be met) live in `domain/validation/rules.ts`, which reads dates with
 * `domain/date-phrases.ts`.
 *
 * Objects are strict: an unknown field (a typo such as `dealine`) is an error, not silently ignored.
 *
 * Fields carry hints in their metadata ({@link FieldMeta}): what the field holds and an example line.
 * Validation messages say them ('thiếu trường "deadline" (hạn đơn vị phải nộp); hãy thêm vào, ví dụ
 * deadline: trước ngày 15/10/2009'; in English from `hintEn`/`exampleEn`), and the exported JSON
 * Schema carries them as `hint` and `example`. A field without a hint is explained, in English
 * messages only, by its description.
 */
import { z } from 'zod';
import { MAX_NOMINATIONS_PER_VERSION } from './submission-rules';

/** A field's hint, for validation messages and editors: what it holds, and an example line. */
// A type, not an interface, so that zod's .meta() (an index signature) accepts it.
export type FieldMeta = {
  /** What the field holds, in Vietnamese, e.g. "ngày đơn vị phải nộp". */
  hint?: string;
  /** The same in English, e.g. "the date units must submit by" (messages in `--lang en`). */
  hintEn?: string;
  /** A line of YAML that would be valid, e.g. "deadline: trước ngày 15/10/2009". */
  example?: string;
  /** The example in English when it is prose rather than YAML. */
  exampleEn?: string;
};

/** A field's hint as zod metadata (typed, so a misspelt key does not compile). */
const hint = (meta: FieldMeta) => meta;

export const EXAMPLE_EMAIL = 'van.phong@vinhphuc.gov.vn';

/**
 * The longest texts a campaign file may hold, in characters: a name of a person or a unit, a title
 * (of the campaign, of a person, of a document), an email address (RFC 5321's 254), a phone or fax
 * number. Longer is a paste gone wrong, not a name.
 */
export const FIELD_LIMITS = { name: 200, title: 500, email: 254, phone: 40 } as const;

export const PHASE_ORDER = ['plan-issue', 'self-review', 'synthesis', 'conference', 'awards'] as const;
export type PhaseKind = (typeof PHASE_ORDER)[number];

/** A date as the documents write it or as an ISO instant; read by `parseDateExpression`. */
export const DateExpr = z
  .string()
  .min(1)
  .describe(
    'ISO instant (2009-10-15T17:00:00+07:00) or as documents write it: "15/10/2009", "15/10/2009 17:00", ' +
      '"trước ngày 15/10/2009", "quý II/2015", "trước quý II/2015", "tháng 11/2009".',
  );

/** Offset before a deadline: `7d` calendar days, `3wd` working days, `0d` on the day. */
/** A number of days: `7d` calendar days, `3wd` working days. */
export const OFFSET = /^\d{1,3}(d|wd)$/;

export const ReminderOffset = z
  .string()
  .regex(OFFSET, 'an offset such as "7d" (calendar days) or "3wd" (working days); "0d" is the day itself')
  .describe('Days before the deadline: "7d" calendar days, "3wd" working days, "0d" the day itself.');

/** Offset after a deadline: `1d`, `3d` calendar days, `2wd` working days. */
export const LatenessOffset = z
  .string()
  .regex(OFFSET, 'an offset such as "1d" (calendar days) or "2wd" (working days) after the deadline')
  .describe('Days after the deadline: "1d" calendar days, "2wd" working days.');

export const Email = z
  .email({ error: `a valid email address such as ${EXAMPLE_EMAIL}` })
  .max(FIELD_LIMITS.email)
  .meta(hint({ example: `email: ${EXAMPLE_EMAIL}` }));

export const Person = z
  .object({
    name: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.name)
      .meta(hint({ example: 'name: Nguyễn Văn A' })),
    title: z.string().max(FIELD_LIMITS.title).optional().describe('Position, e.g. "Chánh Văn phòng"'),
    email: Email,
    phone: z.string().max(FIELD_LIMITS.phone).optional(),
  })
  .strict();

/**
 * A contact of the secretariat as documents give it: a person (name, email), or an office with its
 * phone and fax and no named person ("liên hệ về Văn phòng Bộ qua Phòng Tuyên truyền – Thi đua
 * (điện thoại 043.8269552; Fax: 043.8248036)"). `validation/rules.ts` checks it names someone (name
 * or division) and gives a way to reach them (email, phone or fax).
 */
export const Contact = z
  .object({
    name: z.string().min(1).max(FIELD_LIMITS.name).optional(),
    title: z.string().max(FIELD_LIMITS.title).optional().describe('Position, e.g. "Chánh Văn phòng"'),
    division: z
      .string()
      .min(1)
      .max(FIELD_LIMITS.title)
      .optional()
      .describe('Division or office, e.g. "Phòng Thi đua - Khen thưởng"'),
    email: Email.optional(),
    phone: z.string().max(FIELD_LIMITS.phone).optional(),
    fax: z.string().max(FIELD_LIMITS.phone).optional(),
  })
  .strict();

/** Who a message goes to, by role relative to the unit. */
export const Role = z.enum(['focal', 'head', 'supervisor', 'secretariat']);

export const TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d$/;
export const TimeOfDay = z.string().regex(TIME_OF_DAY, 'a local time such as "08:00"');

export const UnitKind = z.enum([
  'department', // sở, ban, ngành
  'mass-organization', // đoàn thể
  'district-committee', // huyện/thị/thành ủy
  'party-committee', // đảng ủy trực thuộc
  'ministry-unit', // đơn vị thuộc Bộ
  'enterprise', // doanh nghiệp
  'province', // tỉnh, thành phố
  'other',
]);

export interface UnitInput {
  id: string;
  name: string;
  kind: z.infer<typeof UnitKind>;
  cluster?: string;
  focal: z.infer<typeof Person>;
  head: z.infer<typeof Person>;
  supervisor?: z.infer<typeof Person>;
  subUnits?: UnitInput[];
}

export const UNIT_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Named (`meta.id`) so that the exported JSON Schema calls the recursive definition "Unit". */
export const Unit: z.ZodType<UnitInput> = z
  .lazy(() =>
    z
      .object({
        id: z
          .string()
          .regex(UNIT_ID, 'lower-case letters, digits and "-", e.g. "so-noi-vu"')
          .meta(hint({ example: 'id: so-noi-vu' })),
        name: z
          .string()
          .min(1)
          .max(FIELD_LIMITS.name)
          .meta(hint({ example: 'name: Sở Nội vụ' })),
        kind: UnitKind.meta(
          hint({
            hint: `một trong ${UnitKind.options.join(', ')}`,
            hintEn: `one of ${UnitKind.options.join(', ')}`,
            example: 'kind: department',
          }),
        ),
        cluster: z.string().optional().describe('Khối/Cụm thi đua'),
        focal: Person.describe('Focal person (cán bộ đầu mối) who receives reminders').meta(
          hint({
            hint: 'cán bộ đầu mối, người nhận nhắc việc',
            hintEn: 'the focal person, cán bộ đầu mối, who receives reminders',
            example: `focal: { name: Nguyễn Văn A, email: ${EXAMPLE_EMAIL} }`,
          }),
        ),
        head: Person.describe('Head of the unit (thủ trưởng), first step of the escalation ladder').meta(
          hint({
            hint: 'thủ trưởng đơn vị',
            hintEn: 'the head of the unit, thủ trưởng',
            example: `head: { name: Trần Văn B, email: ${EXAMPLE_EMAIL} }`,
          }),
        ),
        supervisor: Person.optional().describe('To whom lateness escalates; defaults to the secretariat'),
        subUnits: z
          .array(Unit)
          .optional()
          .meta(
            hint({
              hint: 'các đơn vị trực thuộc',
              hintEn: 'the units below this one',
              example: 'mỗi đơn vị bắt đầu bằng một dòng "- id: …"',
              exampleEn: '"- id: …" starting each unit',
            }),
          ),
      })
      .strict(),
  )
  .meta({
    id: 'Unit',
    ...hint({
      hint: 'một đơn vị',
      hintEn: 'a unit',
      example: 'một khối có id, name, kind, focal và head',
      exampleEn: 'a block with id, name, kind, focal and head',
    }),
  });

export const Window = z
  .object({
    start: DateExpr.meta(hint({ example: 'start: 11/10/2009' })),
    end: DateExpr.meta(hint({ example: 'end: 20/10/2009' })),
  })
  .strict();

export const EscalationStep = z
  .object({
    after: LatenessOffset.meta(
      hint({ hint: 'số ngày sau hạn nộp', hintEn: 'days after the deadline', example: 'after: 1d' }),
    ),
    notify: z
      .array(Role)
      .min(1)
      .meta(hint({ hint: 'báo cho ai', hintEn: 'who is told', example: 'notify: [head]' })),
    cc: z.array(Role).default([]),
  })
  .strict();

export const NominationQuota = z
  .object({
    total: z
      .int()
      .min(0)
      // A unit's nominations are one version of at most this many rows (the workflow keeps them bounded).
      .max(MAX_NOMINATIONS_PER_VERSION)
      .describe('At most this many nominations in all')
      .meta(
        hint({
          hint: 'số đề nghị khen thưởng tối đa của một đơn vị',
          hintEn: 'how many nominations a unit may make in all',
          example: 'total: 1',
        }),
      ),
    collective: z.int().min(0).optional().describe('At most this many collectives (tập thể)'),
    individual: z.int().min(0).optional().describe('At most this many individuals (cá nhân)'),
  })
  .strict();

export const Nominations = z
  .object({
    required: z
      .boolean()
      .default(false)
      .meta(hint({ example: 'required: true' })),
    quota: NominationQuota.meta(hint({ example: 'quota: { total: 1, collective: 1, individual: 1 }' })),
    forms: z
      .array(z.string().min(1))
      .min(1)
      .describe('Award forms that may be proposed, e.g. "Bằng khen của Chủ tịch UBND tỉnh"')
      .meta(
        hint({
          hint: 'các hình thức khen thưởng được đề nghị',
          hintEn: 'the award forms that may be proposed',
          example: 'forms: [Bằng khen của Chủ tịch UBND tỉnh]',
        }),
      ),
    description: z.string().optional().describe('The quota as the plan says it, e.g. "01 tập thể hoặc 01 cá nhân"'),
  })
  .strict();

export const Requirement = z.enum(['required', 'optional', 'none']);

export const Due = z
  .object({
    summaryReport: Requirement.default('required'),
    presentationPaper: Requirement.default('optional'),
    nominations: Nominations.optional(),
  })
  .strict();

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

/**
 * A document sent with the plan: its title alone (named in the message, sent on paper), or a title
 * and a file (relative to the campaign file) that every unit receives attached to the plan message.
 */
export const Attachment = z.union([
  z.string().min(1),
  z
    .object({
      title: z.string().min(1).describe('e.g. "Đề cương báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW"'),
      file: z.string().min(1).describe('Path relative to the campaign file: PDF, DOC, DOCX, ODT or TXT, at most 10 MB'),
    })
    .strict(),
]);

export const PlanIssuePhase = z
  .object({ kind: phaseKind('plan-issue'), ...phaseCommon, attachments: z.array(Attachment).default([]) })
  .strict();

export const SelfReviewPhase = z
  .object({
    kind: phaseKind('self-review'),
    ...deadlinePhase,
    due: Due.meta(
      hint({
        hint: 'những gì đơn vị phải nộp',
        hintEn: 'what units owe',
        example: 'due: { summaryReport: required, presentationPaper: optional }',
      }),
    ),
  })
  .strict();

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
  })
  .strict();

export const AwardsPhase = z
  .object({
    kind: phaseKind('awards'),
    ...phaseCommon,
    awardingBody: z.string().optional(),
    forms: z.array(z.string().min(1)).default([]),
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

/**
 * The kinds of document a campaign's plan can be, by code, with the name the document itself
 * carries (a secretariat writes "Kế hoạch số 67-KH/TU", "Công văn số 71-CV/BCĐ").
 */
export const PLAN_KIND_NAMES = {
  'ke-hoach': 'Kế hoạch',
  'huong-dan': 'Hướng dẫn',
  'cong-van': 'Công văn',
  'thong-bao': 'Thông báo',
  'chi-thi': 'Chỉ thị',
  'quyet-dinh': 'Quyết định',
  'nghi-quyet': 'Nghị quyết',
} as const;
export type PlanKind = keyof typeof PLAN_KIND_NAMES;
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
  })
  .strict();

export const CampaignFile = z
  .object({
    campaign: CampaignHeader.meta(
      hint({
        hint: 'phần đầu của đợt thi đua',
        hintEn: 'the campaign header',
        example: 'campaign: rồi đến id, plan, title, directive, issuingBody, secretariat',
        exampleEn: 'campaign: followed by id, plan, title, directive, issuingBody, secretariat',
      }),
    ),
    units: z
      .array(Unit)
      .min(1)
      .meta(
        hint({
          hint: 'các đơn vị tham gia',
          hintEn: 'the participating units',
          example: 'mỗi đơn vị bắt đầu bằng một dòng "- id: so-noi-vu"',
          exampleEn: '"- id: so-noi-vu" starting each unit',
        }),
      ),
    phases: z
      .array(Phase)
      .min(1)
      .meta(
        hint({
          hint: 'các giai đoạn',
          hintEn: 'the phases',
          example: 'mỗi giai đoạn bắt đầu bằng một dòng "- kind: plan-issue"',
          exampleEn: '"- kind: plan-issue" starting each phase',
        }),
      ),
  })
  .strict();

export type CampaignDefinition = z.infer<typeof CampaignFile>;
export type CampaignHeaderDef = z.infer<typeof CampaignHeader>;
export type PhaseDef = z.infer<typeof Phase>;
export type SelfReviewPhaseDef = z.infer<typeof SelfReviewPhase>;
export type PlanIssuePhaseDef = z.infer<typeof PlanIssuePhase>;
export type ConferencePhaseDef = z.infer<typeof ConferencePhase>;
export type SynthesisPhaseDef = z.infer<typeof SynthesisPhase>;
export type SynthesisApprovalDef = z.infer<typeof SynthesisApproval>;
export type SynthesisReportDef = z.infer<typeof SynthesisReport>;
export type PersonDef = z.infer<typeof Person>;
export type ContactDef = z.infer<typeof Contact>;
export type RoleName = z.infer<typeof Role>;
export type EscalationStepDef = z.infer<typeof EscalationStep>;
export type NominationsDef = z.infer<typeof Nominations>;
export type AttachmentDef = z.infer<typeof Attachment>;
export type PlanDocumentDef = z.infer<typeof PlanDocument>;

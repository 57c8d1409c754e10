/** The parts a phase is made of: its window, escalation, what units owe (nominations, reports), attachments. */
import { z } from 'zod';
import { MAX_NOMINATIONS_PER_VERSION } from '../submission-rules';
import { DateExpr, LatenessOffset, Role } from './fields';
import { hint } from './hint';

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

/** The file types a deliverable may accept (the portal and the workflow check the file's name and type). */
export const FILE_TYPES = ['pdf', 'doc', 'docx', 'odt'] as const;
export const FileType = z.enum(FILE_TYPES).meta(
  hint({
    hint: `một trong ${FILE_TYPES.join(', ')}`,
    hintEn: `one of ${FILE_TYPES.join(', ')}`,
    example: 'accept: [pdf, docx]',
  }),
);

/** A deliverable id: lower-case letters, digits and "-", as unit ids. */
export const DELIVERABLE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/**
 * Something units owe in a deadline phase, named as the plan names it ("Kế hoạch tổ chức Đại hội Thi
 * đua"): the portal, the messages and the dashboard say this name.
 */
export const Deliverable = z
  .object({
    id: z
      .string()
      .regex(DELIVERABLE_ID, 'lower-case letters, digits and "-", e.g. "ke-hoach"')
      .meta(
        hint({
          hint: 'mã của tài liệu, chữ thường, số và "-"',
          hintEn: 'the id of the deliverable',
          example: 'id: ke-hoach',
        }),
      ),
    name: z
      .string()
      .min(1)
      .max(500)
      .meta(
        hint({
          hint: 'tên tài liệu như kế hoạch ghi',
          hintEn: 'its name as the plan writes it',
          example: 'name: Kế hoạch tổ chức Đại hội Thi đua',
        }),
      ),
    required: z
      .boolean()
      .default(true)
      .meta(hint({ example: 'required: true' })),
    accept: z
      .array(FileType)
      .min(1)
      .default(['pdf', 'doc', 'docx', 'odt'])
      .meta(
        hint({ hint: 'các loại tệp được nhận', hintEn: 'the file types accepted', example: 'accept: [pdf, docx]' }),
      ),
  })
  .strict();

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

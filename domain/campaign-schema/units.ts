/** The participating units: a unit's kind, its people and its sub-units (recursive, named "Unit"). */
import { z } from 'zod';
import { EXAMPLE_EMAIL, FIELD_LIMITS, Person } from './fields';
import { hint } from './hint';
import { Deliverable } from './phase-parts';

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
  /** The unit's own deliverables per deadline phase (by the phase's id), replacing the phase's. */
  deliverables?: Record<string, Array<z.input<typeof Deliverable>>>;
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
        deliverables: z
          .record(z.string(), z.array(Deliverable).min(1))
          .optional()
          .describe(
            'What this unit owes instead, per deadline phase id, e.g. { ke-hoach: [{ id: bao-cao-dai-hoi, … }] }',
          )
          .meta(
            hint({
              hint: 'tài liệu riêng của đơn vị, theo mã giai đoạn',
              hintEn: "the unit's own deliverables, by phase id",
              example: 'deliverables: { ke-hoach: [{ id: bao-cao-dai-hoi, name: Báo cáo Đại hội }] }',
            }),
          ),
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

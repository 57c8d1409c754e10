/**
 * The shape of `config/award-forms.yaml` (zod) and zod's issues reworded in Vietnamese for whoever
 * edits the file by hand: what is wrong with the field and what would be valid.
 */
import { z } from 'zod';
import { AUTHORITY_LEVELS } from './award-types';
import type { PathSegment } from './yaml-source';

const NOMINEE_TYPES = ['collective', 'individual'] as const;

const isRealDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const IsoDate = z
  .string({ error: "phải là một ngày dạng yyyy-mm-dd, viết trong dấu nháy (ví dụ '2025-07-01')" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "phải là một ngày dạng yyyy-mm-dd (ví dụ '2025-07-01')" })
  .refine(isRealDate, { error: 'không phải là một ngày có thật' });

/** A share from 0 to 1, as a number (0.9) or a fraction ("2/3"). */
export const Fraction = z.union([z.number().min(0).max(1), z.string().regex(/^\s*\d+\s*\/\s*[1-9]\d*\s*$/)], {
  error: 'phải là một tỷ lệ từ 0 đến 1, viết dạng số (0.9) hoặc phân số (2/3)',
});

export const toFraction = (value: number | string): number => {
  if (typeof value === 'number') return value;
  const [a, b] = value.split('/').map((s) => Number(s.trim()));
  return a / b;
};

export const LegalTextSpec = z.strictObject({
  document: z.string().min(1),
  article: z.string().min(1).optional(),
  from: IsoDate,
  until: IsoDate.optional(),
  confirmed: z.boolean(),
  note: z.string().optional(),
});

export const VoteSpec = z.strictObject({
  quorum: Fraction,
  threshold: Fraction,
  of: z.enum(['all-members', 'voting-members']),
  ballot: z.enum(['secret', 'open']),
  strict: z.boolean().optional(),
});

const text = z.string().min(1);

export const CriterionSpec = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('prior-titles'),
      form: text,
      alsoForms: z.array(text).optional(),
      years: z.number().int().min(1),
      text,
    }),
    z.strictObject({
      kind: z.literal('share-cap'),
      percent: z.number().gt(0).max(100),
      of: z.enum(NOMINEE_TYPES),
      text,
    }),
    z.strictObject({ kind: z.literal('judged'), text }),
  ],
  { error: 'kind phải là một trong: prior-titles, share-cap, judged' },
);

export const BasisRefSpec = z.strictObject({
  text: text,
  article: z.string().min(1).optional(),
  confirmed: z.boolean().optional(),
  note: z.string().optional(),
});

export const RuleSpec = z.strictObject({
  from: IsoDate,
  until: IsoDate.optional(),
  conferredBy: z.enum(AUTHORITY_LEVELS).optional(),
  vote: z
    .union([z.string().min(1), VoteSpec], {
      error: 'phải là tên một cách biểu quyết trong "votes" hoặc một bảng quorum/threshold/of/ballot',
    })
    .optional(),
  criteria: z.array(CriterionSpec).optional(),
  basis: z.array(BasisRefSpec).min(1),
});

export const FormSpec = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'mã chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối (ví dụ bang-khen-tinh)',
  }),
  name: text,
  category: z.enum(['emulation-title', 'commendation']),
  nominee: z.union([z.enum(NOMINEE_TYPES), z.array(z.enum(NOMINEE_TYPES)).min(1)], {
    error: 'phải là collective, individual hoặc danh sách [collective, individual]',
  }),
  aliases: z.array(text).optional(),
  rules: z.array(RuleSpec).min(1),
});

export const CatalogueFile = z.strictObject({
  'legal-texts': z.record(z.string(), LegalTextSpec).optional(),
  votes: z.record(z.string(), VoteSpec).optional(),
  forms: z.array(FormSpec).min(1),
});
export type CatalogueFileData = z.infer<typeof CatalogueFile>;
export type RuleSpecData = z.infer<typeof RuleSpec>;
export type VoteSpecData = z.infer<typeof VoteSpec>;

const TYPE_WORDS: Record<string, string> = {
  string: 'một chuỗi chữ',
  number: 'một số',
  int: 'một số nguyên',
  boolean: 'true hoặc false',
  array: 'một danh sách',
  object: 'một bảng (khóa: giá trị)',
  record: 'một bảng (khóa: giá trị)',
};

/** One zod issue in Vietnamese, with the path it is about (an unknown key gives one per key). */
export function describeIssue(
  issue: z.core.$ZodIssue,
  input: unknown,
): Array<{ path: PathSegment[]; message: string; at: 'key' | 'value' }> {
  const path = issue.path.filter((s): s is PathSegment => typeof s !== 'symbol');
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return [{ path, message: 'thiếu trường bắt buộc', at: 'key' }];
      return [{ path, message: `phải là ${TYPE_WORDS[issue.expected] ?? issue.expected}`, at: 'value' }];
    case 'invalid_value':
      return [
        {
          path,
          message: `giá trị ${JSON.stringify(input)} không hợp lệ; chỉ nhận: ${issue.values.map(String).join(', ')}`,
          at: 'value',
        },
      ];
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: `trường "${key}" không có trong mẫu danh mục (kiểm tra lỗi chính tả)`,
        at: 'key' as const,
      }));
    case 'too_small':
      if (issue.origin === 'array') return [{ path, message: `cần ít nhất ${String(issue.minimum)} mục`, at: 'value' }];
      if (issue.origin === 'string') return [{ path, message: 'không được để trống', at: 'value' }];
      return [
        {
          path,
          message: issue.inclusive
            ? `phải từ ${String(issue.minimum)} trở lên`
            : `phải lớn hơn ${String(issue.minimum)}`,
          at: 'value',
        },
      ];
    case 'too_big':
      return [{ path, message: `không được lớn hơn ${String(issue.maximum)}`, at: 'value' }];
    default:
      return [{ path, message: issue.message, at: 'value' }];
  }
}

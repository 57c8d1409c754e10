/** The campaign file's field primitives: dates, offsets, people and contacts, roles, times of day, limits. */
import { z } from 'zod';
import { hint } from './hint';

export const EXAMPLE_EMAIL = 'van.phong@vinhphuc.gov.vn';

/**
 * The longest texts a campaign file may hold, in characters: a name of a person or a unit, a title
 * (of the campaign, of a person, of a document), an email address (RFC 5321's 254), a phone or fax
 * number. Longer is a paste gone wrong, not a name.
 */
export const FIELD_LIMITS = { name: 200, title: 500, email: 254, phone: 40 } as const;

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

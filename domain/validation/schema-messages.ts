/**
 * Schema issues, reworded: zod's issues on a campaign file turned into problems a secretariat clerk
 * can act on — what is wrong, what would be valid (from the field hints the schema carries in its
 * metadata), and the closest allowed word when one was misspelt.
 */
import type { z } from 'zod';
import { CampaignFile, EXAMPLE_EMAIL, TIME_OF_DAY, UNIT_ID, type FieldMeta } from '../campaign-schema';
import type { PathSegment, YamlSource } from '../yaml-source';
import { formatPath, type Report } from './problems';
import { childOf, isObj, shown, valueAt } from './raw-data';
import { closest, slug } from './suggestions';

/** The few zod internals needed to find the schema of a field (its allowed keys, its description). */
interface SchemaNode {
  description?: string;
  meta(): Record<string, unknown> | undefined;
  _zod: {
    def: {
      type: string;
      shape?: Record<string, SchemaNode>;
      element?: SchemaNode;
      getter?: () => SchemaNode;
      innerType?: SchemaNode;
      in?: SchemaNode;
      options?: SchemaNode[];
      discriminator?: string;
      values?: unknown[];
    };
  };
}

const WRAPPERS = new Set(['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Unwraps lazy, optional, default and picks the option of a discriminated union that `value` names. */
function unwrap(schema: SchemaNode | undefined, value: unknown): SchemaNode | undefined {
  let s = schema;
  for (let guard = 0; s && guard < 20; guard++) {
    const def = s._zod.def;
    if (def.type === 'lazy' && def.getter) s = def.getter();
    else if (WRAPPERS.has(def.type) && def.innerType) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else if (def.type === 'union' && def.discriminator && def.options) {
      const wanted = childOf(value, def.discriminator);
      const key = def.discriminator;
      s = def.options.find((o) => unwrap(o, undefined)?._zod.def.shape?.[key]?._zod.def.values?.includes(wanted));
    } else return s;
  }
  return s;
}

/** The schema of the field at `path`, read along the raw data (for discriminated unions). */
function schemaAt(path: readonly PathSegment[], data: unknown): SchemaNode | undefined {
  let s: SchemaNode | undefined = CampaignFile as unknown as SchemaNode;
  let value = data;
  for (const segment of path) {
    const u = unwrap(s, value);
    if (!u) return undefined;
    const def = u._zod.def;
    if (def.type === 'object' && def.shape) s = def.shape[String(segment)];
    else if (def.type === 'array') s = def.element;
    else return undefined;
    value = childOf(value, segment);
  }
  return s;
}

/** What a field holds and an example of it: the "what would be valid" half of a message. */
interface FieldHint {
  what?: string;
  example?: string;
}

/**
 * The hint of the field at `path`, from the schema's own metadata (`hint`, `example`; see
 * `domain/campaign-schema.ts`), looked up through wrappers; a field without one falls back to its
 * description.
 */
function hintFor(path: readonly PathSegment[], data: unknown): FieldHint {
  let s = schemaAt(path, data);
  let description: string | undefined;
  for (let guard = 0; s && guard < 20; guard++) {
    const meta = s.meta() as FieldMeta | undefined;
    if (meta?.hint !== undefined || meta?.example !== undefined) {
      return {
        ...(meta.hint !== undefined ? { what: meta.hint } : {}),
        ...(meta.example !== undefined ? { example: meta.example } : {}),
      };
    }
    description ??= s.description;
    const def = s._zod.def;
    s = def.type === 'lazy' && def.getter ? def.getter() : def.innerType;
  }
  return description ? { what: description } : {};
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a block of fields ("name: value" lines, indented)',
  array: 'a list (one "- " line per entry)',
};

export function reportSchemaIssues(report: Report, issues: readonly z.core.$ZodIssue[], data: unknown): void {
  // A misspelt field that would have been the missing one: say it once, as the misspelling.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = valueAt(data, issue.path as PathSegment[]);
    const allowed = Object.keys(unwrap(schemaAt(issue.path as PathSegment[], data), parent)?._zod.def.shape ?? {});
    for (const key of issue.keys) {
      const path = [...(issue.path as PathSegment[]), key];
      const guess = closest(key, allowed);
      if (guess && isObj(parent) && !(guess in parent)) {
        suggested.add(formatPath([...(issue.path as PathSegment[]), guess]));
        report.add('error', path, `unknown field "${key}"; did you mean "${guess}"?`, 'key');
      } else {
        report.add('error', path, `unknown field "${key}"; the fields allowed here are: ${allowed.join(', ')}`, 'key');
      }
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path as PathSegment[];
    if (suggested.has(formatPath(path)) && valueAt(data, path) === undefined) continue;
    report.add('error', path, issueMessage(issue, path, report.source));
  }
}

function issueMessage(issue: z.core.$ZodIssue, path: readonly PathSegment[], source: YamlSource): string {
  const data = source.data;
  const value = valueAt(data, path);
  const last = path[path.length - 1];
  const key = typeof last === 'string' ? last : '';
  const { what, example } = hintFor(path, data);
  const eg = example ? `, e.g. ${example}` : '';

  switch (issue.code) {
    case 'invalid_type': {
      if (path.length === 0) {
        return `a campaign file is a block of fields with three sections — campaign, units and phases — but this file holds ${shown(value)}`;
      }
      if (value === undefined) return `missing field "${key}"${what ? ` (${what})` : ''}; add it${eg}`;
      if (value === null) return `nothing is written here; write ${what ?? 'a value'}${eg}`;
      if (issue.expected === 'int' && typeof value === 'number') {
        return `${value} is not a whole number; write a whole number such as 1`;
      }
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        const written = source.written(path) ?? String(value);
        return `must be a text, but YAML reads ${written} as ${shown(value)}; put it in quotes: "${written}"`;
      }
      if (issue.expected === 'boolean') return `must be true or false (without quotes), but it is ${shown(value)}`;
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, but it is ${shown(value)}${example ? `; e.g. ${example}` : ''}`;
    }
    case 'invalid_value':
      return notAllowed(value, issue.values.map(String));
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options && options.length > 0) {
        if (value === undefined) return `missing field "${key}"; add it, one of: ${options.join(', ')}`;
        return notAllowed(value, options.map(String));
      }
      return issue.message;
    }
    case 'invalid_format': {
      const text = typeof value === 'string' ? value : String(value);
      if (issue.format === 'email') return `"${text}" is not a valid email address; write one such as ${EXAMPLE_EMAIL}`;
      const pattern = (issue as { pattern?: string }).pattern;
      if (pattern === String(TIME_OF_DAY)) {
        return `"${text}" is not a valid time of day; write hours and minutes from 00:00 to 23:59, such as "08:00"`;
      }
      if (pattern === String(UNIT_ID)) {
        const s = slug(text);
        if (s && UNIT_ID.test(s)) {
          return `"${text}" is not a valid id: use lower-case letters without accents, digits and "-"; did you mean "${s}"?`;
        }
        return `"${text}" is not a valid id; write ${issue.message}`;
      }
      return `"${text}" is not valid here; write ${issue.message}`;
    }
    case 'too_small': {
      if (issue.origin === 'string') return `nothing is written here; write ${what ?? 'a value'}${eg}`;
      if (issue.origin === 'array')
        return `the list is empty; add at least ${issue.minimum} entry${what ? ` (${what})` : ''}${eg}`;
      return `${shown(value)} is too small; the least allowed is ${issue.minimum}`;
    }
    case 'too_big':
      return `${shown(value)} is too large; the most allowed is ${issue.maximum}`;
    default:
      return `${issue.message}${eg}`;
  }
}

function notAllowed(value: unknown, allowed: string[]): string {
  const list = allowed.join(', ');
  if (typeof value !== 'string') return `${shown(value)} is not an allowed value; write one of: ${list}`;
  const guess = closest(value, allowed);
  if (guess) return `"${value}" is not an allowed value; did you mean "${guess}"? Write one of: ${list}`;
  return `"${value}" is not an allowed value; write one of: ${list}`;
}

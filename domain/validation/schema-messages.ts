/**
 * Schema issues, reworded: zod's issues on a campaign file turned into problems a secretariat clerk
 * can act on — what is wrong, what would be valid (from the field hints the schema carries in its
 * metadata), and the closest allowed word when one was misspelt.
 */
import type { z } from 'zod';
import { CampaignFile, EXAMPLE_EMAIL, OFFSET, TIME_OF_DAY, UNIT_ID, type FieldMeta } from '../campaign-schema';
import type { PathSegment } from '../yaml-source';
import { formatPath, type Report } from './problems';
import { childOf, isObj, valueAt } from './raw-data';
import type { Lang, MessageCode, MessageParams } from './texts';
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
 * The hint of the field at `path` in `lang`, from the schema's own metadata (`hint`/`hintEn`,
 * `example`/`exampleEn`; see `domain/campaign-schema.ts`), looked up through wrappers; a field
 * without one falls back to its description (English, so only in English).
 */
function hintFor(path: readonly PathSegment[], data: unknown, lang: Lang): FieldHint {
  let s = schemaAt(path, data);
  let description: string | undefined;
  for (let guard = 0; s && guard < 20; guard++) {
    const meta = s.meta() as FieldMeta | undefined;
    if (meta?.hint !== undefined || meta?.example !== undefined) {
      const what = lang === 'en' ? (meta.hintEn ?? meta.hint) : meta.hint;
      const example = lang === 'en' ? (meta.exampleEn ?? meta.example) : meta.example;
      return { ...(what !== undefined ? { what } : {}), ...(example !== undefined ? { example } : {}) };
    }
    description ??= s.description;
    const def = s._zod.def;
    s = def.type === 'lazy' && def.getter ? def.getter() : def.innerType;
  }
  return description && lang === 'en' ? { what: description } : {};
}

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
        report.add('error', path, 'unknownFieldGuess', { key, guess }, 'key');
      } else {
        report.add('error', path, 'unknownField', { key, allowed }, 'key');
      }
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path as PathSegment[];
    if (suggested.has(formatPath(path)) && valueAt(data, path) === undefined) continue;
    addIssue(report, issue, path);
  }
}

function addIssue(report: Report, issue: z.core.$ZodIssue, path: PathSegment[]): void {
  const source = report.source;
  const data = source.data;
  const value = valueAt(data, path);
  const last = path[path.length - 1];
  const key = typeof last === 'string' ? last : '';
  const hint = hintFor(path, data, report.lang);
  const { example } = hint;
  const add = <C extends MessageCode>(code: C, params: MessageParams<C>) => report.add('error', path, code, params);

  switch (issue.code) {
    case 'invalid_type': {
      if (path.length === 0) return add('rootNotMap', { value });
      if (value === undefined) return add('missingField', { key, ...hint });
      if (value === null) return add('nothingWritten', hint);
      if (issue.expected === 'int' && typeof value === 'number') return add('notWhole', { value });
      if (issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
        return add('numberForText', { written: source.written(path) ?? String(value), value });
      }
      if (issue.expected === 'boolean') return add('notBoolean', { value });
      return add('wrongType', { expected: issue.expected, value, ...(example ? { example } : {}) });
    }
    case 'invalid_value':
      return add('notAllowed', allowedValue(value, issue.values.map(String)));
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options && options.length > 0) {
        if (value === undefined) return add('missingOneOf', { key, options: options.map(String) });
        return add('notAllowed', allowedValue(value, options.map(String)));
      }
      if (path.includes('attachments')) return add('badAttachment', { value });
      return add('invalidHere', { value });
    }
    case 'invalid_format': {
      const text = typeof value === 'string' ? value : String(value);
      if (issue.format === 'email') return add('badEmail', { text, example: EXAMPLE_EMAIL });
      const pattern = (issue as { pattern?: string }).pattern;
      if (pattern === String(TIME_OF_DAY)) return add('badTime', { text });
      if (pattern === String(UNIT_ID)) {
        const s = slug(text);
        if (s && UNIT_ID.test(s)) return add('badIdGuess', { text, guess: s });
        return add('badId', { text });
      }
      if (pattern === String(OFFSET)) {
        return add(path.includes('escalation') ? 'badLateness' : 'badReminder', { text });
      }
      return add('notValid', { text, rule: issue.message });
    }
    case 'too_small': {
      if (issue.origin === 'string') return add('nothingWritten', hint);
      if (issue.origin === 'array') return add('emptyList', { minimum: Number(issue.minimum), ...hint });
      return add('tooSmall', { value, minimum: Number(issue.minimum) });
    }
    case 'too_big':
      if (issue.origin === 'string' && typeof value === 'string') {
        return add('tooLong', { length: value.length, maximum: Number(issue.maximum) });
      }
      return add('tooBig', { value, maximum: Number(issue.maximum) });
    default:
      return add('other', { message: issue.message, ...(example ? { example } : {}) });
  }
}

function allowedValue(value: unknown, allowed: string[]): { value: unknown; allowed: string[]; guess?: string } {
  const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
  return guess ? { value, allowed, guess } : { value, allowed };
}

/**
 * A YAML file kept together with its syntax tree, so that every problem found later (by the schema
 * or by a cross-field rule in `domain/campaign-validate.ts`) can name the exact line and column of
 * the field it is about. Pure: text and file name in, no I/O; `config/campaign-files.ts` reads files.
 */
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Alias,
  type Document,
  type Node,
} from 'yaml';
import { DEFAULT_LANG, render, type Lang, type MessageCode, type MessageParams } from './validation/texts';

/**
 * The most alias references (`*name`) a campaign file may expand, counted the way yaml counts them
 * (`maxAliasCount`): beyond it the file is refused at the alias, unexpanded ("billion laughs").
 */
export const MAX_ALIAS_COUNT = 100;

/** One step of a field path: a key of a mapping or an index of a list. */
export type PathSegment = string | number;

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** False when the field itself is absent and the position is that of its nearest existing parent. */
  exact: boolean;
}

/** A YAML syntax error or warning: its code and parameters, and its words in the source's language. */
export interface SyntaxMessage {
  severity: 'error' | 'warning';
  line: number;
  column: number;
  code: SyntaxCode;
  params: MessageParams<SyntaxCode>;
  message: string;
}

type SyntaxCode = Extract<
  MessageCode,
  | 'tab'
  | 'duplicateKey'
  | 'unclosedQuote'
  | 'implicitKey'
  | 'multipleDocs'
  | 'syntaxOther'
  | 'yamlWarning'
  | 'yamlFailed'
  | 'aliasBomb'
>;

interface Worded<C extends SyntaxCode = SyntaxCode> {
  code: C;
  params: MessageParams<C>;
}

export interface YamlSource {
  file: string;
  text: string;
  /** The plain value of the document (objects, arrays, strings, numbers); null when empty or broken. */
  data: unknown;
  /** Syntax errors and warnings; after an error `data` is null. */
  syntax: SyntaxMessage[];
  /**
   * Where the field at `path` is written: its value (`'value'`, the default) or its key (`'key'`,
   * for "unknown field" problems). A missing field resolves to its nearest existing parent.
   */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): SourcePosition;
  /** The text of the scalar at `path` as written (`043.8269552`, not 43.8269552); undefined if none. */
  written(path: readonly PathSegment[]): string | undefined;
}

/**
 * Parses `text`, the content of `file` (the name is only carried along for messages); syntax
 * messages in `lang` (`validateCampaign` words them again in its own).
 */
export function parseYamlSource(text: string, file: string, lang: Lang = DEFAULT_LANG): YamlSource {
  const message = (severity: SyntaxMessage['severity'], at: { line: number; column: number }, w: Worded) => ({
    severity,
    ...at,
    code: w.code,
    params: w.params,
    message: render(lang, w.code, w.params),
  });
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line, column: col };
  };

  // Tabs and repeated keys are local mistakes, each worth reporting. Any other error usually throws
  // the structure off for the rest of the file, so the errors after it are consequences, not news:
  // only the first is reported (and none when a tab, the likely cause, was found).
  const local = new Set(['TAB_AS_INDENT', 'DUPLICATE_KEY']);
  const hasTab = doc.errors.some((e) => e.code === 'TAB_AS_INDENT');
  const firstStructural = doc.errors.find((e) => !local.has(e.code));
  const syntax: SyntaxMessage[] = [];
  for (const error of doc.errors) {
    if (!local.has(error.code) && (hasTab || error !== firstStructural)) continue;
    const offset = error.code === 'MISSING_CHAR' ? openingQuote(text, error.message, error.pos[0]) : error.pos[0];
    syntax.push(message('error', position(offset), syntaxMessage(error.code, error.message, text, error.pos[0])));
  }
  for (const warning of doc.warnings) {
    syntax.push(
      message('warning', position(warning.pos[0]), { code: 'yamlWarning', params: { message: warning.message } }),
    );
  }

  // A broken document is not converted: what yaml recovered from it is a guess nobody should check.
  let data: unknown = null;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? null; // refused before anything is expanded
    } catch (error) {
      const bomb = /alias/i.test((error as Error).message) ? aliasBomb(doc) : undefined;
      if (bomb) syntax.push(message('error', position(bomb.offset), { code: 'aliasBomb', params: bomb.params }));
      else {
        const params = { message: (error as Error).message };
        syntax.push(message('error', { line: 1, column: 1 }, { code: 'yamlFailed', params }));
      }
    }
  }

  return {
    file,
    text,
    data,
    syntax,
    locate: (path, at = 'value') => {
      const found = findNode(doc, path, at);
      return { ...position(found.offset), exact: found.exact };
    },
    written: (path) => {
      const node = doc.getIn(path as PathSegment[], true);
      return isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : undefined;
    },
  };
}

/** Walks the syntax tree along `path`; stops at the last node that exists. */
function findNode(
  doc: Document,
  path: readonly PathSegment[],
  at: 'key' | 'value',
): { offset: number; exact: boolean } {
  let node: unknown = doc.contents;
  let offset = startOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && keyText(item.key) === String(segment));
      if (!pair) return { offset, exact: false };
      const keyStart = startOf(pair.key);
      const valueStart = startOf(pair.value);
      if (last && at === 'key') return { offset: keyStart ?? offset, exact: true };
      // `email:` with nothing after it: the key is the best place to point at.
      const emptyValue = pair.value === null || (isScalar(pair.value) && pair.value.value === null);
      offset = (emptyValue ? keyStart : valueStart) ?? keyStart ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment >= 0 && segment < node.items.length) {
      node = node.items[segment];
      offset = startOf(node) ?? offset;
    } else {
      return { offset, exact: false };
    }
  }
  return { offset, exact: true };
}

function startOf(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

/** For an unclosed quote yaml points at the end of the file; the opening quote is where to look. */
function openingQuote(text: string, message: string, offset: number): number {
  const quote = message.includes("'quote") ? "'" : message.includes('"quote') ? '"' : undefined;
  if (!quote) return offset;
  const opening = text.lastIndexOf(quote, Math.min(offset, text.length) - 1);
  return opening >= 0 ? opening : offset;
}

/** yaml's error messages, reworded for someone who edits the file by hand. */
function syntaxMessage(code: string, message: string, text: string, offset: number): Worded {
  switch (code) {
    case 'TAB_AS_INDENT':
      return { code: 'tab', params: {} };
    case 'DUPLICATE_KEY': {
      const key = /^\s*([^:\n]+?)\s*:/.exec(text.slice(offset))?.[1];
      return { code: 'duplicateKey', params: key ? { key } : {} };
    }
    case 'MISSING_CHAR':
      if (/quote/.test(message)) return { code: 'unclosedQuote', params: {} };
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return { code: 'implicitKey', params: { message } };
    case 'MULTIPLE_DOCS':
      return { code: 'multipleDocs', params: {} };
  }
  return { code: 'syntaxOther', params: { message } };
}

/**
 * Where yaml's `maxAliasCount` refused the document: aliases nested in aliases ("billion laughs":
 * `b: [*a, *a, …]`, `c: [*b, *b, …]`) multiply. Each alias counts the references it would resolve,
 * its own and those nested in what it copies (memoized, nothing expanded); the first alias past the
 * limit — or else the heaviest — is the one named.
 */
function aliasBomb(doc: Document): { offset: number; params: { alias: string; count: number } } | undefined {
  const memo = new Map<unknown, number>();
  /** References resolved when `node` is copied. */
  const inside = (node: unknown, depth: number): number => {
    if (depth > 100) return Infinity;
    if (isAlias(node)) return expansions(node, depth + 1);
    if (!isCollection(node)) return 0;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let n = 0;
    for (const item of node.items) {
      n += isPair(item) ? inside(item.key, depth + 1) + inside(item.value, depth + 1) : inside(item, depth + 1);
    }
    memo.set(node, n);
    return n;
  };
  const expansions = (alias: Alias, depth: number): number => 1 + inside(alias.resolve(doc), depth);
  let first: { alias: Alias; count: number } | undefined;
  let heaviest: { alias: Alias; count: number } | undefined;
  visit(doc, {
    Alias(_, alias) {
      const count = expansions(alias, 0);
      if (!heaviest || count > heaviest.count) heaviest = { alias, count };
      if (count > MAX_ALIAS_COUNT) {
        first = { alias, count };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  const found = first ?? heaviest;
  if (!found) return undefined;
  const count = Number.isFinite(found.count) ? found.count : MAX_ALIAS_COUNT;
  return { offset: found.alias.range?.[0] ?? 0, params: { alias: found.alias.source, count } };
}

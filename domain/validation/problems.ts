/**
 * The problems a campaign file has, and how they are told: `file:line:column severity path (unit
 * id): message`. {@link Report} collects them while the schema and the rules run.
 */
import { childOf, isObj } from './raw-data';
import { DEFAULT_LANG, render, textsFor, type Lang, type MessageCode, type MessageParams } from './texts';
import type { PathSegment, YamlSource } from '../yaml-source';

export interface Problem {
  severity: 'error' | 'warning';
  file: string;
  line?: number;
  column?: number;
  /** The field, e.g. `units[3].focal.email`; empty for the file as a whole. */
  path: string;
  /** The unit the field belongs to, when it belongs to one. */
  unitId?: string;
  /** What is wrong and what would be valid, in the language validation was asked for. */
  message: string;
}

/**
 * `file:line:column severity path (unit id): message`, the form editors and terminals link; the
 * severity and "unit" in `lang` (`lỗi`/`cảnh báo`, `đơn vị` by default). The message is already in
 * the language the problem was found in (`lang` of `validateCampaign`/`loadCampaign`).
 */
export function formatProblem(p: Problem, lang: Lang = DEFAULT_LANG): string {
  const t = textsFor(lang);
  const place = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const field = p.path ? ` ${p.path}` : '';
  const unit = p.unitId ? ` (${t.unit({ id: p.unitId })})` : '';
  return `${place} ${t.severity({ severity: p.severity })}${field}${unit}: ${p.message}`;
}

/** `['units', 3, 'focal', 'email']` → `units[3].focal.email`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Problems found so far, each placed at its line and column and tagged with its unit. */
export class Report {
  readonly problems: Problem[] = [];

  constructor(
    readonly source: YamlSource,
    readonly lang: Lang = DEFAULT_LANG,
  ) {}

  /** Adds the problem `code` (worded in {@link Report.lang} with `params`) at the field `path`. */
  add<C extends MessageCode>(
    severity: Problem['severity'],
    path: readonly PathSegment[],
    code: C,
    params: MessageParams<C>,
    at: 'key' | 'value' = 'value',
  ) {
    const message = render(this.lang, code, params);
    const { line, column } = this.source.locate(path, at);
    const unitId = unitIdAt(this.source.data, path);
    this.problems.push({
      severity,
      file: this.source.file,
      line,
      column,
      path: formatPath(path),
      ...(unitId ? { unitId } : {}),
      message,
    });
  }

  /** `units[0].id` at line 12: a place named inside a message (`units[0].id (dòng 12)`). */
  place(path: readonly PathSegment[]): { path: string; line: number } {
    return { path: formatPath(path), line: this.source.locate(path).line };
  }

  sorted(): Problem[] {
    return this.problems
      .map((p, i) => ({ p, i }))
      .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || (a.p.column ?? 0) - (b.p.column ?? 0) || a.i - b.i)
      .map(({ p }) => p);
  }
}

/** The id of the innermost unit `path` goes through, as written in the file. */
function unitIdAt(data: unknown, path: readonly PathSegment[]): string | undefined {
  let node = data;
  let id: string | undefined;
  for (let i = 0; i < path.length; i++) {
    node = childOf(node, path[i]);
    const inUnitList = typeof path[i] === 'number' && (path[i - 1] === 'units' || path[i - 1] === 'subUnits');
    if (inUnitList && isObj(node) && typeof node.id === 'string') id = node.id;
  }
  return id;
}

/**
 * The problems a campaign file has, and how they are told: `file:line:column severity path (unit
 * id): message`. {@link Report} collects them while the schema and the rules run.
 */
import { childOf, isObj } from './raw-data';
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
  /** What is wrong and what would be valid. */
  message: string;
}

/** `file:line:column severity path (unit id): message`, the form editors and terminals link. */
export function formatProblem(p: Problem): string {
  const place = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const field = p.path ? ` ${p.path}` : '';
  const unit = p.unitId ? ` (unit ${p.unitId})` : '';
  return `${place} ${p.severity}${field}${unit}: ${p.message}`;
}

/** `['units', 3, 'focal', 'email']` → `units[3].focal.email`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Problems found so far, each placed at its line and column and tagged with its unit. */
export class Report {
  readonly problems: Problem[] = [];

  constructor(readonly source: YamlSource) {}

  add(severity: Problem['severity'], path: readonly PathSegment[], message: string, at: 'key' | 'value' = 'value') {
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

  /** `units[0].id (line 12)`: a place named inside a message. */
  place(path: readonly PathSegment[]): string {
    return `${formatPath(path)} (line ${this.source.locate(path).line})`;
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

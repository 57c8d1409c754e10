/**
 * The catalogue of emulation titles and commendation forms (`config/award-forms.yaml`): read,
 * checked all at once — every problem with its line, column and field, in Vietnamese — and turned
 * into the contract's {@link AwardCatalogue}. The rules themselves (`ruleInForce`, `matchForm`,
 * `checkNomination`, `voteOutcome`, `shareCapReached`) live in `./award-rules` and are re-exported
 * here; workflow code imports `./award-rules` directly, since this file reads files (node:fs).
 */
// The brief puts the loader here ("pure: no I/O except the loader"): the one read of domain/.
// eslint-disable-next-line no-restricted-imports
import fs from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import path from 'node:path';
import type { AwardCatalogue, AwardForm, AwardRule, LegalBasis, VoteRule } from './award-types';
import {
  CatalogueFile,
  describeIssue,
  toFraction,
  type CatalogueFileData,
  type VoteSpecData,
} from './award-catalogue-schema';
import { foldFormName } from './award-rules';
import { formatPath } from './validation/problems';
import { asArr, asStr, childOf, isObj } from './validation/raw-data';
import { closest } from './validation/suggestions';
import { parseYamlSource, type PathSegment, type YamlSource } from './yaml-source';

export * from './award-rules';

export const DEFAULT_AWARD_CATALOGUE = path.resolve(__dirname, '..', 'config', 'award-forms.yaml');

export interface CatalogueProblem {
  file: string;
  line: number;
  column: number;
  /** `forms[3].rules[1].from`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** Everything wrong with a catalogue file; the message lists every problem, one a line. */
export class CatalogueError extends Error {
  constructor(
    readonly file: string,
    readonly problems: CatalogueProblem[],
  ) {
    super(
      `Danh mục khen thưởng ${file} có ${problems.length} lỗi:\n` +
        problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n'),
    );
    this.name = 'CatalogueError';
  }
}

class Problems {
  readonly list: CatalogueProblem[] = [];
  constructor(readonly source: YamlSource) {}
  add(at: readonly PathSegment[], message: string, where: 'key' | 'value' = 'value'): void {
    const { line, column } = this.source.locate(at, where);
    this.list.push({ file: this.source.file, line, column, path: formatPath(at), message });
  }
  lineOf(at: readonly PathSegment[]): number {
    return this.source.locate(at).line;
  }
}

const period = (from: string, until?: string): string => `từ ${from}${until ? ` đến trước ${until}` : ' trở đi'}`;

/** The cross-field checks, run on the raw data so that they still speak when the schema did not pass. */
function checkReferences(data: unknown, problems: Problems): void {
  const texts = childOf(data, 'legal-texts');
  const votes = childOf(data, 'votes');
  const textKeys = isObj(texts) ? Object.keys(texts) : [];
  const voteKeys = isObj(votes) ? Object.keys(votes) : [];
  const forms = asArr(childOf(data, 'forms'));
  const codes = forms.map((f) => asStr(childOf(f, 'code')));
  const known = codes.filter((c): c is string => c !== undefined);
  const unknown = (code: string): string =>
    `không có hình thức mã "${code}" trong danh mục${closest(code, known) ? ` (có phải "${closest(code, known)}"?)` : ''}`;

  for (const key of textKeys) {
    const from = asStr(childOf(childOf(texts, key), 'from'));
    const until = asStr(childOf(childOf(texts, key), 'until'));
    if (from && until && until <= from)
      problems.add(['legal-texts', key, 'until'], `ngày hết hiệu lực ${until} phải sau ngày có hiệu lực ${from}`);
  }

  const wordings = new Map<string, { index: number; code: string }>();
  forms.forEach((form, i) => {
    const code = codes[i];
    const first = codes.indexOf(code);
    if (code && first !== i)
      problems.add(
        ['forms', i, 'code'],
        `mã "${code}" đã dùng cho hình thức thứ ${first + 1} (dòng ${problems.lineOf(['forms', first, 'code'])})`,
      );

    const rules = asArr(childOf(form, 'rules'));
    rules.forEach((rule, r) => {
      const at: PathSegment[] = ['forms', i, 'rules', r];
      const from = asStr(childOf(rule, 'from'));
      const until = asStr(childOf(rule, 'until'));
      if (from && until && until <= from)
        problems.add([...at, 'until'], `ngày kết thúc ${until} phải sau ngày bắt đầu ${from}`);
      if (r === 0) {
        for (const field of ['conferredBy', 'vote'] as const) {
          if (childOf(rule, field) === undefined)
            problems.add(
              at,
              `quy định đầu tiên của hình thức phải ghi "${field}" (các quy định sau mới được lấy lại của quy định trước)`,
            );
        }
        if (childOf(rule, 'criteria') === undefined)
          problems.add(at, 'quy định đầu tiên của hình thức phải ghi "criteria" (có thể là danh sách rỗng [])');
      }
      // Two rules of one form in force on the same day would make the rule of a dossier ambiguous.
      for (let o = 0; o < r; o++) {
        const oFrom = asStr(childOf(rules[o], 'from'));
        const oUntil = asStr(childOf(rules[o], 'until'));
        if (!from || !oFrom) continue;
        const overlap = from < (oUntil ?? '9999-12-31') && oFrom < (until ?? '9999-12-31');
        if (overlap)
          problems.add(
            [...at, 'from'],
            `quy định ${period(from, until)} trùng thời gian với quy định thứ ${o + 1} (${period(oFrom, oUntil)}, dòng ${problems.lineOf(['forms', i, 'rules', o])})`,
          );
      }
      const vote = childOf(rule, 'vote');
      if (typeof vote === 'string' && !voteKeys.includes(vote))
        problems.add(
          [...at, 'vote'],
          `không có cách biểu quyết "${vote}" trong "votes"; có: ${voteKeys.join(', ') || '(chưa khai báo)'}`,
        );
      asArr(childOf(rule, 'basis')).forEach((b, k) => {
        const key = asStr(childOf(b, 'text'));
        if (key !== undefined && !textKeys.includes(key))
          problems.add(
            [...at, 'basis', k, 'text'],
            `không có văn bản "${key}" trong "legal-texts"; có: ${textKeys.join(', ') || '(chưa khai báo)'}`,
          );
        // A rule may only rest on a text in force over its whole period (98/2023 cited after 30/06/2025 is a slip).
        const tFrom = key === undefined ? undefined : asStr(childOf(childOf(texts, key), 'from'));
        const tUntil = key === undefined ? undefined : asStr(childOf(childOf(texts, key), 'until'));
        if (from && tFrom && (from < tFrom || (tUntil !== undefined && (until ?? '9999-12-31') > tUntil)))
          problems.add(
            [...at, 'basis', k, 'text'],
            `văn bản "${key}" có hiệu lực ${period(tFrom, tUntil)}, không áp dụng được cho quy định ${period(from, until)}`,
          );
      });
      asArr(childOf(rule, 'criteria')).forEach((c, k) => {
        if (asStr(childOf(c, 'kind')) !== 'prior-titles') return;
        const named = asStr(childOf(c, 'form'));
        if (named !== undefined && !known.includes(named)) problems.add([...at, 'criteria', k, 'form'], unknown(named));
        asArr(childOf(c, 'alsoForms')).forEach((other, n) => {
          if (typeof other === 'string' && !known.includes(other))
            problems.add([...at, 'criteria', k, 'alsoForms', n], unknown(other));
        });
      });
    });

    // The same wording for two forms a nominee may both receive: matchForm could not choose.
    const nominee = childOf(form, 'nominee');
    const types = (Array.isArray(nominee) ? nominee : [nominee]).filter((t): t is string => typeof t === 'string');
    const names = [
      ['code'],
      ['name'],
      ...asArr(childOf(form, 'aliases')).map((_, a) => ['aliases', a]),
    ] as PathSegment[][];
    for (const p of names) {
      const written = asStr(p.reduce<unknown>((n, s) => childOf(n, s), form));
      if (!written) continue;
      const folded = foldFormName(p[0] === 'code' ? written.replace(/-/g, ' ') : written);
      for (const type of types) {
        const seen = wordings.get(`${type} ${folded}`);
        if (seen && seen.index !== i)
          problems.add(
            ['forms', i, ...p],
            `cách gọi "${written}" trùng với hình thức "${seen.code}" (dòng ${problems.lineOf(['forms', seen.index, 'code'])}): không phân biệt được khi đối chiếu`,
          );
        else wordings.set(`${type} ${folded}`, { index: i, code: code ?? '?' });
      }
    }
  });
}

function toVote(spec: VoteSpecData): VoteRule {
  return {
    quorum: toFraction(spec.quorum),
    threshold: toFraction(spec.threshold),
    of: spec.of,
    ballot: spec.ballot,
    ...(spec.strict === undefined ? {} : { strict: spec.strict }),
  };
}

/** The checked file as the contract's catalogue: names resolved, omitted fields taken from the rule before. */
function build(data: CatalogueFileData): AwardCatalogue {
  const texts = data['legal-texts'] ?? {};
  const votes = data.votes ?? {};
  const forms = data.forms.map((f): AwardForm => {
    const kinds = Array.isArray(f.nominee) ? [...new Set(f.nominee)] : [f.nominee];
    let previous: AwardRule | undefined;
    const rules = f.rules.map((r): AwardRule => {
      const vote =
        r.vote === undefined ? previous?.vote : typeof r.vote === 'string' ? toVote(votes[r.vote]) : toVote(r.vote);
      const basis = r.basis.map((b): LegalBasis => {
        const t = texts[b.text];
        return {
          document: t.document,
          ...((b.article ?? t.article) ? { article: b.article ?? t.article } : {}),
          from: t.from,
          ...(t.until ? { until: t.until } : {}),
          confirmed: b.confirmed ?? t.confirmed,
          ...((b.note ?? t.note) ? { note: b.note ?? t.note } : {}),
        };
      });
      const rule: AwardRule = {
        from: r.from,
        ...(r.until ? { until: r.until } : {}),
        conferredBy: r.conferredBy ?? previous!.conferredBy,
        criteria: r.criteria ?? previous!.criteria,
        vote: vote!,
        basis,
      };
      previous = rule;
      return rule;
    });
    return {
      code: f.code,
      name: f.name,
      category: f.category,
      nominee: kinds[0],
      ...(kinds.length > 1 ? { nominees: kinds } : {}),
      ...(f.aliases ? { aliases: f.aliases } : {}),
      rules,
    };
  });
  return { forms };
}

/** Reads a catalogue's text; throws {@link CatalogueError} listing every problem, sorted by line. */
export function parseAwardCatalogue(yamlText: string, file: string): AwardCatalogue {
  const source = parseYamlSource(yamlText, file, 'vi');
  const problems = new Problems(source);
  for (const s of source.syntax.filter((m) => m.severity === 'error'))
    problems.list.push({ file, line: s.line, column: s.column, path: '', message: s.message });
  if (problems.list.length > 0) throw new CatalogueError(file, problems.list);
  if (source.data === null || source.data === undefined) {
    problems.add([], 'tệp danh mục trống: cần có "forms" (danh sách hình thức)');
    throw new CatalogueError(file, problems.list);
  }
  const parsed = CatalogueFile.safeParse(source.data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const input = issue.path.reduce<unknown>(
        (n, s) => (typeof s === 'symbol' ? undefined : childOf(n, s)),
        source.data,
      );
      for (const d of describeIssue(issue, input)) problems.add(d.path, d.message, d.at);
    }
  }
  checkReferences(source.data, problems);
  if (problems.list.length > 0 || !parsed.success) {
    const sorted = [...problems.list].sort((a, b) => a.line - b.line || a.column - b.column);
    throw new CatalogueError(file, sorted);
  }
  return build(parsed.data);
}

const cache = new Map<string, AwardCatalogue>();

/** The catalogue in `file` (the shipped one by default), read and checked once per process. */
export function loadAwardCatalogue(file: string = DEFAULT_AWARD_CATALOGUE): AwardCatalogue {
  const key = path.resolve(file);
  const cached = cache.get(key);
  if (cached) return cached;
  let text: string;
  try {
    text = fs.readFileSync(key, 'utf8');
  } catch (error) {
    throw new CatalogueError(file, [
      { file, line: 1, column: 1, path: '', message: `không đọc được tệp: ${(error as Error).message}` },
    ]);
  }
  const catalogue = parseAwardCatalogue(text, file);
  cache.set(key, catalogue);
  return catalogue;
}

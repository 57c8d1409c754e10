/**
 * Checks a campaign file and says everything that is wrong with it at once, each problem with its
 * line and column and in words a secretariat clerk can act on: what is wrong and what would be
 * valid — in Vietnamese, or in English with `lang: 'en'` (`validation/texts.ts`). Syntax first,
 * then the schema (`domain/campaign-schema.ts`, its issues reworded by
 * `validation/schema-messages.ts` with the field hints the schema carries), then the cross-field
 * rules (`validation/rules.ts`). Pure: the caller passes the calendar and `now`; files are read by
 * `loadCampaign` in `config/campaign-files.ts`.
 */
import { CampaignFile, type CampaignDefinition } from './campaign-schema';
import { Report, type Problem } from './validation/problems';
import { Rules, type ValidateOptions } from './validation/rules';
import { reportSchemaIssues } from './validation/schema-messages';
import { DEFAULT_LANG, render } from './validation/texts';
import type { YamlSource } from './yaml-source';

export { formatPath, formatProblem, type Problem } from './validation/problems';
export { type ValidateOptions, type ValidationMode } from './validation/rules';
export { closest, editDistance } from './validation/suggestions';
export {
  DEFAULT_LANG,
  LANGS,
  formatSummary,
  parseLang,
  render,
  textsFor,
  type Lang,
  type MessageCode,
  type MessageParams,
} from './validation/texts';

export interface ValidationResult {
  /** The campaign with the schema's defaults applied; only when there is no error. */
  campaign?: CampaignDefinition;
  /** Every problem, sorted by line. */
  problems: Problem[];
}

/** Validates a parsed source: syntax, then schema, then the cross-field rules. Never throws. */
export function validateCampaign(source: YamlSource, options: ValidateOptions): ValidationResult {
  const lang = options.lang ?? DEFAULT_LANG;
  const report = new Report(source, lang);
  for (const s of source.syntax) {
    report.problems.push({
      severity: s.severity,
      file: source.file,
      line: s.line,
      column: s.column,
      path: '',
      message: render(lang, s.code, s.params),
    });
  }
  // After a syntax error the structure yaml recovered is a guess: more problems would mislead.
  if (source.syntax.some((s) => s.severity === 'error')) return { problems: report.sorted() };

  const data = source.data;
  if (data === null || data === undefined) {
    report.add('error', [], 'emptyFile', {});
    return { problems: report.sorted() };
  }

  const parsed = CampaignFile.safeParse(data);
  if (!parsed.success) reportSchemaIssues(report, parsed.error.issues, data);
  try {
    new Rules(report, data, options).run();
  } catch (error) {
    // A rule tripping over data of an unexpected shape must not hide the problems already found.
    report.add('error', [], 'internalError', { message: (error as Error).message });
  }

  const problems = report.sorted();
  const ok = parsed.success && !problems.some((p) => p.severity === 'error');
  return ok ? { campaign: parsed.data, problems } : { problems };
}

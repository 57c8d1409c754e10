/**
 * Loading campaign files: the thin shell around {@link validateCampaign} (pure, in `domain/`) that
 * reads a campaign file, the working calendar (the holiday table, `config/holidays.ts`), the clock
 * and the plan's attachment files, and
 * turns anything that goes wrong on the way (a missing file, a broken holiday table) into problems
 * too, so that `campaign validate`, `campaign plan` and `campaign start` report every failure the
 * same way and never with a stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { CampaignDefinition } from '../domain/campaign-schema';
import {
  DEFAULT_LANG,
  formatPath,
  render,
  validateCampaign,
  type Lang,
  type MessageCode,
  type MessageParams,
  type Problem,
  type ValidationMode,
} from '../domain/campaign-validate';
import { decodeUtf8 } from '../domain/text-encoding';
import { parseYamlSource, type YamlSource } from '../domain/yaml-source';
import { loadWorkingCalendar } from './holidays';

export {
  DEFAULT_LANG,
  formatProblem,
  formatSummary,
  LANGS,
  parseLang,
  type Lang,
  type Problem,
  type ValidationMode,
} from '../domain/campaign-validate';
// The pure decoding moved to domain/ (sheets/ uses it too); still offered here for existing callers.
export { decodeUtf8, guessLegacyEncoding, type Decoded } from '../domain/text-encoding';

/** The largest campaign file read, in bytes: the largest real one is far below (10,000 units ≈ 2 MB). */
export const MAX_CAMPAIGN_FILE_BYTES = 5 * 1024 * 1024;

export interface LoadOptions {
  mode: ValidationMode;
  /** ISO instant for the past-deadline rule; the clock when absent. */
  now?: string;
  /** The working calendar; `loadWorkingCalendar()` (the shipped holiday table) when absent. */
  calendar?: WorkingCalendar;
  /** The language of the messages: `vi` (the default) or `en`. */
  lang?: Lang;
}

export type LoadResult =
  { ok: true; campaign: CampaignDefinition; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Reads and validates the campaign file at `file`; `ok` only when there is no error. The mode is
 * `validate` unless told: a past deadline is then a warning, as `campaign plan` wants.
 */
export function loadCampaign(file: string, options: LoadOptions = { mode: 'validate' }): LoadResult {
  const lang = options.lang ?? DEFAULT_LANG;
  const say = <C extends MessageCode>(code: C, params: MessageParams<C>) => render(lang, code, params);
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > MAX_CAMPAIGN_FILE_BYTES) {
      return { ok: false, problems: [fileProblem(file, say('fileTooBig', { size, max: MAX_CAMPAIGN_FILE_BYTES }))] };
    }
    bytes = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, problems: [fileProblem(file, readFailure(error as NodeJS.ErrnoException, lang))] };
  }
  return checkCampaignText(bytes, file, options);
}

/**
 * Checks a campaign given as bytes (an upload: size, then UTF-8, naming the legacy encoding) or as
 * text (typed in a page), exactly as {@link loadCampaign} checks a file. `file` names it in the
 * problems, and attachments are looked for beside it: it need not exist itself.
 */
export function checkCampaignText(
  input: string | Uint8Array,
  file: string,
  options: LoadOptions = { mode: 'validate' },
): LoadResult {
  const lang = options.lang ?? DEFAULT_LANG;
  const say = <C extends MessageCode>(code: C, params: MessageParams<C>) => render(lang, code, params);
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > MAX_CAMPAIGN_FILE_BYTES) {
    return { ok: false, problems: [fileProblem(file, say('fileTooBig', { size, max: MAX_CAMPAIGN_FILE_BYTES }))] };
  }
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) {
      const { line, column, bytes: shown, encoding } = decoded;
      const message = say('notUtf8', { bytes: shown, ...(encoding ? { encoding } : {}) });
      return { ok: false, problems: [{ severity: 'error', file, line, column, path: '', message }] };
    }
    text = decoded.text;
  }

  let calendar = options.calendar;
  if (!calendar) {
    try {
      calendar = loadWorkingCalendar();
    } catch (error) {
      return {
        ok: false,
        problems: [fileProblem(file, say('holidayTable', { message: (error as Error).message }))],
      };
    }
  }

  const source = parseYamlSource(text, file, lang);
  const { campaign, problems } = validateCampaign(source, {
    calendar,
    mode: options.mode,
    now: options.now ?? new Date().toISOString(),
    lang,
  });
  if (!campaign) return { ok: false, problems };
  const missing = attachmentFileProblems(campaign, source, file, lang);
  if (missing.length > 0) return { ok: false, problems: [...problems, ...missing] };
  return { ok: true, campaign, warnings: problems };
}

/** Files attached to the plan must exist beside the campaign file: checked before anything starts. */
function attachmentFileProblems(campaign: CampaignDefinition, source: YamlSource, file: string, lang: Lang): Problem[] {
  const problems: Problem[] = [];
  campaign.phases.forEach((phase, i) => {
    if (phase.kind !== 'plan-issue') return;
    phase.attachments.forEach((attachment, j) => {
      if (typeof attachment === 'string') return;
      const message = attachmentProblem(file, attachment.file, lang);
      if (!message) return;
      const fieldPath = ['phases', i, 'attachments', j, 'file'];
      const { line, column } = source.locate(fieldPath, 'value');
      problems.push({ severity: 'error', file, line, column, path: formatPath(fieldPath), message });
    });
  });
  return problems;
}

function fileProblem(file: string, message: string): Problem {
  return { severity: 'error', file, path: '', message };
}

function readFailure(error: NodeJS.ErrnoException, lang: Lang): string {
  switch (error.code) {
    case 'ENOENT':
      return render(lang, 'fileMissing', { cwd: process.cwd() });
    case 'EISDIR':
      return render(lang, 'isFolder', {});
    case 'EACCES':
    case 'EPERM':
      return render(lang, 'noPermission', {});
    default:
      return render(lang, 'readFailed', { message: error.message });
  }
}

const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** File types a plan document may have, by extension. */
export const DOCUMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.txt': 'text/plain; charset=utf-8',
};

/** What is wrong with an attachment's file, relative to the campaign file; undefined when fine. */
export function attachmentProblem(
  campaignFile: string,
  relative: string,
  lang: Lang = DEFAULT_LANG,
): string | undefined {
  const type = DOCUMENT_TYPES[path.extname(relative).toLowerCase()];
  if (!type) return render(lang, 'attachmentType', { file: relative, types: Object.keys(DOCUMENT_TYPES) });
  const full = path.resolve(path.dirname(campaignFile), relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    // Named from the current folder, as the user typed the campaign file's own path.
    const shown = path.relative(process.cwd(), full) || full;
    return render(lang, 'attachmentMissing', { file: relative, shown });
  }
  if (!stat.isFile()) return render(lang, 'attachmentNotFile', { file: relative });
  if (stat.size === 0) return render(lang, 'attachmentEmpty', { file: relative });
  if (stat.size > MAX_DOCUMENT_BYTES) return render(lang, 'attachmentTooBig', { file: relative, size: stat.size });
  return undefined;
}

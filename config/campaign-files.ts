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
import { formatPath, validateCampaign, type Problem, type ValidationMode } from '../domain/campaign-validate';
import { parseYamlSource, type YamlSource } from '../domain/yaml-source';
import { loadWorkingCalendar } from './holidays';

export { formatProblem, type Problem, type ValidationMode } from '../domain/campaign-validate';

export interface LoadOptions {
  mode: ValidationMode;
  /** ISO instant for the past-deadline rule; the clock when absent. */
  now?: string;
  /** The working calendar; `loadWorkingCalendar()` (the shipped holiday table) when absent. */
  calendar?: WorkingCalendar;
}

export type LoadResult =
  { ok: true; campaign: CampaignDefinition; warnings: Problem[] } | { ok: false; problems: Problem[] };

/**
 * Reads and validates the campaign file at `file`; `ok` only when there is no error. The mode is
 * `validate` unless told: a past deadline is then a warning, as `campaign plan` wants.
 */
export function loadCampaign(file: string, options: LoadOptions = { mode: 'validate' }): LoadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, problems: [fileProblem(file, readFailure(error as NodeJS.ErrnoException))] };
  }

  let calendar = options.calendar;
  if (!calendar) {
    try {
      calendar = loadWorkingCalendar();
    } catch (error) {
      return {
        ok: false,
        problems: [
          fileProblem(file, `cannot check dates: the holiday table does not load: ${(error as Error).message}`),
        ],
      };
    }
  }

  const source = parseYamlSource(text, file);
  const { campaign, problems } = validateCampaign(source, {
    calendar,
    mode: options.mode,
    now: options.now ?? new Date().toISOString(),
  });
  if (!campaign) return { ok: false, problems };
  const missing = attachmentFileProblems(campaign, source, file);
  if (missing.length > 0) return { ok: false, problems: [...problems, ...missing] };
  return { ok: true, campaign, warnings: problems };
}

/** Files attached to the plan must exist beside the campaign file: checked before anything starts. */
function attachmentFileProblems(campaign: CampaignDefinition, source: YamlSource, file: string): Problem[] {
  const problems: Problem[] = [];
  campaign.phases.forEach((phase, i) => {
    if (phase.kind !== 'plan-issue') return;
    phase.attachments.forEach((attachment, j) => {
      if (typeof attachment === 'string') return;
      const message = attachmentProblem(file, attachment.file);
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

function readFailure(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `the file does not exist (looked for it from ${process.cwd()}); check the name and the folder`;
    case 'EISDIR':
      return 'this is a folder, not a file; name a campaign file such as config/campaigns/vinh-phuc-67-kh-tu-2009.yaml';
    case 'EACCES':
    case 'EPERM':
      return 'the file cannot be read (no permission); ask for read access or copy it elsewhere';
    default:
      return `the file cannot be read: ${error.message}`;
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
export function attachmentProblem(campaignFile: string, relative: string): string | undefined {
  const type = DOCUMENT_TYPES[path.extname(relative).toLowerCase()];
  if (!type) return `"${relative}": only ${Object.keys(DOCUMENT_TYPES).join(', ')} files can be attached`;
  const full = path.resolve(path.dirname(campaignFile), relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    // Named from the current folder, as the user typed the campaign file's own path.
    const shown = path.relative(process.cwd(), full) || full;
    return `"${relative}" does not exist (looked for ${shown}); the path is relative to the campaign file`;
  }
  if (!stat.isFile()) return `"${relative}" is not a file`;
  if (stat.size === 0) return `"${relative}" is empty`;
  if (stat.size > MAX_DOCUMENT_BYTES) return `"${relative}" is ${stat.size} bytes; at most 10 MB can be attached`;
  return undefined;
}

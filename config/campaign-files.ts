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

type Decoded =
  { ok: true; text: string } | { ok: false; line: number; column: number; bytes: string; encoding?: string };

/**
 * The text of a campaign file, which must be UTF-8 (a byte order mark is accepted and dropped); or
 * where it is not — the line and column of the first byte that is not UTF-8 — and the old
 * Vietnamese encoding it looks like ({@link guessLegacyEncoding}).
 */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, bad);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.filter((b) => b === 0x0a).length + 1;
    // Columns count characters: the valid UTF-8 before the bad byte on its line.
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
    let end = bad + 1;
    while (end < Math.min(bad + 3, bytes.length) && bytes[end] >= 0x80) end++;
    const shown = Array.from(
      bytes.subarray(bad, end),
      (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(' ');
    const encoding = guessLegacyEncoding(bytes);
    return { ok: false, line, column, bytes: shown, ...(encoding ? { encoding } : {}) };
  }
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return bytes.length;
}

/**
 * Which old Vietnamese encoding non-UTF-8 bytes look like — a heuristic on byte patterns, good
 * enough to tell a clerk what to convert from:
 * - TCVN3 (ABC): precomposed letters in 0xA1–0xBF and 0xC6–0xFE standing alone ("Së Néi vô"),
 *   in particular ă â ê ô ơ ư đ at 0xA8–0xAE, which the other two never use;
 * - VNI: a plain vowel followed by a mark byte (ù ø û õ ï for the tones, ä å ã for the
 *   circumflex/breve ones), đ as 0xF1 — "Sôû Noäi vuï";
 * - Windows-1258: base letter followed by a combining tone (0xCC 0xEC 0xD2 0xDE 0xF2), and
 *   ơ ư đ as 0xF5 0xFD 0xF0.
 * Undefined when no pattern stands out.
 */
export function guessLegacyEncoding(bytes: Uint8Array): string | undefined {
  let tcvn3 = 0;
  let vni = 0;
  let cp1258 = 0;
  const vowel = (b: number) => 'aeiouyAEIOUY'.includes(String.fromCharCode(b));
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const prev = i > 0 ? bytes[i - 1] : 0;
    if (b >= 0xa8 && b <= 0xae) tcvn3 += 2;
    else if (b >= 0xa1 && b <= 0xbf) tcvn3 += 1;
    if (
      [0xcc, 0xec, 0xd2, 0xde, 0xf2].includes(b) &&
      (vowel(prev) || [0xe2, 0xea, 0xf4, 0xf5, 0xfd, 0xe3].includes(prev))
    ) {
      cp1258 += 2;
    }
    if ([0xf5, 0xfd, 0xf0, 0xd0].includes(b)) cp1258 += 1;
    if ([0xf9, 0xf8, 0xfb, 0xf5, 0xef, 0xe4, 0xe5, 0xe3, 0xe1, 0xe0, 0xe2].includes(b) && vowel(prev)) vni += 2;
    if (b === 0xf1 || b === 0xd1) vni += 1;
    if ((b === 0xf6 || b === 0xf4) && (prev === 0x75 || prev === 0x6f)) vni += 2; // ư = u + ö, ơ = o + ô
  }
  const best = Math.max(tcvn3, vni, cp1258);
  if (best === 0) return undefined;
  if (best === tcvn3) return 'TCVN3 (ABC)';
  return best === vni ? 'VNI' : 'Windows-1258';
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

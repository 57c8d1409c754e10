/**
 * `thidua campaign validate FILE [FILE...] [--json] [--now ISO]`: checks campaign files and prints
 * every problem with its place ({@link formatProblem}), then one summary line per file. Starts
 * nothing and needs no server, so it runs in CI and in an editor's task runner.
 *
 * The summary lines and usage are Vietnamese by default, English with `--lang en` (or THIDUA_LANG=en);
 * `--json` is not translated.
 *
 * Exit codes: 0 no error (warnings allowed), 1 at least one error, 2 bad command line.
 */
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { UnitInput } from '../../domain/campaign-schema';
import { formatProblem, loadCampaign, type Problem } from '../../config/campaign-files';
import { loadWorkingCalendar } from '../../config/holidays';
import type { CliError } from '../connect';
import { cliLang, type Lang } from '../messages';
import { langOfArgv, texts } from '../texts';

export interface ValidateIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** What one file gave, as `--json` prints it. */
export interface FileResult {
  file: string;
  valid: boolean;
  errors: number;
  warnings: number;
  /** Units including sub-units, and phases; only for a valid file. */
  units?: number;
  phases?: number;
  problems: Problem[];
}

export async function validateCommand(
  argv: string[],
  io: ValidateIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    const t = texts(langOfArgv(argv)).validate;
    io.stderr.write(`${args}\n${t.usage}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(texts(args.lang).validate.usage);
    return 0;
  }

  let calendar: WorkingCalendar | undefined;
  try {
    calendar = loadWorkingCalendar();
  } catch {
    calendar = undefined; // loadCampaign tries again and reports the failure against each file
  }

  const results = args.files.map((file) => validateFile(file, calendar, args.now, args.lang));
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ files: results }, null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const p of r.problems) io.stdout.write(`${formatProblem(p, args.lang)}\n`);
      io.stdout.write(`${r.file}: ${summary(r, args.lang)}\n`);
    }
  }
  return results.some((r) => r.errors > 0) ? 1 : 0;
}

function validateFile(
  file: string,
  calendar: WorkingCalendar | undefined,
  now: string | undefined,
  lang: Lang,
): FileResult {
  const loaded = loadCampaign(file, {
    mode: 'validate',
    lang,
    ...(now !== undefined ? { now } : {}),
    ...(calendar ? { calendar } : {}),
  });
  const problems = loaded.ok ? loaded.warnings : loaded.problems;
  const errors = problems.filter((p) => p.severity === 'error').length;
  const result: FileResult = { file, valid: loaded.ok, errors, warnings: problems.length - errors, problems };
  if (loaded.ok) {
    result.units = countUnits(loaded.campaign.units);
    result.phases = loaded.campaign.phases.length;
  }
  return result;
}

function countUnits(units: UnitInput[]): number {
  return units.reduce((n, u) => n + 1 + countUnits(u.subUnits ?? []), 0);
}

/** "2 lỗi, 1 cảnh báo" or "hợp lệ: 35 đơn vị, 5 giai đoạn" ("2 errors, 1 warning", "valid: 35 units, 5 phases"). */
export function summary(r: FileResult, lang: Lang = 'vi'): string {
  const t = texts(lang).validate;
  return r.errors > 0 ? t.errors(r.errors, r.warnings) : t.valid(r.units ?? 0, r.phases ?? 0, r.warnings);
}

interface Args {
  files: string[];
  json: boolean;
  help: boolean;
  now?: string;
  lang: Lang;
}

/** The arguments, or what is wrong with them. */
function parseArgs(argv: string[]): Args | string {
  const t = texts(langOfArgv(argv)).validate;
  const args: Args = { files: [], json: false, help: false, lang: 'vi' };
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--lang' || arg.startsWith('--lang=')) {
      options.lang = (arg === '--lang' ? argv[++i] : arg.slice('--lang='.length)) ?? '';
    } else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--now' || arg.startsWith('--now=')) {
      const value = arg === '--now' ? argv[++i] : arg.slice('--now='.length);
      if (!value || Number.isNaN(Date.parse(value))) {
        return t.nowNeedsInstant;
      }
      args.now = value;
    } else if (arg.startsWith('-')) return t.unknownOption(arg);
    else args.files.push(arg);
  }
  try {
    args.lang = cliLang(options);
  } catch (err) {
    return (err as CliError).message;
  }
  if (args.files.length === 0 && !args.help) return t.noFile;
  return args;
}

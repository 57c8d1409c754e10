/**
 * `thidua campaign validate FILE [FILE...] [--json] [--now ISO]`: checks campaign files and prints
 * every problem with its place ({@link formatProblem}), then one summary line per file. Starts
 * nothing and needs no server, so it runs in CI and in an editor's task runner.
 *
 * Exit codes: 0 no error (warnings allowed), 1 at least one error, 2 bad command line.
 */
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { UnitInput } from '../../domain/campaign-schema';
import { formatProblem, loadCampaign, type Problem } from '../../config/campaign-files';
import { loadWorkingCalendar } from '../../config/holidays';

export interface ValidateIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

const USAGE = `Cách dùng (usage): thidua campaign validate FILE [FILE...] [--json] [--now ISO]
  --json      in kết quả dạng JSON (results as JSON)
  --now ISO   mốc "bây giờ" để xét hạn đã qua (the instant past deadlines are judged against)
`;

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
    io.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }

  let calendar: WorkingCalendar | undefined;
  try {
    calendar = loadWorkingCalendar();
  } catch {
    calendar = undefined; // loadCampaign tries again and reports the failure against each file
  }

  const results = args.files.map((file) => validateFile(file, calendar, args.now));
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ files: results }, null, 2)}\n`);
  } else {
    for (const r of results) {
      for (const p of r.problems) io.stdout.write(`${formatProblem(p)}\n`);
      io.stdout.write(`${r.file}: ${summary(r)}\n`);
    }
  }
  return results.some((r) => r.errors > 0) ? 1 : 0;
}

function validateFile(file: string, calendar: WorkingCalendar | undefined, now: string | undefined): FileResult {
  const loaded = loadCampaign(file, {
    mode: 'validate',
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

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 lỗi, 1 cảnh báo — 2 errors, 1 warning" or "hợp lệ — valid: 35 units, 5 phases". */
export function summary(r: FileResult): string {
  if (r.errors > 0) {
    return `${r.errors} lỗi, ${r.warnings} cảnh báo — ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`;
  }
  const contents = `${plural(r.units ?? 0, 'unit')}, ${plural(r.phases ?? 0, 'phase')}`;
  if (r.warnings > 0) {
    return `hợp lệ, ${r.warnings} cảnh báo — valid with ${plural(r.warnings, 'warning')}: ${contents}`;
  }
  return `hợp lệ — valid: ${contents}`;
}

interface Args {
  files: string[];
  json: boolean;
  help: boolean;
  now?: string;
}

/** The arguments, or what is wrong with them. */
function parseArgs(argv: string[]): Args | string {
  const args: Args = { files: [], json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') args.json = true;
    else if (arg === '--help' || arg === '-h') args.help = true;
    else if (arg === '--now' || arg.startsWith('--now=')) {
      const value = arg === '--now' ? argv[++i] : arg.slice('--now='.length);
      if (!value || Number.isNaN(Date.parse(value))) {
        return `--now needs an ISO instant such as 2009-10-01T08:00:00+07:00`;
      }
      args.now = value;
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else args.files.push(arg);
  }
  if (args.files.length === 0 && !args.help) return 'name at least one campaign file';
  return args;
}

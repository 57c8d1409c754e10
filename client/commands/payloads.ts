/**
 * `thidua payloads sweep [--grace 24h] [--dry-run] [--namespaces NS1,NS2] [--concurrency 8] [--json]`:
 * deletes the claim check's blobs (`THIDUA_DATA_DIR/payloads`) that no history or schedule of the
 * namespace refers to any more and that are older than the grace (`config/claim-check-sweep.ts`),
 * reading up to `--concurrency` histories at once. Run by an operator, e.g. daily from cron; exits 1
 * without deleting anything when Temporal could not be read whole, and 1 when a file could not be deleted.
 */
import { payloadsDir } from '../../config/claim-check';
import {
  DEFAULT_GRACE_MS,
  DEFAULT_MARK_CONCURRENCY,
  MAX_MARK_CONCURRENCY,
  MarkError,
  sweepPayloads,
  type SweepReport,
} from '../../config/claim-check-sweep';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { cliLang } from '../messages';
import { texts, type PayloadsCliTexts } from '../texts';
import { COMMAND_SPECS } from './synopsis';

const SPEC = COMMAND_SPECS['payloads sweep'];
const OPTIONS = new Set([...(SPEC.values ?? []), ...(SPEC.flags ?? []), 'lang']);
/** At most this many missing blobs are named; the count says the rest. */
const MISSING_NAMED = 5;

export async function sweepCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv, [...(SPEC.flags ?? [])]);
  const lang = cliLang(options);
  const t = texts(lang).payloads;
  const unknown = [
    ...positional,
    ...Object.keys(options)
      .filter((o) => !OPTIONS.has(o))
      .map((o) => `--${o}`),
  ];
  if (unknown.length > 0) throw new CliError(`${t.unknownOption(unknown[0])}\n${texts(lang).usage(t.usage)}`, 2);
  const graceMs = options.grace === undefined ? DEFAULT_GRACE_MS : parseGrace(options.grace, t);
  const concurrency =
    options.concurrency === undefined ? DEFAULT_MARK_CONCURRENCY : parseConcurrency(options.concurrency, t);

  const also = (options.namespaces ?? '').split(',').map((n) => n.trim());
  if (options.namespaces !== undefined && also.some((n) => n === ''))
    throw new CliError(t.badNamespaces(options.namespaces), 2);

  const cli = await connect(lang).catch((err: unknown) => {
    if (err instanceof CliError) throw new CliError(t.markFailed(err.message.replace(/\.$/, '')), 1, { cause: err });
    throw err;
  });
  let report: SweepReport;
  try {
    report = await sweepPayloads({
      service: cli.client.workflowService, // raw: the references, not the values they stand for
      // The configured namespace always; others that share the data folder on request.
      namespaces: [...new Set([cli.client.options.namespace, ...also.filter(Boolean)])],
      dir: payloadsDir(cli.settings.dataDir),
      graceMs,
      dryRun: options['dry-run'] !== undefined,
      concurrency,
    });
  } catch (err) {
    if (err instanceof MarkError) throw new CliError(t.markFailed(t.failure(err.failure)), 1, { cause: err });
    throw err;
  } finally {
    await cli.close();
  }
  if (options.json !== undefined) io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else io.stdout.write(describe(report, t));
  return report.failed.length > 0 ? 1 : 0;
}

function describe(r: SweepReport, t: PayloadsCliTexts): string {
  const bytes = r.removed.reduce((sum, f) => sum + f.bytes, 0);
  const lines = [
    t.marked({
      namespaces: r.namespaces,
      executions: r.executions,
      schedules: r.schedules,
      grace: t.grace(r.graceMs / 3600_000),
    }),
    r.dryRun ? t.wouldRemove(r.removed.length, bytes) : t.removed(r.removed.length, bytes),
    ...r.removed.map((f) => t.fileLine(f.file, f.bytes, f.kind)),
    t.kept({ referenced: r.keptReferenced, young: r.keptYoung, other: r.keptOther }),
  ];
  if (r.missing.length > 0) lines.push(t.missing(r.missing.length, r.missing.slice(0, MISSING_NAMED)));
  if (r.failed.length > 0) lines.push(t.failed(r.failed.length), ...r.failed.map((f) => t.failedLine(f.file, f.why)));
  return lines.join('\n') + '\n';
}

/** `24h`, `2d`, `90m`: at least a minute (a write under way takes milliseconds; an encode in flight, seconds). */
export function parseGrace(value: string, t: PayloadsCliTexts): number {
  const m = /^(\d+)\s*(m|h|d)$/.exec(value.trim());
  const ms = m ? Number(m[1]) * { m: 60_000, h: 3600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'] : NaN;
  if (!(ms >= 60_000)) throw new CliError(t.badGrace(value), 2);
  return ms;
}

/** `--concurrency N`: histories read at once, 1 (one after another) to {@link MAX_MARK_CONCURRENCY}. */
export function parseConcurrency(value: string, t: PayloadsCliTexts): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_MARK_CONCURRENCY)) throw new CliError(t.badConcurrency(value, MAX_MARK_CONCURRENCY), 2);
  return n;
}

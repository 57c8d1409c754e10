/**
 * `npm run bench [-- --units N]`: performance against the floor (issue 17), and the scale checks of
 * issue 4. On a Temporal dev server started here (the CLI of `scripts/tools.ts`, thidua's search
 * attributes, Temporal's default limits: no `--dynamic-config-value`, so that what is checked is
 * what a default cluster enforces), in one run:
 *
 * 1. the floor: N bare workflows (`scripts/bench/floor-workflow.ts`, its own worker and task queue)
 *    that run one activity, sleep until one shared instant, and run one more: its start-up (until
 *    every first activity ran) and its burst (from the instant until the last second activity ran;
 *    lateness p50/p99);
 * 2. the product: a campaign of N units (default 10,000) on the real workflows and the real
 *    activities (mail through the product's pooled nodemailer transport to a real SMTP server on this
 *    machine, `scripts/bench/smtp-sink.ts`; stores in a temporary folder): start-up (from the campaign
 *    start until every unit's plan mail is accepted), the deadline burst (every unit's reminder due at
 *    one instant after the start-up: until the last one is accepted by the SMTP server, lateness
 *    p50/p99), `thidua campaign status` latency, peak memory, history and children limits while
 *    every unit runs and after the campaign is cancelled through its `cancelCampaign` update;
 * 3. history per unit for a normal self-review (plan, four reminders, one submission, lock, close),
 *    played through on a small campaign (`--self-review-units`, default 20).
 *
 * Every figure is also given as a ratio to the floor; the figures go to a JSON file
 * (`test-results/bench.json`, or `--json FILE`) and a table. It ends with `bench: OK`, or
 * `bench: FAILED (why)` and exit 1, when a ratio passes its bound (`scripts/bench/results.ts`), a
 * unit's self-review takes more than 58 history events, a wait times out (or makes no progress for 3
 * minutes), `campaign status` takes 1 s or more, a parent started more than 1,000 children or a
 * history passes Temporal's warning limits (10,240 events, 10 MiB), a unit is not told of the
 * cancellation, or a server is left running.
 *
 * Options: `--units N`; `--units-per-batch N` (default: the product's `UNITS_PER_BATCH`, 100); `--sample N` (units whose
 * histories are read, default 25); `--status-runs N` (default 7); `--timeout-minutes N` (per wait,
 * default 25); `--json FILE`; `--floor-lead-seconds N` (the floor's instant after its first start;
 * default 15 s + 60 ms a unit up to 1,000 + 25 ms a unit beyond); `--lead-factor F` (the product's instant: F × the floor's
 * start-up + 10 s, at least 20 s; default 5); `--self-review-units N` (0 skips it);
 * `--max-events-per-unit N` (default 58); `--db-file` (SQLite file as `npm run dev` has, instead of
 * in-memory: about 3 times slower on this workload); `--keep` (keep the temporary folder and server
 * log). Worker tuning, the product worker's otherwise (`WORKER_TUNING` of `worker/create-worker.ts`,
 * SDK defaults for the rest), applied to both workers: `--max-cached-workflows N`, `--max-concurrent-workflow-tasks N`,
 * `--workflow-task-pollers N`, `--non-sticky-ratio R`, `--max-concurrent-activities N`,
 * `--max-concurrent-local-activities N`,
 * `--workflow-threads N`; and the product's SMTP connections, `--smtp-connections N` (its
 * `THIDUA_SMTP_MAX_CONNECTIONS`, default 4). `--cpu-profile FILE`: V8 CPU profiles of thidua's burst
 * window only, this process's main thread in FILE and each worker thread's (the workflows) beside it
 * (`scripts/bench/burst-profile.ts`), their top entries printed; the CPU seconds of each process over
 * both bursts are printed in every run.
 *
 * Its pieces are in `scripts/bench/`: options, the floor, the real activities and the SMTP server,
 * the campaign inputs, the self-review sample, history limits, process figures, bounded waits, the
 * report and the results (bounds, table, JSON); the run's steps: set-up and cleanup (`setup.ts`),
 * servers and workers (`start.ts`), the floor phase (`floor-phase.ts`), the product's start-up and
 * burst (`startup-burst.ts`), its status timing, limits, cancellation and self-review
 * (`product-checks.ts`), and the last figures and results (`outcome.ts`).
 */
import type { BenchResults } from './bench/results';
import { floorPhase } from './bench/floor-phase';
import { parseOptions, type Options } from './bench/options';
import { outcome, writeReport } from './bench/outcome';
import { productChecks } from './bench/product-checks';
import { failures, summary } from './bench/report';
import { installRuntime, prepare, Processes } from './bench/setup';
import { startServers, startWorkers } from './bench/start';
import { startUpAndBurst } from './bench/startup-burst';
import { MissingToolError } from './tools';

/** The figures of a run that got that far (written with the failures, if any, after the summary). */
let report: Omit<BenchResults, 'failures'> | undefined;

async function run(opts: Options): Promise<void> {
  const env = await prepare(opts);
  const warnings = installRuntime(env.metricsPort);
  const procs = new Processes(env);
  try {
    const servers = await startServers(env, procs);
    const workers = await startWorkers(env, procs, servers);
    const pids = () => ({ server: procs.server?.pid, smtp: procs.smtp?.pid });
    const floor = await floorPhase(env, servers, workers, pids);
    const product = await startUpAndBurst(env, servers, workers, floor.floor.startMs, pids);
    const checks = await productChecks(env, servers, workers, product);
    report = outcome(env, procs, warnings, workers, floor, product, checks);
  } finally {
    await procs.stop();
  }
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`bench: ${(err as Error).message}`);
    return 2;
  }
  try {
    await run(opts);
  } catch (err) {
    const e = err as Error;
    failures.push(e instanceof MissingToolError ? e.message : e.message || String(e));
    if (!(e instanceof MissingToolError)) console.error(e.stack ?? e);
  }
  if (report) writeReport(opts, report);
  summary();
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log(`bench: FAILED (${String(err)})`);
    process.exit(1);
  },
);

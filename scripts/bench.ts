/**
 * `npm run bench [-- --units N]`: the scale benchmark of issue 4. A campaign of N units (default
 * 10,000) on a Temporal dev server started here (the CLI of `scripts/tools.ts`, thidua's search
 * attributes, Temporal's default limits: no `--dynamic-config-value`, so that what is checked is
 * what a default cluster enforces), the real workflows on a real worker, and the activities
 * replaced at the activity boundary by in-process fakes (MAIL IS FAKED: no SMTP, no stores). It
 * prints figures and a summary, then `bench: OK`, or `bench: FAILED (why)` and exit 1, when:
 *
 * - not every unit workflow is running (visibility count) and has issued its plan within the
 *   bounded waits (a wait fails on its timeout, or after 3 minutes without progress);
 * - `thidua campaign status` (the real command: visibility only) takes 1 s or more, at worst of
 *   its runs, once every unit runs;
 * - a parent (campaign, batch) started more than 1,000 children, or a history of the campaign, of a
 *   batch or of a sampled unit exceeds Temporal's warning limits (10,240 events, 10 MiB): measured
 *   once every unit runs and again after the campaign is cancelled through its `cancelCampaign`
 *   update, which fans out through the whole tree (where batch histories peak);
 * - the server is left running.
 *
 * Options: `--units N`; `--units-per-batch N` (default: the product's 250); `--sample N` (units whose
 * histories are read, default 25); `--status-runs N` (default 7); `--timeout-minutes N` (per wait,
 * default 25); `--db-file` (SQLite file as `npm run dev` has, instead of in-memory: about 3 times
 * slower on this workload); `--keep` (keep the database and server log). Worker tuning, SDK defaults
 * otherwise (as `worker/create-worker.ts`): `--max-cached-workflows N`,
 * `--max-concurrent-workflow-tasks N`, `--workflow-task-pollers N`, `--non-sticky-ratio R`.
 *
 * Its pieces are in `scripts/bench/`: options, the fakes, history limits, process figures, bounded
 * waits and the report.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogEntry } from '@temporalio/worker';
import { statusCommand } from '../client/commands/campaign-status';
import { CampaignIdKey, PhaseKey } from '../domain/search-attributes';
import { campaignWorkflowId, unitWorkflowId } from '../domain/workflow-types';
import { campaignWorkflow, cancelCampaign } from '../workflows/campaign';
import { campaignInput, fakeActivities, unitId, type FakeCounters } from './bench/fakes';
import { checkLimits } from './bench/histories';
import { parseOptions, type Options } from './bench/options';
import { cpuSecondsOf, isAlive, memory, rssOf, scrape } from './bench/processes';
import { fail, failures, figure, median, mib, n, secs, step, summary } from './bench/report';
import { bounded, waitProgress } from './bench/waits';
import { devServerExited, startDevServer, waitForDevServer } from './dev-server';
import { freePort, stopProcess, waitFor } from './processes';
import { ensureTemporalCli, MissingToolError } from './tools';

const STATUS_TARGET_MS = 1_000;

async function run(opts: Options): Promise<void> {
  const wallStart = Date.now();
  const cli = process.env.THIDUA_TEMPORAL_CLI ?? ensureTemporalCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'));
  const serverLog = path.join(dir, 'temporal.log');
  const port = await freePort();
  const metricsPort = await freePort();
  const campaignId = `bench-${Date.now().toString(36)}`;
  const taskQueue = `bench-${campaignId}`;
  const batches = Math.ceil(opts.units / opts.unitsPerBatch);

  console.log(
    [
      `bench: campaign of ${n(opts.units)} units in ${n(batches)} batches of <= ${n(opts.unitsPerBatch)}, on ${os.cpus().length} CPU(s), Node ${process.version}`,
      `bench: code ${codeVersion()}`,
      'bench: MAIL IS FAKED in this benchmark: sendUnitMessage returns "sent" in-process (no SMTP), loadUnitPage',
      '       returns synthetic units, lockUnitReports does nothing. Workflows, server and visibility are real.',
    ].join('\n'),
  );

  // Warnings of workflows (e.g. a signal to a unit that already completed) are counted, not printed by the thousand.
  const warnings = new Map<string, number>();
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry: LogEntry) => {
      const kind = entry.message
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(:\d+)*/g, '<run>')
        .replace(/\b(dv)?\d+\b/g, '#');
      const count = (warnings.get(kind) ?? 0) + 1;
      warnings.set(kind, count);
      if (count <= 2 || entry.level === 'ERROR') {
        const err = (entry.meta as { err?: Error } | undefined)?.err;
        console.log(
          `  [worker ${entry.level}] ${entry.message}${err ? `: ${err.message}` : ''}${count === 2 ? ' (further ones only counted)' : ''}`,
        );
      }
    }),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      metrics: { prometheus: { bindAddress: `127.0.0.1:${metricsPort}` } },
    },
  });

  let server: ChildProcess | undefined;
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let workerError: Error | undefined;
  const closers: Array<() => Promise<unknown>> = [];
  let sampler: NodeJS.Timeout | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      if (sampler) clearInterval(sampler);
      if (worker && worker.getState() === 'RUNNING') worker.shutdown();
      if (workerRun) {
        await Promise.race([workerRun.catch(() => undefined), new Promise((r) => setTimeout(r, 30_000))]);
      }
      for (const close of closers.reverse()) await close().catch(() => undefined);
      if (server) await stopProcess(server, 10_000);
      if (!opts.keep) fs.rmSync(dir, { recursive: true, force: true });
      else console.log(`bench: kept ${dir}`);
    })());
  const interrupt = (signal: NodeJS.Signals) => {
    console.log(`\nbench: ${signal}: stopping the worker and the server...`);
    failures.push(`interrupted by ${signal}`);
    void cleanup().finally(() => {
      summary();
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  // Last resort: never leave the server behind, whatever happens to this process.
  process.once('exit', () => {
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      try {
        process.kill(-server.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  try {
    // -- server
    step('starting the Temporal dev server');
    server = startDevServer({
      cli,
      port,
      ...(opts.inMemory ? {} : { dbFile: path.join(dir, 'temporal.db') }),
      output: { logFile: serverLog },
    });
    const serverExited = () => (server ? devServerExited(server, serverLog) : undefined);
    const serverStart = Date.now();
    await waitForDevServer(server, port, 90_000, serverLog);
    const address = `127.0.0.1:${port}`;
    const connection = await bounded('connecting to the dev server', 30_000, Connection.connect({ address }));
    closers.push(() => connection.close());
    const client = new Client({ connection, namespace: 'default' });
    const unitsQuery = `${CampaignIdKey.name} = '${campaignId}' AND WorkflowType = 'unitReviewWorkflow'`;
    await waitFor(
      'the dev server to answer visibility queries on the thidua search attributes',
      async () => (await bounded('a visibility query', 10_000, client.workflow.count(unitsQuery))).count === 0,
      60_000,
    );
    figure(
      'server',
      `${opts.inMemory ? 'in-memory SQLite' : 'SQLite file'}, ready in ${secs(Date.now() - serverStart)}`,
    );

    // -- worker
    step('starting the worker (real workflows, fake activities)');
    const counters: FakeCounters = { pages: 0, locks: 0, messages: new Map(), messagesTotal: 0 };
    const nativeConnection = await bounded(
      'connecting the worker to the dev server',
      30_000,
      NativeConnection.connect({ address }),
    );
    closers.push(() => nativeConnection.close());
    const workerStart = Date.now();
    worker = await bounded(
      'creating the worker (bundling the workflows)',
      5 * 60_000,
      Worker.create({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue,
        workflowsPath: require.resolve('../workflows'),
        activities: fakeActivities(opts.units, counters),
        ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
        ...(opts.maxConcurrentWorkflowTaskExecutions !== undefined
          ? { maxConcurrentWorkflowTaskExecutions: opts.maxConcurrentWorkflowTaskExecutions }
          : {}),
        ...(opts.maxConcurrentWorkflowTaskPolls !== undefined
          ? { maxConcurrentWorkflowTaskPolls: opts.maxConcurrentWorkflowTaskPolls }
          : {}),
        ...(opts.nonStickyToStickyPollRatio !== undefined
          ? { nonStickyToStickyPollRatio: opts.nonStickyToStickyPollRatio }
          : {}),
      }),
    );
    const w = worker;
    workerRun = w.run().catch((err: Error) => {
      workerError = err;
    });
    const workerFailed = () =>
      serverExited() ?? (workerError ? `the worker stopped: ${workerError.message}` : undefined);
    const wo = w.options;
    const slots = (supplier: unknown) => (supplier as { numSlots?: number } | undefined)?.numSlots ?? 'tuned';
    const tuner = wo.tuner as { workflowTaskSlotSupplier?: unknown; activityTaskSlotSupplier?: unknown };
    const pollers = wo.workflowTaskPollerBehavior as { maximum?: number };
    figure(
      'worker',
      `ready in ${secs(Date.now() - workerStart)} (bundle included); cache ${n(wo.maxCachedWorkflows)} workflows, ` +
        `${slots(tuner.workflowTaskSlotSupplier)} workflow task slots, ${slots(tuner.activityTaskSlotSupplier)} activity slots, ` +
        `${pollers.maximum ?? '?'} workflow task pollers (non-sticky ratio ${wo.nonStickyToStickyPollRatio}), ` +
        `${wo.workflowThreadPoolSize} workflow thread(s)`,
    );
    sampler = setInterval(() => {
      memory.workerPeak = Math.max(memory.workerPeak, process.memoryUsage().rss);
      memory.serverPeak = Math.max(memory.serverPeak, rssOf(server?.pid).rss);
    }, 1_000);
    sampler.unref();

    // -- campaign start
    step(`starting campaign ${campaignId}`);
    const input = campaignInput(campaignId, opts.units, opts.unitsPerBatch, Date.now());
    const t0 = Date.now();
    const handle = await bounded(
      'starting the campaign workflow',
      60_000,
      client.workflow.start(campaignWorkflow, {
        workflowId: campaignWorkflowId(campaignId),
        taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: CampaignIdKey, value: campaignId },
          { key: PhaseKey, value: input.compiled.phases[0].kind },
        ],
        memo: { planNumber: input.planNumber, title: input.title },
      }),
    );
    const metrics0 = await scrape(metricsPort);
    let running = 0;
    let started = -1;
    const rate = (count: number) => `${((count * 1000) / Math.max(1, Date.now() - t0)).toFixed(0)}/s`;
    await waitProgress(
      `all ${n(opts.units)} unit workflows to be running and to have issued their plan`,
      opts.timeoutMs,
      async () => {
        running = (await client.workflow.count(`${unitsQuery} AND ExecutionStatus = 'Running'`)).count;
        const issued = counters.messages.get('plan-issued') ?? 0;
        if (running >= opts.units && started < 0) started = Date.now() - t0;
        return {
          done: running >= opts.units && issued >= opts.units,
          progress: running + issued,
          line:
            `units running ${n(running)}/${n(opts.units)} (${rate(running)}) · plans issued ${n(issued)} (${rate(issued)}) · ` +
            `cached ${n(w.getStatus().numCachedWorkflows)} · rss ${mib(process.memoryUsage().rss)}`,
        };
      },
      workerFailed,
    );
    const settled = Date.now() - t0;
    const metrics1 = await scrape(metricsPort);
    const delta = (name: string) => (metrics1.get(name) ?? 0) - (metrics0.get(name) ?? 0);
    const wfts = delta('temporal_workflow_task_execution_latency_count');
    const s2sCount = delta('temporal_workflow_task_schedule_to_start_latency_count');
    const s2sMean = s2sCount ? delta('temporal_workflow_task_schedule_to_start_latency_sum') / s2sCount : 0;
    const execMean = wfts ? delta('temporal_workflow_task_execution_latency_sum') / wfts : 0;
    step('start-up figures');
    figure(
      'time to start all units',
      `${secs(started)} (${n(opts.units)} unit workflows running in visibility; ${((opts.units * 1000) / started).toFixed(0)} units/s)`,
    );
    figure('time until every unit issued its plan', `${secs(settled)}`);
    figure(
      'worker throughput',
      `${n(wfts)} workflow tasks (${((wfts * 1000) / settled).toFixed(0)}/s, mean ${execMean.toFixed(1)} ms each, ` +
        `mean schedule-to-start ${s2sMean.toFixed(0)} ms), ${n(counters.messagesTotal + counters.pages)} activities ` +
        `(${(((counters.messagesTotal + counters.pages) * 1000) / settled).toFixed(0)}/s)`,
    );
    figure(
      'worker cache',
      `${n(w.getStatus().numCachedWorkflows)} cached now; ${n(delta('temporal_sticky_cache_total_forced_eviction'))} forced evictions, ` +
        `${n(delta('temporal_sticky_cache_miss'))} misses, ${n(delta('temporal_sticky_cache_hit'))} hits`,
    );

    // -- status latency
    step(`timing \`thidua campaign status ${campaignId}\` (${opts.statusRuns} runs)`);
    process.env.TEMPORAL_ADDRESS = address;
    process.env.TEMPORAL_NAMESPACE = 'default';
    let out = '';
    const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
    const statusRun = (args: string[]) =>
      bounded(`thidua campaign status ${args.join(' ')}`, 30_000, statusCommand(args, io));
    const code = await statusRun([campaignId, '--json']);
    const view = JSON.parse(out) as { total: number; counts: Record<string, number> };
    if (code !== 0 || view.total !== opts.units || view.counts.pending !== opts.units) {
      fail(`campaign status reports ${view.total} units, ${view.counts.pending} pending (expected ${n(opts.units)})`);
    }
    const times: number[] = [];
    for (let i = 0; i < opts.statusRuns; i++) {
      out = '';
      const s = performance.now();
      const rc = await statusRun([campaignId]);
      times.push(performance.now() - s);
      if (rc !== 0) fail(`campaign status exited with ${rc}: ${out}`);
    }
    console.log(out.split('\n').slice(0, 3).join('\n'));
    const statusMedian = median(times);
    const statusMax = Math.max(...times);
    figure(
      'campaign status latency',
      `median ${statusMedian.toFixed(0)} ms, max ${statusMax.toFixed(0)} ms over ${times.length} runs (target < ${STATUS_TARGET_MS} ms; connection included)`,
    );
    if (statusMax >= STATUS_TARGET_MS) {
      fail(`campaign status took ${statusMax.toFixed(0)} ms at worst (target < ${STATUS_TARGET_MS} ms)`);
    }

    // -- limits while every unit runs
    const sampleCount = Math.min(opts.sample, opts.units);
    const sampleIds = Array.from(
      new Set(
        Array.from({ length: sampleCount }, (_, i) =>
          unitWorkflowId(campaignId, unitId(Math.round((i * (opts.units - 1)) / Math.max(1, sampleCount - 1)))),
        ),
      ),
    );
    step('history and children limits, every unit running');
    await bounded('reading the histories', 5 * 60_000, checkLimits(client, 'running', campaignId, batches, sampleIds));

    // -- cancellation through the tree (the product's path), then the final histories
    step('cancelling the campaign through its cancelCampaign update (fans out to every unit)');
    const c0 = Date.now();
    await bounded(
      'the cancelCampaign update',
      5 * 60_000,
      handle.executeUpdate(cancelCampaign, { args: [{ reason: 'Kết thúc benchmark', cancelledBy: 'bench' }] }),
    );
    const openQuery = `${CampaignIdKey.name} = '${campaignId}' AND ExecutionStatus = 'Running'`;
    let drained = true;
    try {
      await waitProgress(
        'every workflow of the campaign to close after the cancellation',
        opts.timeoutMs,
        async () => {
          const open = (await client.workflow.count(openQuery)).count;
          const told = counters.messages.get('campaign-cancelled') ?? 0;
          return {
            done: open === 0,
            progress: told * 1e6 - open,
            line: `open workflows ${n(open)} · units told of the cancellation ${n(told)}/${n(opts.units)}`,
          };
        },
        workerFailed,
      );
    } catch (err) {
      drained = false;
      fail((err as Error).message);
    }
    figure('time to cancel and close the whole tree', secs(Date.now() - c0));
    const told = counters.messages.get('campaign-cancelled') ?? 0;
    const byStatus: string[] = [];
    for (const s of ['Completed', 'Canceled', 'Terminated', 'Failed', 'Running']) {
      const query = `${unitsQuery} AND ExecutionStatus = '${s}'`;
      const c = (await bounded(`counting ${s} units`, 60_000, client.workflow.count(query))).count;
      if (c > 0) byStatus.push(`${s} ${n(c)}`);
    }
    figure(
      'units after the cancellation',
      `${byStatus.join(', ')}; told of it by mail (faked): ${n(told)}` +
        (told < opts.units ? ` — ${n(opts.units - told)} NOT told` : ''),
    );
    // The issue's promise: every unit is told why the campaign was cancelled.
    if (told < opts.units) fail(`${n(opts.units - told)} unit(s) closed without being told of the cancellation`);
    if (drained) {
      step('history and children limits, after the cancellation (final histories)');
      await bounded('reading the histories', 5 * 60_000, checkLimits(client, 'closed', campaignId, batches, sampleIds));
    }
    if (warnings.size > 0) {
      figure('worker warnings', [...warnings].map(([m, c]) => `${n(c)} x "${m}"`).join('; '));
    }

    const cpu = process.cpuUsage();
    figure(
      'CPU used over the run',
      `worker+bench process ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s, Temporal dev server ${cpuSecondsOf(server.pid).toFixed(0)} s ` +
        `(wall ${secs(Date.now() - wallStart)}, ${os.cpus().length} CPUs)`,
    );
    const self = rssOf(process.pid);
    memory.workerPeak = Math.max(memory.workerPeak, self.hwm);
    memory.serverPeak = Math.max(memory.serverPeak, rssOf(server.pid).hwm);
    figure('peak RSS', `worker+bench process ${mib(memory.workerPeak)}, Temporal dev server ${mib(memory.serverPeak)}`);
  } finally {
    step('stopping the worker and the server');
    await cleanup();
    const left = server?.pid && isAlive(server.pid);
    if (left) fail(`the Temporal dev server (pid ${server?.pid}) is still running after stop`);
    figure('total wall time', secs(Date.now() - wallStart));
  }
}

/** The commit benchmarked, and whether the workflows differ from it (best effort: no git, no figure). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: path.join(__dirname, '..'), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'workflows', 'domain').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in workflows/ or domain/' : ''}`;
  } catch {
    return 'unknown (no git)';
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

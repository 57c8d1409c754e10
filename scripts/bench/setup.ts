/** The run's set-up: its ports, names and folder; the SDK runtime; the processes it starts and their cleanup. */
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime, type LogEntry, type Worker } from '@temporalio/worker';
import { freePort, stopProcess } from '../processes';
import { ensureTemporalCli } from '../tools';
import type { SmtpSink } from './mail';
import type { Options } from './options';
import { isAlive } from './processes';
import { fail, failures, figure, n, secs, step, summary } from './report';

/** What a run is given before anything starts. */
export interface Env {
  opts: Options;
  wallStart: number;
  cli: string;
  dir: string;
  serverLog: string;
  port: number;
  metricsPort: number;
  smtpPort: number;
  campaignId: string;
  taskQueue: string;
  floorQueue: string;
  batches: number;
  code: string;
}

export async function prepare(opts: Options): Promise<Env> {
  const wallStart = Date.now();
  const cli = process.env.THIDUA_TEMPORAL_CLI ?? ensureTemporalCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bench-'));
  const serverLog = path.join(dir, 'temporal.log');
  const port = await freePort();
  const metricsPort = await freePort();
  const smtpPort = await freePort();
  const campaignId = `bench-${Date.now().toString(36)}`;
  const taskQueue = `bench-${campaignId}`;
  const floorQueue = `floor-${campaignId}`;
  const batches = Math.ceil(opts.units / opts.unitsPerBatch);
  const code = codeVersion();

  console.log(
    [
      `bench: campaign of ${n(opts.units)} units in ${n(batches)} batches of <= ${n(opts.unitsPerBatch)}, on ${os.cpus().length} CPU(s), Node ${process.version}`,
      `bench: code ${code}`,
      'bench: the product runs its real activities: mail through the pooled nodemailer transport to a real SMTP server',
      '       on this machine (its own process), stores (definitions, sent log, links, reports) in a temporary folder.',
      `bench: the floor: ${n(opts.units)} bare workflows (activity, timer to one instant, activity) on the same server.`,
    ].join('\n'),
  );
  return {
    opts,
    wallStart,
    cli,
    dir,
    serverLog,
    port,
    metricsPort,
    smtpPort,
    campaignId,
    taskQueue,
    floorQueue,
    batches,
    code,
  };
}

/** The commit benchmarked, and whether the workflows differ from it (best effort: no git, no figure). */
function codeVersion(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'workflows', 'domain', 'worker', 'activities').length > 0;
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes in workflows/, domain/, worker/ or activities/' : ''}`;
  } catch {
    return 'unknown (no git)';
  }
}

/** Installs the SDK runtime; warnings of workflows are counted in the map returned. */
export function installRuntime(metricsPort: number): Map<string, number> {
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
  return warnings;
}

/** The processes and connections a run starts, stopped once by `cleanup()` (also on SIGINT/SIGTERM). */
export class Processes {
  server: ChildProcess | undefined;
  smtp: SmtpSink | undefined;
  readonly workers: Array<{ worker: Worker; run: Promise<void> }> = [];
  workerError: Error | undefined;
  readonly closers: Array<() => Promise<unknown>> = [];
  sampler: NodeJS.Timeout | undefined;
  private cleaning: Promise<void> | undefined;

  constructor(private readonly env: Env) {
    const interrupt = (signal: NodeJS.Signals) => {
      console.log(`\nbench: ${signal}: stopping the workers, the SMTP server and the Temporal server...`);
      failures.push(`interrupted by ${signal}`);
      void this.cleanup().finally(() => {
        summary();
        process.exit(130);
      });
    };
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    // Last resort: never leave a server behind, whatever happens to this process.
    process.once('exit', () => {
      for (const pid of [this.server?.pid, this.smtp?.pid]) {
        try {
          if (pid) process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    });
  }

  cleanup(): Promise<void> {
    return (this.cleaning ??= (async () => {
      if (this.sampler) clearInterval(this.sampler);
      for (const { worker } of this.workers) if (worker.getState() === 'RUNNING') worker.shutdown();
      await Promise.race([
        Promise.all(this.workers.map((w) => w.run.catch(() => undefined))),
        new Promise((r) => setTimeout(r, 30_000)),
      ]);
      for (const close of this.closers.reverse()) await close().catch(() => undefined);
      if (this.smtp) await this.smtp.stop();
      if (this.server) await stopProcess(this.server, 10_000);
      if (!this.env.opts.keep) fs.rmSync(this.env.dir, { recursive: true, force: true });
      else console.log(`bench: kept ${this.env.dir}`);
    })());
  }

  /** Stops everything, fails the run if a server outlived its stop, and gives the wall time. */
  async stop(): Promise<void> {
    step('stopping the workers, the SMTP server and the Temporal server');
    await this.cleanup();
    for (const [what, pid] of [
      ['the Temporal dev server', this.server?.pid],
      ['the SMTP server', this.smtp?.pid],
    ] as const) {
      if (pid && isAlive(pid)) fail(`${what} (pid ${pid}) is still running after stop`);
    }
    figure('total wall time', secs(Date.now() - this.env.wallStart));
  }
}

/**
 * Where the deadline burst's CPU goes (issue 17): the CPU seconds of each process over the burst
 * (this one: the worker and the bench; the Temporal server; the SMTP server), this process's by
 * thread, and with `--cpu-profile FILE` V8 CPU profiles of the burst window only: the main thread's
 * (activities, the SDK's Node side) in FILE, and each worker thread's (the SDK runs the workflow
 * sandboxes in one) in FILE with `.thread-N` before its extension. The inspector is started and
 * stopped here, around the window: `node --cpu-prof` would profile the whole run.
 */
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { cpuSecondsOf } from './processes';

type Post = <T>(method: string, params?: object) => Promise<T>;

/** Sends a protocol command through the session, answered by a promise. */
function poster(session: inspector.Session): Post {
  return (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as never))),
    );
}

/** One worker thread reached through the main thread's session (`NodeWorker` domain). */
class ThreadTarget {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    readonly sessionId: string,
    readonly title: string,
    private readonly post: Post,
  ) {}

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    const answer = new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
    void this.post('NodeWorker.sendMessageToWorker', {
      sessionId: this.sessionId,
      message: JSON.stringify({ id, method, params }),
    }).catch((err: Error) => this.pending.get(id)?.reject(err));
    return answer;
  }

  receive(message: string): void {
    const m = JSON.parse(message) as { id?: number; result?: unknown; error?: { message: string } };
    const p = m.id === undefined ? undefined : this.pending.get(m.id);
    if (!p) return; // an event, not an answer
    this.pending.delete(m.id!);
    if (m.error) p.reject(new Error(m.error.message));
    else p.resolve(m.result);
  }
}

export interface CpuProfiler {
  /** Stops every profile and writes them; returns the files written. */
  stop(): Promise<string[]>;
}

/** Starts the V8 profiler on the main thread and on every worker thread now running. */
export async function startCpuProfile(file: string, sampleIntervalUs = 1_000): Promise<CpuProfiler> {
  const session = new inspector.Session();
  session.connect();
  const post = poster(session);
  const threads: ThreadTarget[] = [];
  session.on('NodeWorker.attachedToWorker', (msg) => {
    const p = msg.params as { sessionId: string; workerInfo: { title: string } };
    threads.push(new ThreadTarget(p.sessionId, p.workerInfo.title, post));
  });
  session.on('NodeWorker.receivedMessageFromWorker', (msg) => {
    const p = msg.params as { sessionId: string; message: string };
    threads.find((t) => t.sessionId === p.sessionId)?.receive(p.message);
  });
  await post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  await new Promise((r) => setTimeout(r, 200)); // the attach events of threads already running
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: sampleIntervalUs });
  for (const t of threads) {
    await t.send('Profiler.enable');
    await t.send('Profiler.setSamplingInterval', { interval: sampleIntervalUs });
  }
  await post('Profiler.start');
  await Promise.all(threads.map((t) => t.send('Profiler.start')));
  return {
    async stop() {
      const written: string[] = [];
      const write = (to: string, profile: unknown) => {
        fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true });
        fs.writeFileSync(to, JSON.stringify(profile));
        written.push(to);
      };
      const main = await post<{ profile: unknown }>('Profiler.stop');
      write(file, main.profile);
      const ext = path.extname(file);
      for (const [i, t] of threads.entries()) {
        const res = await t.send<{ profile: unknown }>('Profiler.stop');
        write(`${file.slice(0, file.length - ext.length)}.thread-${i + 1}${ext}`, res.profile);
      }
      await post('NodeWorker.disable').catch(() => undefined);
      session.disconnect();
      return written;
    },
  };
}

/** CPU seconds (user + system) of each thread of this process, summed by thread name (Linux). */
export function threadCpuSeconds(): Map<string, number> {
  const byName = new Map<string, number>();
  let tasks: string[];
  try {
    tasks = fs.readdirSync('/proc/self/task');
  } catch {
    return byName;
  }
  for (const tid of tasks) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = /\((.*)\)/.exec(stat)?.[1] ?? '?';
      const f = stat.replace(/^.*\) /, '').split(' ');
      byName.set(name, (byName.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // the thread ended meanwhile
    }
  }
  return byName;
}

export interface CpuSnapshot {
  self: number;
  server: number;
  smtp: number;
  threads: Map<string, number>;
}

export function cpuSnapshot(pids: { server?: number; smtp?: number }): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    self: (u.user + u.system) / 1e6,
    server: cpuSecondsOf(pids.server),
    smtp: cpuSecondsOf(pids.smtp),
    threads: threadCpuSeconds(),
  };
}

/** CPU seconds between two snapshots: by process, and this process's busiest threads. */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot) {
  const threads = [...b.threads]
    .map(([name, s]) => [name, s - (a.threads.get(name) ?? 0)] as const)
    .filter(([, s]) => s >= 0.01)
    .sort((x, y) => y[1] - x[1]);
  return { worker: b.self - a.self, server: b.server - a.server, smtp: b.smtp - a.smtp, threads };
}

/** One line: each process's CPU seconds over the window and per item (ms), and the worker's threads. */
export function cpuLine(cpu: ReturnType<typeof cpuBetween>, items: number): string {
  const per = (s: number) => `${((s * 1000) / Math.max(1, items)).toFixed(2)} ms`;
  const total = cpu.worker + cpu.server + cpu.smtp;
  return (
    `worker+bench ${cpu.worker.toFixed(2)} s (${per(cpu.worker)} each), server ${cpu.server.toFixed(2)} s ` +
    `(${per(cpu.server)}), SMTP ${cpu.smtp.toFixed(2)} s (${per(cpu.smtp)}); total ${per(total)} each; ` +
    `worker threads: ${cpu.threads
      .slice(0, 6)
      .map(([name, s]) => `${name} ${s.toFixed(2)} s`)
      .join(', ')}`
  );
}

/**
 * A burst's window: CPU seconds from just before its instant until its last item, and with a file
 * the CPU profiles of the same window. Used for the floor's burst and thidua's alike.
 */
export class BurstWindow {
  private before: CpuSnapshot | undefined;
  private profiler: CpuProfiler | undefined;

  constructor(
    private readonly pids: () => { server?: number; smtp?: number },
    private readonly profileFile?: string,
  ) {}

  /** Waits until `leadMs` before the instant, then starts counting (and profiling). */
  async start(instant: number, leadMs = 300): Promise<void> {
    const wait = instant - leadMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (this.profileFile) this.profiler = await startCpuProfile(this.profileFile);
    this.before = cpuSnapshot(this.pids());
  }

  /** Stops; the CPU seconds of the window and the profiles written. */
  async end(): Promise<{ cpu: ReturnType<typeof cpuBetween>; files: string[] }> {
    const cpu = cpuBetween(this.before ?? cpuSnapshot(this.pids()), cpuSnapshot(this.pids()));
    const files = this.profiler ? await this.profiler.stop() : [];
    return { cpu, files };
  }
}

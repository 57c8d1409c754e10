/**
 * The Temporal dev server as `npm run dev` and `npm run bench` start it: the Temporal CLI's
 * `server start-dev` on 127.0.0.1, namespace `default`, thidua's search attributes registered, in
 * its own process group (so that stopping it stops everything it spawned).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { searchAttributeCliArgs } from '../domain/search-attributes';
import { portOpen, waitFor } from './processes';

export interface DevServerOptions {
  /** The Temporal CLI binary (`ensureTools().temporalCli`). */
  cli: string;
  port: number;
  /** The Web UI's port; headless (no UI) when absent. */
  uiPort?: number;
  /** The SQLite file that keeps the server's state; in memory when absent. */
  dbFile?: string;
  /** Where the server's output goes: this terminal, or a log file (appended to). */
  output: 'inherit' | { logFile: string };
}

/** The command-line arguments of `temporal` for these options. */
export function devServerArgs(opts: Omit<DevServerOptions, 'cli' | 'output'>): string[] {
  return [
    'server',
    'start-dev',
    ...(opts.uiPort === undefined ? ['--headless'] : []),
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    ...(opts.uiPort === undefined ? [] : ['--ui-port', String(opts.uiPort)]),
    ...(opts.dbFile === undefined ? [] : ['--db-filename', opts.dbFile]),
    '--namespace',
    'default',
    '--log-level',
    'warn',
    ...searchAttributeCliArgs(),
  ];
}

/** Starts the server, detached in its own process group; it is ready once {@link waitForDevServer} returns. */
export function startDevServer(opts: DevServerOptions): ChildProcess {
  if (opts.output === 'inherit') {
    return spawn(opts.cli, devServerArgs(opts), { detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const logFd = fs.openSync(opts.output.logFile, 'a');
  try {
    return spawn(opts.cli, devServerArgs(opts), { detached: true, stdio: ['ignore', logFd, logFd] });
  } finally {
    fs.closeSync(logFd);
  }
}

/** Why the server is no longer running (with the end of its log when it has one); undefined while it runs. */
export function devServerExited(server: ChildProcess, logFile?: string): string | undefined {
  if (server.exitCode === null && server.signalCode === null) return undefined;
  const why = `the Temporal dev server exited (${server.exitCode ?? server.signalCode})`;
  return logFile ? `${why}; see ${logFile}: ${tail(logFile)}` : why;
}

/** Waits until the server's port answers; if the server exits meanwhile, the time-out's error says why. */
export async function waitForDevServer(
  server: ChildProcess,
  port: number,
  timeoutMs: number,
  logFile?: string,
): Promise<void> {
  await waitFor(
    'the Temporal dev server port',
    async () => {
      const exited = devServerExited(server, logFile);
      if (exited) throw new Error(exited);
      return portOpen(port);
    },
    timeoutMs,
  );
}

/** The last lines of a log file, for an error message. */
export function tail(file: string, lines = 15): string {
  try {
    return '\n' + fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

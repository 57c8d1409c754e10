/** Small helpers to run the real servers as child processes and wait for them (dev script and tests). */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';

/**
 * Ports handed out here come from below Linux's ephemeral range (32768–60999): a port taken with
 * `listen(0)` and closed again can be reused by any outgoing connection or `listen(0)` elsewhere
 * (parallel test workers, the dev server's own services) before our server binds it.
 */
const PORT_RANGE = { from: 20_000, to: 31_000 } as const;
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on the loopback interface, never one this process already handed out. */
export async function freePort(): Promise<number> {
  const span = PORT_RANGE.to - PORT_RANGE.from;
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = PORT_RANGE.from + Math.floor(Math.random() * span);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port found between ${PORT_RANGE.from} and ${PORT_RANGE.to} after 200 attempts`);
}

/** Resolves once `check` succeeds, retrying every 200 ms; fails after `timeoutMs` saying what it waited for. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  let lastError: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export function portOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stops a child process and its group: SIGTERM, then SIGKILL after a grace period. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      child.kill(signal); // not a group leader
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface Maildev {
  smtpPort: number;
  webPort: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the maildev mail catcher (SMTP + web inbox) as its own process group. */
export async function startMaildev(opts: {
  bin: string;
  smtpPort: number;
  webPort: number;
  mailDirectory: string;
  ip?: string;
}): Promise<Maildev> {
  const ip = opts.ip ?? '127.0.0.1';
  const child = spawn(
    opts.bin,
    [
      '--smtp',
      String(opts.smtpPort),
      '--web',
      String(opts.webPort),
      '--ip',
      ip,
      '--web-ip',
      ip,
      '--mail-directory',
      opts.mailDirectory,
      '--silent',
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  try {
    await waitFor('the mail catcher (maildev)', async () => {
      if (child.exitCode !== null) throw new Error(`maildev exited with ${child.exitCode}: ${output}`);
      return (await portOpen(opts.smtpPort, ip)) && (await portOpen(opts.webPort, ip));
    });
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { smtpPort: opts.smtpPort, webPort: opts.webPort, child, stop: () => stopProcess(child) };
}

/** What the benchmark reads of its processes: memory and CPU from /proc, the worker's metrics. */
import fs from 'node:fs';
import { parsePrometheusText, sumByName } from '../prometheus-text';

/** Peak resident memory: this process (worker + client) and the Temporal server, sampled each second. */
export const memory = { workerPeak: 0, serverPeak: 0 };
/** CPU seconds (user + system) a process has used so far, from /proc (Linux; 0 elsewhere). */
export function cpuSecondsOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const fields = fs
      .readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in USER_HZ (100 on Linux)
  } catch {
    return 0;
  }
}

export function rssOf(pid: number | undefined): { rss: number; hwm: number } {
  if (!pid) return { rss: 0, hwm: 0 };
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Worker metrics (Prometheus endpoint of the SDK's Core runtime), summed by name. */
export async function scrape(port: number): Promise<Map<string, number>> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(5_000) });
    return sumByName(parsePrometheusText(await res.text()));
  } catch {
    return new Map(); // metrics are a diagnostic: a failed scrape leaves the figures empty
  }
}

/** Bounded waits: no call of the benchmark can hang it. */
import { secs } from './report';

export { mapLimited } from '../../app/map-limited';

/** A wait that sees no progress for this long is stuck, whatever its overall timeout. */
const STALL_MS = 3 * 60_000;

/**
 * Polls `probe` every 2 s until it reports done; prints progress every 10 s; fails with `what` when
 * the overall timeout passes or the progress figure has not moved for {@link STALL_MS}. Before
 * `quietUntil` (an instant the awaited work is due at, epoch ms) no progress is expected, so none is
 * a stall: at 10,000 units the wait for the burst's instant alone is longer than the stall bound.
 */
export async function waitProgress(
  what: string,
  timeoutMs: number,
  probe: () => Promise<{ done: boolean; progress: number; line: string }>,
  abort: () => string | undefined,
  quietUntil = 0,
): Promise<number> {
  const start = Date.now();
  let lastProgress = -1;
  let lastMove = start;
  let lastPrint = 0;
  for (;;) {
    const aborted = abort();
    if (aborted) throw new Error(`${what}: ${aborted}`);
    const p = await bounded(`a progress check while waiting for ${what}`, 60_000, probe());
    const now = Date.now();
    if (p.progress !== lastProgress || now < quietUntil) {
      lastProgress = p.progress;
      lastMove = now;
    }
    if (p.done || now - lastPrint >= 10_000) {
      console.log(`  [${secs(now - start).padStart(7)}] ${p.line}`);
      lastPrint = now;
    }
    if (p.done) return now - start;
    if (now - start > timeoutMs) throw new Error(`timed out after ${secs(timeoutMs)} waiting for ${what} (${p.line})`);
    if (now - lastMove > STALL_MS) throw new Error(`no progress for ${secs(STALL_MS)} waiting for ${what} (${p.line})`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
}

/** `promise`, or a clear error once `ms` have passed: no call of the bench can hang it. */
export function bounded<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${secs(ms)}: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The worker process's memory after a full collection: V8 heap (total and by space) and RSS. */
import v8 from 'node:v8';
import vm from 'node:vm';

export interface HeapFigures {
  heapUsed: number;
  rss: number;
  /** Used bytes by V8 heap space (old_space, code_space, map_space, large_object_space, ...). */
  spaces: Record<string, number>;
}

/** `global.gc`, or the same function exposed at run time when node was started without `--expose-gc`. */
function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

/** Heap and RSS after full collections (several: finalizers and weak references free more on the next ones). */
export async function heapFigures(): Promise<HeapFigures> {
  const gc = gcFunction();
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return {
    heapUsed: v8.getHeapStatistics().used_heap_size,
    rss: process.memoryUsage().rss,
    spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size])),
  };
}

/** Bytes per workflow between two measurements with `count` more workflows cached. */
export function perWorkflow(
  before: HeapFigures,
  after: HeapFigures,
  count: number,
): { heap: number; rss: number; spaces: Record<string, number> } {
  const per = (a: number, b: number) => (a - b) / count;
  return {
    heap: per(after.heapUsed, before.heapUsed),
    rss: per(after.rss, before.rss),
    spaces: Object.fromEntries(
      Object.entries(after.spaces).map(([name, used]) => [name, per(used, before.spaces[name] ?? 0)]),
    ),
  };
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** One line: heap and RSS per workflow, and the spaces that grew by at least 1 KiB per workflow. */
export function perWorkflowLine(p: ReturnType<typeof perWorkflow>): string {
  const spaces = Object.entries(p.spaces)
    .filter(([, b]) => Math.abs(b) >= 1024)
    .sort(([, a], [, b]) => b - a)
    .map(([name, b]) => `${name} ${kib(b)}`)
    .join(', ');
  return `heap ${kib(p.heap)}, RSS ${kib(p.rss)} per workflow (by space: ${spaces || 'none'})`;
}

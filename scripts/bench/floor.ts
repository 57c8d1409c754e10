/**
 * The floor, measured on the same server as the product: N bare workflows (`floor-workflow.ts`) that
 * run one activity, sleep until one shared instant, and run one more. Its activities only note the
 * time: what is left is the cost of Temporal itself (server, SDK, worker) on this machine.
 */
import type { Client } from '@temporalio/client';
import type { FloorActivities } from './floor-workflow';
import { floorWorkflow } from './floor-workflow';
import { percentile } from './report';
import { mapLimited, waitProgress } from './waits';

export interface FloorTimes {
  first: number[];
  second: number[];
}

/** The floor's activities: each notes when it ran, by workflow index. */
export function floorActivities(times: FloorTimes): FloorActivities {
  return {
    async floorFirst(index) {
      times.first[index] = Date.now();
    },
    async floorSecond(index) {
      times.second[index] = Date.now();
    },
  };
}

export interface FloorFigures {
  /** From the first start request until every first activity has run. */
  startMs: number;
  /** From the instant until the last second activity has run. */
  burstMs: number;
  latenessP50Ms: number;
  latenessP99Ms: number;
  /** History events of one completed floor workflow. */
  events: number;
}

/** How many start requests the client keeps in flight (as many as the worker can start at once, about). */
const START_CONCURRENCY = 64;

export async function runFloor(opts: {
  client: Client;
  taskQueue: string;
  idPrefix: string;
  units: number;
  times: FloorTimes;
  leadMs: number;
  timeoutMs: number;
  abort: () => string | undefined;
  /** Called while every floor workflow sleeps: the status floor is timed then. */
  whileSleeping?: () => Promise<void>;
  /** Called before the instant and once the last second activity ran: the burst's CPU is counted between. */
  burstWindow?: { start(instant: number): Promise<void>; end(): Promise<unknown> };
}): Promise<FloorFigures & { instant: number }> {
  const { client, units, times } = opts;
  const t0 = Date.now();
  const instant = t0 + opts.leadMs;
  const id = (i: number) => `${opts.idPrefix}-${i}`;
  await mapLimited(
    Array.from({ length: units }, (_, i) => i),
    START_CONCURRENCY,
    (i) => client.workflow.start(floorWorkflow, { workflowId: id(i), taskQueue: opts.taskQueue, args: [i, instant] }),
  );
  const count = (xs: number[]) => xs.reduce((c, x) => c + (x ? 1 : 0), 0);
  await waitProgress(
    `all ${units} floor workflows to run their first activity`,
    opts.timeoutMs,
    async () => {
      const done = count(times.first);
      return { done: done >= units, progress: done, line: `floor: first activities ${done}/${units}` };
    },
    opts.abort,
  );
  const startMs = Math.max(...times.first) - t0;
  if (Date.now() >= instant) {
    throw new Error(
      `the floor's start-up (${(startMs / 1000).toFixed(1)} s) outlasted its instant (${(opts.leadMs / 1000).toFixed(1)} s after start): ` +
        'raise --floor-lead-seconds',
    );
  }
  if (opts.whileSleeping) await opts.whileSleeping();
  await opts.burstWindow?.start(instant);
  await waitProgress(
    `all ${units} floor workflows to run their second activity`,
    opts.timeoutMs + opts.leadMs,
    async () => {
      const done = count(times.second);
      return { done: done >= units, progress: done, line: `floor: second activities ${done}/${units}` };
    },
    opts.abort,
    instant,
  );
  await opts.burstWindow?.end();
  const lateness = times.second.map((t) => t - instant);
  // One history, once its workflow has completed (the second activity has run; completion follows).
  const handle = client.workflow.getHandle(id(units - 1));
  await handle.result();
  return {
    instant,
    startMs,
    burstMs: Math.max(...lateness),
    latenessP50Ms: percentile(lateness, 50),
    latenessP99Ms: percentile(lateness, 99),
    events: (await handle.describe()).historyLength,
  };
}

/** The floor phase: N bare workflows on the floor's worker, and the floor of `campaign status`. */
import { Connection } from '@temporalio/client';
import { BurstWindow, cpuLine, type cpuBetween } from './burst-profile';
import { runFloor } from './floor';
import { runChildFloor } from './floor-children';
import { memory } from './processes';
import { figure, median, n, secs, step } from './report';
import type { Env } from './setup';
import type { Servers, Workers } from './start';

export interface FloorPhase {
  /** Its figures, and its instant (in the JSON file too). */
  floor: Awaited<ReturnType<typeof runFloor>>;
  floorStatus: number;
  /** The floor's start-up when its workflows are started as children, a batch's number to a parent. */
  childrenStartMs: number;
  floorMemory: { workerPeak: number; serverPeak: number };
  /** CPU seconds of each process over the floor's burst. */
  burstCpu: { worker: number; server: number; smtp: number };
}

export async function floorPhase(
  env: Env,
  servers: Servers,
  workers: Workers,
  pids: () => { server?: number; smtp?: number },
): Promise<FloorPhase> {
  const { opts, campaignId } = env;
  const window = new BurstWindow(pids);
  let burstCpu: ReturnType<typeof cpuBetween> | undefined;
  // Generous: the floor started about 25 workflows a second on 2 shared CPUs; an overrun fails and says so.
  // 60 ms a unit up to 1,000 (the floor started 1,000 in 11 to 26 s on this machine), 25 ms beyond
  // (10,000 in 116 s): ample, without ten idle minutes at 10,000.
  const floorLeadMs =
    opts.floorLeadMs ?? 15_000 + 60 * Math.min(opts.units, 1_000) + 25 * Math.max(0, opts.units - 1_000);
  step(`the floor: ${n(opts.units)} bare workflows, their timers all due ${secs(floorLeadMs)} after the first start`);
  let floorStatus = 0;
  const floor = await runFloor({
    client: servers.client,
    taskQueue: env.floorQueue,
    idPrefix: `floor-${campaignId}`,
    units: opts.units,
    times: workers.floorTimes,
    leadMs: floorLeadMs,
    timeoutMs: opts.timeoutMs,
    abort: workers.workerFailed,
    burstWindow: {
      start: (instant) => window.start(instant),
      end: async () => (burstCpu = (await window.end()).cpu),
    },
    // The floor of `campaign status`: one visibility count over the N workflows, same runs.
    whileSleeping: async () => {
      const times: number[] = [];
      for (let i = 0; i < opts.statusRuns; i++) {
        const s = performance.now();
        // Like the command: its own connection, one visibility query.
        const c = await Connection.connect({ address: servers.address });
        await c.workflowService.countWorkflowExecutions({
          namespace: 'default',
          query: `WorkflowType = 'floorWorkflow' AND ExecutionStatus = 'Running'`,
        });
        await c.close();
        times.push(performance.now() - s);
      }
      floorStatus = median(times);
    },
  });
  figure(
    'floor',
    `start ${secs(floor.startMs)}, burst ${secs(floor.burstMs)} (lateness p50 ${floor.latenessP50Ms} ms, p99 ${floor.latenessP99Ms} ms), ` +
      `${floor.events} events per workflow, visibility count ${floorStatus.toFixed(0)} ms`,
  );
  if (burstCpu) figure('floor burst: CPU seconds', cpuLine(burstCpu, opts.units));
  step(`the floor as children: ${n(opts.units)} bare workflows started by parents of ${n(opts.unitsPerBatch)}`);
  const children = await runChildFloor({
    client: servers.client,
    taskQueue: env.floorQueue,
    idPrefix: `floor-parent-${campaignId}`,
    units: opts.units,
    perParent: opts.unitsPerBatch,
    times: workers.floorTimes,
    offset: opts.units,
    timeoutMs: opts.timeoutMs,
    abort: workers.workerFailed,
  });
  figure(
    'floor as children',
    `start ${secs(children.startMs)} (${(children.startMs / floor.startMs).toFixed(2)}× the floor's started by the client)`,
  );
  const floorMemory = { ...memory };
  memory.workerPeak = 0;
  memory.serverPeak = 0;
  return {
    floor,
    floorStatus,
    childrenStartMs: children.startMs,
    floorMemory,
    burstCpu: { worker: burstCpu?.worker ?? 0, server: burstCpu?.server ?? 0, smtp: burstCpu?.smtp ?? 0 },
  };
}

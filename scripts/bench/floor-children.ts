/**
 * The floor started as children: N bare workflows (`floor-workflow.ts`) started by parents of a
 * batch's size, as thidua's batches start their units. Temporal writes more to start a child (the
 * parent records its initiation and its start) than a workflow a client starts, so this says how
 * much of thidua's start-up is Temporal's own child start and how much is thidua's.
 */
import type { Client } from '@temporalio/client';
import type { FloorTimes } from './floor';
import { floorParentWorkflow } from './floor-workflow';
import { waitProgress } from './waits';

export async function runChildFloor(opts: {
  client: Client;
  taskQueue: string;
  idPrefix: string;
  units: number;
  perParent: number;
  /** The floor's times; these workflows note theirs from this index on (after the floor's own). */
  times: FloorTimes;
  offset: number;
  timeoutMs: number;
  abort: () => string | undefined;
}): Promise<{ startMs: number }> {
  const { client, units, perParent, times, offset } = opts;
  const parents = Math.ceil(units / perParent);
  const t0 = Date.now();
  const handles = await Promise.all(
    Array.from({ length: parents }, (_, p) =>
      client.workflow.start(floorParentWorkflow, {
        workflowId: `${opts.idPrefix}-${p}`,
        taskQueue: opts.taskQueue,
        // Their timers fall an hour on: the parents are terminated first.
        args: [offset + p * perParent, Math.min(perParent, units - p * perParent), t0 + 3_600_000],
      }),
    ),
  );
  const firsts = () => times.first.slice(offset, offset + units).filter((t) => t > 0);
  await waitProgress(
    `all ${units} floor children to run their first activity`,
    opts.timeoutMs,
    async () => {
      const done = firsts().length;
      return { done: done >= units, progress: done, line: `floor as children: first activities ${done}/${units}` };
    },
    opts.abort,
  );
  const startMs = Math.max(...firsts()) - t0;
  // Every child gone (terminated with its parent) before the product phase begins.
  await Promise.all(handles.map((h) => h.terminate('bench: the floor as children measured')));
  await waitProgress(
    'the floor children to be terminated with their parents',
    opts.timeoutMs,
    async () => {
      const { count } = await client.workflow.count(
        `WorkflowId STARTS_WITH "${opts.idPrefix}-" AND ExecutionStatus = "Running"`,
      );
      return { done: count === 0, progress: -count, line: `floor as children: ${count} still running` };
    },
    opts.abort,
  );
  return { startMs };
}

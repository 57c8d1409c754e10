/**
 * The floor of the benchmark: the least a Temporal workflow can do for what a unit does on the day
 * of a deadline — one activity, a timer to an absolute instant shared by every workflow, one more
 * activity. Bundled on its own (its own worker and task queue), so the product's workflows add
 * nothing to it.
 */
import { ParentClosePolicy, proxyActivities, sleep, startChild, workflowInfo } from '@temporalio/workflow';

export interface FloorActivities {
  floorFirst(index: number): Promise<void>;
  floorSecond(index: number): Promise<void>;
}

const { floorFirst, floorSecond } = proxyActivities<FloorActivities>({ startToCloseTimeout: '1 minute' });

export async function floorWorkflow(index: number, instantMs: number): Promise<void> {
  await floorFirst(index);
  const wait = instantMs - Date.now();
  if (wait > 0) await sleep(wait);
  await floorSecond(index);
}

/**
 * The floor as thidua starts its units: `count` floor workflows started as the children of one
 * parent (a batch's share). They sleep until `instantMs` (after the measurement: as units wait for
 * their reminders, none completes into its parent's history during the start-up); the bench then
 * terminates the parents, and the server their children. Only the start-up is measured: Temporal's
 * own cost of starting children instead of top-level workflows.
 */
export async function floorParentWorkflow(firstIndex: number, count: number, instantMs: number): Promise<void> {
  const children = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      startChild(floorWorkflow, {
        workflowId: `${workflowInfo().workflowId}-${i}`,
        args: [firstIndex + i, instantMs],
        parentClosePolicy: ParentClosePolicy.TERMINATE,
      }),
    ),
  );
  await Promise.all(children.map((child) => child.result()));
}

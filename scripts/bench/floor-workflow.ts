/**
 * The floor of the benchmark: the least a Temporal workflow can do for what a unit does on the day
 * of a deadline — one activity, a timer to an absolute instant shared by every workflow, one more
 * activity. Bundled on its own (its own worker and task queue), so the product's workflows add
 * nothing to it.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';

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

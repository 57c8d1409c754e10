/**
 * A small workflow for the claim check's sweep test: with a 1 KiB threshold its input, its activity's
 * input and result, its signals' arguments and its result are each a reference in the history.
 */
import { condition, defineSignal, proxyActivities, setHandler } from '@temporalio/workflow';

export interface HolderActivities {
  /** A long text made from the units: the activity's result is big too. */
  pad(units: string[]): Promise<string>;
}

export const addUnits = defineSignal<[string[]]>('addUnits');
export const finish = defineSignal('finish');

export interface Held {
  units: string[];
  added: string[][];
  padded: string;
}

export async function claimCheckHolder(units: string[]): Promise<Held> {
  const { pad } = proxyActivities<HolderActivities>({ startToCloseTimeout: '30 seconds' });
  const added: string[][] = [];
  let done = false;
  setHandler(addUnits, (more) => void added.push(more));
  setHandler(finish, () => void (done = true));
  const padded = await pad(units);
  await condition(() => done);
  return { units, added, padded };
}

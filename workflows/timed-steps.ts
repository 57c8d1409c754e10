/**
 * The wait at the heart of the phase workflows (synthesis, conference, awards): their next timed step
 * (a reminder, an escalation, the lock…) is due, or something changed first (an update, a signal)
 * and the step must be chosen again.
 */
import { condition } from '@temporalio/workflow';

export interface TimedStep {
  /** When it is due, epoch ms (workflow time). */
  at: number;
  /** Names the awaited step in the Temporal UI's timeline. */
  label: string;
}

/**
 * True once `step` is due (run it now); false when `changed` turned true first, or when there is no
 * step and something changed (choose again). The timer is only started for a step in the future.
 */
export async function stepDue(step: TimedStep | undefined, changed: () => boolean): Promise<boolean> {
  if (!step) {
    await condition(changed);
    return false;
  }
  const wait = step.at - Date.now();
  return !(wait > 0 && (await condition(changed, wait, { summary: step.label })));
}

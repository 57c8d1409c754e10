/** Helpers shared by the parents of the workflow tree (campaign → batches → units). Not a workflow. */
import { log, type ChildWorkflowHandle, type SignalDefinition, type Workflow } from '@temporalio/workflow';
import type { CancelCampaignInput } from '../domain/workflow-types';

/** Waits for children to complete; one that was terminated or reset by an operator is only logged. */
export async function waitForChildren<T extends Workflow>(
  children: Array<ChildWorkflowHandle<T>>,
  what: string,
): Promise<void> {
  await Promise.all(
    children.map((child) =>
      child.result().then(
        () => undefined,
        (err: unknown) => log.warn(`${what} ${child.workflowId} did not complete`, { err }),
      ),
    ),
  );
}

/**
 * Passes a campaign cancel on to a phase's child (synthesis, conference, awards); a child that already
 * ended is only logged. Not async on purpose: the caller awaits the very promise it awaited when this
 * was written inline, so recorded histories replay with the same order of commands.
 */
export function passCancel(
  child: ChildWorkflowHandle<Workflow>,
  signal: SignalDefinition<[CancelCampaignInput]>,
  what: string,
  req: CancelCampaignInput,
): Promise<void> {
  return child.signal(signal, req).catch((err: unknown) => log.warn(`cancel not delivered to the ${what}`, { err }));
}

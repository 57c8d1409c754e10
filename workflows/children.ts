/** Helpers shared by the parents of the workflow tree (campaign → batches → units). Not a workflow. */
import { log, type ChildWorkflowHandle, type Workflow } from '@temporalio/workflow';

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

/**
 * A batch's word to its units (a campaign-wide extension, the cancel, the close), sent by the
 * Temporal client from one activity. Signalled from the batch workflow itself, each unit costs the
 * batch's history two events and a share of its workflow tasks: a dozen campaign-wide extensions to
 * 250 units would bring a batch near Temporal's history limit (issue 17). Here it is one activity.
 * Retries are harmless: each unit ignores a repeat (an extension that no longer moves its deadline,
 * a second cancel or close).
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { CancelCampaignInput, GrantExtensionInput } from '../domain/workflow-types';

export interface SignalUnitsInput {
  workflowIds: string[];
  /** The unit workflow's signal (`workflows/unit-review.ts`). */
  signal: 'campaignExtension' | 'cancelUnit' | 'closeUnit';
  arg?: GrantExtensionInput | CancelCampaignInput;
}

/** Units signalled at once: enough to keep the round trips overlapping, not a flood of the frontend. */
const PARALLEL = 16;

export function createUnitSignalActivities(deps: { client?: Client }) {
  return {
    /** Signals every unit; those already completed are counted, not retried. Returns how many were reached. */
    async signalUnits(input: SignalUnitsInput): Promise<{ signalled: number; ended: string[] }> {
      const client = deps.client;
      if (!client) throw new Error('signalUnits: the worker has no Temporal client');
      const ended: string[] = [];
      let next = 0;
      const one = async (): Promise<void> => {
        while (next < input.workflowIds.length) {
          const id = input.workflowIds[next++];
          const handle = client.workflow.getHandle(id);
          try {
            await (input.arg === undefined ? handle.signal(input.signal) : handle.signal(input.signal, input.arg));
          } catch (err) {
            // A unit that already completed (cancelled, or reset by an operator) cannot be signalled.
            if (!(err instanceof WorkflowNotFoundError)) throw err;
            ended.push(id);
          }
          Context.current().heartbeat(next);
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, input.workflowIds.length) }, one));
      if (ended.length > 0) {
        Context.current().log.warn(`${input.signal}: ${ended.length} unit(s) already ended`, { ended });
      }
      return { signalled: input.workflowIds.length - ended.length, ended };
    },

    /**
     * A unit tells its batch that its phase locked (`unitLocked`), from its lock's local activity: a
     * signal from the unit workflow costs it two events and a workflow task of its own. The batch
     * records the lock by unit, so a repeat changes nothing.
     */
    async tellBatchLocked(input: { batchWorkflowId: string; locked: unknown }): Promise<void> {
      if (!deps.client) throw new Error('tellBatchLocked: the worker has no Temporal client');
      await deps.client.workflow.getHandle(input.batchWorkflowId).signal('unitLocked', input.locked);
    },
  };
}

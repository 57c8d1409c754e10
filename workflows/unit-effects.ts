/**
 * How a unit's workflow runs its effects (a message, the lock of its reports, telling its batch of
 * the lock): as local activities first, falling back to normal activities (the signal: to the
 * workflow's own). A local activity runs inside the workflow task that
 * decided it and leaves one marker in the history, where a normal one leaves three events and wakes
 * the workflow for a task of its own (three more): issue 17's history per unit.
 *
 * A local activity holds its workflow task open, so its attempts are bounded (seconds, a few
 * attempts); a send that still fails (an SMTP outage) goes to the normal activity, which retries
 * for hours beside the unit's schedule. Both are idempotent: the Message-ID comes from the message's
 * key and the sent log is read first, so a message the local attempt delivered is "already sent" on
 * the fallback, never sent twice.
 */
import {
  CancellationScope,
  defineSignal,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { LocalActivityOptions } from '@temporalio/common';
import type { createActivities } from '../activities';
import type { LockUnitPhaseInput, LockUnitPhaseResult } from '../activities/unit-lock';
import type { UnitMessageInput, UnitMessageResult, UnitReviewState } from '../domain/workflow-types';

type Activities = ReturnType<typeof createActivities>;
type LockInput = Parameters<Activities['lockUnitReports']>[0];

// Mail outages can last hours: retry with backoff; a reminder is dropped by the activity itself once stale.
export const MAIL_OPTIONS = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 40 },
} as const;
const STORE_OPTIONS = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes' },
} as const;

/**
 * A send takes milliseconds (a pooled SMTP connection on the LAN). Past the workflow task's
 * 10 seconds the SDK keeps the task alive with extra tasks, so an attempt may take 15 s, three
 * attempts with backoff inside the SDK (below `localRetryThreshold`, no server timer), 45 s in all
 * including the wait for a local-activity slot: then the normal activity takes over.
 */
export const LOCAL_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '15 seconds',
  scheduleToCloseTimeout: '45 seconds',
  localRetryThreshold: '5 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '4 seconds', maximumAttempts: 3 },
};

/** Told to the batch workflow when a unit's phase locks. */
export interface UnitLocked {
  unitId: string;
  status: UnitReviewState['status'];
  /** Index of the deadline phase; 0 when absent. */
  phase?: number;
}
export const unitLocked = defineSignal<[UnitLocked]>('unitLocked');

const remote = proxyActivities<Activities>(MAIL_OPTIONS);
const store = proxyActivities<Activities>(STORE_OPTIONS);
const local = proxyLocalActivities<Activities>(LOCAL_OPTIONS);

/**
 * The local attempt; on a failure other than a cancel, the normal activity. The local attempt is
 * not cancelled with the workflow: it lasts seconds, and a cancel reported while it had already
 * sent would have the cancel path send the message a second time.
 */
async function localFirst<T>(attempt: () => Promise<T>, fallback: () => Promise<T>): Promise<T> {
  try {
    return await CancellationScope.nonCancellable(attempt);
  } catch (err) {
    if (isCancellation(err)) throw err;
    return fallback();
  }
}

/** Sends one unit message; `locally` false keeps the normal activity (histories recorded before). */
export function sendUnitMessage(
  input: UnitMessageInput,
  summary: string,
  locally: boolean,
): Promise<UnitMessageResult> {
  const viaActivity = () => remote.sendUnitMessage.executeWithOptions({ ...MAIL_OPTIONS, summary }, [input]);
  if (!locally) return viaActivity();
  return localFirst(
    () =>
      local.sendUnitMessage.executeWithOptions({ ...LOCAL_OPTIONS, summary }, [
        // The workflow decided this send in this very task: no query of its status (it would wait for
        // the task to end); the normal activity, which runs later, still asks.
        input.staleCheck ? { ...input, staleCheck: { ...input.staleCheck, query: false } } : input,
      ]),
    viaActivity,
  );
}

/**
 * Tells the batch that the unit's phase locked: from a local activity, or (`locally` false, or its
 * attempts failed) by the workflow's own signal.
 */
export function tellBatchLocked(batchWorkflowId: string, locked: UnitLocked, locally: boolean): Promise<void> {
  const signal = () => getExternalWorkflowHandle(batchWorkflowId).signal(unitLocked, locked);
  if (!locally) return signal();
  return localFirst(
    () =>
      local.tellBatchLocked.executeWithOptions({ ...LOCAL_OPTIONS, summary: 'Báo khóa cho nhóm đơn vị' }, [
        { batchWorkflowId, locked },
      ]),
    signal,
  );
}

/** Makes the unit's reports read-only; `locally` as for {@link sendUnitMessage}. */
export function lockUnitReports(input: LockInput, locally: boolean): Promise<void> {
  if (!locally) return store.lockUnitReports(input);
  return localFirst(
    () => local.lockUnitReports.executeWithOptions({ ...LOCAL_OPTIONS, summary: 'Khóa hồ sơ' }, [input]),
    () => store.lockUnitReports(input),
  );
}

/**
 * The lock's three effects (files, notice, word to the batch) in one local activity: one marker
 * where the three above leave three (`activities/unit-lock.ts`). Undefined when its attempts failed:
 * the caller then runs the three one by one, each idempotent (a notice already sent is found in the
 * sent log, a lock already recorded stays the record, the batch's map takes a repeat).
 */
export async function lockUnitPhase(
  input: LockUnitPhaseInput & { batch?: { batchWorkflowId: string; locked: UnitLocked } },
  summary: string,
): Promise<LockUnitPhaseResult | undefined> {
  try {
    return await CancellationScope.nonCancellable(() =>
      local.lockUnitPhase.executeWithOptions({ ...LOCAL_OPTIONS, summary }, [input]),
    );
  } catch (err) {
    if (isCancellation(err)) throw err;
    // Recovered, not hidden: the operator sees why the unit fell back to the three effects.
    log.warn('the lock as one activity failed; its three effects run one by one', { err });
    return undefined;
  }
}

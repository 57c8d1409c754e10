/**
 * The lock of a unit's phase as one local activity (issue 17): its files made read-only, the "phase
 * locked" notice, the word to its batch, in that order, one marker in the unit's history where the
 * three local activities left three. Each part is idempotent as on its own: the store keeps the first
 * lock, the notice's Message-ID comes from its key and the sent log is read first (a retry never
 * sends twice), the batch keeps a map of the units that locked.
 *
 * The notice must not hold the lock: a send that fails is returned as an error (the files are locked
 * and the batch told all the same), and the workflow sends it again beside its main loop, as any
 * message, through the normal activity that retries for hours. A failure of the lock or of the word to
 * the batch fails the attempt (retried; the workflow then runs the three parts one by one).
 */
import type { UnitMessageInput, UnitMessageResult } from '../domain/workflow-types';

export interface LockReportsInput {
  campaignId: string;
  unitId: string;
  phase: string;
  files: string[];
  lockedBy: string;
}

export interface LockUnitPhaseInput {
  lock: LockReportsInput;
  /** The "phase locked" message (kind `phase-locked`). */
  notice: UnitMessageInput;
  /** The batch to tell, and what (`unitLocked`); absent for a unit started without a batch. */
  batch?: { batchWorkflowId: string; locked: unknown };
}

export interface LockUnitPhaseResult {
  /** The notice's result, or why its send failed (it is then sent again by the workflow). */
  notice: { result: UnitMessageResult } | { error: string };
}

/** The parts, as the worker registers them (the benchmark counts its sends around them). */
export interface UnitLockParts {
  lockUnitReports(input: LockReportsInput): Promise<void>;
  sendUnitMessage(input: UnitMessageInput): Promise<UnitMessageResult>;
  tellBatchLocked(input: { batchWorkflowId: string; locked: unknown }): Promise<void>;
}

export function unitLockActivities(parts: UnitLockParts) {
  return {
    async lockUnitPhase(input: LockUnitPhaseInput): Promise<LockUnitPhaseResult> {
      await parts.lockUnitReports(input.lock);
      const notice = await parts.sendUnitMessage(input.notice).then(
        (result) => ({ result }),
        (err: unknown) => ({ error: (err instanceof Error ? err.message : String(err)).slice(0, 300) }),
      );
      if (input.batch) await parts.tellBatchLocked(input.batch);
      return { notice };
    },
  };
}

/**
 * A test's activities with the unit's lock activity (`lockUnitPhase`) made of the test's own lock,
 * send and word to the batch, as the worker makes it of its own (`activities/unit-lock.ts`). A unit of
 * a new batch runs its lock as that one local activity: left unregistered, the SDK fails it eagerly
 * without a command, and a later replay of the unit (a query after the lock) is then nondeterministic.
 */
import { unitLockActivities, type UnitLockParts } from '../../activities/unit-lock';

export function withUnitLock<T extends object>(activities: T): T {
  return { ...activities, ...unitLockActivities(activities as unknown as UnitLockParts) };
}

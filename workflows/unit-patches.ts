/**
 * A unit's versioned behaviours (its `patched()` ids), decided once for all by the batch that starts
 * it (issue 17): each `patched()` a unit calls costs its history 2 events (a marker and the SDK's
 * `TemporalChangeVersion` upsert), 6 of a normal self-review's 62 only so that histories recorded
 * months ago replay. A batch under `batch-decides-unit-patches` starts its units with
 * `UnitReviewInput.decidedPatches`; a unit then takes the new branch of a listed patch without calling
 * `patched()`, and calls it as before when the input has no list (units of older batches, units
 * started directly by tests or tools).
 *
 * Why this replays: the list is in the unit's start event, so a replay reads the same list and takes
 * the same branches. Why only these: a unit may be picked up by any worker polling the task queue, and
 * a worker that does not know a listed patch (or the list itself) runs its old code under an input
 * that claims the new one, writing a history the newer workers then refuse (a marker, or effects,
 * that their code does not issue). So a patch joins the list only once every worker that could pick
 * up the unit knows it: a release after the one that introduced it. The list itself and
 * `unit-lock-effects-together` ship with this release: deploy it with no older worker still polling
 * (workers replaced, not rolled one by one), as any later entry must wait a release.
 */
import { patched } from '@temporalio/workflow';
import type { UnitReviewInput } from '../domain/workflow-types';

/** Every `patched()` id of the unit's code: each decided at its site by {@link unitPatches}' `decided`. */
export const UNIT_PATCHES = [
  'unit-upsert-changes',
  'unit-local-activities',
  'unit-sends-in-background',
  'unit-several-deadlines',
  'unit-cancelled-final',
  'unit-operator-cancel',
  'unit-no-notice-after-lock',
] as const;
export type UnitPatch = (typeof UNIT_PATCHES)[number];

/**
 * Behaviours a unit takes only when its batch listed them, with no `patched()` of their own: units
 * without the list keep their older way (no new event for them, no new marker in their histories).
 */
export const UNIT_LISTED_ONLY = [
  // The lock's files, notice and word to the batch in one local activity (unit-effects.ts).
  'unit-lock-effects-together',
] as const;
export type UnitListedOnly = (typeof UNIT_LISTED_ONLY)[number];

/** What a batch starts its units with: every patch above, decided true. */
export const DECIDED_UNIT_PATCHES: string[] = [...UNIT_PATCHES, ...UNIT_LISTED_ONLY];

export function unitPatches(input: Pick<UnitReviewInput, 'decidedPatches'>) {
  const listed = new Set(input.decidedPatches ?? []);
  return {
    /** A patch site of the unit: true when its batch decided it, else `patched(id)` as before. */
    decided: (id: UnitPatch): boolean => listed.has(id) || patched(id),
    /** A behaviour only units started with the list take (never a `patched()`). */
    listed: (id: UnitListedOnly): boolean => listed.has(id),
  };
}

/**
 * A unit's search attributes (the dashboard's and `campaign status`'s columns) and its line in the
 * Temporal UI. Each upsert is a history event: the lean way upserts only the attributes whose value
 * changed, once at the end of the workflow activation however many handlers changed the state (issue
 * 17); the values the unit was started with (set by its batch) count as published.
 */
import type { SearchAttributePair } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import {
  CampaignIdKey,
  DeadlineKey,
  LockedKey,
  PhaseKey,
  RemindersSentKey,
  SubmissionStatusKey,
  SubmittedAtKey,
  UnitIdKey,
} from '../domain/search-attributes';
import type { UnitReviewInput, UnitReviewState } from '../domain/workflow-types';
import { currentPhase } from './unit-phases';
import { firstSubmissionAt, remindersSentOf, unitDetails } from './unit-state';

const submitted = (state: UnitReviewState) => state.status === 'submitted' || state.status === 'late';

/** The unit's search attributes for its state (also what its batch starts it with). */
export function unitAttributes(input: UnitReviewInput, state: UnitReviewState): SearchAttributePair[] {
  return [
    { key: CampaignIdKey, value: input.campaignId },
    { key: UnitIdKey, value: input.unitId },
    { key: PhaseKey, value: currentPhase(input, state).kind },
    { key: SubmissionStatusKey, value: state.status },
    { key: DeadlineKey, value: new Date(state.schedule.deadline.utc) },
    { key: LockedKey, value: state.locked },
    { key: RemindersSentKey, value: remindersSentOf(state) },
    ...(submitted(state) ? [{ key: SubmittedAtKey, value: new Date(firstSubmissionAt(state)) }] : []),
  ];
}

/** The unit's memo (the Temporal UI's and the dashboard's names), also what its batch starts it with. */
export function unitMemo(input: UnitReviewInput): Record<string, string> {
  return { unitName: input.unitName, planNumber: input.planNumber, phaseName: input.phase.name };
}

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : v);

/**
 * Returns `publish`: call it after any change of the state. `lean` (versioned by the caller) false
 * keeps the older way: every attribute, at once, on every call. `flush` publishes what is queued
 * now (before the workflow completes or continues as new).
 */
export function unitPublisher(input: UnitReviewInput, state: UnitReviewState, lean: () => boolean) {
  const published = new Map<string, unknown>();
  for (const pair of workflowInfo().typedSearchAttributes.getAll()) {
    published.set(pair.key.name, comparable(pair.value));
  }
  let queued = false;
  const flush = () => {
    if (!queued) return;
    queued = false;
    const changed = unitAttributes(input, state).filter((a) => published.get(a.key.name) !== comparable(a.value));
    if (changed.length > 0) upsertSearchAttributes(changed);
    for (const a of changed) published.set(a.key.name, comparable(a.value));
    setCurrentDetails(unitDetails(input, state));
  };
  const publish = () => {
    if (!lean()) {
      upsertSearchAttributes(unitAttributes(input, state));
      setCurrentDetails(unitDetails(input, state));
      return;
    }
    if (queued) return;
    queued = true;
    // After the handlers and the main loop of this activation have run: one upsert for all of them.
    void Promise.resolve().then(flush);
  };
  return { publish, flush };
}

/**
 * One unit's part of a campaign phase: it owns the unit's deadline. Reminders at the compiled
 * instants (none once the unit has submitted), the late notice and the escalation ladder once it is
 * late, the lock when the phase closes. Extensions replace the schedule; pending reminders and
 * escalations follow the new deadline. Submissions arrive as updates with the shared validators of
 * `domain/submission-rules.ts`; files live in the report store, the workflow keeps references.
 */
import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  upsertMemo,
  workflowInfo,
  allHandlersFinished,
  CancellationScope,
  isCancellation,
} from '@temporalio/workflow';
import type { SubmissionReceipt, SubmitFileInput, SubmitNominationsInput } from '../domain/submission-types';
import {
  OPERATOR_CANCEL,
  type CancelCampaignInput,
  type GrantExtensionInput,
  type NominationVersion,
  type UnitReviewInput,
  type UnitReviewState,
  type UnitStatusView,
} from '../domain/workflow-types';
import { setSubmissionHandlers } from './unit-submissions';
import { setUnitHandlers } from './unit-handlers';
import { unitMail } from './unit-mail';
import { nextUnitStep } from './unit-steps';
import { currentPhase, nextDeadline, phaseKeyOf } from './unit-phases';
import { initialState, unitView } from './unit-state';
import { lockUnitPhase, lockUnitReports, tellBatchLocked } from './unit-effects';
import { unitMemo, unitPublisher } from './unit-publish';
import { unitPatches } from './unit-patches';

export const submitFile = defineUpdate<SubmissionReceipt, [SubmitFileInput]>('submitFile');
export const submitNominations = defineUpdate<SubmissionReceipt, [SubmitNominationsInput]>('submitNominations');
export const grantExtension = defineUpdate<{ deadline: string; deadlineVersion: number }, [GrantExtensionInput]>(
  'grantExtension',
);
/** Campaign-wide extension forwarded down the tree: applied only if it moves this unit's deadline later. */
export const campaignExtension = defineSignal<[GrantExtensionInput]>('campaignExtension');
export const cancelUnit = defineSignal<[CancelCampaignInput]>('cancelUnit');
/** The campaign is over for this unit (later phases done): the workflow completes. */
export const closeUnit = defineSignal('closeUnit');
export const sendReminderNow = defineUpdate<{ queued: boolean }, [{ requestedBy: string }]>('sendReminderNow');
export const getUnitStatus = defineQuery<UnitStatusView>('getUnitStatus');
/** One version of the nominations in full (`getUnitStatus` summarises all but the latest). */
export const getNominationVersion = defineQuery<NominationVersion | null, [number]>('getNominationVersion');

/** Told to the batch workflow when this unit's phase locks (defined in unit-effects.ts, which sends it). */
export { unitLocked } from './unit-effects';

export async function unitReviewWorkflow(input: UnitReviewInput): Promise<UnitStatusView> {
  const state: UnitReviewState = input.carried ?? initialState(input);
  const { campaignId, unitId } = input;
  let changes = 0; // bumped by every handler so the main loop re-plans
  const touch = () => void changes++;
  const now = () => Date.now();
  const deadlineMs = () => Date.parse(state.schedule.deadline.utc);
  const lockMs = () => Date.parse(state.schedule.lock.utc);
  const submitted = () => state.status === 'submitted' || state.status === 'late';
  const gate = () => ({
    phaseName: cur().name,
    locked: state.locked,
    lockAt: state.schedule.lock.utc,
    lockLocal: state.schedule.lock.local,
    cancelled: state.cancelled,
    contact: input.contact,
  });

  /**
   * The deadline phase under way: `input.phase` unless the campaign has several (`input.phases`),
   * whose deadlines the unit runs one after another (unit-phases.ts). Message keys of such a campaign
   * name the phase, so that the second phase's "7d" reminder is not taken for the first's.
   */
  const several = (input.phases?.length ?? 0) > 1;
  const cur = () => currentPhase(input, state);
  const keyOf = (key: string) => (several ? `${phaseKeyOf(input, state)}/${key}` : key);

  const view = () => unitView(input, state);
  // Every patch site goes through `decided`: taken without `patched()` when the batch decided it.
  const { decided, listed } = unitPatches(input);
  /**
   * Search attributes upserted only when they changed, once for the changes of an activation; effects
   * as local activities (unit-effects.ts). Both for issue 17's history per unit; versioned, each
   * decided on first use: histories recorded before them upserted every attribute on every change
   * and ran every effect as a normal activity.
   */
  let leanUpserts: boolean | undefined;
  let localEffects: boolean | undefined;
  const lean = () => (leanUpserts ??= decided('unit-upsert-changes'));
  const locally = () => (localEffects ??= decided('unit-local-activities'));
  const { publish, flush } = unitPublisher(input, state, lean);

  // ---- handlers -------------------------------------------------------------------------------

  // Submissions (files, nominations): unit-submissions.ts.
  setSubmissionHandlers({
    updates: { submitFile, submitNominations },
    input,
    state,
    now,
    deadlineMs,
    submitted,
    gate,
    several,
    cur,
    keyOf,
    touch,
    publish,
  });
  // Extensions, reminders on request, cancel, close, queries: unit-handlers.ts.
  const { applyCancel } = setUnitHandlers({
    definitions: {
      grantExtension,
      campaignExtension,
      sendReminderNow,
      cancelUnit,
      closeUnit,
      getUnitStatus,
      getNominationVersion,
    },
    input,
    state,
    now,
    submitted,
    several,
    cur,
    keyOf,
    touch,
    publish,
    view,
  });

  // ---- effects --------------------------------------------------------------------------------

  // Decided here, after the handlers and before the memo, as it always was (the order of commands).
  const background = decided('unit-sends-in-background');
  // Sends, in the background or not, and the outbox: unit-mail.ts.
  const { dispatch, drain, skippedAfterLock, flushOutbox, messageInput, record } = unitMail({
    input,
    state,
    now,
    lockMs,
    cur,
    keyOf,
    publish,
    locally,
    background,
    decided,
  });

  const markLate = async () => {
    if (submitted()) return;
    state.status = 'missing';
    publish();
    const key = `v${state.deadlineVersion}/late`;
    if (skippedAfterLock('late-notice', key)) return;
    await dispatch('late-notice', key, { staleAfter: state.schedule.lock.utc });
  };

  // The current phase's files, to be made read-only.
  const lockInput = (lockedBy: string) => ({
    campaignId,
    unitId,
    phase: cur().id ?? cur().kind,
    files: [...state.reports, ...state.papers].map((f) => f.sha256),
    lockedBy,
  });
  // Not async: callers await the very promise (replay order).
  const lockReports = (lockedBy: string) => lockUnitReports(lockInput(lockedBy), locally());

  /**
   * The lock's effects in one local activity (one marker instead of three, issue 17) for a unit its
   * batch started with `unit-lock-effects-together`; false when that is not for this unit, or its
   * attempts failed: the caller then runs them one by one, as units always did. A notice whose send
   * failed in it goes out beside the main loop as any message (the files are locked, the batch told).
   */
  const lockedTogether = async (key: string, index: number): Promise<boolean> => {
    if (!listed('unit-lock-effects-together')) return false;
    const done = await lockUnitPhase(
      {
        lock: lockInput('thidua (hết hạn giai đoạn)'),
        notice: messageInput('phase-locked', key),
        ...(input.parentWorkflowId
          ? {
              batch: {
                batchWorkflowId: input.parentWorkflowId,
                locked: { unitId, status: state.status, ...(several ? { phase: index } : {}) },
              },
            }
          : {}),
      },
      `Khóa hồ sơ, báo khóa → ${input.unitName}`,
    );
    if (!done) return false;
    if ('result' in done.notice) record('phase-locked', key, done.notice.result);
    else await dispatch('phase-locked', key);
    return true;
  };

  const lock = async () => {
    state.locked = true;
    state.lockedAt = new Date(now()).toISOString();
    if (!submitted()) state.status = 'missing';
    publish();
    const index = state.phaseIndex ?? 0;
    if (!(await lockedTogether(`lock/${cur().kind}`, index))) {
      await lockReports('thidua (hết hạn giai đoạn)');
      await dispatch('phase-locked', `lock/${cur().kind}`);
      if (input.parentWorkflowId) {
        await tellBatchLocked(
          input.parentWorkflowId,
          { unitId, status: state.status, ...(several ? { phase: index } : {}) },
          locally(),
        );
      }
    }
    // Several deadline phases: the next one starts now (its reminders, deadline, escalation, lock).
    // Versioned: histories recorded before it had one deadline phase only.
    if (several && index + 1 < input.phases!.length && decided('unit-several-deadlines')) {
      nextDeadline(input, state, now());
      touch();
      publish();
    }
  };

  // ---- main loop --------------------------------------------------------------------------------

  // A unit its batch started with its memo (batch-starts-units-with-attributes) need not write it
  // again; histories recorded before started without one and upsert it.
  const memo = unitMemo(input);
  const startMemo = workflowInfo().memo ?? {};
  if (Object.entries(memo).some(([k, v]) => startMemo[k] !== v)) upsertMemo(memo);
  publish();
  /**
   * A cancelled unit ends cancelled: told (the outbox), its reports locked, its status and search
   * attributes "cancelled" (not "pending" for ever). Versioned: histories recorded before it ended
   * with the unit's last submission status, unlocked.
   */
  const finish = async (): Promise<UnitStatusView> => {
    await flushOutbox();
    if (state.cancelled && state.status !== 'cancelled' && decided('unit-cancelled-final')) {
      const wasLocked = state.locked;
      state.status = 'cancelled';
      state.locked = true;
      if (!wasLocked) state.lockedAt = new Date(now()).toISOString();
      publish();
      if (!wasLocked) {
        await lockReports('thidua (đợt tổng kết đã bị hủy)');
      }
    }
    await drain();
    await condition(allHandlersFinished);
    flush();
    return view();
  };

  try {
    if (input.issuePlan && !input.carried) {
      await dispatch('plan-issued', 'plan-issued');
    }
    while (!state.closed && !state.cancelled) {
      await flushOutbox();
      const step = nextUnitStep(state, submitted(), { lock, markLate, dispatch, skippedAfterLock });
      if (!step) {
        // Locked: wait for later phases or the close of the campaign.
        await condition(() => state.closed || !!state.cancelled || state.outbox.length > 0);
        continue;
      }
      const seen = changes;
      const wait = step.at - now();
      if (wait > 0) {
        // The summary names the awaited step in the Temporal UI's timeline.
        const interrupted = await condition(() => changes !== seen, wait, { summary: step.label });
        if (interrupted) continue;
      }
      state.handled.push(step.id);
      await step.run();
      if (workflowInfo().continueAsNewSuggested) {
        await drain();
        await condition(allHandlersFinished);
        flush();
        await continueAsNew<typeof unitReviewWorkflow>({ ...input, carried: state });
      }
    }
    // Inside the try: a cancel that arrives while the unit finishes is handled as well.
    return await finish();
  } catch (err) {
    // Cancelled by an operator (Temporal UI, or as the child of a cancelled batch): the same as a
    // campaign cancel — the unit is told, locked, attributes final — instead of ending Canceled.
    // Versioned: histories recorded before it ended Canceled.
    if (!isCancellation(err) || !decided('unit-operator-cancel')) throw err;
    return await CancellationScope.nonCancellable(async () => {
      await drain(); // sends cancelled with the workflow put their outbox items back
      applyCancel(OPERATOR_CANCEL);
      return finish();
    });
  }
}

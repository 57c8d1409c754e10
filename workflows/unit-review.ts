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
  setHandler,
  upsertMemo,
  workflowInfo,
  allHandlersFinished,
  patched,
  CancellationScope,
  CancelledFailure,
  isCancellation,
} from '@temporalio/workflow';
import {
  MAX_EXTENSIONS,
  MAX_MANUAL_REMINDERS,
  assertExtensionTexts,
  assertText,
  MAX_PERSON_CHARS,
} from '../domain/submission-rules';
import {
  OPERATOR_CANCEL,
  type CancelCampaignInput,
  type GrantExtensionInput,
  type MessageKind,
  type OutboxItem,
  type NominationVersion,
  type SubmissionReceipt,
  type SubmitFileInput,
  type SubmitNominationsInput,
  type UnitReviewInput,
  type UnitReviewState,
  type UnitStatusView,
} from '../domain/workflow-types';
import { setSubmissionHandlers } from './unit-submissions';
import { currentPhase, laterPhase, laterPhaseExtensionProblem, nextDeadline, phaseKeyOf } from './unit-phases';
import { extensionProblemOf, initialState, messageLabel, unitView } from './unit-state';
import { lockUnitReports, sendUnitMessage, tellBatchLocked } from './unit-effects';
import { unitMemo, unitPublisher } from './unit-publish';

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
  /**
   * Search attributes upserted only when they changed, once for the changes of an activation; effects
   * as local activities (unit-effects.ts). Both for issue 17's history per unit; versioned, each
   * decided on first use: histories recorded before them upserted every attribute on every change
   * and ran every effect as a normal activity.
   */
  let leanUpserts: boolean | undefined;
  let localEffects: boolean | undefined;
  const lean = () => (leanUpserts ??= patched('unit-upsert-changes'));
  const locally = () => (localEffects ??= patched('unit-local-activities'));
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

  const applyExtension = (req: GrantExtensionInput) => {
    const from = state.schedule.deadline.utc;
    state.schedule = req.schedule;
    state.deadlineVersion += 1;
    // Instants of the new schedule already in the past are not sent in a burst: they are skipped.
    state.handled = [
      ...req.schedule.reminders
        .filter((r) => Date.parse(r.at.utc) <= now())
        .map((r) => `v${state.deadlineVersion}/${r.id}`),
      ...req.schedule.escalations
        .filter((e) => Date.parse(e.at.utc) <= now())
        .map((e) => `v${state.deadlineVersion}/esc${e.step}`),
    ];
    if (state.status === 'missing' && Date.parse(req.schedule.deadline.utc) > now()) state.status = 'pending';
    state.extensions.push({
      from,
      to: req.schedule.deadline.utc,
      reason: req.reason,
      grantedBy: req.grantedBy,
      at: new Date(now()).toISOString(),
    });
    state.outbox.push({
      kind: 'extension-granted',
      key: keyOf(`extension/v${state.deadlineVersion}`),
      detail: { reason: req.reason, previousDeadline: from },
    });
    touch();
    publish();
  };
  const extensionProblem = (req: GrantExtensionInput) =>
    several
      ? (laterPhaseExtensionProblem(input, state, req) ?? extensionProblemOf(state, req, now()))
      : extensionProblemOf(state, req, now());
  /** An extension of a later deadline phase is kept until that phase opens. */
  const forLater = (req: GrantExtensionInput) =>
    several && req.phaseId !== undefined && req.phaseId !== cur().id && !!laterPhase(input, state, req.phaseId);
  const extend = (req: GrantExtensionInput) => {
    if (!forLater(req)) return applyExtension(req);
    const phase = laterPhase(input, state, req.phaseId!)!;
    const previous = state.later?.[req.phaseId!] ?? phase.schedule;
    state.later = { ...state.later, [req.phaseId!]: req.schedule };
    // The unit is told now, of that phase's new deadline.
    state.outbox.push({
      kind: 'extension-granted',
      key: `extension/${req.phaseId}/${Object.keys(state.later).length}-${req.schedule.deadline.utc}`,
      detail: { reason: req.reason, previousDeadline: previous.deadline.utc },
      about: {
        ...(phase.id ? { phaseId: phase.id } : {}),
        phaseName: phase.name,
        deadline: req.schedule.deadline.utc,
        lockAt: req.schedule.lock.utc,
      },
    });
    touch();
  };

  setHandler(
    grantExtension,
    (req) => {
      if (forLater(req)) {
        extend(req);
        return { deadline: req.schedule.deadline.utc, deadlineVersion: 1 };
      }
      applyExtension(req);
      return { deadline: state.schedule.deadline.utc, deadlineVersion: state.deadlineVersion };
    },
    {
      validator: (req) => {
        const problem = extensionProblem(req);
        if (problem) throw new Error(problem);
        // Checked here, not in extensionProblem: the campaign-wide signal was checked by the campaign.
        assertExtensionTexts(req);
        if (state.extensions.length >= MAX_EXTENSIONS) {
          throw new Error(
            `Đơn vị đã được gia hạn ${state.extensions.length} lần, tối đa ${MAX_EXTENSIONS} lần; không thể gia hạn thêm.`,
          );
        }
      },
    },
  );
  setHandler(campaignExtension, (req) => {
    if (!extensionProblem(req)) extend(req);
  });

  /** Manual reminders requested so far (histories before the counter: those sent and queued). */
  const manualRequests = () =>
    state.manualRequests ?? [...state.messages, ...state.outbox].filter((m) => m.key.startsWith('manual/')).length;
  setHandler(
    sendReminderNow,
    (req) => {
      // One key per request (a counter kept in the state): two quick requests are two messages,
      // and a retried send of one of them still goes out once.
      state.manualRequests = manualRequests() + 1;
      state.outbox.push({
        kind: 'reminder',
        key: `manual/${state.manualRequests}`,
        detail: { requestedBy: req.requestedBy },
      });
      touch();
      return { queued: true };
    },
    {
      validator: (req) => {
        if (state.locked || state.cancelled) throw new Error('Giai đoạn đã khóa hoặc đợt đã hủy: không gửi nhắc.');
        if (submitted()) throw new Error('Đơn vị đã nộp báo cáo: không cần nhắc.');
        assertText('tên người yêu cầu nhắc', req?.requestedBy, MAX_PERSON_CHARS);
        const manual = manualRequests();
        if (manual >= MAX_MANUAL_REMINDERS) {
          throw new Error(`Đã gửi ${manual} thư nhắc theo yêu cầu, tối đa ${MAX_MANUAL_REMINDERS}; không gửi thêm.`);
        }
      },
    },
  );

  const applyCancel = (req: CancelCampaignInput) => {
    if (state.cancelled || state.closed) return;
    state.cancelled = { reason: req.reason, by: req.cancelledBy, at: new Date(now()).toISOString() };
    state.outbox.push({ kind: 'campaign-cancelled', key: 'cancelled', detail: { reason: req.reason } });
    touch();
  };
  setHandler(cancelUnit, applyCancel);
  setHandler(closeUnit, () => {
    state.closed = true;
    touch();
  });
  setHandler(getUnitStatus, view);
  setHandler(getNominationVersion, (version) => state.nominations.find((n) => n.version === version) ?? null);

  // ---- effects --------------------------------------------------------------------------------

  const send = async (
    kind: MessageKind,
    key: string,
    extra: {
      notify?: string[];
      cc?: string[];
      detail?: Record<string, string | number>;
      /** A reminder: not sent once the deadline has passed (or the unit submitted, or the deadline moved). */
      stale?: boolean;
      /** A late notice or escalation: not sent once the lock has passed (nor if the unit submitted meanwhile). */
      staleAfter?: string;
      /** Another deadline phase than the one under way (an extension of a later one). */
      about?: OutboxItem['about'];
    } = {},
  ) => {
    const result = await sendUnitMessage(
      {
        campaignId,
        definitionRef: input.definitionRef,
        unitId,
        kind,
        key: `${campaignId}/${unitId}/${keyOf(key)}`,
        deadline: extra.about?.deadline ?? state.schedule.deadline.utc,
        lockAt: extra.about?.lockAt ?? state.schedule.lock.utc,
        phaseName: extra.about?.phaseName ?? cur().name,
        ...((extra.about ? extra.about.phaseId : cur().id) ? { phaseId: extra.about?.phaseId ?? cur().id } : {}),
        deadlineVersion: state.deadlineVersion,
        notify: extra.notify,
        cc: extra.cc,
        detail: extra.detail,
        staleCheck:
          extra.stale || extra.staleAfter
            ? { workflowId: workflowInfo().workflowId, notAfter: extra.staleAfter ?? state.schedule.deadline.utc }
            : undefined,
      },
      `${messageLabel(kind)} → ${input.unitName}`,
      locally(),
    );
    // Already sent (a retry after a crash, found in the sent log) counts as sent.
    const sent = result.sent || result.reason === 'already-sent';
    state.messages.push({
      kind,
      key,
      at: new Date(now()).toISOString(),
      sent,
      note: result.reason,
      ...(background ? { status: result.reason === 'undeliverable' ? 'refused' : (result.reason ?? 'sent') } : {}),
      ...(result.note ? { detail: result.note.slice(0, 300) } : {}),
    });
    publish();
  };

  /**
   * Sends without holding the unit's schedule: the send runs beside the main loop (a refused or
   * hung message no longer delays the next reminder, escalation or the lock), and one that fails
   * for good is recorded as failed instead of failing the unit's workflow. Versioned: histories
   * recorded before it awaited every send in the main loop.
   */
  const inflight = new Set<Promise<void>>();
  const dispatch = async (
    kind: MessageKind,
    key: string,
    extra: Parameters<typeof send>[2] = {},
    /** An outbox item: put back if its send is cancelled (sent again by the cancel path). */
    requeue?: OutboxItem,
  ): Promise<void> => {
    if (!background) return send(kind, key, extra);
    if (CancellationScope.current().consideredCancelled) throw new CancelledFailure('cancelled before sending');
    const p: Promise<void> = send(kind, key, extra)
      .catch((err: unknown) => {
        if (isCancellation(err) && requeue) {
          state.outbox.unshift(requeue);
          return;
        }
        state.messages.push({
          kind,
          key,
          at: new Date(now()).toISOString(),
          sent: false,
          note: err instanceof Error ? err.message.slice(0, 300) : 'failed',
          status: 'failed',
        });
        publish();
      })
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  /** Waits for the sends still running (before completing or continuing as new). */
  const drain = async () => {
    while (inflight.size > 0) await Promise.all([...inflight]);
  };

  /**
   * A late notice or escalation whose moment comes after the lock (a worker down past the lock, or a
   * step set after it) would ask heads to act "before" a time already past, next to the lock notice:
   * it is recorded as skipped, stale. Versioned: histories recorded before it sent them.
   */
  const skippedAfterLock = (kind: MessageKind, key: string): boolean => {
    if (now() < lockMs() || !patched('unit-no-notice-after-lock')) return false;
    state.messages.push({ kind, key, at: new Date(now()).toISOString(), sent: false, note: 'stale: after the lock' });
    publish();
    return true;
  };

  const flushOutbox = async () => {
    while (state.outbox.length > 0) {
      const item = state.outbox[0];
      await dispatch(item.kind, item.key, { detail: item.detail, ...(item.about ? { about: item.about } : {}) }, item);
      state.outbox.shift();
    }
  };

  /** The next timed step of the phase, given the current schedule and what was handled. */
  type Step = { at: number; id: string; label: string; run: () => Promise<void> };
  const nextStep = (): Step | undefined => {
    const v = `v${state.deadlineVersion}`;
    const steps: Step[] = [];
    if (!state.locked) {
      steps.push({ at: lockMs(), id: 'lock', label: `Khóa hồ sơ — ${state.schedule.lock.local}`, run: lock });
    }
    if (!submitted()) {
      for (const r of state.schedule.reminders) {
        const id = `${v}/${r.id}`;
        if (!state.handled.includes(id)) {
          steps.push({
            at: Date.parse(r.at.utc),
            id,
            label: `${r.kind === 'due-today' ? 'Nhắc hạn hôm nay' : `Nhắc hạn ${r.offset}`} — ${r.at.local}`,
            run: () => dispatch(r.kind, id, { stale: true, detail: { offset: r.offset } }),
          });
        }
      }
      const lateId = `${v}/late`;
      if (!state.handled.includes(lateId)) {
        steps.push({
          at: deadlineMs(),
          id: lateId,
          label: `Hạn nộp — ${state.schedule.deadline.local}`,
          run: markLate,
        });
      }
      for (const e of state.schedule.escalations) {
        const id = `${v}/esc${e.step}`;
        if (!state.handled.includes(id)) {
          steps.push({
            at: Date.parse(e.at.utc),
            id,
            label: `Báo cáo cấp trên, bước ${e.step} (quá hạn ${e.after}) — ${e.at.local}`,
            run: async () => {
              if (skippedAfterLock('escalation', id)) return;
              await dispatch('escalation', id, {
                notify: e.notify,
                cc: e.cc,
                detail: { step: e.step, after: e.after },
                staleAfter: state.schedule.lock.utc,
              });
            },
          });
        }
      }
    }
    return steps.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))[0];
  };

  const markLate = async () => {
    if (submitted()) return;
    state.status = 'missing';
    publish();
    const key = `v${state.deadlineVersion}/late`;
    if (skippedAfterLock('late-notice', key)) return;
    await dispatch('late-notice', key, { staleAfter: state.schedule.lock.utc });
  };

  // The current phase's files made read-only. Not async: callers await the very promise (replay order).
  const lockReports = (lockedBy: string) =>
    lockUnitReports(
      {
        campaignId,
        unitId,
        phase: cur().id ?? cur().kind,
        files: [...state.reports, ...state.papers].map((f) => f.sha256),
        lockedBy,
      },
      locally(),
    );

  const lock = async () => {
    state.locked = true;
    state.lockedAt = new Date(now()).toISOString();
    if (!submitted()) state.status = 'missing';
    publish();
    await lockReports('thidua (hết hạn giai đoạn)');
    await dispatch('phase-locked', `lock/${cur().kind}`);
    const index = state.phaseIndex ?? 0;
    if (input.parentWorkflowId) {
      await tellBatchLocked(
        input.parentWorkflowId,
        { unitId, status: state.status, ...(several ? { phase: index } : {}) },
        locally(),
      );
    }
    // Several deadline phases: the next one starts now (its reminders, deadline, escalation, lock).
    // Versioned: histories recorded before it had one deadline phase only.
    if (several && index + 1 < input.phases!.length && patched('unit-several-deadlines')) {
      nextDeadline(input, state, now());
      touch();
      publish();
    }
  };

  // ---- main loop --------------------------------------------------------------------------------

  const background = patched('unit-sends-in-background');
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
    if (state.cancelled && state.status !== 'cancelled' && patched('unit-cancelled-final')) {
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
      const step = nextStep();
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
    if (!isCancellation(err) || !patched('unit-operator-cancel')) throw err;
    return await CancellationScope.nonCancellable(async () => {
      await drain(); // sends cancelled with the workflow put their outbox items back
      applyCancel(OPERATOR_CANCEL);
      return finish();
    });
  }
}

/**
 * How a unit's workflow sends its messages and records them in its state: one send (the activity,
 * then the message's line in `state.messages`), sends beside the main loop, the wait for those still
 * running, the outbox's queue, and the notices skipped once the lock has passed. Apart from
 * `unit-review.ts`, which passes its state and helpers in; the awaits are the workflow's own, in the
 * same order, so the commands it issues are those it always issued.
 */
import { CancellationScope, CancelledFailure, isCancellation, workflowInfo } from '@temporalio/workflow';
import type {
  MessageKind,
  OutboxItem,
  UnitMessageInput,
  UnitMessageResult,
  UnitPhaseInput,
  UnitReviewInput,
  UnitReviewState,
} from '../domain/workflow-types';
import { sendUnitMessage } from './unit-effects';
import { messageLabel } from './unit-state';
import type { UnitPatch } from './unit-patches';

export interface SendOptions {
  notify?: string[];
  cc?: string[];
  detail?: Record<string, string | number>;
  /** A reminder: not sent once the deadline has passed (or the unit submitted, or the deadline moved). */
  stale?: boolean;
  /** A late notice or escalation: not sent once the lock has passed (nor if the unit submitted meanwhile). */
  staleAfter?: string;
  /** Another deadline phase than the one under way (an extension of a later one). */
  about?: OutboxItem['about'];
}

export interface UnitMailContext {
  input: UnitReviewInput;
  state: UnitReviewState;
  now: () => number;
  lockMs: () => number;
  cur: () => UnitPhaseInput;
  keyOf: (key: string) => string;
  publish: () => void;
  /** Effects as local activities (versioned by the caller, decided on first use). */
  locally: () => boolean;
  /** Sends beside the main loop (versioned by the caller: `unit-sends-in-background`). */
  background: boolean;
  /** A patch site: decided by the batch, or `patched()` (unit-patches.ts). */
  decided: (id: UnitPatch) => boolean;
}

export function unitMail(c: UnitMailContext) {
  const { input, state, now, lockMs, cur, keyOf, publish, locally, background, decided } = c;
  const { campaignId, unitId } = input;

  /** The activity's input for one message of the unit. */
  const messageInput = (kind: MessageKind, key: string, extra: SendOptions = {}): UnitMessageInput => ({
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
  });
  /** The message's line in `state.messages`, from the activity's result. */
  const record = (kind: MessageKind, key: string, result: UnitMessageResult) => {
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
  const send = async (kind: MessageKind, key: string, extra: SendOptions = {}) => {
    const result = await sendUnitMessage(
      messageInput(kind, key, extra),
      `${messageLabel(kind)} → ${input.unitName}`,
      locally(),
    );
    record(kind, key, result);
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
    extra: SendOptions = {},
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
    if (now() < lockMs() || !decided('unit-no-notice-after-lock')) return false;
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

  return { dispatch, drain, skippedAfterLock, flushOutbox, messageInput, record };
}

/**
 * A unit's handlers other than its submissions: extensions (granted to the unit, or campaign-wide
 * and forwarded down the tree), reminders sent on request, the cancel and the close of the campaign,
 * and its queries. Each changes the state and queues its message in the outbox; the workflow's main
 * loop sends it. Apart from `unit-review.ts`, which passes its state and helpers in.
 */
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import {
  MAX_EXTENSIONS,
  MAX_MANUAL_REMINDERS,
  MAX_PERSON_CHARS,
  assertExtensionTexts,
  assertText,
} from '../domain/submission-rules';
import type {
  CancelCampaignInput,
  GrantExtensionInput,
  NominationVersion,
  UnitPhaseInput,
  UnitReviewInput,
  UnitReviewState,
  UnitStatusView,
} from '../domain/workflow-types';
import { laterPhase, laterPhaseExtensionProblem } from './unit-phases';
import { extensionProblemOf } from './unit-state';

export interface UnitHandlerContext {
  definitions: {
    grantExtension: UpdateDefinition<{ deadline: string; deadlineVersion: number }, [GrantExtensionInput]>;
    campaignExtension: SignalDefinition<[GrantExtensionInput]>;
    sendReminderNow: UpdateDefinition<{ queued: boolean }, [{ requestedBy: string }]>;
    cancelUnit: SignalDefinition<[CancelCampaignInput]>;
    closeUnit: SignalDefinition<[]>;
    getUnitStatus: QueryDefinition<UnitStatusView>;
    getNominationVersion: QueryDefinition<NominationVersion | null, [number]>;
  };
  input: UnitReviewInput;
  state: UnitReviewState;
  now: () => number;
  submitted: () => boolean;
  /** The campaign has several deadline phases. */
  several: boolean;
  cur: () => UnitPhaseInput;
  keyOf: (key: string) => string;
  touch: () => void;
  publish: () => void;
  view: () => UnitStatusView;
}

/**
 * Registers the handlers (in this order, as the workflow always did) and returns the cancel, which
 * the workflow applies itself when an operator cancels it.
 */
export function setUnitHandlers(c: UnitHandlerContext): { applyCancel: (req: CancelCampaignInput) => void } {
  const { definitions, input, state, now, submitted, several, cur, keyOf, touch, publish, view } = c;

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
    definitions.grantExtension,
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
  setHandler(definitions.campaignExtension, (req) => {
    if (!extensionProblem(req)) extend(req);
  });

  /** Manual reminders requested so far (histories before the counter: those sent and queued). */
  const manualRequests = () =>
    state.manualRequests ?? [...state.messages, ...state.outbox].filter((m) => m.key.startsWith('manual/')).length;
  setHandler(
    definitions.sendReminderNow,
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
  setHandler(definitions.cancelUnit, applyCancel);
  setHandler(definitions.closeUnit, () => {
    state.closed = true;
    touch();
  });
  setHandler(definitions.getUnitStatus, view);
  setHandler(
    definitions.getNominationVersion,
    (version) => state.nominations.find((n) => n.version === version) ?? null,
  );
  return { applyCancel };
}

/**
 * The conference phase of a campaign (a child of the campaign workflow): send the invitations (giấy
 * mời + iCalendar REQUEST) at the set time, take the replies, remind those who have not replied before
 * the reply deadline and escalate after it, remind the attendees the working day before; send an
 * updated invitation (SEQUENCE + 1) when the day is fixed or moved or the venue changes, a CANCEL when
 * cancelled; end when the secretariat records the outcome (the campaign then moves on to the awards).
 *
 * Updates answer at once (the state changes, the round of messages is queued): mail runs in the main
 * loop, one activity per round for every invitee, each message idempotent per (invitee, round).
 */
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type {
  CancelConferenceInput,
  ChangeVenueInput,
  ConferenceChange,
  ConferenceInvitee,
  ConferenceInviteeView,
  ConferenceMailInput,
  ConferenceMessageKind,
  ConferenceState,
  ConferenceStatusView,
  ConferenceWhen,
  ConferenceWorkflowInput,
  RecordOutcomeInput,
  ReplyToInvitationInput,
  SetConferenceDateInput,
} from '../domain/conference-types';
import { CONFERENCE_STATE_LABELS } from '../domain/conference-messages';
import { CampaignIdKey, PhaseKey } from '../domain/search-attributes';
import { MAX_PERSON_CHARS, assertText } from '../domain/submission-rules';
import type { DeadlineSchedule } from '../domain/timeline-types';
import { OPERATOR_CANCEL, type CancelCampaignInput } from '../domain/workflow-types';
import { assertNewDate, assertOutcome, assertReply } from '../domain/conference-rules';
import { stepDue } from './timed-steps';

/** Answers the view with the replying invitee only in `invitees` (the counts are whole); the query has them all. */
export const replyToInvitation = defineUpdate<ConferenceStatusView, [ReplyToInvitationInput]>('replyToInvitation');
export const setConferenceDate = defineUpdate<ConferenceStatusView, [SetConferenceDateInput]>('setConferenceDate');
export const changeConferenceVenue = defineUpdate<ConferenceStatusView, [ChangeVenueInput]>('changeConferenceVenue');
export const cancelConference = defineUpdate<ConferenceStatusView, [CancelConferenceInput]>('cancelConference');
export const recordConferenceOutcome = defineUpdate<ConferenceStatusView, [RecordOutcomeInput]>(
  'recordConferenceOutcome',
);
/** From the campaign: it was cancelled; the conference is cancelled too (a CANCEL to every invitee). */
export const cancelConferenceSignal = defineSignal<[CancelCampaignInput]>('cancelConference');
export const getConferenceStatus = defineQuery<ConferenceStatusView>('getConferenceStatus');

// Mail outages can last hours: retry with backoff (as the units' messages do). A round mails many.
const mail = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 40 },
});
const loader = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

interface Round {
  kind: ConferenceMessageKind;
  key: string;
  ids: string[];
  detail?: ConferenceMailInput['detail'];
}

/** `dd/MM/yyyy HH:mm` → "08:00 ngày 14/11/2009". */
const spoken = (local: string) => `${local.slice(11)} ngày ${local.slice(0, 10)}`;

export async function conferenceWorkflow(input: ConferenceWorkflowInput): Promise<ConferenceStatusView> {
  const { campaignId } = input;
  let when: ConferenceWhen = input.when;
  let whenLocal =
    when.kind === 'period' ? `dự kiến trong ${when.name}` : spoken(input.startLocal ?? when.start.replace('T', ' '));
  let venue = input.venue;
  let sequence = 0;
  let invitationsAt = input.invitationsAt;
  let replySchedule: DeadlineSchedule | undefined = input.replySchedule;
  let attendeeReminderAt = input.attendeeReminderAt;
  /** Steps of the current schedule before this instant are not run (the day moved after them). */
  let scheduleFrom = 0;
  let invited = false;
  let started = false;
  let cancelled: ConferenceStatusView['cancelled'];
  let outcome: ConferenceStatusView['outcome'];
  const changes: ConferenceChange[] = [];
  const people = new Map<string, ConferenceInviteeView>();
  let remindersSent = 0;
  let escalationsSent = 0;
  const handled = new Set<string>();
  const outbox: Round[] = [];
  let version = 0;
  const touch = () => void version++;
  const now = () => Date.now();
  const iso = (ms = now()) => new Date(ms).toISOString();
  const replyByMs = () => (replySchedule ? Date.parse(replySchedule.deadline.utc) : undefined);
  const startMs = () => (when.kind === 'exact' ? Date.parse(when.start) : undefined);

  const state = (): ConferenceState =>
    cancelled
      ? 'cancelled'
      : outcome
        ? 'held'
        : when.kind === 'period'
          ? 'date-rough'
          : started
            ? 'awaiting-outcome'
            : invited
              ? 'invited'
              : 'scheduled';

  const view = (): ConferenceStatusView => {
    const invitees = [...people.values()].map((p) => ({ ...p }));
    const current = invitees.filter((p) => p.reply);
    const attending = current.filter((p) => p.reply!.answer === 'attending');
    return {
      campaignId,
      name: input.phaseName,
      state: state(),
      when,
      whenLocal,
      venue,
      ...(input.organizer ? { organizer: input.organizer } : {}),
      agenda: [...input.agenda],
      sequence,
      ...(invitationsAt && when.kind === 'exact' ? { invitationsAt } : {}),
      ...(replySchedule && when.kind === 'exact'
        ? { replyBy: replySchedule.deadline.utc, replyByLocal: replySchedule.deadline.local }
        : {}),
      invitees,
      counts: {
        invited: invitees.filter((p) => p.invitedSequence !== undefined).length,
        attending: attending.length,
        declined: current.length - attending.length,
        noReply: invitees.length - current.length,
        seats: attending.reduce((n, p) => n + p.reply!.seats, 0),
      },
      ...(outcome ? { outcome } : {}),
      ...(cancelled ? { cancelled } : {}),
      changes: [...changes],
      remindersSent,
      escalationsSent,
    };
  };

  const publish = () => {
    const s = state();
    upsertSearchAttributes([
      { key: CampaignIdKey, value: campaignId },
      { key: PhaseKey, value: s === 'held' ? 'conference-held' : s === 'cancelled' ? 'cancelled' : 'conference' },
    ]);
    setCurrentDetails(
      `**${input.planNumber}** — ${input.phaseName}: ${CONFERENCE_STATE_LABELS[s]}; ${whenLocal}, ${venue}`,
    );
  };

  // ---- refusals (Vietnamese: the validator's words reach the person) ------------------------------

  const assertOpen = (action: string) => {
    if (cancelled)
      throw new Error(`Hội nghị đã bị hủy lúc ${cancelled.at} (${cancelled.reason}); không thể ${action}.`);
    if (outcome) throw new Error(`Hội nghị đã được ghi kết quả (họp ngày ${outcome.heldOn}); không thể ${action}.`);
  };
  const assertPerson = (label: string, value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) throw new Error(`Cần ghi ${label}.`);
    assertText(label, value, MAX_PERSON_CHARS);
  };

  // ---- handlers ---------------------------------------------------------------------------------

  const allIds = () => [...people.keys()];
  const queue = (kind: ConferenceMessageKind, key: string, ids: string[], detail?: Round['detail']) => {
    if (ids.length > 0)
      outbox.push({ kind, key: `${campaignId}/conference/${key}`, ids, ...(detail ? { detail } : {}) });
  };

  setHandler(getConferenceStatus, view);
  /**
   * A reply's answer: the view with the one invitee it concerns (the counts stay whole). Every
   * update's answer is kept in the history: the whole list in each made it grow with N² (issue 17).
   */
  const viewOf = (inviteeId: string): ConferenceStatusView => {
    const v = view();
    return { ...v, invitees: v.invitees.filter((p) => p.id === inviteeId) };
  };

  setHandler(
    replyToInvitation,
    (req) => {
      const p = people.get(req.inviteeId)!;
      p.reply = {
        inviteeId: req.inviteeId,
        answer: req.answer,
        delegates: req.answer === 'attending' ? req.delegates.map((d) => ({ ...d })) : [],
        seats: req.answer === 'attending' ? req.seats : 0,
        ...(req.note?.trim() ? { note: req.note.trim() } : {}),
        via: req.via,
        ...(req.via === 'phone' && req.recordedBy ? { recordedBy: req.recordedBy } : {}),
        at: iso(),
        sequence,
      };
      touch();
      return viewOf(req.inviteeId);
    },
    {
      validator: (req) => {
        assertOpen('đăng ký dự');
        if (!invited) throw new Error('Giấy mời chưa được gửi; chưa nhận đăng ký dự hội nghị.');
        const deadline = replyByMs();
        if (deadline !== undefined && now() > deadline) {
          throw new Error(`Đã quá hạn đăng ký dự (${replySchedule!.deadline.local}); xin liên hệ Thường trực.`);
        }
        if (!people.has(req?.inviteeId)) throw new Error(`Không có khách mời mang mã "${String(req?.inviteeId)}".`);
        assertReply(req);
        if (req.via === 'phone') assertPerson('người ghi nhận', req.recordedBy);
      },
    },
  );

  setHandler(
    setConferenceDate,
    (req) => {
      const before = whenLocal;
      const fixing = when.kind === 'period';
      sequence++;
      when = { kind: 'exact', start: req.start, ...(req.end ? { end: req.end } : {}) };
      whenLocal = spoken(req.startLocal ?? req.start.replace('T', ' '));
      invitationsAt = req.invitationsAt;
      replySchedule = req.replySchedule ?? {
        deadline: { utc: req.replyBy, local: req.replyBy, written: req.replyBy, reading: req.replyBy },
        lock: { utc: req.replyBy, local: req.replyBy, written: req.replyBy, reading: req.replyBy },
        reminders: [],
        escalations: [],
      };
      attendeeReminderAt = req.attendeeReminderAt;
      scheduleFrom = now();
      handled.clear();
      started = false;
      // Replies given for the earlier day are asked again.
      for (const p of people.values()) {
        if (p.reply) p.previousReply = p.reply;
        delete p.reply;
        p.remindersSent = 0;
        p.escalated = false;
      }
      changes.push({
        at: iso(),
        by: req.by,
        what: fixing ? 'date-fixed' : 'date-moved',
        sequence,
        detail: `${before} → ${whenLocal}${req.reason?.trim() ? ` (${req.reason.trim()})` : ''}`,
      });
      if (invited) queue('updated', `s${sequence}/updated`, allIds(), { change: changes[changes.length - 1].detail });
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('đổi ngày');
        assertNewDate(req, now());
        assertPerson('người thay đổi', req.by);
      },
    },
  );

  setHandler(
    changeConferenceVenue,
    (req) => {
      const before = venue;
      sequence++;
      venue = req.venue.trim();
      // A reply stands through a change of place: it answers the current invitation.
      for (const p of people.values()) if (p.reply) p.reply.sequence = sequence;
      const detail = `${before} → ${venue}${req.reason?.trim() ? ` (${req.reason.trim()})` : ''}`;
      changes.push({ at: iso(), by: req.by, what: 'venue-changed', sequence, detail });
      if (invited) queue('updated', `s${sequence}/updated`, allIds(), { change: detail });
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('đổi địa điểm');
        if (started) throw new Error('Hội nghị đã bắt đầu; không thể đổi địa điểm.');
        if (typeof req?.venue !== 'string' || !req.venue.trim()) throw new Error('Cần ghi địa điểm mới.');
        assertText('địa điểm', req.venue, MAX_PERSON_CHARS);
        if (req.venue.trim() === venue) throw new Error(`Hội nghị đã họp tại "${venue}".`);
        assertText('lý do', req.reason, MAX_PERSON_CHARS);
        assertPerson('người thay đổi', req.by);
      },
    },
  );

  const applyCancel = (reason: string, by: string) => {
    if (cancelled || outcome) return;
    sequence++;
    cancelled = { reason, by, at: iso() };
    changes.push({ at: cancelled.at, by, what: 'cancelled', sequence, detail: reason });
    const sentTo = [...people.values()].filter((p) => p.invitedSequence !== undefined).map((p) => p.id);
    queue('cancelled', `s${sequence}/cancelled`, sentTo, { reason });
    touch();
    publish();
  };
  setHandler(
    cancelConference,
    (req) => {
      applyCancel(req.reason.trim(), req.by);
      return view();
    },
    {
      validator: (req) => {
        assertOpen('hủy hội nghị');
        if (typeof req?.reason !== 'string' || !req.reason.trim()) {
          throw new Error('Cần ghi lý do hủy: mọi khách mời sẽ được thông báo lý do.');
        }
        assertText('lý do', req.reason, MAX_PERSON_CHARS);
        assertPerson('người hủy', req.by);
      },
    },
  );
  setHandler(cancelConferenceSignal, (req) => applyCancel(`Đợt tổng kết đã bị hủy: ${req.reason}`, req.cancelledBy));

  setHandler(
    recordConferenceOutcome,
    (req) => {
      outcome = {
        heldOn: req.heldOn,
        attendance: req.attendance,
        ...(req.minutes ? { minutes: req.minutes } : {}),
        ...(req.note?.trim() ? { note: req.note.trim() } : {}),
        recordedBy: req.by,
        at: iso(),
      };
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('ghi kết quả');
        const start = startMs();
        if (start === undefined || now() < start) {
          throw new Error(`Hội nghị chưa diễn ra (${whenLocal}); chỉ ghi kết quả sau giờ khai mạc.`);
        }
        assertOutcome(req, when.kind === 'exact' ? when.start : '');
        assertPerson('người ghi kết quả', req.by);
      },
    },
  );

  // ---- effects ----------------------------------------------------------------------------------

  const deliver = async (round: Round) => {
    const recipients = round.ids.flatMap((id) => {
      const p = people.get(id);
      if (!p) return [];
      const { reply, previousReply: _p, invitedSequence: _i, remindersSent: _r, escalated: _e, ...invitee } = p;
      return [{ invitee: invitee as ConferenceInvitee, ...(reply ? { reply } : {}) }];
    });
    const v = view();
    try {
      const r = await mail.sendConferenceRound.executeWithOptions({ summary: `Gửi thư: ${round.key}` }, [
        {
          campaignId,
          definitionRef: input.definitionRef,
          kind: round.kind,
          key: round.key,
          conference: {
            name: input.phaseName,
            planNumber: input.planNumber,
            title: input.title,
            timeZone: input.timeZone,
            when,
            whenLocal,
            venue,
            ...(input.organizer ? { organizer: input.organizer } : {}),
            agenda: input.agenda,
            sequence,
            ...(v.replyBy ? { replyBy: v.replyBy, replyByLocal: v.replyByLocal } : {}),
          },
          recipients,
          attendees: [...people.values()].map((p) => ({ name: p.name, email: p.email })),
          ...(round.detail ? { detail: round.detail } : {}),
        },
      ]);
      return r.sent;
    } catch (err) {
      if (isCancellation(err)) throw err;
      // A mail outage that outlasts the retries never fails the conference: logged, counted as not sent.
      log.warn(`conference round ${round.key} not sent`, { err });
      return [];
    }
  };

  const flush = async () => {
    while (outbox.length > 0) {
      const round = outbox[0];
      const sent = await deliver(round);
      for (const id of sent) {
        const p = people.get(id);
        if (!p) continue;
        if (round.kind === 'invitation' || round.kind === 'updated') p.invitedSequence = sequence;
        if (round.kind === 'reply-reminder') {
          p.remindersSent++;
          remindersSent++;
        }
        if (round.kind === 'reply-escalation') {
          p.escalated = true;
          escalationsSent++;
        }
      }
      outbox.shift();
    }
  };

  const noReply = () => [...people.values()].filter((p) => !p.reply).map((p) => p.id);
  type Step = { at: number; id: string; label: string; run: () => void };
  /** The next timed step not yet handled (none while the day is rough, once held or cancelled). */
  const nextStep = (): Step | undefined => {
    if (when.kind !== 'exact' || cancelled || outcome) return undefined;
    const steps: Step[] = [];
    const add = (at: string | undefined, id: string, label: string, run: () => void) => {
      if (!at || handled.has(id) || Date.parse(at) < scheduleFrom) return;
      steps.push({ at: Date.parse(at), id, label, run });
    };
    if (!invited) {
      // The invitations go out at their time, or at once when the day was fixed after it.
      steps.push({
        at: Math.max(scheduleFrom, Date.parse(invitationsAt ?? when.start) || 0),
        id: 'invite',
        label: `Gửi giấy mời — ${invitationsAt ?? ''}`,
        run: () => {
          invited = true;
          queue('invitation', `s${sequence}/invitation`, allIds());
        },
      });
    }
    for (const r of replySchedule?.reminders ?? []) {
      add(r.at.utc, r.id, `Nhắc đăng ký dự ${r.offset} — ${r.at.local}`, () => {
        if (invited && now() < (replyByMs() ?? Infinity)) queue('reply-reminder', `s${sequence}/${r.id}`, noReply());
      });
    }
    for (const e of replySchedule?.escalations ?? []) {
      add(e.at.utc, `esc${e.step}`, `Báo chưa đăng ký dự, bước ${e.step} — ${e.at.local}`, () => {
        if (invited) queue('reply-escalation', `s${sequence}/esc${e.step}`, noReply(), { step: e.step });
      });
    }
    add(attendeeReminderAt, 'attendees', 'Nhắc người dự hội nghị', () => {
      const attending = [...people.values()].filter((p) => p.reply?.answer === 'attending').map((p) => p.id);
      if (invited) queue('attendee-reminder', `s${sequence}/attendees`, attending);
    });
    add(when.start, 'start', `Khai mạc — ${whenLocal}`, () => {
      started = true;
      publish();
    });
    return steps.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))[0];
  };

  const finish = async (): Promise<ConferenceStatusView> => {
    await flush();
    await condition(allHandlersFinished);
    publish();
    return view();
  };

  // ---- main loop --------------------------------------------------------------------------------

  publish();
  try {
    const invitees = input.invitees ?? (await loader.loadConferenceInvitees({ definitionRef: input.definitionRef }));
    for (const i of invitees) people.set(i.id, { ...i, remindersSent: 0, escalated: false });
    // Reminders and escalations already past when the phase opened late are not sent (the invitation is).
    scheduleFrom = now();
    for (;;) {
      await flush();
      if (outcome || cancelled) break;
      const step = nextStep();
      const seen = version;
      if (!(await stepDue(step, () => version !== seen)) || !step) continue;
      handled.add(step.id);
      step.run();
    }
    return await finish();
  } catch (err) {
    // Cancelled with its parent (an operator cancelled the campaign workflow): ends cancelled, a CANCEL sent.
    if (!isCancellation(err)) throw err;
    return await CancellationScope.nonCancellable(async () => {
      applyCancel(OPERATOR_CANCEL.reason, OPERATOR_CANCEL.cancelledBy);
      return finish();
    });
  }
}

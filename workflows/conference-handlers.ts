/**
 * The conference's handlers: replies to the invitation, the day fixed or moved, the venue changed,
 * the cancel (by the secretariat, or with the campaign), the outcome recorded, and the status query.
 * Each answers at once: it changes the run and queues its round of messages, which the workflow's
 * main loop sends. Validators refuse in Vietnamese (their words reach the person). Apart from
 * `conference.ts`, which passes its run and helpers in.
 */
import type { QueryDefinition, SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type {
  CancelConferenceInput,
  ChangeVenueInput,
  ConferenceMessageKind,
  ConferenceStatusView,
  ConferenceWorkflowInput,
  RecordOutcomeInput,
  ReplyToInvitationInput,
  SetConferenceDateInput,
} from '../domain/conference-types';
import { assertNewDate, assertOutcome, assertReply } from '../domain/conference-rules';
import { MAX_PERSON_CHARS, assertText } from '../domain/submission-rules';
import type { CancelCampaignInput } from '../domain/workflow-types';
import {
  allInviteeIds,
  conferenceView,
  conferenceViewOf,
  queueRound,
  spoken,
  type ConferenceRun,
  type Round,
} from './conference-run';

export interface ConferenceHandlerContext {
  definitions: {
    replyToInvitation: UpdateDefinition<ConferenceStatusView, [ReplyToInvitationInput]>;
    setConferenceDate: UpdateDefinition<ConferenceStatusView, [SetConferenceDateInput]>;
    changeConferenceVenue: UpdateDefinition<ConferenceStatusView, [ChangeVenueInput]>;
    cancelConference: UpdateDefinition<ConferenceStatusView, [CancelConferenceInput]>;
    recordConferenceOutcome: UpdateDefinition<ConferenceStatusView, [RecordOutcomeInput]>;
    cancelConferenceSignal: SignalDefinition<[CancelCampaignInput]>;
    getConferenceStatus: QueryDefinition<ConferenceStatusView>;
  };
  input: ConferenceWorkflowInput;
  run: ConferenceRun;
  now: () => number;
  touch: () => void;
  publish: () => void;
}

/**
 * Registers the handlers (in this order, as the workflow always did) and returns the cancel, which
 * the workflow applies itself when cancelled with its parent.
 */
export function setConferenceHandlers(c: ConferenceHandlerContext): {
  applyCancel: (reason: string, by: string) => void;
} {
  const { definitions: d, input, run, now, touch, publish } = c;
  const iso = (ms = now()) => new Date(ms).toISOString();
  const view = () => conferenceView(input, run);
  const queue = (kind: ConferenceMessageKind, key: string, ids: string[], detail?: Round['detail']) =>
    queueRound(run, input.campaignId, kind, key, ids, detail);
  const replyByMs = () => (run.replySchedule ? Date.parse(run.replySchedule.deadline.utc) : undefined);
  const startMs = () => (run.when.kind === 'exact' ? Date.parse(run.when.start) : undefined);

  const assertOpen = (action: string) => {
    const { cancelled, outcome } = run;
    if (cancelled)
      throw new Error(`Hội nghị đã bị hủy lúc ${cancelled.at} (${cancelled.reason}); không thể ${action}.`);
    if (outcome) throw new Error(`Hội nghị đã được ghi kết quả (họp ngày ${outcome.heldOn}); không thể ${action}.`);
  };
  const assertPerson = (label: string, value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) throw new Error(`Cần ghi ${label}.`);
    assertText(label, value, MAX_PERSON_CHARS);
  };

  setHandler(d.getConferenceStatus, view);

  setHandler(
    d.replyToInvitation,
    (req) => {
      const p = run.people.get(req.inviteeId)!;
      p.reply = {
        inviteeId: req.inviteeId,
        answer: req.answer,
        delegates: req.answer === 'attending' ? req.delegates.map((x) => ({ ...x })) : [],
        seats: req.answer === 'attending' ? req.seats : 0,
        ...(req.note?.trim() ? { note: req.note.trim() } : {}),
        via: req.via,
        ...(req.via === 'phone' && req.recordedBy ? { recordedBy: req.recordedBy } : {}),
        at: iso(),
        sequence: run.sequence,
      };
      touch();
      return conferenceViewOf(input, run, req.inviteeId);
    },
    {
      validator: (req) => {
        assertOpen('đăng ký dự');
        if (!run.invited) throw new Error('Giấy mời chưa được gửi; chưa nhận đăng ký dự hội nghị.');
        const deadline = replyByMs();
        if (deadline !== undefined && now() > deadline) {
          throw new Error(`Đã quá hạn đăng ký dự (${run.replySchedule!.deadline.local}); xin liên hệ Thường trực.`);
        }
        if (!run.people.has(req?.inviteeId)) throw new Error(`Không có khách mời mang mã "${String(req?.inviteeId)}".`);
        assertReply(req);
        if (req.via === 'phone') assertPerson('người ghi nhận', req.recordedBy);
      },
    },
  );

  setHandler(
    d.setConferenceDate,
    (req) => {
      const before = run.whenLocal;
      const fixing = run.when.kind === 'period';
      run.sequence++;
      run.when = { kind: 'exact', start: req.start, ...(req.end ? { end: req.end } : {}) };
      run.whenLocal = spoken(req.startLocal ?? req.start.replace('T', ' '));
      run.invitationsAt = req.invitationsAt;
      run.replySchedule = req.replySchedule ?? {
        deadline: { utc: req.replyBy, local: req.replyBy, written: req.replyBy, reading: req.replyBy },
        lock: { utc: req.replyBy, local: req.replyBy, written: req.replyBy, reading: req.replyBy },
        reminders: [],
        escalations: [],
      };
      run.attendeeReminderAt = req.attendeeReminderAt;
      run.scheduleFrom = now();
      run.handled.clear();
      run.started = false;
      // Replies given for the earlier day are asked again.
      for (const p of run.people.values()) {
        if (p.reply) p.previousReply = p.reply;
        delete p.reply;
        p.remindersSent = 0;
        p.escalated = false;
      }
      run.changes.push({
        at: iso(),
        by: req.by,
        what: fixing ? 'date-fixed' : 'date-moved',
        sequence: run.sequence,
        detail: `${before} → ${run.whenLocal}${req.reason?.trim() ? ` (${req.reason.trim()})` : ''}`,
      });
      if (run.invited) {
        const change = run.changes[run.changes.length - 1].detail;
        queue('updated', `s${run.sequence}/updated`, allInviteeIds(run), { change });
      }
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
    d.changeConferenceVenue,
    (req) => {
      const before = run.venue;
      run.sequence++;
      run.venue = req.venue.trim();
      // A reply stands through a change of place: it answers the current invitation.
      for (const p of run.people.values()) if (p.reply) p.reply.sequence = run.sequence;
      const detail = `${before} → ${run.venue}${req.reason?.trim() ? ` (${req.reason.trim()})` : ''}`;
      run.changes.push({ at: iso(), by: req.by, what: 'venue-changed', sequence: run.sequence, detail });
      if (run.invited) queue('updated', `s${run.sequence}/updated`, allInviteeIds(run), { change: detail });
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('đổi địa điểm');
        if (run.started) throw new Error('Hội nghị đã bắt đầu; không thể đổi địa điểm.');
        if (typeof req?.venue !== 'string' || !req.venue.trim()) throw new Error('Cần ghi địa điểm mới.');
        assertText('địa điểm', req.venue, MAX_PERSON_CHARS);
        if (req.venue.trim() === run.venue) throw new Error(`Hội nghị đã họp tại "${run.venue}".`);
        assertText('lý do', req.reason, MAX_PERSON_CHARS);
        assertPerson('người thay đổi', req.by);
      },
    },
  );

  const applyCancel = (reason: string, by: string) => {
    if (run.cancelled || run.outcome) return;
    run.sequence++;
    const cancelled = { reason, by, at: iso() };
    run.cancelled = cancelled;
    run.changes.push({ at: cancelled.at, by, what: 'cancelled', sequence: run.sequence, detail: reason });
    const sentTo = [...run.people.values()].filter((p) => p.invitedSequence !== undefined).map((p) => p.id);
    queue('cancelled', `s${run.sequence}/cancelled`, sentTo, { reason });
    touch();
    publish();
  };
  setHandler(
    d.cancelConference,
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
  setHandler(d.cancelConferenceSignal, (req) => applyCancel(`Đợt tổng kết đã bị hủy: ${req.reason}`, req.cancelledBy));

  setHandler(
    d.recordConferenceOutcome,
    (req) => {
      run.outcome = {
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
        // A validator writes no history (a refused update leaves none; an accepted one is not
        // validated again on replay): its checks and words change without patched().
        assertOpen('ghi kết quả');
        // The day typed first: a day before the opening is wrong whether or not the day has come.
        assertOutcome(req, run.when.kind === 'exact' ? run.when.start : '', input.timeZone);
        const start = startMs();
        if (start === undefined || now() < start) {
          throw new Error(`Hội nghị chưa diễn ra (${run.whenLocal}); chỉ ghi kết quả sau giờ khai mạc.`);
        }
        assertPerson('người ghi kết quả', req.by);
      },
    },
  );

  return { applyCancel };
}

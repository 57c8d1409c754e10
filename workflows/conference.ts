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
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type {
  CancelConferenceInput,
  ChangeVenueInput,
  ConferenceInvitee,
  ConferenceMessageKind,
  ConferenceStatusView,
  ConferenceWorkflowInput,
  RecordOutcomeInput,
  ReplyToInvitationInput,
  SetConferenceDateInput,
} from '../domain/conference-types';
import { CONFERENCE_STATE_LABELS } from '../domain/conference-messages';
import { CampaignIdKey, PhaseKey } from '../domain/search-attributes';
import { OPERATOR_CANCEL, type CancelCampaignInput } from '../domain/workflow-types';
import { setConferenceHandlers } from './conference-handlers';
import {
  allInviteeIds,
  conferenceStateOf,
  conferenceView,
  initialRun,
  noReplyIds,
  queueRound,
  type Round,
} from './conference-run';
import { stepDue } from './timed-steps';
import { conferenceMailSummary } from './mail-summaries';

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

export async function conferenceWorkflow(input: ConferenceWorkflowInput): Promise<ConferenceStatusView> {
  const { campaignId } = input;
  const run = initialRun(input);
  const { people, handled, outbox } = run; // never replaced: the same Map, Set and array throughout
  let version = 0;
  const touch = () => void version++;
  const now = () => Date.now();
  const replyByMs = () => (run.replySchedule ? Date.parse(run.replySchedule.deadline.utc) : undefined);
  const view = () => conferenceView(input, run);
  const queue = (kind: ConferenceMessageKind, key: string, ids: string[], detail?: Round['detail']) =>
    queueRound(run, campaignId, kind, key, ids, detail);

  const publish = () => {
    const s = conferenceStateOf(run);
    upsertSearchAttributes([
      { key: CampaignIdKey, value: campaignId },
      { key: PhaseKey, value: s === 'held' ? 'conference-held' : s === 'cancelled' ? 'cancelled' : 'conference' },
    ]);
    setCurrentDetails(
      `**${input.planNumber}** — ${input.phaseName}: ${CONFERENCE_STATE_LABELS[s]}; ${run.whenLocal}, ${run.venue}`,
    );
  };

  // ---- handlers: conference-handlers.ts ----------------------------------------------------------

  const { applyCancel } = setConferenceHandlers({
    definitions: {
      replyToInvitation,
      setConferenceDate,
      changeConferenceVenue,
      cancelConference,
      recordConferenceOutcome,
      cancelConferenceSignal,
      getConferenceStatus,
    },
    input,
    run,
    now,
    touch,
    publish,
  });

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
      const r = await mail.sendConferenceRound.executeWithOptions(
        { summary: conferenceMailSummary(round.kind, recipients.length, round.key) },
        [
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
              when: run.when,
              whenLocal: run.whenLocal,
              venue: run.venue,
              ...(input.organizer ? { organizer: input.organizer } : {}),
              agenda: input.agenda,
              sequence: run.sequence,
              ...(v.replyBy ? { replyBy: v.replyBy, replyByLocal: v.replyByLocal } : {}),
            },
            recipients,
            attendees: [...people.values()].map((p) => ({ name: p.name, email: p.email })),
            ...(round.detail ? { detail: round.detail } : {}),
          },
        ],
      );
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
        if (round.kind === 'invitation' || round.kind === 'updated') p.invitedSequence = run.sequence;
        if (round.kind === 'reply-reminder') {
          p.remindersSent++;
          run.remindersSent++;
        }
        if (round.kind === 'reply-escalation') {
          p.escalated = true;
          run.escalationsSent++;
        }
      }
      outbox.shift();
    }
  };

  type Step = { at: number; id: string; label: string; run: () => void };
  /** The next timed step not yet handled (none while the day is rough, once held or cancelled). */
  const nextStep = (): Step | undefined => {
    if (run.when.kind !== 'exact' || run.cancelled || run.outcome) return undefined;
    const steps: Step[] = [];
    const add = (at: string | undefined, id: string, label: string, act: () => void) => {
      if (!at || handled.has(id) || Date.parse(at) < run.scheduleFrom) return;
      steps.push({ at: Date.parse(at), id, label, run: act });
    };
    if (!run.invited) {
      // The invitations go out at their time, or at once when the day was fixed after it.
      steps.push({
        at: Math.max(run.scheduleFrom, Date.parse(run.invitationsAt ?? run.when.start) || 0),
        id: 'invite',
        label: `Gửi giấy mời — ${run.invitationsAt ?? ''}`,
        run: () => {
          run.invited = true;
          queue('invitation', `s${run.sequence}/invitation`, allInviteeIds(run));
        },
      });
    }
    for (const r of run.replySchedule?.reminders ?? []) {
      add(r.at.utc, r.id, `Nhắc đăng ký dự ${r.offset} — ${r.at.local}`, () => {
        if (run.invited && now() < (replyByMs() ?? Infinity))
          queue('reply-reminder', `s${run.sequence}/${r.id}`, noReplyIds(run));
      });
    }
    for (const e of run.replySchedule?.escalations ?? []) {
      add(e.at.utc, `esc${e.step}`, `Báo chưa đăng ký dự, bước ${e.step} — ${e.at.local}`, () => {
        if (run.invited) queue('reply-escalation', `s${run.sequence}/esc${e.step}`, noReplyIds(run), { step: e.step });
      });
    }
    add(run.attendeeReminderAt, 'attendees', 'Nhắc người dự hội nghị', () => {
      const attending = [...people.values()].filter((p) => p.reply?.answer === 'attending').map((p) => p.id);
      if (run.invited) queue('attendee-reminder', `s${run.sequence}/attendees`, attending);
    });
    add(run.when.start, 'start', `Khai mạc — ${run.whenLocal}`, () => {
      run.started = true;
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
    const invitees =
      input.invitees ??
      (await loader.loadConferenceInvitees.executeWithOptions({ summary: 'Lập danh sách khách mời' }, [
        { definitionRef: input.definitionRef },
      ]));
    for (const i of invitees) people.set(i.id, { ...i, remindersSent: 0, escalated: false });
    // Reminders and escalations already past when the phase opened late are not sent (the invitation is).
    run.scheduleFrom = now();
    for (;;) {
      await flush();
      if (run.outcome || run.cancelled) break;
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

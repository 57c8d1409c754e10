/**
 * What the conference workflow keeps while it runs (the day, the venue, the invitees and their
 * replies, the rounds of messages queued) and what it derives from it, pure and deterministic: its
 * state, the view its query and updates answer, the rounds it queues. Apart from `conference.ts` so
 * that the workflow file holds the orchestration only.
 */
import type {
  ConferenceChange,
  ConferenceInviteeView,
  ConferenceMailInput,
  ConferenceMessageKind,
  ConferenceState,
  ConferenceStatusView,
  ConferenceWhen,
  ConferenceWorkflowInput,
} from '../domain/conference-types';
import type { DeadlineSchedule } from '../domain/timeline-types';

/** One round of messages: one per invitee named, idempotent per (invitee, key). */
export interface Round {
  kind: ConferenceMessageKind;
  key: string;
  ids: string[];
  detail?: ConferenceMailInput['detail'];
}

export interface ConferenceRun {
  when: ConferenceWhen;
  /** The day as people read it: "08:00 ngày 14/11/2009" or "dự kiến trong tháng 11/2009". */
  whenLocal: string;
  venue: string;
  /** The invitation's SEQUENCE, raised by each change of day or venue and by the cancel. */
  sequence: number;
  invitationsAt?: string;
  replySchedule?: DeadlineSchedule;
  attendeeReminderAt?: string;
  /** Steps of the current schedule before this instant are not run (the day moved after them). */
  scheduleFrom: number;
  invited: boolean;
  started: boolean;
  cancelled?: ConferenceStatusView['cancelled'];
  outcome?: ConferenceStatusView['outcome'];
  changes: ConferenceChange[];
  people: Map<string, ConferenceInviteeView>;
  remindersSent: number;
  escalationsSent: number;
  /** Ids of the timed steps of the current schedule already run. */
  handled: Set<string>;
  /** Rounds of messages queued by the handlers and the steps, sent by the main loop in order. */
  outbox: Round[];
}

/** `dd/MM/yyyy HH:mm` → "08:00 ngày 14/11/2009". */
export const spoken = (local: string) => `${local.slice(11)} ngày ${local.slice(0, 10)}`;

export function initialRun(input: ConferenceWorkflowInput): ConferenceRun {
  const when = input.when;
  return {
    when,
    whenLocal:
      when.kind === 'period' ? `dự kiến trong ${when.name}` : spoken(input.startLocal ?? when.start.replace('T', ' ')),
    venue: input.venue,
    sequence: 0,
    invitationsAt: input.invitationsAt,
    replySchedule: input.replySchedule,
    attendeeReminderAt: input.attendeeReminderAt,
    scheduleFrom: 0,
    invited: false,
    started: false,
    changes: [],
    people: new Map(),
    remindersSent: 0,
    escalationsSent: 0,
    handled: new Set(),
    outbox: [],
  };
}

export function conferenceStateOf(run: ConferenceRun): ConferenceState {
  return run.cancelled
    ? 'cancelled'
    : run.outcome
      ? 'held'
      : run.when.kind === 'period'
        ? 'date-rough'
        : run.started
          ? 'awaiting-outcome'
          : run.invited
            ? 'invited'
            : 'scheduled';
}

/** The `getConferenceStatus` answer (and the updates'). */
export function conferenceView(input: ConferenceWorkflowInput, run: ConferenceRun): ConferenceStatusView {
  const { when, invitationsAt, replySchedule, outcome, cancelled } = run;
  const invitees = [...run.people.values()].map((p) => ({ ...p }));
  const current = invitees.filter((p) => p.reply);
  const attending = current.filter((p) => p.reply!.answer === 'attending');
  return {
    campaignId: input.campaignId,
    name: input.phaseName,
    state: conferenceStateOf(run),
    when,
    whenLocal: run.whenLocal,
    venue: run.venue,
    ...(input.organizer ? { organizer: input.organizer } : {}),
    agenda: [...input.agenda],
    sequence: run.sequence,
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
    changes: [...run.changes],
    remindersSent: run.remindersSent,
    escalationsSent: run.escalationsSent,
  };
}

/**
 * A reply's answer: the view with the one invitee it concerns (the counts stay whole). Every
 * update's answer is kept in the history: the whole list in each made it grow with N² (issue 17).
 */
export function conferenceViewOf(
  input: ConferenceWorkflowInput,
  run: ConferenceRun,
  inviteeId: string,
): ConferenceStatusView {
  const v = conferenceView(input, run);
  return { ...v, invitees: v.invitees.filter((p) => p.id === inviteeId) };
}

export const allInviteeIds = (run: ConferenceRun) => [...run.people.keys()];
export const noReplyIds = (run: ConferenceRun) => [...run.people.values()].filter((p) => !p.reply).map((p) => p.id);

/** Queues a round of messages to `ids` (none when nobody is concerned). */
export function queueRound(
  run: ConferenceRun,
  campaignId: string,
  kind: ConferenceMessageKind,
  key: string,
  ids: string[],
  detail?: Round['detail'],
): void {
  if (ids.length > 0)
    run.outbox.push({ kind, key: `${campaignId}/conference/${key}`, ids, ...(detail ? { detail } : {}) });
}

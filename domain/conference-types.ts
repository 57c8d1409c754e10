/**
 * The conference phase's contract, shared by the conference workflow and its activities, the use
 * cases (`app/conference.ts`), the portal (invitees' replies), the dashboard and the CLI. Pure types.
 *
 * When the conference phase opens, the campaign starts the child `campaign/<id>/conference`. It
 * sends the invitations (giấy mời + iCalendar REQUEST) at the set time before the day, takes replies
 * (through each invitee's link, or recorded by the secretariat after a phone call), reminds and
 * escalates missing replies, reminds attendees one working day before, sends updated invitations
 * when the day is fixed or moved or the venue changes (same UID, SEQUENCE + 1: replies given before
 * a move are asked again), a CANCEL when cancelled, and ends when the secretariat records the
 * outcome (held on, attendance, minutes) or cancels it; the campaign then moves on to the awards.
 */
import type { DeadlineSchedule } from './timeline-types';
import type { FileRef } from './workflow-types';

export const conferenceWorkflowId = (campaignId: string): string => `campaign/${campaignId}/conference`;

/** When the conference is: an instant the file gives, or only a period ("tháng 11/2009"), never a day invented. */
export type ConferenceWhen =
  | { kind: 'exact'; start: string; end?: string }
  /** `first`/`last`: the period's days (yyyy-MM-dd, both included); `name`: "tháng 11/2009". */
  | { kind: 'period'; name: string; first: string; last: string };

/**
 * Who is invited: a participating unit (its head, through the unit's own portal link; the nominated
 * collectives' and individuals' representatives come with their unit's reply as delegates), or a
 * guest named in the campaign file (with a link of their own).
 */
export interface ConferenceInvitee {
  /** A unit id, or `khach/<guest id>` for a guest (no unit id contains "/"). */
  id: string;
  kind: 'unit' | 'guest';
  /** The unit's or the guest's name as letters address it. */
  name: string;
  /** Where the invitation goes (the unit head; the guest). */
  email: string;
  /** Who a missing reply is escalated to (the unit head for units, when the invitation went to the focal person). */
  escalateTo?: string;
  /** Whose presentation the unit gives, when it presents (from the papers units sent). */
  presents?: string;
}

export type ReplyAnswer = 'attending' | 'declined';

export interface Delegate {
  name: string;
  position?: string;
}

export interface ConferenceReply {
  inviteeId: string;
  answer: ReplyAnswer;
  /** Who comes (empty when declined). */
  delegates: Delegate[];
  /** Seats asked for (≥ delegates when attending; 0 when declined). */
  seats: number;
  note?: string;
  /** `link`: the invitee's own page; `phone`: recorded by the secretariat. */
  via: 'link' | 'phone';
  /** The staff member who recorded a phone reply. */
  recordedBy?: string;
  at: string;
  /** The invitation's SEQUENCE this reply answers: a reply to an earlier sequence is asked again after a move. */
  sequence: number;
}

export type ConferenceState =
  /** The day is still only a period ("dự kiến trong quý III/2015"): no invitation can go out. */
  | 'date-rough'
  /** The day is fixed; invitations go out at {@link ConferenceStatusView.invitationsAt}. */
  | 'scheduled'
  /** Invitations sent; replies open until the reply deadline. */
  | 'invited'
  /** After the day, until the secretariat records the outcome. */
  | 'awaiting-outcome'
  | 'held'
  | 'cancelled';

export interface ConferenceOutcome {
  /** ISO date (yyyy-mm-dd) the conference was held on. */
  heldOn: string;
  /** How many attended. */
  attendance: number;
  /** The minutes (biên bản), a file in the report store. */
  minutes?: FileRef;
  note?: string;
  recordedBy: string;
  at: string;
}

export interface ConferenceChange {
  at: string;
  by: string;
  what: 'date-fixed' | 'date-moved' | 'venue-changed' | 'cancelled';
  /** The SEQUENCE of the invitation it sent (the cancel's too). */
  sequence: number;
  /** "14/11/2009 08:00 → 20/11/2009 08:00", the new venue, the reason of a cancel. */
  detail: string;
}

export interface ConferenceInviteeView extends ConferenceInvitee {
  /** The reply to the current sequence, when given; a reply to an earlier one shows under `previousReply`. */
  reply?: ConferenceReply;
  previousReply?: ConferenceReply;
  /** The SEQUENCE of the last invitation sent to this invitee (absent before the first). */
  invitedSequence?: number;
  remindersSent: number;
  escalated: boolean;
}

export interface ConferenceStatusView {
  campaignId: string;
  /** The phase's name: "Hội nghị tổng kết". */
  name: string;
  state: ConferenceState;
  when: ConferenceWhen;
  /** Local readings for people: "08:00 ngày 14/11/2009" or "dự kiến trong tháng 11/2009". */
  whenLocal: string;
  venue: string;
  organizer?: string;
  agenda: string[];
  /** Raised each time the day is fixed or moved or the venue changes; 0 at first. */
  sequence: number;
  /** When the invitations go (went) out, ISO instant; absent while the day is rough. */
  invitationsAt?: string;
  /** Replies are asked for by this instant, ISO. */
  replyBy?: string;
  replyByLocal?: string;
  invitees: ConferenceInviteeView[];
  counts: { invited: number; attending: number; declined: number; noReply: number; seats: number };
  outcome?: ConferenceOutcome;
  cancelled?: { reason: string; by: string; at: string };
  changes: ConferenceChange[];
  remindersSent: number;
  escalationsSent: number;
}

// ---- updates (the use cases send these; validators refuse in Vietnamese) ---------------------------

export interface ReplyToInvitationInput {
  inviteeId: string;
  answer: ReplyAnswer;
  delegates: Delegate[];
  seats: number;
  note?: string;
  via: 'link' | 'phone';
  recordedBy?: string;
}

/** Fixes the day of a rough conference, or moves a fixed one (the client compiles the instants). */
export interface SetConferenceDateInput {
  start: string;
  end?: string;
  /** Invitations and the reply deadline, recompiled by the client for the new day. */
  invitationsAt: string;
  replyBy: string;
  /** Reminders of missing replies, escalation, attendees' reminder, for the new day. */
  replySchedule?: DeadlineSchedule;
  attendeeReminderAt?: string;
  by: string;
  reason?: string;
  /** The new start as people read it, `dd/MM/yyyy HH:mm` local (the client knows the zone). */
  startLocal?: string;
}

export interface ChangeVenueInput {
  venue: string;
  by: string;
  reason?: string;
}

export interface CancelConferenceInput {
  reason: string;
  by: string;
}

export interface RecordOutcomeInput {
  heldOn: string;
  attendance: number;
  minutes?: FileRef;
  note?: string;
  by: string;
}

/** The longest note or reason, and the most delegates per reply: a runaway form stops with a clear refusal. */
export const MAX_CONFERENCE_NOTE_CHARS = 2000;
export const MAX_DELEGATES_PER_REPLY = 50;

// ---- the workflow and its activities (added with the conference workflow) --------------------------

/** What the campaign gives its conference child (instants compiled by the client, nothing to interpret). */
export interface ConferenceWorkflowInput {
  campaignId: string;
  planNumber: string;
  title: string;
  definitionRef: string;
  phaseName: string;
  timeZone: string;
  when: ConferenceWhen;
  /** `dd/MM/yyyy HH:mm` local of an exact start. */
  startLocal?: string;
  venue: string;
  organizer?: string;
  agenda: string[];
  invitationsAt?: string;
  /** The reply deadline's schedule: its deadline is the reply deadline. */
  replySchedule?: DeadlineSchedule;
  attendeeReminderAt?: string;
  /** Who is invited; loaded from the definition by an activity when absent. */
  invitees?: ConferenceInvitee[];
}

export type ConferenceMessageKind =
  'invitation' | 'updated' | 'cancelled' | 'reply-reminder' | 'reply-escalation' | 'attendee-reminder';

/** The conference as a message tells it (the workflow's current state). */
export interface ConferenceSnapshot {
  name: string;
  planNumber: string;
  title: string;
  timeZone: string;
  when: ConferenceWhen;
  whenLocal: string;
  venue: string;
  organizer?: string;
  agenda: string[];
  sequence: number;
  replyBy?: string;
  replyByLocal?: string;
}

/** One round of conference messages (one per invitee, each idempotent by `${key}/${invitee id}`). */
export interface ConferenceMailInput {
  campaignId: string;
  definitionRef: string;
  kind: ConferenceMessageKind;
  /** The round's idempotency key, e.g. `<campaign>/conference/s1/updated`. */
  key: string;
  conference: ConferenceSnapshot;
  recipients: Array<{ invitee: ConferenceInvitee; reply?: ConferenceReply }>;
  /** Every invitee (the iCalendar's ATTENDEE list). */
  attendees: Array<{ name: string; email: string }>;
  /** A change's or a cancel's words, an escalation's step. */
  detail?: { reason?: string; change?: string; step?: number };
}

export interface ConferenceMailResult {
  /** Invitee ids whose message went out (now or before a retry). */
  sent: string[];
  /** Invitee ids whose address refused the message for good. */
  undeliverable: string[];
}

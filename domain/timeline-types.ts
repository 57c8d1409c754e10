/**
 * What the timeline compiler (`domain/timeline.ts`) produces and what workflows consume: exact
 * instants, nothing left to interpret. Workflows never run the calendar; an extension is compiled
 * by the client into a new {@link PhaseSchedule} and sent in the update.
 *
 * Instants are ISO-8601 strings in UTC (`2009-10-14T10:00:00.000Z`) with the local reading beside
 * them for people (`local`: `dd/MM/yyyy HH:mm`, campaign time zone).
 */
import type { PhaseKind, RoleName } from './campaign-schema';
import type { ConferenceWhen } from './conference-types';

export interface CompiledInstant {
  /** ISO instant in UTC. */
  utc: string;
  /** Local wall time in the campaign's time zone, `dd/MM/yyyy HH:mm`. */
  local: string;
}

export interface ReadInstant extends CompiledInstant {
  /** The phrase as written in the file, and how it was read (shown by `campaign plan`). */
  written: string;
  reading: string;
}

export interface CompiledReminder {
  /** Stable id within the phase, e.g. `r-7d`; part of the message's idempotency key. */
  id: string;
  /** As written in the file, e.g. `7d`, `3wd`, `0d`. */
  offset: string;
  /** `due-today` for the reminder on the deadline's own day. */
  kind: 'reminder' | 'due-today';
  at: CompiledInstant;
}

export interface CompiledEscalation {
  /** 1-based step of the ladder. */
  step: number;
  after: string;
  at: CompiledInstant;
  notify: RoleName[];
  cc: RoleName[];
}

/** The instants of one deadline: the part of a phase that an extension recompiles. */
export interface DeadlineSchedule {
  deadline: ReadInstant;
  lock: ReadInstant;
  reminders: CompiledReminder[];
  escalations: CompiledEscalation[];
}

export interface PhaseSchedule {
  kind: PhaseKind;
  name: string;
  /** The deadline phase's id when the file gives one (several deadline phases: `ke-hoach`, `ket-qua`). */
  id?: string;
  windowStart: ReadInstant;
  windowEnd: ReadInstant;
  /** Present for phases in which units owe something (self-review). */
  deadline?: DeadlineSchedule;
  /**
   * The synthesis phase's approval deadline (when the file gives one): reminders go to the approvers,
   * each escalation step to the secretariat with the approvers in copy (`notify: ['secretariat']`).
   */
  approval?: DeadlineSchedule;
  /**
   * The awards phase's council vote deadline (when the file gives a council): reminders go to the
   * members who have not voted, each escalation step to the chair.
   */
  vote?: DeadlineSchedule;
  /** Conference date, for the conference phase. */
  conferenceAt?: ReadInstant;
  /** The conference's own instants (conference phase); only `when` while the day is rough. */
  conference?: ConferenceSchedule;
}

/**
 * When the conference is and when its invitations, reply deadline, reminders and escalation and the
 * attendees' reminder go out. While the day is only a period, only {@link when} is set: the rest is
 * compiled when the secretariat fixes the day (`thidua conference set-date`).
 */
export interface ConferenceSchedule {
  when: ConferenceWhen;
  /** Where, who organizes and the agenda, as the file gives them (the conference workflow starts with them). */
  venue?: string;
  organizer?: string;
  agenda?: string[];
  start?: CompiledInstant;
  end?: CompiledInstant;
  invitationsAt?: CompiledInstant;
  /** The reply deadline (`deadline` = `lock`), reminders to those without a reply, escalation after it. */
  replies?: DeadlineSchedule;
  attendeeReminderAt?: CompiledInstant;
}

export interface CompiledCampaign {
  campaignId: string;
  planNumber: string;
  timeZone: string;
  phases: PhaseSchedule[];
  /** Set when the timeline was compressed by `--rehearse`. */
  rehearsal?: { spec: string; origin: string; anchor: string; factor: number };
  /** The plan's date (`campaign.plan.date` read as a start); always set by the compiler. */
  planDate?: ReadInstant;
  /**
   * What the compiler changed or dropped and why (a reminder before the window opened, two offsets
   * on the same instant, an escalation pushed to keep the ladder increasing); always set by the
   * compiler, shown under `campaign plan`.
   */
  notes?: string[];
}

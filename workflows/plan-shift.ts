/**
 * A campaign's remaining plan moved by some time, as a sub-campaign that follows its parent moves it:
 * every instant of a phase (window, deadlines with their reminders and escalations, approval, vote,
 * conference day and replies) shifted by the same milliseconds, the local readings rewritten in the
 * campaign zone. Pure, so that the campaign workflow can run it (no calendar: reminders keep their
 * distance to the deadline, as an extension "by N days" keeps them).
 */
import type { ConferenceWhen } from '../domain/conference-types';
import { formatDeadline } from '../domain/messages';
import type { CompiledInstant, ConferenceSchedule, DeadlineSchedule, PhaseSchedule } from '../domain/timeline-types';

const iso = (utc: string, ms: number) => new Date(Date.parse(utc) + ms).toISOString();

function instant<T extends CompiledInstant>(i: T, ms: number, zone: string): T {
  const utc = iso(i.utc, ms);
  return { ...i, utc, local: formatDeadline(utc, zone) };
}

/** A deadline with its reminders and escalations, moved by `ms`. */
export function shiftDeadline(s: DeadlineSchedule, ms: number, zone: string): DeadlineSchedule {
  return {
    ...s,
    deadline: instant(s.deadline, ms, zone),
    lock: instant(s.lock, ms, zone),
    reminders: s.reminders.map((r) => ({ ...r, at: instant(r.at, ms, zone) })),
    escalations: s.escalations.map((e) => ({ ...e, at: instant(e.at, ms, zone) })),
  };
}

/** A rough period ("in November") stays as written: only an exact day moves. */
function shiftWhen(w: ConferenceWhen, ms: number): ConferenceWhen {
  if (w.kind !== 'exact') return w;
  return { ...w, start: iso(w.start, ms), ...(w.end ? { end: iso(w.end, ms) } : {}) };
}

function shiftConference(c: ConferenceSchedule, ms: number, zone: string): ConferenceSchedule {
  const opt = <T extends CompiledInstant>(i: T | undefined) => (i ? instant(i, ms, zone) : undefined);
  return {
    ...c,
    when: shiftWhen(c.when, ms),
    ...(c.start ? { start: opt(c.start) } : {}),
    ...(c.end ? { end: opt(c.end) } : {}),
    ...(c.invitationsAt ? { invitationsAt: opt(c.invitationsAt) } : {}),
    ...(c.replies ? { replies: shiftDeadline(c.replies, ms, zone) } : {}),
    ...(c.attendeeReminderAt ? { attendeeReminderAt: opt(c.attendeeReminderAt) } : {}),
  };
}

/** The phase as it runs once the plan moved by `ms` (the phase itself when nothing moved). */
export function shiftPhase(p: PhaseSchedule, ms: number, zone: string): PhaseSchedule {
  if (!ms) return p;
  return {
    ...p,
    windowStart: instant(p.windowStart, ms, zone),
    windowEnd: instant(p.windowEnd, ms, zone),
    ...(p.deadline ? { deadline: shiftDeadline(p.deadline, ms, zone) } : {}),
    ...(p.approval ? { approval: shiftDeadline(p.approval, ms, zone) } : {}),
    ...(p.vote ? { vote: shiftDeadline(p.vote, ms, zone) } : {}),
    ...(p.conferenceAt ? { conferenceAt: instant(p.conferenceAt, ms, zone) } : {}),
    ...(p.conference ? { conference: shiftConference(p.conference, ms, zone) } : {}),
  };
}

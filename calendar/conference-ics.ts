/**
 * The conference's iCalendar text from its current state (the workflow's snapshot): the invitation
 * (`METHOD:REQUEST`, SEQUENCE = the conference's sequence) or, once cancelled, the `METHOD:CANCEL`
 * with the same UID. Built with the builders of `ics.ts`; pure.
 */
import type { ConferenceSnapshot } from '../domain/conference-types';
import { conferenceCancellation, conferenceInvitation, type Person } from './ics';

export interface ConferenceIcsInput {
  campaignId: string;
  conference: ConferenceSnapshot;
  organizer: Person;
  attendees: Person[];
  /** DTSTAMP, ISO. */
  now: string;
  /** The reason, when the conference is cancelled (a CANCEL is built). */
  cancelled?: { reason: string };
}

/** The `.ics` text, or undefined while the day is only a period (no invitation can say when). */
export function conferenceIcs(input: ConferenceIcsInput): string | undefined {
  const c = input.conference;
  if (c.when.kind !== 'exact') return undefined;
  // Without an end the event would mark only the opening: the invitation blocks the morning.
  const end = c.when.end ?? new Date(Date.parse(c.when.start) + 3.5 * 3_600_000).toISOString();
  const base = {
    campaignId: input.campaignId,
    sequence: c.sequence,
    title: `${c.name} – ${c.planNumber}`,
    start: c.when.start,
    end,
    timeZone: c.timeZone,
    venue: c.venue,
    agenda: c.agenda,
    description: `${c.name}${c.title ? ` (${c.title})` : ''} theo Kế hoạch số ${c.planNumber}${c.organizer ? `; đơn vị tổ chức: ${c.organizer}` : ''}.`,
    organizer: input.organizer,
    attendees: input.attendees,
    now: input.now,
  };
  // The cancel's SEQUENCE is the conference's (raised by the cancel): the builder adds one to the one before.
  return input.cancelled
    ? conferenceCancellation({ ...base, sequence: Math.max(0, c.sequence - 1), reason: input.cancelled.reason })
    : conferenceInvitation(base);
}

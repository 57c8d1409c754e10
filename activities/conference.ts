/**
 * The conference phase's effects: who is invited (from the campaign file), and each round of
 * messages — the invitation (giấy mời with its iCalendar REQUEST attached and as the `text/calendar`
 * part), the updated invitation, the CANCEL, reply reminders, escalations to the unit's head, the
 * attendees' reminder. One message per invitee, each through `sendOnce` with a Message-ID from the
 * round's key and the invitee: a retried round never sends one twice.
 */
import { GUEST_PREFIX, inviteeLink } from '../stores/invitee-links';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { conferenceTooLarge } from '../domain/scale-limits';
import { conferenceIcs } from '../calendar/conference-ics';
import type { Person } from '../calendar/ics';
import type { CampaignDefinition, ConferencePhaseDef, UnitInput } from '../domain/campaign-schema';
import { composeConferenceMessage } from '../domain/conference-messages';
import type { ConferenceInvitee, ConferenceMailInput, ConferenceMailResult } from '../domain/conference-types';
import { messageIdFor, sendOnce, UndeliverableError } from './mail/send';
import type { ActivityDeps } from './index';

function flatten(units: UnitInput[]): UnitInput[] {
  return units.flatMap((u) => [u, ...flatten(u.subUnits ?? [])]);
}

export function conferencePhaseOf(definition: CampaignDefinition): ConferencePhaseDef | undefined {
  const phase = definition.phases.find((p) => p.kind === 'conference');
  return phase?.kind === 'conference' ? phase : undefined;
}

/**
 * The invitees of the conference: the listed units ('all', or none listed: every unit), each invited
 * through its head with the missing reply escalated to its supervisor (the head when it has none);
 * then the guests.
 */
export function conferenceInvitees(definition: CampaignDefinition): ConferenceInvitee[] {
  const phase = conferencePhaseOf(definition);
  if (!phase) return [];
  const all = phase.invitees.length === 0 || phase.invitees.includes('all');
  const papers = new Map((phase.presenters ?? []).map((p) => [p.unit, p.paper]));
  const units = flatten(definition.units).filter((u) => all || phase.invitees.includes(u.id));
  return [
    ...units.map((u): ConferenceInvitee => ({
      id: u.id,
      kind: 'unit',
      name: u.name,
      email: u.head.email,
      escalateTo: (u.supervisor ?? u.head).email,
      ...(papers.has(u.id) ? { presents: papers.get(u.id)! } : {}),
    })),
    ...(phase.guests ?? []).map((g): ConferenceInvitee => ({
      id: `${GUEST_PREFIX}${g.id}`,
      kind: 'guest',
      name: g.position ? `${g.name}, ${g.position}` : g.name,
      email: g.email,
    })),
  ];
}

/** The ORGANIZER of the invitation: the secretariat's first contact with an address, else the sender. */
export function conferenceOrganizer(definition: CampaignDefinition, from: string): Person {
  const s = definition.campaign.secretariat;
  const contact = s.contacts.find((c) => c.email);
  const email = contact?.email ?? /<([^>]+)>/.exec(from)?.[1] ?? from;
  return { name: s.name, email };
}

export function createConferenceActivities(deps: ActivityDeps) {
  return {
    /** Who is invited, from the campaign file (the workflow keeps the list: a later file changes nothing). */
    async loadConferenceInvitees(input: { definitionRef: string }): Promise<ConferenceInvitee[]> {
      const definition = await deps.definitions.load(input.definitionRef);
      const invitees = conferenceInvitees(definition);
      const phase = conferencePhaseOf(definition);
      const field = `phases[${phase ? definition.phases.indexOf(phase) : '?'}].invitees`;
      // Not retried: the file will not change; the conference fails with this message, not later in Temporal.
      const refusal = conferenceTooLarge(invitees.length, field);
      if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'TooManyInvitees');
      return invitees;
    },

    /** One round: one message per recipient, each sent once; the invitations carry the `.ics`. */
    async sendConferenceRound(input: ConferenceMailInput): Promise<ConferenceMailResult> {
      const definition = await deps.definitions.load(input.definitionRef);
      const secretariat = definition.campaign.secretariat;
      const units = new Map(flatten(definition.units).map((u) => [u.id, u]));
      const calendarKinds = ['invitation', 'updated', 'cancelled'];
      const ics = calendarKinds.includes(input.kind)
        ? conferenceIcs({
            campaignId: input.campaignId,
            conference: input.conference,
            organizer: conferenceOrganizer(definition, deps.from),
            attendees: input.attendees,
            // The round's own instant would change with a retry: the stamp is the round's sequence's.
            now: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString(),
            ...(input.kind === 'cancelled' ? { cancelled: { reason: input.detail?.reason ?? '' } } : {}),
          })
        : undefined;
      const result: ConferenceMailResult = { sent: [], undeliverable: [] };
      for (const r of input.recipients) {
        const { invitee } = r;
        const unit = invitee.kind === 'unit' ? units.get(invitee.id) : undefined;
        // Units answer on their own link's conference page, guests on theirs (`/k/<token>`).
        const link = await inviteeLink(deps.links, input.campaignId, invitee.id);
        const escalation = input.kind === 'reply-escalation';
        const toAddress = escalation ? (invitee.escalateTo ?? invitee.email) : invitee.email;
        const to = [`"${invitee.name}" <${toAddress}>`];
        // The unit's focal person follows the invitation and its changes (it prepares the reply).
        const cc =
          unit && unit.focal.email !== toAddress && !escalation ? [`"${unit.focal.name}" <${unit.focal.email}>`] : [];
        const composed = composeConferenceMessage({
          kind: input.kind,
          conference: input.conference,
          invitee,
          ...(r.reply ? { reply: r.reply } : {}),
          secretariatName: secretariat.name,
          contacts: secretariat.contacts,
          ...(link ? { link } : {}),
          ...(input.detail ? { detail: input.detail } : {}),
        });
        const method = input.kind === 'cancelled' ? 'CANCEL' : 'REQUEST';
        Context.current().heartbeat(invitee.id);
        try {
          await sendOnce(deps.transport, deps.sentLog, {
            messageId: messageIdFor(`${input.key}/${invitee.id}`, deps.from),
            from: deps.from,
            to,
            cc,
            ...composed,
            // nodemailer writes `icalEvent` twice by itself: the `text/calendar; method=…` alternative
            // (accept/decline in mail clients) and an `application/ics` attachment under `filename`.
            ...(ics ? { icalEvent: { method, filename: 'giay-moi.ics', content: ics } } : {}),
          });
          result.sent.push(invitee.id);
        } catch (err) {
          // Refused for good: the round goes on for the others; the workflow counts this one as not sent.
          if (!(err instanceof UndeliverableError)) throw err;
          result.undeliverable.push(invitee.id);
        }
      }
      return result;
    },
  };
}

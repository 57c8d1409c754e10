/**
 * What the portal and the dashboard ask of the conference phase, behind one interface so that their
 * HTTP layers are tested with fakes: the Temporal implementation calls the use cases of
 * `app/conference.ts`, the same code as the CLI.
 */
import {
  cancelConference,
  changeConferenceVenue,
  conferenceInvitationIcs,
  conferenceStatus,
  recordConferenceOutcome,
  recordPhoneReply,
  replyToInvitation,
  setConferenceDate,
} from '../app/conference';
import type { RehearsedDay } from '../app/conference';
import type { AppContext } from '../app/context';
import { requireRole, type StaffActor } from '../app/roles';
import { AppError } from '../app/temporal-errors';
import type { ConferenceStatusView, ReplyToInvitationInput } from '../domain/conference-types';
import { inviteeLink, isGuestId } from '../stores/invitee-links';
import type { UnitLinks } from '../stores/unit-links';

export type PhoneReply = Omit<ReplyToInvitationInput, 'via' | 'recordedBy'>;
export type OutcomeInput = {
  heldOn: string;
  attendance: number;
  minutes?: { name: string; bytes: Buffer };
  note?: string;
};

export interface ConferenceBackend {
  status(campaignId: string): Promise<ConferenceStatusView>;
  /** An invitee's own reply through its link (`via: 'link'`). */
  reply(campaignId: string, reply: ReplyToInvitationInput): Promise<ConferenceStatusView>;
  recordPhoneReply(campaignId: string, actor: StaffActor, reply: PhoneReply): Promise<ConferenceStatusView>;
  setDate(
    campaignId: string,
    actor: StaffActor,
    when: { start: string; end?: string },
    reason?: string,
  ): Promise<ConferenceStatusView & { rehearsed?: RehearsedDay }>;
  changeVenue(campaignId: string, actor: StaffActor, venue: string, reason?: string): Promise<ConferenceStatusView>;
  cancel(campaignId: string, actor: StaffActor, reason: string): Promise<ConferenceStatusView>;
  recordOutcome(campaignId: string, actor: StaffActor, outcome: OutcomeInput): Promise<ConferenceStatusView>;
  /** The invitee's invitation as an iCalendar file (`METHOD:REQUEST`, its current SEQUENCE). */
  invitationIcs(campaignId: string, inviteeId: string): Promise<string>;
  /**
   * A guest's link (`khach/<id>`, one the conference invites) revoked, or revoked and issued anew
   * (returns the new page's address). Role: clerk. A unit's link is the unit's own (dashboard unit page).
   */
  guestLink(
    campaignId: string,
    actor: StaffActor,
    inviteeId: string,
    what: 'reissue' | 'revoke',
  ): Promise<string | undefined>;
}

/** {@link ConferenceBackend} on Temporal, through the use cases; guests' links in the link store. */
export function temporalConferenceBackend(s: AppContext, links: UnitLinks): ConferenceBackend {
  return {
    guestLink: async (campaignId, actor, inviteeId, what) => {
      requireRole(actor, 'clerk', 'link');
      const view = await conferenceStatus(s, campaignId);
      if (!isGuestId(inviteeId) || !view.invitees.some((i) => i.id === inviteeId && i.kind === 'guest'))
        throw new AppError('not-found', { operation: 'link', campaignId, unitId: inviteeId });
      if (what === 'revoke') {
        await links.revoke(campaignId, inviteeId);
        return undefined;
      }
      await links.reissue(campaignId, inviteeId);
      return inviteeLink(links, campaignId, inviteeId);
    },
    status: (campaignId) => conferenceStatus(s, campaignId),
    reply: (campaignId, reply) => replyToInvitation(s, campaignId, reply),
    recordPhoneReply: (campaignId, actor, reply) => recordPhoneReply(s, campaignId, actor, reply),
    setDate: (campaignId, actor, when, reason) => setConferenceDate(s, campaignId, actor, when, reason),
    changeVenue: (campaignId, actor, venue, reason) => changeConferenceVenue(s, campaignId, actor, venue, reason),
    cancel: (campaignId, actor, reason) => cancelConference(s, campaignId, actor, reason),
    recordOutcome: (campaignId, actor, outcome) => recordConferenceOutcome(s, campaignId, actor, outcome),
    invitationIcs: (campaignId, inviteeId) => conferenceInvitationIcs(s, campaignId, inviteeId),
  };
}

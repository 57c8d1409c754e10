/**
 * STUB of the conference use cases (conf-core builds them): the signatures the portal and the
 * dashboard are written against; every body throws until the real module replaces this file.
 */
import type { ConferenceStatusView, ReplyToInvitationInput } from '../domain/conference-types';
import type { AppContext } from './context';
import type { StaffActor } from './roles';

const notYet = (): never => {
  throw new Error('not yet built');
};

export function conferenceStatus(_s: AppContext, _campaignId: string): Promise<ConferenceStatusView> {
  return notYet();
}

export function replyToInvitation(
  _s: AppContext,
  _campaignId: string,
  _reply: ReplyToInvitationInput,
): Promise<ConferenceStatusView> {
  return notYet();
}

export function recordPhoneReply(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _reply: Omit<ReplyToInvitationInput, 'via' | 'recordedBy'>,
): Promise<ConferenceStatusView> {
  return notYet();
}

export function setConferenceDate(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _when: { start: string; end?: string },
  _reason?: string,
): Promise<ConferenceStatusView> {
  return notYet();
}

export function changeConferenceVenue(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _venue: string,
  _reason?: string,
): Promise<ConferenceStatusView> {
  return notYet();
}

export function cancelConference(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _reason: string,
): Promise<ConferenceStatusView> {
  return notYet();
}

export function recordConferenceOutcome(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _outcome: { heldOn: string; attendance: number; minutes?: { name: string; bytes: Buffer }; note?: string },
): Promise<ConferenceStatusView> {
  return notYet();
}

export function conferenceInvitationIcs(_s: AppContext, _campaignId: string, _inviteeId: string): Promise<string> {
  return notYet();
}

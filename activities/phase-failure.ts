/**
 * Tells the campaign's secretariat that a later phase's child workflow failed (issue 17). Sent through
 * `sendOnce` with a Message-ID made from the campaign and the phase: a retried activity finds it in the
 * sent log and never sends twice.
 */
import { composePhaseFailure } from '../domain/phase-failure-messages';
import { planTag } from '../domain/plan-document';
import type { PhaseFailure } from '../domain/workflow-types';
import { messageIdFor, sendOrReportRefusal, type StaffMailOutcome } from './mail/send';
import { secretariatRecipients } from './mail/secretariat';
import type { ActivityDeps } from './index';

export interface PhaseFailureMailInput {
  campaignId: string;
  definitionRef: string;
  failure: PhaseFailure;
}

/** Sent, already sent by an earlier attempt, refused for good, or no secretariat address in the file. */
export type PhaseFailureMailResult =
  StaffMailOutcome | { sent: false; reason: 'no-recipient'; messageId: string; recipients: [] };

/** The idempotency key: one letter per campaign and phase. */
export const phaseFailureKey = (campaignId: string, phase: string): string => `${campaignId}/phase-failed/${phase}`;

export function createPhaseFailureActivities(deps: ActivityDeps) {
  return {
    async mailPhaseFailure(input: PhaseFailureMailInput): Promise<PhaseFailureMailResult> {
      const messageId = messageIdFor(phaseFailureKey(input.campaignId, input.failure.phase), deps.from);
      const definition = await deps.definitions.load(input.definitionRef);
      const header = definition.campaign;
      const to = secretariatRecipients(header);
      if (to.length === 0) return { sent: false, reason: 'no-recipient', messageId, recipients: [] };
      const composed = composePhaseFailure({
        planNumber: planTag(header.plan),
        campaignTitle: header.title,
        campaignId: input.campaignId,
        secretariatName: header.secretariat.name,
        contacts: header.secretariat.contacts,
        timeZone: header.timeZone,
        failure: input.failure,
      });
      return sendOrReportRefusal(deps.transport, deps.sentLog, { messageId, from: deps.from, to, ...composed });
    },
  };
}

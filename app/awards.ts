/**
 * STUB of the awards use cases (issue 14), written by award-ui against the signatures award-core
 * implements; dropped at merge in favour of award-core's `app/awards.ts`.
 */
import type { AwardNominationState, AwardsStatusView, CastVoteInput } from '../domain/award-types';
import type { NomineeType } from '../domain/workflow-types';
import type { AppContext } from './context';
import type { StaffActor } from './roles';

const notYet = (): never => {
  throw new Error('not yet built');
};

export function awardsStatus(_s: AppContext, _campaignId: string, _actor?: StaffActor): Promise<AwardsStatusView> {
  return notYet();
}

export function castVote(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _vote: Omit<CastVoteInput, 'member' | 'recordedBy'>,
): Promise<AwardsStatusView> {
  return notYet();
}

export function recordWrittenVote(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _vote: Omit<CastVoteInput, 'recordedBy'>,
): Promise<AwardsStatusView> {
  return notYet();
}

export function closeVote(_s: AppContext, _campaignId: string, _actor: StaffActor): Promise<AwardsStatusView> {
  return notYet();
}

export function issueDecision(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _decision: { number: string; date: string },
): Promise<AwardsStatusView> {
  return notYet();
}

export function awardResultsForUnit(
  _s: AppContext,
  _campaignId: string,
  _unitId: string,
): Promise<
  Array<{ name: string; type: NomineeType; proposedForm: string; state: AwardNominationState; awardedForm?: string }>
> {
  return notYet();
}

export function awardFile(
  _s: AppContext,
  _campaignId: string,
  _which: 'minutes' | 'decision' | 'proposal' | 'statistics',
): Promise<{ name: string; bytes: Buffer; contentType: string }> {
  return notYet();
}

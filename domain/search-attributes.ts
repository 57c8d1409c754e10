/**
 * Search attributes that make every campaign and unit findable in the Temporal UI and by
 * `thidua campaign status` (visibility counts answer for 10,000 units without touching a history).
 * `npm run dev` registers them on the dev server; on a cluster, see the README.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const CampaignIdKey = defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD);
export const UnitIdKey = defineSearchAttributeKey('UnitId', SearchAttributeType.KEYWORD);
/** Current phase kind, e.g. `self-review`. */
export const PhaseKey = defineSearchAttributeKey('Phase', SearchAttributeType.KEYWORD);
/** `pending`, `submitted`, `late` (submitted after the deadline), `missing` (deadline passed, nothing in). */
export const SubmissionStatusKey = defineSearchAttributeKey('SubmissionStatus', SearchAttributeType.KEYWORD);
/** The unit's current deadline (moves with extensions). */
export const DeadlineKey = defineSearchAttributeKey('Deadline', SearchAttributeType.DATETIME);
/** True once the phase closed and the unit's reports are read-only. */
export const LockedKey = defineSearchAttributeKey('Locked', SearchAttributeType.BOOL);
export const RemindersSentKey = defineSearchAttributeKey('RemindersSent', SearchAttributeType.INT);
export const SubmittedAtKey = defineSearchAttributeKey('SubmittedAt', SearchAttributeType.DATETIME);
/** On a sub-campaign's campaign workflow: the parent campaign's id, and the parent's unit that runs it. */
export const ParentCampaignKey = defineSearchAttributeKey('ParentCampaign', SearchAttributeType.KEYWORD);
export const ParentUnitKey = defineSearchAttributeKey('ParentUnit', SearchAttributeType.KEYWORD);
/** On a campaign workflow: the kinds of its later phases whose child workflow failed (`synthesis`, …). */
export const FailedPhasesKey = defineSearchAttributeKey('FailedPhases', SearchAttributeType.KEYWORD_LIST);

export const SEARCH_ATTRIBUTES = [
  CampaignIdKey,
  UnitIdKey,
  PhaseKey,
  SubmissionStatusKey,
  DeadlineKey,
  LockedKey,
  RemindersSentKey,
  SubmittedAtKey,
  ParentCampaignKey,
  ParentUnitKey,
  FailedPhasesKey,
] as const;

/** `--search-attribute Name=Type` arguments of `temporal server start-dev` / `operator search-attribute create`. */
export function searchAttributeCliArgs(): string[] {
  const cliType: Record<string, string> = {
    KEYWORD: 'Keyword',
    KEYWORD_LIST: 'KeywordList',
    DATETIME: 'Datetime',
    BOOL: 'Bool',
    INT: 'Int',
  };
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${cliType[key.type]}`]);
}

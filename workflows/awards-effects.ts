/**
 * The awards workflow's activities as it calls them (timeouts and retries by kind of work) and its
 * outbox of messages: the council's mails, and the units' result letters in pages (issue 17).
 * Workflow code: no I/O.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { AWARD_LETTERS_PER_PAGE, type AwardMailInput } from '../domain/award-workflow-types';

export const mail = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 40 },
});
// Gathering queries every unit's workflow; documents take seconds: alive through heartbeats.
export const builder = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});
// A page of result letters runs for minutes: alive through its heartbeats, resumed from them on a retry.
export const letters = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 40 },
});

export type Outbox =
  | { activity: 'mailAwards'; input: Omit<AwardMailInput, 'campaignId' | 'definitionRef'> }
  /** One unit's letter: histories recorded before `awards-unit-letters-in-pages`. */
  | { activity: 'notifyAwardUnit'; unitId: string }
  | { activity: 'notifyAwardUnitsPage'; unitIds: string[]; page: number };

/** The units' result letters, {@link AWARD_LETTERS_PER_PAGE} units to an activity, in the units' order. */
export function letterPages(unitIds: string[]): Outbox[] {
  const pages: Outbox[] = [];
  for (let i = 0; i < unitIds.length; i += AWARD_LETTERS_PER_PAGE) {
    const page = unitIds.slice(i, i + AWARD_LETTERS_PER_PAGE);
    pages.push({ activity: 'notifyAwardUnitsPage', unitIds: page, page: i / AWARD_LETTERS_PER_PAGE + 1 });
  }
  return pages;
}

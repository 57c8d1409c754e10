/**
 * What a recurring campaign's starter workflow (`workflows/scheduled-campaign.ts`) and its activity
 * (`activities/scheduled-campaign.ts`) exchange. Pure types: the workflow bundle imports them.
 */

export interface ScheduledRunInput {
  scheduleId: string;
  /** The instant the schedule meant (its `TemporalScheduledStartTime`), ISO: it decides the period. */
  scheduledAt: string;
  /** The starter's workflow id: a retried activity recognises the campaign it started itself. */
  starterWorkflowId: string;
}

export interface ScheduledRunResult {
  /** `started`: the period's campaign started now; `already-ran`: its id exists, nothing was started. */
  status: 'started' | 'already-ran';
  /** `2027-h1` or `2027`. */
  period: string;
  campaignId: string;
  /** For people, in Vietnamese: "Đã bắt đầu …" or "kỳ 2027-h1 đã chạy …". */
  message: string;
}

/** The starter's memo key on the campaigns it starts: which schedule and which starter run. */
export const SCHEDULE_MEMO = { scheduleId: 'scheduleId', starter: 'scheduledBy' } as const;

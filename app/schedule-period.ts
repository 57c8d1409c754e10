/**
 * One period's campaign from a recurring campaign's template: its dates moved into the period
 * (`moveCampaignToPeriod`), its id `<schedule id>-<period>`, validated as `campaign start` validates
 * (the same messages) and compiled. Used when a schedule is made (the first period it will run must
 * work) and by the starter activity at each period.
 */
import { checkCampaignText, formatProblem, type Lang } from '../config/campaign-files';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { CampaignDefinition } from '../domain/campaign-schema';
import { moveCampaignToPeriod } from '../domain/move-dates';
import { periodId, periodStartUtc, type Period } from '../domain/periods';
import { compileCampaign } from '../domain/timeline';
import type { CompiledCampaign } from '../domain/timeline-types';

/** Schedules run in Việt Nam's time: a half-year starts at 00:00 of 1 January and of 1 July there. */
export const SCHEDULE_ZONE = 'Asia/Ho_Chi_Minh';

/** The campaign id of a period: the same rule as a campaign started by hand (`campaign/<id>`). */
export function periodCampaignId(scheduleId: string, period: Period): string {
  return `${scheduleId}-${periodId(period)}`;
}

export type PeriodCampaign =
  | {
      ok: true;
      period: Period;
      campaignId: string;
      definition: CampaignDefinition;
      compiled: CompiledCampaign;
      /** Notes of the move (a 31/12 made 30/6), in Vietnamese. */
      notes: string[];
    }
  | { ok: false; period: Period; campaignId: string; problems: string[] };

/**
 * The campaign of `period` from the template text. `templateFile` names it in the problems and
 * locates its attachments. The past-deadline rule is checked against the period's start, not the
 * clock: a period started late (a trigger, a backfill, a catch-up) is still that period's campaign.
 */
export function preparePeriodCampaign(
  scheduleId: string,
  yaml: string,
  templateFile: string,
  period: Period,
  opts: { calendar: WorkingCalendar; lang?: Lang },
): PeriodCampaign {
  const campaignId = periodCampaignId(scheduleId, period);
  const moved = moveCampaignToPeriod(yaml, period, campaignId);
  if (moved.problems.length > 0) {
    return { ok: false, period, campaignId, problems: moved.problems.map((p) => `${templateFile}: ${p}`) };
  }
  const loaded = checkCampaignText(moved.text, templateFile, {
    mode: 'start',
    now: periodStartUtc(period, SCHEDULE_ZONE),
    calendar: opts.calendar,
    lang: opts.lang,
  });
  if (!loaded.ok) {
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    return { ok: false, period, campaignId, problems: errors.map((p) => formatProblem(p, opts.lang)) };
  }
  return {
    ok: true,
    period,
    campaignId,
    definition: loaded.campaign,
    compiled: compileCampaign(loaded.campaign, opts.calendar),
    notes: moved.notes,
  };
}

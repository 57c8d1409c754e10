/**
 * The award statistics across the campaigns of a year (issue 14, item 5): the campaigns whose award
 * decision is dated in that year, found through visibility ({@link listCampaigns}), each read with
 * {@link awardsStatus}; their approved nominations counted together by the statistics module's own
 * counter ({@link awardStatistics}), so a year's table and a campaign's table cannot disagree.
 * Written once for the CLI (`thidua campaign report --year`) and the dashboard (`/admin/thong-ke`).
 */
import { awardStatistics, type AwardCount, type CountedCampaign } from '../documents/award-statistics';
import { loadAwardCatalogue } from '../domain/award-catalogue';
import type { AwardCatalogue, AwardsStatusView } from '../domain/award-types';
import { awardNominations, firstNominationsPage } from './awards';
import { listCampaigns } from './campaigns';
import { mapLimited } from './map-limited';
import type { AppContext } from './context';
import { AppError } from './temporal-errors';

/** Why a campaign is not counted: no awards phase, or no decision yet (the vote's state). */
export type SkipCode = 'no-awards' | 'voting' | 'closed' | 'cancelled' | 'no-decision';

export interface YearAwardStatistics {
  year: number;
  campaigns: CountedCampaign[];
  rows: AwardCount[];
  /** `reason` in Vietnamese; `code` lets the CLI say it in English. */
  skipped: Array<{ campaignId: string; reason: string; code: SkipCode }>;
}

export const SKIP_REASONS: Record<SkipCode, string> = {
  'no-awards': 'đợt chưa có phần xét khen thưởng (Hội đồng chưa biểu quyết)',
  voting: 'Hội đồng đang bỏ phiếu, chưa có quyết định khen thưởng',
  closed: 'đã kết thúc bỏ phiếu, chưa ghi số và ngày quyết định khen thưởng',
  cancelled: 'phần xét khen thưởng đã hủy, không có quyết định',
  'no-decision': 'chưa có quyết định khen thưởng',
};

/** The workbook's title (Vietnamese: the table is an official one). */
/** One campaign's counts by form (its approved nominations), with the view they come from. Role: any staff. */
export async function campaignAwardStatistics(
  s: AppContext,
  campaignId: string,
  catalogue: AwardCatalogue = loadAwardCatalogue(),
): Promise<{ view: AwardsStatusView; rows: AwardCount[] }> {
  const { view, nominations } = await awardNominations(s, campaignId);
  return { view, rows: awardStatistics(nominations, catalogue) };
}

export const yearStatisticsTitle = (year: number): string => `Thống kê khen thưởng năm ${year}`;

/** The years a report may ask for: a decision of thidua cannot be older, a typo like 20266 is refused. */
export const isReportYear = (year: number): boolean => Number.isInteger(year) && year >= 2000 && year <= 2100;

/**
 * The counts by form of the awards decided in `year` (the decision's date, not the campaign's start).
 * A campaign decided in another year is simply not counted; one with no awards phase or no decision
 * is listed in `skipped` with the reason — unless it started after the year: a rehearsal (its days
 * compressed from an earlier year's plan) can carry a decision of that year, so it is read, but
 * undecided it has nothing to do with the year and is left out silently.
 */
/** Campaigns whose awards are read at the same time. */
const CAMPAIGNS_READ_AT_ONCE = 8;

export async function yearAwardStatistics(
  s: AppContext,
  year: number,
  catalogue: AwardCatalogue = loadAwardCatalogue(),
): Promise<YearAwardStatistics> {
  if (!isReportYear(year)) {
    // The CLI and the dashboard refuse a bad year in their own words first; this is the last guard.
    throw new RangeError(`năm "${year}": ghi năm bằng bốn chữ số, từ 2000 đến 2100`);
  }
  const prefix = `${year}-`;
  const seen = new Set<string>();
  const campaigns: Array<CountedCampaign & { view: AwardsStatusView }> = [];
  const skipped: YearAwardStatistics['skipped'] = [];
  // A campaign continued as new or restarted under its id is listed once per run: read it once.
  const rows = (await listCampaigns(s)).filter((row) => {
    if (seen.has(row.campaignId)) return false;
    seen.add(row.campaignId);
    return true;
  });
  // Each campaign's awards are a query of its own: a few at a time, not one after another.
  const views = await mapLimited(rows, CAMPAIGNS_READ_AT_ONCE, (row) =>
    // The first page without votes: the state, the decision, and (most often) every nomination.
    firstNominationsPage(s, row.campaignId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not-found') return undefined;
      throw err;
    }),
  );
  rows.forEach((row, i) => {
    const view = views[i];
    const startedLater = row.startTime.slice(0, 4) > String(year);
    const code: SkipCode | undefined = !view
      ? 'no-awards'
      : view.decision
        ? undefined
        : view.state === 'decided'
          ? 'no-decision'
          : view.state;
    if (code) {
      if (!startedLater) skipped.push({ campaignId: row.campaignId, reason: SKIP_REASONS[code], code });
      return;
    }
    const { number, date } = view!.decision!;
    if (!date.startsWith(prefix)) return;
    campaigns.push({
      campaignId: row.campaignId,
      ...(row.planNumber ? { planNumber: row.planNumber } : {}),
      ...(row.title ? { title: row.title } : {}),
      decision: { number, date },
      view: view!,
    });
  });
  campaigns.sort(
    (a, b) => a.decision!.date.localeCompare(b.decision!.date) || a.campaignId.localeCompare(b.campaignId),
  );
  skipped.sort((a, b) => a.campaignId.localeCompare(b.campaignId));
  // The other pages of those counted (a vote of more than a page's nominations).
  const counted = await mapLimited(campaigns, CAMPAIGNS_READ_AT_ONCE, (c) => awardNominations(s, c.campaignId, c.view));
  return {
    year,
    campaigns: campaigns.map(({ view: _view, ...c }) => c),
    rows: awardStatistics(
      counted.flatMap((c) => c.nominations),
      catalogue,
    ),
    skipped,
  };
}

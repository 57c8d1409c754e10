/**
 * The year's award statistics (issue 14, item 5): `GET /admin/thong-ke[?nam=YYYY]` (the page; this
 * year in the dashboard's time zone without `nam`) and `GET /admin/thong-ke/<YYYY>.xlsx` (the
 * workbook). Read-only: any signed-in staff account may read them, whatever its roles.
 */
import type http from 'node:http';
import { DateTime } from 'luxon';
import { isReportYear, yearStatisticsTitle, type YearAwardStatistics } from '../../app/award-statistics';
import { awardStatisticsXlsx } from '../../documents/award-statistics';
import { HttpError, sendDownload, sendHtml } from '../http';
import type { SignedIn, RouteContext } from './routes-shared';
import { failure, NOT_FOUND, XLSX } from './routes-shared';
import { STATISTICS_PATH, statisticsPage } from './statistics-page';

const XLSX_TAIL = /^\/(\d{4})\.xlsx$/;

export function statisticsRoutes({ opts }: RouteContext) {
  /** A year as typed in `?nam=`, or the refusal saying what is wrong with it. */
  function yearOf(value: string | null): number {
    if (value === null || value.trim() === '') return DateTime.now().setZone(opts.timeZone).year;
    const year = Number(value.trim());
    if (!/^\d{4}$/.test(value.trim()) || !isReportYear(year)) {
      throw new HttpError(
        400,
        'Năm không hợp lệ',
        `Năm "${value}": ghi năm bằng bốn chữ số, từ 2000 đến 2100, ví dụ 2026.`,
      );
    }
    return year;
  }

  async function read(year: number): Promise<YearAwardStatistics> {
    if (!opts.awards) throw new HttpError(404, 'Không tìm thấy', 'Trang quản trị này chưa có phần khen thưởng.');
    try {
      return await opts.awards.yearStatistics(year);
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được thống kê khen thưởng', f.message);
      throw err;
    }
  }

  /** Answers `/admin/thong-ke` and what is under it; `tail` is the path after {@link STATISTICS_PATH}. */
  return async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    tail: string,
    url: URL,
  ) {
    if ((req.method ?? 'GET') !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    if (tail === '') {
      const stats = await read(yearOf(url.searchParams.get('nam')));
      return sendHtml(res, 200, statisticsPage(signed.staff, signed.actor, stats));
    }
    const m = XLSX_TAIL.exec(tail);
    if (!m) throw NOT_FOUND;
    const year = yearOf(m[1]);
    const stats = await read(year);
    opts.log(`dashboard: ${signed.staff.login} downloaded award statistics ${year}`);
    const bytes = await awardStatisticsXlsx(stats.rows, yearStatisticsTitle(year), stats.campaigns);
    sendDownload(res, { name: `Thống kê khen thưởng năm ${year}.xlsx`, contentType: XLSX }, bytes);
  };
}

export { STATISTICS_PATH };

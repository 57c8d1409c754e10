/**
 * `GET /u/<token>/lich.ics`: the unit's calendar (its deadline, the lock, the conference) for calendar
 * apps, which subscribe with the address alone: no session, the token checked on every fetch as the
 * link's page checks it.
 */
import type http from 'node:http';
import { AppError } from '../app/temporal-errors';
import { unitCalendarFeed, type FeedConference } from '../calendar/ics';
import type { UnitStatusView } from '../domain/workflow-types';
import { HTTP_STATUS, unitMessage } from './messages';
import { HttpError, SECURITY_HEADERS } from './http';
import type { PortalOptions } from './options';
import { BAD_LINK, type UnitAccess } from './unit-access';

/** The unit's calendar under its link: `/u/<token>/lich.ics`. */
export const calendarPath = (token: string): string => `/u/${encodeURIComponent(token)}/lich.ics`;

export type CalendarFeed = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  token: string,
  method: string,
) => Promise<void>;

export function createCalendarFeed(
  opts: PortalOptions,
  access: UnitAccess,
  ctx: {
    clientIp: (req: http.IncomingMessage) => string;
    /** The conference from its workflow, for the calendar (with its SEQUENCE); undefined: the definition's. */
    feedConference?: (campaignId: string) => Promise<FeedConference | undefined>;
  },
): CalendarFeed {
  const { limiter } = access;
  /**
   * The unit's calendar, built from its workflow's view at each fetch, so that an extension reaches
   * the calendar at the app's next poll. Refused as the link's page refuses (unknown or revoked link,
   * campaign over). Only refused tokens count toward the address's limit: calendar services poll
   * many units' feeds from few addresses.
   */
  return async function calendarFeed(req, res, token, method) {
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    const ip = ctx.clientIp(req);
    if (!limiter.allowed(ip)) {
      access.tooManyAttempts(req, res, ip);
      return;
    }
    const unit = await access.resolveUnit(token);
    if (!unit) {
      limiter.attempt(ip);
      throw BAD_LINK;
    }
    await access.assertLinkLive(unit.campaignId);
    let view: UnitStatusView;
    try {
      view = await opts.backend.unitStatus(unit.campaignId, unit.unitId);
    } catch (err) {
      if (err instanceof AppError) {
        throw new HttpError(HTTP_STATUS[err.code], 'Không đọc được hồ sơ của đơn vị', unitMessage(err, opts.timeZone));
      }
      throw err;
    }
    const campaign = await opts.backend.campaignInfo(unit.campaignId);
    const origin =
      opts.publicUrl?.replace(/\/+$/, '') ??
      `${opts.secureCookies ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;
    const body = Buffer.from(
      unitCalendarFeed({
        view,
        planTag: campaign?.document?.tag,
        campaignTitle: campaign?.title,
        timeZone: campaign?.timeZone ?? opts.timeZone,
        portalUrl: `${origin}/u/${encodeURIComponent(token)}`,
        conference: (await ctx.feedConference?.(unit.campaignId)) ?? campaign?.conference,
        now: new Date().toISOString(),
      }),
      'utf8',
    );
    const fileName = `lich-thi-dua-${unit.unitId.replace(/[^A-Za-z0-9._-]/g, '-')}.ics`;
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${fileName}"`,
      'Content-Length': String(body.length),
    });
    res.end(method === 'HEAD' ? undefined : body);
  };
}

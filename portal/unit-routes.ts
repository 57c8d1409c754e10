/**
 * The unit portal's routes (issue 5), apart from the server that composes them (`server.ts`):
 *
 * - `GET /u/<token>` opens nothing (mail scanners prefetch links): a page with one button that POSTs,
 *   with a CSRF token, to `/u/<token>/open`, which starts a server-side session bound to the unit and
 *   redirects to `/unit`. Token attempts are rate limited per IP (`unit-access.ts`).
 * - `GET /unit` shows the unit's state from its workflow (`unit-page-view.ts`); `POST /unit/upload`
 *   takes a file (`unit-upload-route.ts`), `POST /unit/nominations` the nominations, both through the
 *   use cases of `app/units.ts`.
 * - `GET /u/<token>/lich.ics` is the unit's calendar (`unit-calendar-feed.ts`).
 *
 * The unit comes only from the session (or, for the calendar, its link), never from the request. Refusals (locked, wrong type, empty,
 * oversized, no worker) are shown on the page and nothing is recorded.
 */
import type http from 'node:http';
import { AppError } from '../app/temporal-errors';
import { submitUnitNominations } from '../app/units';
import type { Nomination, NomineeType, UnitStatusView } from '../domain/workflow-types';
import { HTTP_STATUS, unitMessage } from './messages';
import { decodePathSegment, HttpError, readBody, SECURITY_HEADERS, sendDownload, sendHtml } from './http';
import { esc, layout, linkPage, localTime, MAX_NOMINATION_ROWS } from './pages';
import { parseCookies, randomToken, safeEqual, type SessionStore, type UnitSession } from './security';
import { parseUrlEncoded } from './upload';
import type { PortalOptions } from './options';
import type { FeedConference } from '../calendar/ics';
import { BAD_CSRF, BAD_LINK, createUnitAccess, NO_SESSION, OPEN_COOKIE, SESSION_COOKIE } from './unit-access';
import { createCalendarFeed } from './unit-calendar-feed';
import { createUnitPageView, portalSubmitter } from './unit-page-view';
import { createUploadRoute } from './unit-upload-route';

export { OPEN_COOKIE, SESSION_COOKIE } from './unit-access';
export { calendarPath } from './unit-calendar-feed';

export interface UnitRoutes {
  /** Answers `/u/…` and `/unit…`; false for any other path. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, route: string, method: string): Promise<boolean>;
}

export function createUnitRoutes(
  opts: PortalOptions,
  ctx: {
    sessions: SessionStore;
    clientIp: (req: http.IncomingMessage) => string;
    log: (line: string) => void;
    /** The conference from its workflow, for the calendar (with its SEQUENCE); undefined: the definition's. */
    feedConference?: (campaignId: string) => Promise<FeedConference | undefined>;
  },
): UnitRoutes {
  const { sessions, clientIp, log } = ctx;
  const access = createUnitAccess(opts, sessions);
  const { resolveUnit, sessionOf, assertLinkLive, limiter, tooManyAttempts, secure } = access;
  const calendarFeed = createCalendarFeed(opts, access, ctx);
  const page = createUnitPageView(opts, log);
  const { renderUnit } = page;
  const upload = createUploadRoute(opts, page, log);

  const send = sendHtml;

  async function openLink(req: http.IncomingMessage, res: http.ServerResponse, token: string): Promise<void> {
    const body = await readBody(req, 8 * 1024);
    if (!body) throw new HttpError(413, 'Yêu cầu quá lớn', 'Yêu cầu quá lớn.');
    const form = parseUrlEncoded(body);
    if (!safeEqual(form.csrf, parseCookies(req.headers.cookie)[OPEN_COOKIE])) throw BAD_CSRF;
    const unit = await resolveUnit(token);
    if (!unit) throw BAD_LINK;
    await assertLinkLive(unit.campaignId);
    const session = sessions.create({ campaignId: unit.campaignId, unitId: unit.unitId, token });
    log(`portal: session opened for ${unit.campaignId}/${unit.unitId}`);
    res.writeHead(303, {
      ...SECURITY_HEADERS,
      Location: '/unit',
      'Set-Cookie': [
        `${SESSION_COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800${secure}`,
        `${OPEN_COOKIE}=; Path=/u/; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
      ],
    });
    res.end();
  }

  async function nominations(req: http.IncomingMessage, res: http.ServerResponse, session: UnitSession): Promise<void> {
    const refuse = page.refuser(res, session);
    const body = await readBody(req, 64 * 1024);
    if (!body) return refuse(413, 'Nội dung đề nghị quá dài.');
    const form = parseUrlEncoded(body);
    if (!safeEqual(form.csrf, session.csrf)) throw BAD_CSRF;
    const list: Nomination[] = [];
    for (let i = 0; i < MAX_NOMINATION_ROWS; i++) {
      const name = (form[`n${i}_name`] ?? '').trim();
      if (!name) continue;
      const position = (form[`n${i}_position`] ?? '').trim();
      list.push({
        type: form[`n${i}_type`] as NomineeType,
        name,
        ...(position ? { position } : {}),
        awardForm: form[`n${i}_form`] ?? '',
        reasons: (form[`n${i}_reasons`] ?? '').trim(),
      });
    }
    if (list.length === 0) return refuse(400, 'Chưa nhập đề nghị nào (tên tập thể hoặc họ và tên cá nhân).');
    let receipt;
    try {
      ({ receipt } = await submitUnitNominations(
        { units: opts.backend },
        {
          campaignId: session.campaignId,
          unitId: session.unitId,
          nominations: list,
          submittedBy: (view) => portalSubmitter(view.unitName),
        },
      ));
    } catch (err) {
      return page.answerFailedSubmission(err, res, session, refuse);
    }
    log(`portal: ${session.campaignId}/${session.unitId} submitted nominations v${receipt.version}`);
    const campaign = await opts.backend.campaignInfo(session.campaignId);
    session.flash = {
      kind: 'ok',
      html:
        `Đã nhận hồ sơ đề nghị khen thưởng (${list.length} đề nghị), phiên bản ${receipt.version}` +
        `${receipt.late ? ' (nộp muộn)' : ''}, lúc ${esc(localTime(receipt.receivedAt, campaign?.timeZone ?? opts.timeZone))}. ` +
        'Thư xác nhận sẽ được gửi tới đầu mối của đơn vị.',
    };
    res.writeHead(303, { ...SECURITY_HEADERS, Location: '/unit' });
    res.end();
  }

  /** One of the unit's own submitted files, as its workflow lists it; the store verifies the hash. */
  async function download(res: http.ServerResponse, session: UnitSession, sha256: string): Promise<void> {
    let view: UnitStatusView;
    try {
      view = await opts.backend.unitStatus(session.campaignId, session.unitId);
    } catch (err) {
      if (err instanceof AppError) {
        throw new HttpError(HTTP_STATUS[err.code], 'Không đọc được hồ sơ của đơn vị', unitMessage(err, opts.timeZone));
      }
      throw err;
    }
    const file = [...view.reports, ...view.papers].find((f) => f.sha256 === sha256);
    if (!file) throw new HttpError(404, 'Không tìm thấy', 'Đơn vị không có tệp này.');
    sendDownload(res, file, await opts.reports.get(sha256));
  }

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    route: string,
    method: string,
  ): Promise<boolean> {
    const feedMatch = /^\/u\/([^/]+)\/lich\.ics$/.exec(route);
    if (feedMatch) {
      await calendarFeed(req, res, decodePathSegment(feedMatch[1]), method);
      return true;
    }
    const linkMatch = /^\/u\/([^/]*)(\/open)?\/?$/.exec(route);
    if (linkMatch) {
      const ip = clientIp(req);
      if (!limiter.attempt(ip)) return tooManyAttempts(req, res, ip);
      const token = decodePathSegment(linkMatch[1]);
      if (!linkMatch[2]) {
        if (method !== 'GET' && method !== 'HEAD')
          throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
        const unit = await resolveUnit(token);
        if (!unit) throw BAD_LINK;
        await assertLinkLive(unit.campaignId);
        // A random value in a cookie and in the form (double submit): the POST must come from this page.
        const csrf = randomToken();
        send(res, 200, linkPage(token, csrf), {
          'Set-Cookie': `${OPEN_COOKIE}=${csrf}; Path=/u/; HttpOnly; SameSite=Strict; Max-Age=3600${secure}`,
        });
        return true;
      }
      if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      await openLink(req, res, token);
      return true;
    }

    if (route === '/unit' || route.startsWith('/unit/')) {
      const session = await sessionOf(req);
      if (!session) throw NO_SESSION;
      await assertLinkLive(session.campaignId, session);
      if (route === '/unit' && method === 'GET') {
        const flash = session.flash;
        session.flash = undefined;
        await renderUnit(res, session, 200, flash);
        return true;
      }
      const fileMatch = /^\/unit\/files\/([0-9a-f]{64})$/.exec(route);
      if (fileMatch && method === 'GET') {
        await download(res, session, fileMatch[1]);
        return true;
      }
      if (route === '/unit/upload' && method === 'POST') {
        await upload(req, res, session);
        return true;
      }
      if (route === '/unit/nominations' && method === 'POST') {
        await nominations(req, res, session);
        return true;
      }
      if (route === '/unit/logout' && method === 'POST') {
        const body = await readBody(req, 8 * 1024);
        if (!body || !safeEqual(parseUrlEncoded(body).csrf, session.csrf)) throw BAD_CSRF;
        sessions.delete(session.id);
        send(
          res,
          200,
          layout(
            'Đã đóng phiên làm việc',
            '<h1>Đã đóng phiên làm việc</h1><p>Mở lại đường dẫn trong thư để tiếp tục.</p>',
          ),
          { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure}` },
        );
        return true;
      }
    }
    return false;
  }

  return { handle };
}

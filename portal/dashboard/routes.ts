/**
 * The secretariat's dashboard under `/admin` (issue 5), served by the portal's HTTP server:
 *
 * - `GET|POST /admin/login`, `POST /admin/logout`: local accounts (scrypt), a session in an HttpOnly,
 *   SameSite=Strict cookie on `/admin`; failed passwords are limited per address and per login.
 * - `GET /admin`: the campaigns; `GET /admin/c/<campaign>[?filter=late&limit=N]`: counts, units,
 *   timeline, actions; `GET /admin/c/<campaign>/u/<unit>`: a unit's submissions, nominations and
 *   messages, with downloads.
 * - `POST …/do/<action>`: one of {@link DASHBOARD_ACTIONS}, through the workflows' Updates.
 * - `GET /admin/c/<campaign>/hoi-nghi`: the conference (replies, counts, `phan-hoi.xlsx`) and its actions
 *   (`POST …/hoi-nghi/do/<action>`, the outcome's minutes as multipart); routes-conference.ts.
 * - `GET /admin/lich-dinh-ky`: the recurring campaigns' schedules and their next runs (read-only).
 * - `GET /admin/thong-ke[?nam=YYYY]`, `…/thong-ke/<YYYY>.xlsx`: a year's award statistics (routes-statistics.ts).
 * - `GET /admin/c/<campaign>/khen-thuong`: the council's vote, its actions and documents (routes-awards.ts).
 * - `GET /admin/c/<campaign>/tong-hop`: the synthesis (versions, returns, approval) and its actions
 *   (`POST …/tong-hop/do/<action>`, the revision upload as multipart); `GET …/tong-hop/tep/<sha256>`:
 *   a file the synthesis lists (pictures shown in place under their own strict CSP).
 *
 * Every form carries the session's CSRF token; reads are visibility lists and workflow queries.
 * Roles: the session carries only the login; every request reads the account again (a removed
 * account or a new password ends the session), so the roles checked are the account's roles now.
 * Every action states the role it needs and is refused (403, nothing read or sent) without it.
 *
 * This file: the options, the login and session, the shared request helpers, and the dispatch. The
 * routes themselves: routes-campaign.ts (campaign and unit pages, actions, downloads),
 * routes-synthesis.ts, routes-drafts.ts (`/admin/dot-moi`); what they share: routes-shared.ts.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { requireRole, staffActorOf } from '../../app/roles';
import { AppError, type Operation } from '../../app/temporal-errors';
import type { StaffRole } from '../../domain/synthesis-types';
import { decodePathSegment, HttpError, readBody, redirect, sendHtml } from '../http';
import {
  LoginGuard,
  parseCookies,
  randomToken,
  safeEqual,
  MemorySessionStore,
  type SessionStore,
  type StaffSession,
} from '../security';
import { parseUrlEncoded, PORTAL_MAX_FILE_BYTES, safeBaseName } from '../upload';
import { DEFAULT_UPLOAD_LIMITS, receiveUpload, UploadError } from '../upload-receive';
import { LOGIN_PATTERN } from '../../stores/accounts';
import { actionFor } from './actions';
import { DRAFTS_BASE } from './drafts-page';
import { campaignsPage } from './campaigns-page';
import { loginPage } from './pages';
import { SCHEDULES_PATH, schedulesPage } from './schedules-page';
import { campaignRoutes } from './routes-campaign';
import { draftRoutes } from './routes-drafts';
import {
  BAD_CSRF,
  ID,
  NOT_FOUND,
  type DashboardOptions,
  type Received,
  type RouteContext,
  type SignedIn,
} from './routes-shared';
import { AWARDS_ROUTE, awardsRoutes } from './routes-awards';
import { STATISTICS_PATH, statisticsRoutes } from './routes-statistics';
import { synthesisRoutes } from './routes-synthesis';
import { conferenceRoutes } from './routes-conference';
import { conferenceActionFor } from './conference-actions';

export type { DashboardOptions } from './routes-shared';

export const STAFF_COOKIE = 'thidua_staff';
export const LOGIN_COOKIE = 'thidua_login';
/** Marks a browser that has logged in as a login before: its attempts do not count against that login's limit. */
export const DEVICE_COOKIE = 'thidua_device';

export interface Dashboard {
  sessions: SessionStore<StaffSession>;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
}

/** Staff sessions: 2 hours idle, 12 hours at most (a working day), whatever the activity. */
export const STAFF_SESSION_LIFETIME = { idleMs: 2 * 3600_000, maxAgeMs: 12 * 3600_000 };

export function createDashboard(opts: DashboardOptions): Dashboard {
  const sessions = opts.sessions ?? new MemorySessionStore<StaffSession>(STAFF_SESSION_LIFETIME);
  const limits = opts.loginLimits ?? { perAddress: 10, perLogin: 5, windowMs: 15 * 60_000 };
  const guard = new LoginGuard(limits);
  const secure = opts.secureCookies ? '; Secure' : '';
  const { backend } = opts;
  const maxSynthesisBytes = opts.maxSynthesisBytes ?? PORTAL_MAX_FILE_BYTES;

  /**
   * The staff session, if its account still exists with the password it logged in with, and the
   * actor it is now: roles are read from the account on every request, so a role taken away applies
   * from the next request on, without logging out.
   */
  const sessionOf = async (req: http.IncomingMessage): Promise<SignedIn | undefined> => {
    const session = sessions.get(parseCookies(req.headers.cookie)[STAFF_COOKIE]);
    if (!session) return undefined;
    const account = await opts.accounts.find(session.login);
    if (!account || account.passwordHash !== session.accountStamp) {
      sessions.deleteWhere((s) => s.login === session.login && s.accountStamp === session.accountStamp);
      guard.forgetLogin(session.login);
      opts.log(`dashboard: sessions of ${session.login} ended (password changed or account removed)`);
      return undefined;
    }
    return { staff: session, actor: staffActorOf(account) };
  };

  function showLogin(res: http.ServerResponse, status: number, error?: string, login?: string): void {
    // Double submit: the same random value in a cookie and in the form.
    const csrf = randomToken();
    sendHtml(res, status, loginPage(csrf, error, login), {
      'Set-Cookie': `${LOGIN_COOKIE}=${csrf}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=3600${secure}`,
    });
  }

  async function login(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req, 8 * 1024);
    if (!body) throw new HttpError(413, 'Yêu cầu quá lớn', 'Yêu cầu quá lớn.');
    const form = parseUrlEncoded(body);
    if (!safeEqual(form.csrf, parseCookies(req.headers.cookie)[LOGIN_COOKIE])) throw BAD_CSRF;
    const typed = (form.login ?? '').trim().toLowerCase();
    // Only a well-formed login is looked up, kept or written to the log (a newline would forge a log line).
    const name = LOGIN_PATTERN.test(typed) ? typed : '';
    const shown = JSON.stringify(name || typed.slice(0, 40));
    const ip = opts.clientIp(req);
    const cookies = parseCookies(req.headers.cookie);
    const attempt = guard.begin(ip, name || '(invalid)', cookies[DEVICE_COOKIE]);
    if ('retryAfter' in attempt) {
      opts.log(`dashboard: login refused for ${shown} from ${ip}: too many failed attempts`);
      const html = loginPage(
        randomToken(),
        `Quá nhiều lần đăng nhập sai; hãy thử lại sau ${Math.ceil(attempt.retryAfter / 60)} phút.`,
        name,
      );
      sendHtml(res, 429, html, { 'Retry-After': String(attempt.retryAfter) });
      return;
    }
    const account = await opts.accounts.verify(name, form.password ?? '');
    if (!account) {
      opts.log(`dashboard: failed login for ${shown} from ${ip}`);
      showLogin(res, 401, 'Tên đăng nhập hoặc mật khẩu không đúng.', name);
      return;
    }
    const device = guard.succeeded(attempt, account.login);
    const session = sessions.create({ login: account.login, name: account.name, accountStamp: account.passwordHash });
    opts.log(`dashboard: ${account.login} logged in from ${ip}`);
    redirect(res, '/admin', {
      'Set-Cookie': [
        `${STAFF_COOKIE}=${session.id}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=${STAFF_SESSION_LIFETIME.maxAgeMs / 1000}${secure}`,
        `${LOGIN_COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
        `${DEVICE_COOKIE}=${device}; Path=/admin/login; HttpOnly; SameSite=Strict; Max-Age=${180 * 24 * 3600}${secure}`,
      ],
    });
  }

  async function formOf(req: http.IncomingMessage, staff: StaffSession): Promise<Record<string, string>> {
    const body = await readBody(req, 32 * 1024);
    if (!body) throw new HttpError(413, 'Yêu cầu quá lớn', 'Nội dung biểu mẫu quá dài.');
    const form = parseUrlEncoded(body);
    if (!safeEqual(form.csrf, staff.csrf)) throw BAD_CSRF;
    return form;
  }

  /** After answering, the connection closes: the rest of a refused body is never read. */
  function closeAfterAnswer(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader('Connection', 'close');
    res.once('finish', () => req.socket.destroySoon());
  }

  /**
   * An upload action's form and file: streamed to the staging folder within the size limit (the CSRF
   * token checked before any file byte is read), then read back for the use case and removed.
   */
  async function uploadOf(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    staff: StaffSession,
    upload = { maxFileBytes: maxSynthesisBytes, defaultName: 'ban-sua.docx' },
  ): Promise<Received | UploadError> {
    let received;
    try {
      received = await receiveUpload(req, {
        limits: { ...DEFAULT_UPLOAD_LIMITS, maxFileBytes: upload.maxFileBytes },
        stagingDir: opts.reports.stagingDir,
        csrfOk: (token) => safeEqual(token, staff.csrf),
      });
    } catch (err) {
      if (!(err instanceof UploadError)) throw err;
      closeAfterAnswer(req, res);
      if (err.reason === 'csrf') throw BAD_CSRF;
      return err;
    }
    const staged = received.file;
    if (!staged) return { form: received.fields };
    try {
      const bytes = await fs.promises.readFile(staged.path);
      return { form: received.fields, file: { name: safeBaseName(staged.filename) || upload.defaultName, bytes } };
    } finally {
      fs.rmSync(staged.path, { force: true });
    }
  }

  /** The refusal when the actor lacks `role` (logged); undefined when the actor has it. */
  function lacking(signed: SignedIn, role: StaffRole, operation: Operation, what: string): AppError | undefined {
    try {
      requireRole(signed.actor, role, operation);
      return undefined;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      opts.log(`dashboard: ${signed.staff.login} ${what}: refused, lacks role ${role}`);
      return err;
    }
  }

  const ctx: RouteContext = { opts, formOf, uploadOf, closeAfterAnswer, lacking };
  const { renderSynthesis, synthesisDownload } = synthesisRoutes(ctx);
  const { renderConference, conferenceDownload } = conferenceRoutes(ctx);
  const { renderCampaign, renderUnit, runAction, unitDownload } = campaignRoutes(ctx, {
    renderSynthesis,
    renderConference,
  });
  const drafts = draftRoutes(ctx);
  const awards = awardsRoutes(ctx);
  const statistics = statisticsRoutes(ctx);

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = url.pathname.replace(/\/+$/, '') || '/admin';
    const method = req.method ?? 'GET';

    if (route === '/admin/login') {
      if (method === 'GET') return showLogin(res, 200);
      if (method === 'POST') return login(req, res);
      throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    }

    const signed = await sessionOf(req);
    if (!signed) {
      req.resume();
      if (method === 'GET') return redirect(res, '/admin/login');
      throw new HttpError(401, 'Chưa đăng nhập', 'Phiên làm việc đã hết hạn; hãy đăng nhập lại. Không có gì thay đổi.');
    }
    const { staff, actor } = signed;
    const flash = staff.flash;
    staff.flash = undefined;

    if (route === '/admin/logout' && method === 'POST') {
      await formOf(req, staff);
      sessions.delete(staff.id);
      opts.log(`dashboard: ${staff.login} logged out`);
      return redirect(res, '/admin/login', {
        'Set-Cookie': `${STAFF_COOKIE}=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0${secure}`,
      });
    }
    if (route === '/admin' && method === 'GET') {
      const rows = await backend.listCampaigns();
      return sendHtml(res, 200, campaignsPage(staff, actor, rows, opts.timeZone));
    }

    if (route === SCHEDULES_PATH && method === 'GET') {
      return sendHtml(res, 200, schedulesPage(staff, actor, await backend.listSchedules()));
    }

    if (route === STATISTICS_PATH || route.startsWith(`${STATISTICS_PATH}/`)) {
      return statistics(req, res, signed, route.slice(STATISTICS_PATH.length), url);
    }

    if (route === DRAFTS_BASE || route.startsWith(`${DRAFTS_BASE}/`)) {
      return drafts(req, res, signed, route.slice(DRAFTS_BASE.length), url, flash);
    }

    const award = AWARDS_ROUTE.exec(route);
    if (award) {
      const campaignId = decodePathSegment(award[1]);
      if (!ID.test(campaignId)) throw NOT_FOUND;
      return awards.handle(req, res, signed, campaignId, award[2], flash);
    }

    const synthesis = /^\/admin\/c\/([^/]+)\/tong-hop(?:\/(do\/[^/]+|tep\/[0-9a-f]{64}))?$/.exec(route);
    if (synthesis) {
      const campaignId = decodePathSegment(synthesis[1]);
      if (!ID.test(campaignId)) throw NOT_FOUND;
      const tail = synthesis[2];
      if (tail?.startsWith('do/')) {
        if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');
        const action = actionFor('synthesis', tail.slice(3));
        if (!action) throw NOT_FOUND;
        return runAction(req, res, signed, action, campaignId, undefined, url);
      }
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      if (!tail) return renderSynthesis(res, signed, campaignId, 200, flash);
      return synthesisDownload(res, staff, campaignId, tail.slice('tep/'.length));
    }

    const conference = /^\/admin\/c\/([^/]+)\/hoi-nghi(?:\/(do\/[^/]+|tep\/[0-9a-f]{64}|phan-hoi\.xlsx))?$/.exec(route);
    if (conference) {
      const campaignId = decodePathSegment(conference[1]);
      if (!ID.test(campaignId)) throw NOT_FOUND;
      const tail = conference[2];
      if (tail?.startsWith('do/')) {
        if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');
        const action = conferenceActionFor(tail.slice(3));
        if (!action) throw NOT_FOUND;
        return runAction(req, res, signed, action, campaignId, undefined, url);
      }
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      if (!tail) return renderConference(res, signed, campaignId, 200, flash);
      return conferenceDownload(res, staff, campaignId, tail);
    }

    const m = /^\/admin\/c\/([^/]+)(?:\/u\/([^/]+))?(?:\/(do\/[^/]+|files\/[0-9a-f]{64}|nominations\.csv))?$/.exec(
      route,
    );
    if (!m) throw NOT_FOUND;
    // A malformed escape ("%zz") names nothing: not found, not a server error.
    const campaignId = decodePathSegment(m[1]);
    const unitId = m[2] === undefined ? undefined : decodePathSegment(m[2]);
    if (!ID.test(campaignId) || (unitId !== undefined && !ID.test(unitId))) throw NOT_FOUND;
    const tail = m[3];

    if (tail?.startsWith('do/')) {
      if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');
      const action = actionFor(unitId ? 'unit' : 'campaign', tail.slice(3));
      if (!action) throw NOT_FOUND;
      return runAction(req, res, signed, action, campaignId, unitId, url);
    }
    if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    if (!unitId) {
      if (tail) throw NOT_FOUND;
      return renderCampaign(res, signed, campaignId, url, 200, flash);
    }
    if (!tail) return renderUnit(res, signed, campaignId, unitId, 200, flash);
    return unitDownload(res, staff, campaignId, unitId, tail);
  }

  return { sessions, handle };
}

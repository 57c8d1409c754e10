/**
 * The secretariat's dashboard under `/admin` (issue 5), served by the portal's HTTP server:
 *
 * - `GET|POST /admin/login`, `POST /admin/logout`: local accounts (scrypt), a session in an HttpOnly,
 *   SameSite=Strict cookie on `/admin`; failed passwords are limited per address and per login.
 * - `GET /admin`: the campaigns; `GET /admin/c/<campaign>[?filter=late&limit=N]`: counts, units,
 *   timeline, actions; `GET /admin/c/<campaign>/u/<unit>`: a unit's submissions, nominations and
 *   messages, with downloads.
 * - `POST …/do/<action>`: one of {@link DASHBOARD_ACTIONS}, through the workflows' Updates.
 *
 * Every form carries the session's CSRF token; reads are visibility lists and workflow queries.
 */
import type http from 'node:http';
import { UNIT_FILTERS, type UnitFilter } from '../../app/campaigns';
import { AppError } from '../../app/temporal-errors';
import { unitWorkflowId, type UnitStatusView } from '../../domain/workflow-types';
import type { ReportStore } from '../../stores/report-store';
import { decodePathSegment, HttpError, readBody, redirect, sendDownload, sendHtml, SECURITY_HEADERS } from '../http';
import {
  LoginGuard,
  parseCookies,
  randomToken,
  safeEqual,
  MemorySessionStore,
  type SessionStore,
  type StaffSession,
} from '../security';
import { esc } from '../pages';
import { parseUrlEncoded } from '../upload';
import { LOGIN_PATTERN, type Account } from '../../stores/accounts';
import type { UnitLinks } from '../../stores/unit-links';
import { HTTP_STATUS, staffMessage } from '../messages';
import { ActionInputError, actionFor, DASHBOARD_ACTIONS, type DashboardAction } from './actions';
import type { SecretariatBackend } from './backend';
import { campaignPage, campaignsPage, loginPage, nominationsCsv, unitDetailPage, type Flash } from './pages';

export const STAFF_COOKIE = 'thidua_staff';
export const LOGIN_COOKIE = 'thidua_login';
/** Marks a browser that has logged in as a login before: its attempts do not count against that login's limit. */
export const DEVICE_COOKIE = 'thidua_device';

export interface DashboardOptions {
  backend: SecretariatBackend;
  accounts: {
    verify(login: string, password: string): Promise<Account | undefined>;
    /** The account as it is now (read on every request: a reset password or a removed account ends sessions). */
    find(login: string): Promise<Account | undefined>;
  };
  reports: Pick<ReportStore, 'get'>;
  links?: Pick<UnitLinks, 'info'>;
  timeZone: string;
  secureCookies?: boolean;
  /** Failed logins allowed per address, and per login name, in a window (default 10 and 5 per 15 min). */
  loginLimits?: { perAddress: number; perLogin: number; windowMs: number };
  sessions?: SessionStore<StaffSession>;
  clientIp: (req: http.IncomingMessage) => string;
  log: (line: string) => void;
}

export interface Dashboard {
  sessions: SessionStore<StaffSession>;
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void>;
}

const BAD_CSRF = new HttpError(
  403,
  'Yêu cầu không hợp lệ',
  'Biểu mẫu thiếu hoặc sai mã bảo vệ (CSRF); yêu cầu bị từ chối, không có gì thay đổi. Hãy tải lại trang và thử lại.',
);
const NOT_FOUND = new HttpError(404, 'Không tìm thấy', 'Trang này không tồn tại.');
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Staff sessions: 2 hours idle, 12 hours at most (a working day), whatever the activity. */
export const STAFF_SESSION_LIFETIME = { idleMs: 2 * 3600_000, maxAgeMs: 12 * 3600_000 };
/** What an action or a read that failed tells the secretariat, and its HTTP status. */
function failure(err: unknown): { status: number; message: string; nothingChanged: boolean } | undefined {
  if (err instanceof AppError) {
    return { status: HTTP_STATUS[err.code], message: staffMessage(err), nothingChanged: err.nothingChanged };
  }
  if (err instanceof ActionInputError) return { status: 400, message: err.message, nothingChanged: true };
  return undefined;
}

export function createDashboard(opts: DashboardOptions): Dashboard {
  const sessions = opts.sessions ?? new MemorySessionStore<StaffSession>(STAFF_SESSION_LIFETIME);
  const limits = opts.loginLimits ?? { perAddress: 10, perLogin: 5, windowMs: 15 * 60_000 };
  const guard = new LoginGuard(limits);
  const secure = opts.secureCookies ? '; Secure' : '';
  const { backend } = opts;

  /** The staff session, if its account still exists with the password it logged in with. */
  const sessionOf = async (req: http.IncomingMessage): Promise<StaffSession | undefined> => {
    const session = sessions.get(parseCookies(req.headers.cookie)[STAFF_COOKIE]);
    if (!session) return undefined;
    if ((await opts.accounts.find(session.login))?.passwordHash !== session.accountStamp) {
      sessions.deleteWhere((s) => s.login === session.login && s.accountStamp === session.accountStamp);
      guard.forgetLogin(session.login);
      opts.log(`dashboard: sessions of ${session.login} ended (password changed or account removed)`);
      return undefined;
    }
    return session;
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

  async function renderCampaign(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    url: URL,
    status = 200,
    flash?: Flash,
    failed?: { action: string; form: Record<string, string> },
  ): Promise<void> {
    const filterParam = url.searchParams.get('filter') ?? '';
    const filter = UNIT_FILTERS.includes(filterParam as UnitFilter) ? (filterParam as UnitFilter) : undefined;
    const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || 200, 1), 10_000);
    let units;
    try {
      units = await backend.campaignUnits(campaignId, { filter, limit });
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được đợt thi đua', f.message);
      throw err;
    }
    let campaign;
    let statusError: string | undefined;
    try {
      campaign = await backend.campaignStatus(campaignId);
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      statusError = `Tiến trình và thao tác tạm không có: ${f.message}`;
    }
    sendHtml(
      res,
      status,
      campaignPage({
        staff,
        units,
        status: campaign,
        statusError,
        filter,
        actions: DASHBOARD_ACTIONS.filter((a) => a.scope === 'campaign'),
        timeZone: campaign?.timeZone ?? opts.timeZone,
        temporalUi: (id) => backend.temporalUiUrl(id),
        flash,
        failed,
      }),
    );
  }

  async function unitView(campaignId: string, unitId: string): Promise<UnitStatusView> {
    try {
      return await backend.unitStatus(campaignId, unitId);
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được hồ sơ của đơn vị', f.message);
      throw err;
    }
  }

  async function renderUnit(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    unitId: string,
    status = 200,
    flash?: Flash,
    failed?: { action: string; form: Record<string, string> },
  ): Promise<void> {
    const view = await unitView(campaignId, unitId);
    const campaign = await backend.campaignStatus(campaignId).catch((err: unknown) => {
      if (failure(err)) return undefined; // the unit's own view is enough to show the page
      throw err;
    });
    sendHtml(
      res,
      status,
      unitDetailPage({
        staff,
        campaign,
        view,
        actions: DASHBOARD_ACTIONS.filter((a) => a.scope === 'unit'),
        timeZone: campaign?.timeZone ?? opts.timeZone,
        temporalUrl: backend.temporalUiUrl(unitWorkflowId(campaignId, unitId)),
        link: await opts.links?.info(campaignId, unitId),
        flash,
        failed,
      }),
    );
  }

  async function runAction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    staff: StaffSession,
    action: DashboardAction,
    campaignId: string,
    unitId: string | undefined,
    url: URL,
  ): Promise<void> {
    const form = await formOf(req, staff);
    const where = unitId ? `${campaignId}/${unitId}` : campaignId;
    const back = `/admin/c/${encodeURIComponent(campaignId)}${unitId ? `/u/${encodeURIComponent(unitId)}` : ''}`;
    try {
      const message = await action.run({ backend, campaignId, unitId, staff, form });
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: done`);
      staff.flash = { kind: 'ok', html: esc(message) };
      redirect(res, back);
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: ${f.message}`);
      // An update sent and not answered may still apply: then the message says so instead.
      const flash: Flash = {
        kind: 'error',
        html: `${esc(f.message)}${f.nothingChanged ? ' Không có gì thay đổi.' : ''}`,
      };
      const { csrf: _csrf, ...refill } = form;
      const failed = { action: action.id, form: refill };
      if (unitId) await renderUnit(res, staff, campaignId, unitId, f.status, flash, failed);
      else await renderCampaign(res, staff, campaignId, url, f.status, flash, failed);
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const route = url.pathname.replace(/\/+$/, '') || '/admin';
    const method = req.method ?? 'GET';

    if (route === '/admin/login') {
      if (method === 'GET') return showLogin(res, 200);
      if (method === 'POST') return login(req, res);
      throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    }

    const staff = await sessionOf(req);
    if (!staff) {
      req.resume();
      if (method === 'GET') return redirect(res, '/admin/login');
      throw new HttpError(401, 'Chưa đăng nhập', 'Phiên làm việc đã hết hạn; hãy đăng nhập lại. Không có gì thay đổi.');
    }
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
      return sendHtml(res, 200, campaignsPage(staff, rows, opts.timeZone));
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
      return runAction(req, res, staff, action, campaignId, unitId, url);
    }
    if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    if (!unitId) {
      if (tail) throw NOT_FOUND;
      return renderCampaign(res, staff, campaignId, url, 200, flash);
    }
    if (!tail) return renderUnit(res, staff, campaignId, unitId, 200, flash);
    const view = await unitView(campaignId, unitId);
    if (tail === 'nominations.csv') {
      const csv = nominationsCsv(await backend.nominationVersions(view), opts.timeZone);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="de-nghi-${unitId}.csv"`,
      });
      res.end(csv);
      return;
    }
    // Only a file the unit's workflow lists: the store is never browsed by hash alone.
    const sha256 = tail.slice('files/'.length);
    const file = [...view.reports, ...view.papers].find((f) => f.sha256 === sha256);
    if (!file) throw new HttpError(404, 'Không tìm thấy', 'Đơn vị không có tệp này.');
    opts.log(`dashboard: ${staff.login} downloaded ${campaignId}/${unitId} ${file.name}`);
    sendDownload(res, file, await opts.reports.get(sha256));
  }

  return { sessions, handle };
}

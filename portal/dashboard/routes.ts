/**
 * The secretariat's dashboard under `/admin` (issue 5), served by the portal's HTTP server:
 *
 * - `GET|POST /admin/login`, `POST /admin/logout`: local accounts (scrypt), a session in an HttpOnly,
 *   SameSite=Strict cookie on `/admin`; failed passwords are limited per address and per login.
 * - `GET /admin`: the campaigns; `GET /admin/c/<campaign>[?filter=late&limit=N]`: counts, units,
 *   timeline, actions; `GET /admin/c/<campaign>/u/<unit>`: a unit's submissions, nominations and
 *   messages, with downloads.
 * - `POST …/do/<action>`: one of {@link DASHBOARD_ACTIONS}, through the workflows' Updates.
 * - `GET /admin/c/<campaign>/tong-hop`: the synthesis (versions, returns, approval) and its actions
 *   (`POST …/tong-hop/do/<action>`, the revision upload as multipart); `GET …/tong-hop/tep/<sha256>`:
 *   a file the synthesis lists (pictures shown in place under their own strict CSP).
 *
 * Every form carries the session's CSRF token; reads are visibility lists and workflow queries.
 * Roles: the session carries only the login; every request reads the account again (a removed
 * account or a new password ends the session), so the roles checked are the account's roles now.
 * Every action states the role it needs and is refused (403, nothing read or sent) without it.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { MAX_DRAFT_BYTES } from '../../app/campaign-drafts';
import { UNIT_FILTERS, type UnitFilter } from '../../app/campaigns';
import { requireRole, staffActorOf, type StaffActor } from '../../app/roles';
import { AppError, type Operation } from '../../app/temporal-errors';
import type { StaffRole } from '../../domain/synthesis-types';
import { DraftTooLargeError, type CampaignDraft } from '../../stores/campaign-drafts';
import type { SynthesisStatusView } from '../../domain/synthesis-types';
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
import { parseUrlEncoded, PORTAL_MAX_FILE_BYTES, safeBaseName } from '../upload';
import { DEFAULT_UPLOAD_LIMITS, receiveUpload, UploadError } from '../upload-receive';
import { LOGIN_PATTERN, type Account } from '../../stores/accounts';
import type { UnitLinks } from '../../stores/unit-links';
import { HTTP_STATUS, staffMessage } from '../messages';
import { ActionInputError, actionFor, DASHBOARD_ACTIONS, mayDo, type DashboardAction } from './actions';
import type { SecretariatBackend } from './backend';
import { MAX_SHEET_BYTES, unitSheetTemplate } from '../../sheets/unit-import';
import { draftPage, draftsPage, DRAFTS_BASE, UNIT_TEMPLATE_PATH, type DraftPageInput } from './drafts-page';
import {
  campaignPage,
  campaignsPage,
  loginPage,
  nominationsCsv,
  unitDetailPage,
  type FailedForm,
  type Flash,
} from './pages';
import { synthesisPage } from './synthesis-page';

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
  /** Downloads, and the staging folder a revised synthesis `.docx` is received into. */
  reports: Pick<ReportStore, 'get' | 'stagingDir'>;
  /** Largest revised synthesis `.docx` accepted (default 20 MB). */
  maxSynthesisBytes?: number;
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
/** The copy form's "Dời ngày (số năm)": empty or absent is no shift; anything else is checked by the use case. */
const copyYearsOf = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : Number(v.trim()));
/** Staff sessions: 2 hours idle, 12 hours at most (a working day), whatever the activity. */
export const STAFF_SESSION_LIFETIME = { idleMs: 2 * 3600_000, maxAgeMs: 12 * 3600_000 };
/** What an action or a read that failed tells the secretariat, and its HTTP status. */
function failure(err: unknown): { status: number; message: string; nothingChanged: boolean } | undefined {
  if (err instanceof AppError) {
    // A role refusal's own words already say that nothing changed.
    const says = err.code === 'forbidden';
    return { status: HTTP_STATUS[err.code], message: staffMessage(err), nothingChanged: err.nothingChanged && !says };
  }
  if (err instanceof ActionInputError) return { status: 400, message: err.message, nothingChanged: true };
  return undefined;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SVG = 'image/svg+xml';
/** A picture is shown in place, but may run nothing and load nothing: only its own inline styles. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Every file the synthesis lists, by sha256, with the content type its place in the pack gives it. */
function synthesisFiles(view: SynthesisStatusView): Map<string, string> {
  const files = new Map<string, string>();
  for (const v of view.versions) {
    files.set(v.docx.sha256, DOCX);
    files.set(v.pack.docx.sha256, DOCX);
    files.set(v.pack.xlsx.sha256, XLSX);
    files.set(v.pack.timelineSvg.sha256, SVG);
    files.set(v.pack.submissionsSvg.sha256, SVG);
  }
  return files;
}

/** Who is signed in: the session, and the account's roles as they are now. */
interface SignedIn {
  staff: StaffSession;
  actor: StaffActor;
}

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

  /** The synthesis if it answers; a campaign page shows without it (no synthesis yet, no worker). */
  async function optionalSynthesis(campaignId: string): Promise<SynthesisStatusView | undefined> {
    try {
      return await backend.synthesisStatus(campaignId);
    } catch (err) {
      if (!failure(err)) opts.log(`dashboard: synthesis of ${campaignId} unreadable: ${String(err)}`);
      return undefined;
    }
  }

  async function renderCampaign(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    campaignId: string,
    url: URL,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
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
    const synthesis = await optionalSynthesis(campaignId);
    sendHtml(
      res,
      status,
      campaignPage({
        staff,
        actor,
        synthesis,
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
    { staff, actor }: SignedIn,
    campaignId: string,
    unitId: string,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
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
        actor,
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

  async function synthesisView(campaignId: string): Promise<SynthesisStatusView> {
    try {
      return await backend.synthesisStatus(campaignId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') {
        throw new HttpError(
          404,
          'Chưa có báo cáo tổng hợp',
          `Đợt "${campaignId}" chưa có báo cáo tổng hợp: dự thảo được lập khi hồ sơ của mọi đơn vị đã khóa.`,
        );
      }
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được báo cáo tổng hợp', f.message);
      throw err;
    }
  }

  async function renderSynthesis(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    campaignId: string,
    status = 200,
    flash?: Flash,
    failed?: FailedForm,
  ): Promise<void> {
    const view = await synthesisView(campaignId);
    const campaign = await backend.campaignStatus(campaignId).catch((err: unknown) => {
      if (failure(err)) return undefined; // only its title is wanted here
      throw err;
    });
    sendHtml(
      res,
      status,
      synthesisPage({
        staff,
        actor,
        campaignId,
        title: campaign?.title,
        view,
        actions: DASHBOARD_ACTIONS.filter((a) => a.scope === 'synthesis'),
        timeZone: campaign?.timeZone ?? opts.timeZone,
        flash,
        failed,
      }),
    );
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
  ): Promise<{ form: Record<string, string>; file?: { name: string; bytes: Buffer } } | UploadError> {
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

  async function runAction(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    action: DashboardAction,
    campaignId: string,
    unitId: string | undefined,
    url: URL,
  ): Promise<void> {
    const { staff, actor } = signed;
    const where = unitId ? `${campaignId}/${unitId}` : campaignId;
    const back =
      `/admin/c/${encodeURIComponent(campaignId)}` +
      (action.scope === 'synthesis' ? '/tong-hop' : unitId ? `/u/${encodeURIComponent(unitId)}` : '');
    const again = (status: number, flash?: Flash, failed?: FailedForm) =>
      action.scope === 'synthesis'
        ? renderSynthesis(res, signed, campaignId, status, flash, failed)
        : unitId
          ? renderUnit(res, signed, campaignId, unitId, status, flash, failed)
          : renderCampaign(res, signed, campaignId, url, status, flash, failed);

    // The role first: a refusal reads nothing (no upload is received) and sends nothing.
    try {
      if (!mayDo(actor, action)) requireRole(actor, action.role, action.operation);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: refused, lacks role ${action.role}`);
      closeAfterAnswer(req, res);
      return again(403, { kind: 'error', html: esc(staffMessage(err)) });
    }

    let form: Record<string, string>;
    let file: { name: string; bytes: Buffer } | undefined;
    if (action.upload) {
      const got = await uploadOf(req, res, staff);
      if (got instanceof UploadError) {
        opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: upload refused (${got.reason})`);
        return again(got.status, undefined, { action: action.id, form: {}, error: got.message });
      }
      ({ form, file } = got);
    } else form = await formOf(req, staff);

    try {
      const message = await action.run({ backend, campaignId, unitId, staff: actor, form, file });
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: done`);
      staff.flash = { kind: 'ok', html: esc(message) };
      redirect(res, back);
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      opts.log(`dashboard: ${staff.login} ${action.id} on ${where}: ${f.message}`);
      // An update sent and not answered may still apply: then the message says so instead.
      const { csrf: _csrf, ...refill } = form;
      const error = `${f.message}${f.nothingChanged ? ' Không có gì thay đổi.' : ''}`;
      await again(f.status, undefined, { action: action.id, form: refill, error });
    }
  }

  /** `GET …/tong-hop/tep/<sha256>`: only a file the synthesis lists; pictures in place, the rest as attachments. */
  async function synthesisDownload(
    res: http.ServerResponse,
    staff: StaffSession,
    campaignId: string,
    sha256: string,
  ): Promise<void> {
    const view = await synthesisView(campaignId);
    const contentType = synthesisFiles(view).get(sha256);
    if (!contentType) throw new HttpError(404, 'Không tìm thấy', 'Báo cáo tổng hợp không có tệp này.');
    let found;
    try {
      found = await backend.synthesisFile(view, sha256);
    } catch (err) {
      const f = failure(err);
      if (f) throw new HttpError(f.status, 'Không đọc được tệp', f.message);
      throw err;
    }
    opts.log(`dashboard: ${staff.login} downloaded synthesis ${campaignId} ${found.ref.name}`);
    const file = { name: found.ref.name, contentType };
    if (contentType === SVG)
      sendDownload(res, file, found.bytes, { inline: true, headers: { 'Content-Security-Policy': SVG_CSP } });
    else sendDownload(res, file, found.bytes);
  }

  // ------------------------------------------------------------------ new campaigns (issue 18)

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

  async function renderDrafts(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    status = 200,
    extra: { flash?: Flash; uploadProblems?: DraftPageInput['problems']; uploadError?: string } = {},
  ): Promise<void> {
    const [drafts, samples, campaigns] = await Promise.all([
      backend.listDrafts(),
      backend.draftSamples(),
      // The earlier campaigns a draft can be copied from; the page still works without Temporal.
      backend.listCampaigns().catch(() => []),
    ]);
    sendHtml(
      res,
      status,
      draftsPage({
        staff,
        actor,
        drafts,
        samples,
        campaigns: campaigns.map((c) => ({ campaignId: c.campaignId, title: c.title })),
        timeZone: opts.timeZone,
        maxMb: Math.round(MAX_DRAFT_BYTES / 1024 / 1024),
        ...extra,
      }),
    );
  }

  async function draftOr404(id: string): Promise<CampaignDraft> {
    try {
      return await backend.draft(id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found') {
        throw new HttpError(404, 'Không tìm thấy', `Không có bản nháp "${id}".`);
      }
      throw err;
    }
  }

  /**
   * A draft's page. `show` adds the check (every problem beside the text) or the preview; for an
   * approver, a clean preview also gives the start forms their confirmation (units, first message).
   */
  async function renderDraft(
    res: http.ServerResponse,
    { staff, actor }: SignedIn,
    id: string,
    o: {
      status?: number;
      show?: string;
      /** A rehearsal's compression for the preview ("1d=20s"). */
      rehearse?: string;
      flash?: Flash;
      text?: string;
      problems?: DraftPageInput['problems'];
      startError?: string;
      sheetError?: string;
      sheetProblems?: DraftPageInput['sheetProblems'];
    } = {},
  ): Promise<void> {
    const draft = await draftOr404(id);
    const input: DraftPageInput = { staff, actor, draft, timeZone: opts.timeZone, flash: o.flash, text: o.text };
    input.startError = o.startError;
    input.sheetError = o.sheetError;
    input.sheetProblems = o.sheetProblems;
    input.problems = o.problems;
    if (o.show === 'kiem-tra' && !input.problems) input.problems = (await backend.checkDraft(id)).problems;
    if (o.show === 'xem-truoc' || actor.roles.includes('approver')) {
      const preview = await backend.previewDraft(id, o.rehearse ? { rehearse: o.rehearse } : {});
      if (preview.ok) {
        if (o.show === 'xem-truoc') Object.assign(input, { preview, rehearse: o.rehearse });
        input.start = {
          unitCount: preview.unitCount,
          firstMessageAt: preview.firstMessageAt,
          campaignId: preview.definition.campaign.id,
        };
      } else {
        if (o.show === 'xem-truoc' && !input.problems) input.problems = preview.problems;
        const errors = preview.problems.filter((p) => p.severity === 'error').length;
        input.startBlocked = `Bản nháp còn ${errors} lỗi: sửa, kiểm tra lại, rồi mới bắt đầu được.`;
      }
    }
    sendHtml(res, o.status ?? 200, draftPage(input));
  }

  async function draftRoutes(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    rest: string,
    url: URL,
    flash?: Flash,
  ): Promise<void> {
    const { staff, actor } = signed;
    const method = req.method ?? 'GET';
    const back = (id: string, show?: string) =>
      `${DRAFTS_BASE}/${encodeURIComponent(id)}${show ? `?xem=${encodeURIComponent(show)}` : ''}`;
    if (rest === '') {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      return renderDrafts(res, signed, 200, { flash });
    }

    if (`${DRAFTS_BASE}${rest}` === UNIT_TEMPLATE_PATH) {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      return sendDownload(res, { name: 'mau-danh-sach-don-vi.xlsx', contentType: XLSX }, await unitSheetTemplate());
    }

    const create = /^\/(tai-len|tu-mau|sao-chep|tu-dot)$/.exec(rest);
    if (create) {
      if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');
      const refused = lacking(signed, 'clerk', 'edit-draft', `draft ${create[1]}`);
      if (refused) {
        closeAfterAnswer(req, res);
        return renderDrafts(res, signed, 403, { flash: { kind: 'error', html: esc(staffMessage(refused)) } });
      }
      let draft: CampaignDraft;
      if (create[1] === 'tai-len') {
        const got = await uploadOf(req, res, staff, { maxFileBytes: MAX_DRAFT_BYTES, defaultName: 'dot-thi-dua.yaml' });
        if (got instanceof UploadError) return renderDrafts(res, signed, got.status, { uploadError: got.message });
        if (!got.file) return renderDrafts(res, signed, 400, { uploadError: 'Chưa chọn tệp kế hoạch (.yaml).' });
        const made = await backend.createDraftFromUpload(actor, got.file);
        if (!made.draft) {
          opts.log(`dashboard: ${staff.login} uploaded ${got.file.name}: refused, not a readable campaign file`);
          return renderDrafts(res, signed, 400, {
            uploadError: `Tệp "${got.file.name}" không được nhận; không có bản nháp nào được tạo.`,
            uploadProblems: made.problems,
          });
        }
        draft = made.draft;
      } else {
        const form = await formOf(req, staff);
        try {
          draft =
            create[1] === 'tu-mau'
              ? await backend.createDraftFromSample(actor, form.sample ?? '')
              : create[1] === 'tu-dot'
                ? await backend.copyCampaign(actor, form.campaign ?? '', { years: copyYearsOf(form.years) })
                : await backend.copyDraft(actor, form.from ?? '', { years: copyYearsOf(form.years) });
        } catch (err) {
          if (err instanceof AppError && err.code === 'invalid') {
            return renderDrafts(res, signed, 400, { flash: { kind: 'error', html: esc(staffMessage(err)) } });
          }
          if (!(err instanceof AppError && err.code === 'not-found')) throw err;
          const what =
            create[1] === 'tu-mau'
              ? `mẫu "${form.sample ?? ''}"`
              : create[1] === 'tu-dot'
                ? `đợt thi đua "${form.campaign ?? ''}"`
                : `bản nháp "${form.from ?? ''}"`;
          return renderDrafts(res, signed, 404, { flash: { kind: 'error', html: esc(`Không có ${what}.`) } });
        }
      }
      opts.log(`dashboard: ${staff.login} created draft ${draft.id} (${draft.history[0].what})`);
      if (create[1] === 'sao-chep' || create[1] === 'tu-dot') {
        staff.flash = { kind: 'ok', html: esc(`Đã ${draft.history[0].what}.`) };
      }
      return redirect(res, back(draft.id, 'kiem-tra'));
    }

    const m = /^\/(d-[0-9a-f]{16})(?:\/(luu|bat-dau|tien-trinh\.svg|bang-tinh|nhap-don-vi))?$/.exec(rest);
    if (!m) throw NOT_FOUND;
    const id = m[1];
    if (!m[2]) {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      const rehearse = url.searchParams.get('dien-tap')?.trim() || undefined;
      return renderDraft(res, signed, id, { show: url.searchParams.get('xem') ?? undefined, rehearse, flash });
    }
    if (m[2] === 'tien-trinh.svg') {
      if (method !== 'GET') throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
      const rehearse = url.searchParams.get('dien-tap')?.trim() || undefined;
      const svg = await backend.draftTimelineSvg(id, rehearse ? { rehearse } : {});
      if (svg === undefined) throw new HttpError(404, 'Không tìm thấy', 'Bản nháp còn lỗi: chưa vẽ được tiến trình.');
      return sendDownload(res, { name: 'tien-trinh.svg', contentType: SVG }, Buffer.from(svg), {
        inline: true,
        headers: { 'Content-Security-Policy': SVG_CSP },
      });
    }
    if (method !== 'POST') throw new HttpError(405, 'Không hỗ trợ', 'Thao tác phải gửi bằng biểu mẫu.');

    if (m[2] === 'bang-tinh' || m[2] === 'nhap-don-vi') return unitImportRoutes(req, res, signed, id, m[2]);

    if (m[2] === 'luu') {
      const refused = lacking(signed, 'clerk', 'edit-draft', `save draft ${id}`);
      if (refused) {
        closeAfterAnswer(req, res);
        return renderDraft(res, signed, id, {
          status: 403,
          flash: { kind: 'error', html: esc(staffMessage(refused)) },
        });
      }
      await draftOr404(id);
      // URL-encoding a UTF-8 text takes up to 3 characters a byte (9 for a Vietnamese letter's 3 bytes).
      const body = await readBody(req, MAX_DRAFT_BYTES * 3 + 64 * 1024);
      if (!body) {
        closeAfterAnswer(req, res);
        return renderDraft(res, signed, id, {
          status: 413,
          flash: { kind: 'error', html: esc('Nội dung quá dài; không lưu được. Không có gì thay đổi.') },
        });
      }
      const form = parseUrlEncoded(body);
      if (!safeEqual(form.csrf, staff.csrf)) throw BAD_CSRF;
      // Browsers send a textarea's line ends as CRLF: kept as the file's LF, so the lines match.
      const yaml = (form.yaml ?? '').replace(/\r\n?/g, '\n');
      try {
        await backend.saveDraft(actor, id, yaml);
      } catch (err) {
        if (!(err instanceof DraftTooLargeError)) throw err;
        const mb = Math.round(MAX_DRAFT_BYTES / 1024 / 1024);
        return renderDraft(res, signed, id, {
          status: 413,
          text: yaml,
          flash: { kind: 'error', html: esc(`Nội dung lớn hơn ${mb} MB; chưa lưu. Nội dung vừa nhập vẫn ở dưới.`) },
        });
      }
      opts.log(`dashboard: ${staff.login} saved draft ${id}`);
      const show = form.do === 'kiem-tra' || form.do === 'xem-truoc' ? form.do : undefined;
      if (!show) staff.flash = { kind: 'ok', html: 'Đã lưu.' };
      return redirect(res, back(id, show));
    }

    // The start: the approver's, refused before the form is read, and nothing is started.
    const refused = lacking(signed, 'approver', 'start-campaign', `start draft ${id}`);
    if (refused) {
      closeAfterAnswer(req, res);
      return renderDraft(res, signed, id, { status: 403, flash: { kind: 'error', html: esc(staffMessage(refused)) } });
    }
    const form = await formOf(req, staff);
    await draftOr404(id);
    if (form.confirm !== 'yes') {
      return renderDraft(res, signed, id, {
        status: 400,
        startError: 'Hãy đánh dấu ô xác nhận (số đơn vị và giờ gửi kế hoạch) rồi bấm lại. Chưa bắt đầu.',
      });
    }
    const rehearse = form.rehearse?.trim() || undefined;
    let result;
    try {
      result = await backend.startDraft(actor, id, rehearse ? { rehearse } : {});
    } catch (err) {
      const f = failure(err);
      if (!f) throw err;
      opts.log(`dashboard: ${staff.login} start draft ${id}: ${f.message}`);
      return renderDraft(res, signed, id, { status: f.status, startError: f.message });
    }
    if (!result.ok) {
      const errors = result.problems.filter((p) => p.severity === 'error').length;
      opts.log(`dashboard: ${staff.login} start draft ${id}: refused, ${errors} problems`);
      return renderDraft(res, signed, id, {
        status: 400,
        problems: result.problems,
        startError: `Chưa bắt đầu: bản nháp còn ${errors} lỗi (xem bên cạnh nội dung).`,
      });
    }
    const o = result.outcome;
    if (!o.started) {
      opts.log(`dashboard: ${staff.login} start draft ${id}: ${o.campaignId} already running`);
      return renderDraft(res, signed, id, {
        status: 409,
        startError: `Đợt "${o.campaignId}" đã đang chạy (workflow ${o.workflowId}); không bắt đầu lại, không có gì thay đổi.`,
      });
    }
    opts.log(
      `dashboard: ${staff.login} started ${o.campaignId} from draft ${id}${rehearse ? ` (rehearsal ${rehearse})` : ''}`,
    );
    staff.flash = {
      kind: 'ok',
      html: esc(
        `${rehearse ? `Đã bắt đầu diễn tập (${rehearse})` : 'Đã bắt đầu'} đợt "${o.campaignId}": ${o.unitCount} đơn vị` +
          `${o.deadlineLocal ? `, hạn nộp ${o.deadlineLocal}` : ''}; kế hoạch đang được gửi.`,
      ),
    };
    return redirect(res, `/admin/c/${encodeURIComponent(o.campaignId)}`);
  }

  /**
   * The unit sheet (issue 18 item 2): `bang-tinh` receives a sheet and keeps it as the draft's pending
   * import, previewed on the draft's page; `nhap-don-vi` imports it (`do=nhap`), drops the confirmed
   * bad rows and imports the rest (`do=bo-dong-loi`), or cancels it (`do=huy`). The clerk's; refused
   * before any byte of the form is read.
   */
  async function unitImportRoutes(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    signed: SignedIn,
    id: string,
    what: 'bang-tinh' | 'nhap-don-vi',
  ): Promise<void> {
    const { staff, actor } = signed;
    const refused = lacking(signed, 'clerk', 'edit-draft', `${what} draft ${id}`);
    if (refused) {
      closeAfterAnswer(req, res);
      return renderDraft(res, signed, id, { status: 403, flash: { kind: 'error', html: esc(staffMessage(refused)) } });
    }
    await draftOr404(id);
    if (what === 'bang-tinh') {
      const got = await uploadOf(req, res, staff, { maxFileBytes: MAX_SHEET_BYTES, defaultName: 'don-vi.xlsx' });
      if (got instanceof UploadError)
        return renderDraft(res, signed, id, { status: got.status, sheetError: got.message });
      if (!got.file) {
        return renderDraft(res, signed, id, { status: 400, sheetError: 'Chưa chọn bảng tính (.xlsx hoặc .csv).' });
      }
      const staged = await backend.stageUnitSheet(actor, id, got.file);
      if (!staged.kept) {
        opts.log(`dashboard: ${staff.login} unit sheet ${got.file.name} for draft ${id}: refused`);
        return renderDraft(res, signed, id, {
          status: 400,
          sheetError: `Bảng tính "${got.file.name}" không được nhận; chưa nhập gì.`,
          sheetProblems: staged.problems,
        });
      }
      opts.log(`dashboard: ${staff.login} unit sheet ${got.file.name} for draft ${id}: pending`);
      return redirect(res, `${DRAFTS_BASE}/${id}#import`);
    }
    const form = await formOf(req, staff);
    if (form.do === 'huy') {
      await backend.cancelUnitImport(actor, id);
      opts.log(`dashboard: ${staff.login} cancelled the unit import of draft ${id}`);
      staff.flash = { kind: 'ok', html: 'Đã hủy nhập bảng tính; danh sách đơn vị không thay đổi.' };
      return redirect(res, `${DRAFTS_BASE}/${id}`);
    }
    if (form.do !== 'nhap' && form.do !== 'bo-dong-loi')
      throw new HttpError(400, 'Yêu cầu không hợp lệ', 'Thao tác không rõ.');
    const drop = form.do === 'bo-dong-loi';
    if (drop && form.confirm !== 'yes') {
      return renderDraft(res, signed, id, {
        status: 400,
        sheetError: 'Hãy đánh dấu ô xác nhận bỏ các dòng lỗi rồi bấm lại. Chưa nhập gì.',
      });
    }
    const confirmedRows = (form.rows ?? '')
      .split(',')
      .filter((r) => /^\d{1,6}$/.test(r))
      .map(Number);
    let result;
    try {
      result = await backend.importUnits(actor, id, drop ? { dropBadRows: true, confirmedRows } : {});
    } catch (err) {
      if (!(err instanceof DraftTooLargeError)) throw err;
      const mb = Math.round(MAX_DRAFT_BYTES / 1024 / 1024);
      return renderDraft(res, signed, id, { status: 413, sheetError: `Bản nháp sẽ lớn hơn ${mb} MB; chưa nhập gì.` });
    }
    if (!result.ok) return renderDraft(res, signed, id, { status: 400, sheetError: result.reason });
    opts.log(`dashboard: ${staff.login} imported ${result.imported} units into draft ${id}`);
    staff.flash = { kind: 'ok', html: esc(`Đã ${result.draft.history[result.draft.history.length - 1].what}.`) };
    return redirect(res, `${DRAFTS_BASE}/${id}?xem=kiem-tra`);
  }

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

    if (route === DRAFTS_BASE || route.startsWith(`${DRAFTS_BASE}/`)) {
      return draftRoutes(req, res, signed, route.slice(DRAFTS_BASE.length), url, flash);
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

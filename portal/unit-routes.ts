/**
 * The unit portal's routes (issue 5), apart from the server that composes them (`server.ts`):
 *
 * - `GET /u/<token>` opens nothing (mail scanners prefetch links): a page with one button that POSTs,
 *   with a CSRF token, to `/u/<token>/open`, which starts a server-side session bound to the unit and
 *   redirects to `/unit`. Token attempts are rate limited per IP.
 * - `GET /unit` shows the unit's state from its workflow (`getUnitStatus`); `POST /unit/upload`
 *   streams the file to staging, then submits it through `submitUnitFile` of `app/units.ts`, the one
 *   submit path (`thidua unit submit` uses it too): checked, stored with its owner, recorded by the
 *   `submitFile` update, the upload record removed again if the update refuses.
 *
 * - `GET /u/<token>/lich.ics` is the unit's calendar (its deadline, the lock, the conference) for
 *   calendar apps, which subscribe with the address alone: no session, the token checked on every
 *   fetch as the link's page checks it.
 *
 * The unit comes only from the session (or, for the calendar, its link), never from the request. Refusals (locked, wrong type, empty,
 * oversized, no worker) are shown on the page and nothing is recorded.
 */
import fs from 'node:fs';
import type http from 'node:http';
import { AppError } from '../app/temporal-errors';
import { unitCalendarFeed } from '../calendar/ics';
import { awardResultsSection } from './award-results';
import { submitUnitFile, submitUnitNominations } from '../app/units';
import { kindLabel, MAX_PERSON_CHARS } from '../domain/submission-rules';
import type { Nomination, NomineeType, SubmissionKind, UnitStatusView } from '../domain/workflow-types';
import { HTTP_STATUS, unitMessage } from './messages';
import { decodePathSegment, HttpError, readBody, SECURITY_HEADERS, sendDownload, sendHtml } from './http';
import { esc, layout, linkPage, localTime, MAX_NOMINATION_ROWS, messagePage, unitPage } from './pages';
import { parseCookies, randomToken, RateLimiter, safeEqual, type SessionStore, type UnitSession } from './security';
import { contentTypeForName, magicBytesMatch, parseUrlEncoded, PORTAL_MAX_FILE_BYTES, safeBaseName } from './upload';
import type { PortalOptions } from './options';
import type { FeedConference } from '../calendar/ics';
import { isGuestId } from '../stores/invitee-links';
import { DEFAULT_UPLOAD_LIMITS, receiveUpload, UploadError, type ReceivedUpload } from './upload-receive';

const DAY_MS = 24 * 3600_000;
export const SESSION_COOKIE = 'thidua_session';
export const OPEN_COOKIE = 'thidua_open';

const BAD_CSRF = new HttpError(
  403,
  'Yêu cầu không hợp lệ',
  'Biểu mẫu thiếu hoặc sai mã bảo vệ (CSRF); yêu cầu bị từ chối, không có gì được ghi nhận. Hãy tải lại trang và thử lại.',
);
const NO_SESSION = new HttpError(
  401,
  'Chưa mở phiên làm việc',
  'Phiên làm việc không tồn tại hoặc đã hết hạn. Hãy mở lại đường dẫn nộp hồ sơ trong thư của Thường trực Hội đồng.',
);
const BAD_LINK = new HttpError(
  404,
  'Đường dẫn không hợp lệ',
  'Đường dẫn nộp hồ sơ không đúng hoặc đã bị thu hồi. Hãy dùng đường dẫn trong thư mới nhất, hoặc liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.',
);

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
  // A guest's link (`khach/…`, same store) opens only the guest's conference page, never a unit's.
  const resolveUnit = async (token: string) => {
    const found = await opts.links.resolve(token);
    return found && !isGuestId(found.unitId) ? found : undefined;
  };
  const limiter = new RateLimiter(opts.rateLimit?.max ?? 10, opts.rateLimit?.windowMs ?? 60_000);
  const maxFileBytes = opts.maxFileBytes ?? PORTAL_MAX_FILE_BYTES;
  const maxUnitBytes = opts.maxUnitBytes ?? 200 * 1024 * 1024;
  const maxConcurrentUploads = opts.maxConcurrentUploads ?? 8;
  const uploading = new Set<string>();
  const secure = opts.secureCookies ? '; Secure' : '';
  const linkGraceMs = opts.linkGraceMs ?? 7 * DAY_MS;

  const send = sendHtml;

  const sessionOf = async (req: http.IncomingMessage): Promise<UnitSession | undefined> => {
    const session = sessions.get(parseCookies(req.headers.cookie)[SESSION_COOKIE]);
    if (!session) return undefined;
    // The link must still open the same unit (a revoked link closes its sessions).
    const unit = await opts.links.resolve(session.token);
    if (!unit || unit.campaignId !== session.campaignId || unit.unitId !== session.unitId) {
      sessions.delete(session.id);
      return undefined;
    }
    return session;
  };

  /**
   * Links and sessions end with their campaign: `linkGraceMs` (7 days) after its workflow closed, so
   * that units can still read their receipts right after the last phase, nothing opens any more.
   */
  async function assertLinkLive(campaignId: string, session?: UnitSession): Promise<void> {
    const endedAt = await opts.backend.campaignEndedAt(campaignId);
    if (!endedAt || Date.now() - Date.parse(endedAt) < linkGraceMs) return;
    if (session) sessions.delete(session.id);
    const days = Math.round(linkGraceMs / DAY_MS);
    throw new HttpError(
      410,
      'Đường dẫn đã hết hạn',
      `Đợt thi đua đã kết thúc${Date.parse(endedAt) > 0 ? ` lúc ${localTime(endedAt, opts.timeZone)}` : ''}; đường dẫn nộp hồ sơ ` +
        `hết hạn ${days} ngày sau đó. Liên hệ Thường trực Hội đồng Thi đua - Khen thưởng nếu cần bản sao hồ sơ đã nộp.`,
    );
  }

  async function renderUnit(
    res: http.ServerResponse,
    session: UnitSession,
    status: number,
    flash?: UnitSession['flash'],
  ): Promise<void> {
    let view: UnitStatusView;
    try {
      view = await opts.backend.unitStatus(session.campaignId, session.unitId);
    } catch (err) {
      if (err instanceof AppError) {
        const extra = flash ? `<div class="msg ${flash.kind}">${flash.html}</div>` : '';
        send(
          res,
          flash ? status : HTTP_STATUS[err.code],
          messagePage('Không đọc được hồ sơ của đơn vị', unitMessage(err, opts.timeZone), extra),
        );
        return;
      }
      throw err;
    }
    const campaign = await opts.backend.campaignInfo(session.campaignId);
    const calendarUrl = `${opts.publicUrl?.replace(/\/+$/, '') ?? ''}${calendarPath(session.token)}`;
    send(
      res,
      status,
      unitPage({
        view,
        campaign,
        timeZone: campaign?.timeZone ?? opts.timeZone,
        csrf: session.csrf,
        flash,
        calendarUrl,
        conferenceUrl:
          opts.conference && (campaign?.conference || campaign?.document?.phases.some((p) => p.conference))
            ? `/u/${encodeURIComponent(session.token)}/hoi-nghi`
            : undefined,
        awards: await awardResultsSection(opts.awardResults, session.campaignId, session.unitId, log),
      }),
    );
  }

  /** Answers 429 when the address has used up its token attempts; true when it did. */
  function tooManyAttempts(req: http.IncomingMessage, res: http.ServerResponse, ip: string): boolean {
    req.resume();
    send(
      res,
      429,
      messagePage('Quá nhiều lần thử', 'Có quá nhiều lần mở đường dẫn từ địa chỉ này; vui lòng thử lại sau một phút.'),
      { 'Retry-After': String(limiter.retryAfter(ip)) },
    );
    return true;
  }

  /**
   * The unit's calendar, built from its workflow's view at each fetch, so that an extension reaches
   * the calendar at the app's next poll. Refused as the link's page refuses (unknown or revoked link,
   * campaign over). Only refused tokens count toward the address's limit: calendar services poll
   * many units' feeds from few addresses.
   */
  async function calendarFeed(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    token: string,
    method: string,
  ): Promise<void> {
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    const ip = clientIp(req);
    if (!limiter.allowed(ip)) {
      tooManyAttempts(req, res, ip);
      return;
    }
    const unit = await resolveUnit(token);
    if (!unit) {
      limiter.attempt(ip);
      throw BAD_LINK;
    }
    await assertLinkLive(unit.campaignId);
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
  }

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

  async function upload(req: http.IncomingMessage, res: http.ServerResponse, session: UnitSession): Promise<void> {
    const refuse = (status: number, text: string) =>
      renderUnit(res, session, status, { kind: 'error', html: `${esc(text)} Không có gì được ghi nhận.` });
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? ''))
      throw new HttpError(400, 'Yêu cầu không hợp lệ', 'Biểu mẫu nộp hồ sơ phải gửi dạng multipart/form-data.');
    // One upload at a time per unit, and a few in all: uploads are the portal's heaviest requests.
    const unitKey = `${session.campaignId}/${session.unitId}`;
    if (uploading.has(unitKey)) {
      return stopReading(req, res, () =>
        refuse(429, 'Một tệp khác của đơn vị đang được tải lên; hãy chờ tệp đó xong rồi gửi tiếp.'),
      );
    }
    if (uploading.size >= maxConcurrentUploads) {
      res.setHeader('Retry-After', '30');
      return stopReading(req, res, () =>
        refuse(503, 'Hệ thống đang nhận nhiều tệp cùng lúc; hãy thử lại sau ít phút.'),
      );
    }
    const used = await opts.reports.bytesOf(session.campaignId, session.unitId);
    if (used >= maxUnitBytes) {
      return stopReading(req, res, () => refuse(413, storageFull(used)));
    }
    uploading.add(unitKey);
    let received;
    try {
      received = await receiveUpload(req, {
        limits: { ...DEFAULT_UPLOAD_LIMITS, maxFileBytes },
        stagingDir: opts.reports.stagingDir,
        csrfOk: (token) => safeEqual(token, session.csrf),
      });
    } catch (err) {
      uploading.delete(unitKey);
      if (!(err instanceof UploadError)) throw err;
      log(`portal: ${unitKey} upload refused: ${err.reason}`);
      if (err.reason === 'csrf') return stopReading(req, res, () => Promise.reject(BAD_CSRF));
      if (err.reason === 'file-too-large' || err.reason === 'field-too-long')
        return stopReading(req, res, () => refuse(413, err.message));
      return stopReading(req, res, () =>
        Promise.reject(new HttpError(err.status, 'Yêu cầu không hợp lệ', err.message)),
      );
    }
    const staged = received.file;
    try {
      await storeUpload(res, session, received.fields, staged, used, refuse);
    } finally {
      uploading.delete(unitKey);
      if (staged) fs.rmSync(staged.path, { force: true }); // moved into the store, or refused
    }
  }

  /**
   * Answers at once and stops reading the request: the connection closes after the answer, so the
   * rest of a refused body is never read (nor parsed).
   */
  async function stopReading(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    answer: () => Promise<void>,
  ): Promise<void> {
    res.setHeader('Connection', 'close');
    res.once('finish', () => req.socket.destroySoon());
    await answer();
  }

  const storageFull = (used: number) =>
    `Đơn vị đã dùng ${(used / 1024 / 1024).toFixed(1)} MB, hết dung lượng lưu trữ cho đợt thi đua này ` +
    `(tối đa ${Math.round(maxUnitBytes / 1024 / 1024)} MB). Liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.`;

  async function storeUpload(
    res: http.ServerResponse,
    session: UnitSession,
    fields: Record<string, string>,
    file: ReceivedUpload['file'],
    used: number,
    refuse: (status: number, text: string) => Promise<void>,
  ): Promise<void> {
    const mb = maxFileBytes / 1024 / 1024;
    // A declared deliverable comes as "deliverable:<id>" (the page lists them as the plan names them).
    const deliverable = fields.kind?.startsWith('deliverable:') ? fields.kind.slice('deliverable:'.length) : undefined;
    const kind = (deliverable !== undefined ? 'summary-report' : fields.kind) as SubmissionKind;
    if (kind !== 'summary-report' && kind !== 'presentation-paper') return refuse(400, 'Loại hồ sơ không hợp lệ.');
    if (!file || file.filename === '') return refuse(400, 'Chưa chọn tệp để nộp.');
    const name = safeBaseName(file.filename);
    if (!name)
      return refuse(400, `Tên tệp "${safeBaseName(file.filename.replace(/[/\\]/g, '')) || '?'}" không hợp lệ.`);
    if (file.size === 0) return refuse(400, `Tệp "${name}" rỗng (0 byte).`);
    if (file.size > maxFileBytes) {
      return refuse(413, `Tệp "${name}" quá lớn (${(file.size / 1024 / 1024).toFixed(1)} MB); tối đa ${mb} MB.`);
    }
    if (used + file.size > maxUnitBytes) return refuse(413, storageFull(used));
    const contentType = contentTypeForName(name);
    if (!contentType) return refuse(415, `Tệp "${name}" không đúng định dạng; chấp nhận: PDF, DOC, DOCX, ODT.`);
    if (!magicBytesMatch(contentType, file.head)) {
      const label = { 'application/pdf': 'PDF', 'application/msword': 'DOC' }[contentType] ?? 'DOCX/ODT';
      return refuse(415, `Nội dung tệp "${name}" không phải là tệp ${label} như phần mở rộng của tên tệp.`);
    }

    let submitted;
    try {
      submitted = await submitUnitFile(
        { units: opts.backend, reports: opts.reports },
        {
          campaignId: session.campaignId,
          unitId: session.unitId,
          kind,
          ...(deliverable ? { deliverable } : {}),
          name,
          contentType,
          content: file,
          submittedBy: (view) => portalSubmitter(view.unitName),
        },
      );
    } catch (err) {
      return answerFailedSubmission(err, res, session, refuse);
    }
    const { ref, receipt } = submitted;
    log(`portal: ${session.campaignId}/${session.unitId} submitted ${kind} v${receipt.version} ${ref.sha256}`);
    const campaign = await opts.backend.campaignInfo(session.campaignId);
    session.flash = {
      kind: 'ok',
      html:
        `Đã nhận ${esc(kindLabel(kind))} "${esc(ref.name)}", phiên bản ${receipt.version}` +
        `${receipt.late ? ' (nộp muộn)' : ''}, lúc ${esc(localTime(receipt.receivedAt, campaign?.timeZone ?? opts.timeZone))}; ` +
        `mã SHA-256 ${esc(ref.sha256)}. Thư xác nhận sẽ được gửi tới đầu mối của đơn vị.`,
    };
    res.writeHead(303, { ...SECURITY_HEADERS, Location: '/unit' });
    res.end();
  }

  async function nominations(req: http.IncomingMessage, res: http.ServerResponse, session: UnitSession): Promise<void> {
    const refuse = (status: number, text: string) =>
      renderUnit(res, session, status, { kind: 'error', html: `${esc(text)} Không có gì được ghi nhận.` });
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
      return answerFailedSubmission(err, res, session, refuse);
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

  /**
   * A submission the use case did not take: a refusal recorded nothing (and the store forgot the
   * upload), so the page says so; an unanswered update may still apply later, so it does not.
   */
  async function answerFailedSubmission(
    err: unknown,
    res: http.ServerResponse,
    session: UnitSession,
    refuse: (status: number, text: string) => Promise<void>,
  ): Promise<void> {
    if (!(err instanceof AppError)) throw err;
    const text = unitMessage(err, opts.timeZone);
    if (err.nothingChanged) return refuse(HTTP_STATUS[err.code], text);
    return renderUnit(res, session, HTTP_STATUS[err.code], { kind: 'error', html: esc(text) });
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

/** The unit's calendar under its link: `/u/<token>/lich.ics`. */
export const calendarPath = (token: string): string => `/u/${encodeURIComponent(token)}/lich.ics`;

/** Who submitted through the portal, as receipts name it: within the workflow's limit however long the unit's name. */
function portalSubmitter(unitName: string): string {
  const max = MAX_PERSON_CHARS - 'Cổng nộp hồ sơ ()'.length;
  return `Cổng nộp hồ sơ (${unitName.length > max ? `${unitName.slice(0, max - 1)}…` : unitName})`;
}

/**
 * The invitees' conference routes (issue 13), beside the unit routes:
 *
 * - `GET|POST /u/<token>/hoi-nghi`: a unit's conference page and reply, through the unit's own link;
 *   `GET /u/<token>/hoi-nghi/giay-moi.ics`: its invitation as a calendar file.
 * - `GET|POST /k/<token>`, `GET /k/<token>/giay-moi.ics`: the same for a guest (invitee `khach/<id>`),
 *   whose link lives in the same link store (`stores/invitee-links.ts`).
 *
 * No session: the token is checked on every request, as the calendar feed checks it, so a revoked
 * link stops at once. The form carries a CSRF value that must match a cookie set by the page (double
 * submit), as the link's own page does. Only refused tokens count toward the address's limit. Replies
 * go through `replyToInvitation` (`via: 'link'`); refusals (after the reply deadline, after a cancel,
 * more delegates than seats, a revoked link) are shown on the page with what was typed.
 */
import type http from 'node:http';
import { AppError } from '../app/temporal-errors';
import type { FeedConference } from '../calendar/ics';
import {
  MAX_CONFERENCE_NOTE_CHARS,
  MAX_DELEGATES_PER_REPLY,
  type ConferenceStatusView,
  type Delegate,
  type ReplyToInvitationInput,
} from '../domain/conference-types';
import { MAX_PERSON_CHARS, MAX_POSITION_CHARS } from '../domain/submission-rules';
import type { ConferenceBackend } from './conference-backend';
import { conferencePage, type ReplyForm } from './conference-page';
import { decodePathSegment, HttpError, readBody, redirect, SECURITY_HEADERS, sendHtml } from './http';
import { HTTP_STATUS, unitMessage } from './messages';
import type { PortalOptions } from './options';
import { esc, messagePage } from './pages';
import { parseCookies, randomToken, RateLimiter, safeEqual } from './security';
import { parseUrlEncoded } from './upload';
import { isGuestId } from '../stores/invitee-links';

export const CONFERENCE_COOKIE = 'thidua_conf';

const BAD_LINK = new HttpError(
  404,
  'Đường dẫn không hợp lệ',
  'Đường dẫn trả lời giấy mời không đúng hoặc đã bị thu hồi. Hãy dùng đường dẫn trong thư mới nhất, hoặc liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.',
);
const BAD_CSRF = new HttpError(
  403,
  'Yêu cầu không hợp lệ',
  'Biểu mẫu thiếu hoặc sai mã bảo vệ (CSRF); trả lời chưa được ghi nhận. Hãy tải lại trang và gửi lại.',
);

export interface ConferenceRoutes {
  /** Answers `/u/<token>/hoi-nghi…` and `/k/<token>…`; false for any other path. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, route: string, method: string): Promise<boolean>;
  /** The conference for a unit's calendar feed from the workflow (with its SEQUENCE); undefined when it does not answer. */
  feedConference(campaignId: string): Promise<FeedConference | undefined>;
}

type Invitee = { campaignId: string; inviteeId: string; token: string; kind: 'unit' | 'guest' };

/** A reply form's fields read and checked: the reply, or what is wrong (and where) in Vietnamese. */
export function readReplyForm(form: Record<string, string>): {
  typed: ReplyForm;
  rows: number;
  reply?: Omit<ReplyToInvitationInput, 'inviteeId' | 'via'>;
  problem?: string;
} {
  const rows = Math.min(Math.max(Number.parseInt(form.rows ?? '', 10) || 0, 0), MAX_DELEGATES_PER_REPLY);
  const delegates: Array<{ name: string; position: string }> = [];
  const problems: string[] = [];
  for (let i = 0; i < rows; i++) {
    const name = (form[`d${i}_name`] ?? '').trim();
    const position = (form[`d${i}_position`] ?? '').trim();
    if (!name && !position) continue;
    if (!name) problems.push(`Dòng đại biểu ${i + 1}: thiếu họ và tên (chức vụ "${position}").`);
    if (name.length > MAX_PERSON_CHARS) problems.push(`Dòng đại biểu ${i + 1}: họ và tên quá dài.`);
    if (position.length > MAX_POSITION_CHARS) problems.push(`Dòng đại biểu ${i + 1}: chức vụ quá dài.`);
    delegates.push({ name, position });
  }
  const answer = form.answer === 'attending' || form.answer === 'declined' ? form.answer : undefined;
  const seatsText = (form.seats ?? '').trim();
  const note = (form.note ?? '').trim();
  const typed: ReplyForm = { answer, delegates, seats: seatsText, note };
  if (!answer) problems.unshift('Chọn "Tham dự" hoặc "Không tham dự".');
  let seats = 0;
  if (answer === 'attending') {
    if (seatsText && !/^\d{1,4}$/.test(seatsText))
      problems.push(`Số chỗ ngồi "${seatsText}" không hợp lệ: nhập một số nguyên (ví dụ 2).`);
    seats = seatsText ? Number(seatsText) : delegates.length;
    if (delegates.length === 0) problems.push('Khi tham dự, nhập ít nhất một đại biểu (họ và tên, chức vụ).');
    else if (/^\d{1,4}$/.test(seatsText || '0') && seats < delegates.length)
      problems.push(
        `Đăng ký ${delegates.length} đại biểu nhưng chỉ ${seats} chỗ ngồi: số chỗ ngồi không được ít hơn số đại biểu.`,
      );
  }
  if (note.length > MAX_CONFERENCE_NOTE_CHARS)
    problems.push(`Ghi chú dài ${note.length} ký tự; tối đa ${MAX_CONFERENCE_NOTE_CHARS}.`);
  if (problems.length > 0) return { typed, rows, problem: problems.join(' ') };
  const list: Delegate[] =
    answer === 'attending'
      ? delegates.map((d) => ({ name: d.name, ...(d.position ? { position: d.position } : {}) }))
      : [];
  return {
    typed,
    rows,
    reply: { answer: answer!, delegates: list, seats: answer === 'attending' ? seats : 0, ...(note ? { note } : {}) },
  };
}

export function createConferenceRoutes(
  opts: PortalOptions,
  ctx: { clientIp: (req: http.IncomingMessage) => string; log: (line: string) => void },
): ConferenceRoutes {
  const { clientIp, log } = ctx;
  const conference: ConferenceBackend | undefined = opts.conference;
  const limiter = new RateLimiter(opts.rateLimit?.max ?? 10, opts.rateLimit?.windowMs ?? 60_000);
  const secure = opts.secureCookies ? '; Secure' : '';
  const linkGraceMs = opts.linkGraceMs ?? 7 * 24 * 3600_000;

  /** The invitee a token opens: a unit's link under `/u/`, a guest's under `/k/`, never the other way. */
  async function inviteeOf(req: http.IncomingMessage, token: string, kind: Invitee['kind']): Promise<Invitee> {
    const ip = clientIp(req);
    if (!limiter.allowed(ip)) {
      req.resume();
      throw new HttpError(
        429,
        'Quá nhiều lần thử',
        'Có quá nhiều lần mở đường dẫn từ địa chỉ này; vui lòng thử lại sau một phút.',
      );
    }
    const found = await opts.links.resolve(token);
    if (!found || isGuestId(found.unitId) !== (kind === 'guest')) {
      limiter.attempt(ip);
      throw BAD_LINK;
    }
    // Links end with their campaign, as the unit's page does.
    const endedAt = await opts.backend.campaignEndedAt(found.campaignId);
    if (endedAt && Date.now() - Date.parse(endedAt) >= linkGraceMs)
      throw new HttpError(
        410,
        'Đường dẫn đã hết hạn',
        'Đợt thi đua đã kết thúc; đường dẫn trả lời giấy mời không còn dùng được.',
      );
    return { campaignId: found.campaignId, inviteeId: found.unitId, token, kind };
  }

  async function statusOf(campaignId: string): Promise<ConferenceStatusView> {
    try {
      return await conference!.status(campaignId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not-found')
        throw new HttpError(
          404,
          'Chưa có giấy mời hội nghị',
          'Hội nghị của đợt thi đua này chưa mở: giấy mời và đường dẫn trả lời được gửi khi đến giai đoạn hội nghị.',
        );
      if (err instanceof AppError)
        throw new HttpError(
          HTTP_STATUS[err.code],
          'Không đọc được thông tin hội nghị',
          unitMessage(err, opts.timeZone),
        );
      throw err;
    }
  }

  const pagePath = (who: Invitee) =>
    who.kind === 'guest' ? `/k/${encodeURIComponent(who.token)}` : `/u/${encodeURIComponent(who.token)}/hoi-nghi`;

  async function render(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    who: Invitee,
    status: number,
    extra: { flash?: { kind: 'ok' | 'error'; text: string }; form?: ReplyForm; rows?: number } = {},
  ): Promise<void> {
    const view = await statusOf(who.campaignId);
    const invitee = view.invitees.find((i) => i.id === who.inviteeId);
    if (!invitee)
      throw new HttpError(
        404,
        'Không có trong danh sách mời',
        'Quý vị không có trong danh sách khách mời của hội nghị này.',
      );
    const campaign = await opts.backend.campaignInfo(who.campaignId).catch(() => undefined);
    // The double-submit value: kept while the browser has one, so that two tabs both work.
    const cookie = parseCookies(req.headers.cookie)[CONFERENCE_COOKIE];
    const csrf = cookie && /^[A-Za-z0-9_-]{20,64}$/.test(cookie) ? cookie : randomToken();
    const base = pagePath(who);
    const origin = opts.publicUrl?.replace(/\/+$/, '') ?? '';
    sendHtml(
      res,
      status,
      conferencePage({
        view,
        invitee,
        action: base,
        csrf,
        timeZone: campaign?.timeZone ?? opts.timeZone,
        icsUrl: invitee.invitedSequence !== undefined && !view.cancelled ? `${base}/giay-moi.ics` : undefined,
        calendarUrl: who.kind === 'unit' ? `${origin}/u/${encodeURIComponent(who.token)}/lich.ics` : undefined,
        ...(campaign?.contact ? { contact: campaign.contact } : {}),
        ...extra,
      }),
      { 'Set-Cookie': `${CONFERENCE_COOKIE}=${csrf}; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800${secure}` },
    );
  }

  async function post(req: http.IncomingMessage, res: http.ServerResponse, token: string, kind: Invitee['kind']) {
    const body = await readBody(req, 64 * 1024);
    if (!body) throw new HttpError(413, 'Yêu cầu quá lớn', 'Nội dung trả lời quá dài; không có gì được ghi nhận.');
    const form = parseUrlEncoded(body);
    if (!safeEqual(form.csrf, parseCookies(req.headers.cookie)[CONFERENCE_COOKIE])) throw BAD_CSRF;
    const read = readReplyForm(form);
    let who: Invitee;
    try {
      who = await inviteeOf(req, token, kind);
    } catch (err) {
      // A link revoked while the page was open: say so, and give back what was typed.
      if (err === BAD_LINK) return revokedWithTyped(res, read.typed);
      throw err;
    }
    if (form.do === 'more') return render(req, res, who, 200, { form: read.typed, rows: read.rows + 3 });
    if (read.problem || !read.reply)
      return render(req, res, who, 400, {
        flash: { kind: 'error', text: `${read.problem} Trả lời chưa được ghi nhận.` },
        form: read.typed,
        rows: read.rows,
      });
    try {
      await conference!.reply(who.campaignId, { inviteeId: who.inviteeId, via: 'link', ...read.reply });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      log(`portal: conference reply of ${who.campaignId}/${who.inviteeId} refused: ${err.code}`);
      const text = unitMessage(err, opts.timeZone);
      return render(req, res, who, HTTP_STATUS[err.code], {
        flash: { kind: 'error', text: err.nothingChanged ? `${text} Trả lời chưa được ghi nhận.` : text },
        form: read.typed,
        rows: read.rows,
      });
    }
    log(`portal: conference reply of ${who.campaignId}/${who.inviteeId}: ${read.reply.answer}`);
    redirect(res, `${pagePath(who)}?da-tra-loi=1`);
  }

  function revokedWithTyped(res: http.ServerResponse, typed: ReplyForm): void {
    const lines = [
      `Trả lời: ${typed.answer === 'attending' ? 'Tham dự' : typed.answer === 'declined' ? 'Không tham dự' : '(chưa chọn)'}`,
      ...typed.delegates.map((d, i) => `Đại biểu ${i + 1}: ${d.name}${d.position ? `, ${d.position}` : ''}`),
      ...(typed.seats ? [`Số chỗ ngồi: ${typed.seats}`] : []),
      ...(typed.note ? [`Ghi chú: ${typed.note}`] : []),
    ];
    sendHtml(
      res,
      404,
      messagePage(
        BAD_LINK.title,
        `${BAD_LINK.message} Trả lời chưa được ghi nhận.`,
        `<h2>Nội dung quý vị đã nhập</h2><pre id="typed">${esc(lines.join('\n'))}</pre>`,
      ),
    );
  }

  async function invitationFile(req: http.IncomingMessage, res: http.ServerResponse, who: Invitee, method: string) {
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    let text: string;
    try {
      text = await conference!.invitationIcs(who.campaignId, who.inviteeId);
    } catch (err) {
      if (err instanceof AppError)
        throw new HttpError(HTTP_STATUS[err.code], 'Không lấy được giấy mời', unitMessage(err, opts.timeZone));
      throw err;
    }
    const body = Buffer.from(text, 'utf8');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'text/calendar; charset=utf-8; method=REQUEST',
      'Content-Disposition': 'attachment; filename="giay-moi-hoi-nghi.ics"',
      'Content-Length': String(body.length),
    });
    res.end(method === 'HEAD' ? undefined : body);
  }

  async function handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    route: string,
    method: string,
  ): Promise<boolean> {
    const unit = /^\/u\/([^/]+)\/hoi-nghi(\/giay-moi\.ics)?\/?$/.exec(route);
    const guest = /^\/k\/([^/]+)(\/giay-moi\.ics)?\/?$/.exec(route);
    const m = unit ?? guest;
    if (!m || !conference) return false;
    const kind = unit ? 'unit' : 'guest';
    const token = decodePathSegment(m[1]);
    if (m[2]) {
      await invitationFile(req, res, await inviteeOf(req, token, kind), method);
      return true;
    }
    if (method === 'POST') {
      await post(req, res, token, kind);
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD')
      throw new HttpError(405, 'Không hỗ trợ', 'Phương thức không được hỗ trợ.');
    const who = await inviteeOf(req, token, kind);
    const replied = new URL(req.url ?? '/', 'http://portal.invalid').searchParams.has('da-tra-loi');
    await render(
      req,
      res,
      who,
      200,
      replied ? { flash: { kind: 'ok', text: 'Đã ghi nhận trả lời của quý vị. Xin cảm ơn.' } } : {},
    );
    return true;
  }

  async function feedConference(campaignId: string): Promise<FeedConference | undefined> {
    if (!conference) return undefined;
    try {
      const v = await conference.status(campaignId);
      return {
        name: v.name,
        when: v.when,
        venue: v.venue,
        ...(v.organizer ? { organizer: v.organizer } : {}),
        agenda: v.agenda,
        sequence: v.sequence,
        ...(v.cancelled ? { cancelled: v.cancelled.reason } : {}),
      };
    } catch (err) {
      // No conference yet, or no worker: the definition's conference; a calendar never fails for it.
      if (!(err instanceof AppError))
        log(`portal: conference of ${campaignId} unreadable for a calendar: ${String(err)}`);
      return undefined;
    }
  }

  return { handle, feedConference };
}

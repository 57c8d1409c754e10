/**
 * Who may reach the unit portal (issue 5), shared by its routes (`unit-routes.ts`): the link's token
 * resolved to a unit (never a guest's), the session bound to that unit, the per-IP limit on token
 * attempts, and the end of links and sessions with their campaign.
 */
import type http from 'node:http';
import { HttpError, sendHtml } from './http';
import { localTime, messagePage } from './pages';
import { parseCookies, RateLimiter, type SessionStore, type UnitSession } from './security';
import type { PortalOptions } from './options';
import { isGuestId } from '../stores/invitee-links';

const DAY_MS = 24 * 3600_000;
export const SESSION_COOKIE = 'thidua_session';
export const OPEN_COOKIE = 'thidua_open';

export const BAD_CSRF = new HttpError(
  403,
  'Yêu cầu không hợp lệ',
  'Biểu mẫu thiếu hoặc sai mã bảo vệ (CSRF); yêu cầu bị từ chối, không có gì được ghi nhận. Hãy tải lại trang và thử lại.',
);
export const NO_SESSION = new HttpError(
  401,
  'Chưa mở phiên làm việc',
  'Phiên làm việc không tồn tại hoặc đã hết hạn. Hãy mở lại đường dẫn nộp hồ sơ trong thư của Thường trực Hội đồng.',
);
export const BAD_LINK = new HttpError(
  404,
  'Đường dẫn không hợp lệ',
  'Đường dẫn nộp hồ sơ không đúng hoặc đã bị thu hồi. Hãy dùng đường dẫn trong thư mới nhất, hoặc liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.',
);

export interface UnitAccess {
  /** The unit a link's token opens; undefined for an unknown or revoked link, or a guest's. */
  resolveUnit(token: string): Promise<{ campaignId: string; unitId: string } | undefined>;
  /** The request's session, if its link still opens the same unit. */
  sessionOf(req: http.IncomingMessage): Promise<UnitSession | undefined>;
  /** Throws 410 once the campaign is over (and ends the session given). */
  assertLinkLive(campaignId: string, session?: UnitSession): Promise<void>;
  /** Token attempts per address. */
  readonly limiter: RateLimiter;
  /** Answers 429 when the address has used up its token attempts; true when it did. */
  tooManyAttempts(req: http.IncomingMessage, res: http.ServerResponse, ip: string): boolean;
  /** The cookies' `Secure` attribute, or nothing. */
  readonly secure: string;
}

export function createUnitAccess(opts: PortalOptions, sessions: SessionStore): UnitAccess {
  // A guest's link (`khach/…`, same store) opens only the guest's conference page, never a unit's.
  const resolveUnit = async (token: string) => {
    const found = await opts.links.resolve(token);
    return found && !isGuestId(found.unitId) ? found : undefined;
  };
  const limiter = new RateLimiter(opts.rateLimit?.max ?? 10, opts.rateLimit?.windowMs ?? 60_000);
  const secure = opts.secureCookies ? '; Secure' : '';
  const linkGraceMs = opts.linkGraceMs ?? 7 * DAY_MS;

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

  function tooManyAttempts(req: http.IncomingMessage, res: http.ServerResponse, ip: string): boolean {
    req.resume();
    sendHtml(
      res,
      429,
      messagePage('Quá nhiều lần thử', 'Có quá nhiều lần mở đường dẫn từ địa chỉ này; vui lòng thử lại sau một phút.'),
      { 'Retry-After': String(limiter.retryAfter(ip)) },
    );
    return true;
  }

  return { resolveUnit, sessionOf, assertLinkLive, limiter, tooManyAttempts, secure };
}

/**
 * Sessions, CSRF tokens and the rate limit of the unit portal. A session is a random id in an
 * HttpOnly, SameSite=Strict cookie; what it opens (campaign and unit) lives only on the server, so no
 * request can name another unit. Every form carries the session's CSRF token, compared in constant
 * time.
 */
import crypto from 'node:crypto';

/** What every session has: a random id (the cookie), its CSRF token, and a message for the next page. */
export interface Session {
  id: string;
  csrf: string;
  createdAt: number;
  lastSeen: number;
  /** A message to show once on the next page (after a redirect). */
  flash?: { kind: 'ok' | 'error'; html: string };
}

/** A unit's portal session, opened by its link. */
export interface UnitSession extends Session {
  campaignId: string;
  unitId: string;
  /** The link's token, kept on the server: a revoked link ends its sessions at their next request. */
  token: string;
}

/** A secretariat member's dashboard session, opened by logging in. */
export interface StaffSession extends Session {
  login: string;
  name: string;
}

export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

/** Constant-time comparison of two strings (false for different lengths or a missing value). */
export function safeEqual(a: string | undefined, b: string | undefined): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  // Compare equal-length digests so that even the length is not learnt from timing.
  const hx = crypto.createHash('sha256').update(x).digest();
  const hy = crypto.createHash('sha256').update(y).digest();
  return crypto.timingSafeEqual(hx, hy) && x.length === y.length;
}

/**
 * Sessions in memory, ending after `idleMs` without a request: a restart of the portal asks units to
 * open their link again and staff to log in again.
 */
export class SessionStore<S extends Session = UnitSession> {
  private readonly sessions = new Map<string, S>();

  constructor(
    private readonly idleMs = 8 * 3600_000,
    private readonly now: () => number = Date.now,
  ) {}

  create(data: Omit<S, keyof Session>): S {
    this.sweep();
    const at = this.now();
    const session = { ...data, id: randomToken(), csrf: randomToken(), createdAt: at, lastSeen: at } as S;
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): S | undefined {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (this.now() - session.lastSeen > this.idleMs) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeen = this.now();
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const limit = this.now() - this.idleMs;
    for (const [id, s] of this.sessions) if (s.lastSeen < limit) this.sessions.delete(id);
  }
}

/** At most `max` attempts per key in a sliding window of `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; false when the key is over its limit (the attempt is still counted). */
  attempt(key: string): boolean {
    const at = this.now();
    const recent = (this.hits.get(key) ?? []).filter((t) => at - t < this.windowMs);
    recent.push(at);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) {
      for (const [k, times] of this.hits) if (times.every((t) => at - t >= this.windowMs)) this.hits.delete(k);
    }
    return recent.length <= this.max;
  }

  /** Whether the key may try now, without counting an attempt (for limits on failures only). */
  allowed(key: string): boolean {
    const at = this.now();
    return (this.hits.get(key) ?? []).filter((t) => at - t < this.windowMs).length < this.max;
  }

  /** Seconds until the key may try again. */
  retryAfter(key: string): number {
    const times = this.hits.get(key) ?? [];
    const oldest = times[Math.max(0, times.length - this.max)] ?? this.now();
    return Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const name = part.slice(0, eq).trim();
      if (!(name in cookies)) cookies[name] = part.slice(eq + 1).trim();
    }
  }
  return cookies;
}

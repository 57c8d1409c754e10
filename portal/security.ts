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
  /** The account's password hash when the session began: a new password or a removed account ends it. */
  accountStamp: string;
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

/** How long sessions live: idle, and at most from their start whatever the activity. */
export interface SessionLifetime {
  idleMs: number;
  /** An absolute end: a stolen cookie does not work for ever by being used. */
  maxAgeMs: number;
}

/**
 * Sessions in memory, ending after `idleMs` without a request or `maxAgeMs` after they began: a
 * restart of the portal asks units to open their link again and staff to log in again.
 */
export class SessionStore<S extends Session = UnitSession> {
  private readonly sessions = new Map<string, S>();
  private readonly lifetime: SessionLifetime;

  constructor(
    lifetime: Partial<SessionLifetime> | number = {},
    private readonly now: () => number = Date.now,
  ) {
    const given = typeof lifetime === 'number' ? { idleMs: lifetime } : lifetime;
    this.lifetime = { idleMs: given.idleMs ?? 8 * 3600_000, maxAgeMs: given.maxAgeMs ?? 12 * 3600_000 };
  }

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
    if (this.expired(session, this.now())) {
      this.sessions.delete(id);
      return undefined;
    }
    session.lastSeen = this.now();
    return session;
  }

  delete(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session that matches (e.g. all of one staff login after its password changed). */
  deleteWhere(match: (session: S) => boolean): number {
    let ended = 0;
    for (const [id, s] of this.sessions) {
      if (match(s)) {
        this.sessions.delete(id);
        ended++;
      }
    }
    return ended;
  }

  get size(): number {
    return this.sessions.size;
  }

  private expired(session: S, at: number): boolean {
    return at - session.lastSeen > this.lifetime.idleMs || at - session.createdAt > this.lifetime.maxAgeMs;
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) if (this.expired(s, at)) this.sessions.delete(id);
  }
}

/** At most `max` attempts per key in a sliding window of `windowMs`. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max = 10,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt; false when the key is over its limit (the attempt is still counted). */
  attempt(key: string): boolean {
    const at = this.now();
    const recent = this.recent(key, at);
    recent.push(at);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) {
      for (const [k, times] of this.hits) if (times.every((t) => at - t >= this.windowMs)) this.hits.delete(k);
    }
    return recent.length <= this.max;
  }

  /** Whether the key may try now, without counting an attempt. */
  allowed(key: string): boolean {
    return this.recent(key, this.now()).length < this.max;
  }

  /** Takes back one attempt recorded at `at` (an attempt that turned out not to count, e.g. a right password). */
  forget(key: string, at: number): void {
    const times = this.hits.get(key);
    const i = times?.lastIndexOf(at) ?? -1;
    if (times && i >= 0) times.splice(i, 1);
  }

  /** Seconds until the key may try again: 0 when it may try now. */
  retryAfter(key: string): number {
    const at = this.now();
    const times = this.recent(key, at);
    if (times.length < this.max) return 0;
    const oldest = times[times.length - this.max];
    return Math.max(1, Math.ceil((oldest + this.windowMs - at) / 1000));
  }

  private recent(key: string, at: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => at - t < this.windowMs);
  }
}

/**
 * The limit on failed logins, safe against requests sent at once: an attempt is counted when it
 * starts (synchronously, before the slow password check), and taken back only if it succeeds. So
 * however many requests are in flight, no more than the limit are ever evaluated in a window.
 *
 * Limits apply per address and per login. A login's limit alone would let anyone who knows a login
 * name lock its owner out; so a browser that has logged in as that login before (a device cookie,
 * OWASP's "device cookies") is counted on its own, not against the login's shared limit.
 */
export class LoginGuard {
  private readonly byAddress: RateLimiter;
  private readonly byLogin: RateLimiter;
  private readonly byDevice: RateLimiter;
  /** Device cookie → the login it proved; in memory, as sessions are. */
  private readonly devices = new Map<string, string>();

  constructor(
    limits: { perAddress: number; perLogin: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {
    this.byAddress = new RateLimiter(limits.perAddress, limits.windowMs, now);
    this.byLogin = new RateLimiter(limits.perLogin, limits.windowMs, now);
    this.byDevice = new RateLimiter(limits.perLogin, limits.windowMs, now);
  }

  /**
   * Starts an attempt: `{ retryAfter }` (seconds) when it must wait, else a ticket to pass to
   * {@link succeeded}. Synchronous, so concurrent requests cannot all pass the check.
   */
  begin(address: string, login: string, device?: string): { retryAfter: number } | LoginTicket {
    const trusted = device !== undefined && this.devices.get(device) === login;
    const keys: Array<[RateLimiter, string]> = trusted
      ? [[this.byDevice, device]]
      : [
          [this.byAddress, address],
          [this.byLogin, login],
        ];
    const blocked = keys.filter(([limiter, key]) => !limiter.allowed(key));
    if (blocked.length > 0) return { retryAfter: Math.max(...blocked.map(([l, k]) => l.retryAfter(k))) };
    const at = this.now();
    for (const [limiter, key] of keys) limiter.attempt(key);
    return { keys, at };
  }

  /** The attempt succeeded: it does not count as a failure; returns a device cookie for the login. */
  succeeded(ticket: LoginTicket, login: string): string {
    for (const [limiter, key] of ticket.keys) limiter.forget(key, ticket.at);
    const device = randomToken();
    this.devices.set(device, login);
    if (this.devices.size > 100_000) this.devices.delete(this.devices.keys().next().value!);
    return device;
  }

  /** Forgets the devices of a login (its password changed or the account was removed). */
  forgetLogin(login: string): void {
    for (const [device, owner] of this.devices) if (owner === login) this.devices.delete(device);
  }
}

export interface LoginTicket {
  keys: Array<[RateLimiter, string]>;
  at: number;
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

/**
 * Sessions, CSRF tokens and the rate limit of the unit portal. A session is a random id in an
 * HttpOnly, SameSite=Strict cookie; what it opens (campaign and unit) lives only on the server, so no
 * request can name another unit. Every form carries the session's CSRF token, compared in constant
 * time.
 */
import crypto from 'node:crypto';
import { randomToken } from '../stores/sessions';

export {
  MemorySessionStore,
  randomToken,
  type SessionStore,
  type Session,
  type UnitSession,
  type StaffSession,
} from '../stores/sessions';

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

/**
 * Sessions of the unit portal and the dashboard, behind {@link SessionStore}: kept in the portal's
 * memory today ({@link MemorySessionStore}); a portal run as several processes would keep them in a
 * shared store implementing the same interface.
 */
import crypto from 'node:crypto';

export const randomToken = (bytes = 32): string => crypto.randomBytes(bytes).toString('base64url');

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

/** What the portal and the dashboard do with sessions. */
export interface SessionStore<S extends Session = UnitSession> {
  create(data: Omit<S, keyof Session>): S;
  /** The live session of an id (its idle time restarts), or undefined. */
  get(id: string | undefined): S | undefined;
  delete(id: string): void;
  /** Ends every session that matches; returns how many. */
  deleteWhere(match: (session: S) => boolean): number;
  readonly size: number;
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
export class MemorySessionStore<S extends Session = UnitSession> implements SessionStore<S> {
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

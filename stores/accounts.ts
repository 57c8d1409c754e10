/**
 * The secretariat's local accounts: a JSON file in the data folder, one entry per login, the password
 * kept only as a scrypt hash (`scrypt$N$r$p$salt$hash`, base64url). Verification takes the same time
 * for an unknown login as for a wrong password, so the answer does not tell which logins exist.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { STAFF_ROLES, type StaffRole } from '../domain/synthesis-types';
import { writeFileAtomic } from './atomic';

export interface Account {
  login: string;
  name: string;
  /** What the account may do (`app/roles.ts`); never empty. */
  roles: StaffRole[];
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * Accounts written before roles existed have none: they ran the campaign, so they read as clerks.
 * Unknown role names (a hand-edited file) are dropped rather than trusted.
 */
export const DEFAULT_ROLES: StaffRole[] = ['clerk'];
function rolesOf(stored: unknown): StaffRole[] {
  if (!Array.isArray(stored)) return [...DEFAULT_ROLES];
  const known = STAFF_ROLES.filter((r) => stored.includes(r));
  return known.length > 0 ? known : [...DEFAULT_ROLES];
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's minimum for scrypt (2^17 would be stronger; 2^15 keeps a login under ~100 ms on small hosts). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
export const MIN_PASSWORD_LENGTH = 10;
const KEY_BYTES = 32;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(
      password.normalize('NFC'),
      salt,
      KEY_BYTES,
      { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/** Which rule an account's login, name or password breaks: each surface words it in its own language. */
export type AccountProblem = 'login' | 'name' | 'password-length' | 'password-contains-login';

/** A refused login, name or password: `message` is the English line it always was, `problem` its code. */
export class AccountInputError extends Error {
  constructor(
    message: string,
    readonly problem: AccountProblem,
  ) {
    super(message);
  }
}

/** Which password rule is broken, or undefined. */
export function passwordRule(password: string, login: string): AccountProblem | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password-length';
  if (password.toLowerCase().includes(login.toLowerCase())) return 'password-contains-login';
  return undefined;
}

/** Why a password is not accepted, or undefined. */
export function passwordProblem(password: string, login: string): string | undefined {
  const rule = passwordRule(password, login);
  if (rule === 'password-length') return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (rule === 'password-contains-login') return 'must not contain the login';
  return undefined;
}

export const LOGIN_PATTERN = /^[a-z][a-z0-9._-]{1,39}$/;

/** The secretariat's accounts: what the CLI (add-user) and the dashboard (login, staff sessions) need. */
export interface AccountStore {
  list(): Promise<Account[]>;
  /**
   * Creates the account, or sets a new password (and name) for an existing one. `roles` replaces its
   * roles when given; a new account without them is a clerk, an existing one keeps its own.
   */
  set(login: string, name: string, password: string, roles?: StaffRole[]): Promise<'created' | 'updated'>;
  find(login: string): Promise<Account | undefined>;
  /** Removes the account; false if there was none. */
  remove(login: string): Promise<boolean>;
  /** The account when the password is right; undefined otherwise. */
  verify(login: string, password: string): Promise<Account | undefined>;
}

/** Accounts in one JSON file under the data folder (owner-only). */
export class FileAccountStore implements AccountStore {
  private readonly file: string;
  /** Hash of a random password: an unknown login is checked against it, taking the same time. */
  private decoy?: Promise<string>;

  constructor(
    dataDir: string,
    private readonly params: ScryptParams = DEFAULT_SCRYPT,
  ) {
    this.file = path.join(dataDir, 'secretariat', 'accounts.json');
  }

  async list(): Promise<Account[]> {
    return this.read();
  }

  private read(): Account[] {
    try {
      const stored = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Array<
        Omit<Account, 'roles'> & { roles?: unknown }
      >;
      return stored.map((a) => ({ ...a, roles: rolesOf(a.roles) }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`${this.file}: cannot read the accounts (${(err as Error).message})`, { cause: err });
    }
  }

  /** Creates the account, or sets a new password (and name, and roles when given) for an existing one. */
  async set(login: string, name: string, password: string, roles?: StaffRole[]): Promise<'created' | 'updated'> {
    if (!LOGIN_PATTERN.test(login)) {
      throw new AccountInputError(
        `login "${login}": 2–40 characters, lower-case letters, digits, ".", "_" or "-", a letter first`,
        'login',
      );
    }
    if (!name.trim()) throw new AccountInputError('the account needs a name (--name "Nguyễn Văn A")', 'name');
    const rule = passwordRule(password, login);
    if (rule) throw new AccountInputError(`password: ${passwordProblem(password, login)}`, rule);
    const passwordHash = await hashPassword(password, this.params);
    const accounts = this.read();
    const at = new Date().toISOString();
    const existing = accounts.find((a) => a.login === login);
    // In STAFF_ROLES order, each once: the file reads the same whatever order they were given in.
    const given = roles && roles.length > 0 ? STAFF_ROLES.filter((r) => roles.includes(r)) : undefined;
    if (existing)
      Object.assign(existing, { name: name.trim(), passwordHash, updatedAt: at, roles: given ?? existing.roles });
    else
      accounts.push({
        login,
        name: name.trim(),
        roles: given ?? [...DEFAULT_ROLES],
        passwordHash,
        createdAt: at,
        updatedAt: at,
      });
    this.write(accounts);
    return existing ? 'updated' : 'created';
  }

  /** The account of a login as it is now, or undefined. */
  async find(login: string): Promise<Account | undefined> {
    return this.read().find((a) => a.login === login);
  }

  /** Removes the account (its open sessions end at their next request); false if there was none. */
  async remove(login: string): Promise<boolean> {
    const accounts = this.read();
    const kept = accounts.filter((a) => a.login !== login);
    if (kept.length === accounts.length) return false;
    this.write(kept);
    return true;
  }

  private write(accounts: Account[]): void {
    // Owner only, from the first byte: the file holds password hashes.
    writeFileAtomic(this.file, JSON.stringify(accounts, null, 2) + '\n', 0o600);
  }

  /** The account when the password is right; undefined otherwise (unknown login or wrong password). */
  async verify(login: string, password: string): Promise<Account | undefined> {
    const account = this.read().find((a) => a.login === login);
    this.decoy ??= hashPassword(crypto.randomBytes(16).toString('hex'), this.params);
    const ok = await verifyPassword(password, account?.passwordHash ?? (await this.decoy));
    return ok && account ? account : undefined;
  }
}

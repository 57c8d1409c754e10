/**
 * Each unit's personal submission link: a random token (never derived from ids), kept server side,
 * revocable. The portal resolves a token through {@link UnitLinks.resolve}; tokens are looked up by
 * their hash. The unit records hold the live token (messages carry it), so every file and folder here
 * is the owner's only (0600/0700). Links end with their campaign: the
 * portal refuses a link once the campaign's workflow has closed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, writeFileAtomic } from './atomic';

interface LinkRecord {
  campaignId: string;
  unitId: string;
  token: string;
  createdAt: string;
  revokedAt?: string;
  /** Earlier links of the unit, by the hash of their token (the tokens themselves are not kept). */
  previous?: Array<{ tokenSha256: string; createdAt: string; revokedAt: string; reason: string }>;
}

export interface LinkInfo {
  campaignId: string;
  unitId: string;
  url?: string;
  createdAt?: string;
  revokedAt?: string;
  previous: number;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The units' portal links: created on first use, resolved by token, revoked and reissued by staff. */
export interface UnitLinks {
  /** The unit's link, creating its token on first use; a revoked link is replaced by a new one. */
  linkFor(campaignId: string, unitId: string): Promise<string>;
  /** Revokes the unit's link; false when it had no working link. */
  revoke(campaignId: string, unitId: string): Promise<boolean>;
  /** Revokes the unit's link and returns a new one. */
  reissue(campaignId: string, unitId: string): Promise<string>;
  info(campaignId: string, unitId: string): Promise<LinkInfo>;
  /** The unit a token opens, or undefined (unknown or revoked). */
  resolve(token: string): Promise<{ campaignId: string; unitId: string } | undefined>;
}

/** Links as files under a folder: one per unit, and a token index by the token's hash. */
export class FileUnitLinks implements UnitLinks {
  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
  ) {
    ensurePrivateDir(dir);
    fs.chmodSync(dir, 0o700); // a folder made by an older version was world-readable
  }

  /**
   * The unit's link, creating its token on first use (idempotent across retries and workers). A
   * revoked link is replaced by a new one: a message never carries a link that does not open.
   */
  async linkFor(campaignId: string, unitId: string): Promise<string> {
    const file = this.unitFile(campaignId, unitId);
    const existing = this.read(campaignId, unitId);
    if (!existing) {
      const record = this.newRecord(campaignId, unitId);
      // Link the token index first, then claim the unit file without overwriting a concurrent winner.
      writeFileAtomic(this.tokenFile(record.token), JSON.stringify({ campaignId, unitId }));
      try {
        ensurePrivateDir(path.dirname(file));
        fs.writeFileSync(file, JSON.stringify(record), { flag: 'wx', mode: 0o600 });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        fs.rmSync(this.tokenFile(record.token), { force: true });
      }
    } else if (existing.revokedAt) {
      this.replace(existing, existing.revokedAt, 'revoked');
    }
    return `${this.baseUrl}/u/${this.read(campaignId, unitId)!.token}`;
  }

  /** Stops the unit's link at once (open sessions end at their next request); false if it had none. */
  async revoke(campaignId: string, unitId: string): Promise<boolean> {
    const record = this.read(campaignId, unitId);
    if (!record || record.revokedAt) return false;
    fs.rmSync(this.tokenFile(record.token), { force: true });
    writeFileAtomic(
      this.unitFile(campaignId, unitId),
      JSON.stringify({ ...record, revokedAt: new Date().toISOString() }),
    );
    return true;
  }

  /** Revokes the unit's link and issues a new one; returns the new link. */
  async reissue(campaignId: string, unitId: string): Promise<string> {
    const record = this.read(campaignId, unitId);
    const next = record
      ? this.replace(record, record.revokedAt ?? new Date().toISOString(), 'reissued')
      : this.create(campaignId, unitId);
    return `${this.baseUrl}/u/${next.token}`;
  }

  /** What is known of the unit's link, without creating one. */
  async info(campaignId: string, unitId: string): Promise<LinkInfo> {
    const record = this.read(campaignId, unitId);
    return {
      campaignId,
      unitId,
      url: record && !record.revokedAt ? `${this.baseUrl}/u/${record.token}` : undefined,
      createdAt: record?.createdAt,
      revokedAt: record?.revokedAt,
      previous: record?.previous?.length ?? 0,
    };
  }

  /** The unit a token opens, or undefined for an unknown or revoked token. */
  async resolve(token: string): Promise<{ campaignId: string; unitId: string } | undefined> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
    const indexFile = this.tokenFile(token);
    if (!fs.existsSync(indexFile)) return undefined;
    const { campaignId, unitId } = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as {
      campaignId: string;
      unitId: string;
    };
    const record = this.read(campaignId, unitId);
    if (!record || record.revokedAt) return undefined;
    const a = Buffer.from(record.token);
    const b = Buffer.from(token);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return undefined;
    return { campaignId, unitId };
  }

  private newRecord(campaignId: string, unitId: string): LinkRecord {
    return {
      campaignId,
      unitId,
      token: crypto.randomBytes(24).toString('base64url'),
      createdAt: new Date().toISOString(),
    };
  }

  private create(campaignId: string, unitId: string): LinkRecord {
    const record = this.newRecord(campaignId, unitId);
    writeFileAtomic(this.tokenFile(record.token), JSON.stringify({ campaignId, unitId }));
    writeFileAtomic(this.unitFile(campaignId, unitId), JSON.stringify(record));
    return record;
  }

  /** A new token for the unit; the old one no longer resolves. */
  private replace(old: LinkRecord, revokedAt: string, reason: string): LinkRecord {
    const fresh = this.newRecord(old.campaignId, old.unitId);
    writeFileAtomic(this.tokenFile(fresh.token), JSON.stringify({ campaignId: old.campaignId, unitId: old.unitId }));
    const record: LinkRecord = {
      ...fresh,
      previous: [
        ...(old.previous ?? []),
        { tokenSha256: sha256(old.token), createdAt: old.createdAt, revokedAt, reason },
      ],
    };
    writeFileAtomic(this.unitFile(old.campaignId, old.unitId), JSON.stringify(record));
    fs.rmSync(this.tokenFile(old.token), { force: true });
    return record;
  }

  private read(campaignId: string, unitId: string): LinkRecord | undefined {
    try {
      return JSON.parse(fs.readFileSync(this.unitFile(campaignId, unitId), 'utf8')) as LinkRecord;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  private unitFile(campaignId: string, unitId: string): string {
    const safe = (s: string) => s.replace(/[^a-z0-9-]/gi, '_');
    return path.join(this.dir, 'units', safe(campaignId), `${safe(unitId)}.json`);
  }

  private tokenFile(token: string): string {
    return path.join(this.dir, 'tokens', `${sha256(token)}.json`);
  }
}

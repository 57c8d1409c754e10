/**
 * Each unit's personal submission link: a random token (never derived from ids), kept server side,
 * revocable. The portal resolves a token through {@link UnitLinks.resolve}; tokens are looked up by
 * their hash, so a leaked index file does not leak working links.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic';

interface LinkRecord {
  campaignId: string;
  unitId: string;
  token: string;
  createdAt: string;
  revokedAt?: string;
}

export class UnitLinks {
  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
  ) {}

  /** The unit's link, creating its token on first use (idempotent across retries and workers). */
  async linkFor(campaignId: string, unitId: string): Promise<string> {
    const file = this.unitFile(campaignId, unitId);
    if (!fs.existsSync(file)) {
      const record: LinkRecord = {
        campaignId,
        unitId,
        token: crypto.randomBytes(24).toString('base64url'),
        createdAt: new Date().toISOString(),
      };
      // Link the token index first, then claim the unit file without overwriting a concurrent winner.
      writeFileAtomic(this.tokenFile(record.token), JSON.stringify({ campaignId, unitId }));
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(record), { flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        fs.rmSync(this.tokenFile(record.token), { force: true });
      }
    }
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as LinkRecord;
    return `${this.baseUrl}/u/${record.token}`;
  }

  /** The unit a token opens, or undefined for an unknown or revoked token. */
  resolve(token: string): { campaignId: string; unitId: string } | undefined {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return undefined;
    const indexFile = this.tokenFile(token);
    if (!fs.existsSync(indexFile)) return undefined;
    const { campaignId, unitId } = JSON.parse(fs.readFileSync(indexFile, 'utf8')) as {
      campaignId: string;
      unitId: string;
    };
    const record = JSON.parse(fs.readFileSync(this.unitFile(campaignId, unitId), 'utf8')) as LinkRecord;
    const a = Buffer.from(record.token);
    const b = Buffer.from(token);
    if (record.revokedAt || a.length !== b.length || !crypto.timingSafeEqual(a, b)) return undefined;
    return { campaignId, unitId };
  }

  private unitFile(campaignId: string, unitId: string): string {
    const safe = (s: string) => s.replace(/[^a-z0-9-]/gi, '_');
    return path.join(this.dir, 'units', safe(campaignId), `${safe(unitId)}.json`);
  }

  private tokenFile(token: string): string {
    return path.join(this.dir, 'tokens', `${crypto.createHash('sha256').update(token).digest('hex')}.json`);
  }
}

/**
 * The award decisions' numbers already issued, beside the report store: a number the registry gives
 * once a year ("125/QĐ-UBND" of 2026) may not serve two campaigns' decisions. Each number is one
 * small file, claimed with a hard link (which fails when the name exists): two clerks issuing the
 * same number at once, from the dashboard and the CLI, cannot both get it. A cluster shares the
 * folder on a common volume or replaces it behind the same methods.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir } from './atomic';

export interface DecisionNumberRecord {
  number: string;
  date: string;
  campaignId: string;
  at: string;
}

export interface DecisionNumbers {
  /** The record of the same number in the same year, if any. */
  find(number: string, date: string): Promise<DecisionNumberRecord | undefined>;
  /**
   * Claims the number for the campaign, atomically: `held` is the record that holds it now (another
   * campaign's, or this one's); `created` when this call made it.
   */
  claim(entry: Omit<DecisionNumberRecord, 'at'>): Promise<{ held: DecisionNumberRecord; created: boolean }>;
  /** Gives back a claim this campaign made (its decision was refused): the number is free again. */
  release(entry: Omit<DecisionNumberRecord, 'at'>): Promise<void>;
}

/** Numbers compare without case, spacing or Unicode form differences ("125/QĐ-UBND" = "125 / qđ-ubnd"). */
const keyOf = (number: string, date: string) =>
  `${date.slice(0, 4)}|${number.normalize('NFC').toUpperCase().replace(/\s+/g, '')}`;

export class FileDecisionNumbers implements DecisionNumbers {
  private readonly dir: string;
  /** Where the numbers were kept before they were claimed one file each: still read. */
  private readonly legacyFile: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'decision-numbers');
    this.legacyFile = path.join(dataDir, 'decision-numbers.json');
  }

  private fileOf(number: string, date: string): string {
    const key = keyOf(number, date);
    return path.join(
      this.dir,
      `${key.slice(0, 4)}-${crypto.createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`,
    );
  }

  private readFile(file: string): DecisionNumberRecord | undefined {
    try {
      return JSON.parse(fs.readFileSync(file, 'utf8')) as DecisionNumberRecord;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }

  async find(number: string, date: string): Promise<DecisionNumberRecord | undefined> {
    const legacy = fs.existsSync(this.legacyFile)
      ? (JSON.parse(fs.readFileSync(this.legacyFile, 'utf8')) as Record<string, DecisionNumberRecord>)
      : {};
    return this.readFile(this.fileOf(number, date)) ?? legacy[keyOf(number, date)];
  }

  async claim(entry: Omit<DecisionNumberRecord, 'at'>) {
    const legacy = await this.find(entry.number, entry.date);
    if (legacy) return { held: legacy, created: false };
    ensurePrivateDir(this.dir);
    const file = this.fileOf(entry.number, entry.date);
    const record: DecisionNumberRecord = { ...entry, at: new Date().toISOString() };
    // Written whole under a temporary name, then linked: the final name appears complete, or not at all.
    const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(record, null, 1), { mode: 0o600 });
    try {
      fs.linkSync(tmp, file);
      return { held: record, created: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return { held: this.readFile(file)!, created: false };
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }

  async release(entry: Omit<DecisionNumberRecord, 'at'>): Promise<void> {
    const file = this.fileOf(entry.number, entry.date);
    if (this.readFile(file)?.campaignId === entry.campaignId) fs.rmSync(file, { force: true });
  }
}

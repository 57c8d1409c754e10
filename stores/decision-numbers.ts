/**
 * The award decisions' numbers already issued, beside the report store: a number the registry gives
 * once a year ("125/QĐ-UBND" of 2026) may not serve two campaigns' decisions. One small JSON file,
 * written atomically; a cluster shares it on a common volume or replaces it behind the same methods.
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic';

export interface DecisionNumberRecord {
  number: string;
  date: string;
  campaignId: string;
  at: string;
}

export interface DecisionNumbers {
  /** The record of the same number in the same year, if any. */
  find(number: string, date: string): Promise<DecisionNumberRecord | undefined>;
  record(entry: Omit<DecisionNumberRecord, 'at'>): Promise<void>;
}

/** Numbers compare without case, spacing or Unicode form differences ("125/QĐ-UBND" = "125 / qđ-ubnd"). */
const keyOf = (number: string, date: string) =>
  `${date.slice(0, 4)}|${number.normalize('NFC').toUpperCase().replace(/\s+/g, '')}`;

export class FileDecisionNumbers implements DecisionNumbers {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'decision-numbers.json');
  }

  private read(): Record<string, DecisionNumberRecord> {
    return fs.existsSync(this.file)
      ? (JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, DecisionNumberRecord>)
      : {};
  }

  async find(number: string, date: string): Promise<DecisionNumberRecord | undefined> {
    return this.read()[keyOf(number, date)];
  }

  async record(entry: Omit<DecisionNumberRecord, 'at'>): Promise<void> {
    const all = this.read();
    all[keyOf(entry.number, entry.date)] = { ...entry, at: new Date().toISOString() };
    writeFileAtomic(this.file, JSON.stringify(all, null, 1));
  }
}

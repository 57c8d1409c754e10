/**
 * The report store: unit submissions, addressed by content hash. Workflows keep only references
 * (name, size, sha256); every read verifies the hash; locking makes a unit's files read-only and
 * records who locked what and when. {@link ReportStore} is the seam a deployment replaces (object
 * storage, a document management system); {@link FileReportStore} is the embedded default.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileRef } from '../../domain/workflow-types';
import { writeFileAtomic } from './atomic';

export interface LockRecord {
  campaignId: string;
  unitId: string;
  phase: string;
  files: string[];
  lockedBy: string;
  lockedAt: string;
}

export interface ReportStore {
  /** Stores bytes (idempotent: same bytes, same reference). */
  put(name: string, contentType: string, bytes: Buffer): Promise<FileRef>;
  /** Reads bytes back, verifying the sha256. */
  get(sha256: string): Promise<Buffer>;
  lock(record: LockRecord): Promise<void>;
  lockOf(campaignId: string, unitId: string, phase: string): Promise<LockRecord | undefined>;
}

export class FileReportStore implements ReportStore {
  constructor(private readonly dir: string) {}

  async put(name: string, contentType: string, bytes: Buffer): Promise<FileRef> {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const file = this.blob(sha256);
    if (!fs.existsSync(file)) {
      writeFileAtomic(file, bytes);
      fs.chmodSync(file, 0o444);
    }
    return { name: path.basename(name), size: bytes.length, sha256, contentType };
  }

  async get(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`invalid sha256 ${JSON.stringify(sha256)}`);
    const bytes = fs.readFileSync(this.blob(sha256));
    const actual = crypto.createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`report ${sha256} is corrupt in the store (reads as ${actual})`);
    return bytes;
  }

  async lock(record: LockRecord): Promise<void> {
    const file = this.lockFile(record.campaignId, record.unitId, record.phase);
    if (fs.existsSync(file)) return; // idempotent: the first lock is the record
    for (const sha of record.files) fs.chmodSync(this.blob(sha), 0o444);
    writeFileAtomic(file, JSON.stringify(record, null, 2));
  }

  async lockOf(campaignId: string, unitId: string, phase: string): Promise<LockRecord | undefined> {
    const file = this.lockFile(campaignId, unitId, phase);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as LockRecord) : undefined;
  }

  private blob(sha256: string): string {
    return path.join(this.dir, 'blobs', sha256.slice(0, 2), sha256);
  }

  private lockFile(campaignId: string, unitId: string, phase: string): string {
    const safe = (s: string) => s.replace(/[^a-z0-9-]/gi, '_');
    return path.join(this.dir, 'locks', safe(campaignId), `${safe(unitId)}.${safe(phase)}.json`);
  }
}

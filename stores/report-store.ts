/**
 * The report store: unit submissions and plan documents, addressed by content hash. Workflows keep
 * only references (name, size, sha256); every read verifies the hash; locking makes a unit's files
 * read-only and records who locked what and when. {@link ReportStore} is the seam a deployment
 * replaces (object storage, a document management system); {@link FileReportStore} is the embedded
 * default: blobs in files under the data folder, an index in SQLite beside them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FileRef } from '../domain/workflow-types';
import { ensurePrivateDir, writeFileAtomic } from './atomic';

export interface LockRecord {
  campaignId: string;
  unitId: string;
  phase: string;
  /** sha256 of every file the unit had submitted when its phase locked. */
  files: string[];
  lockedBy: string;
  lockedAt: string;
}

/** Whose upload a file is: the store refuses uploads for a unit whose phase is locked. */
export interface UploadOwner {
  campaignId: string;
  unitId: string;
  phase: string;
  uploadedBy: string;
}

export interface UploadRecord extends FileRef {
  campaignId: string;
  unitId: string;
  phase: string;
  uploadedBy: string;
  uploadedAt: string;
}

export class ReportLockedError extends Error {
  constructor(public readonly lock: LockRecord) {
    super(
      `the reports of unit ${lock.unitId} (campaign ${lock.campaignId}, phase ${lock.phase}) are read-only since ` +
        `${lock.lockedAt} (locked by ${lock.lockedBy})`,
    );
    this.name = 'ReportLockedError';
  }
}

/** A file already written to the store's staging folder, with its hash and size computed on the way. */
export interface StagedFile {
  path: string;
  sha256: string;
  size: number;
}

export interface ReportStore {
  /**
   * Stores bytes, or a staged file (moved in, not copied), idempotently: same bytes, same reference.
   * With an owner, indexes the upload.
   */
  put(name: string, contentType: string, bytes: Buffer | StagedFile, owner?: UploadOwner): Promise<FileRef>;
  /** Where uploads are staged before {@link put}: private, on the store's own volume. */
  readonly stagingDir: string;
  /** Bytes of the distinct files uploaded for a unit of a campaign (its storage, for the quota). */
  bytesOf(campaignId: string, unitId: string): Promise<number>;
  /** Reads bytes back, verifying the sha256. */
  get(sha256: string): Promise<Buffer>;
  lock(record: LockRecord): Promise<void>;
  lockOf(campaignId: string, unitId: string, phase: string): Promise<LockRecord | undefined>;
  uploadsOf(campaignId: string, unitId: string): Promise<UploadRecord[]>;
  /**
   * Forgets an upload no workflow recorded (its update was refused): it leaves the unit's list and
   * quota. The bytes go too when this upload brought them and nothing else (another upload, a plan
   * document) refers to them: a refused upload leaves no file behind.
   */
  removeUpload(owner: Omit<UploadOwner, 'uploadedBy'>, file: Pick<FileRef, 'sha256' | 'name'>): Promise<void>;
  close(): void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, stored_at TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS uploads (
    campaign_id TEXT NOT NULL, unit_id TEXT NOT NULL, phase TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES blobs,
    name TEXT NOT NULL, content_type TEXT NOT NULL, uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL,
    PRIMARY KEY (campaign_id, unit_id, phase, sha256, name));
  CREATE TABLE IF NOT EXISTS locks (
    campaign_id TEXT NOT NULL, unit_id TEXT NOT NULL, phase TEXT NOT NULL, files TEXT NOT NULL,
    locked_by TEXT NOT NULL, locked_at TEXT NOT NULL, PRIMARY KEY (campaign_id, unit_id, phase));
`;

interface LockRow {
  campaign_id: string;
  unit_id: string;
  phase: string;
  files: string;
  locked_by: string;
  locked_at: string;
}

export class FileReportStore implements ReportStore {
  private readonly db: Database.Database;
  readonly stagingDir: string;

  constructor(private readonly dir: string) {
    // Reports are the units' own: readable by the owner (the thidua user) only.
    ensurePrivateDir(dir);
    fs.chmodSync(dir, 0o700);
    this.db = new Database(path.join(dir, 'index.sqlite'));
    fs.chmodSync(path.join(dir, 'index.sqlite'), 0o600);
    this.stagingDir = path.join(dir, 'staging');
    // WAL + a busy timeout: the worker and CLI processes share the index.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    // Blobs stored without an owner (plan documents) are pinned: a refused upload never removes them.
    // Older stores lack the column: their blobs with no upload are documents (or kept as if they were).
    const columns = this.db.prepare('PRAGMA table_info(blobs)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'pinned')) {
      this.db.exec(`ALTER TABLE blobs ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;
        UPDATE blobs SET pinned = 1 WHERE sha256 NOT IN (SELECT sha256 FROM uploads);`);
    }
  }

  async put(name: string, contentType: string, bytes: Buffer | StagedFile, owner?: UploadOwner): Promise<FileRef> {
    if (owner) {
      const lock = await this.lockOf(owner.campaignId, owner.unitId, owner.phase);
      if (lock) throw new ReportLockedError(lock);
    }
    const staged = Buffer.isBuffer(bytes) ? undefined : bytes;
    const sha256 = staged
      ? staged.sha256
      : crypto
          .createHash('sha256')
          .update(bytes as Buffer)
          .digest('hex');
    const size = staged ? staged.size : (bytes as Buffer).length;
    const file = this.blob(sha256);
    if (!fs.existsSync(file)) {
      if (staged) {
        ensurePrivateDir(path.dirname(file));
        fs.chmodSync(staged.path, 0o400);
        fs.renameSync(staged.path, file);
      } else writeFileAtomic(file, bytes as Buffer, 0o400);
    } else if (staged) fs.rmSync(staged.path, { force: true });
    const ref: FileRef = { name: path.basename(name), size, sha256, contentType };
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO blobs (sha256, size, stored_at) VALUES (?, ?, ?)').run(sha256, size, now);
      if (!owner) this.db.prepare('UPDATE blobs SET pinned = 1 WHERE sha256 = ?').run(sha256);
      if (owner) {
        this.db
          .prepare(
            `INSERT OR IGNORE INTO uploads (campaign_id, unit_id, phase, sha256, name, content_type, uploaded_by, uploaded_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(owner.campaignId, owner.unitId, owner.phase, sha256, ref.name, contentType, owner.uploadedBy, now);
      }
    })();
    return ref;
  }

  async get(sha256: string): Promise<Buffer> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`invalid sha256 ${JSON.stringify(sha256)}`);
    const bytes = fs.readFileSync(this.blob(sha256));
    const actual = crypto.createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new Error(`report ${sha256} is corrupt in the store (reads as ${actual})`);
    return bytes;
  }

  async lock(record: LockRecord): Promise<void> {
    for (const sha of record.files) {
      if (fs.existsSync(this.blob(sha))) fs.chmodSync(this.blob(sha), 0o400);
    }
    // Idempotent: the first lock is the record; a retried activity changes nothing.
    this.db
      .prepare(
        `INSERT OR IGNORE INTO locks (campaign_id, unit_id, phase, files, locked_by, locked_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.campaignId,
        record.unitId,
        record.phase,
        JSON.stringify(record.files),
        record.lockedBy,
        record.lockedAt,
      );
  }

  async lockOf(campaignId: string, unitId: string, phase: string): Promise<LockRecord | undefined> {
    const row = this.db
      .prepare('SELECT * FROM locks WHERE campaign_id = ? AND unit_id = ? AND phase = ?')
      .get(campaignId, unitId, phase) as LockRow | undefined;
    return (
      row && {
        campaignId: row.campaign_id,
        unitId: row.unit_id,
        phase: row.phase,
        files: JSON.parse(row.files) as string[],
        lockedBy: row.locked_by,
        lockedAt: row.locked_at,
      }
    );
  }

  async uploadsOf(campaignId: string, unitId: string): Promise<UploadRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT u.*, b.size FROM uploads u JOIN blobs b USING (sha256)
         WHERE campaign_id = ? AND unit_id = ? ORDER BY uploaded_at, name`,
      )
      .all(campaignId, unitId) as Array<{
      campaign_id: string;
      unit_id: string;
      phase: string;
      sha256: string;
      name: string;
      content_type: string;
      uploaded_by: string;
      uploaded_at: string;
      size: number;
    }>;
    return rows.map((r) => ({
      campaignId: r.campaign_id,
      unitId: r.unit_id,
      phase: r.phase,
      name: r.name,
      size: r.size,
      sha256: r.sha256,
      contentType: r.content_type,
      uploadedBy: r.uploaded_by,
      uploadedAt: r.uploaded_at,
    }));
  }

  async removeUpload(owner: Omit<UploadOwner, 'uploadedBy'>, file: Pick<FileRef, 'sha256' | 'name'>): Promise<void> {
    const orphan = this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM uploads WHERE campaign_id = ? AND unit_id = ? AND phase = ? AND sha256 = ? AND name = ?')
        .run(owner.campaignId, owner.unitId, owner.phase, file.sha256, file.name);
      // The bytes go too when nothing else refers to them: no other upload, and not a plan document.
      const removed = this.db
        .prepare(
          'DELETE FROM blobs WHERE sha256 = ? AND pinned = 0 AND NOT EXISTS (SELECT 1 FROM uploads WHERE sha256 = ?)',
        )
        .run(file.sha256, file.sha256);
      return removed.changes > 0;
    })();
    if (orphan) fs.rmSync(this.blob(file.sha256), { force: true });
  }

  async bytesOf(campaignId: string, unitId: string): Promise<number> {
    const row = this.db
      .prepare(
        `SELECT COALESCE(SUM(size), 0) AS total FROM blobs WHERE sha256 IN
           (SELECT sha256 FROM uploads WHERE campaign_id = ? AND unit_id = ?)`,
      )
      .get(campaignId, unitId) as { total: number };
    return row.total;
  }

  close(): void {
    this.db.close();
  }

  private blob(sha256: string): string {
    return path.join(this.dir, 'blobs', sha256.slice(0, 2), sha256);
  }
}

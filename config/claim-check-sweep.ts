/**
 * The claim check's sweep (`thidua payloads sweep`): the blobs of `<dataDir>/payloads` that no history
 * or schedule of the namespace refers to any more (Temporal deleted those histories after the
 * namespace's retention) are deleted, once older than a grace period. The mark comes first and
 * whole: a sweep that could not read everything deletes nothing.
 *
 * The grace keeps what the mark cannot see yet: a payload encoded by a client whose workflow event is
 * not recorded yet, a workflow started just now and not yet in the visibility listing, a write under
 * way. The codec renews a blob's modification time when it refers to it again (`claim-check.ts`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { BLOB_NAME, TEMP_NAME } from './claim-check';
import { markReferences, type MarkService } from './claim-check-mark';

export { DEFAULT_MARK_CONCURRENCY, MAX_MARK_CONCURRENCY, MarkError, type MarkFailure } from './claim-check-mark';

export const DEFAULT_GRACE_MS = 24 * 3600_000;

export interface SweepOptions {
  service: MarkService;
  /** The namespaces whose histories may refer to the folder: the configured one, or every one sharing the data folder. */
  namespaces: string[];
  /** The blobs' folder, `<dataDir>/payloads`. */
  dir: string;
  graceMs: number;
  /** Lists what would go, deletes nothing. */
  dryRun: boolean;
  /** Histories read at once by the mark (`--concurrency`); {@link DEFAULT_MARK_CONCURRENCY} by default. */
  concurrency?: number;
  now?: Date;
}

export interface SweptFile {
  /** Relative to the folder: `ab/ab12…`. */
  file: string;
  bytes: number;
  /** A blob no one refers to, or a temporary file of a write that did not finish. */
  kind: 'blob' | 'temp';
}

export interface Tally {
  files: number;
  bytes: number;
}

export interface SweepReport {
  namespaces: string[];
  executions: number;
  schedules: number;
  dryRun: boolean;
  graceMs: number;
  /** Deleted (or, in a dry run, to be deleted). */
  removed: SweptFile[];
  keptReferenced: Tally;
  /** Not referred to but younger than the grace, or touched again while being swept. */
  keptYoung: Tally;
  /** Files that are not the codec's (other names): never touched. */
  keptOther: Tally;
  /** Referred to by a history but not in the folder: that history's values cannot be read back. */
  missing: string[];
  /** Files that could not be deleted, with the reason. */
  failed: Array<{ file: string; why: string }>;
}

interface Found {
  file: string;
  abs: string;
  name: string;
  bytes: number;
  mtimeMs: number;
}

export async function sweepPayloads(opts: SweepOptions): Promise<SweepReport> {
  const now = (opts.now ?? new Date()).getTime();
  const cutoff = now - opts.graceMs;
  // Mark first, whole; a MarkError leaves before anything below runs.
  const marked = await markReferences(opts.service, opts.namespaces, opts.concurrency);
  const found = await scan(opts.dir);
  const report: SweepReport = {
    namespaces: opts.namespaces,
    executions: marked.executions,
    schedules: marked.schedules,
    dryRun: opts.dryRun,
    graceMs: opts.graceMs,
    removed: [],
    keptReferenced: { files: 0, bytes: 0 },
    keptYoung: { files: 0, bytes: 0 },
    keptOther: { files: 0, bytes: 0 },
    missing: [],
    failed: [],
  };
  const add = (t: Tally, f: Found) => {
    t.files++;
    t.bytes += f.bytes;
  };
  const present = new Set<string>();
  for (const f of found) {
    const kind = BLOB_NAME.test(f.name) ? 'blob' : TEMP_NAME.test(f.name) ? 'temp' : undefined;
    if (!kind) add(report.keptOther, f);
    else if (kind === 'blob' && marked.referenced.has(f.name)) add(report.keptReferenced, f);
    else if (f.mtimeMs > cutoff) add(report.keptYoung, f);
    else if (opts.dryRun) report.removed.push({ file: f.file, bytes: f.bytes, kind });
    else {
      try {
        if (await remove(f, kind, cutoff)) report.removed.push({ file: f.file, bytes: f.bytes, kind });
        else add(report.keptYoung, f);
      } catch (err) {
        report.failed.push({ file: f.file, why: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
      }
    }
    if (kind === 'blob') present.add(f.name);
  }
  report.missing = [...marked.referenced].filter((sha) => !present.has(sha)).sort();
  return report;
}

/** Every file under the folder's shards (`<2 hex>/…`), with its size and modification time. */
async function scan(dir: string): Promise<Found[]> {
  const shards = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return []; // nothing was ever stored
    throw err;
  });
  const found: Found[] = [];
  for (const shard of shards) {
    if (!shard.isDirectory()) continue;
    for (const name of await fs.readdir(path.join(dir, shard.name))) {
      const abs = path.join(dir, shard.name, name);
      const st = await fs.lstat(abs).catch(() => undefined); // gone meanwhile: a write's temporary file renamed
      if (st?.isFile()) found.push({ file: `${shard.name}/${name}`, abs, name, bytes: st.size, mtimeMs: st.mtimeMs });
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * Deletes a file found old and unreferenced; false when it turned young meanwhile. A blob is first
 * renamed aside and its time read again: an encode that refers to it again renews its time before
 * the rename (then it is put back) or finds it gone after (then writes it anew), so a reference
 * written while the sweep runs never points at a deleted blob.
 */
export async function remove(f: Pick<Found, 'abs'>, kind: 'blob' | 'temp', cutoff: number): Promise<boolean> {
  if (kind === 'temp') {
    await fs.rm(f.abs, { force: true });
    return true;
  }
  // Named as a temporary file: one left by a sweep that stopped here is deleted by the next.
  const aside = `${f.abs}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.rename(f.abs, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true; // deleted by a sweep at the same time
    throw err;
  }
  if ((await fs.lstat(aside)).mtimeMs > cutoff) {
    await fs.rename(aside, f.abs); // referred to again just now (an identical copy written meanwhile is the same bytes)
    return false;
  }
  await fs.rm(aside, { force: true });
  return true;
}

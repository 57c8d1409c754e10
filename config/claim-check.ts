/**
 * The claim check (issue 17): a `PayloadCodec` that moves every payload above a size threshold out of
 * Temporal into a content-addressed blob under `<dataDir>/payloads/`, leaving a small reference in the
 * history, so that a conference's round of messages or the awards' view is no longer bounded by
 * Temporal's payload limits. Codecs run outside the workflow sandbox: workflow code sees the value.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** The `encoding` metadata of a reference; its data is {@link ClaimCheckRef} as JSON. */
export const CLAIM_CHECK_ENCODING = 'binary/claim-check';

/** What a reference holds: the SHA-256 and the size of the serialized `Payload` proto stored. */
export interface ClaimCheckRef {
  sha256: string;
  size: number;
}

export interface ClaimCheckOptions {
  /** The blobs' folder, `<dataDir>/payloads`. */
  dir: string;
  /** Payloads whose serialized size is above this go to the folder; 0 stores none (references are still read). */
  thresholdBytes: number;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();
const ProtoPayload = temporal.api.common.v1.Payload;

/** The folder of the blobs in a data folder. */
export const payloadsDir = (dataDir: string): string => path.join(dataDir, 'payloads');

/** Where a blob lives: sharded by its first two hex digits, so that no folder holds millions of files. */
export const blobPath = (dir: string, sha256: string): string => path.join(dir, sha256.slice(0, 2), sha256);

/** A blob's name: its SHA-256. */
export const BLOB_NAME = /^[0-9a-f]{64}$/;
/** A write under way or abandoned by a crash: `<sha256>.<pid>.<random>.tmp` beside the blob (see the sweep). */
export const TEMP_NAME = /^[0-9a-f]{64}\.\d+\.[0-9a-f]+\.tmp$/;

/** A reference or a blob the codec cannot read back: named for the operator, in Vietnamese. */
export class ClaimCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimCheckError';
  }
}

export class ClaimCheckCodec implements PayloadCodec {
  constructor(private readonly opts: ClaimCheckOptions) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.encodeOne(p)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((p) => this.decodeOne(p)));
  }

  private async encodeOne(payload: Payload): Promise<Payload> {
    if (this.opts.thresholdBytes <= 0) return payload;
    // The whole proto, metadata included: the decoded payload is the original, encoding and all.
    const bytes = ProtoPayload.encode(payload).finish();
    if (bytes.length <= this.opts.thresholdBytes) return payload;
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const file = blobPath(this.opts.dir, sha256);
    // Content-addressed: the same payload again (a retried activity, a replayed query) is the same
    // file, written once; one of another size (a damaged copy) is replaced.
    if (!(await reuse(file, bytes.length))) await writeBlob(file, bytes);
    const ref: ClaimCheckRef = { sha256, size: bytes.length };
    return { metadata: { encoding: utf8.encode(CLAIM_CHECK_ENCODING) }, data: utf8.encode(JSON.stringify(ref)) };
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    const encoding = payload.metadata?.encoding;
    if (!encoding || fromUtf8.decode(encoding) !== CLAIM_CHECK_ENCODING) return payload;
    const ref = parseRef(payload.data);
    const file = blobPath(this.opts.dir, ref.sha256);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch (err) {
      throw new ClaimCheckError(
        `Không đọc được dữ liệu lớn ${ref.sha256} của Temporal tại ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}. ` +
          'Mọi worker và client phải dùng chung thư mục THIDUA_DATA_DIR (thư mục payloads).',
      );
    }
    const actual = crypto.createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== ref.size || actual !== ref.sha256) {
      throw new ClaimCheckError(
        `Dữ liệu lớn ${ref.sha256} của Temporal tại ${file} bị hỏng: ${bytes.length} byte, mã băm ${actual}; ` +
          `cần ${ref.size} byte với mã băm ${ref.sha256}.`,
      );
    }
    return ProtoPayload.decode(bytes);
  }
}

/**
 * Whether the blob is already there whole. Its modification time is set to now: a blob last written
 * long ago and referenced again is then as young as a new one for the sweep's grace period
 * (`claim-check-sweep.ts`), which set aside, re-checks the time, and puts back one touched meanwhile.
 */
async function reuse(file: string, size: number): Promise<boolean> {
  try {
    if ((await fs.stat(file)).size !== size) return false;
    const now = new Date();
    await fs.utimes(file, now, now); // ENOENT: the sweep took it just now; written again below
    return true;
  } catch {
    return false;
  }
}

/**
 * Write-then-rename without blocking the event loop: a temporary file of a unique name in the blob's
 * folder, flushed, renamed over. Two encodes of the same payload at once each write their own
 * temporary file and the second rename replaces the first's identical file: both succeed, one blob.
 */
async function writeBlob(file: string, bytes: Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.chmod(0o600); // the umask may have taken bits away; the data folder is the owner's only
    // Flushed before the rename: after a power loss the name never points at a short file.
    await handle.datasync();
  } catch (err) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** The reference a `binary/claim-check` payload holds (also read by the sweep's mark). */
export function parseRef(data: Uint8Array | null | undefined): ClaimCheckRef {
  const text = data ? fromUtf8.decode(data) : '';
  let ref: Partial<ClaimCheckRef> | undefined;
  try {
    ref = JSON.parse(text) as Partial<ClaimCheckRef>;
  } catch {
    ref = undefined;
  }
  if (!ref || typeof ref.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(ref.sha256) || !Number.isInteger(ref.size)) {
    throw new ClaimCheckError(
      `Tham chiếu dữ liệu lớn (${CLAIM_CHECK_ENCODING}) không hợp lệ: ${JSON.stringify(text.slice(0, 200))}; ` +
        'cần {"sha256": 64 chữ số hex, "size": số byte}.',
    );
  }
  return ref as ClaimCheckRef;
}

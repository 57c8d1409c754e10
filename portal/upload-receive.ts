/**
 * Receiving an upload: the `multipart/form-data` body is parsed as it arrives (busboy), within limits
 * on parts, fields and bytes, and the file is streamed to a staging file beside the report store,
 * hashed on the way. Nothing is buffered whole in memory, and parsing stops at the first part over a
 * limit or at a wrong CSRF token: a request of a million empty parts costs the parser a few, not all.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import busboy from 'busboy';
import { ensurePrivateDir } from '../stores/atomic';
import type { StagedFile } from '../stores/report-store';

export interface UploadLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Parts of any kind (the portal's form has three: csrf, kind, file). */
  maxParts: number;
  /** Bytes of one text field. */
  maxFieldBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: Omit<UploadLimits, 'maxFileBytes'> = { maxParts: 8, maxFieldBytes: 4096 };

export interface ReceivedUpload {
  fields: Record<string, string>;
  /** The file part named `file`, staged on disk; the caller stores or removes it. */
  file?: StagedFile & { filename: string; /** The first bytes, for the magic-bytes check. */ head: Buffer };
}

/** Why an upload was refused while it was being read; `status` is the HTTP answer. */
export class UploadError extends Error {
  constructor(
    readonly status: 400 | 403 | 413,
    message: string,
    readonly reason: 'malformed' | 'csrf' | 'too-many-parts' | 'field-too-long' | 'file-too-large',
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

const HEAD_BYTES = 1024;

/**
 * Reads the request's form. `csrfOk` is asked as soon as the `csrf` field arrives; the file must come
 * after it (as the portal's form sends it), so a forged request never has its file read. On any
 * refusal the parser is detached from the request at once and the staged file removed.
 */
export function receiveUpload(
  req: http.IncomingMessage,
  opts: { limits: UploadLimits; stagingDir: string; csrfOk: (token: string) => boolean },
): Promise<ReceivedUpload> {
  const { limits } = opts;
  return new Promise((resolve, reject) => {
    if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
      reject(new UploadError(400, 'Biểu mẫu nộp hồ sơ phải gửi dạng multipart/form-data.', 'malformed'));
      return;
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8', // browsers send file names as UTF-8 bytes
        limits: {
          parts: limits.maxParts,
          fields: limits.maxParts,
          files: 1,
          fieldSize: limits.maxFieldBytes,
          fileSize: limits.maxFileBytes,
          headerPairs: 20,
        },
      });
    } catch {
      reject(new UploadError(400, 'Biểu mẫu nộp hồ sơ phải gửi dạng multipart/form-data.', 'malformed'));
      return;
    }
    const fields: Record<string, string> = {};
    let csrfChecked = false;
    let staged: ReceivedUpload['file'];
    let out: fs.WriteStream | undefined;
    let writing: Promise<void> = Promise.resolve();
    let settled = false;

    const fail = (err: UploadError | Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      parser.removeAllListeners();
      parser.on('error', () => undefined); // late errors of a parser we no longer feed
      if (out && staged) {
        const file = staged.path;
        // The staging file may be opened after this point: remove it once the stream has closed too.
        out.once('close', () => fs.rmSync(file, { force: true }));
        out.destroy();
        fs.rmSync(file, { force: true });
      }
      reject(err);
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) {
        fail(new UploadError(413, `Trường "${name.slice(0, 40)}" của biểu mẫu quá dài.`, 'field-too-long'));
        return;
      }
      if (name === 'csrf') {
        if (!opts.csrfOk(value)) return fail(csrfError());
        csrfChecked = true;
      }
      fields[name] = value;
    });

    parser.on('file', (name, stream, info) => {
      if (!csrfChecked) {
        stream.resume();
        return fail(csrfError());
      }
      if (name !== 'file') {
        stream.resume();
        return;
      }
      ensurePrivateDir(opts.stagingDir);
      const file = path.join(opts.stagingDir, `${Date.now()}-${crypto.randomBytes(8).toString('hex')}.part`);
      const hash = crypto.createHash('sha256');
      const head: Buffer[] = [];
      let size = 0;
      let headSize = 0;
      out = fs.createWriteStream(file, { mode: 0o600 });
      const sink = out;
      // Browsers escape `"`, CR and LF in a file name as %22, %0D, %0A (WHATWG); busboy keeps them.
      const filename = (info.filename ?? '').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
      staged = { path: file, sha256: '', size: 0, filename, head: Buffer.alloc(0) };
      const current = staged;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
        if (headSize < HEAD_BYTES) {
          head.push(chunk.subarray(0, HEAD_BYTES - headSize));
          headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
        }
      });
      stream.on('error', () =>
        fail(new UploadError(400, 'Biểu mẫu gửi lên không đúng định dạng hoặc không đầy đủ.', 'malformed')),
      );
      stream.on('limit', () => {
        const mb = limits.maxFileBytes / 1024 / 1024;
        fail(new UploadError(413, `Tệp quá lớn; tối đa ${mb} MB.`, 'file-too-large'));
      });
      writing = new Promise<void>((done, failed) => {
        sink.on('finish', () => {
          Object.assign(current, { sha256: hash.digest('hex'), size, head: Buffer.concat(head) });
          done();
        });
        sink.on('error', failed);
      });
      writing.catch(fail);
      stream.pipe(sink);
    });

    const tooMany = () =>
      fail(new UploadError(413, 'Biểu mẫu có quá nhiều phần; chỉ gửi một tệp mỗi lần.', 'too-many-parts'));
    parser.on('partsLimit', tooMany);
    parser.on('filesLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('error', () =>
      fail(new UploadError(400, 'Biểu mẫu gửi lên không đúng định dạng hoặc không đầy đủ.', 'malformed')),
    );
    parser.on('close', () => {
      writing.then(
        () => {
          if (settled) return;
          settled = true;
          resolve({ fields, file: staged });
        },
        (err: Error) => fail(err),
      );
    });
    req.on('error', (err) => fail(err));
    req.on('aborted', () => fail(new UploadError(400, 'Yêu cầu bị ngắt giữa chừng.', 'malformed')));
    req.pipe(parser);
  });
}

const csrfError = () =>
  new UploadError(
    403,
    'Biểu mẫu thiếu hoặc sai mã bảo vệ (CSRF); yêu cầu bị từ chối, không có gì được ghi nhận. Hãy tải lại trang và thử lại.',
    'csrf',
  );

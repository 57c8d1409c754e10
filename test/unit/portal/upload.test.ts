/** The portal's pure pieces: multipart parsing, safe names, magic bytes, constant-time checks, rate limit, sessions. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { waitFor } from '../../../scripts/processes';
import { LoginGuard, MemorySessionStore, RateLimiter, safeEqual } from '../../../portal/security';
import { contentTypeForName, magicBytesMatch, safeBaseName } from '../../../portal/upload';
import { DEFAULT_UPLOAD_LIMITS, receiveUpload, UploadError } from '../../../portal/upload-receive';
import { multipartBody, pdfBytes } from '../../helpers/portal-client';

/** A request as the parser sees it: headers and a body that arrives in the chunks given, counting reads. */
function requestOf(contentType: string, chunks: Iterable<Buffer>): http.IncomingMessage & { pulled: () => number } {
  let pulled = 0;
  const counted = (function* () {
    for (const chunk of chunks) {
      pulled++;
      yield chunk;
    }
  })();
  const req = Readable.from(counted, {
    objectMode: false,
    highWaterMark: 16 * 1024,
  }) as unknown as http.IncomingMessage & {
    pulled: () => number;
  };
  Object.assign(req, { headers: { 'content-type': contentType }, pulled: () => pulled });
  return req;
}

describe('receiving a multipart upload', () => {
  let staging: string;
  const limits = { ...DEFAULT_UPLOAD_LIMITS, maxFileBytes: 1024 * 1024 };
  const receive = (req: http.IncomingMessage, csrf = 'tok') =>
    receiveUpload(req, { limits, stagingDir: staging, csrfOk: (t) => t === csrf });
  const stagedFiles = () => (fs.existsSync(staging) ? fs.readdirSync(staging) : []);
  /** The staging folder empties (a refused file is removed once its stream has closed, not at once). */
  const staysEmpty = () => waitFor('the staging folder to be empty', async () => stagedFiles().length === 0, 5_000);

  beforeEach(() => {
    staging = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-upload-')), 'staging');
  });

  test('fields and a binary file with a Vietnamese name, streamed to a private staging file with its hash', async () => {
    const data = Buffer.concat([pdfBytes('x'), Buffer.from([0, 13, 10, 45, 45, 255])]);
    const body = multipartBody({ csrf: 'tok', kind: 'summary-report' }, { filename: 'Báo cáo "cuối".pdf', data });
    const form = await receive(requestOf(body.contentType, [body.data]));
    expect(form.fields).toEqual({ csrf: 'tok', kind: 'summary-report' });
    expect(form.file).toMatchObject({
      filename: 'Báo cáo "cuối".pdf',
      size: data.length,
      sha256: crypto.createHash('sha256').update(data).digest('hex'),
    });
    expect(fs.readFileSync(form.file!.path).equals(data)).toBe(true);
    expect(form.file!.head.equals(data.subarray(0, 1024))).toBe(true);
    expect((fs.statSync(form.file!.path).mode & 0o777).toString(8)).toBe('600');
    expect((fs.statSync(staging).mode & 0o777).toString(8)).toBe('700');
  });

  test('filename* (RFC 5987) wins over filename', async () => {
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\ntok\r\n' +
        '--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"; filename*=UTF-8\'\'B%C3%A1o%20c%C3%A1o.pdf\r\n\r\n%PDF-\r\n--b--\r\n',
    );
    const form = await receive(requestOf('multipart/form-data; boundary=b', [body]));
    expect(form.file?.filename).toBe('Báo cáo.pdf');
  });

  test('a truncated body, or one that is not multipart, is refused and leaves no staged file', async () => {
    const body = multipartBody({ csrf: 'tok' }, { filename: 'a.pdf', data: pdfBytes('x') });
    const cut = body.data.subarray(0, body.data.length - 20);
    await expect(receive(requestOf(body.contentType, [cut]))).rejects.toMatchObject({
      status: 400,
      reason: 'malformed',
    });
    await expect(receive(requestOf('application/x-www-form-urlencoded', [Buffer.from('a=b')]))).rejects.toBeInstanceOf(
      UploadError,
    );
    await staysEmpty();
  });

  test('a file before the CSRF token, or a wrong token, is refused without reading the file', async () => {
    const file = { filename: 'a.pdf', data: pdfBytes('x') };
    const first = multipartBody({}, file);
    await expect(receive(requestOf(first.contentType, [first.data]))).rejects.toMatchObject({
      status: 403,
      reason: 'csrf',
    });
    const wrong = multipartBody({ csrf: 'forged' }, file);
    await expect(receive(requestOf(wrong.contentType, [wrong.data]))).rejects.toMatchObject({ reason: 'csrf' });
    await staysEmpty();
  });

  test('a million tiny parts: parsing stops at the parts limit, the rest of the body is never read', async () => {
    // 1,000 chunks of 1,000 empty parts each (~ 50 MB in all) with a valid token.
    const part = Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n');
    const chunk = Buffer.concat(Array.from({ length: 1000 }, () => part));
    const head = Buffer.from('--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\ntok\r\n');
    const req = requestOf(
      'multipart/form-data; boundary=b',
      (function* () {
        yield head;
        for (let i = 0; i < 1000; i++) yield chunk;
      })(),
    );
    await expect(receive(req)).rejects.toMatchObject({ status: 413, reason: 'too-many-parts' });
    expect(req.pulled()).toBeLessThan(10);
  });

  test('a file over the limit is refused as soon as it passes it, and its staged bytes are removed', async () => {
    const big = Buffer.concat([pdfBytes('x'), Buffer.alloc(64 * 1024)]);
    const body = multipartBody({ csrf: 'tok' }, { filename: 'a.pdf', data: Buffer.alloc(0) });
    const [start, end] = [body.data.subarray(0, body.data.length - 8), body.data.subarray(body.data.length - 8)];
    const req = requestOf(
      body.contentType,
      (function* () {
        yield start;
        for (let i = 0; i < 100; i++) yield big; // ~ 6.4 MB, over the 1 MB limit
        yield end;
      })(),
    );
    await expect(receive(req)).rejects.toMatchObject({ status: 413, reason: 'file-too-large' });
    expect(req.pulled()).toBeLessThan(40);
    await staysEmpty();
  });
});

describe('file names and types', () => {
  test.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\A\\Báo cáo.pdf', 'Báo cáo.pdf'],
    ['..', ''],
    ['.htaccess', 'htaccess'],
    ['a\u0000b\u001f<c>:d|e?.pdf', 'abcde.pdf'],
    // Bidi overrides and C1 controls would make a PDF read as a .docx: "poly" + RLO + "xcod.pdf".
    ['poly\u202excod.pdf', 'polyxcod.pdf'],
    ['a\u2066b\u2069\u200f\u0085c\u009b.pdf', 'abc.pdf'],
    ['  Ba\u0301o ca\u0301o   tổng kết .pdf ', 'Báo cáo tổng kết .pdf'],
  ])('%j → %j', (raw, safe) => {
    expect(safeBaseName(raw)).toBe(safe);
  });

  test('long names are cut, the extension kept', () => {
    const name = safeBaseName(`${'a'.repeat(400)}.docx`);
    expect(name).toHaveLength(180);
    expect(name.endsWith('.docx')).toBe(true);
  });

  test('content types from the extension; magic bytes must agree', () => {
    expect(contentTypeForName('A.PDF')).toBe('application/pdf');
    expect(contentTypeForName('a.odt')).toBe('application/vnd.oasis.opendocument.text');
    expect(contentTypeForName('a.exe')).toBeUndefined();
    expect(contentTypeForName('pdf')).toBeUndefined();
    expect(magicBytesMatch('application/pdf', pdfBytes('x'))).toBe(true);
    expect(magicBytesMatch('application/pdf', Buffer.from('MZ'))).toBe(false);
    expect(
      magicBytesMatch('application/msword', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
    ).toBe(true);
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]);
    expect(magicBytesMatch('application/vnd.openxmlformats-officedocument.wordprocessingml.document', zip)).toBe(true);
    expect(magicBytesMatch('application/msword', zip)).toBe(false);
  });
});

describe('security helpers', () => {
  test('safeEqual: equal strings only', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual(undefined, 'abc')).toBe(false);
    expect(safeEqual('', undefined)).toBe(false);
  });

  test('the rate limit counts attempts in a sliding window, per key', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect(limiter.attempt('1.2.3.4')).toBe(true);
    expect(limiter.attempt('1.2.3.4')).toBe(true);
    expect(limiter.attempt('1.2.3.4')).toBe(false);
    expect(limiter.attempt('5.6.7.8')).toBe(true);
    now = 30_000;
    expect(limiter.retryAfter('1.2.3.4')).toBe(30);
    expect(limiter.attempt('1.2.3.4')).toBe(false); // refused attempts count too
    now = 60_001; // those at 0 s have left the window; the one at 30 s has not
    expect(limiter.attempt('1.2.3.4')).toBe(true);
    expect(limiter.attempt('1.2.3.4')).toBe(false);
  });

  test('sessions expire when idle', () => {
    let now = 0;
    const sessions = new MemorySessionStore(1000, () => now);
    const s = sessions.create({ campaignId: 'c', unitId: 'u', token: 't' });
    expect(sessions.get(s.id)).toBe(s);
    now = 900;
    expect(sessions.get(s.id)).toBe(s);
    now = 1800; // 900 ms after the last use
    expect(sessions.get(s.id)).toBe(s);
    now = 3000;
    expect(sessions.get(s.id)).toBeUndefined();
    expect(sessions.get('not-a-session')).toBeUndefined();
  });
});

describe('login limits and session lifetimes', () => {
  test('a session ends at its absolute lifetime however busy it is', () => {
    let now = 0;
    const sessions = new MemorySessionStore({ idleMs: 1000, maxAgeMs: 5000 }, () => now);
    const s = sessions.create({ campaignId: 'c', unitId: 'u', token: 't' });
    for (now = 500; now < 5000; now += 500) expect(sessions.get(s.id)).toBeDefined();
    now = 5001;
    expect(sessions.get(s.id)).toBeUndefined();
  });

  test('Retry-After counts from the limit that blocks, not from an address with no failures', () => {
    let now = 0;
    const guard = new LoginGuard({ perAddress: 10, perLogin: 4, windowMs: 15 * 60_000 }, () => now);
    for (let i = 0; i < 4; i++) expect(guard.begin('10.0.0.1', 'thuongtruc')).toHaveProperty('keys');
    now = 10 * 60_000;
    // Another address, with no failures of its own, tries the same login 10 minutes later: 5 minutes left.
    expect(guard.begin('10.0.0.2', 'thuongtruc')).toEqual({ retryAfter: 300 });
    now = 15 * 60_000;
    expect(guard.begin('10.0.0.2', 'thuongtruc')).toHaveProperty('keys');
  });

  test('a success is not counted as a failure', () => {
    const guard = new LoginGuard({ perAddress: 10, perLogin: 2, windowMs: 60_000 });
    for (let i = 0; i < 5; i++) {
      const ticket = guard.begin('10.0.0.1', 'a');
      if ('retryAfter' in ticket) throw new Error('refused');
      guard.succeeded(ticket, 'a');
    }
    expect(guard.begin('10.0.0.1', 'a')).toHaveProperty('keys');
  });
});

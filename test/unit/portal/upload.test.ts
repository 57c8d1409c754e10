/** The portal's pure pieces: multipart parsing, safe names, magic bytes, constant-time checks, rate limit, sessions. */
import { RateLimiter, safeEqual, SessionStore } from '../../../portal/security';
import {
  contentTypeForName,
  FormError,
  magicBytesMatch,
  multipartBoundary,
  parseMultipart,
  safeBaseName,
} from '../../../portal/upload';
import { multipartBody, pdfBytes } from '../../helpers/portal-client';

describe('multipart', () => {
  test('the boundary, plain or quoted; other content types have none', () => {
    expect(multipartBoundary('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });

  test('fields and a binary file with a Vietnamese name, bytes kept exactly', () => {
    const data = Buffer.concat([pdfBytes('x'), Buffer.from([0, 13, 10, 45, 45, 255])]);
    const body = multipartBody({ csrf: 'tok', kind: 'summary-report' }, { filename: 'Báo cáo "cuối".pdf', data });
    const boundary = multipartBoundary(body.contentType)!;
    const form = parseMultipart(body.data, boundary);
    expect(form.fields).toEqual({ csrf: 'tok', kind: 'summary-report' });
    expect(form.files).toHaveLength(1);
    expect(form.files[0]).toMatchObject({
      field: 'file',
      filename: 'Báo cáo "cuối".pdf',
      contentType: 'application/octet-stream',
    });
    expect(form.files[0].data.equals(data)).toBe(true);
  });

  test('filename* (RFC 5987) wins over filename', () => {
    const body = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"; filename*=UTF-8\'\'B%C3%A1o%20c%C3%A1o.pdf\r\n\r\n%PDF-\r\n--b--\r\n',
    );
    expect(parseMultipart(body, 'b').files[0].filename).toBe('Báo cáo.pdf');
  });

  test('a truncated or foreign body is a FormError', () => {
    expect(() => parseMultipart(Buffer.from('hello'), 'b')).toThrow(FormError);
    expect(() =>
      parseMultipart(Buffer.from('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'), 'b'),
    ).toThrow(FormError);
  });
});

describe('file names and types', () => {
  test.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\Users\\A\\Báo cáo.pdf', 'Báo cáo.pdf'],
    ['..', ''],
    ['.htaccess', 'htaccess'],
    ['a\u0000b\u001f<c>:d|e?.pdf', 'abcde.pdf'],
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
    const sessions = new SessionStore(1000, () => now);
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

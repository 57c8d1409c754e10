/** HTTP pieces shared by the unit portal and the secretariat's dashboard. */
import type http from 'node:http';

/**
 * An answer to show as a page: status, title and text (in Vietnamese); `extraHtml` (already escaped)
 * goes under the text, e.g. a link back so that the page is not a dead end.
 */
export class HttpError extends Error {
  constructor(
    public readonly status: number,
    public readonly title: string,
    message: string,
    public readonly extraHtml = '',
  ) {
    super(message);
  }
}

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function sendHtml(
  res: http.ServerResponse,
  status: number,
  html: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', ...headers });
  res.end(html);
}

export function redirect(res: http.ServerResponse, location: string, headers: Record<string, string | string[]> = {}) {
  res.writeHead(303, { ...SECURITY_HEADERS, Location: location, ...headers });
  res.end();
}

/** A header parameter value as RFC 5987 wants it: encodeURIComponent leaves ' ( ) * as they are. */
const rfc5987 = (s: string) =>
  encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A stored file as an attachment (or shown in place with `inline`), its name safe in the header
 * (ASCII fallback and RFC 5987 UTF-8); `headers` override the security headers (e.g. an SVG's own CSP).
 */
export function sendDownload(
  res: http.ServerResponse,
  file: { name: string; contentType: string },
  bytes: Buffer,
  opts: { inline?: boolean; headers?: Record<string, string> } = {},
): void {
  const ascii =
    file.name
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'tep';
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(bytes.length),
    'Content-Disposition': `${opts.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${rfc5987(file.name)}`,
    ...opts.headers,
  });
  res.end(bytes);
}

/**
 * The request body, or undefined once it passes `limit` bytes: the rest is still read and dropped
 * (so the client sees the answer rather than a reset), up to a hard cap where the connection is cut.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const hardCap = Math.max(limit * 4, 100 * 1024 * 1024);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > hardCap) {
        req.destroy();
        reject(new HttpError(413, 'Yêu cầu quá lớn', 'Yêu cầu quá lớn.'));
        return;
      }
      if (size > limit) {
        over = true;
        chunks.length = 0;
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A path segment decoded; a malformed escape ("%zz") names nothing: empty, so the route answers 404. */
export function decodePathSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

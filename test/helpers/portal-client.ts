/** A small HTTP client for the portal tests: one cookie jar per "browser", multipart bodies built by hand. */
import net from 'node:net';

export interface PortalResponse {
  status: number;
  headers: Headers;
  body: string;
}

export class PortalBrowser {
  readonly cookies = new Map<string, string>();

  constructor(private readonly base: string) {}

  async request(
    method: string,
    path: string,
    body?: { contentType: string; data: Buffer | string },
    headers: Record<string, string> = {},
  ): Promise<PortalResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': body.contentType } : {}),
        ...headers,
      },
      body: body?.data,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attrs.some((a) => /max-age=0/i.test(a.trim()))) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  get(path: string): Promise<PortalResponse> {
    return this.request('GET', path);
  }

  postForm(path: string, fields: Record<string, string>): Promise<PortalResponse> {
    return this.request('POST', path, {
      contentType: 'application/x-www-form-urlencoded',
      data: new URLSearchParams(fields).toString(),
    });
  }

  postMultipart(
    path: string,
    fields: Record<string, string>,
    file?: { field?: string; filename: string; contentType?: string; data: Buffer },
  ): Promise<PortalResponse> {
    const { contentType, data } = multipartBody(fields, file);
    return this.request('POST', path, { contentType, data });
  }

  /** Opens a unit's link as a person would: the page, then its button. Returns the /unit page. */
  async open(linkPath: string): Promise<PortalResponse> {
    const page = await this.get(linkPath);
    if (page.status !== 200) throw new Error(`GET ${linkPath} answered ${page.status}`);
    const csrf = csrfOf(page.body);
    const opened = await this.postForm(`${linkPath}/open`, { csrf });
    if (opened.status !== 303) throw new Error(`opening ${linkPath} answered ${opened.status}: ${opened.body}`);
    return this.get('/unit');
  }
}

export function csrfOf(html: string): string {
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF field on the page');
  return m[1];
}

/** A `multipart/form-data` body as browsers send it (the file name's `"` as %22, written as UTF-8). */
export function multipartBody(
  fields: Record<string, string>,
  file?: { field?: string; filename: string; contentType?: string; data: Buffer },
): { contentType: string; data: Buffer } {
  const boundary = `----thiduaTest${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    const filename = file.filename.replace(/"/g, '%22');
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${filename}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, data: Buffer.concat(parts) };
}

/** The path of a unit link (`/u/<token>`) from a full URL. */
export const linkPath = (url: string): string => new URL(url).pathname;

export const pdfBytes = (text: string): Buffer =>
  Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

/**
 * Sends a request's head and only the start of its body over a raw socket, without sending the rest.
 * `answer` resolves with the server's answer once it is complete (or the connection closed): an answer
 * proves the server decided before reading the whole body. `status` is 0 when the server closed the
 * connection without answering, -1 when it had not answered after 10 s.
 */
export function partialRequest(
  base: string,
  head: { method: string; path: string; headers: Record<string, string> },
  bodyStart: Buffer | string,
): { socket: net.Socket; answer: Promise<{ status: number; text: string }> } {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => undefined); // the server may close while we write: the answer is what counts
  const answer = new Promise<{ status: number; text: string }>((resolve) => {
    let raw = Buffer.alloc(0);
    const done = () => {
      const text = raw.toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    socket.on('data', (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      const end = raw.indexOf('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(raw.subarray(0, Math.max(end, 0)).toString('latin1'));
      if (end >= 0 && length && raw.length >= end + 4 + Number(length[1])) done();
    });
    socket.on('close', done);
    // No answer while the body is held back: the server is waiting for the rest (status -1).
    setTimeout(() => resolve({ status: -1, text: raw.toString('utf8') }), 10_000).unref();
  });
  socket.on('connect', () => {
    const lines = [`${head.method} ${head.path} HTTP/1.1`, `Host: ${hostname}:${port}`];
    for (const [k, v] of Object.entries(head.headers)) lines.push(`${k}: ${v}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(bodyStart);
  });
  return { socket, answer };
}

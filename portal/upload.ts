/**
 * The pieces of an upload the portal checks itself, pure: a `multipart/form-data` body parser (the
 * body is already read, within the size limit), a safe file name, the content type from the
 * extension, and the file's first bytes against that type.
 */
import path from 'node:path';
import { ALLOWED_CONTENT_TYPES } from '../domain/submission-rules';

/** The portal takes files up to 20 MB (the workflow's own limit, MAX_FILE_BYTES, is 25 MB). */
export const PORTAL_MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartForm {
  fields: Record<string, string>;
  files: MultipartFile[];
}

export class FormError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormError';
  }
}

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

/** Parses a multipart body (RFC 7578): text fields and files; names and file names are read as UTF-8. */
export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const form: MultipartForm = { fields: {}, files: [] };
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  if (pos === -1) throw new FormError('Biểu mẫu gửi lên không đúng định dạng.');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') break; // the closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n')
      throw new FormError('Biểu mẫu gửi lên không đúng định dạng.');
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd === -1) throw new FormError('Biểu mẫu gửi lên không đúng định dạng.');
    const headers = parsePartHeaders(body.subarray(pos, headerEnd).toString('utf8'));
    const dataStart = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), dataStart);
    if (next === -1) throw new FormError('Biểu mẫu gửi lên không đầy đủ (thiếu phần kết thúc).');
    const data = body.subarray(dataStart, next);
    const disposition = headers['content-disposition'] ?? '';
    const name = dispositionParam(disposition, 'name');
    if (name !== undefined) {
      const filename = dispositionParam(disposition, 'filename');
      if (filename !== undefined) {
        form.files.push({
          field: name,
          filename,
          contentType: headers['content-type'] ?? 'application/octet-stream',
          data,
        });
      } else {
        form.fields[name] = data.toString('utf8');
      }
    }
    pos = next + 2;
  }
  return form;
}

function parsePartHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const extended = new RegExp(`;\\s*${param}\\*=(?:UTF-8|utf-8)''([^;]*)`).exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      return extended[1];
    }
  }
  const quoted = new RegExp(`;\\s*${param}="([^"]*)"`).exec(disposition);
  if (quoted) {
    // Browsers escape `"`, CR and LF as %22, %0D, %0A (WHATWG); a backslash is a character (old
    // Windows browsers send the whole path, which safeBaseName cuts).
    return quoted[1].replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  }
  const bare = new RegExp(`;\\s*${param}=([^;\\s]+)`).exec(disposition);
  return bare?.[1];
}

/**
 * A file name safe to store and show: the last path segment (either slash), no control characters,
 * no leading dots, at most 180 characters (the extension kept). Empty when nothing usable is left.
 */
export function safeBaseName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (name.length > 180) {
    const ext = path.extname(name).slice(0, 10);
    name = name.slice(0, 180 - ext.length).trimEnd() + ext;
  }
  return name;
}

/** The content type thidua stores for a file name, from its extension; undefined when not accepted. */
export function contentTypeForName(name: string): string | undefined {
  const ext = path.extname(name).toLowerCase();
  return Object.entries(ALLOWED_CONTENT_TYPES).find(([, exts]) => exts.includes(ext))?.[0];
}

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Whether the file's first bytes are those of its type (a renamed executable is not a PDF). */
export function magicBytesMatch(contentType: string, data: Buffer): boolean {
  switch (contentType) {
    case 'application/pdf':
      // "%PDF-" within the first 1024 bytes, as PDF readers accept.
      return data.subarray(0, 1024).indexOf('%PDF-') !== -1;
    case 'application/msword':
      return data.subarray(0, OLE2.length).equals(OLE2);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
    case 'application/vnd.oasis.opendocument.text':
      return data.subarray(0, ZIP.length).equals(ZIP);
    default:
      return false;
  }
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseUrlEncoded(body: Buffer): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
}

/**
 * The pieces of an upload the portal checks itself, pure: a safe file name, the content type from the
 * extension, and the file's first bytes against that type. (Reading the form: `upload-receive.ts`.)
 */
import path from 'node:path';
import { ALLOWED_CONTENT_TYPES } from '../domain/submission-rules';

/** The portal takes files up to 20 MB (the workflow's own limit, MAX_FILE_BYTES, is 25 MB). */
export const PORTAL_MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Characters that change how a name reads without being seen: C0 and C1 controls, and the bidi
 * overrides, embeddings, isolates and marks that make a PDF named "poly\u202Excod.pdf" show as "polyfdp.docx".
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;

/**
 * A file name safe to store and show: the last path segment (either slash), no control or bidi
 * characters, no leading dots, at most 180 characters (the extension kept). Empty when nothing usable
 * is left.
 */
export function safeBaseName(raw: string): string {
  const last = raw.split(/[/\\]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(/[<>:"|?*]/g, '')
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

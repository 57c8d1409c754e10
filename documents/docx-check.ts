/**
 * Is this upload a Word document? Checked by content, not by name: a zip whose central directory
 * lists `[Content_Types].xml` and `word/document.xml`. A renamed PDF, a workbook (`xl/…`) or
 * anything else is refused. Synchronous and dependency-free: it reads only the zip's directory.
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;

/** The names in a zip's central directory, or undefined when the bytes are no (readable) zip. */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL_HEADER) return undefined;
  // The end record sits in the last 22 bytes plus a comment of at most 65535.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i -= 1) {
    if (bytes.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (offset + size > end) return undefined;
  const names: string[] = [];
  let p = offset;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== CENTRAL_ENTRY) return undefined;
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    if (p + 46 + nameLength > end) return undefined;
    names.push(bytes.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

export function isDocx(bytes: Buffer): boolean {
  const names = zipEntryNames(bytes);
  return names !== undefined && names.includes('[Content_Types].xml') && names.includes('word/document.xml');
}

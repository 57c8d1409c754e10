/**
 * A zip's central directory, read without unpacking anything: what an uploaded Office file says it
 * holds (names, to tell a Word document from a workbook by content) and how large it would grow
 * unpacked (to refuse a zip bomb before a library inflates it). Pure and dependency-free.
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_ENTRY = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
/** Zip64 marks a size that does not fit 32 bits with this value. */
const ZIP64_MARK = 0xffffffff;

export interface ZipEntry {
  name: string;
  /** Bytes once inflated, as the directory declares it; Infinity for a zip64 entry (over 4 GiB, or hidden). */
  uncompressedSize: number;
}

/** The entries of a zip's central directory, or undefined when the bytes are no (readable) zip. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 22 || b.readUInt32LE(0) !== LOCAL_HEADER) return undefined;
  // The end record sits in the last 22 bytes plus a comment of at most 65535.
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i -= 1) {
    if (b.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = b.readUInt16LE(end + 10);
  const size = b.readUInt32LE(end + 12);
  const offset = b.readUInt32LE(end + 16);
  if (offset + size > end) return undefined;
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > end || b.readUInt32LE(p) !== CENTRAL_ENTRY) return undefined;
    const uncompressed = b.readUInt32LE(p + 24);
    const nameLength = b.readUInt16LE(p + 28);
    const extraLength = b.readUInt16LE(p + 30);
    const commentLength = b.readUInt16LE(p + 32);
    if (p + 46 + nameLength > end) return undefined;
    entries.push({
      name: b.toString('utf8', p + 46, p + 46 + nameLength),
      uncompressedSize: uncompressed === ZIP64_MARK ? Infinity : uncompressed,
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** What the whole zip would take once inflated (Infinity when an entry hides its size). */
export function unpackedSize(entries: ZipEntry[]): number {
  return entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
}

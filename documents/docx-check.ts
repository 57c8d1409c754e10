/**
 * PLACEHOLDER (replaced by the documents branch): whether bytes are a Word document by content, not
 * by name. Here only the cheap part: a ZIP whose entries name `word/document.xml` and `[Content_Types].xml`
 * (entry names are stored uncompressed in the local headers).
 */
export function isDocx(bytes: Buffer): boolean {
  if (bytes.length < 30 || bytes.readUInt32LE(0) !== 0x04034b50) return false;
  return bytes.includes('word/document.xml') && bytes.includes('[Content_Types].xml');
}

/**
 * Is this upload a Word document? Checked by content, not by name: a zip whose central directory
 * lists `[Content_Types].xml` and `word/document.xml`. A renamed PDF, a workbook (`xl/…`) or
 * anything else is refused. Synchronous and dependency-free: it reads only the zip's directory.
 */
import { zipEntries } from '../domain/zip-directory';

/** The names in a zip's central directory, or undefined when the bytes are no (readable) zip. */
export function zipEntryNames(bytes: Buffer): string[] | undefined {
  return zipEntries(bytes)?.map((e) => e.name);
}

export function isDocx(bytes: Buffer): boolean {
  const names = zipEntryNames(bytes);
  return names !== undefined && names.includes('[Content_Types].xml') && names.includes('word/document.xml');
}

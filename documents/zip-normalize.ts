/**
 * Same data, same bytes: docx and exceljs stamp the wall clock into their zip entries and core
 * properties, and docx draws random relationship ids. Rewriting the package with fixed dates and
 * ids numbered by first appearance makes a retried activity build the identical file (the version's
 * hash then means something).
 */
import JSZip from 'jszip';

export interface NormalizeOptions {
  /** The instant stamped on every entry and in docProps/core.xml (the pack's builtAt). */
  at: Date;
  /** Rewrites the XML parts before they are stored again (docx: its per-process and random ids). */
  rewriteParts?: (xmlParts: Map<string, string>) => Map<string, string>;
}

const isXml = (name: string): boolean => name.endsWith('.xml') || name.endsWith('.rels');

/** ISO to the second, as core.xml's W3CDTF dates are written. */
const w3cdtf = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function normalizeZip(bytes: Buffer | Uint8Array, options: NormalizeOptions): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const names: string[] = [];
  zip.forEach((path, entry) => {
    if (!entry.dir) names.push(path);
  });
  const parts = new Map<string, string>();
  const binaries = new Map<string, Uint8Array>();
  for (const name of names) {
    const entry = zip.file(name);
    if (!entry) continue;
    if (isXml(name)) parts.set(name, await entry.async('string'));
    else binaries.set(name, await entry.async('uint8array'));
  }
  const stamp = w3cdtf(options.at);
  const core = parts.get('docProps/core.xml');
  if (core !== undefined) {
    parts.set(
      'docProps/core.xml',
      core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`),
    );
  }
  const rewritten = options.rewriteParts ? options.rewriteParts(parts) : parts;
  const out = new JSZip();
  // Entries in the order they came, [Content_Types].xml first as Office writes it.
  const ordered = [...names].sort((a, b) => Number(b === '[Content_Types].xml') - Number(a === '[Content_Types].xml'));
  for (const name of ordered) {
    const data = rewritten.get(name) ?? binaries.get(name);
    if (data === undefined) continue;
    out.file(name, data, { date: options.at, createFolders: false });
  }
  return out.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
  });
}

/**
 * docx's ids that change from one build to the next: drawing ids (`wp:docPr id`) come from a
 * counter that lives as long as the process, and some relationships get random ids (nanoid).
 * Drawings are numbered 1, 2, … over the parts in name order; every `Id="…"` of a `.rels` part that
 * is not already `rIdN` becomes `rIdxN` by first appearance, and every quoted use of it follows.
 */
export function normalizeDocxIds(input: Map<string, string>): Map<string, string> {
  const parts = new Map<string, string>();
  let drawing = 0;
  for (const name of [...input.keys()].sort()) {
    parts.set(
      name,
      (input.get(name) ?? '').replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${(drawing += 1)}"`),
    );
  }
  const mapping = new Map<string, string>();
  const names = [...parts.keys()].sort();
  for (const name of names) {
    if (!name.endsWith('.rels')) continue;
    for (const m of (parts.get(name) ?? '').matchAll(/\bId="([^"]+)"/g)) {
      const id = m[1];
      if (/^rId\d+$/.test(id) || mapping.has(id)) continue;
      mapping.set(id, `rIdx${mapping.size + 1}`);
    }
  }
  if (mapping.size === 0) return parts;
  const pattern = new RegExp(
    `"(${[...mapping.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})"`,
    'g',
  );
  const out = new Map<string, string>();
  for (const [name, text] of parts)
    out.set(
      name,
      text.replace(pattern, (_, id: string) => `"${mapping.get(id) ?? id}"`),
    );
  return out;
}

/**
 * Reading back what the pack builder wrote, the way a reader of the file would: unzip the package
 * and take the text out of WordprocessingML, without trusting the builder's own helpers.
 */
import JSZip from 'jszip';

export async function docxParts(bytes: Buffer): Promise<{ zip: JSZip; document: string; names: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const document = await zip.file('word/document.xml')?.async('string');
  if (document === undefined) throw new Error('no word/document.xml');
  return { zip, document, names: Object.keys(zip.files) };
}

const decode = (text: string): string =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of one paragraph's runs. */
const runText = (xml: string): string =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decode(m[1])).join('');

/** Every paragraph's text, in order (those inside tables too). */
export const paragraphs = (xml: string): string[] =>
  [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((m) => runText(m[1]));

/** The paragraphs outside tables, in order. */
export const bodyParagraphs = (xml: string): string[] => paragraphs(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));

/** Every (non-nested) table as rows of cell texts; a cell's paragraphs are joined by a newline. */
export function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) =>
      [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => paragraphs(c[1]).join('\n')),
    ),
  );
}

/** The table whose header row starts with these cells. */
export function tableByHeader(xml: string, ...first: string[]): string[][] {
  const found = tables(xml).find((t) => first.every((h, i) => t[0]?.[i] === h));
  if (!found) throw new Error(`no table with header ${first.join(' | ')}`);
  return found;
}

/** A tiny well-formedness check: every tag closes in order, attributes quoted, no stray "<" or "&". */
export function checkWellFormed(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/<\?xml[^?]*\?>/, '');
  const tokens = body.split(/(<[^>]*>)/);
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      if (token.includes('>') || /&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(token))
        throw new Error(`unescaped text: ${token}`);
      continue;
    }
    const m = /^<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>$/.exec(token);
    if (!m) throw new Error(`malformed tag: ${token}`);
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open ?? 'nothing'}>`);
    } else if (!selfClosing) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
}

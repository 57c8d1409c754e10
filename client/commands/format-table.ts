/**
 * A tiny column-aligned table for the terminal. Widths count characters after NFC normalization, so
 * a Vietnamese letter written decomposed (base letter + combining marks) counts once, as it shows.
 * Long cells wrap at spaces within a column's maximum width, so that long phase names and unit
 * names do not push the table off the screen.
 */

/** Display width of `text`: code points after NFC (Vietnamese letters all have precomposed forms). */
export function displayWidth(text: string): number {
  return Array.from(text.normalize('NFC')).length;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Splits `text` into lines of at most `width` characters, at spaces; a longer word is cut. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.normalize('NFC').split(/\s+/).filter(Boolean)) {
    let rest = word;
    while (displayWidth(rest) > width) {
      if (line) lines.push(line);
      line = '';
      const chars = Array.from(rest);
      lines.push(chars.slice(0, width).join(''));
      rest = chars.slice(width).join('');
    }
    if (!rest) continue;
    if (!line) line = rest;
    else if (displayWidth(line) + 1 + displayWidth(rest) <= width) line += ` ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export interface TableOptions {
  /** Maximum width of each column; cells wrap beyond it. Unset or 0: no limit. */
  maxWidths?: number[];
}

/**
 * Renders `rows` under `headers`, columns separated by two spaces, a dashed rule under the header,
 * trailing spaces trimmed. Missing cells are blank.
 */
export function formatTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const limit = (i: number) => options.maxWidths?.[i] || Infinity;
  const cells = (row: string[]) =>
    headers.map((_, i) => {
      const text = (row[i] ?? '').normalize('NFC');
      return limit(i) === Infinity ? [text] : wrap(text, limit(i));
    });
  const wrapped = rows.map(cells);
  const head = cells(headers);
  const widths = headers.map((_, i) =>
    Math.max(...[head, ...wrapped].flatMap((row) => row[i].map((line) => displayWidth(line)))),
  );
  const render = (row: string[][]): string[] =>
    Array.from({ length: Math.max(...row.map((c) => c.length)) }, (_, k) =>
      widths
        .map((w, i) => padEnd(row[i][k] ?? '', w))
        .join('  ')
        .trimEnd(),
    );
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [...render(head), rule, ...wrapped.flatMap(render)].join('\n') + '\n';
}

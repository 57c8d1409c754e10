/** A CSV unit sheet as a grid of text. */
import type { Messages } from './messages';
import { cleanCell, type Grid, type GridOrProblems, type SheetProblem } from './sheet';

/**
 * CSV as Excel writes it: `,` or `;` (Excel in vi-VN) — whichever the header line uses — or tabs;
 * an optional `sep=;` first line; quoted fields with `""` and line breaks inside.
 */
export function readCsv(text: string, t: Messages): GridOrProblems {
  let body = text;
  let separator: string | undefined;
  const sepLine = /^sep=(.)\r?\n/i.exec(body);
  if (sepLine) {
    separator = sepLine[1];
    body = body.slice(sepLine[0].length);
  }
  separator ??= guessSeparator(body);
  const rows: Grid['rows'] = [];
  const problems: SheetProblem[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let quoteRow = 0;
  let row = 1;
  const endField = () => {
    cells.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push({ row, cells: cells.map(cleanCell) });
    cells = [];
    row++;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      quoteRow = row;
      field = '';
    } else if (c === separator) endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  if (quoted) problems.push({ row: quoteRow, message: t.unterminatedQuote(quoteRow) });
  if (field !== '' || cells.length > 0) endRow();
  return { grid: { rows: rows.filter((r) => r.cells.some((c) => c !== '')) }, problems };
}

/** The separator the first line uses most, outside quotes. */
function guessSeparator(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ',';
  for (const [sep, n] of counts) if (n > (counts.get(best) ?? 0)) best = sep;
  return best;
}

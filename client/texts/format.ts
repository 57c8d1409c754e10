/** Small formatting helpers the language tables share. */

/** Label and value lines aligned under one another ("  Hạn nộp    14/10/2009 17:00"). */
export function fields(rows: Array<[string, string | undefined]>): string {
  const kept = rows.filter((r): r is [string, string] => r[1] !== undefined);
  const width = Math.max(...kept.map(([l]) => [...l].length));
  return kept.map(([l, v]) => `  ${l}${' '.repeat(width - [...l].length)}  ${v}\n`).join('');
}

/** "1 unit", "2 units" (English). */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Decoding uploaded text (campaign files, CSV sheets): UTF-8 or a clear refusal naming where it is
 * not and which old Vietnamese encoding it looks like. Pure, so `sheets/` and `config/` share it.
 */

export type Decoded =
  { ok: true; text: string } | { ok: false; line: number; column: number; bytes: string; encoding?: string };

/**
 * The text of a campaign file, which must be UTF-8 (a byte order mark is accepted and dropped); or
 * where it is not — the line and column of the first byte that is not UTF-8 — and the old
 * Vietnamese encoding it looks like ({@link guessLegacyEncoding}).
 */
export function decodeUtf8(bytes: Uint8Array): Decoded {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, bad);
    const lineStart = before.lastIndexOf(0x0a) + 1;
    const line = before.filter((b) => b === 0x0a).length + 1;
    // Columns count characters: the valid UTF-8 before the bad byte on its line.
    const column = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad)).length + 1;
    let end = bad + 1;
    while (end < Math.min(bad + 3, bytes.length) && bytes[end] >= 0x80) end++;
    const shown = Array.from(
      bytes.subarray(bad, end),
      (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`,
    ).join(' ');
    const encoding = guessLegacyEncoding(bytes);
    return { ok: false, line, column, bytes: shown, ...(encoding ? { encoding } : {}) };
  }
}

/** The offset of the first byte that does not belong to a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return bytes.length;
}

/**
 * Which old Vietnamese encoding non-UTF-8 bytes look like — a heuristic on byte patterns, good
 * enough to tell a clerk what to convert from:
 * - TCVN3 (ABC): precomposed letters in 0xA1–0xBF and 0xC6–0xFE standing alone ("Së Néi vô"),
 *   in particular ă â ê ô ơ ư đ at 0xA8–0xAE, which the other two never use;
 * - VNI: a plain vowel followed by a mark byte (ù ø û õ ï for the tones, ä å ã for the
 *   circumflex/breve ones), đ as 0xF1 — "Sôû Noäi vuï";
 * - Windows-1258: base letter followed by a combining tone (0xCC 0xEC 0xD2 0xDE 0xF2), and
 *   ơ ư đ as 0xF5 0xFD 0xF0.
 * Undefined when no pattern stands out.
 */
export function guessLegacyEncoding(bytes: Uint8Array): string | undefined {
  let tcvn3 = 0;
  let vni = 0;
  let cp1258 = 0;
  const vowel = (b: number) => 'aeiouyAEIOUY'.includes(String.fromCharCode(b));
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const prev = i > 0 ? bytes[i - 1] : 0;
    if (b >= 0xa8 && b <= 0xae) tcvn3 += 2;
    else if (b >= 0xa1 && b <= 0xbf) tcvn3 += 1;
    if (
      [0xcc, 0xec, 0xd2, 0xde, 0xf2].includes(b) &&
      (vowel(prev) || [0xe2, 0xea, 0xf4, 0xf5, 0xfd, 0xe3].includes(prev))
    ) {
      cp1258 += 2;
    }
    if ([0xf5, 0xfd, 0xf0, 0xd0].includes(b)) cp1258 += 1;
    if ([0xf9, 0xf8, 0xfb, 0xf5, 0xef, 0xe4, 0xe5, 0xe3, 0xe1, 0xe0, 0xe2].includes(b) && vowel(prev)) vni += 2;
    if (b === 0xf1 || b === 0xd1) vni += 1;
    if ((b === 0xf6 || b === 0xf4) && (prev === 0x75 || prev === 0x6f)) vni += 2; // ư = u + ö, ơ = o + ô
  }
  const best = Math.max(tcvn3, vni, cp1258);
  if (best === 0) return undefined;
  if (best === tcvn3) return 'TCVN3 (ABC)';
  return best === vni ? 'VNI' : 'Windows-1258';
}

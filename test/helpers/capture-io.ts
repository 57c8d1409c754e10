import type { Io } from '../../client/connect';

/** A CLI command's output, kept: what it printed on stdout and on stderr. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

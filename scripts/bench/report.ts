/** The benchmark's figures and failures, printed as they come and summed up at the end. */

export const figures: Array<[string, string]> = [];
export const failures: string[] = [];
export const figure = (name: string, value: string) => {
  figures.push([name, value]);
  console.log(`  ${name}: ${value}`);
};
export const fail = (why: string) => {
  failures.push(why);
  console.log(`  FAILED: ${why}`);
};
export const n = (x: number) => x.toLocaleString('en-US');
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
export const step = (title: string) => console.log(`\nbench: ${title}`);

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export function summary(): void {
  const width = Math.max(...figures.map(([k]) => k.length));
  console.log('\nbench: summary');
  for (const [k, v] of figures) console.log(`  ${k.padEnd(width)}  ${v}`);
  console.log(failures.length === 0 ? 'bench: OK' : `bench: FAILED (${failures.join('; ')})`);
}

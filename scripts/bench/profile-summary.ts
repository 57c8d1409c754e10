/**
 * The top entries of a V8 CPU profile (`.cpuprofile`, as `burst-profile.ts` writes them): self time
 * and inclusive time by function, and self time by area (the workflow sandbox, the SDK, nodemailer,
 * luxon, thidua's own modules, Node's internals, GC, idle). `npx tsx scripts/bench/profile-summary.ts
 * FILE [TOP]` prints them; the bench prints them after a `--cpu-profile` run.
 */
import fs from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Which part of the stack a frame belongs to, from its script's URL. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (/^\((garbage collector|idle|program|root)\)$/.test(functionName)) return functionName;
    return 'native / V8 builtins';
  }
  if (/workflow-bundle|webpack:|\/workflows\//.test(url)) return 'workflow sandbox (bundle)';
  if (/@temporalio\/(workflow|worker\/lib\/workflow)/.test(url)) return 'SDK: workflow side';
  if (/@temporalio\/proto|protobufjs|long\//.test(url)) return 'SDK: protobuf (activations, payloads)';
  if (/@temporalio\/common/.test(url)) return 'SDK: payload conversion / common';
  if (/@temporalio\//.test(url)) return 'SDK: worker (Node side)';
  if (/nodemailer/.test(url)) return 'nodemailer';
  if (/luxon/.test(url)) return 'luxon';
  if (/node_modules\/(tsx|esbuild|source-map|@swc)/.test(url)) return 'tsx loader / source maps';
  if (/node_modules\//.test(url)) return `library: ${/node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1]}`;
  if (/^node:/.test(url)) return `node: ${url.replace(/^node:(internal\/)?/, '').split('/')[0]}`;
  const mine = /\/(activities|stores|domain|documents|config|worker|scripts|app)\//.exec(url);
  if (mine) return `thidua: ${mine[1]}`;
  return 'other';
}

export interface Entry {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Time neither idle nor the profiler's own (`(idle)`, `(program)` counted apart). */
  busyMs: number;
  self: Entry[];
  inclusive: Entry[];
  areas: Entry[];
}

const label = (f: CallFrame) =>
  `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.replace(/^.*node_modules\//, '').replace(/^.*?\/(?=[^/]+\/[^/]+$)/, '')}:${f.lineNumber + 1}` : ''}`.trim();

const top = (m: Map<string, number>, n: number): Entry[] =>
  [...m]
    .map(([name, ms]) => ({ name, ms }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, n);

export function summarize(profile: CpuProfile, n = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let totalMs = 0;
  let idleMs = 0;
  for (let i = 0; i < samples.length; i++) {
    // A sample's time is the gap to the next one (the last: the mean gap).
    const ms = (deltas[i + 1] ?? (profile.endTime - profile.startTime) / Math.max(1, samples.length)) / 1000;
    const node = byId.get(samples[i]);
    if (!node) continue;
    totalMs += ms;
    const area = areaOf(node.callFrame);
    if (area === '(idle)' || area === '(program)') idleMs += ms;
    areas.set(area, (areas.get(area) ?? 0) + ms);
    const key = label(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    // Each function once per sample, however deep its recursion.
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const k = label(byId.get(id)!.callFrame);
      if (seen.has(k) || k === '(root)') continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + ms);
    }
  }
  return { totalMs, busyMs: totalMs - idleMs, self: top(self, n), inclusive: top(inclusive, n), areas: top(areas, n) };
}

/** The summary as text lines, percentages of the busy time. */
export function formatSummary(title: string, s: ProfileSummary): string[] {
  const pct = (ms: number) => `${((100 * ms) / Math.max(1, s.busyMs)).toFixed(1).padStart(5)}%`;
  const rows = (entries: Entry[]) =>
    entries.map((e) => `    ${e.ms.toFixed(0).padStart(7)} ms ${pct(e.ms)}  ${e.name}`);
  return [
    `${title}: ${s.totalMs.toFixed(0)} ms sampled, ${s.busyMs.toFixed(0)} ms busy (idle and "(program)" apart)`,
    '  self time by area:',
    ...rows(s.areas),
    '  self time by function:',
    ...rows(s.self),
    '  inclusive time by function:',
    ...rows(s.inclusive),
  ];
}

if (require.main === module) {
  const [file, n] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary.ts FILE.cpuprofile [TOP]');
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  console.log(formatSummary(file, summarize(profile, n ? Number(n) : 25)).join('\n'));
}

/** The run's last figures (warnings, CPU, peak memory) and its results against the floor, checked and printed. */
import os from 'node:os';
import type { FloorPhase } from './floor-phase';
import type { Options } from './options';
import type { ProductChecks } from './product-checks';
import { cpuSecondsOf } from './processes';
import { failures, figure, mib, n, secs } from './report';
import {
  checkBounds,
  MAX_BURST_RATIO,
  MAX_START_RATIO,
  MAX_START_VS_CHILDREN_RATIO,
  ratio,
  table,
  writeJson,
  type BenchResults,
} from './results';
import type { Env, Processes } from './setup';
import type { Workers } from './start';
import type { StartUpAndBurst } from './startup-burst';

export function outcome(
  env: Env,
  procs: Processes,
  warnings: Map<string, number>,
  workers: Workers,
  { floor, floorStatus, childrenStartMs, floorMemory }: FloorPhase,
  { startMs, burst }: StartUpAndBurst,
  { statusMedian, statusMax, limits, productMemory, selfReview }: ProductChecks,
): Omit<BenchResults, 'failures'> {
  const { opts } = env;
  if (warnings.size > 0) {
    figure('worker warnings', [...warnings].map(([m, c]) => `${n(c)} x "${m}"`).join('; '));
  }
  const cpu = process.cpuUsage();
  figure(
    'CPU used over the run',
    `worker+bench process ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s, Temporal dev server ${cpuSecondsOf(procs.server?.pid).toFixed(0)} s, ` +
      `SMTP server ${cpuSecondsOf(procs.smtp?.pid).toFixed(0)} s (wall ${secs(Date.now() - env.wallStart)}, ${os.cpus().length} CPUs)`,
  );
  figure(
    'peak RSS (sampled each second)',
    `floor phase: worker+bench ${mib(floorMemory.workerPeak)}, server ${mib(floorMemory.serverPeak)}; ` +
      `product phase: worker+bench ${mib(productMemory.workerPeak)}, server ${mib(productMemory.serverPeak)}`,
  );

  const results: Omit<BenchResults, 'failures'> = {
    date: new Date().toISOString(),
    code: env.code,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version },
    units: opts.units,
    batches: env.batches,
    floor: {
      ...floor,
      childrenStartMs,
      statusMedianMs: floorStatus,
      workerPeakRss: floorMemory.workerPeak,
      serverPeakRss: floorMemory.serverPeak,
    },
    product: {
      startMs,
      ...burst,
      statusMedianMs: statusMedian,
      statusMaxMs: statusMax,
      workerPeakRss: productMemory.workerPeak,
      serverPeakRss: productMemory.serverPeak,
      batchEventsMax: limits?.batchEventsMax ?? 0,
      campaignEvents: limits?.campaignEvents ?? 0,
    },
    ...(selfReview ? { selfReview } : {}),
    ratios: {
      start: ratio(startMs, floor.startMs),
      startVsChildren: ratio(startMs, childrenStartMs),
      burst: ratio(burst.burstMs, floor.burstMs),
      latenessP50: ratio(burst.latenessP50Ms, floor.latenessP50Ms),
      latenessP99: ratio(burst.latenessP99Ms, floor.latenessP99Ms),
      ...(selfReview ? { eventsPerUnit: ratio(selfReview.eventsPerUnitMax, floor.events) } : {}),
    },
    tuning: workers.tuning,
    bounds: {
      startRatio: MAX_START_RATIO,
      startVsChildrenRatio: MAX_START_VS_CHILDREN_RATIO,
      burstRatio: MAX_BURST_RATIO,
      eventsPerUnit: opts.maxEventsPerUnit,
    },
  };
  checkBounds(results, opts.maxEventsPerUnit);
  return results;
}

/** The results, with the failures so far, to the JSON file and as a table. */
export function writeReport(opts: Options, report: Omit<BenchResults, 'failures'>): void {
  const results: BenchResults = { ...report, failures: [...failures] };
  writeJson(opts.jsonFile, results);
  console.log(`\nbench: against the floor (written to ${opts.jsonFile})\n${table(results)}`);
}

/** The product phase, first half: the campaign's start-up, then the deadline burst of every unit's reminder. */
import type { WorkflowHandle } from '@temporalio/client';
import { CampaignIdKey, PhaseKey } from '../../domain/search-attributes';
import { campaignWorkflowId } from '../../domain/workflow-types';
import { campaignWorkflow } from '../../workflows/campaign';
import { DAY } from '../schedules';
import { campaignWith, scheduleAt } from './inputs';
import type { Accepted } from './mail';
import { scrape } from './processes';
import { fail, figure, mib, n, percentile, secs, step } from './report';
import type { Env } from './setup';
import type { Servers, Workers } from './start';
import { bounded, waitProgress } from './waits';
import { BurstWindow, cpuLine } from './burst-profile';
import { formatSummary, summarize, type CpuProfile } from './profile-summary';
import fs from 'node:fs';

export interface StartUpAndBurst {
  handle: WorkflowHandle<typeof campaignWorkflow>;
  startMs: number;
  burst: { burstMs: number; latenessP50Ms: number; latenessP99Ms: number };
  /** CPU seconds of each process over the burst (see `burst-profile.ts`). */
  burstCpu: { worker: number; server: number; smtp: number };
}

const delta = (m1: Map<string, number>, m0: Map<string, number>, name: string) =>
  (m1.get(name) ?? 0) - (m0.get(name) ?? 0);

/** The worker's figures between two scrapes of its metrics, `ms` apart. */
function workerFigures(label: string, m0: Map<string, number>, m1: Map<string, number>, ms: number): void {
  const d = (name: string) => delta(m1, m0, name);
  const wfts = d('temporal_workflow_task_execution_latency_count');
  const s2sCount = d('temporal_workflow_task_schedule_to_start_latency_count');
  const s2sMean = s2sCount ? d('temporal_workflow_task_schedule_to_start_latency_sum') / s2sCount : 0;
  const execMean = wfts ? d('temporal_workflow_task_execution_latency_sum') / wfts : 0;
  const acts = d('temporal_activity_execution_latency_count');
  const locals = d('temporal_local_activity_execution_latency_count');
  const localMean = locals ? d('temporal_local_activity_execution_latency_sum') / locals : 0;
  const actS2s = d('temporal_activity_schedule_to_start_latency_count');
  const actS2sMean = actS2s ? d('temporal_activity_schedule_to_start_latency_sum') / actS2s : 0;
  figure(
    `${label}: worker`,
    `${n(wfts)} workflow tasks (${((wfts * 1000) / ms).toFixed(0)}/s, mean ${execMean.toFixed(1)} ms each, ` +
      `mean schedule-to-start ${s2sMean.toFixed(0)} ms), ${n(locals)} local activities (mean ${localMean.toFixed(1)} ms), ` +
      `${n(acts)} activities (mean schedule-to-start ${actS2sMean.toFixed(0)} ms); ` +
      `cache: ${n(d('temporal_sticky_cache_total_forced_eviction'))} forced evictions, ${n(d('temporal_sticky_cache_miss'))} misses, ` +
      `${n(d('temporal_sticky_cache_hit'))} hits`,
  );
}

export async function startUpAndBurst(
  env: Env,
  servers: Servers,
  workers: Workers,
  floorStartMs: number,
  pids: () => { server?: number; smtp?: number },
): Promise<StartUpAndBurst> {
  const { opts, campaignId, metricsPort } = env;
  const { client, unitsQuery, accepted } = servers;
  const { real, sent, w, workerFailed } = workers;

  // -- campaign start: every unit's first reminder falls due at one instant, after the start-up
  const leadMs = Math.max(20_000, Math.round(floorStartMs * opts.leadFactor) + 10_000);
  step(`starting campaign ${campaignId}; every unit's reminder falls due ${secs(leadMs)} after the start`);
  const t0 = Date.now();
  const burstAt = t0 + leadMs;
  const input = campaignWith(
    {
      campaignId,
      units: opts.units,
      unitsPerBatch: opts.unitsPerBatch,
      definitionRef: real.definitionRef,
      start: t0,
    },
    // Deadline and lock a day after the burst: nothing else fires during the run.
    scheduleAt({ reminders: [burstAt], deadline: burstAt + DAY, lock: burstAt + 2 * DAY }),
  );
  const planLast = () => real.lastSent.get('plan-issued') ?? 0;
  const metrics0 = await scrape(metricsPort);
  const handle = await bounded(
    'starting the campaign workflow',
    60_000,
    client.workflow.start(campaignWorkflow, {
      workflowId: campaignWorkflowId(campaignId),
      taskQueue: env.taskQueue,
      args: [input],
      typedSearchAttributes: [
        { key: CampaignIdKey, value: campaignId },
        { key: PhaseKey, value: input.compiled.phases[0].kind },
      ],
      memo: { planNumber: input.planNumber, title: input.title },
    }),
  );
  let running = 0;
  let started = -1;
  const rate = (count: number) => `${((count * 1000) / Math.max(1, Date.now() - t0)).toFixed(0)}/s`;
  await waitProgress(
    `all ${n(opts.units)} unit workflows to be running and to have issued their plan`,
    opts.timeoutMs,
    async () => {
      running = (await client.workflow.count(`${unitsQuery} AND ExecutionStatus = 'Running'`)).count;
      const issued = sent('plan-issued');
      if (running >= opts.units && started < 0) started = Date.now() - t0;
      return {
        done: running >= opts.units && issued >= opts.units,
        progress: running + issued,
        line:
          `units running ${n(running)}/${n(opts.units)} (${rate(running)}) · plans issued ${n(issued)} (${rate(issued)}) · ` +
          `cached ${n(w.getStatus().numCachedWorkflows)} · rss ${mib(process.memoryUsage().rss)}`,
      };
    },
    workerFailed,
  );
  const startMs = planLast() - t0;
  const metrics1 = await scrape(metricsPort);
  if (planLast() >= burstAt) {
    throw new Error(
      `the start-up (${secs(startMs)}) outlasted the burst instant (${secs(leadMs)} after the start): raise --lead-factor`,
    );
  }
  step('start-up figures');
  figure(
    'time to start all units',
    `${secs(started)} (${n(opts.units)} unit workflows running in visibility; ${((opts.units * 1000) / started).toFixed(0)} units/s)`,
  );
  figure('start-up: until every unit issued its plan (mail accepted)', secs(startMs));
  workerFigures('start-up', metrics0, metrics1, startMs);

  // -- the deadline burst
  step(`the deadline burst: ${n(opts.units)} reminders due at ${new Date(burstAt).toISOString()}`);
  const isReminder = (a: Accepted) =>
    a.messageId.startsWith(`<${campaignId}.`) && a.messageId.endsWith('.r-1@bench.example.vn>');
  const reminders = () => accepted.filter(isReminder);
  const window = new BurstWindow(pids, opts.cpuProfile);
  await window.start(burstAt);
  await waitProgress(
    `all ${n(opts.units)} reminders to be accepted by the SMTP server`,
    opts.timeoutMs + leadMs,
    async () => {
      const got = reminders().length;
      const wait = burstAt - Date.now();
      return {
        done: got >= opts.units,
        progress: got,
        line:
          wait > 0
            ? `burst in ${secs(wait)}; cached ${n(w.getStatus().numCachedWorkflows)}`
            : `reminders accepted ${n(got)}/${n(opts.units)} · cached ${n(w.getStatus().numCachedWorkflows)}`,
      };
    },
    workerFailed,
    burstAt,
  );
  const { cpu, files } = await window.end();
  const metrics2 = await scrape(metricsPort);
  const lateness = reminders().map((a) => a.at - burstAt);
  const burst = {
    burstMs: Math.max(...lateness),
    latenessP50Ms: percentile(lateness, 50),
    latenessP99Ms: percentile(lateness, 99),
  };
  const early = lateness.filter((l) => l < 0).length;
  if (early > 0) fail(`${n(early)} reminder(s) accepted before their instant`);
  figure(
    'deadline burst: until the last reminder is accepted by SMTP',
    `${secs(burst.burstMs)} (lateness p50 ${burst.latenessP50Ms} ms, p99 ${burst.latenessP99Ms} ms)`,
  );
  workerFigures('burst', metrics1, metrics2, burst.burstMs);
  figure('burst: CPU seconds (instant - 0.3 s until the last reminder counted)', cpuLine(cpu, opts.units));
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
    console.log(formatSummary(`burst profile ${file}`, summarize(profile, 25)).join('\n'));
  }
  return { handle, startMs, burst, burstCpu: { worker: cpu.worker, server: cpu.server, smtp: cpu.smtp } };
}

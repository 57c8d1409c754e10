/**
 * The product phase, second half: `campaign status` latency, history and children limits while every unit
 * runs, the cancellation through the tree, and a normal self-review played through on a few units.
 */
import { statusCommand } from '../../client/commands/campaign-status';
import { CampaignIdKey } from '../../domain/search-attributes';
import { unitWorkflowId } from '../../domain/workflow-types';
import { cancelCampaign } from '../../workflows/campaign';
import { checkLimits, type LimitFigures } from './histories';
import { unitId } from './mail';
import { memory } from './processes';
import { fail, figure, median, n, secs, step } from './report';
import { runSelfReviewSample, type SelfReviewFigures } from './self-review';
import type { Env } from './setup';
import type { Servers, Workers } from './start';
import type { StartUpAndBurst } from './startup-burst';
import { bounded, waitProgress } from './waits';

const STATUS_TARGET_MS = 1_000;

export interface ProductChecks {
  statusMedian: number;
  statusMax: number;
  limits: LimitFigures | undefined;
  productMemory: { workerPeak: number; serverPeak: number };
  selfReview: SelfReviewFigures | undefined;
}

export async function productChecks(
  env: Env,
  servers: Servers,
  workers: Workers,
  { handle }: StartUpAndBurst,
): Promise<ProductChecks> {
  const { opts, campaignId, batches } = env;
  const { client, unitsQuery } = servers;
  const { sent, workerFailed } = workers;

  // -- status latency
  step(`timing \`thidua campaign status ${campaignId}\` (${opts.statusRuns} runs)`);
  process.env.TEMPORAL_ADDRESS = servers.address;
  process.env.TEMPORAL_NAMESPACE = 'default';
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
  const statusRun = (args: string[]) =>
    bounded(`thidua campaign status ${args.join(' ')}`, 30_000, statusCommand(args, io));
  const statusCode = await statusRun([campaignId, '--json']);
  const view = JSON.parse(out) as { total: number; counts: Record<string, number> };
  if (statusCode !== 0 || view.total !== opts.units || view.counts.pending !== opts.units) {
    fail(`campaign status reports ${view.total} units, ${view.counts.pending} pending (expected ${n(opts.units)})`);
  }
  const times: number[] = [];
  for (let i = 0; i < opts.statusRuns; i++) {
    out = '';
    const s = performance.now();
    const rc = await statusRun([campaignId]);
    times.push(performance.now() - s);
    if (rc !== 0) fail(`campaign status exited with ${rc}: ${out}`);
  }
  console.log(out.split('\n').slice(0, 3).join('\n'));
  const statusMedian = median(times);
  const statusMax = Math.max(...times);
  figure(
    'campaign status latency',
    `median ${statusMedian.toFixed(0)} ms, max ${statusMax.toFixed(0)} ms over ${times.length} runs (target < ${STATUS_TARGET_MS} ms; connection included)`,
  );
  if (statusMax >= STATUS_TARGET_MS) {
    fail(`campaign status took ${statusMax.toFixed(0)} ms at worst (target < ${STATUS_TARGET_MS} ms)`);
  }

  // -- limits while every unit runs
  const sampleCount = Math.min(opts.sample, opts.units);
  const sampleIds = Array.from(
    new Set(
      Array.from({ length: sampleCount }, (_, i) =>
        unitWorkflowId(campaignId, unitId(Math.round((i * (opts.units - 1)) / Math.max(1, sampleCount - 1)))),
      ),
    ),
  );
  step('history and children limits, every unit running');
  await bounded('reading the histories', 5 * 60_000, checkLimits(client, 'running', campaignId, batches, sampleIds));

  // -- cancellation through the tree (the product's path), then the final histories
  step('cancelling the campaign through its cancelCampaign update (fans out to every unit)');
  const c0 = Date.now();
  await bounded(
    'the cancelCampaign update',
    5 * 60_000,
    handle.executeUpdate(cancelCampaign, { args: [{ reason: 'Kết thúc benchmark', cancelledBy: 'bench' }] }),
  );
  const openQuery = `${CampaignIdKey.name} = '${campaignId}' AND ExecutionStatus = 'Running'`;
  let drained = true;
  try {
    await waitProgress(
      'every workflow of the campaign to close after the cancellation',
      opts.timeoutMs,
      async () => {
        const open = (await client.workflow.count(openQuery)).count;
        const told = sent('campaign-cancelled');
        return {
          done: open === 0,
          progress: told * 1e6 - open,
          line: `open workflows ${n(open)} · units told of the cancellation ${n(told)}/${n(opts.units)}`,
        };
      },
      workerFailed,
    );
  } catch (err) {
    drained = false;
    fail((err as Error).message);
  }
  figure('time to cancel and close the whole tree', secs(Date.now() - c0));
  const told = sent('campaign-cancelled');
  const byStatus: string[] = [];
  for (const s of ['Completed', 'Canceled', 'Terminated', 'Failed', 'Running']) {
    const query = `${unitsQuery} AND ExecutionStatus = '${s}'`;
    const c = (await bounded(`counting ${s} units`, 60_000, client.workflow.count(query))).count;
    if (c > 0) byStatus.push(`${s} ${n(c)}`);
  }
  figure(
    'units after the cancellation',
    `${byStatus.join(', ')}; told of it by mail: ${n(told)}` +
      (told < opts.units ? ` — ${n(opts.units - told)} NOT told` : ''),
  );
  // The promise: every unit is told why the campaign was cancelled.
  if (told < opts.units) fail(`${n(opts.units - told)} unit(s) closed without being told of the cancellation`);
  let limits: LimitFigures | undefined;
  if (drained) {
    step('history and children limits, after the cancellation (final histories)');
    limits = await bounded(
      'reading the histories',
      5 * 60_000,
      checkLimits(client, 'closed', campaignId, batches, sampleIds),
    );
  }
  const productMemory = { ...memory };

  // -- a normal self-review, played through on a few units: history per unit
  let selfReview: SelfReviewFigures | undefined;
  if (opts.selfReviewUnits > 0) {
    step(`history per unit: a normal self-review played through on ${opts.selfReviewUnits} units`);
    selfReview = await runSelfReviewSample({
      client,
      taskQueue: env.taskQueue,
      campaignId: `${campaignId}-sr`,
      units: opts.selfReviewUnits,
      definitionRef: workers.real.definitionRef,
      sent,
      abort: workerFailed,
    });
    figure(
      'normal self-review: history events',
      `per unit ${selfReview.eventsPerUnitMean.toFixed(1)} mean, ${selfReview.eventsPerUnitMax} max (bound ${opts.maxEventsPerUnit}); ` +
        `batch of ${selfReview.units}: ${selfReview.batchEvents}; campaign: ${selfReview.campaignEvents}`,
    );
    figure(
      "normal self-review: a unit's events by type",
      selfReview.unitEventTypes.map(([t, c]) => `${t} ${Number.isInteger(c) ? c : c.toFixed(1)}`).join(', '),
    );
    figure(
      "normal self-review: a unit's events by cause",
      selfReview.unitEventCauses.map(([t, c]) => `${t} ${Number.isInteger(c) ? c : c.toFixed(1)}`).join(', '),
    );
  }
  return { statusMedian, statusMax, limits, productMemory, selfReview };
}

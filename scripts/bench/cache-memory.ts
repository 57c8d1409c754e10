/**
 * `npx tsx scripts/bench/cache-memory.ts [--units N]` (issue 17): what one cached workflow costs the
 * worker. On its own Temporal dev server (the bench's pieces: `setup.ts`, `start.ts`), with the real
 * workflow bundle and the real activities (mail to the bench's SMTP server):
 *
 * 1. both workers running, nothing cached: the worker process's V8 heap (after full collections)
 *    and RSS;
 * 2. N floor workflows (`floor-workflow.ts`) started and asleep, all cached: the same → bytes per
 *    cached floor workflow;
 * 3. a campaign of N units started, every plan mail accepted, every unit asleep until its reminder
 *    (a day later), all cached (units, batches, the campaign): the same → bytes per cached unit
 *    (its batch's and campaign's share included);
 * 4. the replay of saved unit histories (`replay-cost.ts`): what an evicted unit costs on its next task.
 *
 * The workers run their workflows in this thread (`debugMode`), so that V8's heap figures see them
 * (a workflow thread's heap is not in `v8.getHeapStatistics()` of the main thread); the workflow
 * sandbox (one reused V8 context, modules per workflow) is the same as in the workflow threads.
 * `--threads` runs them in the SDK's workflow thread as the product does: then only RSS counts.
 * Other options: `--sdk-bundle` (bundle without `WORKFLOW_BUNDLER_OPTIONS`, as before issue 17's
 * memory work), `--replays N` (replays of each sample history, default 200; 0 skips them), `--keep`.
 * N ≤ 2,000: at ~2 MB per unit before that work, more would not fit the heap of this process.
 */
import v8 from 'node:v8';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CampaignIdKey, PhaseKey } from '../../domain/search-attributes';
import { campaignWorkflowId } from '../../domain/workflow-types';
import { campaignWorkflow } from '../../workflows/campaign';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/bundler-options';
import { WORKER_TUNING } from '../../worker/create-worker';
import { DAY } from '../schedules';
import { floorActivities, type FloorTimes } from './floor';
import { floorWorkflow } from './floor-workflow';
import { heapFigures, perWorkflow, perWorkflowLine, type HeapFigures } from './heap';
import { campaignWith, scheduleAt } from './inputs';
import { benchDefinition, realActivities } from './mail';
import { parseOptions } from './options';
import { replayCost } from './replay-cost';
import { failures, figure, mib, n, secs, step, summary } from './report';
import { installRuntime, prepare, Processes, type Env } from './setup';
import { benchDataConverter, startServers, type Servers } from './start';
import { bounded, mapLimited, waitProgress } from './waits';

interface Args {
  units: number;
  threads: boolean;
  sdkBundle: boolean;
  replays: number;
  keep: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { units: 1_000, threads: false, sdkBundle: false, replays: 200, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].replace(/^--/, '').split('=', 2);
    const int = (max: number) => {
      const v = Number(inline ?? argv[++i]);
      if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`--${name}: a whole number from 0 to ${max}`);
      return v;
    };
    if (name === 'units') args.units = Math.max(1, int(2_000));
    else if (name === 'replays') args.replays = int(10_000);
    else if (name === 'threads') args.threads = true;
    else if (name === 'sdk-bundle') args.sdkBundle = true;
    else if (name === 'keep') args.keep = true;
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return args;
}

const line = (label: string, f: HeapFigures) => figure(label, `heap used ${mib(f.heapUsed)}, RSS ${mib(f.rss)}`);

/** Waits until `worker` caches `count` workflows and holds it for 3 s (the last tasks completed). */
async function cached(worker: Worker, count: number, what: string, env: Env, abort: () => string | undefined) {
  let stableSince = 0;
  await waitProgress(
    `${what}: ${n(count)} workflows cached`,
    env.opts.timeoutMs,
    async () => {
      const c = worker.getStatus().numCachedWorkflows;
      const s = worker.getStatus().workflowPollerState;
      stableSince = c >= count ? stableSince || Date.now() : 0;
      return {
        done: stableSince > 0 && Date.now() - stableSince >= 3_000,
        progress: c,
        line: `${what}: cached ${n(c)}/${n(count)} (pollers ${s}), RSS ${mib(process.memoryUsage().rss)}`,
      };
    },
    abort,
  );
}

async function run(args: Args, env: Env, procs: Processes): Promise<void> {
  const servers: Servers = await startServers(env, procs);
  const { units } = args;
  const batches = env.batches;
  step(`workers: ${args.threads ? 'workflows in the SDK workflow thread' : 'workflows in this thread (debugMode)'}`);
  const real = await realActivities(env.dir, env.smtpPort, benchDefinition(env.campaignId, units), servers.client);
  procs.closers.push(() => real.close());
  const connection = await bounded(
    'connecting the workers',
    30_000,
    NativeConnection.connect({ address: servers.address }),
  );
  procs.closers.push(() => connection.close());
  const common = {
    connection,
    namespace: 'default',
    dataConverter: benchDataConverter(env),
    ...WORKER_TUNING,
    debugMode: !args.threads,
  };
  const floorTimes: FloorTimes = { first: [], second: [] };
  const [product, floor] = await Promise.all([
    Worker.create({
      ...common,
      taskQueue: env.taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      ...(args.sdkBundle ? {} : { bundlerOptions: WORKFLOW_BUNDLER_OPTIONS }),
      activities: real.activities,
      // Room for every workflow of the run: nothing is evicted while measuring.
      maxCachedWorkflows: units + batches + 10,
    }),
    Worker.create({
      ...common,
      taskQueue: env.floorQueue,
      workflowsPath: require.resolve('./floor-workflow'),
      activities: floorActivities(floorTimes),
      maxCachedWorkflows: units + 10,
    }),
  ]);
  for (const worker of [product, floor]) {
    procs.workers.push({ worker, run: worker.run().catch((err: Error) => void (procs.workerError = err)) });
  }
  const abort = () =>
    servers.serverExited() ?? (procs.workerError ? `a worker stopped: ${procs.workerError.message}` : undefined);
  // One workflow of each first: the sandboxes' one-time costs (contexts, shared modules) are not per workflow.
  await new Promise((r) => setTimeout(r, 2_000));
  const m0 = await heapFigures();
  line('nothing cached', m0);

  step(`the floor: ${n(units)} bare workflows, asleep for an hour after their first activity`);
  const instant = Date.now() + 3600_000;
  const floorStart = Date.now();
  await mapLimited(
    Array.from({ length: units }, (_, i) => i),
    64,
    (i) =>
      servers.client.workflow.start(floorWorkflow, {
        workflowId: `floor-${env.campaignId}-${i}`,
        taskQueue: env.floorQueue,
        args: [i, instant],
      }),
  );
  await cached(floor, units, 'floor', env, abort);
  figure('floor start-up', secs(Date.now() - floorStart));
  const m1 = await heapFigures();
  line(`${n(units)} floor workflows cached`, m1);
  const floorPer = perWorkflow(m0, m1, units);
  figure('per cached floor workflow', perWorkflowLine(floorPer));

  step(`the product: a campaign of ${n(units)} units (${n(batches)} batches), asleep until their reminder a day later`);
  const t0 = Date.now();
  const input = campaignWith(
    {
      campaignId: env.campaignId,
      units,
      unitsPerBatch: env.opts.unitsPerBatch,
      definitionRef: real.definitionRef,
      start: t0,
    },
    scheduleAt({ reminders: [t0 + DAY], deadline: t0 + 2 * DAY, lock: t0 + 3 * DAY }),
  );
  await servers.client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(env.campaignId),
    taskQueue: env.taskQueue,
    args: [input],
    typedSearchAttributes: [
      { key: CampaignIdKey, value: env.campaignId },
      { key: PhaseKey, value: input.compiled.phases[0].kind },
    ],
    memo: { planNumber: input.planNumber, title: input.title },
  });
  await waitProgress(
    `every unit's plan mail accepted`,
    env.opts.timeoutMs,
    async () => {
      const issued = real.sent.get('plan-issued') ?? 0;
      return { done: issued >= units, progress: issued, line: `plans issued ${n(issued)}/${n(units)}` };
    },
    abort,
  );
  await cached(product, units + batches + 1, 'product', env, abort);
  figure('product start-up', secs(Date.now() - t0));
  const m2 = await heapFigures();
  line(`${n(units)} units + ${n(batches)} batches + the campaign cached`, m2);
  const unitPer = perWorkflow(m1, m2, units);
  figure('per cached unit (its share of batch and campaign included)', perWorkflowLine(unitPer));
  figure(
    'unit / floor',
    `heap ${(unitPer.heap / floorPer.heap).toFixed(2)}×, RSS ${(unitPer.rss / floorPer.rss).toFixed(2)}×`,
  );
  const cache = 10_000;
  figure(
    `heap for ${n(cache)} cached units at this rate`,
    `${mib(m0.heapUsed + cache * unitPer.heap)} (heap limit of this process ${mib(heapLimit())})`,
  );
}

const heapLimit = () => v8.getHeapStatistics().heap_size_limit;

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const opts = parseOptions(['--units', String(args.units), ...(args.keep ? ['--keep'] : [])]);
  const env = await prepare(opts);
  installRuntime(env.metricsPort);
  const procs = new Processes(env);
  try {
    await run(args, env, procs);
  } catch (err) {
    failures.push((err as Error).message);
    console.error(err);
  } finally {
    await procs.stop();
  }
  if (args.replays > 0 && failures.length === 0) {
    step(`replay cost: each sample history replayed ${n(args.replays)} times on one replay worker`);
    await replayCost(args.replays, !args.sdkBundle);
  }
  summary();
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

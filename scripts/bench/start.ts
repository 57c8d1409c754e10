/** The run's servers (Temporal dev server, SMTP sink) and workers (the product's and the floor's). */
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { CampaignIdKey } from '../../domain/search-attributes';
import type { MessageKind } from '../../domain/workflow-types';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/bundler-options';
import { DEFAULT_CLAIM_CHECK_BYTES, DEFAULT_SMTP_CONNECTIONS } from '../../config/settings';
import { thiduaDataConverter } from '../../config/data-converter';
import { WORKER_TUNING } from '../../worker/create-worker';
import { metricsInterceptor } from '../../worker/metrics';
import { devServerExited, startDevServer, waitForDevServer } from '../dev-server';
import { waitFor } from '../processes';
import { floorActivities, type FloorTimes } from './floor';
import { benchDefinition, realActivities, startSmtpSink, type Accepted, type RealActivities } from './mail';
import { memory, rssOf } from './processes';
import { figure, n, secs, step } from './report';
import type { Env, Processes } from './setup';
import { bounded } from './waits';

export interface Servers {
  address: string;
  client: Client;
  unitsQuery: string;
  accepted: Accepted[];
  serverExited: () => string | undefined;
}

/** The product's data converter on the bench's data folder (its claim-checked payloads there), default threshold. */
export const benchDataConverter = (env: Pick<Env, 'dir'>) =>
  thiduaDataConverter({ dataDir: env.dir, claimCheckBytes: DEFAULT_CLAIM_CHECK_BYTES });

export async function startServers(env: Env, procs: Processes): Promise<Servers> {
  const { opts, port, serverLog, smtpPort, campaignId } = env;
  step('starting the Temporal dev server and the SMTP server');
  procs.server = startDevServer({
    cli: env.cli,
    port,
    ...(opts.inMemory ? {} : { dbFile: path.join(env.dir, 'temporal.db') }),
    output: { logFile: serverLog },
  });
  const server = procs.server;
  const serverExited = () => (procs.server ? devServerExited(procs.server, serverLog) : undefined);
  const serverStart = Date.now();
  procs.smtp = await startSmtpSink(smtpPort);
  const accepted = procs.smtp.accepted;
  await waitForDevServer(server, port, 90_000, serverLog);
  const address = `127.0.0.1:${port}`;
  const connection = await bounded('connecting to the dev server', 30_000, Connection.connect({ address }));
  procs.closers.push(() => connection.close());
  const client = new Client({ connection, namespace: 'default', dataConverter: benchDataConverter(env) });
  const unitsQuery = `${CampaignIdKey.name} = '${campaignId}' AND WorkflowType = 'unitReviewWorkflow'`;
  await waitFor(
    'the dev server to answer visibility queries on the thidua search attributes',
    async () => (await bounded('a visibility query', 10_000, client.workflow.count(unitsQuery))).count === 0,
    60_000,
  );
  figure(
    'server',
    `${opts.inMemory ? 'in-memory SQLite' : 'SQLite file'}, ready in ${secs(Date.now() - serverStart)}; SMTP server on port ${smtpPort}`,
  );
  return { address, client, unitsQuery, accepted, serverExited };
}

export interface Workers {
  real: RealActivities;
  sent: (kind: MessageKind) => number;
  /** The product's worker. */
  w: Worker;
  tuning: Record<string, number>;
  floorTimes: FloorTimes;
  workerFailed: () => string | undefined;
}

/** Starts both workers with the same tuning, and the memory sampler. */
export async function startWorkers(env: Env, procs: Processes, servers: Servers): Promise<Workers> {
  const { opts } = env;
  step('starting the workers (the product: real workflows and activities; the floor: its bare workflow)');
  const real = await realActivities(
    env.dir,
    env.smtpPort,
    benchDefinition(env.campaignId, opts.units),
    servers.client,
    opts.smtpConnections,
  );
  procs.closers.push(() => real.close());
  const sent = (kind: MessageKind) => real.sent.get(kind) ?? 0;
  const nativeConnection = await bounded(
    'connecting the workers to the dev server',
    30_000,
    NativeConnection.connect({ address: servers.address }),
  );
  procs.closers.push(() => nativeConnection.close());
  // The product worker's own tuning (`worker/create-worker.ts`), the options given here over it.
  const tuning: Record<string, number> = {
    ...WORKER_TUNING,
    ...(opts.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: opts.maxCachedWorkflows } : {}),
    ...(opts.maxConcurrentWorkflowTaskExecutions !== undefined
      ? { maxConcurrentWorkflowTaskExecutions: opts.maxConcurrentWorkflowTaskExecutions }
      : {}),
    ...(opts.maxConcurrentWorkflowTaskPolls !== undefined
      ? { maxConcurrentWorkflowTaskPolls: opts.maxConcurrentWorkflowTaskPolls }
      : {}),
    ...(opts.nonStickyToStickyPollRatio !== undefined
      ? { nonStickyToStickyPollRatio: opts.nonStickyToStickyPollRatio }
      : {}),
    ...(opts.workflowThreadPoolSize !== undefined ? { workflowThreadPoolSize: opts.workflowThreadPoolSize } : {}),
    ...(opts.maxConcurrentActivityTaskExecutions !== undefined
      ? { maxConcurrentActivityTaskExecutions: opts.maxConcurrentActivityTaskExecutions }
      : {}),
    ...(opts.maxConcurrentLocalActivityExecutions !== undefined
      ? { maxConcurrentLocalActivityExecutions: opts.maxConcurrentLocalActivityExecutions }
      : {}),
  };
  const floorTimes: FloorTimes = { first: [], second: [] };
  const workerStart = Date.now();
  const [w, floorWorker] = await bounded(
    'creating the workers (bundling the workflows)',
    5 * 60_000,
    Promise.all([
      // As `worker/create-worker.ts` makes it (its activity interceptor and tuning included), on the bench's task queue.
      Worker.create({
        connection: nativeConnection,
        namespace: 'default',
        dataConverter: benchDataConverter(env),
        taskQueue: env.taskQueue,
        workflowsPath: require.resolve('../../workflows'),
        bundlerOptions: WORKFLOW_BUNDLER_OPTIONS,
        activities: real.activities,
        interceptors: { activity: [metricsInterceptor()] },
        ...tuning,
      }),
      Worker.create({
        connection: nativeConnection,
        namespace: 'default',
        dataConverter: benchDataConverter(env),
        taskQueue: env.floorQueue,
        workflowsPath: require.resolve('./floor-workflow'),
        activities: floorActivities(floorTimes),
        ...tuning,
      }),
    ]),
  );
  for (const worker of [w, floorWorker]) {
    procs.workers.push({
      worker,
      run: worker.run().catch((err: Error) => {
        procs.workerError = err;
      }),
    });
  }
  const workerFailed = () =>
    servers.serverExited() ?? (procs.workerError ? `a worker stopped: ${procs.workerError.message}` : undefined);
  const wo = w.options;
  const slots = (supplier: unknown) => (supplier as { numSlots?: number } | undefined)?.numSlots ?? 'tuned';
  const tuner = wo.tuner as { workflowTaskSlotSupplier?: unknown; activityTaskSlotSupplier?: unknown };
  const pollers = wo.workflowTaskPollerBehavior as { maximum?: number };
  figure(
    'workers',
    `ready in ${secs(Date.now() - workerStart)} (bundles included); cache ${n(wo.maxCachedWorkflows)} workflows, ` +
      `${slots(tuner.workflowTaskSlotSupplier)} workflow task slots, ${slots(tuner.activityTaskSlotSupplier)} activity slots, ` +
      `${pollers.maximum ?? '?'} workflow task pollers (non-sticky ratio ${wo.nonStickyToStickyPollRatio}), ` +
      `${wo.workflowThreadPoolSize} workflow thread(s); ${opts.smtpConnections ?? DEFAULT_SMTP_CONNECTIONS} SMTP connections`,
  );
  procs.sampler = setInterval(() => {
    memory.workerPeak = Math.max(memory.workerPeak, process.memoryUsage().rss);
    memory.serverPeak = Math.max(memory.serverPeak, rssOf(procs.server?.pid).rss);
  }, 1_000);
  procs.sampler.unref();
  return { real, sent, w, tuning, floorTimes, workerFailed };
}

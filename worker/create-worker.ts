import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createScheduledCampaignActivities } from '../activities/scheduled-campaign';
import { thiduaDataConverter } from '../config/data-converter';
import type { Settings } from '../config/settings';
import { WORKFLOW_BUNDLER_OPTIONS } from './bundler-options';
import { createDeps } from './deps';
import { metricsInterceptor } from './metrics';

/**
 * Worker options measured by `npm run bench` (issue 17), SDK defaults otherwise. A unit's sends run
 * as local activities inside its workflow task, which holds its workflow-task slot until the SMTP
 * server accepted the mail: with the SDK's 40 slots the deadline burst of 1,000 units ran 51
 * workflow tasks a second (2.46× the floor), with 100 slots 100 a second (1.66×), on the same
 * 2-CPU machine, the floor given the same slots.
 *
 * The cache holds every live unit of a 10,000-unit campaign (with its 40 batches, the campaign and
 * room for other campaigns' workflows), from `scripts/bench/cache-memory.ts --units 1000` (2 CPUs
 * shared with a 10,000-unit bench and two engineers' tests, 2026-11-30: memory figures are stable,
 * timings are not):
 * - a cached unit costs 128 KiB of V8 heap (237 KiB of RSS; 149 KiB with the workflows in the
 *   SDK's workflow thread, `--threads`), a bare workflow 60 KiB (190-255 KiB). The process held
 *   1,000 units and 1,000 bare workflows in 806 MiB of RSS (the bench's 1,000 units: 2.8 GB).
 *   12,000 cached units are 1.5 GiB of heap, in a workflow thread whose heap limit is 4,144 MiB here
 *   (room for units' state to grow over a campaign), about 2.8 GiB of RSS. It was 1,520 KiB (2.2 MB
 *   of RSS) before zod's schemas left the workflow bundle and luxon and the domain modules were
 *   shared (`bundler-options.ts`): the SDK's default of 2,310 workflows was about right then.
 * - an evicted unit replays its history on its next task: 61 ms for a unit's 50-event history,
 *   133 ms for 172 events (`Worker.runReplayHistories`, mean of 200, the history's fetch from the
 *   server not counted), on the one workflow thread. With the SDK's 2,310 at 10,000 units, the
 *   deadline burst would replay ~7,700 units one after the other: 5 to 8 minutes of the workflow
 *   thread, where the whole burst of 1,000 cached units took 10 to 14 s.
 * A worker with less memory needs a smaller cache: about 250 KiB of RSS per cached unit.
 */
export const WORKER_TUNING = { maxConcurrentWorkflowTaskExecutions: 100, maxCachedWorkflows: 12_000 } as const;

/** The thidua worker: every workflow and activity on the task queue; used by `worker/main.ts` and `npm run dev`. */
export function createThiduaWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  settings: Settings;
  client: Client;
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.settings.taskQueue,
    ...(opts.settings.workflowBundlePath
      ? { workflowBundle: { codePath: opts.settings.workflowBundlePath } }
      : { workflowsPath: require.resolve('../workflows'), bundlerOptions: WORKFLOW_BUNDLER_OPTIONS }),
    activities: activitiesOf(createDeps(opts.settings, opts.client)),
    dataConverter: thiduaDataConverter(opts.settings),
    interceptors: { activity: [metricsInterceptor()] },
    ...WORKER_TUNING,
  });
}

/**
 * Every activity: the recurring campaigns' starter is added here, not in `activities/index.ts`,
 * because it starts campaigns through `app/campaigns.ts`, which itself imports from that module.
 */
function activitiesOf(deps: ReturnType<typeof createDeps>) {
  return { ...createActivities(deps), ...createScheduledCampaignActivities(deps) };
}

import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createScheduledCampaignActivities } from '../activities/scheduled-campaign';
import type { Settings } from '../config/settings';
import { WORKFLOW_BUNDLER_OPTIONS } from './bundler-options';
import { createDeps } from './deps';
import { metricsInterceptor } from './metrics';

/**
 * Worker options measured by `npm run bench` (issue 17), SDK defaults otherwise. A unit's sends run
 * as local activities inside its workflow task, which holds its workflow-task slot until the SMTP
 * server accepted the mail: with the SDK's 40 slots the deadline burst of 1,000 units ran 51
 * workflow tasks a second (2.46× the floor), with 100 slots 100 a second (1.66×), on the same
 * 2-CPU machine, the floor given the same slots. The cache stays the SDK's: a cached unit costs
 * about 2 MB here, so 10,000 cached units would not fit; evicted ones are replayed (a short history).
 */
export const WORKER_TUNING = { maxConcurrentWorkflowTaskExecutions: 100 } as const;

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

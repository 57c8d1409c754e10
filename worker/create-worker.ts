import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities';
import { createScheduledCampaignActivities } from '../activities/scheduled-campaign';
import type { Settings } from '../config/settings';
import { createDeps } from './deps';
import { metricsInterceptor } from './metrics';

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
      : { workflowsPath: require.resolve('../workflows') }),
    activities: activitiesOf(createDeps(opts.settings, opts.client)),
    interceptors: { activity: [metricsInterceptor()] },
  });
}

/**
 * Every activity: the recurring campaigns' starter is added here, not in `activities/index.ts`,
 * because it starts campaigns through `app/campaigns.ts`, which itself imports from that module.
 */
function activitiesOf(deps: ReturnType<typeof createDeps>) {
  return { ...createActivities(deps), ...createScheduledCampaignActivities(deps) };
}

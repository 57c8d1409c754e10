/**
 * What a workflow tree waits for, printed when a time-skipping test runs far past its usual time:
 * jest's timeout says only that a test hung, not where. Each workflow's status, its pending
 * activities, children and workflow task, and its last events, as the server holds them then.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';

const LAST_EVENTS = 12;

export function reportIfHung(env: TestWorkflowEnvironment, workflowIds: string[], afterMs: number): { cancel(): void } {
  const timer = setTimeout(() => {
    void describeTree(env, workflowIds).then(
      (text) => console.error(`still running after ${afterMs / 1000} s:\n${text}`),
      (err: unknown) => console.error('hang report failed', err),
    );
  }, afterMs);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}

async function describeTree(env: TestWorkflowEnvironment, workflowIds: string[]): Promise<string> {
  const lines = [`server time ${new Date(await env.currentTimeMs()).toISOString()}`];
  for (const id of workflowIds) {
    const handle = env.client.workflow.getHandle(id);
    const d = await handle.describe().catch((err: Error) => err);
    if (d instanceof Error) {
      lines.push(`${id}: ${d.message}`);
      continue;
    }
    const raw = d.raw;
    const activities = (raw.pendingActivities ?? []).map(
      (a) => `${a.activityType?.name} (state ${a.state}, attempt ${a.attempt})`,
    );
    lines.push(
      `${id}: ${d.status.name}; activities [${activities.join(', ')}]; children ${raw.pendingChildren?.length ?? 0}; ` +
        `workflow task ${raw.pendingWorkflowTask ? `state ${raw.pendingWorkflowTask.state}` : 'none'}`,
    );
    const events = (await handle.fetchHistory()).events ?? [];
    for (const e of events.slice(-LAST_EVENTS)) lines.push(`  ${e.eventId} ${e.eventType}`);
  }
  return lines.join('\n');
}

/** History sizes, children per parent and workflow task problems, against Temporal's limits. */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TEMPORAL_LIMITS } from '../../domain/scale-limits';
import { batchWorkflowId, campaignWorkflowId } from '../../domain/workflow-types';
import { fail, figure, mib, n } from './report';
import { mapLimited } from './waits';

/** Temporal's defaults: history warning limits (`limit.historyCount.warn`, `limit.historySize.warn`). */
const HISTORY_EVENTS_WARN = TEMPORAL_LIMITS.eventsWarn;
const HISTORY_BYTES_WARN = TEMPORAL_LIMITS.bytesWarn;
/** Issue 4's target; Temporal itself refuses new children at 2,000 pending (`limit.numPendingChildExecutions.error`). */
const CHILDREN_PER_PARENT = 1_000;

interface HistoryFigures {
  workflowId: string;
  events: number;
  bytes: number;
  /** Children ever started (history) and still open (describe). */
  children: number;
  pendingChildren: number;
  /** Workflow tasks that failed, timed out while the worker held them, or waited too long on the sticky queue (parents only). */
  taskProblems: { failed: number; startToClose: number; stickyScheduleToStart: number };
  /** Causes of the failed workflow tasks, e.g. UNHANDLED_COMMAND (a signal arrived while the task completed). */
  failureCauses: string[];
}

export async function historyFigures(
  client: Client,
  workflowId: string,
  withChildren: boolean,
): Promise<HistoryFigures> {
  const handle = client.workflow.getHandle(workflowId);
  const d = await handle.describe();
  let children = 0;
  const taskProblems = { failed: 0, startToClose: 0, stickyScheduleToStart: 0 };
  const failureCauses: string[] = [];
  if (withChildren) {
    for (const e of (await handle.fetchHistory()).events ?? []) {
      if (e.startChildWorkflowExecutionInitiatedEventAttributes) children++;
      if (e.workflowTaskFailedEventAttributes) {
        taskProblems.failed++;
        const cause = Number(e.workflowTaskFailedEventAttributes.cause ?? 0);
        failureCauses.push(
          (temporal.api.enums.v1.WorkflowTaskFailedCause[cause] ?? String(cause)).replace(
            'WORKFLOW_TASK_FAILED_CAUSE_',
            '',
          ),
        );
      }
      const timedOut = e.workflowTaskTimedOutEventAttributes;
      if (timedOut) {
        // TIMEOUT_TYPE_SCHEDULE_TO_START (2) only happens on a worker's sticky queue: the task then goes to the normal queue.
        if (Number(timedOut.timeoutType) === 2) taskProblems.stickyScheduleToStart++;
        else taskProblems.startToClose++;
      }
    }
  }
  return {
    workflowId,
    events: d.historyLength,
    bytes: d.historySize ?? Number(d.raw.workflowExecutionInfo?.historySizeBytes ?? 0),
    children,
    pendingChildren: d.raw.pendingChildren?.length ?? 0,
    taskProblems,
    failureCauses,
  };
}

/** The largest histories seen, for the results. */
export interface LimitFigures {
  campaignEvents: number;
  batchEventsMax: number;
  unitEventsMax: number;
}

export async function checkLimits(
  client: Client,
  label: string,
  campaignId: string,
  batches: number,
  sampleIds: string[],
): Promise<LimitFigures> {
  const campaign = await historyFigures(client, campaignWorkflowId(campaignId), true);
  const batchFigures = await mapLimited(
    Array.from({ length: batches }, (_, b) => batchWorkflowId(campaignId, b)),
    8,
    (id) => historyFigures(client, id, true),
  );
  const unitFigures = await mapLimited(sampleIds, 8, (id) => historyFigures(client, id, false));
  const worst = (list: HistoryFigures[], key: 'events' | 'bytes' | 'children') =>
    list.reduce((a, b) => (b[key] > a[key] ? b : a), list[0]);

  const groups: Array<[string, HistoryFigures[], boolean]> = [
    ['campaign', [campaign], true],
    [`batches (${batches})`, batchFigures, true],
    [`units (sample of ${sampleIds.length})`, unitFigures, false],
  ];
  for (const [name, list, parents] of groups) {
    if (list.length === 0) continue;
    const e = worst(list, 'events');
    const b = worst(list, 'bytes');
    figure(
      `${label}: ${name} history, max`,
      `${n(e.events)} events (${e.workflowId}), ${mib(b.bytes)} (${b.workflowId}); warn at ${n(HISTORY_EVENTS_WARN)} events / ${mib(HISTORY_BYTES_WARN)}`,
    );
    if (e.events > HISTORY_EVENTS_WARN)
      fail(`${label}: ${e.workflowId} has ${n(e.events)} history events (warning limit ${n(HISTORY_EVENTS_WARN)})`);
    if (b.bytes > HISTORY_BYTES_WARN)
      fail(`${label}: ${b.workflowId} history is ${mib(b.bytes)} (warning limit ${mib(HISTORY_BYTES_WARN)})`);
    if (parents) {
      const c = worst(list, 'children');
      const pending = Math.max(...list.map((x) => x.pendingChildren));
      const sum = (k: keyof HistoryFigures['taskProblems']) => list.reduce((t, x) => t + x.taskProblems[k], 0);
      figure(
        `${label}: ${name} children, max`,
        `${n(c.children)} started (${c.workflowId}), ${n(pending)} open; target <= ${n(CHILDREN_PER_PARENT)}`,
      );
      figure(
        `${label}: ${name} workflow tasks`,
        `${n(sum('failed'))} failed${causes(list)}, ${n(sum('startToClose'))} timed out on the worker (start-to-close), ` +
          `${n(sum('stickyScheduleToStart'))} sticky schedule-to-start timeouts`,
      );
      if (c.children > CHILDREN_PER_PARENT)
        fail(`${label}: ${c.workflowId} started ${n(c.children)} children (target <= ${n(CHILDREN_PER_PARENT)})`);
    }
  }
  const max = (list: HistoryFigures[]) => Math.max(0, ...list.map((x) => x.events));
  return { campaignEvents: campaign.events, batchEventsMax: max(batchFigures), unitEventsMax: max(unitFigures) };
}

function causes(list: HistoryFigures[]): string {
  const counts = new Map<string, number>();
  for (const c of list.flatMap((x) => x.failureCauses)) counts.set(c, (counts.get(c) ?? 0) + 1);
  return counts.size ? ` (${[...counts].map(([c, k]) => `${k} ${c}`).join(', ')})` : '';
}

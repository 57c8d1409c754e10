/**
 * What every use case runs with (a Temporal client and the settings), and the one way they call a
 * workflow: {@link withWorker} for queries and updates, which fails within seconds with an
 * {@link AppError} when no worker answers. An update first checks that a worker polls the workflow's
 * task queue ({@link assertWorkerPolling}): with none, it is not sent at all, so "nothing was
 * changed" is true; one sent and not answered in time may still apply, and the code says so
 * (`timed-out` with `update`).
 */
import type { Client } from '@temporalio/client';
import type { Settings } from '../config/settings';
import { AppError, asAppError, type Operation } from './temporal-errors';

export interface AppContext {
  client: Client;
  settings: Settings;
  /** How long a query or update may wait for a worker (default 10 s). */
  workerDeadlineMs?: number;
}

/** A worker that polled within this long is taken as alive (a long poll lasts up to about a minute). */
export const POLLER_FRESH_MS = 90_000;

/** Runs a query that needs a worker; fails within seconds, as an {@link AppError}, when none answers. */
export async function withWorker<T>(ctx: AppContext, operation: Operation, fn: () => Promise<T>): Promise<T> {
  return call(ctx, operation, fn, false);
}

/**
 * Runs an update of the workflow `workflowId`: refused before sending when the workflow is gone or no
 * worker polls its task queue, then sent with the worker deadline.
 */
export async function withUpdate<T>(
  ctx: AppContext,
  operation: Operation,
  workflowId: string,
  fn: () => Promise<T>,
): Promise<T> {
  await assertWorkerPolling(ctx, operation, workflowId);
  return call(ctx, operation, fn, true);
}

async function call<T>(ctx: AppContext, operation: Operation, fn: () => Promise<T>, update: boolean): Promise<T> {
  const deadlineMs = ctx.workerDeadlineMs ?? 10_000;
  const startedAt = Date.now();
  try {
    return await ctx.client.withDeadline(startedAt + deadlineMs, fn);
  } catch (err) {
    throw asAppError(
      err,
      { operation, update, taskQueue: ctx.settings.taskQueue, seconds: deadlineMs / 1000 },
      { startedAt, deadlineMs },
    );
  }
}

/**
 * Fails with `not-found`, `already-completed` or `no-worker` unless the workflow runs and a worker
 * polled its task queue recently. Asks the server only (describe, describeTaskQueue).
 */
export async function assertWorkerPolling(ctx: AppContext, operation: Operation, workflowId: string): Promise<void> {
  const facts = { operation, update: true, sent: false, taskQueue: ctx.settings.taskQueue };
  let taskQueue: string;
  try {
    const d = await ctx.client.workflow.getHandle(workflowId).describe();
    if (d.status.name !== 'RUNNING') throw new AppError('already-completed', facts);
    taskQueue = d.taskQueue;
  } catch (err) {
    throw asAppError(err, facts);
  }
  const pollers = await workflowPollers(ctx, taskQueue).catch((err: unknown) => {
    throw asAppError(err, { ...facts, taskQueue });
  });
  const now = Date.now();
  if (!pollers.some((at) => at === undefined || now - at < POLLER_FRESH_MS)) {
    throw new AppError('no-worker', { ...facts, taskQueue });
  }
}

/** When each worker last polled the task queue for workflow tasks (undefined: not said). */
async function workflowPollers(ctx: AppContext, taskQueue: string): Promise<Array<number | undefined>> {
  const res = await ctx.client.workflowService.describeTaskQueue({
    namespace: ctx.client.options.namespace,
    taskQueue: { name: taskQueue, kind: 1 /* TASK_QUEUE_KIND_NORMAL */ },
    taskQueueType: 1 /* TASK_QUEUE_TYPE_WORKFLOW */,
  });
  return (res.pollers ?? []).map((p) => {
    const t = p.lastAccessTime;
    if (!t) return undefined;
    return Number(t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
  });
}

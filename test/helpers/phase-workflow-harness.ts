/**
 * What the time-skipping tests of the phase workflows (synthesis, conference, awards) share: a fresh
 * test server per test, a worker on a task queue of its own running the test's mocked activities,
 * the day (since the test's start) an activity runs on, a gate a mock waits on, and the campaign's
 * own activities for the tests that run the whole campaign.
 */
import { Context } from '@temporalio/activity';
import type { DataConverter } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import { createUnitSignalActivities } from '../../activities/unit-signals';
import type { UnitMessageInput } from '../../domain/workflow-types';
import { DAY } from '../../scripts/schedules';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from './temporal';
import { withUnitLock } from './unit-lock';

export type Activities = ReturnType<typeof createActivities>;

/** A time-skipping server for each test, torn down after it; returns the current test's. */
export function useTimeSkippingEnv(dataConverter?: () => DataConverter): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  beforeEach(async () => {
    env = await timeSkippingEnv(dataConverter?.());
  });
  afterEach(async () => {
    await env?.teardown();
  });
  return () => env!;
}

/** A gate a mocked activity waits on until the test opens it. */
export function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The day (hundredths) since `start` on which the running activity was scheduled: called inside a mock. */
export const activityDay = (start: number): number =>
  Math.round(((Context.current().info.currentAttemptScheduledTimestampMs - start) / DAY) * 100) / 100;

/** The campaign workflow's own activities, for the tests that run a phase inside the campaign: units a and b. */
export const campaignActivities = (env: TestWorkflowEnvironment) =>
  withUnitLock({
    async sendUnitMessage(input: UnitMessageInput) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async lockUnitReports() {},
    // The batch's signals to its units go through this activity: the real one, on the test server.
    ...createUnitSignalActivities({ client: env.client }),
    async loadUnitPage(input: { offset: number; limit: number }) {
      return ['a', 'b'].slice(input.offset, input.offset + input.limit).map((id) => ({ id, name: `Đơn vị ${id}` }));
    },
  });

/** Runs `fn` while a worker with `activities` polls a task queue of its own (named after `prefix`). */
export async function runWithWorker<T>(
  env: TestWorkflowEnvironment,
  prefix: string,
  activities: object,
  fn: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `${prefix}-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: activities as Activities,
    dataConverter: dataConverterOf(env),
  });
  return worker.runUntil(() => fn(taskQueue));
}

/**
 * A whole self-review phase on the time-skipping server, through the campaign → batch → unit tree:
 * on-time, late, individually extended, missing and resubmitting units; a campaign-wide extension;
 * a cancellation every unit is told about. Activities record what would be sent, with workflow time.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import {
  batchWorkflowId,
  unitWorkflowId,
  type CampaignInput,
  type UnitMessageInput,
  type UnitStatusView,
} from '../../domain/workflow-types';
import { campaignWorkflow, cancelCampaign, extendCampaign, getCampaignStatus } from '../../workflows/campaign';
import { getUnitStatus, grantExtension, submitFile } from '../../workflows/unit-review';
import { synthesisWorkflowId } from '../../domain/synthesis-types';
import { approveSynthesis } from '../../workflows/synthesis';
import { saveHistory } from '../helpers/histories';
import { LockedKey, PhaseKey, SubmissionStatusKey } from '../../domain/search-attributes';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import type { SignalUnitsInput } from '../../activities/unit-signals';
import type { temporal } from '@temporalio/proto';
import { activityTimeMs } from '../helpers/activity-time';
import { createUnitSignalActivities } from '../../activities/unit-signals';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';
import { reportIfHung } from '../helpers/hang-report';
import { withUnitLock } from '../helpers/unit-lock';

type Activities = ReturnType<typeof createActivities>;
interface Sent {
  unitId: string;
  kind: string;
  key: string;
  day: number;
}

// One server per test: once every workflow of a test has completed, the Java test server no longer
// skips time for the next test's env.sleep (seen with temporal-test-server 1.38.0).
let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const UNITS = ['on-time', 'late', 'extended', 'missing', 'resubmit'];
const report = (c: string) => ({
  name: 'bao-cao.pdf',
  size: 100,
  sha256: c.repeat(64),
  contentType: 'application/pdf',
});

const campaignInput = (id: string, start: number): CampaignInput =>
  campaignInputFrom(start, {
    campaignId: id,
    planNumber: '67-KH/TU',
    title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW',
    contact: 'Ban Thi đua - Khen thưởng tỉnh',
    unitCount: UNITS.length,
    unitsPerBatch: 2,
    deadlineDays: 20,
    lockDays: 25,
  });

async function run<T>(
  fn: (taskQueue: string, sent: Sent[], start: number) => Promise<T>,
  units: string[] = UNITS,
  /** A unit whose reports cannot be locked (fails for good): its workflow fails at its lock. */
  failing?: string,
): Promise<{ result: T; sent: Sent[]; locks: string[] }> {
  const sent: Sent[] = [];
  const locks: string[] = [];
  const start = await env.currentTimeMs();
  const activities = withUnitLock({
    async sendUnitMessage(input: UnitMessageInput) {
      // As the real activity (Message-ID from the key, the sent log read first): a send run again,
      // as a local activity is when its workflow task has to be redone, goes out once.
      if (sent.some((s) => s.key === input.key)) {
        return { sent: false, reason: 'already-sent' as const, messageId: input.key, recipients: [] };
      }
      const at = await activityTimeMs(env);
      sent.push({
        unitId: input.unitId,
        kind: input.kind,
        key: input.key,
        day: Math.round(((at - start) / DAY) * 100) / 100,
      });
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async lockUnitReports(input: { unitId: string }) {
      if (input.unitId === failing) throw ApplicationFailure.nonRetryable('hỏng hẳn', 'TestFailure');
      // Idempotent as the real store (the first lock is the record): a local activity run again counts once.
      if (!locks.includes(input.unitId)) locks.push(input.unitId);
    },
    // The batch's signals to its units go through this activity: the real one, on the test server.
    ...createUnitSignalActivities({ client: env.client }),
    async loadUnitPage(input: { offset: number; limit: number }) {
      return units.slice(input.offset, input.offset + input.limit).map((id) => ({ id, name: `Đơn vị ${id}` }));
    },
    // The synthesis phase (test/workflow/synthesis.test.ts tests it): its draft is approved as soon as
    // it is mailed, so that these campaigns go on to their close.
    async buildSynthesis() {
      const ref = { name: 'tong-hop.docx', size: 1, sha256: 'f'.repeat(64), contentType: 'application/x' };
      return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    },
    async mailSynthesis(input: { campaignId: string; key: string }) {
      // Awaited inside the activity: while it runs the test server does not skip time, so the
      // approval lands on the day the draft is mailed (a detached update raced the skipping).
      await env.client.workflow
        .getHandle(synthesisWorkflowId(input.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'test' }] })
        .catch(() => undefined);
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async synthesisApproved(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
  }) as unknown as Activities;
  const taskQueue = `campaign-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const result = await worker.runUntil(() => fn(taskQueue, sent, start));
  return { result, sent, locks };
}

test('the Vĩnh Phúc self-review: on-time, late, extended, missing and resubmitting units', async () => {
  const id = `vp-${Date.now()}`;
  const { result, sent } = await run(async (taskQueue, _sent, start) => {
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [campaignInput(id, start)],
    });
    const unit = (u: string) => env.client.workflow.getHandle(unitWorkflowId(id, u));
    await env.sleep(2 * DAY);
    await unit('on-time').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('a'), submittedBy: 'f' }],
    });
    await unit('resubmit').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('b'), submittedBy: 'f' }],
    });
    await env.sleep(15.5 * DAY); // day 17.5
    const later = scheduleFrom(start, { deadlineDays: 23, lockDays: 25 });
    await unit('extended').executeUpdate(grantExtension, {
      args: [{ schedule: later, reason: 'Thủ trưởng đi công tác', grantedBy: 'TĐKT' }],
    });
    await unit('resubmit').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('c'), submittedBy: 'f' }],
    });
    await env.sleep(4 * DAY); // day 21.5: one and a half days late, after the first escalation
    await unit('late').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('d'), submittedBy: 'f' }],
    });
    await env.sleep(1 * DAY); // day 22.5: before the extended deadline
    await unit('extended').executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('e'), submittedBy: 'f' }],
    });
    // Waiting for the result skips time to the lock (day 25) and the close of the campaign. (An
    // env.sleep past the close would hang: the Java test server stops skipping time once every
    // workflow has completed.)
    const campaign = await handle.result();
    const statuses: Record<string, UnitStatusView> = {};
    for (const u of UNITS) statuses[u] = await unit(u).result();
    // Histories for the replay tests (test/replay): the campaign, its first batch and one unit.
    await env.client.workflow.getHandle(batchWorkflowId(id, 0)).result();
    await saveHistory(env, 'campaign-vinh-phuc', `campaign/${id}`);
    await saveHistory(env, 'batch-vinh-phuc-0', batchWorkflowId(id, 0));
    await saveHistory(env, 'unit-extended', unitWorkflowId(id, 'extended'));
    await saveHistory(env, 'unit-late-local-effects', unitWorkflowId(id, 'late')); // issue 17: local activities
    return { statuses, campaign };
  });

  const { statuses, campaign } = result;
  expect(Object.fromEntries(UNITS.map((u) => [u, [statuses[u].status, statuses[u].locked]]))).toEqual({
    'on-time': ['submitted', true],
    late: ['late', true],
    extended: ['submitted', true],
    missing: ['missing', true],
    resubmit: ['submitted', true],
  });
  expect(statuses.resubmit.reports.map((r) => r.version)).toEqual([1, 2]);
  expect(campaign).toMatchObject({
    phase: 'closed',
    batches: 3,
    batchesLocked: 3,
    counts: { pending: 0, submitted: 3, late: 1, missing: 1 },
  });

  const of = (u: string) => sent.filter((s) => s.unitId === u).map((s) => `${s.kind}@${s.day}`);
  // Deadline day 20 (reminders 13, 17, 19, 19.63), escalations 21 and 23, lock 25.
  expect(of('missing')).toEqual([
    'plan-issued@0',
    'reminder@13',
    'reminder@17',
    'reminder@19',
    'due-today@19.63',
    'late-notice@20',
    'escalation@21',
    'escalation@23',
    'phase-locked@25',
  ]);
  expect(of('on-time')).toEqual(['plan-issued@0', 'submission-receipt@2', 'phase-locked@25']);
  expect(of('resubmit')).toEqual([
    'plan-issued@0',
    'submission-receipt@2',
    'submission-receipt@17.5',
    'phase-locked@25',
  ]);
  expect(of('late')).toEqual([
    'plan-issued@0',
    'reminder@13',
    'reminder@17',
    'reminder@19',
    'due-today@19.63',
    'late-notice@20',
    'escalation@21',
    'submission-receipt@21.5',
    'phase-locked@25',
  ]);
  // Extended at day 17.5 to day 23: v1's reminders until then; v2's day-16 reminder is past and skipped,
  // and the unit submits before v2's due-today reminder.
  expect(of('extended')).toEqual([
    'plan-issued@0',
    'reminder@13',
    'reminder@17',
    'extension-granted@17.5',
    'reminder@20',
    'reminder@22',
    'submission-receipt@22.5',
    'phase-locked@25',
  ]);
});

test('a campaign-wide extension reaches every unit; a cancellation tells every unit the reason', async () => {
  const id = `ext-${Date.now()}`;
  const { result, sent } = await run(async (taskQueue, _sent, start) => {
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [campaignInput(id, start)],
    });
    await env.sleep(10 * DAY);
    // An "extension" to an earlier date (day 18, before day 20) is refused, in Vietnamese.
    await expect(
      handle.executeUpdate(extendCampaign, {
        args: [
          { schedule: scheduleFrom(start, { deadlineDays: 18, lockDays: 25 }), reason: 'Rút ngắn', grantedBy: 'x' },
        ],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/phải sau hạn hiện tại/) } });
    expect((await handle.query(getCampaignStatus)).extensions).toEqual([]);
    await handle.executeUpdate(extendCampaign, {
      args: [
        {
          schedule: scheduleFrom(start, { deadlineDays: 22, lockDays: 27 }),
          reason: 'Trùng lịch Đại hội',
          grantedBy: 'TĐKT',
        },
      ],
    });
    await env.sleep(5.5 * DAY); // day 15.5: after the new deadline's 7-day reminder
    const units = await Promise.all(
      UNITS.map((u) => env.client.workflow.getHandle(unitWorkflowId(id, u)).query(getUnitStatus)),
    );
    await expect(
      handle.executeUpdate(cancelCampaign, { args: [{ reason: '', cancelledBy: 'x' }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/Cần ghi lý do hủy/) } });
    await handle.executeUpdate(cancelCampaign, {
      args: [{ reason: 'Sáp nhập đơn vị hành chính', cancelledBy: 'TĐKT' }],
    });
    const view = await handle.result();
    const queried = await handle.query(getCampaignStatus).catch(() => undefined);
    await saveHistory(env, 'batch-cancelled-0', batchWorkflowId(id, 0)); // for test/replay
    const cancelledUnit = await env.client.workflow.getHandle(unitWorkflowId(id, 'on-time')).result();
    const cancelledAttrs = (await env.client.workflow.getHandle(unitWorkflowId(id, 'on-time')).describe())
      .typedSearchAttributes;
    await saveHistory(env, 'unit-cancelled', unitWorkflowId(id, 'on-time')); // for test/replay
    const batchHistory = await env.client.workflow.getHandle(batchWorkflowId(id, 0)).fetchHistory();
    return { units, view, queried, batchHistory, cancelledUnit, cancelledAttrs };
  });
  expect(result.units.map((u) => [u.deadlineVersion, u.deadline])).toEqual(
    UNITS.map(() => [2, result.units[0].deadline]),
  );
  expect(result.view).toMatchObject({ phase: 'cancelled', cancelled: { reason: 'Sáp nhập đơn vị hành chính' } });
  // A cancelled unit reads "cancelled" (đã hủy), not "pending", in its answer and its search attributes.
  expect(result.cancelledUnit).toMatchObject({ status: 'cancelled', locked: true });
  expect([result.cancelledAttrs.get(SubmissionStatusKey), result.cancelledAttrs.get(LockedKey)]).toEqual([
    'cancelled',
    true,
  ]);
  for (const u of UNITS) {
    const kinds = sent.filter((s) => s.unitId === u).map((s) => s.kind);
    expect(kinds).toEqual(['plan-issued', 'extension-granted', 'reminder', 'campaign-cancelled']);
  }
  // The batch tells its units of the cancellation, and no close after it: cancelled units end by
  // themselves (each of the batch's units completed, as its waiting for them shows).
  // Signals go out from the batch's signalUnits activity (batch-signals-by-activity), one per word.
  const signalled = (name: string) =>
    unitSignals(result.batchHistory)
      .filter((a) => a.signal === name)
      .reduce((n, a) => n + a.workflowIds.length, 0);
  expect(signalled('cancelUnit')).toBe(2);
  expect(signalled('closeUnit')).toBe(0);
  expect(
    (result.batchHistory.events ?? []).filter((e) => e.childWorkflowExecutionCompletedEventAttributes).length,
  ).toBe(2);
});

/** The batch's signalUnits activities, their inputs decoded. */
function unitSignals(history: temporal.api.history.v1.IHistory): SignalUnitsInput[] {
  return (history.events ?? []).flatMap((e) => {
    const a = e.activityTaskScheduledEventAttributes;
    if (a?.activityType?.name !== 'signalUnits') return [];
    return [JSON.parse(Buffer.from(a.input!.payloads![0].data!).toString('utf8')) as SignalUnitsInput];
  });
}

test('a dozen campaign-wide extensions cost the batch a few events each, not two per unit', async () => {
  const id = `ext12-${Date.now()}`;
  const units = Array.from({ length: 20 }, (_, i) => `dv-${i + 1}`);
  const { result, sent } = await run(async (taskQueue, _sent, start) => {
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [{ ...campaignInput(id, start), unitCount: units.length, unitsPerBatch: units.length }],
    });
    await env.sleep(DAY);
    const lengthOf = async () => (await env.client.workflow.getHandle(batchWorkflowId(id, 0)).describe()).historyLength;
    await started(batchWorkflowId(id, 0));
    const before = await lengthOf();
    for (let i = 1; i <= 12; i++) {
      await handle.executeUpdate(extendCampaign, {
        args: [
          {
            schedule: scheduleFrom(start, { deadlineDays: 20 + i, lockDays: 25 + i }),
            reason: `Gia hạn lần ${i}`,
            grantedBy: 'TĐKT',
          },
        ],
      });
      await env.sleep(60_000);
    }
    const views = await Promise.all(
      units.map((u) => env.client.workflow.getHandle(unitWorkflowId(id, u)).query(getUnitStatus)),
    );
    const after = await lengthOf();
    await handle.executeUpdate(cancelCampaign, { args: [{ reason: 'Kết thúc thử', cancelledBy: 'TĐKT' }] });
    await handle.result();
    await saveHistory(env, 'batch-extended-12-0', batchWorkflowId(id, 0)); // for test/replay
    return { views, perExtension: (after - before) / 12 };
  }, units);
  // Every unit got every extension: its 13th deadline version, day 32, told 12 times.
  expect(result.views.map((u) => u.deadlineVersion)).toEqual(units.map(() => 13));
  for (const u of units) {
    expect(sent.filter((s) => s.unitId === u && s.kind === 'extension-granted')).toHaveLength(12);
  }
  // Signalled from the batch, each extension cost 2 events per unit (46 per extension here, 500 for
  // a batch of 250); one activity costs the same for 20 units as for 250.
  expect(result.perExtension).toBeLessThanOrEqual(12);
});

/** Polls until a workflow exists (started by its parent). */
async function started(workflowId: string): Promise<void> {
  for (;;) {
    try {
      await env.client.workflow.getHandle(workflowId).describe();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const MANY = Array.from({ length: 12 }, (_, i) => `u${i + 1}`);

test('a cancel that arrives while batches are still being started reaches the later batches too', async () => {
  const id = `race-${Date.now()}`;
  const { result, sent } = await run(async (taskQueue, _sent, start) => {
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [{ ...campaignInput(id, start), unitCount: MANY.length, unitsPerBatch: 1 }],
    });
    await started(batchWorkflowId(id, 0)); // the first batch is started; the others are on their way
    await handle.executeUpdate(cancelCampaign, {
      args: [{ reason: 'Sáp nhập đơn vị hành chính', cancelledBy: 'TĐKT' }],
    });
    const view = await handle.result();
    await saveHistory(env, 'campaign-cancel-race', `campaign/${id}`); // for test/replay
    const startedAtCancel = (await handle.fetchHistory()).events?.filter(
      (e) => e.startChildWorkflowExecutionInitiatedEventAttributes,
    ).length;
    return { view, startedAtCancel };
  }, MANY);
  expect(result.view.phase).toBe('cancelled');
  // Every unit that was started (given the plan) is told of the cancellation.
  const issued = sent.filter((s) => s.kind === 'plan-issued').map((s) => s.unitId);
  const told = sent.filter((s) => s.kind === 'campaign-cancelled').map((s) => s.unitId);
  expect(issued.length).toBeGreaterThan(0);
  expect(told.sort()).toEqual(issued.sort());
});

test('a campaign-wide extension that arrives while batches are still being started reaches every unit', async () => {
  const id = `race-ext-${Date.now()}`;
  const { result } = await run(async (taskQueue, _sent, start) => {
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [{ ...campaignInput(id, start), unitCount: MANY.length, unitsPerBatch: 1 }],
    });
    await started(batchWorkflowId(id, 0));
    await handle.executeUpdate(extendCampaign, {
      args: [
        {
          schedule: scheduleFrom(start, { deadlineDays: 22, lockDays: 27 }),
          reason: 'Trùng lịch Đại hội',
          grantedBy: 'TĐKT',
        },
      ],
    });
    const batches = (await handle.fetchHistory()).events?.filter(
      (e) => e.startChildWorkflowExecutionInitiatedEventAttributes,
    ).length;
    await env.sleep(DAY);
    const units = await Promise.all(
      MANY.map((u) => env.client.workflow.getHandle(unitWorkflowId(id, u)).query(getUnitStatus)),
    );
    await handle.executeUpdate(cancelCampaign, { args: [{ reason: 'Kết thúc kiểm thử', cancelledBy: 'TĐKT' }] });
    await handle.result();
    return { units, batches };
  }, MANY);
  expect(result.units.map((u) => [u.unitId, u.deadlineVersion])).toEqual(MANY.map((u) => [u, 2]));
});

// The Java test server does not report a terminated child to its parent (temporalio/sdk-java#2921),
// so this test ends a unit by failing it; a terminated or timed-out unit takes the same path.
test('a failed (or terminated) unit does not block its batch nor the campaign: it is counted and the campaign closes', async () => {
  const id = `ended-${Date.now()}`;
  const { result } = await run(
    async (taskQueue, _sent, start) => {
      const handle = await env.client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [campaignInput(id, start)],
      });
      // The failing unit is alone in batch 2 and fails at its lock; the extension gives that batch more to do.
      await env.sleep(2 * DAY);
      await handle.executeUpdate(extendCampaign, {
        args: [
          {
            schedule: scheduleFrom(start, { deadlineDays: 22, lockDays: 27 }),
            reason: 'Trùng lịch',
            grantedBy: 'TĐKT',
          },
        ],
      });
      const view = await handle.result().catch((err: unknown) => err); // skips time to the lock and the close
      await saveHistory(env, 'batch-unit-failed-2', batchWorkflowId(id, 2)); // for test/replay
      return view;
    },
    UNITS,
    'resubmit',
  );
  expect(result).toMatchObject({
    phase: 'closed',
    batchesLocked: 3,
    counts: { pending: 0, submitted: 0, late: 0, missing: 5 },
    endedUnits: ['resubmit'],
  });
});

test('a failed unit is recorded by its batch when the campaign is cancelled too', async () => {
  const id = `ended-cancel-${Date.now()}`;
  const { result } = await run(
    async (taskQueue, _sent, start) => {
      const handle = await env.client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [campaignInput(id, start)],
      });
      await env.sleep(2 * DAY);
      await handle.executeUpdate(cancelCampaign, {
        args: [{ reason: 'Sáp nhập đơn vị hành chính', cancelledBy: 'TĐKT' }],
      });
      const view = await handle.result();
      const batch = await env.client.workflow.getHandle(batchWorkflowId(id, 2)).result();
      await saveHistory(env, 'batch-unit-failed-cancelled-2', batchWorkflowId(id, 2)); // for test/replay
      return { view, batch };
    },
    UNITS,
    'resubmit',
  );
  expect(result.view.phase).toBe('cancelled');
  expect(result.batch).toMatchObject({ batch: 2, units: 1, ended: ['resubmit'], counts: { missing: 1 } });
});

test('an operator cancelling the campaign workflow (Temporal UI) has the effect of thidua campaign cancel', async () => {
  const id = `op-${Date.now()}`;
  // It hung once under CI load (jest's timeout, no trace of where): the tree's state is printed then.
  const tree = [
    `campaign/${id}`,
    ...[0, 1, 2].map((b) => batchWorkflowId(id, b)),
    ...UNITS.map((u) => unitWorkflowId(id, u)),
  ];
  const watch = reportIfHung(env, tree, 90_000);
  const { result, sent, locks } = await run(async (taskQueue) => {
    const start = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [campaignInput(id, start)],
    });
    await env.sleep(2 * DAY);
    await handle.cancel(); // what `temporal workflow cancel -w campaign/<id>` does
    const outcome = await handle.result().catch((err: unknown) => err);
    // One result at a time: each unlocks time skipping and locks it again, on one counter of the
    // server's; concurrent, they unlocked it below zero ("Unbalanced lock and unlock calls", three
    // on every run, each retried by the client) and could take a lock the server held.
    const units: unknown[] = [];
    for (const u of UNITS) {
      units.push(
        await env.client.workflow
          .getHandle(unitWorkflowId(id, u))
          .result()
          .catch((err: unknown) => err),
      );
    }
    await env.client.workflow
      .getHandle(batchWorkflowId(id, 0))
      .result()
      .catch(() => undefined);
    const attrs = async (workflowId: string) =>
      (await env.client.workflow.getHandle(workflowId).describe()).typedSearchAttributes;
    const campaignAttrs = await attrs(`campaign/${id}`);
    const unitAttrs = await Promise.all(UNITS.map((u) => attrs(unitWorkflowId(id, u))));
    await saveHistory(env, 'campaign-operator-cancel', `campaign/${id}`); // for test/replay
    await saveHistory(env, 'batch-operator-cancel-0', batchWorkflowId(id, 0));
    await saveHistory(env, 'unit-operator-cancel', unitWorkflowId(id, 'late'));
    return {
      outcome,
      phase: campaignAttrs.get(PhaseKey),
      units,
      unitAttrs: unitAttrs.map((a) => [a.get(SubmissionStatusKey), a.get(LockedKey)]),
    };
  }).finally(() => watch.cancel());
  expect(result.outcome).toMatchObject({
    phase: 'cancelled',
    cancelled: { reason: expect.stringMatching(/Temporal/) },
  });
  expect(result.phase).toBe('cancelled');
  for (const u of UNITS) {
    expect(sent.filter((s) => s.unitId === u).map((s) => s.kind)).toEqual(['plan-issued', 'campaign-cancelled']);
  }
  expect(result.units.map((u) => (u as UnitStatusView).status)).toEqual(UNITS.map(() => 'cancelled'));
  expect(result.units.map((u) => (u as UnitStatusView).locked)).toEqual(UNITS.map(() => true));
  expect(locks.sort()).toEqual([...UNITS].sort());
  expect(result.unitAttrs).toEqual(UNITS.map(() => ['cancelled', true]));
});

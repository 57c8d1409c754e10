/**
 * Issue 17, history per unit: a normal self-review (plan, four reminders, one submission, the lock,
 * the close) played through a campaign and its batch on the time-skipping server. A unit its batch
 * started with its patches decided writes no patch marker and no `TemporalChangeVersion` upsert, and
 * runs its lock's three effects (files, notice, word to the batch) as one local activity; what a user
 * sees (its messages, the mails, the locked files, the counts) is what a unit that decides its
 * patches itself (started directly, as older batches did) shows, also when the notice cannot be sent.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import type { createActivities } from '../../activities';
import { unitLockActivities, type LockReportsInput } from '../../activities/unit-lock';
import { createUnitSignalActivities } from '../../activities/unit-signals';
import { synthesisWorkflowId } from '../../domain/synthesis-types';
import {
  batchWorkflowId,
  unitWorkflowId,
  type SentRecord,
  type UnitMessageInput,
  type UnitStatusView,
} from '../../domain/workflow-types';
import { DAY, campaignInputFrom, unitInputFrom } from '../../scripts/schedules';
import { campaignWorkflow } from '../../workflows/campaign';
import { approveSynthesis } from '../../workflows/synthesis';
import { closeUnit, submitFile, unitReviewWorkflow } from '../../workflows/unit-review';
import { saveHistory } from '../helpers/histories';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';

type Activities = ReturnType<typeof createActivities>;
type Event = temporal.api.history.v1.IHistoryEvent;

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const UNITS = ['so-tu-phap', 'so-y-te'];
const report = (c: string) => ({
  name: 'bao-cao.pdf',
  size: 100,
  sha256: c.repeat(64),
  contentType: 'application/pdf',
});
const decode = (p?: temporal.api.common.v1.IPayload | null): unknown =>
  p?.data ? JSON.parse(Buffer.from(p.data).toString('utf8')) : undefined;

/** What a unit's history holds that issue 17 counts: patch markers, local activities, version upserts. */
function historyOf(events: Event[]) {
  const markers = events.filter((e) => e.markerRecordedEventAttributes).map((e) => e.markerRecordedEventAttributes!);
  return {
    total: events.length,
    patches: markers
      .filter((m) => m.markerName === 'core_patch')
      .map((m) => decode(m.details?.['patch-data']?.payloads?.[0]) as { id: string })
      .map((d) => d.id),
    localActivities: markers
      .filter((m) => m.markerName === 'core_local_activity')
      .map((m) => (decode(m.details?.data?.payloads?.[0]) as { activity_type: string }).activity_type),
    versionUpserts: events.filter(
      (e) => e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields?.TemporalChangeVersion,
    ).length,
  };
}

/** A message line as the dashboard and `thidua unit status` show it (its time aside). */
const shown = (m: SentRecord) => ({ kind: m.kind, key: m.key, sent: m.sent, status: m.status, note: m.note });

interface Faults {
  /** A unit whose "phase locked" notice the SMTP server never takes. */
  noticeFailsFor?: string;
  /** The lock's one activity fails on every attempt. */
  lockPhaseFails?: boolean;
}

interface Run {
  sent: UnitMessageInput[];
  locks: Array<{ unitId: string; files: string[] }>;
  /** Sends refused by the SMTP server with a 421 (to be retried). */
  failedAttempts: number;
}

async function withWorker<T>(
  fn: (taskQueue: string, run: Run) => Promise<T>,
  faults: Faults = {},
): Promise<{ result: T } & Run> {
  const { noticeFailsFor } = faults;
  const run: Run = { sent: [], locks: [], failedAttempts: 0 };
  const parts = {
    async sendUnitMessage(input: UnitMessageInput) {
      if (input.unitId === noticeFailsFor && input.kind === 'phase-locked') {
        run.failedAttempts++;
        throw new Error('421 4.3.2 Service not available');
      }
      // As the real activity: a send run again (Message-ID from the key) goes out once.
      if (run.sent.some((s) => s.key === input.key)) {
        return { sent: false, reason: 'already-sent' as const, messageId: input.key, recipients: [] };
      }
      run.sent.push(input);
      return { sent: true, messageId: input.key, recipients: ['dau-moi@example.vn'] };
    },
    async lockUnitReports(input: LockReportsInput) {
      // As the real store: the first lock is the record.
      if (!run.locks.some((l) => l.unitId === input.unitId)) {
        run.locks.push({ unitId: input.unitId, files: input.files });
      }
    },
    // The unit's word to its batch that it locked: the real activity, on the test server.
    ...createUnitSignalActivities({ client: env.client }),
  };
  const activities = {
    ...parts,
    // The lock's one activity, made of these parts as the worker makes it of its own.
    lockUnitPhase: faults.lockPhaseFails
      ? () => Promise.reject(new Error('lockUnitPhase: worker overloaded'))
      : unitLockActivities(parts).lockUnitPhase,
    async loadUnitPage(input: { offset: number; limit: number }) {
      return UNITS.slice(input.offset, input.offset + input.limit).map((id) => ({ id, name: `Đơn vị ${id}` }));
    },
    async buildSynthesis() {
      const ref = { name: 'tong-hop.docx', size: 1, sha256: 'f'.repeat(64), contentType: 'application/x' };
      return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    },
    async mailSynthesis(input: { campaignId: string; key: string }) {
      await env.client.workflow
        .getHandle(synthesisWorkflowId(input.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'test' }] })
        .catch(() => undefined);
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async synthesisApproved(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
  } as unknown as Activities;
  const taskQueue = `events-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const result = await worker.runUntil(() => fn(taskQueue, run));
  return { result, ...run };
}

/**
 * A campaign of two units, each submitting after its four reminders (days 13, 17, 19, 19.63) and
 * before its deadline (day 20), locked on day 25; beside it, the same unit started directly (no batch,
 * no list of decided patches) on the same schedule.
 */
async function normalSelfReview(faults: Faults = {}) {
  const id = `events-${Date.now()}`;
  const run = await withWorker(async (taskQueue) => {
    const start = await env.currentTimeMs();
    const campaign = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [
        campaignInputFrom(start, {
          campaignId: id,
          planNumber: '67-KH/TU',
          title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW',
          contact: 'Ban Thi đua - Khen thưởng tỉnh',
          unitCount: UNITS.length,
          unitsPerBatch: UNITS.length,
          deadlineDays: 20,
          lockDays: 25,
        }),
      ],
    });
    const direct = await env.client.workflow.start(unitReviewWorkflow, {
      taskQueue,
      workflowId: `direct/${id}`,
      args: [
        unitInputFrom(start, {
          campaignId: `direct-${id}`,
          unitId: 'truc-tiep',
          unitName: 'Đơn vị trực tiếp',
          planNumber: '67-KH/TU',
          contact: 'Ban Thi đua - Khen thưởng tỉnh',
          deadlineDays: 20,
          lockDays: 25,
          issuePlan: true,
        }),
      ],
    });
    await env.sleep(19.7 * DAY);
    for (const [i, u] of UNITS.entries()) {
      await env.client.workflow
        .getHandle(unitWorkflowId(id, u))
        .executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: report('ab'[i]), submittedBy: 'f' }] });
    }
    await direct.executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: report('a'), submittedBy: 'f' }] });
    await env.sleep(5.5 * DAY); // day 25.2: past the lock
    await direct.signal(closeUnit);
    // The result skips time to the campaign's close.
    const view = await campaign.result();
    const units: Record<string, UnitStatusView> = {};
    for (const u of UNITS) units[u] = await env.client.workflow.getHandle(unitWorkflowId(id, u)).result();
    const batch = await env.client.workflow.getHandle(batchWorkflowId(id, 0)).result();
    const history = async (workflowId: string) => {
      const h = await env.client.workflow.getHandle(workflowId).fetchHistory();
      return { ...historyOf(h.events ?? []), history: h };
    };
    if (!faults.noticeFailsFor && !faults.lockPhaseFails) {
      // For test/replay: a unit of a new batch (its patches decided, its lock in one activity), its batch.
      await saveHistory(env, 'unit-decided-patches', unitWorkflowId(id, UNITS[0]));
      await saveHistory(env, 'batch-decides-unit-patches-0', batchWorkflowId(id, 0));
    }
    return {
      view,
      batch,
      units,
      directView: await direct.result(),
      batched: Object.fromEntries(
        await Promise.all(UNITS.map(async (u) => [u, await history(unitWorkflowId(id, u))] as const)),
      ),
      direct: await history(`direct/${id}`),
    };
  }, faults);
  return { id, ...run };
}

const LINES = [
  ['plan-issued', 'sent'],
  ['reminder', 'sent'],
  ['reminder', 'sent'],
  ['reminder', 'sent'],
  ['due-today', 'sent'],
  ['submission-receipt', 'sent'],
  ['phase-locked', 'sent'],
];

test('a normal self-review through a batch: no patch marker, no version upsert, the lock one marker; the same messages as a unit deciding its patches', async () => {
  const { id, result, sent, locks } = await normalSelfReview();
  const unit = result.batched[UNITS[0]];

  // The unit of the batch: no patch, no version upsert, its lock's three effects one local activity.
  expect(unit.patches).toEqual([]);
  expect(unit.versionUpserts).toBe(0);
  expect(unit.localActivities).toEqual([...Array(6).fill('sendUnitMessage'), 'lockUnitPhase']);
  // The direct one decides its patches itself (2 events each), runs the lock as two local activities
  // (no batch to tell), and writes the memo and search attributes a batch starts its units with:
  // 6 + 1 + 2 events more.
  expect(result.direct.patches.sort()).toEqual([
    'unit-local-activities',
    'unit-sends-in-background',
    'unit-upsert-changes',
  ]);
  expect(result.direct.versionUpserts).toBe(3);
  expect(result.direct.localActivities.slice(-2).sort()).toEqual(['lockUnitReports', 'sendUnitMessage']);
  expect(result.direct.total - unit.total).toBe(9);

  // What a user sees: the same message lines (all sent), the mails, the files locked, the counts.
  expect(result.units[UNITS[0]].messages.map(shown)).toEqual(result.directView.messages.map(shown));
  for (const u of UNITS) {
    expect(result.units[u].messages.map((m) => [m.kind, m.status])).toEqual(LINES);
    expect(result.units[u]).toMatchObject({ status: 'submitted', locked: true, remindersSent: 4 });
    expect(sent.filter((s) => s.unitId === u && s.kind === 'phase-locked').map((s) => s.key)).toEqual([
      `${id}/${u}/lock/self-review`,
    ]);
  }
  expect(locks.filter((l) => UNITS.includes(l.unitId)).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([
    { unitId: 'so-tu-phap', files: ['a'.repeat(64)] },
    { unitId: 'so-y-te', files: ['b'.repeat(64)] },
  ]);
  expect(result.batch).toMatchObject({ units: 2, counts: { submitted: 2, late: 0, missing: 0, pending: 0 } });
  expect(result.view).toMatchObject({ phase: 'closed', counts: { submitted: 2, missing: 0 } });
});

test('a lock notice the mail server never takes: the files are locked, the batch told, the unit completes with the notice failed', async () => {
  const failing = UNITS[1];
  const { result, sent, locks, failedAttempts } = await normalSelfReview({ noticeFailsFor: failing });

  // The other unit is untouched; the failing one's notice is recorded failed, as any message whose
  // retries gave up, and nothing else of it changes.
  expect(result.units[UNITS[0]].messages.map((m) => [m.kind, m.status])).toEqual(LINES);
  const lines = result.units[failing].messages;
  expect(lines.map((m) => [m.kind, m.status])).toEqual([...LINES.slice(0, -1), ['phase-locked', 'failed']]);
  expect(lines.at(-1)).toMatchObject({ sent: false, note: expect.any(String) });
  expect(result.units[failing]).toMatchObject({ status: 'submitted', locked: true });
  expect(sent.filter((s) => s.unitId === failing && s.kind === 'phase-locked')).toEqual([]);
  // The attempt in the lock's activity, then the send beside the main loop: local attempts, then the
  // normal activity's retries until they give up.
  expect(failedAttempts).toBeGreaterThan(3);
  expect(locks.map((l) => l.unitId).sort()).toEqual(['so-tu-phap', 'so-y-te', 'truc-tiep']);
  expect(result.batch).toMatchObject({ units: 2, counts: { submitted: 2, late: 0, missing: 0, pending: 0 } });
  expect(result.view).toMatchObject({ phase: 'closed', counts: { submitted: 2, missing: 0 } });
  // The lock itself still one marker: the notice's later attempts are its own.
  expect(result.batched[failing].localActivities.filter((t) => t !== 'sendUnitMessage')).toEqual(['lockUnitPhase']);
});

test('a lock whose one activity keeps failing: the three effects one by one, as before; the history replays', async () => {
  const { result, sent, locks } = await normalSelfReview({ lockPhaseFails: true });
  for (const u of UNITS) {
    const unit = result.batched[u];
    // Its failed attempts (one marker), then the files, the notice and the word to the batch.
    expect(unit.localActivities.slice(-4)).toEqual([
      'lockUnitPhase',
      'lockUnitReports',
      'sendUnitMessage',
      'tellBatchLocked',
    ]);
    expect(result.units[u].messages.map((m) => [m.kind, m.status])).toEqual(LINES);
    expect(sent.filter((s) => s.unitId === u && s.kind === 'phase-locked')).toHaveLength(1);
    await expect(
      Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, unit.history, `replay/${u}`),
    ).resolves.toBeUndefined();
  }
  expect(locks.map((l) => l.unitId).sort()).toEqual(['so-tu-phap', 'so-y-te', 'truc-tiep']);
  expect(result.batch).toMatchObject({ units: 2, counts: { submitted: 2, late: 0, missing: 0, pending: 0 } });
});

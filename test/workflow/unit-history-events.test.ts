/**
 * Issue 17, history per unit: a normal self-review (plan, four reminders, one submission, the lock,
 * the close) played through a campaign and its batch on the time-skipping server. A unit its batch
 * started with its patches decided writes no patch marker and no `TemporalChangeVersion` upsert;
 * what a user sees (its messages, the mails, the locked files, the counts) is what a unit that
 * decides its patches itself (started directly, as older batches did) shows.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import type { createActivities } from '../../activities';
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

interface Run {
  sent: UnitMessageInput[];
  locks: Array<{ unitId: string; files: string[] }>;
}

async function withWorker<T>(fn: (taskQueue: string, run: Run) => Promise<T>): Promise<{ result: T } & Run> {
  const run: Run = { sent: [], locks: [] };
  const activities = {
    async sendUnitMessage(input: UnitMessageInput) {
      // As the real activity: a send run again (Message-ID from the key) goes out once.
      if (run.sent.some((s) => s.key === input.key)) {
        return { sent: false, reason: 'already-sent' as const, messageId: input.key, recipients: [] };
      }
      run.sent.push(input);
      return { sent: true, messageId: input.key, recipients: ['dau-moi@example.vn'] };
    },
    async lockUnitReports(input: { unitId: string; files: string[] }) {
      if (!run.locks.some((l) => l.unitId === input.unitId))
        run.locks.push({ unitId: input.unitId, files: input.files });
    },
    // The unit's word to its batch that it locked: the real activity, on the test server.
    ...createUnitSignalActivities({ client: env.client }),
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

test('a normal self-review through a batch: no patch marker, no version upsert; the same messages as a unit deciding its patches', async () => {
  const id = `events-${Date.now()}`;
  const { result, sent, locks } = await withWorker(async (taskQueue) => {
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
    // The same unit started directly (no batch, no list of decided patches), on the same schedule.
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
    await env.sleep(19.7 * DAY); // after the four reminders (days 13, 17, 19, 19.63), before the deadline
    for (const [i, u] of UNITS.entries()) {
      await env.client.workflow
        .getHandle(unitWorkflowId(id, u))
        .executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: report('ab'[i]), submittedBy: 'f' }] });
    }
    await direct.executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report('a'), submittedBy: 'f' }],
    });
    await env.sleep(5.5 * DAY); // day 25.2: past the lock (day 25)
    await direct.signal(closeUnit);
    // The result skips time to the campaign's close.
    const view = await campaign.result();
    const units: Record<string, UnitStatusView> = {};
    for (const u of UNITS) units[u] = await env.client.workflow.getHandle(unitWorkflowId(id, u)).result();
    const batch = await env.client.workflow.getHandle(batchWorkflowId(id, 0)).result();
    const history = async (workflowId: string) =>
      historyOf((await env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []);
    await saveHistory(env, 'unit-decided-patches', unitWorkflowId(id, UNITS[0])); // for test/replay
    await saveHistory(env, 'batch-decides-unit-patches-0', batchWorkflowId(id, 0));
    return {
      view,
      batch,
      units,
      directView: await direct.result(),
      batched: await history(unitWorkflowId(id, UNITS[0])),
      direct: await history(`direct/${id}`),
    };
  });

  // The unit of the batch: no patch, no version upsert; the direct one still decides its three.
  expect(result.batched.patches).toEqual([]);
  expect(result.batched.versionUpserts).toBe(0);
  expect(result.direct.patches.sort()).toEqual([
    'unit-local-activities',
    'unit-sends-in-background',
    'unit-upsert-changes',
  ]);
  expect(result.direct.versionUpserts).toBe(3);
  expect(result.direct.total - result.batched.total).toBeGreaterThanOrEqual(6);

  // What a user sees: the same message lines (all sent), the mails, the files locked, the counts.
  const lines = UNITS.map((u) => result.units[u].messages.map(shown));
  expect(lines[0]).toEqual(result.directView.messages.map(shown));
  expect(lines[0].map((m) => [m.kind, m.status])).toEqual([
    ['plan-issued', 'sent'],
    ['reminder', 'sent'],
    ['reminder', 'sent'],
    ['reminder', 'sent'],
    ['due-today', 'sent'],
    ['submission-receipt', 'sent'],
    ['phase-locked', 'sent'],
  ]);
  for (const u of UNITS) {
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

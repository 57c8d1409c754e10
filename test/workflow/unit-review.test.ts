/**
 * A unit's deadline over weeks, on the time-skipping test server: reminders, late notice,
 * escalation ladder, extension, lock, and submissions refused after the lock. Activities are
 * replaced at the activity boundary to record what would be sent and when (workflow time).
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { Context } from '@temporalio/activity';
import type { createActivities } from '../../activities';
import {
  MAX_AWARD_FORM_CHARS,
  MAX_EXTENSIONS,
  MAX_FILE_NAME_CHARS,
  MAX_NOMINATIONS_PER_VERSION,
  MAX_NOMINATIONS_TEXT_CHARS,
  MAX_NOMINEE_NAME_CHARS,
  MAX_PERSON_CHARS,
  MAX_POSITION_CHARS,
  MAX_STAFF_REASON_CHARS,
  MAX_VERSIONS_PER_KIND,
} from '../../domain/submission-rules';
import type { Nomination, UnitMessageInput } from '../../domain/workflow-types';
import {
  closeUnit,
  getNominationVersion,
  getUnitStatus,
  grantExtension,
  sendReminderNow,
  submitFile,
  submitNominations,
  unitReviewWorkflow,
} from '../../workflows/unit-review';
import { saveHistory } from '../helpers/histories';
import { LockedKey, SubmissionStatusKey } from '../../domain/search-attributes';
import { DAY, scheduleFrom, unitInputFrom } from '../../scripts/schedules';
import { activityTimeMs } from '../helpers/activity-time';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';

type Activities = ReturnType<typeof createActivities>;
interface Sent {
  kind: string;
  key: string;
  at: number;
  notify?: string[];
  cc?: string[];
}

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await timeSkippingEnv();
});
afterAll(async () => {
  await env?.teardown();
});

const report = {
  name: 'bao-cao-tong-ket.pdf',
  size: 1234,
  sha256: 'a'.repeat(64),
  contentType: 'application/pdf',
};

function recordingActivities(sent: Sent[], locks: string[]): Activities {
  return {
    async sendUnitMessage(input: UnitMessageInput) {
      sent.push({
        kind: input.kind,
        key: input.key,
        at: await activityTimeMs(env),
        notify: input.notify,
        cc: input.cc,
      });
      return { sent: true, messageId: `<${input.key}>`, recipients: ['x@example.vn'] };
    },
    async lockUnitReports(input: { unitId: string }) {
      locks.push(input.unitId);
    },
    async loadUnitPage() {
      return [];
    },
  } as unknown as Activities;
}

async function startUnit(taskQueue: string, unitId: string, start: number) {
  const input = unitInputFrom(start, {
    campaignId: 'test',
    unitId,
    unitName: `Đơn vị ${unitId}`,
    contact: 'Ban Thi đua - Khen thưởng tỉnh, ĐT 0211.3862.xxx',
    deadlineDays: 30,
    lockDays: 35,
    issuePlan: true,
  });
  return env.client.workflow.start(unitReviewWorkflow, {
    taskQueue,
    workflowId: `unit-${unitId}-${Date.now()}`,
    args: [input],
  });
}

async function withWorker<T>(sent: Sent[], locks: string[], fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `tq-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities: recordingActivities(sent, locks),
  });
  return worker.runUntil(() => fn(taskQueue));
}

test('a unit that never submits: reminders, late notice, escalation ladder and lock over 35 days, in seconds', async () => {
  const sent: Sent[] = [];
  const locks: string[] = [];
  const wallStart = Date.now();
  const view = await withWorker(sent, locks, async (tq) => {
    const start = await env.currentTimeMs();
    const handle = await startUnit(tq, 'silent', start);
    await env.sleep(36 * DAY); // past the lock at day 35
    await handle.signal(closeUnit);
    const result = await handle.result();
    return { result, start };
  });
  const { result, start } = view;
  const days = (ms: number) => Math.round(((ms - start) / DAY) * 100) / 100;

  expect(sent.map((s) => s.kind)).toEqual([
    'plan-issued',
    'reminder',
    'reminder',
    'reminder',
    'due-today',
    'late-notice',
    'escalation',
    'escalation',
    'phase-locked',
  ]);
  // 30-day deadline: 7, 3, 1 days before, the morning of, then late at 30, escalations at 31 and 33, lock at 35.
  expect(sent.map((s) => days(s.at))).toEqual([0, 23, 27, 29, 29.63, 30, 31, 33, 35]);
  expect(sent[6]).toMatchObject({ notify: ['head'], cc: [] });
  expect(sent[7]).toMatchObject({ notify: ['supervisor'], cc: ['secretariat'] });
  expect(result.status).toBe('missing');
  expect(result.locked).toBe(true);
  expect(locks).toEqual(['silent']);
  // 35 days of workflow time must not take 35 days (nor minutes) of wall time.
  expect(Date.now() - wallStart).toBeLessThan(60_000);
});

test('a unit that submits stops receiving reminders, gets a receipt, and keeps every version', async () => {
  const sent: Sent[] = [];
  const { result, start } = await withWorker(sent, [], async (tq) => {
    const start = await env.currentTimeMs();
    const handle = await startUnit(tq, 'diligent', start);
    await env.sleep(25 * DAY); // after the 7-day reminder (day 23)
    const first = await handle.executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report, submittedBy: 'focal' }],
    });
    expect(first).toMatchObject({ version: 1, late: false, status: 'submitted' });
    const second = await handle.executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: { ...report, sha256: 'b'.repeat(64) }, submittedBy: 'focal' }],
    });
    expect(second.version).toBe(2);
    await env.sleep(11 * DAY); // day 36: locked
    await handle.signal(closeUnit);
    const result = await handle.result();
    await saveHistory(env, 'unit-submitted-local-effects', handle.workflowId); // for test/replay
    return { result, start };
  });
  const kinds = sent.map((s) => s.kind);
  expect(kinds).toEqual(['plan-issued', 'reminder', 'submission-receipt', 'submission-receipt', 'phase-locked']);
  expect(Math.round((sent[1].at - start) / DAY)).toBe(23);
  expect(result.status).toBe('submitted');
  expect(result.reports.map((r) => [r.version, r.sha256[0]])).toEqual([
    [1, 'a'],
    [2, 'b'],
  ]);
});

test('a reminder sent now at the secretariat’s request goes out at once, each request once; refused after submission and after the lock', async () => {
  const sent: Sent[] = [];
  const { start, statusAfter } = await withWorker(sent, [], async (tq) => {
    const start = await env.currentTimeMs();
    const handle = await startUnit(tq, 'reminded', start);
    await env.sleep(5 * DAY);
    expect(await handle.executeUpdate(sendReminderNow, { args: [{ requestedBy: 'Nguyễn Thị Hạnh' }] })).toEqual({
      queued: true,
    });
    await env.sleep(3600_000);
    expect(await handle.executeUpdate(sendReminderNow, { args: [{ requestedBy: 'Nguyễn Thị Hạnh' }] })).toEqual({
      queued: true,
    });
    await env.sleep(3600_000);
    await handle.executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: report, submittedBy: 'focal' }] });
    await expect(
      handle.executeUpdate(sendReminderNow, { args: [{ requestedBy: 'Nguyễn Thị Hạnh' }] }),
    ).rejects.toMatchObject({ cause: { message: 'Đơn vị đã nộp báo cáo: không cần nhắc.' } });
    const statusAfter = await handle.query(getUnitStatus);
    await env.sleep(31 * DAY); // past the lock at day 35
    await expect(
      handle.executeUpdate(sendReminderNow, { args: [{ requestedBy: 'Nguyễn Thị Hạnh' }] }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/đã khóa/) } });
    await handle.signal(closeUnit);
    await handle.result();
    return { start, statusAfter };
  });
  const manual = sent.filter((s) => s.key.includes('/manual/'));
  expect(manual.map((s) => s.kind)).toEqual(['reminder', 'reminder']);
  expect(new Set(manual.map((s) => s.key)).size).toBe(2); // two requests, two messages, each with its own key
  // Sent within minutes of each request (days 5 and 5 + 1 h), not at the next scheduled reminder (day 23).
  expect(manual.map((s) => Math.round(((s.at - start) / DAY) * 24))).toEqual([120, 121]);
  expect(statusAfter.remindersSent).toBeGreaterThanOrEqual(2);
  expect(sent.map((s) => s.kind)).toEqual([
    'plan-issued',
    'reminder',
    'reminder',
    'submission-receipt',
    'phase-locked',
  ]);
});

test('two quick reminders sent now are two messages, each with its own key', async () => {
  const sent: Sent[] = [];
  await withWorker(sent, [], async (tq) => {
    const start = await env.currentTimeMs();
    const handle = await startUnit(tq, 'reminded-twice', start);
    await env.sleep(5 * DAY);
    const ask = () => handle.executeUpdate(sendReminderNow, { args: [{ requestedBy: 'Nguyễn Thị Hạnh' }] });
    expect(await Promise.all([ask(), ask()])).toEqual([{ queued: true }, { queued: true }]);
    await env.sleep(3600_000);
    const status = await handle.query(getUnitStatus);
    // Sent side by side: in either order.
    expect(
      status.messages
        .filter((m) => m.key.startsWith('manual/'))
        .map((m) => m.key)
        .sort(),
    ).toEqual(['manual/1', 'manual/2']);
    await handle.signal(closeUnit);
    await handle.result();
  });
  const manual = sent.filter((s) => s.key.includes('/manual/'));
  expect(new Set(manual.map((s) => s.key)).size).toBe(2);
});

test('an extension moves pending reminders and escalations; a late submission is marked late; after the lock it is refused', async () => {
  const sent: Sent[] = [];
  await withWorker(sent, [], async (tq) => {
    const start = await env.currentTimeMs();
    const handle = await startUnit(tq, 'extended', start);
    await env.sleep(28 * DAY);
    // New deadline at day 40, lock at day 45: the 3-day reminder of the new deadline (day 37) still comes.
    const newSchedule = scheduleFrom(start, { deadlineDays: 40, lockDays: 45 });
    const ext = await handle.executeUpdate(grantExtension, {
      args: [{ schedule: newSchedule, reason: 'Đơn vị đang kiện toàn lãnh đạo', grantedBy: 'secretariat' }],
    });
    expect(ext.deadlineVersion).toBe(2);
    await expect(
      handle.executeUpdate(grantExtension, {
        args: [{ schedule: scheduleFrom(start, { deadlineDays: 39, lockDays: 45 }), reason: 'x', grantedBy: 's' }],
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/phải sau hạn hiện tại/) } });
    await env.sleep(13.5 * DAY); // day 41.5: after the first escalation
    const late = await handle.executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report, submittedBy: 'focal' }],
    });
    expect(late).toMatchObject({ late: true, status: 'late' });
    await env.sleep(5 * DAY); // day 46.5: locked at 45
    const refused = handle.executeUpdate(submitFile, {
      args: [{ kind: 'summary-report', file: report, submittedBy: 'focal' }],
    });
    await expect(refused).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await expect(refused).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/đã khóa lúc .*Liên hệ: Ban Thi đua/) },
    });
    const status = await handle.query(getUnitStatus);
    expect(status.reports).toHaveLength(1); // nothing accepted was lost, nothing refused was added
    expect(status.locked).toBe(true);
    expect(status.status).toBe('late');
    await handle.signal(closeUnit);
    await handle.result();
    await saveHistory(env, 'unit-standalone-extended-late', handle.workflowId); // for test/replay
    return start;
  });
  const kinds = sent.map((s) => `${s.kind}:${s.key.split('/').slice(2).join('/')}`);
  // Before the extension: 7- and 3-day reminders of v1 (days 23, 27). After it: v2's reminders at
  // days 33, 37, 39 and the morning of 40, late notice at 40, first escalation at 41; then the unit submits.
  expect(kinds).toEqual([
    'plan-issued:plan-issued',
    'reminder:v1/r-7d',
    'reminder:v1/r-3d',
    'extension-granted:extension/v2',
    'reminder:v2/r-7d',
    'reminder:v2/r-3d',
    'reminder:v2/r-1d',
    'due-today:v2/r-0d',
    'late-notice:v2/late',
    'escalation:v2/esc1',
    'submission-receipt:receipt/summary-report/v1',
    'phase-locked:lock/self-review',
  ]);
});

// The Java test server skips no time while a workflow task waits for a worker, so an outage is shown
// as what the workflow sees on its first task after one: every step of its schedule already past.
test('after an outage past the lock, the late notice and escalations are not sent with the lock notice', async () => {
  const sent: Sent[] = [];
  const { status, result, start } = await withWorker(sent, [], async (tq) => {
    const now = await env.currentTimeMs();
    const start = now - 36 * DAY; // deadline day 30, escalations 31 and 33, lock 35: all before now
    const handle = await startUnit(tq, 'outage', start);
    for (let i = 0; i < 100 && !(await handle.query(getUnitStatus)).locked; i++) await env.sleep(60_000);
    const status = await handle.query(getUnitStatus);
    await handle.signal(closeUnit);
    const result = await handle.result();
    await saveHistory(env, 'unit-outage-past-lock', handle.workflowId); // for test/replay
    return { status, result, start };
  });
  const kinds = sent.map((s) => s.kind);
  expect(kinds).not.toContain('late-notice');
  expect(kinds).not.toContain('escalation');
  // The past reminders go out beside the main loop (their stale check is the real activity's, not
  // this recorder's), so the order in which the recorder sees them and the lock notice is not fixed.
  const lockNotices = sent.filter((s) => s.kind === 'phase-locked');
  expect(lockNotices).toHaveLength(1);
  expect(lockNotices[0].at - start).toBeGreaterThanOrEqual(36 * DAY);
  // Recorded as skipped, stale: after the lock.
  const skipped = status.messages.filter((m) => m.kind === 'late-notice' || m.kind === 'escalation');
  expect(skipped.map((m) => [m.kind, m.sent, m.note])).toEqual([
    ['late-notice', false, expect.stringMatching(/stale/)],
    ['escalation', false, expect.stringMatching(/stale/)],
    ['escalation', false, expect.stringMatching(/stale/)],
  ]);
  expect(result.status).toBe('missing');
});

test('a unit cancelled directly by an operator is told, locked and reads cancelled', async () => {
  const sent: Sent[] = [];
  const locks: string[] = [];
  const result = await withWorker(sent, locks, async (tq) => {
    const handle = await startUnit(tq, 'op-cancelled', await env.currentTimeMs());
    await env.sleep(3 * DAY);
    await handle.cancel();
    const result = await handle.result();
    const attrs = (await handle.describe()).typedSearchAttributes;
    return { ...result, attrs: [attrs.get(SubmissionStatusKey), attrs.get(LockedKey)] };
  });
  expect(sent.map((s) => s.kind)).toEqual(['plan-issued', 'campaign-cancelled']);
  expect(result).toMatchObject({
    status: 'cancelled',
    locked: true,
    cancelled: { reason: expect.stringMatching(/Temporal/) },
  });
  expect(result.attrs).toEqual(['cancelled', true]);
  expect(locks).toEqual(['op-cancelled']);
});

test('a send that keeps failing does not hold the unit: escalations and the lock come on time, the failure is recorded', async () => {
  const sent: Sent[] = [];
  const activities = {
    ...recordingActivities(sent, []),
    async sendUnitMessage(input: UnitMessageInput) {
      // The late notice's mail server keeps answering 4xx (retryable): retried for hours, then given up.
      if (input.kind === 'late-notice') throw new Error('451 thử lại sau');
      return recordingActivities(sent, []).sendUnitMessage(input);
    },
  } as Activities;
  const taskQueue = `tq-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const { start, status, result } = await worker.runUntil(async () => {
    const start = await env.currentTimeMs();
    const handle = await startUnit(taskQueue, 'failing-send', start);
    await env.sleep(36 * DAY); // past the lock at day 35
    const status = await handle.query(getUnitStatus);
    await handle.signal(closeUnit).catch(() => undefined); // not if it failed
    const result = await handle.result().catch((err: unknown) => err);
    await saveHistory(env, 'unit-failing-send', handle.workflowId); // for test/replay
    return { start, status, result };
  });
  const days = (ms: number) => Math.round(((ms - start) / DAY) * 100) / 100;
  expect(
    sent.filter((s) => s.kind !== 'reminder' && s.kind !== 'due-today').map((s) => `${s.kind}@${days(s.at)}`),
  ).toEqual(['plan-issued@0', 'escalation@31', 'escalation@33', 'phase-locked@35']);
  expect(status.messages.find((m) => m.kind === 'late-notice')).toMatchObject({ sent: false, status: 'failed' });
  expect(result).toMatchObject({ status: 'missing', locked: true });
});

test('a message whose quick local attempts fail goes out through the normal activity, once', async () => {
  const sent: Sent[] = [];
  const attempts: Array<{ kind: string; local: boolean }> = [];
  const activities = {
    ...recordingActivities(sent, []),
    async sendUnitMessage(input: UnitMessageInput) {
      // The SMTP server refuses connections for the first seconds (the local attempts), then takes mail.
      const local = Context.current().info.isLocal;
      attempts.push({ kind: input.kind, local });
      if (input.kind === 'plan-issued' && local) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      return recordingActivities(sent, []).sendUnitMessage(input);
    },
  } as Activities;
  const taskQueue = `tq-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const status = await worker.runUntil(async () => {
    const handle = await startUnit(taskQueue, 'smtp-down', await env.currentTimeMs());
    await env.sleep(DAY);
    const status = await handle.query(getUnitStatus);
    await handle.cancel();
    await handle.result();
    await saveHistory(env, 'unit-local-send-fallback', handle.workflowId); // for test/replay
    return status;
  });
  const plan = attempts.filter((a) => a.kind === 'plan-issued');
  expect(plan.filter((a) => a.local).length).toBeGreaterThanOrEqual(1);
  expect(plan.at(-1)).toEqual({ kind: 'plan-issued', local: false });
  expect(sent.filter((s) => s.kind === 'plan-issued')).toHaveLength(1);
  expect(status.messages.find((m) => m.kind === 'plan-issued')).toMatchObject({ sent: true });
});

/**
 * Worst case of the `getUnitStatus` answer (issue 19): what a unit can type and send is bounded by the
 * limits of `domain/submission-rules.ts`; every character counted at 3 bytes (UTF-8 of Vietnamese
 * letters; control characters and lone surrogates, which JSON would escape to 6, are refused).
 *   files: 2 kinds × 20 versions × (name 180 + submittedBy 200) × 3 B + 400 B of fields ≈ 2 × 20 × 1,540
 *   nominations: 20 summaries × (submittedBy 200 × 3 + 120 B), the latest in full: 10,000 × 3 + 10 rows × 100 B + 700 B
 *   extensions: 20 of the unit + 20 campaign-wide, × ((reason 1,000 + grantedBy 200) × 3 + 150 B)
 *   messages: at most ~600 records (receipts, notices, reminders of 41 deadline versions) × 200 B
 *   the rest (schedule, due, names): 20 KB
 * ≈ 61.6 + 14.4 + 31.7 + 150 + 120 + 20 KB ≈ 398 KB: under 512 KB, a quarter of Temporal's 2 MB limit.
 */
const B = 3;
const WORST_CASE_QUERY_BYTES =
  2 * MAX_VERSIONS_PER_KIND * ((MAX_FILE_NAME_CHARS + MAX_PERSON_CHARS) * B + 400) +
  MAX_VERSIONS_PER_KIND * (MAX_PERSON_CHARS * B + 120) +
  (MAX_NOMINATIONS_TEXT_CHARS * B + MAX_NOMINATIONS_PER_VERSION * 100 + 700) +
  2 * MAX_EXTENSIONS * ((MAX_STAFF_REASON_CHARS + MAX_PERSON_CHARS) * B + 150) +
  600 * 200 +
  20_000;
const QUERY_BOUND_BYTES = 512 * 1024;

test('a unit at every limit stays readable: the query answer is bounded, more versions are refused, older ones come on demand', async () => {
  expect(WORST_CASE_QUERY_BYTES).toBeLessThan(QUERY_BOUND_BYTES);
  const sent: Sent[] = [];
  const ệ = (n: number) => 'ệ'.repeat(n); // 3 bytes in UTF-8: the largest a typed character gets
  const form = 'Bằng khen ' + ệ(MAX_AWARD_FORM_CHARS - 10);
  const reasonsChars = MAX_NOMINATIONS_TEXT_CHARS / MAX_NOMINATIONS_PER_VERSION - 3 * 200;
  const row = (v: number, i: number): Nomination => ({
    type: i % 2 ? 'individual' : 'collective',
    name: `${v}-${i} ` + ệ(MAX_NOMINEE_NAME_CHARS - `${v}-${i} `.length),
    position: ệ(MAX_POSITION_CHARS),
    awardForm: form,
    reasons: ệ(reasonsChars),
  });
  const by = ệ(MAX_PERSON_CHARS);
  const { status, result, first, refusals } = await withWorker(sent, [], async (tq) => {
    const start = await env.currentTimeMs();
    const input = unitInputFrom(start, {
      campaignId: 'test',
      unitId: 'at-limits',
      unitName: 'Đơn vị ở mọi giới hạn',
      contact: 'Ban Thi đua - Khen thưởng tỉnh, ĐT 0211.3862.xxx',
      deadlineDays: 30,
      lockDays: 35,
    });
    input.phase.due.nominations = {
      required: true,
      quota: { total: MAX_NOMINATIONS_PER_VERSION },
      forms: [form],
    };
    const handle = await env.client.workflow.start(unitReviewWorkflow, {
      taskQueue: tq,
      workflowId: `unit-at-limits-${Date.now()}`,
      args: [input],
    });
    for (let v = 1; v <= MAX_VERSIONS_PER_KIND; v++) {
      const nominations = Array.from({ length: MAX_NOMINATIONS_PER_VERSION }, (_, i) => row(v, i));
      expect(await handle.executeUpdate(submitNominations, { args: [{ nominations, submittedBy: by }] })).toMatchObject(
        { version: v },
      );
      for (const kind of ['summary-report', 'presentation-paper'] as const) {
        const file = {
          ...report,
          name: `${v}-` + ệ(MAX_FILE_NAME_CHARS - `${v}-`.length - 5) + '.docx',
          contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: 25 * 1024 * 1024,
          sha256: v.toString(16).padStart(64, '0'),
        };
        await handle.executeUpdate(submitFile, { args: [{ kind, file, submittedBy: by }] });
      }
    }
    for (let i = 1; i <= MAX_EXTENSIONS; i++) {
      await handle.executeUpdate(grantExtension, {
        args: [
          {
            schedule: scheduleFrom(start, { deadlineDays: 30 + i, lockDays: 35 + i }),
            reason: ệ(MAX_STAFF_REASON_CHARS),
            grantedBy: by,
          },
        ],
      });
    }
    const cause = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (err: { cause?: Error }) => err.cause?.message,
      );
    const nominations = [row(99, 0)];
    const refusals = {
      nominations: await cause(handle.executeUpdate(submitNominations, { args: [{ nominations, submittedBy: 'x' }] })),
      report: await cause(
        handle.executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: report, submittedBy: 'x' }] }),
      ),
      extension: await cause(
        handle.executeUpdate(grantExtension, {
          args: [{ schedule: scheduleFrom(start, { deadlineDays: 60, lockDays: 65 }), reason: 'x', grantedBy: 'x' }],
        }),
      ),
    };
    const status = await handle.query(getUnitStatus);
    const first = await handle.query(getNominationVersion, 1);
    expect(await handle.query(getNominationVersion, MAX_VERSIONS_PER_KIND + 1)).toBeNull();
    await handle.signal(closeUnit);
    return { status, result: await handle.result(), first, refusals };
  });

  const size = Buffer.byteLength(JSON.stringify(status), 'utf8');
  expect(size).toBeLessThan(WORST_CASE_QUERY_BYTES);
  // The unit-typed part is at its worst: it alone is over a third of the bound.
  expect(size).toBeGreaterThan(WORST_CASE_QUERY_BYTES / 3);
  expect(Buffer.byteLength(JSON.stringify(result), 'utf8')).toBeLessThan(WORST_CASE_QUERY_BYTES);

  expect(status.reports).toHaveLength(MAX_VERSIONS_PER_KIND);
  expect(status.papers).toHaveLength(MAX_VERSIONS_PER_KIND);
  expect(status.extensions).toHaveLength(MAX_EXTENSIONS);
  expect(status.nominations).toHaveLength(MAX_VERSIONS_PER_KIND);
  expect(status.nominations[0]).toEqual({
    version: 1,
    receivedAt: expect.any(String),
    submittedBy: by,
    late: false,
    count: MAX_NOMINATIONS_PER_VERSION,
  });
  expect(status.latestNominations?.version).toBe(MAX_VERSIONS_PER_KIND);
  expect(status.latestNominations?.nominations[0].name).toMatch(new RegExp(`^${MAX_VERSIONS_PER_KIND}-0 `));
  expect(first?.version).toBe(1);
  expect(first?.nominations).toEqual(Array.from({ length: MAX_NOMINATIONS_PER_VERSION }, (_, i) => row(1, i)));

  const contact = 'Ban Thi đua - Khen thưởng tỉnh, ĐT 0211.3862.xxx';
  expect(refusals.nominations).toBe(
    `Đơn vị đã gửi ${MAX_VERSIONS_PER_KIND} phiên bản hồ sơ đề nghị khen thưởng, tối đa ${MAX_VERSIONS_PER_KIND} phiên bản; ` +
      `không nhận thêm. Nếu cần sửa tiếp, xin liên hệ Thường trực Hội đồng Thi đua - Khen thưởng: ${contact}.`,
  );
  expect(refusals.report).toMatch(/^Đơn vị đã gửi 20 phiên bản báo cáo tổng kết, tối đa 20 phiên bản/);
  expect(refusals.extension).toBe(
    `Đơn vị đã được gia hạn 20 lần, tối đa ${MAX_EXTENSIONS} lần; không thể gia hạn thêm.`,
  );
  // Nothing refused was recorded: 60 receipts and 20 extension notices, no more.
  expect(sent.filter((s) => s.kind === 'submission-receipt')).toHaveLength(3 * MAX_VERSIONS_PER_KIND);
  expect(sent.filter((s) => s.kind === 'extension-granted')).toHaveLength(MAX_EXTENSIONS);
}, 300_000);

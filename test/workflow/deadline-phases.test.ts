/**
 * A campaign with two deadline phases on the time-skipping server (issue 11): units owe first their
 * plan ("Kế hoạch tổ chức Đại hội Thi đua"), then their results ("Báo cáo kết quả"), each phase with
 * its own reminders, deadline, escalation and lock. The first locks with one unit late and one
 * missing; the second opens and its reminders go out; a submission to the closed first phase, or to
 * the second before it opens, is refused in Vietnamese; the campaign reaches synthesis after the
 * second lock and closes.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import type { ReadInstant } from '../../domain/timeline-types';
import {
  batchWorkflowId,
  unitWorkflowId,
  type CampaignInput,
  type CampaignStatusView,
  type DeadlinePhaseMemo,
  type DueSummary,
  type UnitMessageInput,
  type UnitStatusView,
} from '../../domain/workflow-types';
import { synthesisWorkflowId } from '../../domain/synthesis-types';
import { campaignWorkflow, extendCampaign, getCampaignStatus } from '../../workflows/campaign';
import { approveSynthesis } from '../../workflows/synthesis';
import { getUnitStatus, grantExtension, submitFile } from '../../workflows/unit-review';
import { DAY, scheduleFrom } from '../../scripts/schedules';
import { saveHistory } from '../helpers/histories';
import { activityTimeMs } from '../helpers/activity-time';
import { createUnitSignalActivities } from '../../activities/unit-signals';
import { dataConverterOf, timeSkippingEnv, workflowBundle } from '../helpers/temporal';
import { withUnitLock } from '../helpers/unit-lock';

type Activities = ReturnType<typeof createActivities>;

let env: TestWorkflowEnvironment;
beforeEach(async () => {
  env = await timeSkippingEnv();
});
afterEach(async () => {
  await env?.teardown();
});

const UNITS = ['dung-han', 'nop-muon', 'khong-nop'];
const PLAN: DueSummary = {
  summaryReport: 'none',
  presentationPaper: 'none',
  deliverables: [{ id: 'ke-hoach', name: 'Kế hoạch tổ chức Đại hội Thi đua', required: true, accept: ['pdf', 'docx'] }],
};
const RESULTS: DueSummary = {
  summaryReport: 'none',
  presentationPaper: 'none',
  deliverables: [{ id: 'bao-cao-ket-qua', name: 'Báo cáo kết quả', required: true, accept: ['pdf'] }],
};
/** The Vietnamese words of a refused update. */
const refusal = (e: { cause?: { message?: string }; message: string }) => e.cause?.message ?? e.message;
const pdf = (c: string) => ({ name: 'tai-lieu.pdf', size: 100, sha256: c.repeat(64), contentType: 'application/pdf' });

/** Phase 1: deadline day 10, lock day 12. Phase 2: opens day 13, deadline day 25, lock day 28. */
function input(id: string, start: number): CampaignInput {
  const at = (day: number): ReadInstant => {
    const ms = start + day * DAY;
    return { utc: new Date(ms).toISOString(), local: `ngày ${day}`, written: '', reading: 'test' };
  };
  const shifted = (from: number, deadlineDays: number, lockDays: number) => {
    const s = scheduleFrom(start + from * DAY, { deadlineDays, lockDays, reminders: [3, 1], escalations: [1] });
    return s;
  };
  return {
    campaignId: id,
    planNumber: 'KH-TEST',
    title: 'Tổ chức Đại hội Thi đua các cấp',
    definitionRef: '0'.repeat(64),
    contact: 'Thường trực Hội đồng TĐKT Bộ',
    unitCount: UNITS.length,
    unitsPerBatch: 2,
    due: PLAN,
    dues: [PLAN, RESULTS],
    compiled: {
      campaignId: id,
      planNumber: 'KH-TEST',
      timeZone: 'Asia/Ho_Chi_Minh',
      phases: [
        { kind: 'plan-issue', name: 'Gửi kế hoạch', windowStart: at(0), windowEnd: at(1) },
        {
          kind: 'self-review',
          id: 'ke-hoach',
          name: 'Gửi kế hoạch của đơn vị',
          windowStart: at(0),
          windowEnd: at(12),
          deadline: shifted(0, 10, 12),
        },
        {
          kind: 'self-review',
          id: 'ket-qua',
          name: 'Báo cáo kết quả',
          windowStart: at(13),
          windowEnd: at(28),
          deadline: shifted(13, 12, 15),
        },
        { kind: 'synthesis', name: 'Tổng hợp', windowStart: at(28), windowEnd: at(35) },
      ],
    },
  };
}

test('two deadline phases, one after the other', async () => {
  const sent: Array<{ unitId: string; kind: string; key: string; day: number; phaseId?: string; deadline: string }> =
    [];
  const start = await env.currentTimeMs();
  const activities = withUnitLock({
    async sendUnitMessage(m: UnitMessageInput) {
      const at = await activityTimeMs(env);
      const day = Math.round(((at - start) / DAY) * 100) / 100;
      sent.push({ unitId: m.unitId, kind: m.kind, key: m.key, day, phaseId: m.phaseId, deadline: m.deadline });
      return { sent: true, messageId: m.key, recipients: [] };
    },
    async lockUnitReports() {},
    // The batch's signals to its units go through this activity: the real one, on the test server.
    ...createUnitSignalActivities({ client: env.client }),
    async loadUnitPage(q: { offset: number; limit: number }) {
      return UNITS.slice(q.offset, q.offset + q.limit).map((id) => ({ id, name: `Đơn vị ${id}` }));
    },
    async buildSynthesis() {
      const ref = { name: 'tong-hop.docx', size: 1, sha256: 'f'.repeat(64), contentType: 'application/x' };
      return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    },
    async mailSynthesis(q: { campaignId: string; key: string }) {
      await env.client.workflow
        .getHandle(synthesisWorkflowId(q.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: 'test' }] })
        .catch(() => undefined);
      return { sent: true, messageId: q.key, recipients: [] };
    },
    async synthesisApproved(q: { key: string }) {
      return { sent: true, messageId: q.key, recipients: [] };
    },
  }) as unknown as Activities;
  const taskQueue = `phases-${Math.random().toString(36).slice(2)}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterOf(env),
    activities,
  });
  const id = `phases-${Date.now()}`;

  const out = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: `campaign/${id}`,
      args: [input(id, start)],
    });
    const unit = (u: string) => env.client.workflow.getHandle(unitWorkflowId(id, u));
    const submit = (u: string, deliverable: string, c: string, phaseId?: string) =>
      unit(u).executeUpdate(submitFile, {
        args: [
          { kind: 'summary-report', deliverable, ...(phaseId ? { phaseId } : {}), file: pdf(c), submittedBy: 'f' },
        ],
      });

    await env.sleep(2 * DAY);
    await submit('dung-han', 'ke-hoach', 'a');
    // An extension of the second phase granted before it opens: kept, applied when it opens.
    const laterSchedule = scheduleFrom(start + 13 * DAY, {
      deadlineDays: 13,
      lockDays: 15,
      reminders: [3, 1],
      escalations: [1],
    });
    await unit('khong-nop').executeUpdate(grantExtension, {
      args: [{ schedule: laterSchedule, reason: 'Đơn vị tổ chức Đại hội muộn', grantedBy: 'TĐKT', phaseId: 'ket-qua' }],
    });
    // A file type the deliverable does not take, and a deliverable the phase does not ask for.
    const wrongType = await unit('dung-han')
      .executeUpdate(submitFile, {
        args: [
          {
            kind: 'summary-report',
            deliverable: 'ke-hoach',
            file: { ...pdf('b'), name: 'ke-hoach.odt', contentType: 'application/vnd.oasis.opendocument.text' },
            submittedBy: 'f',
          },
        ],
      })
      .catch(refusal);
    await env.sleep(8.5 * DAY); // day 10.5: half a day late, before the escalation
    await submit('nop-muon', 'ke-hoach', 'c');
    await env.sleep(2 * DAY); // day 12.5: the first phase locked, the second not open yet
    const closed = await submit('khong-nop', 'ke-hoach', 'd').catch(refusal);
    const notYet = await submit('khong-nop', 'bao-cao-ket-qua', 'd', 'ket-qua').catch(refusal);
    const afterFirst = await handle.query(getCampaignStatus);
    // What `campaign status` reads, without a worker: the campaign's memo.
    const memo = (await handle.describe()).memo as { deadlinePhases?: DeadlinePhaseMemo[] };
    const unitAfterFirst = await unit('khong-nop').query(getUnitStatus);

    // A campaign-wide extension of the locked first phase is refused; of the second, applied.
    const refusedExtension = await handle
      .executeUpdate(extendCampaign, {
        args: [
          {
            schedule: scheduleFrom(start, { deadlineDays: 14, lockDays: 15 }),
            reason: 'Thử gia hạn giai đoạn đã khóa',
            grantedBy: 'TĐKT',
            phaseId: 'ke-hoach',
          },
        ],
      })
      .catch(refusal);

    await env.sleep(1.5 * DAY); // day 14: the second phase open
    await submit('dung-han', 'bao-cao-ket-qua', 'e', 'ket-qua');
    await submit('khong-nop', 'bao-cao-ket-qua', 'f');
    const campaign: CampaignStatusView = await handle.result();
    const statuses: Record<string, UnitStatusView> = {};
    for (const u of UNITS) statuses[u] = await unit(u).result();
    // Histories for the replay tests (test/replay): campaign, batch and unit of two deadline phases.
    await env.client.workflow.getHandle(batchWorkflowId(id, 0)).result();
    await saveHistory(env, 'campaign-two-deadlines', `campaign/${id}`);
    await saveHistory(env, 'batch-two-deadlines-0', batchWorkflowId(id, 0));
    await saveHistory(env, 'unit-two-deadlines', unitWorkflowId(id, 'nop-muon'));
    return { wrongType, closed, notYet, afterFirst, memo, unitAfterFirst, refusedExtension, campaign, statuses };
  });

  expect(String(out.wrongType)).toContain(
    'Tệp "ke-hoach.odt" không đúng định dạng cho "Kế hoạch tổ chức Đại hội Thi đua"; chấp nhận: PDF, DOCX.',
  );
  expect(String(out.closed)).toContain('Giai đoạn "Gửi kế hoạch của đơn vị" đã khóa lúc');
  expect(String(out.notYet)).toContain('Giai đoạn "Báo cáo kết quả" chưa mở nhận hồ sơ (mở từ ngày 13)');
  expect(String(out.refusedExtension)).toContain('Giai đoạn "Gửi kế hoạch của đơn vị" đã khóa');

  // After the first lock: the campaign shows the second phase under way and the first's counts.
  expect(out.afterFirst.phase).toBe('self-review');
  expect(out.afterFirst.deadlinePhase).toBe('ket-qua');
  expect(out.afterFirst.deadlinePhases?.[0]).toMatchObject({
    id: 'ke-hoach',
    batchesLocked: 2,
    counts: { submitted: 1, late: 1, missing: 1, pending: 0 },
  });
  expect(out.memo.deadlinePhases?.map((p) => [p.id, p.current, p.counts?.late ?? null])).toEqual([
    ['ke-hoach', false, 1],
    ['ket-qua', true, null],
  ]);
  expect(out.unitAfterFirst.phase).toMatchObject({ id: 'ket-qua', name: 'Báo cáo kết quả' });
  // The second phase opened with the extension granted beforehand: deadline day 26, not 25.
  expect(out.unitAfterFirst.deadline).toBe(new Date(start + 26 * DAY).toISOString());
  expect(out.unitAfterFirst.deadlines?.map((d) => [d.id, d.state, d.status])).toEqual([
    ['ke-hoach', 'done', 'missing'],
    ['ket-qua', 'current', 'pending'],
  ]);

  // The campaign went through synthesis to its close after the second lock.
  expect(out.campaign.phase).toBe('closed');
  expect(out.campaign.deadlinePhases?.[1]).toMatchObject({
    id: 'ket-qua',
    counts: { submitted: 2, late: 0, missing: 1, pending: 0 },
  });
  expect(out.campaign.counts).toMatchObject({ submitted: 2, missing: 1 });

  const phases = (u: string) => out.statuses[u].deadlines?.map((d) => d.status);
  expect(phases('dung-han')).toEqual(['submitted', 'submitted']);
  expect(phases('nop-muon')).toEqual(['late', 'missing']);
  expect(phases('khong-nop')).toEqual(['missing', 'submitted']);
  expect(out.statuses['dung-han'].deadlines?.[0].files.map((f) => f.deliverable)).toEqual(['ke-hoach']);

  // Each phase's reminders, late notice, escalation and lock, in order; keys name the phase.
  const of = (u: string) => sent.filter((s) => s.unitId === u).map((s) => `${s.kind}@${s.day}`);
  expect(of('nop-muon')).toEqual([
    'plan-issued@0',
    'reminder@7',
    'reminder@9',
    'late-notice@10',
    'submission-receipt@10.5',
    'phase-locked@12',
    // The second phase: deadline day 25 (reminders 22 and 24), escalation 26, lock 28.
    'reminder@22',
    'reminder@24',
    'late-notice@25',
    'escalation@26',
    'phase-locked@28',
  ]);
  expect(of('khong-nop')).toEqual([
    'plan-issued@0',
    'extension-granted@2',
    'reminder@7',
    'reminder@9',
    'late-notice@10',
    'escalation@11',
    'phase-locked@12',
    'submission-receipt@14',
    'phase-locked@28',
  ]);
  // The extension of the second phase, told at once, speaks of that phase and its new deadline.
  const told = sent.find((s) => s.unitId === 'khong-nop' && s.kind === 'extension-granted')!;
  expect([told.phaseId, told.deadline]).toEqual(['ket-qua', new Date(start + 26 * DAY).toISOString()]);
  const locks = sent.filter((s) => s.unitId === 'khong-nop' && s.kind === 'phase-locked');
  expect(locks.map((s) => [s.key.split('/').slice(-3).join('/'), s.phaseId])).toEqual([
    ['ke-hoach/lock/self-review', 'ke-hoach'],
    ['ket-qua/lock/self-review', 'ket-qua'],
  ]);
}, 120_000);

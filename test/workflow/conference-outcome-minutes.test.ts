/**
 * The conference outcome through its use case (`app/conference.ts`) on the time-skipping server: the
 * minutes are stored before the update, and a day the workflow's validator refuses (before the
 * opening's day, or before the opening itself) leaves no stored file behind; the validator is the only
 * check of the day, its words reach the clerk as they are. Accepted minutes stay, under the conference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONFERENCE_UPLOADER, recordConferenceOutcome } from '../../app/conference';
import type { AppContext } from '../../app/context';
import type { StaffActor } from '../../app/roles';
import { type AppError } from '../../app/temporal-errors';
import type { Settings } from '../../config/settings';
import { conferenceWorkflowId, type ConferenceWorkflowInput } from '../../domain/conference-types';
import { DAY, scheduleFrom } from '../../scripts/schedules';
import { FileReportStore } from '../../stores/report-store';
import { conferenceWorkflow } from '../../workflows/conference';
import { runWithWorker, useTimeSkippingEnv, type Activities } from '../helpers/phase-workflow-harness';

const testEnv = useTimeSkippingEnv();
const clerk: StaffActor = { login: 'tvt', name: 'Trần Văn T', roles: ['clerk'] };
const ZONE = 'Asia/Ho_Chi_Minh';
const iso = (ms: number) => new Date(ms).toISOString();
/** The day of an instant in Vietnam (UTC+7, no summer time): `yyyy-mm-dd`. */
const vnDay = (ms: number) => iso(ms + 7 * 3600_000).slice(0, 10);
const dmy = (day: string) => day.split('-').reverse().join('/');

const input = (campaignId: string, start: number): ConferenceWorkflowInput => ({
  campaignId,
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
  definitionRef: '0'.repeat(64),
  phaseName: 'Hội nghị tổng kết',
  timeZone: ZONE,
  when: { kind: 'exact', start: iso(start + 3 * DAY) },
  venue: 'Hội trường Tỉnh ủy',
  agenda: ['Khai mạc'],
  invitationsAt: iso(start + DAY / 2),
  replySchedule: scheduleFrom(start, { deadlineDays: 2, lockDays: 2, reminders: [], escalations: [] }),
  invitees: [{ id: 'so-noi-vu', kind: 'unit', name: 'Sở Nội vụ', email: 'gd@snv.example.vn' }],
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

test('minutes refused by the validator are not kept; the accepted ones are', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-conference-minutes-'));
  const campaignId = `minutes-${Date.now()}`;
  const start = await testEnv().currentTimeMs();
  const opening = start + 3 * DAY;
  const activities = {
    async sendConferenceRound(r: { recipients: { invitee: { id: string } }[] }) {
      return { sent: r.recipients.map((x) => x.invitee.id), undeliverable: [] };
    },
  } as unknown as Activities;
  const minutes = (text: string) => ({ name: 'bien-ban.pdf', bytes: Buffer.from(`%PDF-1.4 ${text}`) });

  const outcome = await runWithWorker(testEnv(), 'minutes', activities, async (taskQueue) => {
    await testEnv().client.workflow.start(conferenceWorkflow, {
      taskQueue,
      workflowId: conferenceWorkflowId(campaignId),
      args: [input(campaignId, start)],
    });
    // The test server does not describe task queues: the worker check before an update is told ours polls.
    const workflowService = new Proxy(testEnv().client.workflowService, {
      get: (t, k) =>
        k === 'describeTaskQueue' ? async () => ({ pollers: [{ identity: 'test-worker' }] }) : Reflect.get(t, k),
    });
    const client = new Proxy(testEnv().client, {
      get: (t, k) => (k === 'workflowService' ? workflowService : Reflect.get(t, k)),
    });
    const s: AppContext = {
      client,
      settings: { dataDir, taskQueue } as Settings,
      workerDeadlineMs: 10_000,
    };
    // Before the opening: refused by the validator (not yet held), the minutes removed.
    const notYet = await refusal(
      recordConferenceOutcome(s, campaignId, clerk, {
        heldOn: vnDay(opening),
        attendance: 30,
        minutes: minutes('not yet'),
      }),
    );
    await testEnv().sleep(3 * DAY + 3600_000);
    // A day before the opening's day: refused in the clerk's dates, the minutes removed.
    const dayBefore = vnDay(opening - DAY);
    const early = await refusal(
      recordConferenceOutcome(s, campaignId, clerk, { heldOn: dayBefore, attendance: 30, minutes: minutes('early') }),
    );
    const afterRefusals = await new FileReportStore(path.join(dataDir, 'reports')).uploadsOf(
      campaignId,
      CONFERENCE_UPLOADER,
    );
    const held = await recordConferenceOutcome(s, campaignId, clerk, {
      heldOn: vnDay(opening),
      attendance: 30,
      minutes: minutes('held'),
    });
    return { notYet, early, dayBefore, afterRefusals, held };
  });

  expect(outcome.notYet?.code).toBe('refused');
  expect(outcome.notYet?.nothingChanged).toBe(true);
  expect(outcome.notYet?.facts.refusal).toMatch(/^Hội nghị chưa diễn ra .*; chỉ ghi kết quả sau giờ khai mạc\.$/);
  const openingDay = dmy(vnDay(opening));
  expect(outcome.early?.code).toBe('refused');
  expect(outcome.early?.facts.refusal).toBe(
    `Ngày họp ${dmy(outcome.dayBefore)} trước ngày khai mạc đã định (${openingDay}); ` +
      `hãy ghi ngày hội nghị đã diễn ra, từ ${openingDay}.`,
  );
  expect(outcome.afterRefusals).toEqual([]);
  expect(outcome.held.state).toBe('held');
  const store = new FileReportStore(path.join(dataDir, 'reports'));
  const kept = await store.uploadsOf(campaignId, CONFERENCE_UPLOADER);
  expect(kept.map((f) => f.sha256)).toEqual([outcome.held.outcome?.minutes?.sha256]);
  expect((await store.get(kept[0].sha256)).toString()).toBe('%PDF-1.4 held');
  store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * sendUnitMessage looks the message up in the sent log before its stale check: a reminder delivered
 * just before a crash is "already sent" on the retry, not "stale" (issue 16, item 5). A refusal of
 * the secretariat's own address does not make the send retry for ever (item 2).
 */
import { ONE_UNIT_CAMPAIGN } from '../../helpers/one-unit-campaign';
import { MockActivityEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';
import { messageIdFor } from '../../../activities/mail/send';
import { FileSentLog, type SentLog } from '../../../stores/sent-log';
import type { UnitMessageInput } from '../../../domain/workflow-types';

const from = '"Ban TĐKT" <tdkt@vinhphuc.gov.vn>';
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-sent-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function activities(sentLog: SentLog) {
  const transport = {
    sendMail: () => Promise.reject(new Error('nothing should be sent')),
  } as unknown as ActivityDeps['transport'];
  const definitions = {
    load: () => ({ units: [{ id: 'so-noi-vu', name: 'Sở Nội vụ' }] }),
  } as unknown as ActivityDeps['definitions'];
  return createActivities({
    transport,
    sentLog,
    definitions,
    reports: {} as ActivityDeps['reports'],
    links: {} as ActivityDeps['links'],
    from,
  });
}

const reminder = (notAfter: string): UnitMessageInput => ({
  campaignId: 'c1',
  definitionRef: 'c1@1',
  unitId: 'so-noi-vu',
  kind: 'reminder',
  key: 'c1/so-noi-vu/v1/r-0d',
  deadline: notAfter,
  lockAt: notAfter,
  phaseName: 'Tự kiểm điểm',
  deadlineVersion: 1,
  staleCheck: { workflowId: 'unit/c1/so-noi-vu', notAfter },
});

test('a reminder found in the sent log is already sent, even once its deadline has passed', async () => {
  const log = new FileSentLog(dir);
  const messageId = messageIdFor('c1/so-noi-vu/v1/r-0d', from);
  await log.record({ messageId, recipients: ['a@x.vn'], subject: 'Nhắc hạn', sentAt: new Date().toISOString() });
  const result = await new MockActivityEnvironment().run(
    activities(log).sendUnitMessage,
    reminder(new Date(Date.now() - 60_000).toISOString()),
  );
  expect(result).toMatchObject({ sent: false, reason: 'already-sent', messageId, recipients: ['a@x.vn'] });
});

test('a reminder not in the sent log is still stale once its deadline has passed', async () => {
  const result = await new MockActivityEnvironment().run(
    activities(new FileSentLog(dir)).sendUnitMessage,
    reminder(new Date(Date.now() - 60_000).toISOString()),
  );
  expect(result).toMatchObject({ sent: false, reason: 'stale' });
});

test('a message refused for good (5xx), and the notice to the secretariat refused too, is recorded as undeliverable, not retried', async () => {
  const tried: string[][] = [];
  const transport = {
    sendMail: (msg: { to: string[] }) => {
      tried.push(msg.to);
      return Promise.reject(Object.assign(new Error('550 5.1.1 mailbox unavailable'), { responseCode: 550 }));
    },
  } as unknown as ActivityDeps['transport'];
  const definition = ONE_UNIT_CAMPAIGN;

  const acts = createActivities({
    transport,
    sentLog: new FileSentLog(dir),
    definitions: { load: () => definition } as unknown as ActivityDeps['definitions'],
    reports: {} as ActivityDeps['reports'],
    links: { linkFor: async () => 'http://portal.example.vn/u/x' } as unknown as ActivityDeps['links'],
    from,
  });
  const input: UnitMessageInput = {
    campaignId: 'c1',
    definitionRef: 'c1@1',
    unitId: 'so-noi-vu',
    kind: 'escalation',
    key: 'c1/so-noi-vu/v1/esc1',
    deadline: '2009-10-14T10:00:00Z',
    lockAt: '2009-10-19T10:00:00Z',
    phaseName: 'Tự kiểm điểm',
    deadlineVersion: 1,
    notify: ['head'],
    cc: ['secretariat'],
    detail: { step: 1, after: '1 ngày' },
  };
  const result = await new MockActivityEnvironment().run(acts.sendUnitMessage, input);
  expect(result).toMatchObject({
    sent: false,
    reason: 'undeliverable',
    note: expect.stringMatching(/the secretariat could not be told by mail either/),
  });
  expect(tried).toHaveLength(2); // the escalation, then the notice to the secretariat: once each
});

/** The unit's activities for the one-unit campaign, with a stand-in mail server and Temporal client. */
function reminderActivities(
  transport: ActivityDeps['transport'],
  client: ActivityDeps['client'],
  extra: Partial<ActivityDeps> = {},
) {
  return createActivities({
    transport,
    sentLog: new FileSentLog(dir),
    definitions: { load: () => ONE_UNIT_CAMPAIGN } as unknown as ActivityDeps['definitions'],
    reports: {} as ActivityDeps['reports'],
    links: { linkFor: async () => 'http://portal.example.vn/u/x' } as unknown as ActivityDeps['links'],
    from,
    client,
    ...extra,
  });
}

test('a stale check no worker answers in time does not hold the reminder: it goes out unchecked', async () => {
  const sent: string[][] = [];
  const transport = {
    sendMail: (msg: { to: string[] }) => {
      sent.push(msg.to);
      return Promise.resolve({ accepted: msg.to, rejected: [], response: '250 OK' });
    },
  } as unknown as ActivityDeps['transport'];
  // A client whose query never answers, and whose deadline fails the call as gRPC does.
  const client = {
    withDeadline: (deadline: number, fn: () => Promise<unknown>) =>
      Promise.race([
        fn(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('4 DEADLINE_EXCEEDED')), Math.max(0, deadline - Date.now())),
        ),
      ]),
    workflow: { getHandle: () => ({ query: () => new Promise(() => undefined) }) },
  } as unknown as ActivityDeps['client'];
  const acts = reminderActivities(transport, client, { staleCheckDeadlineMs: 200 });
  const started = Date.now();
  const result = await new MockActivityEnvironment().run(
    acts.sendUnitMessage,
    reminder(new Date(Date.now() + 3_600_000).toISOString()),
  );
  expect(result).toMatchObject({ sent: true });
  expect(sent).toHaveLength(1);
  expect(Date.now() - started).toBeLessThan(60_000); // not the activity's 2-minute timeout
});

test('a reminder sent by a local activity (query: false) does not query its own workflow, whose task it runs in', async () => {
  const sent: string[][] = [];
  const queried: string[] = [];
  const transport = {
    sendMail: (msg: { to: string[] }) => {
      sent.push(msg.to);
      return Promise.resolve({ accepted: msg.to, rejected: [], response: '250 OK' });
    },
  } as unknown as ActivityDeps['transport'];
  // Would say "submitted": a query made anyway would drop the reminder.
  const client = {
    withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
    workflow: {
      getHandle: (id: string) => ({
        query: () => {
          queried.push(id);
          return Promise.resolve({ status: 'submitted', deadlineVersion: 1 });
        },
      }),
    },
  } as unknown as ActivityDeps['client'];
  const acts = reminderActivities(transport, client);
  const input = reminder(new Date(Date.now() + 3_600_000).toISOString());
  const result = await new MockActivityEnvironment().run(acts.sendUnitMessage, {
    ...input,
    staleCheck: { ...input.staleCheck!, query: false },
  });
  expect(result).toMatchObject({ sent: true });
  expect(sent).toHaveLength(1);
  expect(queried).toEqual([]);
  // Past its instant it is still stale without any query.
  const late = reminder(new Date(Date.now() - 1_000).toISOString());
  const stale = await new MockActivityEnvironment().run(acts.sendUnitMessage, {
    ...late,
    key: 'c1/so-noi-vu/v1/r-1d',
    staleCheck: { ...late.staleCheck!, query: false },
  });
  expect(stale).toMatchObject({ sent: false, reason: 'stale' });
  expect(queried).toEqual([]);
});

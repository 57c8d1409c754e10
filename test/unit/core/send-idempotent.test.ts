/**
 * sendUnitMessage looks the message up in the sent log before its stale check: a reminder delivered
 * just before a crash is "already sent" on the retry, not "stale" (issue 16, item 5).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';
import { messageIdFor } from '../../../activities/mail/send';
import { SentLog } from '../../../activities/mail/sent-log';
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
  const log = new SentLog(dir);
  const messageId = messageIdFor('c1/so-noi-vu/v1/r-0d', from);
  log.record({ messageId, recipients: ['a@x.vn'], subject: 'Nhắc hạn', sentAt: new Date().toISOString() });
  const result = await new MockActivityEnvironment().run(
    activities(log).sendUnitMessage,
    reminder(new Date(Date.now() - 60_000).toISOString()),
  );
  expect(result).toMatchObject({ sent: false, reason: 'already-sent', messageId, recipients: ['a@x.vn'] });
});

test('a reminder not in the sent log is still stale once its deadline has passed', async () => {
  const result = await new MockActivityEnvironment().run(
    activities(new SentLog(dir)).sendUnitMessage,
    reminder(new Date(Date.now() - 60_000).toISOString()),
  );
  expect(result).toMatchObject({ sent: false, reason: 'stale' });
});

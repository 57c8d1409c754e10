/**
 * End to end on the real stack: the Temporal dev server, a real worker with the real activities,
 * nodemailer and the maildev SMTP server. A unit workflow issues the plan; the message is read back
 * from the mail catcher's inbox (recipient, subject, Vietnamese body intact), then a submission
 * through the update produces a receipt, and a retried send does not mail twice.
 */
import { ONE_UNIT_CAMPAIGN } from '../helpers/one-unit-campaign';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MockActivityEnvironment, type TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { loadSettings } from '../../config/settings';
import { freePort, startMaildev, waitFor, type Maildev } from '../../scripts/processes';
import { maildevBin } from '../../scripts/tools';
import { createDeps } from '../../worker/deps';
import { closeUnit, submitFile, unitReviewWorkflow } from '../../workflows/unit-review';
import { readInbox } from '../helpers/inbox';
import { unitInputFrom } from '../../scripts/schedules';
import { devServerEnv, workflowBundle } from '../helpers/temporal';

let env: TestWorkflowEnvironment;
let maildev: Maildev;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-e2e-'));
  const [smtpPort, webPort] = [await freePort(), await freePort()];
  maildev = await startMaildev({
    bin: maildevBin(),
    smtpPort,
    webPort,
    mailDirectory: path.join(dataDir, 'mail-catcher'),
  });
  env = await devServerEnv();
});

afterAll(async () => {
  await env?.teardown();
  await maildev?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const definition = ONE_UNIT_CAMPAIGN;

test('a unit receives its plan and its receipt by email through the real SMTP server, once', async () => {
  const settings = loadSettings({
    THIDUA_SMTP_HOST: '127.0.0.1',
    THIDUA_SMTP_PORT: String(maildev.smtpPort),
    THIDUA_DATA_DIR: dataDir,
    THIDUA_PUBLIC_URL: 'http://portal.example.vn',
  });
  const deps = createDeps(settings, env.client);
  const planText = Buffer.from('KẾ HOẠCH Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW\n', 'utf8');
  const planFile = await deps.reports.put('67-KH-TU.txt', 'text/plain; charset=utf-8', planText);
  const definitionRef = await deps.definitions.save({
    ...definition,
    documents: [{ title: 'Kế hoạch số 67-KH/TU', file: planFile }, { title: 'Đề cương báo cáo tổng kết' }],
  });
  const taskQueue = 'e2e-mail';
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities(deps),
  });

  await worker.runUntil(async () => {
    const start = Date.now();
    const input = unitInputFrom(start, {
      campaignId: definition.campaign.id,
      definitionRef,
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      contact: 'Ban Thi đua - Khen thưởng tỉnh, ĐT 0211 3862 000',
      deadlineDays: 20,
      lockDays: 25,
      issuePlan: true,
    });
    const handle = await env.client.workflow.start(unitReviewWorkflow, {
      taskQueue,
      workflowId: `e2e/${start}`,
      args: [input],
    });

    await waitFor('the plan-issued message in the inbox', async () => (await readInbox(maildev.webPort)).length >= 1);
    const report = await deps.reports.put('Báo cáo tổng kết.pdf', 'application/pdf', Buffer.from('%PDF-1.4 báo cáo'));
    await handle.executeUpdate(submitFile, { args: [{ kind: 'summary-report', file: report, submittedBy: 'e2e' }] });
    await waitFor('the receipt in the inbox', async () => (await readInbox(maildev.webPort)).length >= 2);
    await handle.signal(closeUnit);
    await handle.result();

    // A retried activity with the same idempotency key does not send again.
    const again = await new MockActivityEnvironment()
      .run(createActivities(deps).sendUnitMessage, {
        campaignId: definition.campaign.id,
        definitionRef,
        unitId: 'so-noi-vu',
        kind: 'plan-issued' as const,
        key: `${definition.campaign.id}/so-noi-vu/plan-issued`,
        deadline: input.phase.schedule.deadline.utc,
        lockAt: input.phase.schedule.lock.utc,
        phaseName: input.phase.name,
        deadlineVersion: 1,
      })
      .catch((err: Error) => err);
    expect(again).toMatchObject({ sent: false, reason: 'already-sent' });
  });

  const inbox = await readInbox(maildev.webPort);
  expect(inbox).toHaveLength(2);
  const plan = inbox.find((m) => m.subject.includes('Triển khai'))!;
  const receipt = inbox.find((m) => m.subject.includes('Xác nhận'))!;
  expect(plan.to).toEqual([{ address: 'binh.snv@vinhphuc.example.vn', name: 'Trần Văn Bình' }]);
  expect(plan.subject).toBe('[67-KH/TU] Triển khai tổng kết 10 năm thực hiện Chỉ thị 39-CT/TW');
  expect(plan.text).toContain('Ban Thường vụ Tỉnh ủy Vĩnh Phúc ban hành Kế hoạch số 67-KH/TU ngày 21/9/2009');
  expect(plan.text).toContain('Kính gửi: Sở Nội vụ');
  expect(plan.text).toMatch(
    /Hạn nộp: \d\d:\d\d (thứ Hai|thứ Ba|thứ Tư|thứ Năm|thứ Sáu|thứ Bảy|Chủ nhật), \d\d\/\d\d\/\d{4}\./,
  );
  expect(plan.text).toContain('Nguyễn Thị Hòa, Phòng Nghiệp vụ, ĐT: 0211 3862 000, hoa.tdkt@vinhphuc.example.vn');
  expect(plan.text).toMatch(/Đường dẫn nộp hồ sơ của đơn vị: http:\/\/portal\.example\.vn\/u\/[A-Za-z0-9_-]{32}/);
  expect(plan.html).toContain('<a href="http://portal.example.vn/u/');
  // The plan travels attached; a document named without a file is listed as sent on paper.
  expect(plan.attachments?.map((a) => [a.filename, a.size])).toEqual([['67-KH-TU.txt', planText.length]]);
  expect(plan.text).toContain('Văn bản gửi kèm thư này:\n- Kế hoạch số 67-KH/TU');
  expect(plan.text).toContain('Văn bản liên quan (gửi theo đường văn thư):\n- Đề cương báo cáo tổng kết');
  expect(receipt.attachments ?? []).toEqual([]);
  expect(plan.headers['message-id']).toBe('<e2e-67-kh-tu.so-noi-vu.plan-issued@localhost>');
  expect(receipt.subject).toBe('[67-KH/TU] Xác nhận đã nhận báo cáo tổng kết của Sở Nội vụ');
  expect(receipt.text).toContain('"Báo cáo tổng kết.pdf" (phiên bản 1, mã SHA-256 ');
});

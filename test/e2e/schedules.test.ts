/**
 * Issue 15, recurring campaigns, on the real stack (the Temporal dev server has Schedules; the
 * time-skipping server has none): the emulation cluster's half-year review made a schedule through
 * `thidua schedule create`; `trigger` starts the current period's campaign with its dates in the
 * period; a second trigger is refused and the starter itself, triggered behind the CLI's back, says
 * "kỳ … đã chạy"; `backfill` of a past half-year starts that period's campaign; `list`, `pause`,
 * `resume`, `delete`; each bad input refused with its reason and nothing made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { validateCommand } from '../../client/commands/campaign-validate';
import {
  backfillCommand,
  createCommand,
  deleteCommand,
  listCommand,
  pauseCommand,
  resumeCommand,
  triggerCommand,
} from '../../client/commands/schedule';
import type { CliError } from '../../client/connect';
import { periodAt, periodBounds, periodId, periodIndex, periodOfInstant, type Period } from '../../domain/periods';
import type { ScheduledRunResult } from '../../domain/schedule-types';
import { campaignWorkflowId, type CampaignStatusView } from '../../domain/workflow-types';
import { getCampaignStatus } from '../../workflows/campaign';
import { startPortal, type RunningPortal } from '../../portal';
import { freePort } from '../../scripts/processes';
import { FileAccountStore } from '../../stores/accounts';
import { captureIo } from '../helpers/capture-io';
import { csrfOf, PortalBrowser } from '../helpers/portal-client';
import { startE2eStack, type E2eStack } from '../helpers/e2e-stack';

const SAMPLE = path.resolve(__dirname, '../../config/campaigns/khoi-noi-chinh-2012-so-ket.yaml');
const ZONE = 'Asia/Ho_Chi_Minh';
const ID = 'khoi-noi-chinh';

let stack: E2eStack;
let portal: RunningPortal;
let dir: string;

beforeAll(async () => {
  const portalPort = await freePort();
  stack = await startE2eStack('schedules', {
    THIDUA_PUBLIC_URL: `http://127.0.0.1:${portalPort}`,
    THIDUA_PORTAL_PORT: String(portalPort),
  });
  portal = await startPortal({
    settings: stack.settings,
    client: stack.client,
    port: portalPort,
    host: '127.0.0.1',
    workerDeadlineMs: 5_000,
    overrides: { log: () => undefined },
  });
  dir = path.join(stack.dataDir, 'templates');
  fs.mkdirSync(dir, { recursive: true });
}, 120_000);

afterAll(async () => {
  await portal?.close();
  await stack?.stop();
}, 60_000);

/** A staff member signed in to the dashboard (no role needed to read the schedules). */
async function signedIn(): Promise<PortalBrowser> {
  await new FileAccountStore(stack.settings.dataDir).set('canbo-tdkt', 'Lê Văn K', 'mat-khau-can-bo-2026');
  const staff = new PortalBrowser(portal.url);
  const login = await staff.get('/admin/login');
  await staff.postForm('/admin/login', {
    csrf: csrfOf(login.body),
    login: 'canbo-tdkt',
    password: 'mat-khau-can-bo-2026',
  });
  return staff;
}

/** Runs a schedule command; its exit code (a thrown CliError is exit code and message) and output. */
async function cli(command: (argv: string[], io: ReturnType<typeof captureIo>) => Promise<number>, argv: string[]) {
  const io = captureIo();
  try {
    const code = await command(argv, io);
    return { code, out: io.out(), err: io.err() };
  } catch (err) {
    if ((err as Error).name !== 'CliError') throw err;
    return { code: (err as CliError).exitCode, out: io.out(), err: io.err() + (err as Error).message };
  }
}

async function status(campaignId: string): Promise<CampaignStatusView> {
  return stack.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus);
}

/** Every phase window and the self-review deadline of the campaign lie in `period` (local days). */
function expectInPeriod(view: CampaignStatusView, period: Period) {
  const { first, last } = periodBounds(period);
  const day = (iso: string) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      new Date(iso),
    );
  const instants = [
    ...view.phases!.flatMap((p) => [p.start, p.end]),
    view.selfReview!.deadline.utc,
    view.selfReview!.lock.utc,
  ];
  expect(instants.length).toBeGreaterThan(4);
  for (const i of instants)
    expect({ at: day(i), inside: day(i) >= first && day(i) <= last }).toEqual({ at: day(i), inside: true });
}

async function waitForCampaign(campaignId: string, ms = 20_000): Promise<CampaignStatusView> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await status(campaignId);
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

test('a half-year schedule from the cluster sample: create, trigger, backfill, list, pause, resume, delete', async () => {
  const template = path.join(dir, 'khoi-noi-chinh.yaml');
  fs.copyFileSync(SAMPLE, template);
  const current = periodOfInstant(new Date(), 'half-year', ZONE);
  const next = periodAt(periodIndex(current) + 1, 'half-year');
  const past = periodAt(periodIndex(current) - 3, 'half-year');

  // ---- bad input: each refused with its reason, nothing made
  const every = await cli(createCommand, [template, '--every', 'month', '--id', ID]);
  expect(every.code).toBe(1);
  expect(every.err).toContain('--every "month" không có: chọn half-year (mỗi nửa năm) hoặc year (mỗi năm)');
  const everyEn = await cli(createCommand, [template, '--every', 'month', '--lang', 'en']);
  expect(everyEn.err).toContain('--every "month" is not known: choose half-year or year; no schedule was made.');

  const broken = path.join(dir, 'broken.yaml');
  fs.writeFileSync(
    broken,
    fs.readFileSync(SAMPLE, 'utf8').replace('deadline: trước ngày 27/7/2012', 'deadline: 32/7/2012'),
  );
  const invalid = await cli(createCommand, [broken, '--every', 'half-year']);
  expect(invalid.code).toBe(1);
  expect(invalid.err).toContain('tệp mẫu chưa hợp lệ');
  // The same messages as `thidua campaign validate`.
  const validated = captureIo();
  expect(await validateCommand([broken], validated)).toBe(1);
  const problemLines = validated
    .out()
    .split('\n')
    .filter((l) => l.startsWith(broken + ':') && /:\d+/.test(l));
  expect(problemLines.length).toBeGreaterThan(0);
  for (const line of problemLines) expect(invalid.err).toContain(line);

  const spill = path.join(dir, 'spill.yaml');
  fs.writeFileSync(
    spill,
    fs
      .readFileSync(SAMPLE, 'utf8')
      .replace('end: 03/8/2012 }', 'end: 03/01/2013 }')
      .replace('date: 03/8/2012', 'date: 03/01/2013'),
  );
  const cannot = await cli(createCommand, [spill, '--every', 'half-year']);
  expect(cannot.code).toBe(1);
  expect(cannot.err).toContain(`không dời được các ngày của mẫu vào kỳ ${periodId(next)}`);
  expect(cannot.err).toMatch(/phases\[2\]\.date \(dòng \d+\): "03\/01\/2013" nằm ngoài kỳ 2012-h2/);

  const weekday = path.join(dir, 'weekday.yaml');
  fs.writeFileSync(weekday, fs.readFileSync(SAMPLE, 'utf8').replace('date: 03/8/2012', 'date: thứ Sáu, 03/8/2012'));
  const named = await cli(createCommand, [weekday, '--every', 'year']);
  expect(named.code).toBe(1);
  expect(named.err).toContain('tệp mẫu chưa hợp lệ');
  expect((await cli(listCommand, [])).out).toContain('Chưa có lịch định kỳ nào.');

  // ---- create
  const made = await cli(createCommand, [template, '--every', 'half-year', '--id', ID]);
  expect(made).toMatchObject({ code: 0, err: '' });
  expect(made.out).toContain(
    `Đã tạo lịch định kỳ ${ID} (mỗi nửa năm); kỳ đầu ${periodId(next)} sẽ bắt đầu đợt ${ID}-${periodId(next)}.`,
  );
  const nextStart = next.half === 1 ? `01/01/${next.year} 00:00` : `01/07/${next.year} 00:00`;
  expect(made.out).toContain(`${nextStart} — kỳ ${periodId(next)}`);
  // A later edit of the file does not change the schedule: the stored copy is used.
  fs.writeFileSync(template, fs.readFileSync(SAMPLE, 'utf8').replace('title: Sơ kết', 'title: ĐÃ SỬA Sơ kết'));

  const again = await cli(createCommand, [template, '--every', 'year', '--id', ID]);
  expect(again.code).toBe(1);
  expect(again.err).toContain(`mã lịch "${ID}" đã được dùng`);

  // ---- list (visibility may lag a moment behind the create)
  let listed = await cli(listCommand, []);
  for (let i = 0; i < 40 && !listed.out.includes(ID); i++) {
    await new Promise((r) => setTimeout(r, 250));
    listed = await cli(listCommand, []);
  }
  expect(listed.out).toContain(ID);
  expect(listed.out).toContain('mỗi nửa năm');
  expect(listed.out).toContain(`${nextStart} (${periodId(next)})`);
  expect(listed.out).toContain('đang chạy');
  expect((await cli(listCommand, ['--lang', 'en'])).out).toContain('every half-year');

  // The dashboard lists it too, read-only, linked from its home page.
  const staff = await signedIn();
  expect((await staff.get('/admin')).body).toContain('href="/admin/lich-dinh-ky"');
  const page = await staff.get('/admin/lich-dinh-ky');
  expect(page.status).toBe(200);
  expect(page.body).toContain(`<tr data-schedule="${ID}">`);
  expect(page.body).toContain('Mỗi nửa năm');
  expect(page.body).toMatch(new RegExp(`00:00 [^<]*, ${nextStart.slice(0, 10)} — kỳ ${periodId(next)}`));
  expect(page.body).toContain('Đang chạy');

  // ---- trigger: the current period's campaign, its id and dates in the period
  const campaignNow = `${ID}-${periodId(current)}`;
  const triggered = await cli(triggerCommand, [ID]);
  expect(triggered.err).toBe('');
  expect(triggered.code).toBe(0);
  expect(triggered.out).toContain(`Đã kích hoạt lịch ${ID} cho kỳ ${periodId(current)}.`);
  expect(triggered.out).toContain(`Đã bắt đầu đợt ${campaignNow}`);
  const view = await waitForCampaign(campaignNow);
  expect(view.campaignId).toBe(campaignNow);
  expect(view.title).not.toContain('ĐÃ SỬA');
  expectInPeriod(view, current);

  // A second trigger for the same period: refused before anything is sent …
  const twice = await cli(triggerCommand, [ID]);
  expect(twice.code).toBe(1);
  expect(twice.err).toContain(`kỳ ${periodId(current)} đã chạy; không bắt đầu đợt nào.`);
  // … and the starter itself, triggered directly, starts nothing and says why.
  const handle = stack.client.schedule.getHandle(ID);
  const seen = new Set((await handle.describe()).info.recentActions.map((a) => a.action.workflow.workflowId));
  // The server names a starter by the second it was meant for: a trigger in the same second as the
  // first one would be the same workflow id and be dropped by the server, not by thidua.
  await new Promise((r) => setTimeout(r, 1100));
  await handle.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  let starter: string | undefined;
  for (let i = 0; i < 120 && !starter; i++) {
    starter = (await handle.describe()).info.recentActions.find((a) => !seen.has(a.action.workflow.workflowId))?.action
      .workflow.workflowId;
    if (!starter) await new Promise((r) => setTimeout(r, 250));
  }
  const skipped: ScheduledRunResult = await stack.client.workflow.getHandle(starter!).result();
  expect(skipped).toMatchObject({ status: 'already-ran', period: periodId(current), campaignId: campaignNow });
  expect(skipped.message).toContain(`kỳ ${periodId(current)} đã chạy`);

  // ---- backfill one past half-year
  const campaignPast = `${ID}-${periodId(past)}`;
  const filled = await cli(backfillCommand, [ID, '--from', periodId(past), '--to', periodId(past)]);
  expect(filled).toMatchObject({ code: 0, err: '' });
  expect(filled.out).toContain(`${periodId(past)} → ${campaignPast}`);
  const pastView = await waitForCampaign(campaignPast);
  expect(pastView.campaignId).toBe(campaignPast);
  expectInPeriod(pastView, past);
  const refill = await cli(backfillCommand, [ID, '--from', periodId(past), '--to', periodId(current)]);
  expect(refill.code).toBe(1);
  expect(refill.err).toContain(`kỳ ${periodId(past)}, kỳ ${periodId(current)} đã chạy`);
  const future = await cli(backfillCommand, [ID, '--from', periodId(next), '--to', periodId(next)]);
  expect(future.code).toBe(1);
  expect(future.err).toContain(`kỳ ${periodId(next)} chưa đến`);

  // ---- pause (a reason is required), resume
  const noReason = await cli(pauseCommand, [ID]);
  expect(noReason.code).toBe(1);
  expect(noReason.err).toContain('--reason: ghi lý do tạm dừng');
  expect((await cli(pauseCommand, [ID, '--reason', 'Chờ hướng dẫn mới của Ban'])).code).toBe(0);
  expect((await handle.describe()).state.paused).toBe(true);
  // Who paused it, in Vietnamese on the page (it read "secretariat (CLI) (cli)").
  expect((await cli(listCommand, [])).out).toMatch(
    /tạm dừng: Tạm dừng bởi Thường trực \(dòng lệnh\)[\s\S]*Chờ hướng dẫn/,
  );
  expect((await staff.get('/admin/lich-dinh-ky')).body).toMatch(
    /Tạm dừng<\/strong>: Tạm dừng bởi Thường trực \(dòng lệnh\): Chờ hướng dẫn mới của Ban/,
  );
  expect((await cli(resumeCommand, [ID])).code).toBe(0);
  expect((await handle.describe()).state.paused).toBe(false);

  // ---- a period that cannot start: the starter fails with the validator's words, nothing starts
  const yearly = `${ID}-nam`;
  expect((await cli(createCommand, [template, '--every', 'year', '--id', yearly])).code).toBe(0);
  const stored = path.join(stack.settings.dataDir, 'schedules', yearly, 'template.yaml');
  // Changed behind thidua's back (a template validated at create cannot fail otherwise in this test).
  fs.writeFileSync(
    stored,
    fs.readFileSync(stored, 'utf8').replace('summaryReport: required', 'summaryReport: bat-buoc'),
  );
  const thisYear = periodOfInstant(new Date(), 'year', ZONE);
  const failed = await cli(triggerCommand, [yearly]);
  expect(failed.code).toBe(1);
  expect(failed.err).toContain(`Không bắt đầu được đợt ${yearly}-${periodId(thisYear)} của kỳ ${periodId(thisYear)}`);
  expect(failed.err).toMatch(/template\.yaml:\d+:\d+ lỗi phases\[1\]\.due\.summaryReport/);
  await expect(status(`${yearly}-${periodId(thisYear)}`)).rejects.toThrow();
  expect((await cli(deleteCommand, [yearly])).code).toBe(0);

  // ---- delete: the schedule and its stored template go; the campaigns run on
  expect((await cli(deleteCommand, [ID])).out).toContain(`Đã xóa lịch ${ID}`);
  await expect(handle.describe()).rejects.toThrow();
  expect(fs.existsSync(path.join(stack.settings.dataDir, 'schedules', ID))).toBe(false);
  expect((await status(campaignNow)).campaignId).toBe(campaignNow);
  const gone = await cli(triggerCommand, [ID]);
  expect(gone.code).toBe(1);
  expect(gone.err).toContain(`không có lịch định kỳ "${ID}"`);
});

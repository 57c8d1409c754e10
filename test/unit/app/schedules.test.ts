/**
 * The schedule use cases (`app/schedules.ts`) as one piece: a stand-in for the Temporal client that
 * records what was asked of it, the real template store in a temporary folder, the real loader and
 * calendar. What is checked: the schedule's spec and policies as sent, the current period taken in
 * Hà Nội time, the backfill range, and that every refusal leaves nothing behind. The real server is
 * in test/e2e/schedules.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, ScheduleOptions } from '@temporalio/client';
import type { Settings } from '../../../config/settings';
import type { AppContext } from '../../../app/context';
import type { StaffActor } from '../../../app/roles';
import {
  backfillSchedule,
  createSchedule,
  pauseSchedule,
  ScheduleError,
  scheduleIdOf,
  triggerSchedule,
  type ScheduleDeps,
} from '../../../app/schedules';
import { formatProblem, loadCampaign } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import { FileScheduleTemplates } from '../../../stores/schedule-templates';

const SAMPLE = path.resolve(__dirname, '../../../config/campaigns/khoi-noi-chinh-2012-so-ket.yaml');
const calendar = loadWorkingCalendar();
const approver: StaffActor = { login: 'lanhdao', name: 'Nguyễn Văn C', roles: ['approver'] };

/** Temporal as the use cases see it: schedules by id, campaign workflows that exist, and a log. */
class FakeTemporal {
  readonly schedules = new Map<string, ScheduleOptions>();
  readonly campaigns = new Set<string>();
  readonly asked: string[] = [];
  readonly backfills: { start: Date; end: Date; overlap?: string }[] = [];

  client(): Client {
    const notFound = (name: string) => Object.assign(new Error(name), { name });
    const schedule = {
      create: async (o: ScheduleOptions) => {
        if (this.schedules.has(o.scheduleId)) throw notFound('ScheduleAlreadyRunning');
        this.schedules.set(o.scheduleId, o);
        this.asked.push(`create ${o.scheduleId}`);
      },
      getHandle: (id: string) => ({
        describe: async () => {
          const o = this.schedules.get(id);
          if (!o) throw notFound('ScheduleNotFoundError');
          return {
            scheduleId: id,
            memo: o.memo,
            state: { paused: false },
            info: { nextActionTimes: [new Date('2026-12-31T17:00:00Z')], recentActions: [] },
          };
        },
        pause: async (note: string) => void this.asked.push(`pause ${id}: ${note}`),
        trigger: async () => void this.asked.push(`trigger ${id}`),
        backfill: async (b: { start: Date; end: Date; overlap?: string }) => {
          this.backfills.push(b);
          this.asked.push(`backfill ${id}`);
        },
      }),
    };
    const workflow = {
      getHandle: (workflowId: string) => ({
        describe: async () => {
          if (!this.campaigns.has(workflowId)) throw notFound('WorkflowNotFoundError');
          return { status: { name: 'COMPLETED' } };
        },
      }),
    };
    return { schedule, workflow } as unknown as Client;
  }
}

let tmp: string;
let temporal: FakeTemporal;
let ctx: AppContext;
let deps: ScheduleDeps;
let now: Date;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-schedules-'));
  temporal = new FakeTemporal();
  ctx = { client: temporal.client(), settings: { taskQueue: 'thidua-test' } as Settings };
  now = new Date('2026-11-30T03:00:00Z');
  deps = {
    templates: new FileScheduleTemplates(path.join(tmp, 'schedules')),
    calendar: () => calendar,
    now: () => now,
  };
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function template(edit: (yaml: string) => string = (y) => y): string {
  const file = path.join(tmp, 'mau.yaml');
  fs.writeFileSync(file, edit(fs.readFileSync(SAMPLE, 'utf8')));
  return file;
}

/** The refusal `fn` fails with; nothing may have been created or stored. */
async function refusal(fn: () => Promise<unknown>): Promise<ScheduleError> {
  const err = await fn().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ScheduleError);
  expect(temporal.schedules.size).toBe(0);
  expect(fs.existsSync(path.join(tmp, 'schedules'))).toBe(false);
  return err as ScheduleError;
}

test('the schedule id comes from the template’s campaign id without its year', () => {
  expect(scheduleIdOf('khoi-noi-chinh-tw-so-ket-6-thang-2012')).toBe('khoi-noi-chinh-tw-so-ket-6-thang');
  expect(scheduleIdOf('khoi-noi-chinh-2027-h1')).toBe('khoi-noi-chinh');
  expect(scheduleIdOf('khong-co-nam')).toBe('khong-co-nam');
});

test('create sends a half-year calendar in Hà Nội time, explicit policies, and stores the template', async () => {
  const file = template();
  const made = await createSchedule(ctx, deps, approver, { file, every: 'half-year', id: 'khoi-noi-chinh' });
  expect(made).toMatchObject({
    scheduleId: 'khoi-noi-chinh',
    firstPeriod: '2027-h1',
    firstCampaignId: 'khoi-noi-chinh-2027-h1',
  });
  const sent = temporal.schedules.get('khoi-noi-chinh')!;
  expect(sent.spec.timezone).toBe('Asia/Ho_Chi_Minh');
  expect(sent.spec.calendars).toEqual([
    expect.objectContaining({ month: ['JANUARY', 'JULY'], dayOfMonth: 1, hour: 0, minute: 0, second: 0 }),
  ]);
  expect(sent.spec.startAt).toBeUndefined();
  expect(sent.policies).toEqual({ overlap: 'BUFFER_ONE', catchupWindow: '7 days', pauseOnFailure: true });
  expect(sent.action).toMatchObject({ args: [{ scheduleId: 'khoi-noi-chinh' }], taskQueue: 'thidua-test' });
  expect(sent.memo).toMatchObject({ every: 'half-year', template: 'mau.yaml', createdBy: 'Nguyễn Văn C (lanhdao)' });
  // The stored copy is what periods start from: a later edit of the file does not reach it.
  fs.writeFileSync(file, 'campaign: {}\n');
  expect(deps.templates.load('khoi-noi-chinh')?.yaml).toBe(fs.readFileSync(SAMPLE, 'utf8'));
});

test('a yearly schedule from --start-period starts a minute before 00:00 of 1 January there', async () => {
  await createSchedule(ctx, deps, approver, { file: template(), every: 'year', startPeriod: '2029' });
  const sent = temporal.schedules.get('khoi-noi-chinh-tw-so-ket-6-thang')!;
  expect(sent.spec.calendars).toEqual([expect.objectContaining({ month: 'JANUARY', dayOfMonth: 1 })]);
  expect(sent.spec.startAt?.toISOString()).toBe('2028-12-31T16:59:00.000Z');
});

test('refused, nothing made: an unknown --every, a bad period, a template that does not validate or move', async () => {
  const every = await refusal(() => createSchedule(ctx, deps, approver, { file: template(), every: 'quarter' }));
  expect(every.text('vi')).toContain('--every "quarter" không có');
  expect(every.text('en')).toContain('--every "quarter" is not known');

  const period = await refusal(() =>
    createSchedule(ctx, deps, approver, { file: template(), every: 'half-year', startPeriod: '2027-h3' }),
  );
  expect(period.message).toContain('kỳ "2027-h3" không đọc được: năm-h1 hoặc năm-h2');

  const broken = template((y) => y.replace('lock: 31/7/2012', 'lock: 31/13/2012'));
  const invalid = await refusal(() => createSchedule(ctx, deps, approver, { file: broken, every: 'year' }));
  const loaded = loadCampaign(broken, { mode: 'validate', calendar });
  if (loaded.ok) throw new Error('the broken template validated');
  // The same lines as `thidua campaign validate` prints.
  expect(invalid.details).toEqual(
    loaded.problems.filter((p) => p.severity === 'error').map((p) => formatProblem(p, 'vi')),
  );
  expect(invalid.details.join('\n')).toContain('tháng 13 không tồn tại');

  const spill = template((y) => y.replace('date: tháng 7/2012', 'date: 15/6/2012'));
  const moved = await refusal(() => createSchedule(ctx, deps, approver, { file: spill, every: 'half-year' }));
  expect(moved.code).toBe('cannot-move');
  expect(moved.details.join('\n')).toMatch(
    /phases\[0\]\.window\.start \(dòng \d+\): "tháng 7\/2012" nằm ngoài kỳ 2012-h1/,
  );
});

test('refused, nothing more made: an id already used, and an actor who is not an approver', async () => {
  await createSchedule(ctx, deps, approver, { file: template(), every: 'half-year', id: 'khoi' });
  const again = await createSchedule(ctx, deps, approver, { file: template(), every: 'year', id: 'khoi' }).catch(
    (e: ScheduleError) => e,
  );
  expect(again).toBeInstanceOf(ScheduleError);
  expect((again as ScheduleError).message).toContain('mã lịch "khoi" đã được dùng');
  expect(temporal.schedules.get('khoi')?.memo).toMatchObject({ every: 'half-year' });

  const clerk: StaffActor = { login: 'cv', name: 'Chuyên viên', roles: ['clerk'] };
  await expect(createSchedule(ctx, deps, clerk, { file: template(), every: 'year', id: 'khac' })).rejects.toMatchObject(
    {
      name: 'AppError',
      code: 'forbidden',
    },
  );
  expect(temporal.schedules.has('khac')).toBe(false);
});

test('trigger takes the current period in Hà Nội time and refuses one that ran', async () => {
  await createSchedule(ctx, deps, approver, { file: template(), every: 'half-year', id: 'khoi' });
  // 30/6 18:00 UTC is already 1 July in Hà Nội: the second half-year.
  now = new Date('2027-06-30T18:00:00Z');
  temporal.campaigns.add('campaign/khoi-2027-h2');
  const ran = await triggerSchedule(ctx, deps, approver, 'khoi', { waitMs: 10 }).catch((e: ScheduleError) => e);
  expect((ran as ScheduleError).message).toContain('kỳ 2027-h2 đã chạy; không bắt đầu đợt nào.');
  expect(temporal.asked).not.toContain('trigger khoi');
  now = new Date('2027-06-30T16:00:00Z');
  const outcome = await triggerSchedule(ctx, deps, approver, 'khoi', { waitMs: 10 });
  expect(outcome).toMatchObject({ period: '2027-h1', campaignId: 'khoi-2027-h1' });
  expect(temporal.asked).toContain('trigger khoi');
});

test('backfill covers the periods’ starts in Hà Nội time; one that ran, a future one or a reversed range is refused', async () => {
  await createSchedule(ctx, deps, approver, { file: template(), every: 'half-year', id: 'khoi' });
  const done = await backfillSchedule(ctx, deps, approver, 'khoi', { from: '2025-h2', to: '2026-h1' });
  expect(done.periods).toEqual([
    { period: '2025-h2', campaignId: 'khoi-2025-h2' },
    { period: '2026-h1', campaignId: 'khoi-2026-h1' },
  ]);
  expect(temporal.backfills).toEqual([
    { start: new Date('2025-06-30T16:59:00Z'), end: new Date('2025-12-31T17:01:00Z'), overlap: 'ALLOW_ALL' },
  ]);

  temporal.campaigns.add('campaign/khoi-2025-h1').add('campaign/khoi-2025-h2');
  const ran = await backfillSchedule(ctx, deps, approver, 'khoi', { from: '2024-h2', to: '2025-h2' }).catch(
    (e: ScheduleError) => e,
  );
  expect((ran as ScheduleError).text('vi')).toBe(
    'kỳ 2025-h1, kỳ 2025-h2 đã chạy; không bắt đầu đợt nào.\n  kỳ 2025-h1: đợt khoi-2025-h1 đã có\n  kỳ 2025-h2: đợt khoi-2025-h2 đã có',
  );
  const future = await backfillSchedule(ctx, deps, approver, 'khoi', { from: '2026-h2', to: '2027-h1' }).catch(
    (e: ScheduleError) => e,
  );
  expect((future as ScheduleError).message).toContain('kỳ 2027-h1 chưa đến (kỳ hiện tại là 2026-h2)');
  const reversed = await backfillSchedule(ctx, deps, approver, 'khoi', { from: '2026-h1', to: '2025-h1' }).catch(
    (e: ScheduleError) => e,
  );
  expect((reversed as ScheduleError).code).toBe('bad-period');
  expect(temporal.backfills).toHaveLength(1);
});

test('pause needs a reason; an unknown schedule is named', async () => {
  await createSchedule(ctx, deps, approver, { file: template(), every: 'year', id: 'khoi' });
  await expect(pauseSchedule(ctx, approver, 'khoi', '  ')).rejects.toThrow('--reason: ghi lý do tạm dừng');
  await pauseSchedule(ctx, approver, 'khoi', 'Chờ hướng dẫn');
  expect(temporal.asked).toContain('pause khoi: Tạm dừng bởi Nguyễn Văn C (lanhdao): Chờ hướng dẫn');
  await expect(pauseSchedule(ctx, approver, 'khong-co', 'x')).rejects.toThrow('không có lịch định kỳ "khong-co"');
});

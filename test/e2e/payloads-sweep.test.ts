/**
 * `thidua payloads sweep` on the Temporal dev server: with a 1 KiB claim-check threshold a small
 * workflow leaves references in its history (input, activity result, signal, result). One run
 * closed, one open; every blob made old. The sweep deletes the old orphan and the old temporary
 * file, keeps every referenced blob (old as they are), the fresh orphan and a file not the codec's,
 * and both workflows' values still decode. A sweep that cannot read a history, or cannot reach
 * Temporal, deletes nothing.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { CliError } from '../../client/connect';
import { sweepCommand } from '../../client/commands/payloads';
import { texts } from '../../client/texts';
import { payloadsDir } from '../../config/claim-check';
import { MarkError, sweepPayloads, type MarkFailure } from '../../config/claim-check-sweep';
import type { MarkService } from '../../config/claim-check-mark';
import { thiduaDataConverter } from '../../config/data-converter';
import { freePort } from '../../scripts/processes';
import { captureIo } from '../helpers/capture-io';
import { setCliEnvironment, type CliEnvironment } from '../helpers/cli-environment';
import { addUnits, claimCheckHolder, finish, type Held } from '../helpers/claim-check-holder-workflow';
import { devServerEnv } from '../helpers/temporal';

jest.setTimeout(180_000);

let env: TestWorkflowEnvironment;
let dataDir: string;
let dir: string;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let cliEnv: CliEnvironment | undefined;
const namespace = 'default';
const taskQueue = 'payloads-sweep';
const DAY = 86_400_000;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-sweep-'));
  dir = payloadsDir(dataDir);
  env = await devServerEnv();
  const dataConverter = thiduaDataConverter({ dataDir, claimCheckBytes: 1024 });
  client = new Client({ connection: env.connection, namespace, dataConverter });
  worker = await Worker.create({
    connection: env.nativeConnection,
    namespace,
    taskQueue,
    workflowsPath: require.resolve('../helpers/claim-check-holder-workflow'),
    activities: { pad: async (units: string[]) => units.join(' · ').repeat(3) },
    dataConverter,
  });
  running = worker.run();
});

afterEach(() => cliEnv?.restore());

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const names = (prefix: string) => Array.from({ length: 60 }, (_, i) => `${prefix} số ${i + 1}, tỉnh Vĩnh Phúc`);
const expected = (prefix: string, added: string): Held => ({
  units: names(prefix),
  added: [names(added)],
  padded: names(prefix).join(' · ').repeat(3),
});

/** Every file under the folder, relative (`ab/ab12…`). */
const files = (): string[] =>
  (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }) : [])
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
const age = (file: string, ms: number) => {
  const at = new Date(Date.now() - ms);
  fs.utimesSync(path.join(dir, file), at, at);
};
const put = (name: string, bytes: Buffer, ageMs: number): string => {
  const rel = path.join(name.slice(0, 2), name);
  fs.mkdirSync(path.join(dir, name.slice(0, 2)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), bytes);
  age(rel, ageMs);
  return rel;
};
const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

/** Polls until `check` holds (the visibility listing and the history follow the server's own pace). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const cli = () =>
  (cliEnv = setCliEnvironment({
    thidua: { THIDUA_DATA_DIR: dataDir, THIDUA_CLAIM_CHECK_BYTES: '1024' },
    temporalAddress: env.connection.options.address,
    namespace,
    dataDir,
  }));

test('the sweep deletes the old orphan and the old temporary file, keeps what any history refers to and what is fresh', async () => {
  // A closed run and an open one, each with its input, activity result and signal claim-checked.
  const closedId = `sweep-closed-${Date.now()}`;
  const closed = await client.workflow.start(claimCheckHolder, {
    taskQueue,
    workflowId: closedId,
    args: [names('Sở')],
  });
  await closed.signal(addUnits, names('Phòng'));
  await closed.signal(finish);
  expect(await closed.result()).toEqual(expected('Sở', 'Phòng'));
  const openId = `sweep-open-${Date.now()}`;
  const open = await client.workflow.start(claimCheckHolder, { taskQueue, workflowId: openId, args: [names('Xã')] });
  await open.signal(addUnits, names('Thôn'));
  const raw = env.client.workflow; // no codec: the history as Temporal holds it
  await until(
    async () =>
      ((await raw.getHandle(openId).fetchHistory()).events ?? []).some((e) => !!e.activityTaskCompletedEventAttributes),
    "the open run's activity result in its history",
  );
  await until(async () => {
    const seen = new Set<string>();
    for await (const w of raw.list()) seen.add(w.workflowId);
    return seen.has(closedId) && seen.has(openId);
  }, 'both runs in the visibility listing');

  // Every blob the runs wrote, made old: only the mark keeps them.
  const referenced = files();
  expect(referenced.length).toBeGreaterThanOrEqual(7); // closed: input, signal, activity result, result; open: three
  referenced.forEach((f) => age(f, 3 * DAY));
  const oldOrphan = put(sha('mồ côi cũ'), crypto.randomBytes(3000), 2 * DAY);
  const freshOrphan = put(sha('mồ côi mới'), crypto.randomBytes(2000), 60_000);
  const oldTemp = put(`${sha('ghi dở')}.4242.a1b2c3.tmp`, crypto.randomBytes(1500), 2 * DAY);
  const other = put('ab-ghi-chu.txt', Buffer.from('không phải của thidua'), 2 * DAY);
  const goneBytes = 3000 + 1500;

  cli();
  const dry = captureIo();
  expect(await sweepCommand(['--dry-run'], dry)).toBe(0);
  expect(dry.out()).toContain(`Chạy thử: sẽ xóa 2 tệp (${goneBytes.toLocaleString('vi-VN')} byte); chưa xóa gì.`);
  expect(dry.out()).toContain(`  ${oldOrphan}  3.000 byte\n`);
  expect(dry.out()).toContain(`  ${oldTemp}  1.500 byte  (tệp tạm của lần ghi không xong)`);
  expect(dry.out()).toMatch(/Đã đọc lịch sử của \d+ lượt chạy workflow .*thời gian chờ 24 giờ\./);
  expect(files()).toEqual([...referenced, oldOrphan, freshOrphan, oldTemp, other].sort());

  const io = captureIo();
  expect(await sweepCommand(['--grace', '24h', '--concurrency', '2'], io)).toBe(0);
  expect(io.out()).toContain(`Đã xóa 2 tệp (4.500 byte).`);
  expect(io.out()).toContain(
    `Giữ lại: ${referenced.length} tệp còn được tham chiếu (` +
      `${referenced.reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0).toLocaleString('vi-VN')} byte), ` +
      `1 tệp mới hơn thời gian chờ (2.000 byte), 1 tệp không phải của thidua (`,
  );
  expect(files()).toEqual([...referenced, freshOrphan, other].sort());

  // The values still come back: the closed run's result, and the open run's to the end.
  expect(await client.workflow.getHandle(closedId).result()).toEqual(expected('Sở', 'Phòng'));
  await open.signal(finish);
  expect(await open.result()).toEqual(expected('Xã', 'Thôn'));

  // In English, nothing left to delete with a one-hour grace but the fresh orphan once it is old.
  age(freshOrphan, 2 * 3600_000);
  const en = captureIo();
  expect(await sweepCommand(['--grace', '1h', '--dry-run', '--lang', 'en'], en)).toBe(0);
  expect(en.out()).toContain('Dry run: would delete 1 file (2,000 bytes); nothing deleted.');
  expect(en.out()).toContain(`  ${freshOrphan}  2,000 bytes\n`);
});

test('a sweep that cannot read one history deletes nothing, and says so', async () => {
  const id = `sweep-unreadable-${Date.now()}`;
  const h = await client.workflow.start(claimCheckHolder, { taskQueue, workflowId: id, args: [names('Huyện')] });
  await h.signal(finish);
  await h.result();
  await until(async () => {
    for await (const w of env.client.workflow.list()) if (w.workflowId === id) return true;
    return false;
  }, 'the run in the visibility listing');
  const orphan = put(sha(`mồ côi ${id}`), crypto.randomBytes(4000), 2 * DAY);
  const before = files();

  const real = client.workflowService;
  const service: MarkService = {
    listWorkflowExecutions: (req) => real.listWorkflowExecutions(req),
    describeWorkflowExecution: (req) => real.describeWorkflowExecution(req),
    listSchedules: (req) => real.listSchedules(req),
    describeSchedule: (req) => real.describeSchedule(req),
    getWorkflowExecutionHistory: (req) =>
      req.execution?.workflowId === id
        ? Promise.reject(Object.assign(new Error('14 UNAVAILABLE: máy chủ lịch sử không trả lời'), { code: 14 }))
        : real.getWorkflowExecutionHistory(req),
  };
  const failure = await sweepPayloads({ service, namespaces: [namespace], dir, graceMs: 3600_000, dryRun: false }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(failure).toBeInstanceOf(MarkError);
  const f = (failure as MarkError).failure as Extract<MarkFailure, { kind: 'history' }>;
  expect(f).toMatchObject({ kind: 'history', workflowId: id, why: '14 UNAVAILABLE: máy chủ lịch sử không trả lời' });
  expect(files()).toEqual(before);
  expect(fs.existsSync(path.join(dir, orphan))).toBe(true);
  // What the CLI prints for it.
  const t = texts('vi').payloads;
  expect(t.markFailed(t.failure(f))).toBe(
    `Không dọn thư mục dữ liệu lớn: không đọc được lịch sử của workflow ${id} (run ${f.runId}, namespace default): ` +
      '14 UNAVAILABLE: máy chủ lịch sử không trả lời. Không xóa tệp nào — chỉ xóa khi đã đọc được mọi lịch sử. ' +
      'Kiểm tra kết nối tới Temporal rồi chạy lại.',
  );

  // Temporal not reachable at all: the command stops before reading the folder.
  cliEnv = setCliEnvironment({
    thidua: { THIDUA_DATA_DIR: dataDir },
    temporalAddress: `127.0.0.1:${await freePort()}`,
    namespace,
    dataDir,
  });
  const err = await sweepCommand(['--grace', '1h'], captureIo()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CliError);
  expect((err as CliError).message).toMatch(
    /^Không dọn thư mục dữ liệu lớn: không kết nối được máy chủ Temporal tại 127\.0\.0\.1:\d+ .*\. Không xóa tệp nào — chỉ xóa khi đã đọc được mọi lịch sử\./s,
  );
  expect(files()).toEqual(before);
});

test('a bad --grace, --concurrency or an unknown option is refused before Temporal is reached', async () => {
  cli();
  await expect(sweepCommand(['--grace', '30s'])).rejects.toThrow(
    '--grace "30s": một khoảng thời gian như 24h, 2d hoặc 90m (ít nhất 1 phút); mặc định 24h',
  );
  await expect(sweepCommand(['--grace', 'mai', '--lang', 'en'])).rejects.toThrow('--grace "mai": a duration such as');
  await expect(sweepCommand(['--all', 'x'])).rejects.toThrow('không có tùy chọn --all');
  await expect(sweepCommand(['--namespaces', 'thidua,'])).rejects.toThrow('--namespaces "thidua,": tên các namespace');
  await expect(sweepCommand(['--concurrency', '0'])).rejects.toThrow(
    '--concurrency "0": số lịch sử đọc cùng lúc, một số nguyên từ 1 đến 64; mặc định 8',
  );
});

test("a schedule's workflow input, in no history until it fires, is kept", async () => {
  const scheduleId = `sweep-schedule-${Date.now()}`;
  const before = new Set(files());
  const schedule = await client.schedule.create({
    scheduleId,
    spec: { intervals: [{ every: '365 days' }] },
    action: { type: 'startWorkflow', workflowType: claimCheckHolder, args: [names('Tỉnh')], taskQueue },
    state: { paused: true },
  });
  try {
    const made = files().filter((f) => !before.has(f));
    expect(made).toHaveLength(1); // the action's input
    made.forEach((f) => age(f, 3 * DAY));
    cli();
    const io = captureIo();
    expect(await sweepCommand(['--grace', '1h'], io)).toBe(0);
    expect(io.out()).toMatch(/và [1-9]\d* lịch định kỳ/);
    expect(files()).toEqual(expect.arrayContaining(made));
    const described = await schedule.describe();
    expect(described.action.type === 'startWorkflow' && described.action.args).toEqual([names('Tỉnh')]);
  } finally {
    await schedule.delete();
  }
});

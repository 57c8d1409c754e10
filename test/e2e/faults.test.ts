/**
 * Faults, as an operator and a saboteur would cause them (issue 16), on a rehearsed campaign played
 * by real processes: the Temporal dev server on its SQLite file, the worker as its own process (the
 * production entry point, `worker/main.ts`), the CLI as its own process, and an SMTP server that
 * fails on demand. During the campaign:
 *
 * - the SMTP server is down when the plan goes out, answers 421 and 451 for a while, and refuses
 *   (550) one unit's focal address and one of the secretariat's two addresses for good;
 * - the worker is SIGKILLed three times, once at a reminder's very instant;
 * - the dev server is stopped and started again on its database.
 *
 * Then: every expected message arrived exactly once (by Message-ID), none stale; every unit's final
 * status is right; the secretariat's working address was told of every refused address.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { simpleParser } from 'mailparser';
import { connectTemporal, type ClosableConnection } from '../../config/temporal-connection';
import { freePort, stopProcess, waitFor } from '../../scripts/processes';
import { startDevServer, waitForDevServer } from '../../scripts/dev-server';
import { ensureTools } from '../../scripts/tools';
import { FaultySmtp } from '../helpers/faulty-smtp';
import { quietLogger } from '../helpers/temporal';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

const CAMPAIGN_ID = 'e2e-su-co-67-kh-tu';
/** One day of the 2009 timeline in 10 s: a worker restart (about 2 s) costs a fifth of a day. */
const REHEARSAL = '1d=10s';
const FROM = 'tdkt-su-co@vinhphuc.example.vn';
const SECRETARIAT_OK = 'thiduakhenthuong@vinhphuc.example.vn';
const SECRETARIAT_REFUSED = 'vanthu-bi-tu-choi@vinhphuc.example.vn';

interface TestUnit {
  id: string;
  name: string;
  focal: string;
  head: string;
  supervisor?: string;
}
const UNITS: TestUnit[] = [
  {
    id: 'thanh-uy-vinh-yen',
    name: 'Thành ủy Vĩnh Yên',
    focal: 'thidua.vinh-yen@vinhphuc.example.vn',
    head: 'ld.vinh-yen@vinhphuc.example.vn',
  },
  {
    id: 'huyen-uy-tam-dao',
    name: 'Huyện ủy Tam Đảo',
    focal: 'thidua.tam-dao@vinhphuc.example.vn',
    head: 'ld.tam-dao@vinhphuc.example.vn',
    supervisor: 'ubkt@vinhphuc.example.vn',
  },
  {
    id: 'so-y-te',
    name: 'Sở Y tế',
    focal: 'thidua-bi-tu-choi.so-y-te@vinhphuc.example.vn',
    head: 'ld.so-y-te@vinhphuc.example.vn',
  },
];
const [SUBMITTER, LATE, REFUSED] = UNITS;

const CAMPAIGN_YAML = `campaign:
  id: ${CAMPAIGN_ID}
  plan: { number: 67-KH/TU, date: 5/10/2009 }
  title: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW (diễn tập sự cố)
  directive: Chỉ thị 39-CT/TW ngày 21/5/2004 của Bộ Chính trị
  issuingBody: Ban Thường vụ Tỉnh ủy Vĩnh Phúc
  secretariat:
    name: Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc
    contacts:
      - { name: Nguyễn Văn T, phone: 0211 3862 000, email: ${SECRETARIAT_OK} }
      - { name: Văn thư Ban, email: ${SECRETARIAT_REFUSED} }
  timeZone: Asia/Ho_Chi_Minh
units:
${UNITS.map(
  (u) =>
    `  - id: ${u.id}\n    name: ${u.name}\n    kind: department\n` +
    `    focal: { name: Đầu mối ${u.name}, email: ${u.focal} }\n    head: { name: Lãnh đạo ${u.name}, email: ${u.head} }\n` +
    (u.supervisor ? `    supervisor: { name: Đỗ Văn K, email: ${u.supervisor} }\n` : ''),
).join('')}
phases:
  - kind: plan-issue
    name: Ban hành Kế hoạch
    window: { start: 5/10/2009, end: 7/10/2009 }
    attachments: []
  - kind: self-review
    name: Tổng kết tại đơn vị
    window: { start: 8/10/2009, end: 16/10/2009 }
    deadline: trước ngày 15/10/2009
    lock: 16/10/2009
    reminders: [3d, 1d]
    escalation:
      - { after: 1d, notify: [head] }
      - { after: 2d, notify: [supervisor], cc: [secretariat] }
    due: { summaryReport: required, presentationPaper: none }
`;

const messageId = (unitId: string, key: string) =>
  `<${`${CAMPAIGN_ID}/${unitId}/${key}`.replace(/[^A-Za-z0-9.-]+/g, '.')}@vinhphuc.example.vn>`;

let dir: string;
let smtp: FaultySmtp;
let server: ChildProcess | undefined;
let worker: ChildProcess | undefined;
// Closed only after its retry timers (the dev server restarts under it): see config/temporal-connection.ts.
let connection: ClosableConnection | undefined;
let env: NodeJS.ProcessEnv;
let temporalPort: number;
const log = (line: string) => fs.appendFileSync(path.join(dir, 'faults.log'), `${new Date().toISOString()} ${line}\n`);

function startServer(): ChildProcess {
  return startDevServer({
    cli: ensureTools().temporalCli,
    port: temporalPort,
    dbFile: path.join(dir, 'temporal.db'),
    output: { logFile: path.join(dir, 'temporal.log') },
  });
}

function startWorker(): ChildProcess {
  const out = fs.openSync(path.join(dir, 'worker.log'), 'a');
  const child = spawn(TSX, [path.join(ROOT, 'worker', 'main.ts')], {
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  return child;
}

/** SIGKILL to the worker's whole process group (tsx runs node as its child): no goodbye, no cleanup. */
async function killWorker(why: string): Promise<void> {
  const w = worker!;
  log(`SIGKILL worker (${why})`);
  process.kill(-w.pid!, 'SIGKILL');
  await new Promise((r) => (w.exitCode !== null || w.signalCode !== null ? r(undefined) : w.once('exit', r)));
  worker = startWorker();
}

const thidua = (...args: string[]) => run(TSX, [path.join(ROOT, 'client', 'thidua.ts'), ...args], { env, cwd: dir });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-faults-'));
  temporalPort = await freePort();
  smtp = new FaultySmtp(await freePort());
  smtp.refused.add(REFUSED.focal);
  smtp.refused.add(SECRETARIAT_REFUSED);
  // Workers start from a bundle built once: a restart after SIGKILL takes a second or two, not ten.
  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
  fs.writeFileSync(path.join(dir, 'workflows.js'), bundle.code);
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_CONFIG_FILE: path.join(dir, 'no-profile.toml'),
    THIDUA_SMTP_HOST: '127.0.0.1',
    THIDUA_SMTP_PORT: String(smtp.port),
    THIDUA_MAIL_FROM: `"Thường trực Hội đồng" <${FROM}>`,
    THIDUA_DATA_DIR: path.join(dir, 'data'),
    THIDUA_TASK_QUEUE: `faults-${process.pid}`,
    THIDUA_PUBLIC_URL: 'http://portal.example.vn',
    THIDUA_METRICS_ADDRESS: 'off',
    THIDUA_WORKFLOW_BUNDLE: path.join(dir, 'workflows.js'),
  };
  server = startServer();
  await waitForDevServer(server, temporalPort, 60_000, path.join(dir, 'temporal.log'));
  worker = startWorker();
}, 180_000);

afterAll(async () => {
  if (worker?.pid && worker.exitCode === null) process.kill(-worker.pid, 'SIGKILL');
  await connection?.close();
  if (server) await stopProcess(server);
  await smtp?.down();
  if (process.env.THIDUA_KEEP_FAULT_LOGS) console.log(`fault test logs: ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

test('a campaign through SMTP failures, three worker kills and a server restart: each message once, none stale, statuses right, the secretariat told', async () => {
  fs.writeFileSync(path.join(dir, 'campaign.yaml'), CAMPAIGN_YAML);
  // The SMTP server is down while the plan goes out: the sends are retried until it is back.
  await thidua('campaign', 'start', 'campaign.yaml', '--rehearse', REHEARSAL);
  log('campaign started, SMTP down');
  connection = await connectTemporal({ address: `127.0.0.1:${temporalPort}` });
  const client = new Client({ connection: connection.connection });
  const unitStatus = (u: TestUnit) =>
    client.workflow.getHandle(`campaign/${CAMPAIGN_ID}/unit/${u.id}`).query<{
      status: string;
      locked: boolean;
      schedule?: {
        reminders: Array<{ id: string; at: { utc: string } }>;
        escalations: Array<{ step: number; at: { utc: string } }>;
        deadline: { utc: string };
      };
      reports: unknown[];
      remindersSent: number;
    }>('getUnitStatus');
  await new Promise((r) => setTimeout(r, 4000));
  await smtp.start();
  log('SMTP up');
  const received = (unit: TestUnit, key: string) => (smtp.copies().get(messageId(unit.id, key)) ?? 0) > 0;
  await waitFor(
    'the plan to the units that accept mail',
    async () => received(SUBMITTER, 'plan-issued') && received(LATE, 'plan-issued'),
    60_000,
  );

  // The worker dies at the first reminder's very instant.
  let view: Awaited<ReturnType<typeof unitStatus>> | undefined;
  await waitFor(
    'the units’ schedules',
    async () => {
      view = await unitStatus(SUBMITTER).catch(() => undefined);
      return !!view?.schedule;
    },
    30_000,
  );
  const schedule = view!.schedule!;
  const at = (id: string) => Date.parse(schedule.reminders.find((r) => r.id === id)!.at.utc);
  const deadline = Date.parse(schedule.deadline.utc);
  const firstEscalation = Date.parse(schedule.escalations[0].at.utc);
  log(`schedule: ${JSON.stringify({ r3: at('r-3d'), r1: at('r-1d'), deadline, firstEscalation, now: Date.now() })}`);
  await new Promise((r) => setTimeout(r, Math.max(0, at('r-3d') - Date.now())));
  await killWorker('at the 3-day reminder');
  await waitFor('the 3-day reminder', async () => received(SUBMITTER, 'v1/r-3d') && received(LATE, 'v1/r-3d'), 60_000);

  // One unit submits through the CLI; then greylisting (451) for a while.
  const report = path.join(dir, 'Báo cáo tổng kết.pdf');
  fs.writeFileSync(report, '%PDF-1.4\n% Báo cáo tổng kết\n');
  await thidua('unit', 'submit', CAMPAIGN_ID, SUBMITTER.id, report);
  await waitFor('the receipt', async () => received(SUBMITTER, 'receipt/summary-report/v1'), 60_000);
  smtp.mode = '451';
  log('SMTP 451');
  await new Promise((r) => setTimeout(r, 5000));
  smtp.mode = 'up';

  // 421 at connection around the 1-day reminder, then the dev server restarts on its database.
  await new Promise((r) => setTimeout(r, Math.max(0, at('r-1d') - 1000 - Date.now())));
  smtp.mode = '421';
  log('SMTP 421');
  await new Promise((r) => setTimeout(r, 4000));
  smtp.mode = 'up';
  log('SMTP up; restarting the dev server');
  await stopProcess(server!);
  server = startServer();
  await waitForDevServer(server, temporalPort, 60_000, path.join(dir, 'temporal.log'));
  log('dev server back');

  // The worker dies at the deadline (the late notices), and again at the first escalation.
  await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())));
  await killWorker('at the deadline');
  await new Promise((r) => setTimeout(r, Math.max(0, firstEscalation - Date.now())));
  await killWorker('at the first escalation');

  const result = await client.workflow.getHandle(`campaign/${CAMPAIGN_ID}`).result();
  log(`campaign closed: ${JSON.stringify(result).slice(0, 200)}`);

  // ---- every expected message exactly once, nothing else ----------------------------------------
  const expected = [
    ...['plan-issued', 'v1/r-3d', 'receipt/summary-report/v1', 'lock/self-review'].map((k) =>
      messageId(SUBMITTER.id, k),
    ),
    ...['plan-issued', 'v1/r-3d', 'v1/r-1d', 'v1/late', 'v1/esc1', 'v1/esc2', 'lock/self-review'].map((k) =>
      messageId(LATE.id, k),
    ),
    // The refused unit: its head and supervisor still get the escalations; every message to its
    // focal person was refused, and the secretariat was told of each.
    ...['v1/esc1', 'v1/esc2'].map((k) => messageId(REFUSED.id, k)),
    ...['plan-issued', 'v1/r-3d', 'v1/r-1d', 'v1/late', 'lock/self-review'].map((k) =>
      messageId(REFUSED.id, `${k}/delivery-failure`),
    ),
    // The second escalation goes to the secretariat too (cc, or as the supervisor of a unit without
    // one): its refused address is reported to the working one.
    ...[LATE, REFUSED].map((u) => messageId(u.id, 'v1/esc2/delivery-failure')),
  ];
  const copies = smtp.copies();
  const extra = [...copies.keys()].filter((id) => !expected.includes(id));
  const twice = [...copies].filter(([, n]) => n > 1).map(([id]) => id);
  const missing = expected.filter((id) => !copies.has(id));
  expect({ missing, extra, twice }).toEqual({ missing: [], extra: [], twice: [] });

  // ---- final statuses ----------------------------------------------------------------------------
  // status/locked/reminders sent: a reminder delivered just before a kill still counts as sent.
  const finals = Object.fromEntries(
    await Promise.all(
      UNITS.map(async (u) => [u.id, await unitStatus(u).then((v) => `${v.status}/${v.locked}/${v.remindersSent}`)]),
    ),
  );
  expect(finals).toEqual({
    [SUBMITTER.id]: 'submitted/true/1',
    [LATE.id]: 'missing/true/2',
    [REFUSED.id]: 'missing/true/0',
  });

  // ---- the secretariat's working address was told of every refused address ------------------------
  const toSecretariat = smtp.accepted.filter((m) => m.to.includes(SECRETARIAT_OK));
  const bodies = await Promise.all(toSecretariat.map(async (m) => (await simpleParser(m.raw)).text ?? ''));
  for (const address of [REFUSED.focal, SECRETARIAT_REFUSED]) {
    expect([address, bodies.some((b) => b.includes(address))]).toEqual([address, true]);
  }
}, 600_000);

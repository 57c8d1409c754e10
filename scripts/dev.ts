/**
 * `npm run dev`: the whole embedded stack on one machine — the Temporal dev server (SQLite file in
 * the data folder, thidua's search attributes registered, Web UI), the maildev mail catcher (SMTP +
 * web inbox), a worker, and the unit portal with the secretariat's dashboard. Prints the URLs (and the
 * dev dashboard account); Ctrl-C stops everything it started. A second run keeps
 * what the first created (the database and the inbox live in the data folder).
 */
import { installRuntime } from '../worker/runtime';
import type { ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { loadSettings, loadTemporalConnectConfig } from '../config/settings';
import { thiduaDataConverter } from '../config/data-converter';
import { startCampaign } from '../client/commands/campaign-start';
import { createThiduaWorker } from '../worker/create-worker';
import { startPortal, type RunningPortal } from '../portal';
import { FileAccountStore } from '../stores/accounts';
import { startDevServer, waitForDevServer } from './dev-server';
import { portOpen, startMaildev, stopProcess, type Maildev } from './processes';
import { ensureTools, maildevBin, MissingToolError } from './tools';

const TEMPORAL_PORT = Number(process.env.THIDUA_DEV_TEMPORAL_PORT ?? 7233);
const UI_PORT = Number(process.env.THIDUA_DEV_UI_PORT ?? 8233);
const MAIL_WEB_PORT = Number(process.env.THIDUA_DEV_MAIL_WEB_PORT ?? 1080);

async function run(): Promise<void> {
  const settings = loadSettings();
  const tools = ensureTools();
  fs.mkdirSync(settings.dataDir, { recursive: true, mode: 0o700 });
  const children: ChildProcess[] = [];
  // Filled as things start, so that Ctrl-C at any moment stops exactly what is running.
  const running: { maildev?: Maildev; worker?: Worker; portal?: RunningPortal } = {};
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log('\nthidua dev: stopping...');
    if (running.worker?.getState() === 'RUNNING') running.worker.shutdown();
    await running.portal?.close();
    await running.maildev?.stop();
    for (const child of children.reverse()) await stopProcess(child);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const [port, what] of [
    [TEMPORAL_PORT, 'Temporal'],
    [UI_PORT, 'Temporal UI'],
    [settings.smtp.port, 'SMTP'],
    [MAIL_WEB_PORT, 'mail inbox'],
    [settings.portalPort, 'unit portal'],
    ...(settings.metricsAddress ? [[Number(settings.metricsAddress.split(':').pop()), 'worker metrics'] as const] : []),
  ] as const) {
    if (await portOpen(port)) {
      throw new Error(
        `port ${port} (${what}) is already in use: is another \`npm run dev\` running? Stop it or set THIDUA_DEV_* ports.`,
      );
    }
  }

  const temporal = startDevServer({
    cli: tools.temporalCli,
    port: TEMPORAL_PORT,
    uiPort: UI_PORT,
    dbFile: path.join(settings.dataDir, 'temporal.db'),
    output: 'inherit',
  });
  children.push(temporal);
  temporal.on('exit', (code) => {
    if (!stopping) {
      console.error(`thidua dev: the Temporal dev server exited (${code}); stopping.`);
      void stopAll(1);
    }
  });

  running.maildev = await startMaildev({
    bin: maildevBin(),
    smtpPort: settings.smtp.port,
    webPort: MAIL_WEB_PORT,
    mailDirectory: path.join(settings.dataDir, 'mail-catcher'),
  });
  await waitForDevServer(temporal, TEMPORAL_PORT, 60_000);

  const config = loadTemporalConnectConfig({ ...process.env, TEMPORAL_ADDRESS: `127.0.0.1:${TEMPORAL_PORT}` });
  installRuntime(settings.metricsAddress);
  const connection = await NativeConnection.connect(config.connectionOptions);
  const client = new Client({
    connection: await Connection.connect(config.connectionOptions),
    namespace: config.namespace,
    dataConverter: thiduaDataConverter(settings),
  });
  const worker = await createThiduaWorker({ connection, namespace: config.namespace, settings, client });
  running.portal = await startPortal({ settings, client });
  const staff = await ensureDevAccount(settings.dataDir);

  console.log(
    [
      '',
      'thidua dev stack is running:',
      `  Temporal server   127.0.0.1:${TEMPORAL_PORT} (namespace ${config.namespace}, data ${path.join(settings.dataDir, 'temporal.db')})`,
      `  Temporal UI       http://localhost:${UI_PORT}`,
      `  Mail (SMTP)       smtp://localhost:${settings.smtp.port}`,
      `  Mail inbox        http://localhost:${MAIL_WEB_PORT}`,
      `  Worker            task queue ${settings.taskQueue}` +
        (settings.metricsAddress ? `, metrics http://${settings.metricsAddress}/metrics` : ''),
      `  Unit portal       http://localhost:${settings.portalPort} (links in messages: ${settings.publicBaseUrl}/u/…)`,
      `  Dashboard         http://localhost:${settings.portalPort}/admin ${staff}`,
      '',
      'Press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
  running.worker = worker;
  const run = worker.run();
  await startDemo(TEMPORAL_PORT, UI_PORT, MAIL_WEB_PORT, settings.portalPort);
  await run;
  await stopAll(0);
}

/**
 * The dev stack's secretariat account: `thuongtruc` (every role) with a random password, created on the first run
 * and kept (mode 600) in the data folder. The password is not printed (terminals are logged and
 * shared); the line names the file that holds it. A data folder whose accounts were made with
 * `thidua secretariat add-user` is left alone.
 */
async function ensureDevAccount(dataDir: string): Promise<string> {
  const accounts = new FileAccountStore(dataDir);
  const file = path.join(dataDir, 'secretariat', 'dev-password.txt');
  const where = `(login thuongtruc, password in ${path.relative(process.cwd(), file) || file})`;
  if (fs.existsSync(file)) return where;
  if ((await accounts.list()).length > 0) return '(accounts: thidua secretariat add-user)';
  const password = crypto.randomBytes(12).toString('base64url');
  // Every role, so that one dev login can run, approve and award (production accounts get theirs by --role).
  await accounts.set('thuongtruc', 'Thường trực Hội đồng (dev)', password, ['clerk', 'approver', 'council']);
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return where;
}

/**
 * Plays a sample campaign on a compressed timeline so that the stack shows something at once: the
 * plan, reminders, late notices, escalations and the lock arrive in the inbox within minutes.
 * `THIDUA_DEV_DEMO=off` skips it; `THIDUA_DEV_DEMO` may name another campaign file, and
 * `THIDUA_DEV_REHEARSE` another compression.
 */
async function startDemo(temporalPort: number, uiPort: number, mailWebPort: number, portalPort: number): Promise<void> {
  const file = process.env.THIDUA_DEV_DEMO ?? 'config/campaigns/vinh-phuc-67-kh-tu-2009.yaml';
  if (file === 'off') return;
  const rehearse = process.env.THIDUA_DEV_REHEARSE ?? '1d=20s';
  process.env.TEMPORAL_ADDRESS ??= `127.0.0.1:${temporalPort}`;
  const out: string[] = [];
  const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } };
  try {
    const { campaignId: id } = await startCampaign([file, '--rehearse', rehearse], io);
    console.log(
      [
        `Demo: ${file} rehearsed at ${rehearse} (THIDUA_DEV_DEMO=off to skip)`,
        ...out
          .join('')
          .split('\n')
          .filter((l) => l && !/warning phases/.test(l))
          .map((l) => `  ${l}`),
        ...(id
          ? [
              `  Follow it: npm run thidua -- campaign status ${id}`,
              `             http://localhost:${portalPort}/admin/c/${id} (dashboard)`,
              `             http://localhost:${uiPort}  ·  inbox http://localhost:${mailWebPort}`,
            ]
          : []),
        '',
      ].join('\n'),
    );
  } catch (err) {
    console.error(`thidua dev: the demo campaign did not start (the stack keeps running): ${(err as Error).message}`);
  }
}

run().catch((err) => {
  console.error(err instanceof MissingToolError ? `thidua: ${err.message}` : err);
  process.exit(1);
});

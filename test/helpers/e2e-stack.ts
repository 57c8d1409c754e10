/**
 * The real stack of an end-to-end test, on free ports: the maildev SMTP server, the Temporal dev
 * server, the CLI's environment pointed at both, and a thidua worker with the real activities.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, type Worker } from '@temporalio/worker';
import { loadSettings, type Settings } from '../../config/settings';
import { thiduaDataConverter } from '../../config/data-converter';
import { connectTemporal, type ClosableConnection } from '../../config/temporal-connection';
import { freePort, startMaildev, type Maildev } from '../../scripts/processes';
import { parsePrometheusText } from '../../scripts/prometheus-text';
import { maildevBin } from '../../scripts/tools';
import { createThiduaWorker } from '../../worker/create-worker';
import { installRuntime } from '../../worker/runtime';
import { setCliEnvironment, type CliEnvironment } from './cli-environment';
import { devServerEnv } from './temporal';

export interface E2eStack {
  env: TestWorkflowEnvironment;
  /**
   * The client the worker, the portal and the test use: on a connection that closes only after its
   * retries, where `env.client`'s can throw from a retry timer after teardown.
   */
  client: Client;
  maildev: Maildev;
  /** A temporary folder of the test's; thidua's data folder is `data/` inside it. */
  dataDir: string;
  settings: Settings;
  /** The worker's Prometheus endpoint. */
  metricsUrl: string;
  /** Stops everything started, restores the environment, removes the folder. */
  stop(): Promise<void>;
}

/**
 * Starts the stack; `thidua` adds settings (public URL, sender, portal port) to the ones it sets
 * itself (SMTP, data folder, a task queue of its own). A failure half-way stops what had started.
 */
export async function startE2eStack(name: string, thidua: Record<string, string> = {}): Promise<E2eStack> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `thidua-e2e-${name}-`));
  let maildev: Maildev | undefined;
  let env: TestWorkflowEnvironment | undefined;
  let cliEnv: CliEnvironment | undefined;
  let worker: Worker | undefined;
  let workerRun: Promise<void> | undefined;
  let connection: ClosableConnection | undefined;
  const stop = async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await workerRun?.catch((err: unknown) => console.error('worker failed', err));
    await connection?.close();
    await env?.teardown();
    await maildev?.stop();
    cliEnv?.restore();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const [smtpPort, webPort] = [await freePort(), await freePort()];
    maildev = await startMaildev({ bin: maildevBin(), smtpPort, webPort, mailDirectory: path.join(dataDir, 'mail') });
    // The worker's own INFO lines (webpack's bundle report, state changes) would drown the test's output.
    // Its Prometheus endpoint is on, as in production, on a free port.
    const metricsAddress = `127.0.0.1:${await freePort()}`;
    installRuntime(metricsAddress, new DefaultLogger('WARN'));
    const metricsUrl = `http://${metricsAddress}/metrics`;
    env = await devServerEnv();
    const values: Record<string, string> = {
      THIDUA_SMTP_HOST: '127.0.0.1',
      THIDUA_SMTP_PORT: String(maildev.smtpPort),
      THIDUA_DATA_DIR: path.join(dataDir, 'data'),
      THIDUA_TASK_QUEUE: `e2e-${name}-${process.pid}-${Date.now()}`,
      ...thidua,
    };
    const namespace = env.namespace ?? 'default';
    cliEnv = setCliEnvironment({ thidua: values, temporalAddress: env.address, namespace, dataDir });
    const settings = loadSettings({ ...values });
    connection = await connectTemporal({ address: env.address });
    const client = new Client({
      connection: connection.connection,
      namespace,
      dataConverter: thiduaDataConverter(settings),
    });
    worker = await createThiduaWorker({ connection: env.nativeConnection, namespace, settings, client });
    workerRun = worker.run();
    return { env, client, maildev, dataDir, settings, metricsUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The worker's Prometheus page as numbers by series (`name{label="value",…}`, labels sorted). */
export async function readMetrics(url: string): Promise<Map<string, number>> {
  return parsePrometheusText(await (await fetch(url)).text());
}

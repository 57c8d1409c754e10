/**
 * The worker: hosts thidua's workflows and activities on the task queue. Connection settings come
 * from `@temporalio/envconfig` (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS, API key, profiles).
 */
import { Client } from '@temporalio/client';
import { connectTemporal } from '../config/temporal-connection';
import { thiduaDataConverter } from '../config/data-converter';
import { NativeConnection } from '@temporalio/worker';
import { loadSettings, loadTemporalConnectConfig } from '../config/settings';
import { createThiduaWorker } from './create-worker';
import { installRuntime } from './runtime';

async function run(): Promise<void> {
  const settings = loadSettings();
  const temporal = loadTemporalConnectConfig();
  installRuntime(settings.metricsAddress);
  const connection = await NativeConnection.connect(temporal.connectionOptions);
  const clientConnection = await connectTemporal(temporal.connectionOptions);
  const client = new Client({
    connection: clientConnection.connection,
    namespace: temporal.namespace,
    dataConverter: thiduaDataConverter(settings),
  });
  const worker = await createThiduaWorker({ connection, namespace: temporal.namespace, settings, client });
  console.log(
    `thidua worker: ${temporal.connectionOptions.address} namespace ${temporal.namespace}, task queue ${settings.taskQueue}` +
      (settings.metricsAddress ? `; metrics http://${settings.metricsAddress}/metrics` : ''),
  );
  await worker.run();
  await clientConnection.close();
  await connection.close();
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});

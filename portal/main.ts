/**
 * `npm run portal`: the unit portal and the secretariat's dashboard (`/admin`) on THIDUA_PORTAL_PORT
 * (default 3000), reading and acting through Temporal (connection from `@temporalio/envconfig`, as
 * the worker and the CLI).
 */
import { Client } from '@temporalio/client';
import { connectTemporal } from '../config/temporal-connection';
import { thiduaDataConverter } from '../config/data-converter';
import { loadSettings, loadTemporalConnectConfig } from '../config/settings';
import { startPortal } from '.';
import { FileAccountStore } from '../stores/accounts';

async function run(): Promise<void> {
  const settings = loadSettings();
  const temporal = loadTemporalConnectConfig();
  const connection = await connectTemporal(temporal.connectionOptions);
  const client = new Client({
    connection: connection.connection,
    namespace: temporal.namespace,
    dataConverter: thiduaDataConverter(settings),
  });
  const portal = await startPortal({ settings, client });
  console.log(
    `thidua portal: ${portal.url} (links ${settings.publicBaseUrl}/u/…; Temporal ${temporal.connectionOptions.address}, ` +
      `namespace ${temporal.namespace}, task queue ${settings.taskQueue})`,
  );
  const accounts = (await new FileAccountStore(settings.dataDir).list()).length;
  console.log(
    accounts > 0
      ? `thidua dashboard: ${portal.url}/admin (${accounts} account(s))`
      : `thidua dashboard: ${portal.url}/admin — no account yet: \`npm run thidua -- secretariat add-user LOGIN --name NAME\``,
  );
  const stop = async () => {
    await portal.close();
    await connection.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});

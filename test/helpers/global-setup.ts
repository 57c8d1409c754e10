/** Installs (or finds) the real servers once before the workflow and end-to-end suites. */
import { ensureTools } from '../../scripts/tools';

export default async function globalSetup(): Promise<void> {
  const tools = ensureTools();
  process.env.THIDUA_TEST_SERVER = tools.testServer;
  process.env.THIDUA_TEMPORAL_CLI = tools.temporalCli;
}

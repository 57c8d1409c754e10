/** `npm run tools`: installs (or finds) the Temporal CLI and the time-skipping test server. */
import { ensureTools, MissingToolError } from './tools';

try {
  const tools = ensureTools();
  console.log(`temporal CLI:       ${tools.temporalCli}`);
  console.log(`time-skipping test: ${tools.testServer}`);
} catch (err) {
  console.error(err instanceof MissingToolError ? `thidua: ${err.message}` : err);
  process.exit(1);
}

import net from 'node:net';
import { Metadata, status } from '@grpc/grpc-js';
import { Connection } from '@temporalio/client';
import { closable, retryUntilClosing } from '../../../config/temporal-connection';

const unavailable = { code: status.UNAVAILABLE, details: 'server restarting', metadata: new Metadata() };

/** A local port nobody listens on: every call to it fails UNAVAILABLE, which the SDK retries. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('calls are retried until closing begins, then fail as they are', async () => {
  const retry = retryUntilClosing();
  expect(retry.options.retryableDecider(1, unavailable)).toBe(true);
  await retry.drain();
  expect(retry.options.retryableDecider(1, unavailable)).toBe(false);
});

test('closing with no retry pending does not wait', async () => {
  const retry = retryUntilClosing();
  const first = await Promise.race([
    retry.drain().then(() => 'closed'),
    new Promise((resolve) => setImmediate(() => resolve('a turn of the event loop later'))),
  ]);
  expect(first).toBe('closed');
});

// What CI saw: the process starved of CPU, the event loop runs a retry timer long after it was due.
// Closed then, the channel was shut before the timer ran, which threw "Channel has been shut down"
// from the timer (an uncaught exception: it fails this test). The close now waits for the timer.
test('a retry timer already due when the event loop is late still runs before the channel closes', async () => {
  const retry = retryUntilClosing();
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: retry.interceptors });
  const call = connection.workflowService.getSystemInfo({}).then(
    () => 'answered',
    (err: { code?: number }) => err.code,
  );
  await until('the first attempt to fail and its retry to be set', () => retry.pendingRetries() > 0);

  // Busy for longer than any retry delay of the SDK's first attempts (about 100 ms) plus a margin.
  const busyUntil = Date.now() + 1_000;
  while (Date.now() < busyUntil) {
    // the event loop is held: the retry timer becomes due but cannot run
  }
  await closable(connection, retry).close();

  expect(retry.pendingRetries()).toBe(0);
  // The retried attempt, started before the close, fails for good as a rejection of the call's own
  // promise (unreachable, or cut short by the close).
  expect([status.UNAVAILABLE, status.CANCELLED]).toContain(await call);
  // A stray timer would throw within its delay (at most about 6 s); there is none left.
  await new Promise((r) => setTimeout(r, 300));
});

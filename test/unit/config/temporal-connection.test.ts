import { Metadata, status } from '@grpc/grpc-js';
import { retryUntilClosing } from '../../../config/temporal-connection';

const unavailable = { code: status.UNAVAILABLE, details: 'server restarting', metadata: new Metadata() };

test('calls are retried until closing begins, then fail as they are', async () => {
  const retry = retryUntilClosing();
  expect(retry.options.retryableDecider(1, unavailable)).toBe(true);
  await retry.drain();
  expect(retry.options.retryableDecider(1, unavailable)).toBe(false);
});

test('closing waits until the retry timers already set have fired', async () => {
  const retry = retryUntilClosing();
  const delay = retry.options.delayFunction(3, unavailable);
  expect(delay).toBeGreaterThan(0);
  const started = Date.now();
  await retry.drain();
  expect(Date.now() - started).toBeGreaterThanOrEqual(delay);
});

test('closing with no retry pending does not wait', async () => {
  const retry = retryUntilClosing();
  const first = await Promise.race([
    retry.drain().then(() => 'closed'),
    new Promise((resolve) => setImmediate(() => resolve('a turn of the event loop later'))),
  ]);
  expect(first).toBe('closed');
});

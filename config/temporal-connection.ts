/**
 * A Temporal client connection that can be closed while calls are still being retried.
 *
 * The SDK's retry interceptor (1.24) retries a failed call on a timer; when that timer fires after
 * `connection.close()`, grpc-js throws "Channel has been shut down" from the timer, an uncaught
 * exception that crashed shutdowns and failed an e2e suite in CI after its test had passed.
 * Here retries stop once closing begins, and the channel closes only after the last retry timer
 * already set has fired: that call then fails as a normal rejection of its own promise.
 */
import {
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';

export interface ClosableConnection {
  connection: Connection;
  /** Stops new retries, waits for the retry timers already set, then closes the channel. */
  close(): Promise<void>;
}

export async function connectTemporal(options: ConnectionOptions = {}): Promise<ClosableConnection> {
  const retry = retryUntilClosing();
  const connection = await Connection.connect({
    ...options,
    interceptors: [makeGrpcRetryInterceptor(retry.options), ...(options.interceptors ?? [])],
  });
  let closed: Promise<void> | undefined;
  return {
    connection,
    close: () => (closed ??= retry.drain().then(() => connection.close())),
  };
}

const RETRY_TIMER_MARGIN_MS = 250;

/** The SDK's default retry policy, which stops retrying once `drain` is called. */
export function retryUntilClosing() {
  const base = defaultGrpcRetryOptions();
  let closing = false;
  // The latest instant a retry timer already set will fire (epoch ms).
  let lastRetryAt = 0;
  return {
    options: {
      retryableDecider: (attempt: number, status: Parameters<typeof base.retryableDecider>[1]) =>
        !closing && base.retryableDecider(attempt, status),
      delayFunction: (attempt: number, status: Parameters<typeof base.delayFunction>[1]) => {
        // The interceptor sets its timer with this delay right after asking for it.
        const delay = base.delayFunction(attempt, status);
        lastRetryAt = Math.max(lastRetryAt, Date.now() + delay);
        return delay;
      },
    },
    async drain(): Promise<void> {
      closing = true;
      // A margin past the last timer: a timer fires late on a busy event loop, and the retry call
      // is made in its callback.
      const wait = lastRetryAt + RETRY_TIMER_MARGIN_MS - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

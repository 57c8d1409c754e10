/**
 * A Temporal client connection that can be closed while calls are still being retried.
 *
 * The SDK's retry interceptor (1.24) retries a failed call on a timer; when that timer fires after
 * `connection.close()`, grpc-js throws "Channel has been shut down" from the timer, an uncaught
 * exception that crashed shutdowns and failed e2e suites in CI after their tests had passed.
 * Here retries stop once closing begins, and the channel closes only once every retry timer already
 * set has fired and started its call: that call then fails as a normal rejection of its own promise.
 *
 * The retry timers are counted, not timed: waiting until "the last timer's instant plus a margin"
 * (as before) closed the channel first whenever the event loop ran later than the margin — a CPU
 * starved under CI load — because a timer that is due but not yet run is still to come.
 */
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';
import {
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  type ConnectionOptions,
} from '@temporalio/client';

export interface ClosableConnection {
  connection: Connection;
  /** Stops new retries, waits for the retry timers already set to fire, then closes the channel. */
  close(): Promise<void>;
}

export async function connectTemporal(options: ConnectionOptions = {}): Promise<ClosableConnection> {
  const retry = retryUntilClosing();
  const connection = await Connection.connect({
    ...options,
    interceptors: [...retry.interceptors, ...(options.interceptors ?? [])],
  });
  return closable(connection, retry);
}

/** The connection closed only after {@link RetryUntilClosing.drain}. */
export function closable(connection: Connection, retry: RetryUntilClosing): ClosableConnection {
  let closed: Promise<void> | undefined;
  return {
    connection,
    close: () => (closed ??= retry.drain().then(() => connection.close())),
  };
}

/**
 * A bound on the wait for retry timers (each is set for at most about 6 s): should a timer never be
 * seen to fire, closing still ends.
 */
export const DRAIN_LIMIT_MS = 30_000;

export type RetryUntilClosing = ReturnType<typeof retryUntilClosing>;

/**
 * The SDK's retry interceptor with its default policy, which stops retrying once `drain` is called,
 * between two counting interceptors: a call's first attempt passes both, a retry only the inner one,
 * so retries scheduled minus (inner − outer) is the number of retry timers still to fire.
 */
export function retryUntilClosing() {
  const base = defaultGrpcRetryOptions();
  let closing = false;
  let scheduled = 0;
  let outer = 0;
  let inner = 0;
  let drained: (() => void) | undefined;
  const pending = () => scheduled - (inner - outer);
  const options = {
    retryableDecider: (attempt: number, status: Parameters<typeof base.retryableDecider>[1]) =>
      !closing && base.retryableDecider(attempt, status),
    delayFunction: (attempt: number, status: Parameters<typeof base.delayFunction>[1]) => {
      // The interceptor sets its timer with this delay right after asking for it.
      scheduled++;
      return base.delayFunction(attempt, status);
    },
  };
  const countOuter: Interceptor = (callOptions, nextCall) => {
    outer++;
    try {
      return new InterceptingCall(nextCall(callOptions));
    } catch (err) {
      outer--; // no call made (a closed channel): nothing to wait for
      throw err;
    }
  };
  const countInner: Interceptor = (callOptions, nextCall) => {
    const call = new InterceptingCall(nextCall(callOptions));
    inner++;
    if (pending() === 0) drained?.();
    return call;
  };
  return {
    options,
    interceptors: [countOuter, makeGrpcRetryInterceptor(options), countInner],
    /** Retry timers set and not yet fired. */
    pendingRetries: pending,
    async drain(): Promise<void> {
      closing = true;
      if (pending() <= 0) return;
      await new Promise<void>((resolve) => {
        const limit = setTimeout(resolve, DRAIN_LIMIT_MS);
        drained = () => {
          clearTimeout(limit);
          resolve();
        };
      });
    },
  };
}

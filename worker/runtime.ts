/**
 * The process's Temporal Runtime, with the worker's Prometheus endpoint: the SDK's own metrics (task
 * latencies, schedule-to-start, slots, sticky cache) and thidua's (`worker/metrics.ts`) under
 * `/metrics`. Must run before the first connection is made.
 */
import { DefaultLogger, Runtime, type Logger } from '@temporalio/worker';

/** `host:port`, or undefined when metrics are off. */
export function installRuntime(metricsAddress: string | undefined, logger: Logger = new DefaultLogger('INFO')): void {
  Runtime.install({
    logger,
    telemetryOptions: metricsAddress
      ? {
          metrics: {
            prometheus: { bindAddress: metricsAddress, countersTotalSuffix: true, useSecondsForDurations: true },
          },
        }
      : undefined,
  });
}

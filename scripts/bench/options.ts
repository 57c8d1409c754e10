/** `npm run bench` options (see the top of `scripts/bench.ts`). */
import { UNITS_PER_BATCH } from '../../domain/workflow-types';

export class UsageError extends Error {}

export interface Options {
  units: number;
  unitsPerBatch: number;
  sample: number;
  statusRuns: number;
  timeoutMs: number;
  inMemory: boolean;
  keep: boolean;
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentWorkflowTaskPolls?: number;
  nonStickyToStickyPollRatio?: number;
}

export function parseOptions(argv: string[]): Options {
  const opts: Options = {
    units: 10_000,
    unitsPerBatch: UNITS_PER_BATCH,
    sample: 25,
    statusRuns: 7,
    timeoutMs: 25 * 60_000,
    inMemory: true,
    keep: false,
  };
  const int = (name: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`--${name}: a whole number from ${min} to ${max}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].replace(/^--/, '').split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (name) {
      case 'units':
        opts.units = int(name, value(), 1, 1_000_000);
        break;
      case 'units-per-batch':
        opts.unitsPerBatch = int(name, value(), 1, 2_000);
        break;
      case 'sample':
        opts.sample = int(name, value(), 1, 10_000);
        break;
      case 'status-runs':
        opts.statusRuns = int(name, value(), 1, 100);
        break;
      case 'timeout-minutes':
        opts.timeoutMs = int(name, value(), 1, 24 * 60) * 60_000;
        break;
      case 'max-cached-workflows':
        opts.maxCachedWorkflows = int(name, value(), 0, 1_000_000);
        break;
      case 'max-concurrent-workflow-tasks':
        opts.maxConcurrentWorkflowTaskExecutions = int(name, value(), 2, 10_000);
        break;
      case 'workflow-task-pollers':
        opts.maxConcurrentWorkflowTaskPolls = int(name, value(), 2, 1_000);
        break;
      case 'non-sticky-ratio':
        opts.nonStickyToStickyPollRatio = Number(value());
        if (!(opts.nonStickyToStickyPollRatio > 0 && opts.nonStickyToStickyPollRatio <= 1))
          throw new UsageError('--non-sticky-ratio: a number in (0, 1]');
        break;
      case 'db-file':
        opts.inMemory = false;
        break;
      case 'keep':
        opts.keep = true;
        break;
      default:
        throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  return opts;
}

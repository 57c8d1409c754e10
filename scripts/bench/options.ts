/** `npm run bench` options (see the top of `scripts/bench.ts`). */
import { UNITS_PER_BATCH } from '../../domain/workflow-types';
import { MAX_EVENTS_PER_UNIT } from './results';

export class UsageError extends Error {}

export interface Options {
  units: number;
  unitsPerBatch: number;
  sample: number;
  statusRuns: number;
  timeoutMs: number;
  inMemory: boolean;
  keep: boolean;
  /** Where the figures go (JSON). */
  jsonFile: string;
  /** The floor's shared instant, after its first start request (default: from N). */
  floorLeadMs?: number;
  /** The product's burst instant after the campaign start, as a multiple of the floor's start-up (plus a margin). */
  leadFactor: number;
  /** Units of the self-review sample (history per unit), 0 to skip it. */
  selfReviewUnits: number;
  /** History events a unit's normal self-review may take. */
  maxEventsPerUnit: number;
  maxCachedWorkflows?: number;
  maxConcurrentWorkflowTaskExecutions?: number;
  maxConcurrentWorkflowTaskPolls?: number;
  nonStickyToStickyPollRatio?: number;
  maxConcurrentActivityTaskExecutions?: number;
  /** Units' sends and locks run as local activities (issue 17): their slots are separate. */
  maxConcurrentLocalActivityExecutions?: number;
  workflowThreadPoolSize?: number;
  /** The product's SMTP connections (`THIDUA_SMTP_MAX_CONNECTIONS`; its default otherwise). */
  smtpConnections?: number;
  /** V8 CPU profiles of thidua's burst window go to this file (and the worker threads' beside it). */
  cpuProfile?: string;
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
    jsonFile: 'test-results/bench.json',
    // Above MAX_START_RATIO: whenever the start-up keeps its bound, it ends before the burst's instant.
    leadFactor: 5,
    maxEventsPerUnit: MAX_EVENTS_PER_UNIT,
    selfReviewUnits: 20,
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
      case 'workflow-threads':
        opts.workflowThreadPoolSize = int(name, value(), 1, 64);
        break;
      case 'max-concurrent-activities':
        opts.maxConcurrentActivityTaskExecutions = int(name, value(), 1, 100_000);
        break;
      case 'max-concurrent-local-activities':
        opts.maxConcurrentLocalActivityExecutions = int(name, value(), 1, 100_000);
        break;
      case 'smtp-connections':
        opts.smtpConnections = int(name, value(), 1, 100);
        break;
      case 'non-sticky-ratio':
        opts.nonStickyToStickyPollRatio = Number(value());
        if (!(opts.nonStickyToStickyPollRatio > 0 && opts.nonStickyToStickyPollRatio <= 1))
          throw new UsageError('--non-sticky-ratio: a number in (0, 1]');
        break;
      case 'cpu-profile':
        opts.cpuProfile = value();
        if (!opts.cpuProfile || opts.cpuProfile.startsWith('--'))
          throw new UsageError('--cpu-profile: a file path (FILE.cpuprofile)');
        break;
      case 'json':
        opts.jsonFile = value();
        if (!opts.jsonFile) throw new UsageError('--json: a file path');
        break;
      case 'floor-lead-seconds':
        opts.floorLeadMs = int(name, value(), 1, 24 * 3600) * 1000;
        break;
      case 'lead-factor':
        opts.leadFactor = Number(value());
        if (!(opts.leadFactor >= 1 && opts.leadFactor <= 100))
          throw new UsageError('--lead-factor: a number from 1 to 100');
        break;
      case 'self-review-units':
        opts.selfReviewUnits = int(name, value(), 0, 250);
        break;
      case 'max-events-per-unit':
        opts.maxEventsPerUnit = int(name, value(), 1, 10_000);
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

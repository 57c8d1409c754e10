/**
 * The mark of the claim check's sweep: every blob a namespace still refers to. Temporal is read raw
 * (the gRPC service, no data converter): the references are what is wanted, not the values. Every
 * payload anywhere in a message is found by walking it generically, so that inputs, results, signals,
 * updates, memos, search attributes, markers, failures' details and headers are all covered, and a
 * field added by a later Temporal version too.
 */
import { temporal } from '@temporalio/proto';
import { CLAIM_CHECK_ENCODING, parseRef } from './claim-check';

import v1 = temporal.api.workflowservice.v1;
/** The calls the mark makes: the client's `workflowService`, or a test's wrapper of it. */
export interface MarkService {
  listWorkflowExecutions(r: v1.IListWorkflowExecutionsRequest): Promise<v1.ListWorkflowExecutionsResponse>;
  getWorkflowExecutionHistory(
    r: v1.IGetWorkflowExecutionHistoryRequest,
  ): Promise<v1.GetWorkflowExecutionHistoryResponse>;
  describeWorkflowExecution(r: v1.IDescribeWorkflowExecutionRequest): Promise<v1.DescribeWorkflowExecutionResponse>;
  listSchedules(r: v1.IListSchedulesRequest): Promise<v1.ListSchedulesResponse>;
  describeSchedule(r: v1.IDescribeScheduleRequest): Promise<v1.DescribeScheduleResponse>;
}

/** What the mark could not read; the sweep then deletes nothing. */
export type MarkFailure =
  | { kind: 'list'; namespace: string; why: string }
  | { kind: 'history'; namespace: string; workflowId: string; runId: string; why: string }
  | { kind: 'schedules'; namespace: string; scheduleId?: string; why: string }
  | { kind: 'reference'; namespace: string; workflowId?: string; scheduleId?: string; why: string };

export class MarkError extends Error {
  constructor(public readonly failure: MarkFailure) {
    super(markFailureVi(failure));
    this.name = 'MarkError';
  }
}

/** The failure in Vietnamese (the CLI words it in its own language, `client/texts`). */
export function markFailureVi(f: MarkFailure): string {
  const what =
    f.kind === 'list'
      ? `không liệt kê được các workflow của namespace ${f.namespace}`
      : f.kind === 'history'
        ? `không đọc được lịch sử của workflow ${f.workflowId} (run ${f.runId}, namespace ${f.namespace})`
        : f.kind === 'schedules'
          ? `không đọc được lịch định kỳ${f.scheduleId ? ` ${f.scheduleId}` : ''} của namespace ${f.namespace}`
          : `tham chiếu dữ liệu lớn không đọc được trong ${f.workflowId ? `workflow ${f.workflowId}` : `lịch ${f.scheduleId}`}`;
  return `${what}: ${f.why}`;
}

export interface Marked {
  /** The SHA-256 of every blob referred to. */
  referenced: Set<string>;
  /** Workflow executions (runs) and schedules read. */
  executions: number;
  schedules: number;
}

const utf8 = new TextDecoder();
/**
 * Histories read at once by default (`--concurrency`): enough to hide the round trips of ~10,000
 * histories, few enough for a shared server.
 */
export const DEFAULT_MARK_CONCURRENCY = 8;
/** The most an operator may ask for: beyond it the frontend's rate limits, not the round trips, bind. */
export const MAX_MARK_CONCURRENCY = 64;
const RUNNING = 1; // WORKFLOW_EXECUTION_STATUS_RUNNING
const NOT_FOUND = 5; // gRPC status: the run's history is gone (retention) since the listing
const UNIMPLEMENTED = 12; // a server without schedules (the time-skipping test server) has none to read

/**
 * Every blob referred to by the namespaces' executions (open and closed) and schedules; at most
 * `concurrency` histories are read at once. The first history that cannot be read rejects the whole
 * mark (a {@link MarkError}), no further history is started.
 */
export async function markReferences(
  service: MarkService,
  namespaces: string[],
  concurrency = DEFAULT_MARK_CONCURRENCY,
): Promise<Marked> {
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_MARK_CONCURRENCY)
    throw new RangeError(`concurrency ${concurrency}: an integer from 1 to ${MAX_MARK_CONCURRENCY}`);
  const marked: Marked = { referenced: new Set(), executions: 0, schedules: 0 };
  for (const namespace of namespaces) {
    await markExecutions(service, namespace, marked, concurrency);
    await markSchedules(service, namespace, marked);
  }
  return marked;
}

async function markExecutions(
  service: MarkService,
  namespace: string,
  marked: Marked,
  concurrency: number,
): Promise<void> {
  let nextPageToken: Uint8Array | undefined;
  do {
    // No query: open and closed executions alike, until the namespace's retention removes them.
    const page = await service
      .listWorkflowExecutions({ namespace, pageSize: 1000, nextPageToken })
      .catch((err: unknown) => fail({ kind: 'list', namespace, why: why(err) }));
    const executions = page.executions ?? [];
    collect(page, marked.referenced, { namespace }); // memos and search attributes as listed
    await inParallel(executions, concurrency, async (e) => {
      const workflowId = e.execution?.workflowId ?? '';
      const runId = e.execution?.runId ?? '';
      await markHistory(service, namespace, workflowId, runId, marked.referenced);
      // An open run holds payloads not yet in its history: pending activities' heartbeat details and last failures.
      if (e.status === RUNNING) {
        const described = await unlessGone(
          service.describeWorkflowExecution({ namespace, execution: { workflowId, runId } }),
          (err) => ({ kind: 'history', namespace, workflowId, runId, why: why(err) }),
        );
        if (described) collect(described, marked.referenced, { namespace, workflowId });
      }
      marked.executions++;
    });
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
}

async function markHistory(
  service: MarkService,
  namespace: string,
  workflowId: string,
  runId: string,
  into: Set<string>,
): Promise<void> {
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await unlessGone(
      service.getWorkflowExecutionHistory({ namespace, execution: { workflowId, runId }, nextPageToken }),
      (err) => ({ kind: 'history', namespace, workflowId, runId, why: why(err) }),
    );
    if (!page) return; // deleted since it was listed: it refers to nothing any more
    collect(page.history, into, { namespace, workflowId });
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
}

/** A schedule's action holds the input of the workflows it will start: encoded, not yet in any history. */
async function markSchedules(service: MarkService, namespace: string, marked: Marked): Promise<void> {
  let nextPageToken: Uint8Array | undefined;
  do {
    let page: v1.ListSchedulesResponse;
    try {
      page = await service.listSchedules({ namespace, maximumPageSize: 1000, nextPageToken });
    } catch (err) {
      if ((err as { code?: number }).code === UNIMPLEMENTED) return;
      return fail({ kind: 'schedules', namespace, why: why(err) });
    }
    for (const s of page.schedules ?? []) {
      const scheduleId = s.scheduleId ?? '';
      const described = await unlessGone(service.describeSchedule({ namespace, scheduleId }), (err) => ({
        kind: 'schedules',
        namespace,
        scheduleId,
        why: why(err),
      }));
      if (described) collect(described, marked.referenced, { namespace, scheduleId });
      marked.schedules++;
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
}

/** Adds the SHA-256 of every claim-check reference anywhere in `message` (a decoded proto). */
export function collect(
  message: unknown,
  into: Set<string>,
  where: { namespace: string; workflowId?: string; scheduleId?: string },
): void {
  const stack: unknown[] = [message];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    const encoding = (v as { metadata?: Record<string, unknown> }).metadata?.encoding;
    if (encoding instanceof Uint8Array && utf8.decode(encoding) === CLAIM_CHECK_ENCODING) {
      try {
        into.add(parseRef((v as { data?: Uint8Array }).data).sha256);
      } catch (err) {
        fail({ kind: 'reference', ...where, why: why(err) });
      }
      continue;
    }
    for (const child of Object.values(v)) if (child !== null && typeof child === 'object') stack.push(child);
  }
}

function fail(f: MarkFailure): never {
  throw new MarkError(f);
}

const why = (err: unknown): string => (err as Error)?.message ?? String(err);

/** The answer, or `undefined` for a run or schedule deleted since the listing (nothing left to mark). */
async function unlessGone<T>(call: Promise<T>, failure: (err: unknown) => MarkFailure): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if ((err as { code?: number })?.code === NOT_FOUND) return undefined;
    return fail(failure(err));
  }
}

/**
 * `fn` over the items, at most `bound` at a time; after a failure no further item is started and the
 * first failure rejects (the calls still under way end on their own; their results are not used).
 */
async function inParallel<T>(items: T[], bound: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length)
      await fn(items[next++]).catch((err: unknown) => {
        failed = true;
        throw err;
      });
  };
  await Promise.all(Array.from({ length: Math.min(bound, items.length) }, worker));
}

/**
 * How big a workflow's history is, as Temporal counts it against its limits (issue 17): the number of
 * events, the encoded bytes, and the largest event (an activity's input or result, an update's
 * argument or result: what a payload limit refuses). Also a straight line through measured points,
 * to say at which N a limit is reached.
 */
import { temporal } from '@temporalio/proto';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { CLAIM_CHECK_ENCODING } from '../../config/claim-check';
import { TEMPORAL_LIMITS } from '../../domain/scale-limits';

/** Temporal's default limits (history warn / hard, payload warn / hard). */
export const LIMITS = TEMPORAL_LIMITS;

export interface HistorySize {
  events: number;
  bytes: number;
  /** The largest event's encoded size and type (e.g. `ActivityTaskCompleted`). */
  largest: { bytes: number; type: string };
  /** Events by type, for the report. */
  byType: Record<string, number>;
  /** Activities scheduled, by activity type. */
  activities: Record<string, number>;
  /** Payloads held as a claim-check reference (`config/claim-check.ts`): their value is in the data folder. */
  claimChecked: number;
}

const typeName = (t: temporal.api.enums.v1.EventType | null | undefined) =>
  (temporal.api.enums.v1.EventType[t ?? 0] ?? String(t)).replace(/^EVENT_TYPE_/, '');

export async function historySize(env: TestWorkflowEnvironment, workflowId: string): Promise<HistorySize> {
  // The test server answers a history in one message: more than gRPC's default 4 MiB at these sizes.
  // No data converter: the history as Temporal holds it, claim-check references and all.
  const connection = await Connection.connect({
    address: env.connection.options.address,
    channelArgs: { 'grpc.max_receive_message_length': 256 * 2 ** 20 },
  });
  const history = await new Client({ connection, namespace: env.namespace ?? 'default' }).workflow
    .getHandle(workflowId)
    .fetchHistory()
    .finally(() => connection.close());
  const events = history.events ?? [];
  const byType: Record<string, number> = {};
  const activities: Record<string, number> = {};
  let largest = { bytes: 0, type: '' };
  let claimChecked = 0;
  for (const e of events) {
    const type = typeName(e.eventType);
    byType[type] = (byType[type] ?? 0) + 1;
    const activity = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (activity) activities[activity] = (activities[activity] ?? 0) + 1;
    const encoded = Buffer.from(temporal.api.history.v1.HistoryEvent.encode(e).finish());
    const bytes = encoded.length;
    for (let at = encoded.indexOf(CLAIM_CHECK_ENCODING); at >= 0; at = encoded.indexOf(CLAIM_CHECK_ENCODING, at + 1))
      claimChecked++;
    if (bytes > largest.bytes) largest = { bytes, type };
  }
  return {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(history).finish().length,
    largest,
    byType,
    activities,
    claimChecked,
  };
}

/** The payload size of a value as the default JSON converter writes it (a query's answer is not in the history). */
export const jsonBytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/** y = a + b·N through two points. */
export function line(n1: number, y1: number, n2: number, y2: number): { a: number; b: number } {
  const b = (y2 - y1) / (n2 - n1);
  return { a: y1 - b * n1, b };
}

/** y = a + b·N + c·N² through three points (history bytes grow with N² when each update answers the whole view). */
export function parabola(points: Array<[number, number]>): { a: number; b: number; c: number } {
  const [[x1, y1], [x2, y2], [x3, y3]] = points;
  const d = (x1 - x2) * (x1 - x3) * (x2 - x3);
  const c = (x3 * (y2 - y1) + x2 * (y1 - y3) + x1 * (y3 - y2)) / d;
  const b = (x3 * x3 * (y1 - y2) + x2 * x2 * (y3 - y1) + x1 * x1 * (y2 - y3)) / d;
  const a = (x2 * x3 * (x2 - x3) * y1 + x3 * x1 * (x3 - x1) * y2 + x1 * x2 * (x1 - x2) * y3) / d;
  return { a, b, c };
}

/** The smallest N ≥ 0 at which a + b·N + c·N² reaches `limit` (Infinity when it never does). */
export function reachedAt(model: { a: number; b: number; c?: number }, limit: number): number {
  const { a, b } = model;
  const c = model.c ?? 0;
  if (Math.abs(c) < 1e-12) return b <= 0 ? Infinity : Math.ceil((limit - a) / b);
  const disc = b * b - 4 * c * (a - limit);
  if (disc < 0) return Infinity;
  return Math.ceil((-b + Math.sqrt(disc)) / (2 * c));
}

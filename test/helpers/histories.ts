/**
 * Saved workflow histories for the replay tests (test/replay). A history is written as the JSON of
 * what `fetchHistory()` returns (protobufjs' own JSON: 64-bit numbers as strings, timestamps as
 * `{ seconds, nanos }`), and read back with the same protobufjs types.
 */
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import path from 'node:path';

export const HISTORIES_DIR = path.join(__dirname, '..', 'replay', 'histories');
/** Histories as the Temporal CLI and Web UI export them (canonical proto JSON), read by `historyFromJSON`. */
export const EXPORTED_DIR = path.join(__dirname, '..', 'replay', 'exported');

/** Saves a history for the replay tests when THIDUA_SAVE_HISTORIES is set. */
export async function saveHistory(env: TestWorkflowEnvironment, name: string, workflowId: string): Promise<void> {
  if (!process.env.THIDUA_SAVE_HISTORIES) return;
  const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), JSON.stringify(history, null, 1) + '\n');
}

/** The saved histories, by name (the file name without `.json`). */
export function savedHistoryNames(): string[] {
  if (!fs.existsSync(HISTORIES_DIR)) return [];
  return fs
    .readdirSync(HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Reads a saved history. `History.fromObject` rather than `historyFromJSON` from
 * `@temporalio/common/lib/proto-utils`: the latter parses the canonical proto JSON of the CLI and
 * the Web UI (timestamps as RFC 3339 strings), not this format.
 */
export function loadHistory(name: string): temporal.api.history.v1.History {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, `${name}.json`), 'utf8'));
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}

/** The workflow type a history belongs to (from its first event). */
export function workflowTypeOf(history: temporal.api.history.v1.IHistory): string | undefined {
  return history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? undefined;
}

/**
 * The summaries the Temporal UI shows for a workflow's scheduled activities, in order (decoded from
 * each event's user metadata, a JSON payload).
 */
export async function activitySummaries(env: TestWorkflowEnvironment, workflowId: string): Promise<string[]> {
  const { events } = await env.client.workflow.getHandle(workflowId).fetchHistory();
  return (events ?? [])
    .filter((e) => e.activityTaskScheduledEventAttributes)
    .map((e) => {
      const data = e.userMetadata?.summary?.data;
      return data ? (JSON.parse(Buffer.from(data).toString('utf8')) as string) : '';
    });
}

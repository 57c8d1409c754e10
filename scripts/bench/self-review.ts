/**
 * History per unit for a normal self-review, played for real on a small campaign: the plan, four
 * reminders, one submission (a summary report, as the portal's upload sends it), the lock, and the
 * campaign's close. Counted once every workflow of it has completed: events per unit, per batch and
 * for the campaign, and where a unit's events go (event types).
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CampaignIdKey, PhaseKey } from '../../domain/search-attributes';
import { batchWorkflowId, campaignWorkflowId, unitWorkflowId } from '../../domain/workflow-types';
import { campaignWorkflow } from '../../workflows/campaign';
import { submitFile } from '../../workflows/unit-review';
import { campaignWith, scheduleAt } from './inputs';
import { unitId } from './mail';
import { mapLimited, waitProgress } from './waits';

export interface SelfReviewFigures {
  units: number;
  eventsPerUnitMean: number;
  eventsPerUnitMax: number;
  batchEvents: number;
  campaignEvents: number;
  /** Event types of the units' histories, averaged per unit, most first. */
  unitEventTypes: Array<[string, number]>;
  /** The same events grouped by what caused them (workflow tasks, timers, activities...), most first. */
  unitEventCauses: Array<[string, number]>;
}

/** What an event type is there for: the breakdown issue 17 asks for. */
export function eventCause(type: string): string {
  if (type.startsWith('WORKFLOW_TASK_')) return 'workflow tasks';
  if (type.startsWith('TIMER_')) return 'timers';
  if (type.startsWith('ACTIVITY_TASK_')) return 'activities';
  // Local activities and patch markers (`patched()`) are both markers.
  if (type === 'MARKER_RECORDED') return 'markers (local activities, patches)';
  if (type === 'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES') return 'search-attribute upserts';
  if (type === 'WORKFLOW_PROPERTIES_MODIFIED') return 'memo';
  if (type.includes('UPDATE') || type.includes('SIGNAL')) return 'updates and signals';
  return 'start and end';
}

/** Sums per-unit figures of event types by cause, most first. */
export function byCause(types: Array<[string, number]>): Array<[string, number]> {
  const causes = new Map<string, number>();
  for (const [t, c] of types) causes.set(eventCause(t), (causes.get(eventCause(t)) ?? 0) + c);
  return [...causes].sort((a, b) => b[1] - a[1]);
}

const REMINDERS = 4; // the product's default ladder: 7, 3 and 1 days before, and the day itself

export async function runSelfReviewSample(opts: {
  client: Client;
  taskQueue: string;
  campaignId: string;
  units: number;
  definitionRef: string;
  /** Messages the SMTP server accepted so far, by kind (the worker's count). */
  sent: (kind: 'reminder' | 'phase-locked') => number;
  abort: () => string | undefined;
}): Promise<SelfReviewFigures> {
  const { client, units, campaignId } = opts;
  const before = { reminders: opts.sent('reminder'), locked: opts.sent('phase-locked') };
  // Start-up of a few units takes about a second here: the first reminder comes after 8 s, one a
  // second after, the submission once they are all out (14 s on a loaded machine), the deadline
  // and the lock well after it.
  const start = Date.now();
  const reminders = Array.from({ length: REMINDERS }, (_, i) => start + 8_000 + i * 1_000);
  const schedule = scheduleAt({ reminders, deadline: start + 40_000, lock: start + 42_000 });
  const input = campaignWith(
    { campaignId, units, unitsPerBatch: units, definitionRef: opts.definitionRef, start },
    schedule,
  );
  const handle = await client.workflow.start(campaignWorkflow, {
    workflowId: campaignWorkflowId(campaignId),
    taskQueue: opts.taskQueue,
    args: [input],
    typedSearchAttributes: [
      { key: CampaignIdKey, value: campaignId },
      { key: PhaseKey, value: input.compiled.phases[0].kind },
    ],
  });
  await waitProgress(
    `the ${units} sample units to get their ${REMINDERS} reminders`,
    120_000,
    async () => {
      const got = opts.sent('reminder') - before.reminders;
      return {
        done: got >= units * REMINDERS,
        progress: got,
        line: `self-review sample: reminders ${got}/${units * REMINDERS}`,
      };
    },
    opts.abort,
  );
  if (Date.now() >= Date.parse(schedule.deadline.utc))
    throw new Error('the self-review sample reached its deadline before submitting');
  await mapLimited(
    Array.from({ length: units }, (_, i) => unitId(i)),
    8,
    (id) =>
      client.workflow.getHandle(unitWorkflowId(campaignId, id)).executeUpdate(submitFile, {
        args: [
          {
            kind: 'summary-report',
            file: {
              name: 'bao-cao-tong-ket.pdf',
              size: 123_456,
              sha256: 'ab'.repeat(32),
              contentType: 'application/pdf',
            },
            submittedBy: 'bench',
          },
        ],
      }),
  );
  await waitProgress(
    'the self-review sample campaign to lock and close',
    120_000,
    async () => {
      const locked = opts.sent('phase-locked') - before.locked;
      const d = await handle.describe();
      return {
        done: d.status.name === 'COMPLETED',
        progress: locked,
        line: `self-review sample: locked ${locked}/${units}, campaign ${d.status.name}`,
      };
    },
    opts.abort,
  );

  const types = new Map<string, number>();
  const counts = await mapLimited(
    Array.from({ length: units }, (_, i) => unitWorkflowId(campaignId, unitId(i))),
    8,
    async (id) => {
      const events = (await client.workflow.getHandle(id).fetchHistory()).events ?? [];
      for (const e of events) {
        const name = (temporal.api.enums.v1.EventType[Number(e.eventType ?? 0)] ?? String(e.eventType)).replace(
          'EVENT_TYPE_',
          '',
        );
        types.set(name, (types.get(name) ?? 0) + 1);
      }
      return events.length;
    },
  );
  const length = async (id: string) => (await client.workflow.getHandle(id).describe()).historyLength;
  const unitEventTypes = [...types].map(([k, v]): [string, number] => [k, v / units]).sort((a, b) => b[1] - a[1]);
  return {
    units,
    eventsPerUnitMean: counts.reduce((a, b) => a + b, 0) / units,
    eventsPerUnitMax: Math.max(...counts),
    batchEvents: await length(batchWorkflowId(campaignId, 0)),
    campaignEvents: await length(campaignWorkflowId(campaignId)),
    unitEventTypes,
    unitEventCauses: byCause(unitEventTypes),
  };
}

/**
 * A stand-in for Temporal's visibility store, for unit tests of the use cases that only list and
 * describe: workflows with search attributes and memos, and the list queries thidua writes
 * (`Name = 'value'`, `Name IN ('a', 'b')`, `ExecutionStatus != '…'` and `StartTime >= '…'` joined by AND) evaluated against them, so a test checks
 * what is found, not the query's spelling. A query it cannot read fails the test.
 */
import type { Client } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { CampaignStatusView } from '../../domain/workflow-types';

export interface FakeExecution {
  workflowId: string;
  type: 'campaignWorkflow' | 'unitReviewWorkflow';
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'TERMINATED' | 'FAILED' | 'CONTINUED_AS_NEW';
  startTime: string;
  /** By search attribute name (`CampaignId`, `ParentCampaign`…). */
  sa: Record<string, string>;
  memo?: Record<string, unknown>;
}

function matches(wf: FakeExecution, query: string): boolean {
  return query.split(/\s+AND\s+/).every((clause) => {
    const eq = /^(\w+) = '((?:[^']|'')*)'$/.exec(clause.trim());
    const inList = /^(\w+) IN \((.*)\)$/.exec(clause.trim());
    const notEq = /^ExecutionStatus != '(\w+)'$/.exec(clause.trim());
    const since = /^StartTime >= '([^']+)'$/.exec(clause.trim());
    const value = (name: string) => (name === 'WorkflowType' ? wf.type : wf.sa[name]);
    // Visibility spells statuses in CamelCase (`ContinuedAsNew`), the client's names are CONTINUED_AS_NEW.
    if (notEq) return wf.status.replace(/_/g, '') !== notEq[1].toUpperCase();
    if (since) return new Date(wf.startTime).getTime() >= new Date(since[1]).getTime();
    if (eq) return value(eq[1]) === eq[2].replace(/''/g, "'");
    if (inList) {
      const values = [...inList[2].matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
      return values.includes(value(inList[1]) ?? '\0');
    }
    throw new Error(`fake visibility cannot read the clause "${clause}" of ${query}`);
  });
}

function info(wf: FakeExecution) {
  return {
    workflowId: wf.workflowId,
    type: wf.type,
    status: { name: wf.status },
    startTime: new Date(wf.startTime),
    memo: wf.memo ?? {},
    typedSearchAttributes: {
      get: (key: { name: string; type: SearchAttributeType }) => wf.sa[key.name],
    },
  };
}

/**
 * A client whose `workflow.list`, `count`, `describe` and `query` answer from `executions`; `views` are the
 * campaigns' answers to their status query (a campaign without one answers as if no worker polled).
 */
export function fakeVisibilityClient(
  executions: FakeExecution[],
  views: Record<string, CampaignStatusView> = {},
): { client: Client; queries: string[] } {
  const queries: string[] = [];
  const latest = (workflowId: string) =>
    executions.filter((e) => e.workflowId === workflowId).sort((a, b) => b.startTime.localeCompare(a.startTime))[0];
  const notFound = (id: string) =>
    Object.assign(new Error(`workflow not found: ${id}`), { name: 'WorkflowNotFoundError' });
  const client = {
    options: { namespace: 'default' },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
    workflow: {
      list: ({ query }: { query: string }) => {
        queries.push(query);
        const found = executions.filter((e) => matches(e, query));
        return (async function* () {
          for (const e of found) yield info(e);
        })();
      },
      count: async (query: string) => {
        queries.push(query);
        return { count: executions.filter((e) => matches(e, query)).length, groups: [] };
      },
      getHandle: (workflowId: string) => ({
        describe: async () => {
          const e = latest(workflowId);
          if (!e) throw notFound(workflowId);
          return info(e);
        },
        query: async () => {
          const view = views[workflowId];
          if (!view) throw Object.assign(new Error('no worker answered'), { name: 'TimeoutError' });
          return structuredClone(view);
        },
      }),
    },
  };
  return { client: client as unknown as Client, queries };
}

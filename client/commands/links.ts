import type { Client } from '@temporalio/client';

/** Link to a workflow in the Temporal Web UI (dev server default; THIDUA_TEMPORAL_UI_URL for a cluster). */
export function temporalUiLink(cli: { client: Client }, workflowId: string): string {
  const base = (process.env.THIDUA_TEMPORAL_UI_URL ?? 'http://localhost:8233').replace(/\/+$/, '');
  const namespace = cli.client.options.namespace;
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

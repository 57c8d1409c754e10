import type { Client } from '@temporalio/client';
import type { Settings } from '../../config/settings';

/** Link to a workflow in the Temporal Web UI (`THIDUA_TEMPORAL_UI_URL`; the dev server's by default). */
export function temporalUiLink(
  cli: { client: Client; settings: Pick<Settings, 'temporalUiUrl'> },
  workflowId: string,
): string {
  const namespace = cli.client.options.namespace;
  return `${cli.settings.temporalUiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

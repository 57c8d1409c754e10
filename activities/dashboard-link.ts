/**
 * The address of a campaign's page on the staff dashboard, for the staff's messages (the council's
 * vote, the synthesis draft). The dashboard is served under the portal's public base URL
 * (`THIDUA_PUBLIC_URL`, as the units' links); without the worker's settings (a test's activities),
 * no address: the message says "trên trang quản trị" alone, as before.
 */
import type { ActivityDeps } from './index';

/** The dashboard pages a message points to (`portal/dashboard/routes-awards.ts`, `routes-synthesis.ts`). */
export type DashboardPage = 'khen-thuong' | 'tong-hop';

export function dashboardPageUrl(deps: ActivityDeps, campaignId: string, page: DashboardPage): string | undefined {
  const base = deps.settings?.publicBaseUrl?.replace(/\/+$/, '');
  return base ? `${base}/admin/c/${encodeURIComponent(campaignId)}/${page}` : undefined;
}

/** The unit portal and the secretariat's dashboard wired to the real stores under the data folder and a Temporal client. */
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { FileDefinitionStore } from '../stores/definition-store';
import { FileReportStore } from '../stores/report-store';
import { FileUnitLinks } from '../stores/unit-links';
import { TemporalUnitWorkflows } from '../app/units';
import type { Settings } from '../config/settings';
import { FileAccountStore } from '../stores/accounts';
import { TemporalAwardsBackend } from './dashboard/awards-backend';
import { TemporalSecretariatBackend } from './dashboard/backend';
import { createPortal, type Portal, type PortalOptions } from './server';
import { temporalConferenceBackend } from './conference-backend';

export { createPortal, type Portal, type PortalOptions } from './server';

export interface RunningPortal extends Portal {
  port: number;
  url: string;
}

/** Starts the portal on `settings.portalPort` (or `port`, 0 for any free port). */
export async function startPortal(opts: {
  settings: Settings;
  client: Client;
  port?: number;
  host?: string;
  workerDeadlineMs?: number;
  overrides?: Partial<PortalOptions>;
}): Promise<RunningPortal> {
  const { settings } = opts;
  const reports = new FileReportStore(path.join(settings.dataDir, 'reports'));
  const links = new FileUnitLinks(path.join(settings.dataDir, 'links'), settings.publicBaseUrl);
  const definitions = new FileDefinitionStore(path.join(settings.dataDir, 'campaigns'));
  const conference = temporalConferenceBackend(
    { client: opts.client, settings, workerDeadlineMs: opts.workerDeadlineMs },
    links,
  );
  // One awards backend for the dashboard's page and the units' results (its catalogue read once).
  const awards = new TemporalAwardsBackend({ client: opts.client, settings, workerDeadlineMs: opts.workerDeadlineMs });
  const portal = createPortal({
    backend: new TemporalUnitWorkflows(
      { client: opts.client, settings, workerDeadlineMs: opts.workerDeadlineMs },
      definitions,
      settings.timeZone,
    ),
    links,
    reports,
    conference,
    timeZone: settings.timeZone,
    secureCookies: settings.publicBaseUrl.startsWith('https:'),
    publicUrl: settings.publicBaseUrl,
    trustProxy: settings.trustProxy,
    awardResults: awards,
    dashboard: {
      backend: new TemporalSecretariatBackend(
        opts.client,
        settings,
        links,
        definitions,
        reports,
        settings.temporalUiUrl,
        opts.workerDeadlineMs,
      ),
      awards,
      accounts: new FileAccountStore(settings.dataDir),
      conference,
      reports,
      links,
    },
    log: (line) => console.log(line),
    ...opts.overrides,
  });
  const port = await portal.listen(opts.port ?? settings.portalPort, opts.host ?? settings.portalHost);
  return {
    ...portal,
    port,
    url: `http://localhost:${port}`,
    close: async () => {
      await portal.close();
      reports.close();
    },
  };
}

import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { ActivityDeps } from '../activities';
import { createSmtpTransport } from '../activities/mail/transport';
import { SentLog } from '../activities/mail/sent-log';
import { DefinitionStore } from '../activities/store/definition-store';
import { FileReportStore } from '../activities/store/report-store';
import { UnitLinks } from '../activities/store/unit-links';
import type { Settings } from '../config/settings';

/** The embedded stores under the data folder, and the SMTP transport from settings. */
export function createDeps(settings: Settings, client?: Client): ActivityDeps {
  const data = settings.dataDir;
  return {
    transport: createSmtpTransport(settings.smtp),
    sentLog: new SentLog(path.join(data, 'mail', 'sent')),
    definitions: new DefinitionStore(path.join(data, 'campaigns')),
    reports: new FileReportStore(path.join(data, 'reports')),
    links: new UnitLinks(path.join(data, 'links'), settings.publicBaseUrl),
    from: settings.smtp.from,
    client,
  };
}

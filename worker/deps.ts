import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { ActivityDeps } from '../activities';
import { createSmtpTransport } from '../activities/mail/transport';
import { FileSentLog } from '../stores/sent-log';
import { FileDefinitionStore } from '../stores/definition-store';
import { FileReportStore } from '../stores/report-store';
import { FileUnitLinks } from '../stores/unit-links';
import { FileScheduleTemplates } from '../stores/schedule-templates';
import type { Settings } from '../config/settings';
import { loadWorkingCalendar } from '../config/holidays';

/** The embedded stores under the data folder, and the SMTP transport from settings. */
export function createDeps(settings: Settings, client?: Client): ActivityDeps {
  const data = settings.dataDir;
  return {
    transport: createSmtpTransport(settings.smtp),
    sentLog: new FileSentLog(path.join(data, 'mail', 'sent')),
    definitions: new FileDefinitionStore(path.join(data, 'campaigns')),
    reports: new FileReportStore(path.join(data, 'reports')),
    links: new FileUnitLinks(path.join(data, 'links'), settings.publicBaseUrl),
    from: settings.smtp.from,
    client,
    calendar: loadWorkingCalendar(),
    settings,
    scheduleTemplates: new FileScheduleTemplates(path.join(data, 'schedules')),
  };
}

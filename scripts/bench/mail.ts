/**
 * The product's real activities for the benchmark: the SMTP transport of `activities/mail/transport.ts`
 * to a real SMTP server on this machine (`smtp-sink.ts`, its own process), and the embedded stores
 * (definitions, sent log, unit links, report store) under the bench's temporary folder, with a
 * synthetic campaign definition of N units. Nothing is faked at the activity boundary.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Client } from '@temporalio/client';
import { createActivities, type ActivityDeps } from '../../activities';
import { createSmtpTransport } from '../../activities/mail/transport';
import { unitLockActivities } from '../../activities/unit-lock';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import type { MessageKind, UnitMessageInput } from '../../domain/workflow-types';
import { FileDefinitionStore } from '../../stores/definition-store';
import { FileReportStore } from '../../stores/report-store';
import { FileSentLog } from '../../stores/sent-log';
import { FileUnitLinks } from '../../stores/unit-links';
import { stopProcess, waitFor } from '../processes';

export const unitId = (i: number) => `dv${String(i + 1).padStart(6, '0')}`;
const FROM = '"Ban Thi đua - Khen thưởng (benchmark)" <tdkt@bench.example.vn>';

/** A campaign definition of `units` units, as `campaign start` would store it. */
export function benchDefinition(campaignId: string, units: number): CampaignDefinition {
  return {
    campaign: {
      id: campaignId,
      plan: { kind: 'ke-hoach', number: '01-KH/BENCH', date: '1/11/2026', recipients: [], draft: false },
      title: `Benchmark ${units} đơn vị`,
      directive: 'Chỉ thị 39-CT/TW',
      issuingBody: 'Ban Thường vụ (benchmark)',
      secretariat: {
        name: 'Ban Thi đua - Khen thưởng (benchmark)',
        contacts: [{ name: 'Nguyễn Thị Hòa', division: 'Phòng Nghiệp vụ', email: 'hoa@bench.example.vn' }],
      },
      timeZone: 'Asia/Ho_Chi_Minh',
      language: 'vi',
      calendar: { workingHours: { start: '08:00', end: '17:00' }, reminderTime: '08:00', deadlineOnDayOff: 'previous' },
    },
    units: Array.from({ length: units }, (_, i) => ({
      id: unitId(i),
      name: `Đơn vị thử ${i + 1}`,
      kind: 'department' as const,
      focal: { name: `Đầu mối ${i + 1}`, email: `focal.${unitId(i)}@bench.example.vn` },
      head: { name: `Thủ trưởng ${i + 1}`, email: `head.${unitId(i)}@bench.example.vn` },
    })),
    phases: [{ kind: 'plan-issue', window: { start: '1/11/2026', end: '2/11/2026' }, attachments: [] }],
  };
}

/** Messages the SMTP server accepted: when, by Message-ID (its local part carries the workflow's key). */
export interface Accepted {
  at: number;
  messageId: string;
}

export interface SmtpSink {
  port: number;
  accepted: Accepted[];
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startSmtpSink(port: number): Promise<SmtpSink> {
  // Node itself with tsx's loader (not the `tsx` wrapper): the pid is the server's, for its CPU figure.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'smtp-sink.ts'), String(port)],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const accepted: Accepted[] = [];
  let ready = false;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    if (line === 'ready') ready = true;
    const space = line.indexOf(' ');
    if (space > 0) accepted.push({ at: Number(line.slice(0, space)), messageId: line.slice(space + 1) });
  });
  try {
    await waitFor('the benchmark SMTP server', async () => {
      if (child.exitCode !== null) throw new Error(`the SMTP server exited with ${child.exitCode}`);
      return ready;
    });
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
  return { port, accepted, pid: child.pid, stop: () => stopProcess(child, 5_000) };
}

export interface RealActivities {
  activities: ReturnType<typeof createActivities>;
  definitionRef: string;
  /** Messages sent (accepted by SMTP, per the activity's result), by kind. */
  sent: Map<MessageKind, number>;
  /** When the last message of each kind was sent (the activity returned). */
  lastSent: Map<MessageKind, number>;
  close(): Promise<void>;
}

/** The product's activities with real stores under `dir` and the pooled SMTP transport to `smtpPort`. */
export async function realActivities(
  dir: string,
  smtpPort: number,
  definition: CampaignDefinition,
  client: Client,
  smtpConnections?: number,
): Promise<RealActivities> {
  const definitions = new FileDefinitionStore(path.join(dir, 'campaigns'));
  const transport = createSmtpTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    requireTls: false,
    from: FROM,
    ...(smtpConnections !== undefined ? { maxConnections: smtpConnections } : {}),
  });
  const deps: ActivityDeps = {
    transport,
    sentLog: new FileSentLog(path.join(dir, 'mail', 'sent')),
    definitions,
    reports: new FileReportStore(path.join(dir, 'reports')),
    links: new FileUnitLinks(path.join(dir, 'links'), 'http://127.0.0.1:8080'),
    from: FROM,
    client,
  };
  const definitionRef = await definitions.save(definition);
  const real = createActivities(deps);
  const sent = new Map<MessageKind, number>();
  const lastSent = new Map<MessageKind, number>();
  const counted = async (input: UnitMessageInput) => {
    const result = await real.sendUnitMessage(input);
    if (result.sent) {
      sent.set(input.kind, (sent.get(input.kind) ?? 0) + 1);
      lastSent.set(input.kind, Date.now());
    }
    return result;
  };
  return {
    definitionRef,
    sent,
    lastSent,
    activities: {
      ...real,
      // Counted around the real activity (what it returned), for the waits of the benchmark.
      sendUnitMessage: counted,
      // The lock's notice, sent from the lock's one activity, is counted as well.
      ...unitLockActivities({ ...real, sendUnitMessage: counted }),
    },
    close: async () => transport.close(),
  };
}

/**
 * A conference day fixed or moved in a rehearsed campaign (`--rehearse 1d=3s`): the day the clerk
 * types is one of the plan's calendar; its invitations, reply deadline, reminders and start land at
 * the rehearsal's instants, the same ones the compiler gave the campaign; a move a week later lands
 * 21 s later (7 days × 3 s); a day the rehearsal has already passed is refused in Vietnamese and
 * nothing is sent. The use case runs against a stand-in Temporal client (its history holds the
 * campaign's start input, as the real one does); a campaign on the real calendar reads no history.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { loadDataConverter } from '@temporalio/common/lib/internal-non-workflow';
import { conferenceDateInput } from '../../../app/conference';
import type { AppContext } from '../../../app/context';
import { AppError } from '../../../app/temporal-errors';
import { loadWorkingCalendar } from '../../../config/holidays';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import type { SetConferenceDateInput } from '../../../domain/conference-types';
import { compileCampaign, rehearse } from '../../../domain/timeline';
import type { CompiledCampaign } from '../../../domain/timeline-types';
import type { CampaignInput, CampaignStatusView } from '../../../domain/workflow-types';
import { FileDefinitionStore } from '../../../stores/definition-store';
import { vinhPhucLike } from '../timeline/fixtures';

const calendar = loadWorkingCalendar();
const SPEC = '1d=3s';
// The rehearsal started a minute ago: the campaign's plan date (21/9/2009) is then, 20/11 ~3 min later.
const ANCHOR = new Date(Date.now() - 60_000).toISOString();

function definition(): CampaignDefinition {
  const def = vinhPhucLike();
  const conf = def.phases.find((p) => p.kind === 'conference');
  if (conf?.kind !== 'conference') throw new Error('fixture: no conference phase');
  conf.date = '20/11/2009';
  conf.window = { start: '1/11/2009', end: '30/11/2009' };
  return def;
}

/** What the workflow gets, as instants the test reads: start, invitations, reply deadline, reminders. */
const instants = (i: Omit<SetConferenceDateInput, 'by' | 'reason'>) => ({
  start: i.start,
  invitationsAt: i.invitationsAt,
  replyBy: i.replyBy,
  reminders: i.replySchedule!.reminders.map((r) => r.at.utc),
});
const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/** An app context whose client answers the campaign query and the first page of its history. */
async function contextFor(def: CampaignDefinition, compiled: CompiledCampaign) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-conf-rehearsal-'));
  const definitionRef = await new FileDefinitionStore(path.join(dataDir, 'campaigns')).save(def);
  const input = { campaignId: def.campaign.id, definitionRef, compiled } as CampaignInput;
  const status = { definitionRef, rehearsalFactor: compiled.rehearsal?.factor } as CampaignStatusView;
  let historyReads = 0;
  const client = {
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
    workflow: { getHandle: () => ({ query: () => Promise.resolve(status) }) },
    workflowService: {
      getWorkflowExecutionHistory: () => {
        historyReads += 1;
        const payload = defaultPayloadConverter.toPayload(input);
        return Promise.resolve({
          history: { events: [{ workflowExecutionStartedEventAttributes: { input: { payloads: [payload] } } }] },
        });
      },
    },
    options: { namespace: 'default', loadedDataConverter: loadDataConverter() },
  };
  const ctx = { client, settings: { dataDir } } as unknown as AppContext;
  return { ctx, historyReads: () => historyReads };
}

describe('fixing the day of a rehearsed campaign', () => {
  const def = definition();
  const rehearsed = rehearse(compileCampaign(def, calendar), SPEC, ANCHOR);
  const planned = rehearsed.phases.find((p) => p.kind === 'conference')!.conference!;

  test("the file's own day lands where the rehearsal put the conference: start, invitations, reply deadline, reminders", async () => {
    const { ctx, historyReads } = await contextFor(def, rehearsed);
    // 20/11/2009 08:00 in Hà Nội, as the CLI and the dashboard read "20/11/2009 08:00".
    const input = await conferenceDateInput(ctx, def.campaign.id, { start: '2009-11-20T01:00:00.000Z' });
    expect(historyReads()).toBe(1);
    expect(instants(input)).toEqual({
      start: planned.start!.utc,
      invitationsAt: planned.invitationsAt!.utc,
      replyBy: planned.replies!.deadline.utc,
      reminders: planned.replies!.reminders.map((r) => r.at.utc),
    });
    expect(planned.replies!.reminders.length).toBeGreaterThan(0);
    // Instants of the rehearsal, minutes from now, not of 2009.
    expect(Math.abs(Date.parse(input.start) - Date.now())).toBeLessThan(10 * 60_000);
    expect(input.startLocal).toBe(planned.start!.local);
  });

  test('a move a week later (27/11/2009 08:00) lands 21 s later in the rehearsal, every step with it', async () => {
    const { ctx } = await contextFor(def, rehearsed);
    const input = await conferenceDateInput(ctx, def.campaign.id, { start: '2009-11-27T01:00:00.000Z' });
    const week = 7 * 3_000;
    expect(instants(input)).toEqual({
      start: later(planned.start!.utc, week),
      invitationsAt: later(planned.invitationsAt!.utc, week),
      replyBy: later(planned.replies!.deadline.utc, week),
      reminders: planned.replies!.reminders.map((r) => later(r.at.utc, week)),
    });
  });

  test('a day the rehearsal has already passed is refused, saying which instant it maps to', async () => {
    const { ctx } = await contextFor(def, rehearsed);
    // 1/10/2009 is 10 plan days after the plan date: 30 s after the anchor, i.e. 30 s ago.
    const err = await conferenceDateInput(ctx, def.campaign.id, { start: '2009-10-01T01:00:00.000Z' }).then(
      () => undefined,
      (e: unknown) => e as AppError,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err?.code).toBe('invalid');
    expect(String(err?.facts.value)).toMatch(
      /^ngày khai mạc 01\/10\/2009 08:00 ứng với \d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d trong buổi diễn tập \(1d=3s\), đã qua; buổi diễn tập đang ở \d\d\/(09|10)\/2009 \d\d:\d\d theo lịch kế hoạch/,
    );
  });
});

test('a campaign on the real calendar: the day is compiled as typed, no history read', async () => {
  const def = definition();
  const compiled = compileCampaign(def, calendar);
  const { ctx, historyReads } = await contextFor(def, compiled);
  const input = await conferenceDateInput(ctx, def.campaign.id, { start: '2009-11-20T01:00:00.000Z' });
  const real = compiled.phases.find((p) => p.kind === 'conference')!.conference!;
  expect(historyReads()).toBe(0);
  expect(input.start).toBe('2009-11-20T01:00:00.000Z');
  expect(input.invitationsAt).toBe(real.invitationsAt!.utc);
  expect(input.replyBy).toBe(real.replies!.deadline.utc);
});

/**
 * Secretariat actions on a running campaign, through the same Temporal Updates (and validators) as
 * every other client:
 * - `thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT] [--by-name NAME]`
 * - `thidua campaign cancel ID --reason TEXT [--by-name NAME]`
 * - `thidua campaign list`
 */
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DefinitionStore } from '../../activities/store/definition-store';
import { loadWorkingCalendar } from '../../config/holidays';
import { dateContextFor, readDate } from '../../domain/date-phrases';
import { CampaignIdKey, DeadlineKey, PhaseKey } from '../../domain/search-attributes';
import { compileDeadlineSchedule } from '../../domain/timeline';
import type { DeadlineSchedule } from '../../domain/timeline-types';
import { campaignWorkflowId, unitWorkflowId, type GrantExtensionInput } from '../../domain/workflow-types';
import { formatDeadline } from '../../domain/messages';
import { cancelCampaign, extendCampaign, getCampaignStatus } from '../../workflows/campaign';
import { grantExtension } from '../../workflows/unit-review';
import { CliError, connect, parseArgs, processIo, withWorkerDeadline, type Cli, type Io } from '../connect';
import { table } from './campaign-status';

const DAY = 24 * 3600_000;

/** The refusal a workflow's validator gave, as the user should read it. */
export function updateRefusal(err: unknown): Error {
  if (err instanceof WorkflowUpdateFailedError) return new CliError(`refused: ${err.cause?.message ?? err.message}`);
  const e = err as Error;
  if (e?.name === 'WorkflowNotFoundError') return new CliError(`not found: ${e.message}`);
  return e;
}

/** Shifts every instant of a schedule by `ms`, keeping the local readings in the campaign zone. */
export function shiftSchedule(schedule: DeadlineSchedule, ms: number, zone: string): DeadlineSchedule {
  const move = <T extends { utc: string; local: string }>(i: T): T => {
    const utc = new Date(Date.parse(i.utc) + ms).toISOString();
    return { ...i, utc, local: formatDeadline(utc, zone) };
  };
  return {
    deadline: { ...move(schedule.deadline), written: `${schedule.deadline.written} (+${ms / DAY}d)` },
    lock: move(schedule.lock),
    reminders: schedule.reminders.map((r) => ({ ...r, at: move(r.at) })),
    escalations: schedule.escalations.map((e) => ({ ...e, at: move(e.at) })),
  };
}

async function newSchedule(cli: Cli, campaignId: string, options: Record<string, string>): Promise<DeadlineSchedule> {
  const status = await withWorkerDeadline(cli, 'reading the campaign', () =>
    cli.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
  );
  const current = status.selfReview;
  if (!current) throw new CliError(`campaign ${campaignId} has no self-review deadline to extend`);
  const definition = new DefinitionStore(path.join(cli.settings.dataDir, 'campaigns')).load(status.definitionRef);
  const zone = definition.campaign.timeZone;
  if (options.by) {
    const m = /^(\d+(?:\.\d+)?)d$/.exec(options.by);
    if (!m) throw new CliError('--by: a number of days such as "3d"');
    // A rehearsed campaign runs compressed: "3 days" is 3 days of campaign time.
    return shiftSchedule(current, Number(m[1]) * DAY * (status.rehearsalFactor ?? 1), zone);
  }
  if (!options.until) throw new CliError('give the new deadline: --until "25/10/2009 17:00" or --by 3d');
  if (status.rehearsalFactor) throw new CliError('a rehearsed campaign is extended with --by Nd (campaign days)');
  const calendar = loadWorkingCalendar();
  const ctx = dateContextFor(definition.campaign, calendar);
  const deadline = readDate(options.until, 'deadline', ctx);
  if (!deadline.ok) throw new CliError(`--until: ${deadline.error}`);
  const gap = Date.parse(current.lock.utc) - Date.parse(current.deadline.utc);
  const lockUtc = options.lock
    ? (() => {
        const lock = readDate(options.lock, 'end', ctx);
        if (!lock.ok) throw new CliError(`--lock: ${lock.error}`);
        return lock.utc;
      })()
    : new Date(Date.parse(deadline.utc) + gap).toISOString();
  const phase = definition.phases.find((p) => p.kind === 'self-review');
  if (!phase || phase.kind !== 'self-review') throw new CliError('no self-review phase in the definition');
  return compileDeadlineSchedule(phase, deadline.utc, lockUtc, {
    ...ctx,
    reminderTime: definition.campaign.calendar.reminderTime,
  });
}

export async function extendCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) {
    throw new CliError('usage: thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT]');
  }
  const cli = await connect();
  try {
    const schedule = await newSchedule(cli, campaignId, options);
    const req: GrantExtensionInput = {
      schedule,
      reason: options.reason,
      grantedBy: options['by-name'] ?? 'secretariat (CLI)',
    };
    if (options.unit) {
      const handle = cli.client.workflow.getHandle(unitWorkflowId(campaignId, options.unit));
      const result = await withWorkerDeadline(cli, 'granting the extension', () =>
        handle.executeUpdate(grantExtension, { args: [req] }),
      ).catch((err) => {
        throw updateRefusal(err);
      });
      io.stdout.write(
        `Extended ${options.unit}: new deadline ${schedule.deadline.local} (version ${result.deadlineVersion}).\n`,
      );
    } else {
      await withWorkerDeadline(cli, 'granting the extension', () =>
        cli.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(extendCampaign, { args: [req] }),
      ).catch((err) => {
        throw updateRefusal(err);
      });
      io.stdout.write(
        `Extended every unit of ${campaignId} to ${schedule.deadline.local} (units with a later deadline keep theirs).\n`,
      );
    }
    return 0;
  } finally {
    await cli.close();
  }
}

export async function cancelCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) throw new CliError('usage: thidua campaign cancel ID --reason TEXT');
  const cli = await connect();
  try {
    await withWorkerDeadline(cli, 'cancelling the campaign', () =>
      cli.client.workflow.getHandle(campaignWorkflowId(campaignId)).executeUpdate(cancelCampaign, {
        args: [{ reason: options.reason, cancelledBy: options['by-name'] ?? 'secretariat (CLI)' }],
      }),
    ).catch((err) => {
      throw updateRefusal(err);
    });
    io.stdout.write(`Cancelled ${campaignId}: every unit is being told the reason.\n`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function listCommand(_argv: string[], io: Io = processIo): Promise<number> {
  const cli = await connect();
  try {
    const rows: string[][] = [];
    for await (const wf of cli.client.workflow.list({ query: `WorkflowType = 'campaignWorkflow'` })) {
      const memo = (wf.memo ?? {}) as { planNumber?: string; title?: string };
      const deadline = wf.typedSearchAttributes.get(DeadlineKey);
      rows.push([
        wf.typedSearchAttributes.get(CampaignIdKey) ?? wf.workflowId,
        memo.planNumber ?? '',
        wf.typedSearchAttributes.get(PhaseKey) ?? '',
        wf.status.name,
        deadline ? formatDeadline(deadline.toISOString(), cli.settings.timeZone) : '',
        memo.title ?? '',
      ]);
    }
    io.stdout.write(
      rows.length === 0
        ? 'No campaign yet: start one with `thidua campaign start config/campaigns/<file>.yaml`.\n'
        : table(['Campaign', 'Plan', 'Phase', 'Workflow', 'Deadline', 'Title'], rows) + '\n',
    );
    return 0;
  } finally {
    await cli.close();
  }
}

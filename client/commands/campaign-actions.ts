/**
 * Secretariat actions on a running campaign, through the same Temporal Updates (and validators) as
 * the dashboard (both call `client/secretariat.ts`):
 * - `thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT] [--by-name NAME]`
 * - `thidua campaign cancel ID --reason TEXT [--by-name NAME]`
 * - `thidua campaign list`
 * - `thidua unit remind CAMPAIGN UNIT [--by-name NAME]`
 */
import { formatDeadline } from '../../domain/messages';
import { cancelWholeCampaign, extendDeadline, listCampaigns, remindNow, SecretariatError } from '../secretariat';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { table } from './campaign-status';

/** The refusal a workflow's validator gave (or a missing workflow), as the user should read it. */
export function updateRefusal(err: unknown): Error {
  if (err instanceof SecretariatError) return new CliError(err.message, 1, { cause: err });
  const e = err as Error;
  if (e?.name === 'WorkflowUpdateFailedError') {
    return new CliError(`refused: ${(e.cause as Error | undefined)?.message ?? e.message}`);
  }
  if (e?.name === 'WorkflowNotFoundError') return new CliError(`not found: ${e.message}`);
  return e;
}

export async function extendCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) {
    throw new CliError('usage: thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT]');
  }
  const cli = await connect();
  try {
    const { schedule, deadlineVersion } = await extendDeadline(cli, campaignId, {
      by: options.by,
      until: options.until,
      lock: options.lock,
      reason: options.reason,
      grantedBy: options['by-name'] ?? 'secretariat (CLI)',
      unitId: options.unit,
    }).catch((err) => {
      throw updateRefusal(err);
    });
    io.stdout.write(
      options.unit
        ? `Extended ${options.unit}: new deadline ${schedule.deadline.local} (version ${deadlineVersion}).\n`
        : `Extended every unit of ${campaignId} to ${schedule.deadline.local} (units with a later deadline keep theirs).\n`,
    );
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
    await cancelWholeCampaign(cli, campaignId, {
      reason: options.reason,
      cancelledBy: options['by-name'] ?? 'secretariat (CLI)',
    }).catch((err) => {
      throw updateRefusal(err);
    });
    io.stdout.write(`Cancelled ${campaignId}: every unit is being told the reason.\n`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function remindCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const [campaignId, unitId] = positional;
  if (!campaignId || !unitId) throw new CliError('usage: thidua unit remind CAMPAIGN UNIT [--by-name NAME]');
  const cli = await connect();
  try {
    await remindNow(cli, campaignId, unitId, options['by-name'] ?? 'secretariat (CLI)').catch((err) => {
      throw updateRefusal(err);
    });
    io.stdout.write(`Reminder to ${unitId} queued: the worker sends it now.\n`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function listCommand(_argv: string[], io: Io = processIo): Promise<number> {
  const cli = await connect();
  try {
    const rows = await listCampaigns(cli);
    io.stdout.write(
      rows.length === 0
        ? 'No campaign yet: start one with `thidua campaign start config/campaigns/<file>.yaml`.\n'
        : table(
            ['Campaign', 'Plan', 'Phase', 'Workflow', 'Deadline', 'Title'],
            rows.map((r) => [
              r.campaignId,
              r.planNumber,
              r.phase,
              r.workflowStatus,
              r.deadline ? formatDeadline(r.deadline, cli.settings.timeZone) : '',
              r.title,
            ]),
          ) + '\n',
    );
    return 0;
  } finally {
    await cli.close();
  }
}

/**
 * Secretariat actions on a running campaign, the same use cases (`app/campaigns.ts`, `app/units.ts`)
 * as the dashboard; errors in Vietnamese, or English with `--lang en`:
 * - `thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT] [--by-name NAME]`
 * - `thidua campaign cancel ID --reason TEXT [--by-name NAME]`
 * - `thidua campaign list`
 * - `thidua unit remind CAMPAIGN UNIT [--by-name NAME]`
 */
import path from 'node:path';
import { cancelWholeCampaign, extendDeadline, listCampaigns } from '../../app/campaigns';
import { remindNow } from '../../app/units';
import { formatDeadline } from '../../domain/messages';
import { FileDefinitionStore } from '../../stores/definition-store';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { cliLang, toCliError } from '../messages';
import { table } from './campaign-status';

export async function extendCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const lang = cliLang(options);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) {
    throw new CliError('usage: thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT]');
  }
  const cli = await connect();
  try {
    const definitions = new FileDefinitionStore(path.join(cli.settings.dataDir, 'campaigns'));
    const { schedule, deadlineVersion } = await extendDeadline(cli, definitions, campaignId, {
      by: options.by,
      until: options.until,
      lock: options.lock,
      reason: options.reason,
      grantedBy: options['by-name'] ?? 'secretariat (CLI)',
      unitId: options.unit,
    }).catch((err: unknown) => {
      throw toCliError(err, lang);
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
  const lang = cliLang(options);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) throw new CliError('usage: thidua campaign cancel ID --reason TEXT');
  const cli = await connect();
  try {
    await cancelWholeCampaign(cli, campaignId, {
      reason: options.reason,
      cancelledBy: options['by-name'] ?? 'secretariat (CLI)',
    }).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    io.stdout.write(`Cancelled ${campaignId}: every unit is being told the reason.\n`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function remindCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const lang = cliLang(options);
  const [campaignId, unitId] = positional;
  if (!campaignId || !unitId) throw new CliError('usage: thidua unit remind CAMPAIGN UNIT [--by-name NAME]');
  const cli = await connect();
  try {
    await remindNow(cli, campaignId, unitId, options['by-name'] ?? 'secretariat (CLI)').catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    io.stdout.write(`Reminder to ${unitId} queued: the worker sends it now.\n`);
    return 0;
  } finally {
    await cli.close();
  }
}

export async function listCommand(argv: string[], io: Io = processIo): Promise<number> {
  const lang = cliLang(parseArgs(argv).options);
  const cli = await connect();
  try {
    const rows = await listCampaigns(cli).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
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

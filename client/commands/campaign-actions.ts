/**
 * Secretariat actions on a running campaign, the same use cases (`app/campaigns.ts`, `app/units.ts`)
 * as the dashboard; output and errors in Vietnamese, or English with `--lang en`:
 * - `thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT] [--by-name NAME]`
 * - `thidua campaign cancel ID --reason TEXT [--by-name NAME]`
 * - `thidua campaign list` (a campaign whose later phase failed marked `!! LỖI`)
 * - `thidua unit remind CAMPAIGN UNIT [--by-name NAME]`
 */
import path from 'node:path';
import { cancelCampaignTree, extendDeadline, listCampaigns } from '../../app/campaigns';
import { remindNow } from '../../app/units';
import { FileDefinitionStore } from '../../stores/definition-store';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError } from '../messages';
import { localDateTime, texts } from '../texts';
import { campaignTreeTexts } from '../texts/campaign-tree';
import { phaseFailureListMark } from '../texts/phase-failures';
import { subCampaignLines } from '../../app/sub-campaign-follow-words';
import { table } from './campaign-status';
import { cliActorLabel } from './cli-actor';
import { readOptions } from './known-options';
import { commandLine } from './synopsis';

export async function extendCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'campaign extend');
  const lang = cliLang(options);
  const t = texts(lang);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) {
    throw new CliError(t.usage(commandLine('campaign extend')));
  }
  const cli = await connect(lang);
  try {
    const definitions = new FileDefinitionStore(path.join(cli.settings.dataDir, 'campaigns'));
    const { schedule, timeZone, deadlineVersion, subCampaigns } = await extendDeadline(cli, definitions, campaignId, {
      by: options.by,
      until: options.until,
      lock: options.lock,
      reason: options.reason,
      grantedBy: cliActorLabel(options['by-name']),
      unitId: options.unit,
      // Several deadline phases: the one extended (the one under way when absent).
      ...(options.phase ? { phaseId: options.phase } : {}),
    }).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    // dd/MM/yyyy HH:mm as every CLI table writes it (the schedule's `local` is the mails' "17:00 thứ Sáu, …").
    const deadline = localDateTime(schedule.deadline.utc, timeZone);
    io.stdout.write(
      options.unit ? t.extendedUnit(options.unit, deadline, deadlineVersion) : t.extendedAll(campaignId, deadline),
    );
    io.stdout.write(subCampaignLines(subCampaigns, lang));
    return 0;
  } finally {
    await cli.close();
  }
}

export async function cancelCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'campaign cancel');
  const lang = cliLang(options);
  const campaignId = positional[0];
  if (!campaignId || !options.reason) throw new CliError(texts(lang).usage(commandLine('campaign cancel')));
  const cli = await connect(lang);
  try {
    const { subCampaigns } = await cancelCampaignTree(cli, campaignId, {
      reason: options.reason,
      cancelledBy: cliActorLabel(options['by-name']),
    }).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    io.stdout.write(texts(lang).cancelled(campaignId));
    io.stdout.write(subCampaignLines(subCampaigns, lang));
    return 0;
  } finally {
    await cli.close();
  }
}

export async function remindCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'unit remind');
  const lang = cliLang(options);
  const [campaignId, unitId] = positional;
  if (!campaignId || !unitId) {
    throw new CliError(texts(lang).usage(commandLine('unit remind')));
  }
  const cli = await connect(lang);
  try {
    await remindNow(cli, campaignId, unitId, cliActorLabel(options['by-name'])).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    io.stdout.write(texts(lang).reminderQueued(unitId));
    return 0;
  } finally {
    await cli.close();
  }
}

export async function listCommand(argv: string[], io: Io = processIo): Promise<number> {
  const lang = cliLang(readOptions(argv, 'campaign list').options);
  const t = texts(lang);
  const cli = await connect(lang);
  try {
    const rows = await listCampaigns(cli).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    io.stdout.write(
      rows.length === 0
        ? t.noCampaign
        : table(
            t.listHeader,
            rows.map((r) => [
              r.campaignId,
              r.planNumber,
              t.phase(r.phase),
              r.workflowStatus,
              r.deadline ? localDateTime(r.deadline, cli.settings.timeZone) : '',
              r.title +
                (r.parentCampaignId ? campaignTreeTexts(lang).listSuffix(r.parentCampaignId, r.parentUnitId) : '') +
                phaseFailureListMark(r.phaseFailures, lang),
            ]),
          ) + '\n',
    );
    return 0;
  } finally {
    await cli.close();
  }
}

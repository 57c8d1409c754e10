/**
 * `thidua unit link CAMPAIGN UNIT [--revoke | --reissue]`: the unit's personal portal link.
 * - no option: prints the current link (issuing one if the unit has none yet);
 * - `--revoke`: the link stops working at once, and open portal sessions end at their next request
 *   (the next message to the unit carries a new link);
 * - `--reissue`: revokes the link and prints a new one, to give the unit by another channel.
 */
import path from 'node:path';
import { reissueLink, revokeLink, unitLink } from '../../app/links';
import { FileUnitLinks } from '../../stores/unit-links';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError } from '../messages';
import { texts } from '../texts';
import { readOptions } from './known-options';
import { commandLine } from './synopsis';

export async function linkCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'unit link');
  const lang = cliLang(options);
  const t = texts(lang);
  const [campaignId, unitId] = positional;
  if (!campaignId || !unitId || (options.revoke && options.reissue)) {
    throw new CliError(t.usage(commandLine('unit link')), 2);
  }
  const cli = await connect(lang);
  try {
    // Only a unit of a started campaign has a link (a typo must not mint a token for nobody): app/links checks.
    const links = new FileUnitLinks(path.join(cli.settings.dataDir, 'links'), cli.settings.publicBaseUrl);
    const failed = (err: unknown) => {
      const e = toCliError(err, lang);
      throw e instanceof CliError ? new CliError(`${e.message} (${cli.address})`, 1, { cause: err }) : e;
    };
    if (options.revoke) {
      const revoked = await revokeLink(cli, links, campaignId, unitId).catch(failed);
      io.stdout.write(revoked ? t.revoked(campaignId, unitId) : t.nothingToRevoke(unitId));
      return 0;
    }
    if (options.reissue) {
      const url = await reissueLink(cli, links, campaignId, unitId).catch(failed);
      io.stdout.write(t.reissued(unitId, url));
      return 0;
    }
    io.stdout.write(`${await unitLink(cli, links, campaignId, unitId).catch(failed)}\n`);
    return 0;
  } finally {
    await cli.close();
  }
}

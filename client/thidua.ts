/**
 * The `thidua` command line (`npm run thidua -- …`).
 *
 *   thidua campaign validate FILE…        check a campaign file; every problem with its place
 *   thidua campaign plan FILE [--json]    the compiled timeline
 *   thidua campaign start FILE [--rehearse 1d=20s]
 *   thidua campaign status ID [--filter late] [--limit N] [--json]
 *   thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT]
 *   thidua campaign cancel ID --reason TEXT
 *   thidua campaign list
 *   thidua unit submit CAMPAIGN UNIT FILE [--kind summary-report|presentation-paper]
 *   thidua unit remind CAMPAIGN UNIT      a reminder now (refused once submitted or locked)
 *   thidua unit link CAMPAIGN UNIT [--revoke | --reissue]
 *   thidua secretariat add-user LOGIN --name NAME   a dashboard account (password from stdin)
 */
import { SettingsError } from '../config/settings';
import { CliError, processIo } from './connect';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  'campaign validate': async () => (await import('./commands/campaign-validate')).validateCommand,
  'campaign plan': async () => (await import('./commands/campaign-plan')).planCommand,
  'campaign start': async () => (await import('./commands/campaign-start')).startCommand,
  'campaign status': async () => (await import('./commands/campaign-status')).statusCommand,
  'campaign extend': async () => (await import('./commands/campaign-actions')).extendCommand,
  'campaign cancel': async () => (await import('./commands/campaign-actions')).cancelCommand,
  'campaign list': async () => (await import('./commands/campaign-actions')).listCommand,
  'unit submit': async () => (await import('./commands/unit-submit')).submitCommand,
  'unit remind': async () => (await import('./commands/campaign-actions')).remindCommand,
  'unit link': async () => (await import('./commands/unit-link')).linkCommand,
  'secretariat add-user': async () => (await import('./commands/secretariat-user')).addUserCommand,
};

export async function main(argv: string[]): Promise<number> {
  const name = argv.slice(0, 2).join(' ');
  const load = commands[name];
  if (!load) {
    processIo.stderr.write(
      `usage: thidua <command>\n\n${Object.keys(commands)
        .map((c) => `  thidua ${c}`)
        .join('\n')}\n`,
    );
    return argv.length === 0 || argv[0] === '--help' ? 0 : 2;
  }
  return (await load())(argv.slice(2));
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => process.exit(code))
    .catch((err) => {
      // SecretariatError by name: importing it would load every command's modules up front.
      if (err instanceof CliError || err instanceof SettingsError || err?.name === 'SecretariatError') {
        console.error(`thidua: ${err.message}`);
        process.exit(err instanceof CliError ? err.exitCode : 1);
      }
      console.error(err);
      process.exit(1);
    });
}

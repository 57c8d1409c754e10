/**
 * The `thidua` command line (`npm run thidua -- …`).
 *
 *   thidua campaign validate FILE…        check a campaign file; every problem with its place
 *   thidua campaign plan FILE [--json]    the compiled timeline
 *   thidua campaign start FILE [--rehearse 1d=20s]
 *   thidua campaign import-units SHEET [--template OUT.xlsx]   units from an .xlsx/.csv: YAML, or problems by row and column
 *   thidua campaign status ID [--filter late] [--limit N] [--json]
 *   thidua campaign extend ID (--until DATE | --by 3d) --reason TEXT [--unit UNIT]
 *   thidua campaign cancel ID --reason TEXT
 *   thidua campaign list
 *   thidua unit submit CAMPAIGN UNIT FILE [--kind summary-report|presentation-paper]
 *   thidua unit remind CAMPAIGN UNIT      a reminder now (refused once submitted or locked)
 *   thidua unit link CAMPAIGN UNIT [--revoke | --reissue]
 *   thidua secretariat add-user LOGIN --name NAME [--role clerk,approver,council]   a dashboard account (password from stdin)
 *   thidua secretariat remove-user LOGIN
 *   thidua secretariat list-users         the accounts and their roles
 *   thidua synthesis show CAMPAIGN [--json]
 *   thidua synthesis approve CAMPAIGN --as LOGIN [--version N]
 *   thidua synthesis return CAMPAIGN --as LOGIN --remarks TEXT
 *   thidua synthesis upload CAMPAIGN FILE.docx --as LOGIN [--note TEXT]
 *   thidua synthesis rebuild CAMPAIGN --as LOGIN
 *   thidua synthesis download CAMPAIGN [--version N] [--out DIR]
 *   thidua conference status CAMPAIGN [--json]
 *   thidua conference reply CAMPAIGN INVITEE --as LOGIN (--attending --seats N [--delegates "A, chức vụ; B"] | --declined)
 *   thidua conference set-date CAMPAIGN "dd/MM/yyyy HH:mm" [--end HH:mm] --as LOGIN [--reason TEXT]
 *   thidua conference venue CAMPAIGN --venue TEXT --as LOGIN [--reason TEXT]
 *   thidua conference cancel CAMPAIGN --reason TEXT --as LOGIN
 *   thidua conference outcome CAMPAIGN --held-on DATE --attendance N [--minutes FILE] --as LOGIN
 *   thidua schedule create FILE --every half-year|year [--id ID] [--start-period 2027-h1]
 *   thidua schedule list [--json] | pause ID --reason TEXT | resume ID | trigger ID | delete ID
 *   thidua schedule backfill ID --from PERIOD --to PERIOD
 *   thidua awards status CAMPAIGN [--as LOGIN] [--json]
 *   thidua awards vote CAMPAIGN NOMINATION approve|reject|abstain --as LOGIN [--form CODE] [--reason TEXT]
 *   thidua awards written-vote CAMPAIGN NOMINATION CHOICE --member ACCOUNT --as LOGIN
 *   thidua awards vote-sheet CAMPAIGN --member ACCOUNT --file VOTES.csv --as LOGIN
 *   thidua awards close CAMPAIGN --as LOGIN
 *   thidua awards decide CAMPAIGN --number N --date dd/MM/yyyy --as LOGIN
 *   thidua campaign report CAMPAIGN [--json] [--xlsx FILE]   award counts by form, collective and individual
 *   thidua campaign report --year YEAR [--json] [--xlsx FILE]   the same across the campaigns decided in YEAR
 *   thidua payloads sweep [--grace 24h] [--dry-run] [--namespaces NS1,NS2] [--json]   the claim check's unreferenced blobs
 *
 * Everything it prints for a person (results, tables, usage, errors) is in Vietnamese; `--lang en`
 * (or THIDUA_LANG=en) gives it in English (`texts.ts`, `messages.ts`). `--json` output is not translated.
 */
import { SettingsError } from '../config/settings';
import { CliError, parseArgs, processIo } from './connect';
import { SYNOPSIS } from './commands/synopsis';
import { langOfArgv, texts } from './texts';
import { unknownCommandText } from './texts/options';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  'campaign validate': async () => (await import('./commands/campaign-validate')).validateCommand,
  'campaign plan': async () => (await import('./commands/campaign-plan')).planCommand,
  'campaign start': async () => (await import('./commands/campaign-start')).startCommand,
  'campaign import-units': async () => (await import('./commands/campaign-import-units')).importUnitsCommand,
  'campaign status': async () => (await import('./commands/campaign-status')).statusCommand,
  'campaign extend': async () => (await import('./commands/campaign-actions')).extendCommand,
  'campaign cancel': async () => (await import('./commands/campaign-actions')).cancelCommand,
  'campaign list': async () => (await import('./commands/campaign-actions')).listCommand,
  'unit submit': async () => (await import('./commands/unit-submit')).submitCommand,
  'unit remind': async () => (await import('./commands/campaign-actions')).remindCommand,
  'unit link': async () => (await import('./commands/unit-link')).linkCommand,
  'secretariat add-user': async () => (await import('./commands/secretariat-user')).addUserCommand,
  'secretariat remove-user': async () => (await import('./commands/secretariat-user')).removeUserCommand,
  'secretariat list-users': async () => (await import('./commands/secretariat-user')).listUsersCommand,
  'synthesis show': async () => (await import('./commands/synthesis')).showCommand,
  'synthesis approve': async () => (await import('./commands/synthesis')).approveCommand,
  'synthesis return': async () => (await import('./commands/synthesis')).returnCommand,
  'synthesis upload': async () => (await import('./commands/synthesis')).uploadCommand,
  'synthesis rebuild': async () => (await import('./commands/synthesis')).rebuildCommand,
  'synthesis download': async () => (await import('./commands/synthesis')).downloadCommand,
  ...Object.fromEntries(
    (['status', 'reply', 'set-date', 'venue', 'cancel', 'outcome'] as const).map((a) => [
      `conference ${a}`,
      async () => (await import('./commands/conference')).conferenceCommand(a),
    ]),
  ),
  'schedule create': async () => (await import('./commands/schedule')).createCommand,
  'schedule list': async () => (await import('./commands/schedule')).listCommand,
  'schedule pause': async () => (await import('./commands/schedule')).pauseCommand,
  'schedule resume': async () => (await import('./commands/schedule')).resumeCommand,
  'schedule trigger': async () => (await import('./commands/schedule')).triggerCommand,
  'schedule backfill': async () => (await import('./commands/schedule')).backfillCommand,
  'schedule delete': async () => (await import('./commands/schedule')).deleteCommand,
  'awards status': async () => (await import('./commands/awards')).awardsStatusCommand,
  'awards vote': async () => (await import('./commands/awards')).awardsVoteCommand,
  'awards written-vote': async () => (await import('./commands/awards')).awardsWrittenVoteCommand,
  'awards vote-sheet': async () => (await import('./commands/awards')).awardsVoteSheetCommand,
  'awards close': async () => (await import('./commands/awards')).awardsCloseCommand,
  'awards decide': async () => (await import('./commands/awards')).awardsDecideCommand,
  'campaign report': async () => (await import('./commands/awards')).campaignReportCommand,
  'payloads sweep': async () => (await import('./commands/payloads')).sweepCommand,
};

/** Commands that answer `--help` themselves, with a fuller usage than the list's line. */
const OWN_HELP = new Set(['campaign validate', 'campaign plan', 'campaign import-units']);
const isHelp = (arg: string) => arg === '--help' || arg === '-h';

export async function main(argv: string[]): Promise<number> {
  const name = argv.slice(0, 2).join(' ');
  const load = commands[name];
  if (!load) {
    const help = argv.length === 0 || isHelp(argv[0]);
    const lang = langOfArgv(argv);
    // A mistyped command ("campaign lst") is named, not only answered with the list.
    const typed = argv
      .filter((a, i) => !a.startsWith('-') && argv[i - 1] !== '--lang')
      .slice(0, 2)
      .join(' ');
    const named = help || !typed ? '' : unknownCommandText(lang, typed);
    (help ? processIo.stdout : processIo.stderr).write(named + usage(lang));
    return help ? 0 : 2;
  }
  // Caught here, before the command parses its options: there `--help` took the next word as its
  // value ("--help cần một giá trị", or worse, `remove-user --help X` acting on X).
  if (!OWN_HELP.has(name) && argv.slice(2).some(isHelp)) {
    processIo.stdout.write(commandUsage(langOfArgv(argv), name));
    return 0;
  }
  try {
    return await (
      await load()
    )(argv.slice(2));
  } catch (err) {
    // A use case's failure that no command worded: in the CLI's language all the same.
    if ((err as Error)?.name === 'AppError') {
      const { cliLang, toCliError } = await import('./messages');
      let lang: 'vi' | 'en' = 'vi';
      try {
        lang = cliLang(parseArgs(argv.slice(2)).options);
      } catch {
        // an unknown --lang is reported by the command itself
      }
      throw toCliError(err, lang);
    }
    throw err;
  }
}

/** `thidua --help`: every command with what it does, in the CLI's language. */
export function usage(lang: 'vi' | 'en'): string {
  const h = texts(lang).help;
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.keys(commands).map((c) => `  thidua ${c.padEnd(width)}  ${h.commands[c] ?? ''}`.trimEnd());
  return `${h.title}\n\n${lines.join('\n')}\n\n${h.footer}\n`;
}

/** `thidua <command> --help`: its arguments and options, and what it does. */
export function commandUsage(lang: 'vi' | 'en', name: string): string {
  const t = texts(lang);
  const line = ['thidua', name, SYNOPSIS[name], '[--lang en]'].filter(Boolean).join(' ');
  return `${t.usage(line)}\n\n  ${t.help.commands[name] ?? ''}\n\n${t.help.footer}\n`;
}

/**
 * Exits once stdout and stderr have drained: into a pipe (`… --json | jq`) writes are asynchronous,
 * and `process.exit` at once cut the output at 64 KB.
 */
function exitAfterOutput(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => exitAfterOutput(code))
    .catch((err) => {
      if (err instanceof CliError || err instanceof SettingsError) {
        console.error(`thidua: ${err.message}`);
        exitAfterOutput(err instanceof CliError ? err.exitCode : 1);
        return;
      }
      console.error(err);
      exitAfterOutput(1);
    });
}

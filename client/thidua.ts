/**
 * The `thidua` command line (`npm run thidua -- …`): `thidua --help` lists the commands,
 * `thidua <command> --help` one command's usage. Each command's options and synopsis are one table,
 * `COMMAND_SPECS` in `commands/synopsis.ts`, which the option check, the parser and the usage read:
 * a list written here again would drift from it (it had: `--by-name`, `--lock`, `--note` were missing).
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

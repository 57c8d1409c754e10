/**
 * A command refuses an option it does not take, before it acts: ignored, a mistyped or misplaced
 * option changed what the command did — `campaign cancel ID --unit U --reason …` cancelled every
 * unit (cancel has no `--unit`), `campaign status ID --fitler late` listed them all, and
 * `campaign status ID --jsn` said "--jsn cần một giá trị".
 */
import { CliError, parseArgs } from '../connect';
import { langOfArgv } from '../texts';
import { unknownOptionText } from '../texts/options';
import { COMMAND_SPECS } from './synopsis';

/**
 * Reads `argv` as `parseArgs` does (`--name value`, `--name=value`, `flags` alone); `lang` is taken
 * by every command. Exit code 2, as for a usage error.
 */
export function refuseUnknownOptions(
  argv: string[],
  command: string,
  known: { values?: readonly string[]; flags?: readonly string[] },
): void {
  const values = new Set(['lang', ...(known.values ?? [])]);
  const flags = new Set(known.flags ?? []);
  for (let i = 0; i < argv.length; i++) {
    if (!argv[i].startsWith('--')) continue;
    const eq = argv[i].indexOf('=');
    const name = argv[i].slice(2, eq === -1 ? undefined : eq);
    if (flags.has(name)) continue;
    if (!values.has(name)) throw new CliError(unknownOptionText(langOfArgv(argv))(`--${name}`, command), 2);
    if (eq === -1) i++; // its value, whatever it looks like
  }
}

/**
 * The command's options as its table lists them (`COMMAND_SPECS`): an option it does not take is
 * refused first, then the arguments are read with its flags.
 */
export function readOptions(argv: string[], command: string): ReturnType<typeof parseArgs> {
  const spec = COMMAND_SPECS[command];
  if (!spec) throw new Error(`no option table for "${command}"`);
  refuseUnknownOptions(argv, command, spec);
  return parseArgs(argv, [...(spec.flags ?? [])]);
}

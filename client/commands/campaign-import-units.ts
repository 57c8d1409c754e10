/**
 * `thidua campaign import-units SHEET [--lang en]`: reads units from an `.xlsx` or `.csv` sheet
 * (`sheets/unit-import.ts`) and prints the campaign file's `units:` block on stdout — only that, so
 * `> units.yaml` keeps it clean; the summary goes to stderr — or every problem, with its row and
 * column, and imports nothing. `--template OUT.xlsx` writes the template to fill in instead.
 *
 * Exit codes: 0 units read, 1 problems (or an unreadable file), 2 bad command line.
 */
import fs from 'node:fs';
import { readUnitSheet, sheetSizeProblem, unitSheetTemplate, unitsToYaml } from '../../sheets/unit-import';
import { CliError, parseArgs, processIo, type Io } from '../connect';
import { cliLang } from '../messages';
import { langOfArgv, texts } from '../texts';
import { COMMAND_SPECS } from './synopsis';

export async function importUnitsCommand(argv: string[], io: Io = processIo): Promise<number> {
  const t = texts(langOfArgv(argv)).importUnits;
  const fail = (message: string) => {
    io.stderr.write(`${message}\n${t.usage}`);
    return 2;
  };
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv, ['help']);
  } catch (err) {
    return fail((err as CliError).message);
  }
  const { positional, options } = args;
  let lang: 'vi' | 'en';
  try {
    lang = cliLang(options);
  } catch (err) {
    return fail((err as CliError).message);
  }
  const say = texts(lang).importUnits;
  if (options.help !== undefined || argv.includes('-h')) {
    io.stdout.write(say.usage);
    return 0;
  }
  const known = new Set(['lang', 'help', ...(COMMAND_SPECS['campaign import-units'].values ?? [])]);
  const unknown = Object.keys(options).find((o) => !known.has(o));
  if (unknown) return fail(say.unknownOption(`--${unknown}`));

  if (options.template !== undefined) {
    if (positional.length > 0) return fail(say.oneFile(positional));
    try {
      fs.writeFileSync(options.template, await unitSheetTemplate());
    } catch (err) {
      throw new CliError(say.cannotWrite(options.template, (err as Error).message));
    }
    io.stderr.write(say.templateWritten(options.template));
    return 0;
  }
  if (positional.length === 0) return fail(say.noFile);
  if (positional.length > 1) return fail(say.oneFile(positional));
  const [file] = positional;

  let bytes: Buffer;
  try {
    // The size first: a huge file is refused without reading it.
    const tooBig = sheetSizeProblem(fs.statSync(file).size, { lang });
    if (tooBig) {
      io.stdout.write(`${tooBig.message}\n`);
      return 1;
    }
    bytes = fs.readFileSync(file);
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    throw new CliError(say.cannotRead(file, error.code === 'ENOENT' ? say.noSuchFile : error.message));
  }
  const result = await readUnitSheet(bytes, { lang });
  if (result.problems.length > 0) {
    for (const p of result.problems) io.stdout.write(`${p.message}\n`);
    io.stdout.write(say.problems(file, result.problems.length, result.rows));
    return 1;
  }
  io.stdout.write(unitsToYaml(result.units));
  io.stderr.write(say.read(file, result.units.length, result.rows));
  return 0;
}

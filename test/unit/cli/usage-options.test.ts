/**
 * Every command's options are listed once, in its table (`COMMAND_SPECS`): the option check and the
 * parser read it, and the usage a clerk reads must name exactly those options — `--help` in both
 * languages, and the group's usage line a usage error prints. They had drifted: `campaign cancel
 * --help` did not name `--by-name`, `awards written-vote` not `--form`/`--reason`, `conference
 * outcome` not `--note`. A command the list names without a table, or an unknown option it does
 * not refuse with exit 2, fails here too.
 */
import { COMMAND_SPECS } from '../../../client/commands/synopsis';
import { main, usage } from '../../../client/thidua';
import { texts } from '../../../client/texts';
import { AWARDS_EN, AWARDS_VI } from '../../../client/texts/awards';
import { conferenceTexts } from '../../../client/texts/conference';
import { scheduleTexts } from '../../../client/texts/schedules';
import { CliError } from '../../../client/connect';

const COMMANDS = usage('vi')
  .split('\n')
  .filter((l) => l.startsWith('  thidua '))
  .map((l) => l.slice('  thidua '.length).split(/\s{2,}/)[0]);

/** The options a text names, `--lang` and `--help` aside (every command takes them). */
const named = (text: string) =>
  [...new Set([...text.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]))]
    .filter((o) => o !== 'lang' && o !== 'help')
    .sort();
const listed = (...names: string[]) =>
  [...new Set(names.flatMap((n) => [...(COMMAND_SPECS[n].values ?? []), ...(COMMAND_SPECS[n].flags ?? [])]))].sort();

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(argv).catch((e: unknown) => {
      if (!(e instanceof CliError)) throw e;
      err += e.message;
      return e.exitCode;
    });
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

test('every command the list names has its table, and no table is left without a command', () => {
  expect(COMMANDS.length).toBeGreaterThan(30);
  expect(Object.keys(COMMAND_SPECS).sort()).toEqual([...COMMANDS].sort());
});

describe.each(['vi', 'en'] as const)('--lang %s', (lang) => {
  test.each(COMMANDS)('thidua %s --help names exactly the options it takes', async (name) => {
    const r = await run([...name.split(' '), '--help', '--lang', lang]);
    expect(r.code).toBe(0);
    expect(named(r.out)).toEqual(listed(name));
  });

  test('each group usage line (printed on a usage error) names exactly its commands’ options', () => {
    const t = texts(lang);
    const awards = lang === 'vi' ? AWARDS_VI : AWARDS_EN;
    const of = (group: string) => COMMANDS.filter((c) => c.startsWith(`${group} `));
    expect(named(t.synthesis.usage)).toEqual(listed(...of('synthesis')));
    expect(named(conferenceTexts(lang).usage)).toEqual(listed(...of('conference')));
    expect(named(scheduleTexts(lang).usage)).toEqual(listed(...of('schedule')));
    expect(named(awards.usage)).toEqual(listed(...of('awards')));
    expect(named(awards.reportUsage)).toEqual(listed('campaign report'));
    expect(named(t.payloads.usage)).toEqual(listed('payloads sweep'));
  });
});

test.each(COMMANDS)('thidua %s refuses an option it does not take, exit 2, before acting', async (name) => {
  const r = await run([...name.split(' '), '--khong-co', 'y']);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/--khong-co/);
});

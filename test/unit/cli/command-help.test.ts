/**
 * `thidua <command> --help` (or `-h`), as a clerk types it to learn a command's arguments: every
 * command answers with its own usage and exits 0, in Vietnamese or English, before it reads any
 * option or reaches a server. It used to take `--help` for an option wanting a value ("--help cần
 * một giá trị"), and `remove-user --help X` went on to act on X.
 */
import { main, usage } from '../../../client/thidua';

/** Every command the list names, as the list prints it. */
const COMMANDS = usage('vi')
  .split('\n')
  .filter((l) => l.startsWith('  thidua '))
  .map((l) => l.slice('  thidua '.length).split(/\s{2,}/)[0]);

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(argv);
    return { code, out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

test('the list names the commands (the table the tests below walk)', () => {
  expect(COMMANDS).toContain('campaign status');
  expect(COMMANDS).toContain('secretariat remove-user');
  expect(COMMANDS.length).toBeGreaterThan(30);
});

test.each(COMMANDS)('thidua %s --help: its own usage, exit 0', async (name) => {
  const r = await run([...name.split(' '), '--help']);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  expect(r.out.toLowerCase()).toMatch(new RegExp(`^cách dùng: thidua ${name}\\b`));
});

test('campaign status --help names its arguments and says what it does; -h and --lang en too', async () => {
  const vi = await run(['campaign', 'status', '-h']);
  expect(vi.out).toBe(
    'cách dùng: thidua campaign status ID [--filter late] [--limit N] [--json] [--lang en]\n\n' +
      '  tình hình nộp hồ sơ của các đơn vị\n\n' +
      'Tiếng Việt là mặc định; --lang en (hoặc THIDUA_LANG=en) để in tiếng Anh.\n',
  );
  const en = await run(['campaign', 'status', '--help', '--lang', 'en']);
  expect(en.code).toBe(0);
  expect(en.out).toMatch(/^usage: thidua campaign status ID \[--filter late\]/);
  expect(en.out).toContain("the units' submissions");
});

test('remove-user --help X prints the usage and touches no account', async () => {
  const r = await run(['secretariat', 'remove-user', '--help', 'thuongtruc']);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^cách dùng: thidua secretariat remove-user LOGIN/);
  expect(r.out).not.toContain('thuongtruc');
});

test('a command that does not exist is named before the list, on stderr, exit 2', async () => {
  const vi = await run(['campaign', 'lst']);
  expect(vi.code).toBe(2);
  expect(vi.out).toBe('');
  expect(vi.err).toMatch(/^thidua: không có lệnh "campaign lst"; các lệnh:\n\nCách dùng: thidua <lệnh>/);
  const en = await run(['campaign', 'lst', '--lang', 'en']);
  expect(en.err).toMatch(/^thidua: no command "campaign lst"; the commands:\n\nUsage: thidua <command>/);
  // Only options: the list, naming nothing (the value of --lang is not a command).
  expect((await run(['--lang', 'en'])).err).toMatch(/^Usage: thidua <command>/);
});

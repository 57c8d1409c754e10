/**
 * `thidua synthesis`: the acting account is read before Temporal is reached, so an unknown login, or
 * a missing --as, is refused at once, in Vietnamese by default and in English with --lang en.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CliError } from '../../../client/connect';
import { approveCommand, uploadCommand } from '../../../client/commands/synthesis';
import { usage } from '../../../client/thidua';

const saved = { data: process.env.THIDUA_DATA_DIR, lang: process.env.THIDUA_LANG };
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-synthesis-cli-'));
  process.env.THIDUA_DATA_DIR = dir;
  delete process.env.THIDUA_LANG;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of [
    ['THIDUA_DATA_DIR', saved.data],
    ['THIDUA_LANG', saved.lang],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const failure = (p: Promise<number>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as CliError,
  );

test('an unknown login is refused before anything is sent', async () => {
  const vi = await failure(approveCommand(['c1', '--as', 'khong-co']));
  expect(vi).toBeInstanceOf(CliError);
  expect(vi?.message).toBe(
    'không có tài khoản "khong-co"; tạo bằng thidua secretariat add-user khong-co --name "Họ tên"',
  );
  const en = await failure(approveCommand(['c1', '--as', 'nobody', '--lang', 'en']));
  expect(en?.message).toMatch(/^no account "nobody"/);
});

test('an action without --as, or with a bad --version, is a usage error', async () => {
  expect((await failure(uploadCommand(['c1', 'du-thao.docx'])))?.message).toMatch(/^--as LOGIN: tài khoản/);
  expect((await failure(approveCommand(['c1', '--as', 'x', '--version', '0'])))?.message).toMatch(/--version "0"/);
});

test('--help lists the synthesis commands in both languages', () => {
  expect(usage('vi')).toContain('thidua synthesis approve');
  expect(usage('en')).toContain('approve the draft --as LOGIN');
});

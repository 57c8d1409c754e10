/**
 * `thidua synthesis`: the acting account is read before Temporal is reached, so an unknown login, or
 * a missing --as, is refused at once, in Vietnamese by default and in English with --lang en.
 */
import { cliFailure, useCliDataDir } from '../../helpers/cli-data-dir';
import { CliError } from '../../../client/connect';
import { approveCommand, uploadCommand } from '../../../client/commands/synthesis';
import { usage } from '../../../client/thidua';

useCliDataDir('synthesis-cli');
const failure = cliFailure;

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

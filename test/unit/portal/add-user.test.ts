/** `thidua secretariat add-user`: the account the dashboard logs in with, its password never on the command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addUserCommand, removeUserCommand } from '../../../client/commands/secretariat-user';
import { CliError } from '../../../client/connect';
import { FileAccountStore } from '../../../stores/accounts';

let dir: string;
const saved = process.env.THIDUA_DATA_DIR;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-add-user-'));
  process.env.THIDUA_DATA_DIR = dir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.THIDUA_DATA_DIR;
  else process.env.THIDUA_DATA_DIR = saved;
  fs.rmSync(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  return { out, io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } } };
}

const savedLang = process.env.THIDUA_LANG;
beforeEach(() => delete process.env.THIDUA_LANG);
afterAll(() => {
  if (savedLang !== undefined) process.env.THIDUA_LANG = savedLang;
});

test('creates the account from the password on stdin, then sets a new one (Vietnamese by default)', async () => {
  const first = io();
  const pw = async () => 'mat-khau-dau-tien-2026';
  expect(await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], first.io, pw)).toBe(0);
  expect(first.out.join('')).toBe('Đã tạo tài khoản "thuongtruc": đăng nhập tại http://localhost:3000/admin\n');
  const accounts = new FileAccountStore(dir);
  expect((await accounts.verify('thuongtruc', 'mat-khau-dau-tien-2026'))?.name).toBe('Nguyễn Thị Hạnh');

  const second = io();
  expect(
    await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], second.io, async () => 'mat-khau-moi-2027'),
  ).toBe(0);
  expect(second.out.join('')).toBe('Tài khoản "thuongtruc": đã đặt mật khẩu mới.\n');
  expect(await accounts.verify('thuongtruc', 'mat-khau-dau-tien-2026')).toBeUndefined();
});

test('in English with --lang en or THIDUA_LANG=en: add-user and remove-user', async () => {
  const pw = async () => 'mat-khau-dau-tien-2026';
  const first = io();
  expect(await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh', '--lang', 'en'], first.io, pw)).toBe(0);
  expect(first.out.join('')).toBe('Account "thuongtruc" created: log in at http://localhost:3000/admin\n');
  process.env.THIDUA_LANG = 'en';
  const second = io();
  expect(await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], second.io, pw)).toBe(0);
  expect(second.out.join('')).toBe('Account "thuongtruc": new password set.\n');
  const removed = io();
  expect(await removeUserCommand(['thuongtruc'], removed.io)).toBe(0);
  expect(removed.out.join('')).toBe(
    'Account "thuongtruc" removed: its dashboard sessions end at their next request.\n',
  );
  const none = io();
  expect(await removeUserCommand(['thuongtruc'], none.io)).toBe(0);
  expect(none.out.join('')).toBe('No account "thuongtruc".\n');
});

test('remove-user in Vietnamese', async () => {
  await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], io().io, async () => 'mat-khau-dau-tien-2026');
  const removed = io();
  expect(await removeUserCommand(['thuongtruc'], removed.io)).toBe(0);
  expect(removed.out.join('')).toBe(
    'Đã xóa tài khoản "thuongtruc": các phiên đăng nhập bảng điều khiển của tài khoản kết thúc ở lần thao tác tiếp theo.\n',
  );
  const none = io();
  expect(await removeUserCommand(['thuongtruc'], none.io)).toBe(0);
  expect(none.out.join('')).toBe('Không có tài khoản "thuongtruc".\n');
});

test('a weak password, a bad login or a missing name is refused with the reason in either language, and nothing is written', async () => {
  await expect(addUserCommand(['thuongtruc', '--name', 'X'], io().io, async () => 'ngan')).rejects.toThrow(
    new CliError('mật khẩu: ít nhất 10 ký tự'),
  );
  await expect(
    addUserCommand(['thuongtruc', '--name', 'X', '--lang', 'en'], io().io, async () => 'ngan'),
  ).rejects.toThrow(new CliError('password: at least 10 characters'));
  await expect(
    addUserCommand(['thuongtruc', '--name', 'X'], io().io, async () => 'thuongtruc-2026-abc'),
  ).rejects.toThrow(new CliError('mật khẩu: không được chứa tên đăng nhập'));
  await expect(
    addUserCommand(['Thuong Truc', '--name', 'X'], io().io, async () => 'mat-khau-dai-du-2026'),
  ).rejects.toThrow('tên đăng nhập "Thuong Truc": 2–40 ký tự');
  await expect(
    addUserCommand(['Thuong Truc', '--name', 'X', '--lang', 'en'], io().io, async () => 'mat-khau-dai-du-2026'),
  ).rejects.toThrow('login "Thuong Truc": 2–40 characters');
  await expect(
    addUserCommand(['thuongtruc', '--name', ' '], io().io, async () => 'mat-khau-dai-du-2026'),
  ).rejects.toThrow(new CliError('tài khoản cần có họ tên (--name "Nguyễn Văn A")'));
  await expect(addUserCommand(['thuongtruc'], io().io, async () => 'mat-khau-dai-du-2026')).rejects.toThrow(
    'cách dùng: thidua secretariat add-user',
  );
  await expect(
    addUserCommand(['thuongtruc', '--lang', 'en'], io().io, async () => 'mat-khau-dai-du-2026'),
  ).rejects.toThrow('usage: thidua secretariat add-user');
  expect(fs.existsSync(path.join(dir, 'secretariat', 'accounts.json'))).toBe(false);
});

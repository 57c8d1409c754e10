/** `thidua secretariat add-user`: the account the dashboard logs in with, its password never on the command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addUserCommand, listUsersCommand, removeUserCommand } from '../../../client/commands/secretariat-user';
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
  expect(first.out.join('')).toBe(
    'Đã tạo tài khoản "thuongtruc": đăng nhập tại http://localhost:3000/admin\n' +
      'Vai trò của "thuongtruc": chuyên viên (clerk).\n',
  );
  const accounts = new FileAccountStore(dir);
  expect((await accounts.verify('thuongtruc', 'mat-khau-dau-tien-2026'))?.name).toBe('Nguyễn Thị Hạnh');

  const second = io();
  expect(
    await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], second.io, async () => 'mat-khau-moi-2027'),
  ).toBe(0);
  expect(second.out.join('')).toBe(
    'Tài khoản "thuongtruc": đã đặt mật khẩu mới.\nVai trò của "thuongtruc": chuyên viên (clerk).\n',
  );
  expect(await accounts.verify('thuongtruc', 'mat-khau-dau-tien-2026')).toBeUndefined();
});

test('in English with --lang en or THIDUA_LANG=en: add-user and remove-user', async () => {
  const pw = async () => 'mat-khau-dau-tien-2026';
  const first = io();
  expect(await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh', '--lang', 'en'], first.io, pw)).toBe(0);
  expect(first.out.join('')).toBe(
    'Account "thuongtruc" created: log in at http://localhost:3000/admin\nRoles of "thuongtruc": clerk.\n',
  );
  process.env.THIDUA_LANG = 'en';
  const second = io();
  expect(await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], second.io, pw)).toBe(0);
  expect(second.out.join('')).toBe('Account "thuongtruc": new password set.\nRoles of "thuongtruc": clerk.\n');
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

describe('roles', () => {
  const pw = async () => 'mat-khau-dau-tien-2026';

  test('--role sets the roles (codes, any order, once each); a new password without --role keeps them; list-users shows them', async () => {
    const added = io();
    await addUserCommand(['lanhdao', '--name', 'Trần Văn Lãnh', '--role', 'approver, clerk,approver'], added.io, pw);
    expect(added.out.join('')).toContain(
      'Vai trò của "lanhdao": chuyên viên (clerk), lãnh đạo phê duyệt (approver).\n',
    );
    await addUserCommand(['hoidong', '--name', 'Lê Thị Hội', '--role', 'council'], io().io, pw);
    await addUserCommand(['chuyenvien', '--name', 'Phạm Văn Viên'], io().io, pw);
    const accounts = new FileAccountStore(dir);
    expect((await accounts.find('lanhdao'))?.roles).toEqual(['clerk', 'approver']);
    expect((await accounts.find('chuyenvien'))?.roles).toEqual(['clerk']);

    await addUserCommand(['lanhdao', '--name', 'Trần Văn Lãnh'], io().io, async () => 'mat-khau-moi-2027-dai');
    expect((await accounts.find('lanhdao'))?.roles).toEqual(['clerk', 'approver']);
    await addUserCommand(['lanhdao', '--name', 'Trần Văn Lãnh', '--role', 'approver'], io().io, pw);
    expect((await accounts.find('lanhdao'))?.roles).toEqual(['approver']);

    const listed = io();
    expect(await listUsersCommand([], listed.io)).toBe(0);
    expect(listed.out.join('')).toBe(
      'lanhdao\tTrần Văn Lãnh\tlãnh đạo phê duyệt (approver)\n' +
        'hoidong\tLê Thị Hội\tthành viên Hội đồng (council)\n' +
        'chuyenvien\tPhạm Văn Viên\tchuyên viên (clerk)\n',
    );
    const en = io();
    await listUsersCommand(['--lang', 'en'], en.io);
    expect(en.out.join('')).toContain('hoidong\tLê Thị Hội\tcouncil member\n');
    expect(fs.readFileSync(path.join(dir, 'secretariat', 'accounts.json'), 'utf8')).not.toContain('mat-khau');
  });

  test('an unknown role is refused in Vietnamese (English with --lang en) before the password is asked; nothing is written', async () => {
    const asked = jest.fn(pw);
    await expect(addUserCommand(['x-user', '--name', 'X', '--role', 'clerk,admin'], io().io, asked)).rejects.toThrow(
      new CliError(
        '--role: không có vai trò "admin"; dùng một hoặc nhiều mã, cách nhau bằng dấu phẩy: ' +
          'chuyên viên (clerk), lãnh đạo phê duyệt (approver), thành viên Hội đồng (council)',
        2,
      ),
    );
    await expect(
      addUserCommand(['x-user', '--name', 'X', '--role', 'lãnh đạo', '--lang', 'en'], io().io, asked),
    ).rejects.toThrow('--role: no role "lãnh đạo"; use one or more of clerk, approver, council, separated by commas');
    await expect(addUserCommand(['x-user', '--name', 'X', '--role', ' , '], io().io, asked)).rejects.toThrow(
      '--role: không có vai trò',
    );
    expect(asked).not.toHaveBeenCalled();
    expect(fs.existsSync(path.join(dir, 'secretariat', 'accounts.json'))).toBe(false);
    const none = io();
    await listUsersCommand([], none.io);
    expect(none.out.join('')).toContain('Chưa có tài khoản nào');
  });

  test('accounts stored before roles existed read as clerks, and the file stays readable', async () => {
    const file = path.join(dir, 'secretariat', 'accounts.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const at = new Date().toISOString();
    const old = { login: 'cu', name: 'Tài khoản cũ', passwordHash: 'scrypt$x', createdAt: at, updatedAt: at };
    fs.writeFileSync(file, JSON.stringify([old, { ...old, login: 'la', roles: ['admin'] }]));
    const accounts = new FileAccountStore(dir);
    expect((await accounts.find('cu'))?.roles).toEqual(['clerk']);
    expect((await accounts.find('la'))?.roles).toEqual(['clerk']); // an unknown role is not trusted
    const { staffActorOf } = await import('../../../app/roles');
    expect(staffActorOf((await accounts.find('cu'))!)).toEqual({ login: 'cu', name: 'Tài khoản cũ', roles: ['clerk'] });
  });
});

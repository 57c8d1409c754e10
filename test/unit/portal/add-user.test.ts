/** `thidua secretariat add-user`: the account the dashboard logs in with, its password never on the command line. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addUserCommand } from '../../../client/commands/secretariat-user';
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

test('creates the account from the password on stdin, then sets a new one', async () => {
  const first = io();
  const pw = async () => 'mat-khau-dau-tien-2026';
  expect(await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], first.io, pw)).toBe(0);
  expect(first.out.join('')).toContain('Account "thuongtruc" created: log in at http://localhost:3000/admin');
  const accounts = new FileAccountStore(dir);
  expect((await accounts.verify('thuongtruc', 'mat-khau-dau-tien-2026'))?.name).toBe('Nguyễn Thị Hạnh');

  const second = io();
  expect(
    await addUserCommand(['thuongtruc', '--name', 'Nguyễn Thị Hạnh'], second.io, async () => 'mat-khau-moi-2027'),
  ).toBe(0);
  expect(second.out.join('')).toContain('new password set');
  expect(await accounts.verify('thuongtruc', 'mat-khau-dau-tien-2026')).toBeUndefined();
});

test('a weak password or a missing name is refused with the reason, and nothing is written', async () => {
  await expect(addUserCommand(['thuongtruc', '--name', 'X'], io().io, async () => 'ngan')).rejects.toThrow(
    new CliError('password: at least 10 characters'),
  );
  await expect(addUserCommand(['thuongtruc'], io().io, async () => 'mat-khau-dai-du-2026')).rejects.toThrow('usage');
  expect(fs.existsSync(path.join(dir, 'secretariat', 'accounts.json'))).toBe(false);
});

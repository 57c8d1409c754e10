/**
 * Dashboard accounts, through the use cases of `app/accounts.ts`:
 * - `thidua secretariat add-user LOGIN --name "Nguyễn Văn A" [--role clerk,approver]`: creates a
 *   dashboard account, or sets a new password (and roles, when given) for an existing one. The
 *   password is read from standard input (one line; typed without echo at a terminal), never from the
 *   command line where `ps` and shell history would keep it. Roles are codes (clerk, approver, council).
 * - `thidua secretariat remove-user LOGIN`: removes it; its open dashboard sessions end at their next request.
 * - `thidua secretariat list-users`: logins, names and roles.
 */
import readline from 'node:readline';
import { listAccounts, removeAccount, setAccount } from '../../app/accounts';
import { STAFF_ROLES, type StaffRole } from '../../domain/synthesis-types';
import { loadSettings } from '../../config/settings';
import { FileAccountStore } from '../../stores/accounts';
import { CliError, processIo, type Io } from '../connect';
import { cliLang, toCliError } from '../messages';
import { texts, type CliTexts } from '../texts';
import { readOptions } from './known-options';
import { commandLine } from './synopsis';

/** `--role clerk,approver`: codes only, each known; refused before the password is asked for. */
function parseRoles(value: string | undefined, t: CliTexts): StaffRole[] | undefined {
  if (value === undefined) return undefined;
  const names = value
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) throw new CliError(t.unknownRole(value), 2);
  for (const name of names) if (!STAFF_ROLES.includes(name as StaffRole)) throw new CliError(t.unknownRole(name), 2);
  return names as StaffRole[];
}

export async function addUserCommand(
  argv: string[],
  io: Io = processIo,
  readPassword?: () => Promise<string>,
): Promise<number> {
  const { positional, options } = readOptions(argv, 'secretariat add-user');
  const lang = cliLang(options);
  const t = texts(lang);
  const login = positional[0];
  if (!login || !options.name) throw new CliError(t.usage(commandLine('secretariat add-user')), 2);
  const roles = parseRoles(options.role, t);
  const settings = loadSettings();
  const password = await (readPassword ?? (() => passwordFromStdin(t.passwordPrompt)))();
  const store = new FileAccountStore(settings.dataDir);
  const outcome = await setAccount(store, { login, name: options.name, password, roles }).catch((err: unknown) => {
    throw toCliError(err, lang);
  });
  io.stdout.write(outcome === 'created' ? t.accountCreated(login, settings.publicBaseUrl) : t.passwordSet(login));
  const account = await store.find(login);
  if (account) io.stdout.write(t.accountRoles(login, account.roles));
  return 0;
}

export async function listUsersCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { options } = readOptions(argv, 'secretariat list-users');
  const t = texts(cliLang(options));
  const accounts = await listAccounts(new FileAccountStore(loadSettings().dataDir));
  io.stdout.write(accounts.length ? accounts.map((a) => t.accountLine(a)).join('') : t.noAccounts);
  return 0;
}

export async function removeUserCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'secretariat remove-user');
  const t = texts(cliLang(options));
  const login = positional[0];
  if (!login) throw new CliError(t.usage(commandLine('secretariat remove-user')), 2);
  const settings = loadSettings();
  io.stdout.write(
    (await removeAccount(new FileAccountStore(settings.dataDir), login)) ? t.accountRemoved(login) : t.noAccount(login),
  );
  return 0;
}

async function passwordFromStdin(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write(prompt);
    const rl = readline.createInterface({ input: stdin, terminal: true });
    // Hide what is typed: readline writes the echo through this method.
    (rl as unknown as { _writeToOutput: () => void })._writeToOutput = () => undefined;
    const line = await new Promise<string>((resolve) => rl.once('line', resolve));
    rl.close();
    process.stderr.write('\n');
    return line;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/**
 * `thidua secretariat add-user LOGIN --name "Nguyễn Văn A"`: creates a dashboard account, or sets a
 * new password for an existing one. The password is read from standard input (one line; typed
 * without echo at a terminal), never from the command line where `ps` and shell history would keep it.
 */
import readline from 'node:readline';
import { FileAccountStore } from '../../stores/accounts';
import { loadSettings } from '../../config/settings';
import { CliError, parseArgs, processIo, type Io } from '../connect';

export async function addUserCommand(
  argv: string[],
  io: Io = processIo,
  readPassword: () => Promise<string> = passwordFromStdin,
): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const login = positional[0];
  if (!login || !options.name) throw new CliError('usage: thidua secretariat add-user LOGIN --name NAME', 2);
  const settings = loadSettings();
  const password = await readPassword();
  try {
    const outcome = await new FileAccountStore(settings.dataDir).set(login, options.name, password);
    io.stdout.write(
      outcome === 'created'
        ? `Account "${login}" created: log in at ${settings.publicBaseUrl}/admin\n`
        : `Account "${login}": new password set.\n`,
    );
    return 0;
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

async function passwordFromStdin(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write('Password: ');
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

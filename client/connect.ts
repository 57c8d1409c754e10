/** A Temporal client from `@temporalio/envconfig` settings, shared by every CLI command. */
import { Client } from '@temporalio/client';
import { connectTemporal, type ClosableConnection } from '../config/temporal-connection';
import { thiduaDataConverter } from '../config/data-converter';
import { loadSettings, loadTemporalConnectConfig, type Settings } from '../config/settings';
import type { Lang } from './messages';
import { langOfArgv, texts } from './texts';

export interface Cli {
  client: Client;
  settings: Settings;
  address: string;
  close(): Promise<void>;
}

/** A client of the configured Temporal server; `lang` words the failure to reach it. */
export async function connect(lang: Lang = 'vi'): Promise<Cli> {
  const settings = loadSettings();
  const temporal = loadTemporalConnectConfig();
  let connection: ClosableConnection;
  try {
    connection = await connectTemporal({ ...temporal.connectionOptions, connectTimeout: '5 seconds' });
  } catch (err) {
    throw new CliError(
      texts(lang).cannotReachTemporal(temporal.connectionOptions.address ?? '', (err as Error).message),
    );
  }
  return {
    client: new Client({
      connection: connection.connection,
      namespace: temporal.namespace,
      dataConverter: thiduaDataConverter(settings),
    }),
    settings,
    address: temporal.connectionOptions.address ?? 'localhost:7233',
    close: () => connection.close(),
  };
}

/** An error the user can act on: printed without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    public readonly exitCode = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

export interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

export const processIo: Io = { stdout: process.stdout, stderr: process.stderr };

/** `--name value` and `--flag` options, and positional arguments, from argv. */
export function parseArgs(
  argv: string[],
  flags: string[] = [],
): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      // Split at the first "=" only: `--rehearse=1d=20s` is the value "1d=20s".
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      const inline = eq === -1 ? undefined : arg.slice(eq + 1);
      if (inline !== undefined) options[name] = inline;
      else if (flags.includes(name)) options[name] = 'true';
      else {
        const value = argv[++i];
        if (value === undefined) throw new CliError(texts(langOfArgv(argv)).needsValue(name));
        options[name] = value;
      }
    } else positional.push(arg);
  }
  return { positional, options };
}

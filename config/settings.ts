/**
 * Application settings, read once from the environment and validated at start-up: every bad or
 * missing setting is named in one error, instead of the first failure surfacing hours later when a
 * reminder is due. Defaults give the embedded dev stack (`npm run dev`). The Temporal connection
 * itself is not here: it comes from `@temporalio/envconfig` (see {@link loadTemporalConnectConfig}).
 */
import path from 'node:path';
import { loadClientConnectConfig, type ClientConnectConfig } from '@temporalio/envconfig';
import { IANAZone } from 'luxon';

export const REPO_ROOT = path.resolve(__dirname, '..');

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465); STARTTLS is negotiated anyway when the server offers it. */
  secure: boolean;
  /** Refuse to send without TLS (production relays). */
  requireTls: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Connections the pooled transport keeps open at most (default {@link DEFAULT_SMTP_CONNECTIONS}). */
  maxConnections?: number;
}

/**
 * Four: relays limit the connections of one client (Microsoft 365 takes 3 authenticated ones at a
 * time, Postfix 50 by default), and a refused connection delays mail more than a queue does. The
 * deadline burst is bound by it (issue 17, README "Performance"): raise it where the relay allows.
 */
export const DEFAULT_SMTP_CONNECTIONS = 4;

export interface Settings {
  taskQueue: string;
  smtp: SmtpSettings;
  timeZone: string;
  /** Base of the per-unit submission links in every message. */
  publicBaseUrl: string;
  /** Where the report store, the dev server's SQLite file and the mail catcher keep their data. */
  dataDir: string;
  portalPort: number;
  /** Address the portal listens on: loopback unless set (a reverse proxy in front serves the world). */
  portalHost: string;
  /** The Temporal Web UI, for links to workflows from the CLI and the dashboard. */
  temporalUiUrl: string;
  /** The portal is behind a reverse proxy: rate limits use the address it forwards. */
  trustProxy: boolean;
  /** Where the worker serves Prometheus metrics (`host:port`), or undefined when off. */
  metricsAddress?: string;
  /** A workflow bundle built ahead (`bundleWorkflowCode`): the worker starts without bundling. */
  workflowBundlePath?: string;
  /** Payloads above this many bytes go to `<dataDir>/payloads` (the claim check); 0 keeps every payload in Temporal. */
  claimCheckBytes: number;
}

/**
 * 128 KiB: a quarter of the payload size at which Temporal warns (512 KiB) and a sixteenth of the one
 * it refuses (2 MiB), so no payload comes near either; and each history event stays small, so that
 * the history's 10 MiB warning is reached by events, not by a few big views. Smaller payloads (nearly
 * all: a unit's messages, a reply) stay in Temporal, readable in its UI and without a file read.
 */
export const DEFAULT_CLAIM_CHECK_BYTES = 128 * 1024;

/** Every setting: environment variable, default, meaning. The README's table is written from this. */
export const SETTINGS_DOC: ReadonlyArray<{ env: string; default: string; meaning: string }> = [
  { env: 'THIDUA_TASK_QUEUE', default: 'thidua', meaning: 'Temporal task queue of the worker and clients' },
  { env: 'THIDUA_SMTP_HOST', default: 'localhost', meaning: 'SMTP server' },
  { env: 'THIDUA_SMTP_PORT', default: '1025', meaning: 'SMTP port (1025 = the dev mail catcher)' },
  { env: 'THIDUA_SMTP_SECURE', default: 'false', meaning: 'true for implicit TLS (usually port 465)' },
  { env: 'THIDUA_SMTP_REQUIRE_TLS', default: 'false', meaning: 'true to refuse sending without STARTTLS' },
  { env: 'THIDUA_SMTP_USER', default: '(none)', meaning: 'SMTP user name; set together with the password' },
  { env: 'THIDUA_SMTP_PASSWORD', default: '(none)', meaning: 'SMTP password' },
  {
    env: 'THIDUA_SMTP_MAX_CONNECTIONS',
    default: String(DEFAULT_SMTP_CONNECTIONS),
    meaning: "Connections to the SMTP server at most (1-100): the deadline burst's mail rate; within the relay's limit",
  },
  {
    env: 'THIDUA_MAIL_FROM',
    default: '"Thường trực Hội đồng Thi đua - Khen thưởng" <thiduakhenthuong@localhost>',
    meaning: 'Sender of every message',
  },
  { env: 'THIDUA_TIME_ZONE', default: 'Asia/Ho_Chi_Minh', meaning: 'Default time zone of campaigns and messages' },
  { env: 'THIDUA_PUBLIC_URL', default: 'http://localhost:3000', meaning: 'Base URL of the unit portal, used in links' },
  { env: 'THIDUA_DATA_DIR', default: '.data', meaning: 'Data folder (report store, dev server database, mail)' },
  { env: 'THIDUA_PORTAL_PORT', default: '3000', meaning: 'Port of the unit portal and dashboard' },
  {
    env: 'THIDUA_WORKFLOW_BUNDLE',
    default: '(none)',
    meaning: 'A workflow bundle built ahead, so that a worker starts in a second (built from workflows/ when unset)',
  },
  {
    env: 'THIDUA_METRICS_ADDRESS',
    default: '127.0.0.1:9464',
    meaning: "The worker's Prometheus endpoint (host:port, /metrics); off to turn it off",
  },
  {
    env: 'THIDUA_PORTAL_HOST',
    default: '127.0.0.1',
    meaning: 'Address the portal listens on (0.0.0.0 for every interface; put TLS and a reverse proxy in front)',
  },
  {
    env: 'THIDUA_TEMPORAL_UI_URL',
    default: 'http://localhost:8233',
    meaning: 'Temporal Web UI, linked from the CLI and the dashboard',
  },
  {
    env: 'THIDUA_CLAIM_CHECK_BYTES',
    default: String(DEFAULT_CLAIM_CHECK_BYTES),
    meaning: 'Payloads above this many bytes go to THIDUA_DATA_DIR/payloads, Temporal keeping a reference (0: none)',
  },
  {
    env: 'THIDUA_TRUST_PROXY',
    default: 'false',
    meaning: 'true behind a reverse proxy: rate limits use the last X-Forwarded-For address',
  },
];

export class SettingsError extends Error {
  constructor(public readonly problems: string[]) {
    super(`thidua: invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates every setting; throws {@link SettingsError} naming each bad one. */
export function loadSettings(env: Env = process.env): Settings {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const value = env[name];
    if (value === undefined || value === '') return fallback;
    return value.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${JSON.stringify(raw)}: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^(true|1|yes)$/i.test(raw)) return true;
    if (/^(false|0|no)$/i.test(raw)) return false;
    problems.push(`${name}=${JSON.stringify(raw)}: expected true or false`);
    return fallback;
  };

  const metricsAddress = (raw: string): string | undefined => {
    if (/^off$/i.test(raw)) return undefined;
    if (!/^[^\s:]+:\d{1,5}$/.test(raw) && !/^\[[0-9a-f:]+\]:\d{1,5}$/i.test(raw)) {
      problems.push(`THIDUA_METRICS_ADDRESS=${JSON.stringify(raw)}: expected host:port such as 127.0.0.1:9464, or off`);
      return undefined;
    }
    return raw;
  };

  const timeZone = text('THIDUA_TIME_ZONE', 'Asia/Ho_Chi_Minh');
  if (!IANAZone.isValidZone(timeZone)) {
    problems.push(`THIDUA_TIME_ZONE=${JSON.stringify(timeZone)}: not a known IANA time zone (e.g. Asia/Ho_Chi_Minh)`);
  }
  const publicBaseUrl = text('THIDUA_PUBLIC_URL', 'http://localhost:3000').replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+/.test(publicBaseUrl)) {
    problems.push(
      `THIDUA_PUBLIC_URL=${JSON.stringify(publicBaseUrl)}: expected an http(s) URL such as https://thidua.example.vn`,
    );
  }
  const from = text('THIDUA_MAIL_FROM', '"Thường trực Hội đồng Thi đua - Khen thưởng" <thiduakhenthuong@localhost>');
  if (!/<?[^\s<>@]+@[^\s<>@]+>?\s*$/.test(from)) {
    problems.push(`THIDUA_MAIL_FROM=${JSON.stringify(from)}: expected an address such as "Ban TĐKT" <tdkt@example.vn>`);
  }
  const user = env.THIDUA_SMTP_USER || undefined;
  const password = env.THIDUA_SMTP_PASSWORD || undefined;
  if ((user === undefined) !== (password === undefined)) {
    problems.push('THIDUA_SMTP_USER and THIDUA_SMTP_PASSWORD: set both or neither');
  }
  const taskQueue = text('THIDUA_TASK_QUEUE', 'thidua');
  if (!/^[\w.-]+$/.test(taskQueue))
    problems.push(`THIDUA_TASK_QUEUE=${JSON.stringify(taskQueue)}: use letters, digits, ".", "-", "_"`);

  const settings: Settings = {
    taskQueue,
    smtp: {
      host: text('THIDUA_SMTP_HOST', 'localhost'),
      port: int('THIDUA_SMTP_PORT', 1025, 1, 65535),
      secure: bool('THIDUA_SMTP_SECURE', false),
      requireTls: bool('THIDUA_SMTP_REQUIRE_TLS', false),
      user,
      password,
      from,
      maxConnections: int('THIDUA_SMTP_MAX_CONNECTIONS', DEFAULT_SMTP_CONNECTIONS, 1, 100),
    },
    timeZone,
    publicBaseUrl,
    dataDir: path.resolve(REPO_ROOT, text('THIDUA_DATA_DIR', '.data')),
    portalPort: int('THIDUA_PORTAL_PORT', 3000, 1, 65535),
    portalHost: text('THIDUA_PORTAL_HOST', '127.0.0.1'),
    temporalUiUrl: text('THIDUA_TEMPORAL_UI_URL', 'http://localhost:8233').replace(/\/+$/, ''),
    trustProxy: bool('THIDUA_TRUST_PROXY', false),
    metricsAddress: metricsAddress(text('THIDUA_METRICS_ADDRESS', '127.0.0.1:9464')),
    workflowBundlePath: env.THIDUA_WORKFLOW_BUNDLE ? path.resolve(env.THIDUA_WORKFLOW_BUNDLE) : undefined,
    // Above 1 MiB a payload could reach Temporal's 2 MiB limit before it is claim-checked.
    claimCheckBytes: int('THIDUA_CLAIM_CHECK_BYTES', DEFAULT_CLAIM_CHECK_BYTES, 0, 1024 * 1024),
  };
  if (problems.length > 0) throw new SettingsError(problems);
  return settings;
}

/**
 * The Temporal connection (address, namespace, TLS client certificate, API key, profile) from
 * `TEMPORAL_*` variables and the TOML profiles of `@temporalio/envconfig`; defaults to the local
 * dev server.
 */
export function loadTemporalConnectConfig(env: Env = process.env): ClientConnectConfig & { namespace: string } {
  const config = loadClientConnectConfig({
    profile: env.TEMPORAL_PROFILE,
    overrideEnvVars: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
  });
  return {
    ...config,
    connectionOptions: { ...config.connectionOptions, address: config.connectionOptions.address ?? 'localhost:7233' },
    namespace: config.namespace ?? 'default',
  };
}

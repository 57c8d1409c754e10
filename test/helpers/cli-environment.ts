/**
 * The CLI reads everything from the environment, as on a developer's machine. End-to-end tests point
 * it at their own servers: thidua's settings (every other THIDUA_ setting back to its default) and
 * the Temporal connection through envconfig (no profile file, no other TEMPORAL_ variable).
 */
import path from 'node:path';
import { SETTINGS_DOC } from '../../config/settings';

export interface CliEnvironment {
  /** Puts back every variable as it was before. */
  restore(): void;
}

export function setCliEnvironment(opts: {
  thidua: Record<string, string>;
  temporalAddress: string;
  namespace: string;
  /** A folder of the test's: the (missing) Temporal profile file is looked for there. */
  dataDir: string;
}): CliEnvironment {
  const saved = new Map<string, string | undefined>();
  const set = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  set(Object.fromEntries(SETTINGS_DOC.map((s) => [s.env, opts.thidua[s.env]])));
  set(Object.fromEntries(Object.keys(process.env).flatMap((k) => (k.startsWith('TEMPORAL_') ? [[k, undefined]] : []))));
  set({
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_NAMESPACE: opts.namespace,
    TEMPORAL_CONFIG_FILE: path.join(opts.dataDir, 'no-temporal-profile.toml'),
  });
  return {
    restore() {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}

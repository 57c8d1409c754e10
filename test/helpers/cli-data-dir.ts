/**
 * A CLI test's own data folder: each test gets an empty THIDUA_DATA_DIR and the CLI's default
 * language (THIDUA_LANG unset); both come back as they were after it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliError } from '../../client/connect';

/** Registers the folder's set-up and clean-up; returns the current test's folder. */
export function useCliDataDir(prefix: string): () => string {
  const saved = { THIDUA_DATA_DIR: process.env.THIDUA_DATA_DIR, THIDUA_LANG: process.env.THIDUA_LANG };
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `thidua-${prefix}-`));
    process.env.THIDUA_DATA_DIR = dir;
    delete process.env.THIDUA_LANG;
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  return () => dir;
}

/** The error a command failed with, or undefined when it succeeded. */
export const cliFailure = (p: Promise<number>): Promise<CliError | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => e as CliError,
  );

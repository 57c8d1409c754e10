/** Temporal test environments on the real servers installed by `scripts/tools.ts`, on free ports. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionPlugin } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { thiduaDataConverter } from '../../config/data-converter';
import { DEFAULT_CLAIM_CHECK_BYTES } from '../../config/settings';
import { retryUntilClosing } from '../../config/temporal-connection';
import { SEARCH_ATTRIBUTES } from '../../domain/search-attributes';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/bundler-options';
import { ensureTools } from '../../scripts/tools';

let payloadsDataDir: string | undefined;
/**
 * The product's data converter for the tests' clients and workers, its claim-checked payloads in a
 * data folder of this test file's own (content-addressed: the tests of a file can share it);
 * `claimCheckBytes` lowers the threshold for a test that measures with every big payload a reference.
 */
export function testDataConverter(claimCheckBytes = DEFAULT_CLAIM_CHECK_BYTES): DataConverter {
  if (!payloadsDataDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-payloads-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    payloadsDataDir = dir;
  }
  return thiduaDataConverter({ dataDir: payloadsDataDir, claimCheckBytes });
}

/** The folder of the test file's claim-checked payloads (`<dataDir>/payloads`). */
export const testPayloadsDataDir = (): string | undefined => payloadsDataDir;

export async function timeSkippingEnv(
  dataConverter: DataConverter = testDataConverter(),
): Promise<TestWorkflowEnvironment> {
  const executable = process.env.THIDUA_TEST_SERVER ?? ensureTools().testServer;
  const env = await closingAfterRetries((plugins) =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: executable } },
      client: { dataConverter },
      plugins,
    }),
  );
  dataConverters.set(env, dataConverter);
  // The Java test server knows only the default search attributes: register thidua's.
  const indexedType: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
    KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
    DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
    BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  };
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((k) => [k.name, indexedType[k.type]])),
  });
  return env;
}

const dataConverters = new WeakMap<TestWorkflowEnvironment, DataConverter>();
/** The data converter of an environment's client: its workers must use the same one. */
export const dataConverterOf = (env: TestWorkflowEnvironment): DataConverter =>
  dataConverters.get(env) ?? testDataConverter();

export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.THIDUA_TEMPORAL_CLI ?? ensureTools().temporalCli;
  return closingAfterRetries((plugins) =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path },
        searchAttributes: [...SEARCH_ATTRIBUTES],
        ip: '127.0.0.1',
      },
      plugins,
    }),
  );
}

/**
 * The environment's own client connection (`env.client`) retried and closed as thidua's
 * (`config/temporal-connection.ts`): `teardown` first waits for the retry timers already set. The
 * SDK's teardown closes it at once, and a retry timer firing after it threw "Channel has been shut
 * down" from the timer (the time-skipping server answers concurrent unlocks of time skipping with
 * UNKNOWN, which the SDK retries).
 */
async function closingAfterRetries(
  create: (plugins: ConnectionPlugin[]) => Promise<TestWorkflowEnvironment>,
): Promise<TestWorkflowEnvironment> {
  const retry = retryUntilClosing();
  const env = await create([
    {
      name: 'thidua-closing-after-retries',
      configureConnection: (options) => ({
        ...options,
        interceptors: [...retry.interceptors, ...(options.interceptors ?? [])],
      }),
    },
  ]);
  const teardown = env.teardown.bind(env);
  env.teardown = async () => {
    await retry.drain();
    await teardown();
  };
  return env;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundles the workflows once per test file. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  // Built as the worker builds it: the same modules preloaded and shared between workflows.
  bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: quietLogger,
    ...WORKFLOW_BUNDLER_OPTIONS,
  });
  return bundle;
}

/** Bundler logger that keeps warnings and errors only. */
export const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};

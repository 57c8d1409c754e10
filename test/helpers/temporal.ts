/** Temporal test environments on the real servers installed by `scripts/tools.ts`, on free ports. */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { SEARCH_ATTRIBUTES } from '../../domain/search-attributes';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/bundler-options';
import { ensureTools } from '../../scripts/tools';

export async function timeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.THIDUA_TEST_SERVER ?? ensureTools().testServer;
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path } },
  });
  // The Java test server knows only the default search attributes: register thidua's.
  const indexedType: Record<string, temporal.api.enums.v1.IndexedValueType> = {
    KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
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

export async function devServerEnv(): Promise<TestWorkflowEnvironment> {
  const path = process.env.THIDUA_TEMPORAL_CLI ?? ensureTools().temporalCli;
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path },
      searchAttributes: [...SEARCH_ATTRIBUTES],
      ip: '127.0.0.1',
    },
  });
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

/**
 * What the workflow bundle holds decides what each cached workflow costs the worker: with the reused
 * V8 context every module of the bundle is evaluated again for each workflow, but the preloaded ones
 * (issue 17, `scripts/bench/cache-memory.ts`: 1,520 KiB of heap per cached unit with zod's schemas
 * in the bundle, 128 KiB without them and with luxon and the domain modules shared).
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../../worker/bundler-options';
import { quietLogger } from '../../helpers/temporal';

let code: string;
beforeAll(async () => {
  ({ code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../../workflows'),
    logger: quietLogger,
    ...WORKFLOW_BUNDLER_OPTIONS,
  }));
});

/** The bundle's modules, by path (webpack marks each one `/***\/ "./path":`). */
const modules = () => [...code.matchAll(/^\/\*{3}\/ "([^"]+)"/gm)].map((m) => m[1]);

test('no validation schema (zod) is in the workflow bundle: a workflow only reads checked inputs', () => {
  const schemaModules = modules().filter((m) => m.includes('/zod/') || m.includes('campaign-schema.ts'));
  // A value imported from domain/campaign-schema.ts (not a type) brings every schema back.
  expect(schemaModules).toEqual([]);
  expect(modules()).toContain('./domain/campaign-schema/plan-kinds.ts');
});

test('luxon and the domain modules are loaded once per sandbox, before any workflow', () => {
  const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
  expect(preload).toContain('"./worker/workflow-preload.ts"');
  expect(modules()).toEqual(
    expect.arrayContaining(['./worker/workflow-preload.ts', './node_modules/luxon/build/es6/luxon.mjs']),
  );
  // Each module once: the workflows' imports of luxon resolve to the very module preloaded.
  expect(modules().filter((m) => m.includes('/luxon/'))).toHaveLength(1);
});

test("the sandbox's stack depth is set before the shared modules and before any workflow (deadline burst)", () => {
  const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(code)?.[1] ?? '';
  const limit = preload.indexOf('"./worker/workflow-stack-limit.ts"');
  expect(limit).toBeGreaterThanOrEqual(0);
  expect(limit).toBeLessThan(preload.indexOf('"./worker/workflow-preload.ts"'));
});

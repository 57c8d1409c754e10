/**
 * How the workflow bundle is built: by the worker (`create-worker.ts`), the bench and the tests' bundle;
 * a bundle built ahead for `THIDUA_WORKFLOW_BUNDLE` should be built with them too (without them it
 * works the same, at ~100 KiB more per cached unit). The pure modules of `workflow-preload.ts` are
 * loaded once and shared by the cached workflows instead of once each (issue 17); `workflow-stack-limit.ts`
 * shortens the stacks the SDK captures for each workflow promise (issue 17, the deadline burst).
 */
export const WORKFLOW_BUNDLER_OPTIONS = {
  preloadModules: [require.resolve('./workflow-stack-limit'), require.resolve('./workflow-preload')],
};

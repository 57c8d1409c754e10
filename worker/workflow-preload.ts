/**
 * Modules loaded once per workflow sandbox, before any workflow, and shared by every workflow the
 * worker caches (`preloadModules` of the workflow bundle: `WORKFLOW_BUNDLER_OPTIONS` in
 * `create-worker.ts`). Otherwise the SDK's reused V8 context evaluates each module again for each
 * workflow (issue 17, `scripts/bench/cache-memory.ts`: luxon ~70 KiB, these domain modules ~30 KiB
 * per cached unit).
 *
 * Only modules without state of their own belong here: no module-level `let`, cache or registry
 * that a workflow could change, since it would be seen by every other workflow of the worker. The
 * SDK freezes what they export (a workflow that mutated an exported table would fail loudly, not
 * leak). luxon qualifies: its module-level caches only memoize Intl formatters and zones by their
 * arguments, and the workflows never touch its `Settings`. Re-exports, not bare `import 'luxon'`:
 * luxon declares `sideEffects: false`, so webpack drops an import whose exports go unused.
 */
export * as luxon from 'luxon';
export * as awardTypes from '../domain/award-types';
export * as awardVote from '../domain/award-vote';
export * as conferenceMessages from '../domain/conference-messages';
export * as conferenceRules from '../domain/conference-rules';
export * as conferenceTypes from '../domain/conference-types';
export * as datePhrases from '../domain/date-phrases';
export * as deliverableRules from '../domain/deliverable-rules';
export * as messages from '../domain/messages';
export * as planDocument from '../domain/plan-document';
export * as planKinds from '../domain/campaign-schema/plan-kinds';
export * as searchAttributes from '../domain/search-attributes';
export * as submissionRules from '../domain/submission-rules';
export * as synthesisTypes from '../domain/synthesis-types';
export * as workflowTypes from '../domain/workflow-types';

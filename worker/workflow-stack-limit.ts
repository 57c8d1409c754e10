/**
 * The depth of the stacks V8 captures in the workflow sandbox (`preloadModules`: it runs once, before
 * the SDK freezes the sandbox's globals). The SDK's promise hook captures a stack for every promise a
 * workflow creates (for the `__stack_trace` query) and maps each frame through the bundle's source
 * map: in the deadline burst of 300 units that was a third of the workflow thread's time at V8's
 * default of 10 frames (issue 17, `npm run bench -- --cpu-profile`). Two of the frames are the
 * hook's own, so a promise keeps the two workflow frames that created it, and an error thrown in a
 * workflow its four innermost frames. No effect on what a workflow does or records.
 */
export const WORKFLOW_STACK_TRACE_LIMIT = 4;
Error.stackTraceLimit = WORKFLOW_STACK_TRACE_LIMIT;

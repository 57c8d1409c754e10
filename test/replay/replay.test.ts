/**
 * Replay of saved histories (test/replay/histories) against the current workflow code: a change that
 * alters the commands of a running workflow must be guarded by `patched()`, or these fail. The
 * negative tests prove that such a change is caught, and that the `patched()` guard lets it through.
 */
import {
  bundleWorkflowCode,
  DefaultLogger,
  Runtime,
  Worker,
  type ReplayResult,
  type WorkflowBundle,
} from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DeterminismViolationError } from '@temporalio/workflow';
import fs from 'node:fs';
import path from 'node:path';
import * as workflows from '../../workflows';
import { EXPORTED_DIR, loadHistory, savedHistoryNames, workflowTypeOf } from '../helpers/histories';
import { quietLogger, workflowBundle } from '../helpers/temporal';

// Replay workers log their start and stop at INFO: only warnings and errors here.
Runtime.install({ logger: new DefaultLogger('WARN') });

const names = savedHistoryNames();
// Histories do not carry their own workflow id: the replay worker gets one made from the file name.
const replayId = (name: string) => `replay/${name}`;

test('the saved histories cover the campaign, a batch and units, and every registered workflow type', () => {
  expect(names).toEqual(
    expect.arrayContaining([
      'campaign-vinh-phuc',
      'batch-vinh-phuc-0',
      'unit-extended',
      'unit-standalone-extended-late',
    ]),
  );
  const types = new Set(names.map((n) => workflowTypeOf(loadHistory(n))));
  // A workflow type without a saved history is not checked here: save one (see README.md).
  expect(Object.keys(workflows).filter((t) => !types.has(t))).toEqual([]);
  // A history whose workflow type is no longer registered cannot replay.
  expect([...types].filter((t) => !t || !(t in workflows))).toEqual([]);
});

describe('every saved history replays on the current workflow code', () => {
  let results: Map<string, ReplayResult>;
  beforeAll(async () => {
    results = new Map();
    const replay = Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), replayName: 'thidua-replay' },
      names.map((name) => ({ workflowId: replayId(name), history: loadHistory(name) })),
    );
    for await (const result of replay) results.set(result.workflowId, result);
  });

  test.each(names)('%s', (name) => {
    const result = results.get(replayId(name));
    expect(result).toBeDefined();
    expect(result?.error).toBeUndefined();
  });
});

describe('histories exported from the Temporal CLI or Web UI replay with the same tooling', () => {
  const exported = fs.existsSync(EXPORTED_DIR) ? fs.readdirSync(EXPORTED_DIR).filter((f) => f.endsWith('.json')) : [];

  test('there are exported histories of a campaign and a unit', () => {
    expect(exported.sort()).toEqual(['campaign-rehearsed.json', 'unit-rehearsed-submitted.json']);
  });

  test.each(exported)('%s', async (file) => {
    // historyFromJSON reads the canonical proto JSON (enum names, RFC 3339 times); it needs a single
    // copy of protobufjs 8 in node_modules (package.json pins it so npm dedupes the SDK's copies).
    const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(EXPORTED_DIR, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), replayName: 'thidua-replay-exported' },
        history,
        replayId(`exported/${file}`),
      ),
    ).resolves.toBeUndefined();
  });
});

describe('a change to the commands of a running workflow', () => {
  const bundle = (file: string): Promise<WorkflowBundle> =>
    bundleWorkflowCode({ workflowsPath: require.resolve(file), logger: quietLogger });
  const history = () => {
    const h = loadHistory('unit-extended');
    expect(workflowTypeOf(h)).toBe('unitReviewWorkflow');
    return h;
  };

  test('is caught as a determinism violation when unguarded (a new timer before the first act)', async () => {
    const replay = Worker.runReplayHistory(
      { workflowBundle: await bundle('./changed/unguarded-timer'), replayName: 'thidua-replay-unguarded' },
      history(),
      replayId('unit-extended'),
    );
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
    await expect(replay).rejects.toMatchObject({
      name: 'DeterminismViolationError',
      message: expect.stringMatching(
        /^Replay failed with a nondeterminism error\..*\[TMPRL1100\] Nondeterminism error: Timer machine does not handle this event/s,
      ),
    });
  });

  test('replays when guarded by patched()', async () => {
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await bundle('./changed/patched-timer'), replayName: 'thidua-replay-patched' },
        history(),
        replayId('unit-extended'),
      ),
    ).resolves.toBeUndefined();
  });
});

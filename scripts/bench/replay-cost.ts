/**
 * What an evicted unit costs when its next task comes: the worker replays its whole history in a new
 * workflow (the bundle's modules evaluated again, every activation re-run). Timed on saved unit
 * histories (`test/replay/histories`), replayed many times on one replay worker; the fetch of the
 * history from the server, which a real eviction adds, is not counted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '../../worker/bundler-options';
import { figure, n } from './report';

const HISTORIES = path.join(__dirname, '..', '..', 'test', 'replay', 'histories');
/** A normal unit's self-review (plan, reminders, submission, lock), and a long one (two deadlines, an extension). */
export const REPLAY_SAMPLES = ['unit-submitted-local-effects', 'unit-two-deadlines'];

const silent = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined };
const quiet = { ...silent, warn: () => undefined, error: (m: string) => console.error(m) };

function load(name: string): temporal.api.history.v1.History {
  const json: unknown = JSON.parse(fs.readFileSync(path.join(HISTORIES, `${name}.json`), 'utf8'));
  return temporal.api.history.v1.History.fromObject(json as Record<string, unknown>);
}

/** Milliseconds per replay of each sample history, `times` replays each (after a warm-up of 20). */
export async function replayCost(times: number, preload: boolean): Promise<Record<string, number>> {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: quiet,
    ...(preload ? WORKFLOW_BUNDLER_OPTIONS : {}),
  });
  const result: Record<string, number> = {};
  for (const name of REPLAY_SAMPLES) {
    const history = load(name);
    const events = history.events?.length ?? 0;
    const run = async (count: number, tag: string) => {
      const histories = Array.from({ length: count }, (_, i) => ({
        workflowId: `replay/${tag}/${name}/${i}`,
        history,
      }));
      const start = performance.now();
      for await (const r of Worker.runReplayHistories({ workflowBundle, replayName: 'cache-memory' }, histories)) {
        if (r.error) throw new Error(`replay of ${name} failed: ${r.error.message}`);
      }
      return performance.now() - start;
    };
    await run(20, 'warm-up');
    const ms = (await run(times, 'timed')) / times;
    result[name] = ms;
    figure(`replay of ${name} (${events} events)`, `${ms.toFixed(1)} ms per history (mean of ${n(times)})`);
  }
  return result;
}

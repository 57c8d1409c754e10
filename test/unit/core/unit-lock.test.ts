/** The lock's one activity: files, notice, word to the batch, in that order; the notice never holds the rest. */
import { unitLockActivities, type LockUnitPhaseInput } from '../../../activities/unit-lock';
import type { UnitMessageInput } from '../../../domain/workflow-types';

const input: LockUnitPhaseInput = {
  lock: { campaignId: 'c', unitId: 'u', phase: 'self-review', files: ['a'.repeat(64)], lockedBy: 'thidua' },
  notice: { campaignId: 'c', unitId: 'u', kind: 'phase-locked', key: 'c/u/lock/self-review' } as UnitMessageInput,
  batch: { batchWorkflowId: 'campaign/c/batch/0', locked: { unitId: 'u', status: 'submitted' } },
};

function parts(send: () => Promise<never> | Promise<{ sent: boolean; messageId: string; recipients: string[] }>) {
  const calls: string[] = [];
  return {
    calls,
    parts: {
      lockUnitReports: async () => void calls.push('lock'),
      sendUnitMessage: async () => {
        calls.push('notice');
        return send();
      },
      tellBatchLocked: async () => void calls.push('batch'),
    },
  };
}

test('locks, sends the notice, tells the batch, in that order, and returns the notice result', async () => {
  const { calls, parts: p } = parts(async () => ({ sent: true, messageId: 'm', recipients: ['x@example.vn'] }));
  await expect(unitLockActivities(p).lockUnitPhase(input)).resolves.toEqual({
    notice: { result: { sent: true, messageId: 'm', recipients: ['x@example.vn'] } },
  });
  expect(calls).toEqual(['lock', 'notice', 'batch']);
});

test('a notice that fails is returned as an error: the files are locked and the batch told all the same', async () => {
  const { calls, parts: p } = parts(() => Promise.reject(new Error('421 4.3.2 Service not available')));
  await expect(unitLockActivities(p).lockUnitPhase(input)).resolves.toEqual({
    notice: { error: '421 4.3.2 Service not available' },
  });
  expect(calls).toEqual(['lock', 'notice', 'batch']);
});

test('a lock that fails fails the attempt before any notice; a unit without a batch tells none', async () => {
  const { calls, parts: p } = parts(async () => ({ sent: true, messageId: 'm', recipients: [] }));
  const failing = { ...p, lockUnitReports: () => Promise.reject(new Error('disk full')) };
  await expect(unitLockActivities(failing).lockUnitPhase(input)).rejects.toThrow('disk full');
  expect(calls).toEqual([]);
  await unitLockActivities(p).lockUnitPhase({ ...input, batch: undefined });
  expect(calls).toEqual(['lock', 'notice']);
});

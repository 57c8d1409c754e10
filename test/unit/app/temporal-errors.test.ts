/** Temporal failures are classified once (app/temporal-errors.ts): each gRPC status or SDK failure → one code. */
import { AppError, asAppError, classifyTemporalFailure } from '../../../app/temporal-errors';

const named = (name: string, message = name, extra: object = {}) =>
  Object.assign(new Error(message), { name, ...extra });
const grpc = (code: number, message: string) =>
  Object.assign(new Error(`Failed: ${message}`), { name: 'ServiceError', cause: { code, message } });

const table = [
  ['an update validator refused (WorkflowUpdateFailedError)', named('WorkflowUpdateFailedError'), 'refused'],
  ['no such workflow (WorkflowNotFoundError)', named('WorkflowNotFoundError'), 'not-found'],
  ['gRPC NOT_FOUND', grpc(5, 'workflow not found for ID: campaign/x'), 'not-found'],
  [
    'an update to a closed workflow (NOT_FOUND "workflow execution already completed")',
    named('WorkflowNotFoundError', 'workflow execution already completed'),
    'already-completed',
  ],
  ['the same as a bare gRPC error', grpc(5, 'workflow execution already completed'), 'already-completed'],
  [
    'FAILED_PRECONDITION "no poller seen" (worker gone > ~30 s)',
    grpc(9, 'no poller seen for task queue recently'),
    'no-worker',
  ],
  ['DEADLINE_EXCEEDED on the cause', grpc(4, 'Deadline exceeded after 10.001s'), 'timed-out'],
  ['DEADLINE_EXCEEDED on the error', Object.assign(new Error('x'), { code: 4 }), 'timed-out'],
  ['the SDK’s update timeout', named('WorkflowUpdateRPCTimeoutOrCancelledError'), 'timed-out'],
  ['UNAVAILABLE (server down)', grpc(14, 'No connection established'), 'unavailable'],
] as const;

test.each(table.map(([what, err, code]) => [`${what} → ${code}`, err, code] as const))('%s', (_title, err, code) => {
  expect(classifyTemporalFailure(err)).toBe(code);
});

test('anything else is not a Temporal failure: FAILED_PRECONDITION for another reason, a programming error', () => {
  expect(classifyTemporalFailure(grpc(9, 'namespace is not active'))).toBeUndefined();
  expect(classifyTemporalFailure(new TypeError('x is undefined'))).toBeUndefined();
  expect(asAppError(new TypeError('x'), {})).toBeInstanceOf(TypeError);
});

test('a bare gRPC failure counts as timed out only once the whole deadline has passed', () => {
  const err = grpc(1, 'Call cancelled');
  expect(classifyTemporalFailure(err, { startedAt: Date.now(), deadlineMs: 10_000 })).toBeUndefined();
  expect(classifyTemporalFailure(err, { startedAt: Date.now() - 10_000, deadlineMs: 10_000 })).toBe('timed-out');
});

test('asAppError keeps the validator’s words and the facts; only an unanswered update may still change something', () => {
  const refused = asAppError(
    named('WorkflowUpdateFailedError', 'Update failed', { cause: new Error('Đơn vị đã nộp báo cáo: không cần nhắc.') }),
    { operation: 'remind', update: true },
  ) as AppError;
  expect(refused).toBeInstanceOf(AppError);
  expect(refused.code).toBe('refused');
  expect(refused.facts).toMatchObject({ operation: 'remind', refusal: 'Đơn vị đã nộp báo cáo: không cần nhắc.' });
  expect(refused.nothingChanged).toBe(true);
  expect(new AppError('timed-out', { update: true }).nothingChanged).toBe(false);
  expect(new AppError('timed-out', { update: false }).nothingChanged).toBe(true);
  // Refused by the worker check before sending: nothing changed, whatever the code.
  expect(new AppError('no-worker', { update: true, sent: false }).nothingChanged).toBe(true);
  // Sent, then the server said no poller (the worker went away meanwhile): it may still apply.
  expect(new AppError('no-worker', { update: true }).nothingChanged).toBe(false);
  expect(new AppError('unavailable', { update: true }).nothingChanged).toBe(false);
  for (const code of ['refused', 'not-found', 'already-completed'] as const) {
    expect(new AppError(code, { update: true }).nothingChanged).toBe(true);
  }
});

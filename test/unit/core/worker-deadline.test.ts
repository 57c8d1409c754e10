/** When a failed call means "no worker answered in time" (the CLI, the portal and the dashboard say so). */
import { noWorkerAnswered } from '../../../app/temporal-errors';

const serviceError = (cause: { code: number; message: string }) =>
  Object.assign(new Error('Failed to query Workflow'), { name: 'ServiceError', cause });

test('DEADLINE_EXCEEDED on the error or its cause, whenever it came', () => {
  const now = Date.now();
  expect(noWorkerAnswered(Object.assign(new Error('x'), { code: 4 }), now, 10_000)).toBe(true);
  expect(noWorkerAnswered(serviceError({ code: 4, message: 'Deadline exceeded after 10.001s' }), now, 10_000)).toBe(
    true,
  );
});

test('another gRPC status counts only once the whole deadline has passed', () => {
  const err = serviceError({ code: 1, message: 'Call cancelled' });
  expect(noWorkerAnswered(err, Date.now(), 10_000)).toBe(false); // failed at once: a real error, shown as is
  expect(noWorkerAnswered(err, Date.now() - 10_000, 10_000)).toBe(true);
});

test('a refusal, a missing workflow or a programming error is never "no worker"', () => {
  const long = Date.now() - 60_000;
  expect(noWorkerAnswered(Object.assign(new Error('refused'), { name: 'WorkflowUpdateFailedError' }), long, 10)).toBe(
    false,
  );
  expect(noWorkerAnswered(Object.assign(new Error('gone'), { name: 'WorkflowNotFoundError' }), long, 10)).toBe(false);
  expect(noWorkerAnswered(new TypeError('x is undefined'), long, 10)).toBe(false);
});

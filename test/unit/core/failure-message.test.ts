/**
 * The message a campaign records for a failed later phase (issue 17): the child's own refusal from
 * the depth of the cause chain the SDK builds, not Temporal's wrapper; a terminated or timed-out
 * child said so in Vietnamese.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  RetryState,
  TerminatedFailure,
  TimeoutFailure,
  TimeoutType,
} from '@temporalio/common';
import { failureMessage } from '../../../workflows/failure-message';

const child = (cause: Error) =>
  new ChildWorkflowFailure(
    'default',
    { workflowId: 'c/awards', runId: 'r' },
    'awardsWorkflow',
    RetryState.NON_RETRYABLE_FAILURE,
    cause,
  );

test('a child that failed on an activity refusal: the refusal, not "Child Workflow execution failed"', () => {
  const refusal = ApplicationFailure.nonRetryable('Các đơn vị gửi 612 hồ sơ đề nghị khen thưởng', 'TooManyNominations');
  const err = child(
    new ActivityFailure(
      'Activity task failed',
      'gatherAwardNominations',
      '1',
      RetryState.NON_RETRYABLE_FAILURE,
      'w',
      refusal,
    ),
  );
  expect(err.message).toBe('Child Workflow execution failed');
  expect(failureMessage(err)).toBe('Các đơn vị gửi 612 hồ sơ đề nghị khen thưởng');
});

test('a child that threw its own ApplicationFailure: its message', () => {
  expect(failureMessage(child(ApplicationFailure.create({ message: 'Không có Hội đồng' })))).toBe('Không có Hội đồng');
});

test('a terminated or timed-out child: said so in Vietnamese', () => {
  expect(failureMessage(child(new TerminatedFailure('Terminated')))).toMatch(/bị người vận hành dừng/);
  expect(failureMessage(child(new TimeoutFailure('Timed out', undefined, TimeoutType.START_TO_CLOSE)))).toMatch(
    /quá thời gian chạy/,
  );
});

test('anything else: its own message', () => {
  expect(failureMessage(new Error('boom'))).toBe('boom');
  expect(failureMessage('text')).toBe('text');
});

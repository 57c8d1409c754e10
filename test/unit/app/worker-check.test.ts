/**
 * Issue 16 (a): with no worker polling, an update is not sent at all, so "nothing was changed" is
 * true; one sent and not answered in time is reported as queued. Each surface words it: the CLI in
 * Vietnamese (default) or English, the portal and the dashboard in Vietnamese.
 */
import type { Client } from '@temporalio/client';
import { POLLER_FRESH_MS, withUpdate, type AppContext } from '../../../app/context';
import { AppError } from '../../../app/temporal-errors';
import { cliLang, cliMessage, toCliError } from '../../../client/messages';
import { CliError } from '../../../client/connect';
import type { Settings } from '../../../config/settings';
import { staffMessage, unitMessage } from '../../../portal/messages';

/** A Temporal client that knows one running workflow and the pollers of its task queue. */
function fakeContext(opts: { pollers: number[]; status?: string; missing?: boolean }) {
  const describeTaskQueue = jest.fn(async () => ({
    pollers: opts.pollers.map((at) => ({
      lastAccessTime: { seconds: Math.floor(at / 1000), nanos: (at % 1000) * 1e6 },
    })),
  }));
  const client = {
    options: { namespace: 'default' },
    workflowService: { describeTaskQueue },
    workflow: {
      getHandle: () => ({
        describe: async () => {
          if (opts.missing) throw Object.assign(new Error('workflow not found'), { name: 'WorkflowNotFoundError' });
          return { status: { name: opts.status ?? 'RUNNING' }, taskQueue: 'thidua-units' };
        },
      }),
    },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
  } as unknown as Client;
  const ctx: AppContext = { client, settings: { taskQueue: 'thidua' } as Settings, workerDeadlineMs: 10_000 };
  return { ctx, describeTaskQueue };
}

test('no worker polls the workflow’s task queue: the update is refused before it is sent', async () => {
  const { ctx, describeTaskQueue } = fakeContext({ pollers: [] });
  const send = jest.fn(async () => 'sent');
  const err = await withUpdate(ctx, 'cancel', 'campaign/x', send).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('no-worker');
  expect((err as AppError).facts.taskQueue).toBe('thidua-units'); // the workflow's own queue, from describe
  expect((err as AppError).nothingChanged).toBe(true);
  expect(send).not.toHaveBeenCalled();
  expect(describeTaskQueue).toHaveBeenCalledWith(
    expect.objectContaining({ namespace: 'default', taskQueue: expect.objectContaining({ name: 'thidua-units' }) }),
  );
});

test('a worker that stopped polling long ago counts as none; one that polled recently lets the update through', async () => {
  const stale = fakeContext({ pollers: [Date.now() - POLLER_FRESH_MS - 5_000] });
  await expect(withUpdate(stale.ctx, 'remind', 'unit/x/y', async () => 1)).rejects.toMatchObject({ code: 'no-worker' });
  const fresh = fakeContext({ pollers: [Date.now() - 2_000] });
  await expect(withUpdate(fresh.ctx, 'remind', 'unit/x/y', async () => 1)).resolves.toBe(1);
});

test('a closed or unknown workflow is refused before sending too', async () => {
  const closed = fakeContext({ pollers: [Date.now()], status: 'COMPLETED' });
  await expect(withUpdate(closed.ctx, 'extend', 'campaign/x', async () => 1)).rejects.toMatchObject({
    code: 'already-completed',
  });
  const missing = fakeContext({ pollers: [Date.now()], missing: true });
  await expect(withUpdate(missing.ctx, 'extend', 'campaign/x', async () => 1)).rejects.toMatchObject({
    code: 'not-found',
  });
});

test('sent, then no answer within the deadline: timed out, and the change may still apply', async () => {
  const { ctx } = fakeContext({ pollers: [Date.now()] });
  const err = (await withUpdate(ctx, 'cancel', 'campaign/x', async () => {
    throw Object.assign(new Error('Deadline exceeded'), { code: 4 });
  }).catch((e: unknown) => e)) as AppError;
  expect(err.code).toBe('timed-out');
  expect(err.facts.update).toBe(true);
  expect(err.nothingChanged).toBe(false);
});

describe('wording', () => {
  const noWorker = new AppError('no-worker', { operation: 'cancel', update: true, sent: false, taskQueue: 'thidua' });
  const queued = new AppError('timed-out', { operation: 'cancel', update: true, seconds: 10, taskQueue: 'thidua' });

  test('the CLI: Vietnamese by default, English with --lang en or THIDUA_LANG=en', () => {
    expect(cliLang({}, {})).toBe('vi');
    expect(cliLang({ lang: 'en' }, {})).toBe('en');
    expect(cliLang({}, { THIDUA_LANG: 'en' })).toBe('en');
    expect(cliLang({ lang: 'vi' }, { THIDUA_LANG: 'en' })).toBe('vi'); // the option wins
    expect(() => cliLang({ lang: 'fr' }, {})).toThrow(CliError);

    const vi = toCliError(noWorker, cliLang({}, {})) as CliError;
    const en = toCliError(noWorker, cliLang({ lang: 'en' }, {})) as CliError;
    expect(vi).toBeInstanceOf(CliError);
    expect(vi.message).toBe(
      'hủy đợt: không có worker nào nhận việc trên hàng đợi "thidua" (`npm run dev` hoặc `npm run worker`). ' +
        'Yêu cầu chưa được gửi; không có gì thay đổi.',
    );
    expect(en.message).toBe(
      'cancelling the campaign: no worker is polling task queue "thidua" (`npm run dev` or `npm run worker`). ' +
        'Nothing was sent; nothing was changed.',
    );
    expect(vi.cause).toBe(noWorker);
  });

  test('an update that may still apply is never "nothing changed", on any surface', () => {
    const en = cliMessage(queued, 'en');
    expect(en).toContain('The change was sent and is queued');
    expect(en).not.toMatch(/nothing was changed/i);
    const vi = cliMessage(queued, 'vi');
    expect(vi).toContain('Yêu cầu đã được gửi và đang chờ');
    expect(vi).not.toContain('không có gì thay đổi');
    expect(staffMessage(queued)).toContain('Yêu cầu đã được gửi và đang chờ');
    expect(staffMessage(queued)).not.toContain('không có gì thay đổi');
    expect(unitMessage(queued, 'Asia/Ho_Chi_Minh')).toContain('hồ sơ có thể chưa được ghi nhận');
    // The server's "no poller seen" after the update was sent: queued too, not "nothing changed".
    const goneAfterSending = new AppError('no-worker', { operation: 'remind', update: true });
    expect(cliMessage(goneAfterSending, 'en')).toContain('The change was sent and is queued');
    expect(cliMessage(goneAfterSending, 'vi')).not.toContain('không có gì thay đổi');
  });

  test('the portal and the dashboard speak Vietnamese only', () => {
    for (const err of [
      noWorker,
      queued,
      new AppError('timed-out', { operation: 'read-campaign', seconds: 10 }),
      new AppError('unavailable', {}),
      new AppError('already-completed', { operation: 'remind', unitId: 'so-y-te' }),
      new AppError('not-found', { campaignId: 'kh-67' }),
      new AppError('invalid', { input: 'extension-needs-reason' }),
    ]) {
      for (const text of [staffMessage(err), unitMessage(err, 'Asia/Ho_Chi_Minh')]) {
        expect(text).not.toMatch(/\b(no worker|nothing|refused|not found|reading the|answered|cancelling)\b/i);
      }
    }
  });
});

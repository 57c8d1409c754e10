/**
 * The sweep's pieces on their own: the mark finds a reference wherever a history event carries a
 * payload (a marker's details, a failure's details deep in a cause, a header, a memo, a search
 * attribute, an update's result), events decoded from the wire as the server sends them; a run
 * deleted since the listing is skipped; a bad reference stops the mark. The real server run is
 * `test/e2e/payloads-sweep.test.ts`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { CLAIM_CHECK_ENCODING } from '../../../config/claim-check';
import { collect, MarkError, type MarkService } from '../../../config/claim-check-mark';
import { DEFAULT_MARK_CONCURRENCY, remove, sweepPayloads } from '../../../config/claim-check-sweep';
import { parseConcurrency, parseGrace } from '../../../client/commands/payloads';
import { texts } from '../../../client/texts';

const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const ref = (s: string) => ({
  metadata: { encoding: Buffer.from(CLAIM_CHECK_ENCODING) },
  data: Buffer.from(JSON.stringify({ sha256: sha(s), size: 2000 })),
});
const plain = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"nhỏ"') };
const { HistoryEvent, History } = temporal.api.history.v1;

/** Events through the wire format: what the gRPC client hands the mark. */
const wire = (events: temporal.api.history.v1.IHistoryEvent[]) =>
  History.decode(History.encode({ events: events.map((e) => HistoryEvent.fromObject(e)) }).finish());

test('the mark finds references in every kind of event field, and only those', () => {
  const history = wire([
    {
      workflowExecutionStartedEventAttributes: {
        input: { payloads: [ref('input'), plain] },
        header: { fields: { tracing: ref('header') } },
        memo: { fields: { note: ref('memo') } },
        searchAttributes: { indexedFields: { CampaignId: plain } },
      },
    },
    {
      markerRecordedEventAttributes: { markerName: 'patch', details: { data: { payloads: [ref('marker')] } } },
    },
    {
      activityTaskFailedEventAttributes: {
        failure: {
          message: 'lỗi',
          cause: { applicationFailureInfo: { details: { payloads: [ref('failure-cause-details')] } } },
        },
      },
    },
    {
      workflowExecutionUpdateCompletedEventAttributes: {
        outcome: { success: { payloads: [ref('update-result')] } },
      },
    },
    {
      upsertWorkflowSearchAttributesEventAttributes: { searchAttributes: { indexedFields: { X: ref('sa') } } },
    },
  ]);
  const found = new Set<string>();
  collect(history, found, { namespace: 'default', workflowId: 'w' });
  expect([...found].sort()).toEqual(
    ['input', 'header', 'memo', 'marker', 'failure-cause-details', 'update-result', 'sa'].map(sha).sort(),
  );
});

test('a malformed reference stops the mark, naming the workflow', () => {
  const bad = wire([
    {
      workflowExecutionSignaledEventAttributes: {
        input: { payloads: [{ metadata: { encoding: Buffer.from(CLAIM_CHECK_ENCODING) }, data: Buffer.from('{}') }] },
      },
    },
  ]);
  expect(() => collect(bad, new Set(), { namespace: 'default', workflowId: 'dot-2026' })).toThrow(MarkError);
  expect(() => collect(bad, new Set(), { namespace: 'default', workflowId: 'dot-2026' })).toThrow(
    /^tham chiếu dữ liệu lớn không đọc được trong workflow dot-2026: Tham chiếu dữ liệu lớn/,
  );
});

describe('the files', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sweep-unit-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const put = (name: string, ageMs: number) => {
    const file = path.join(dir, name.slice(0, 2), name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'x'.repeat(100));
    const at = new Date(Date.now() - ageMs);
    fs.utimesSync(file, at, at);
    return file;
  };
  /** One run listed; its history is gone (NOT_FOUND) by the time it is read, or holds `held`. */
  const service = (history: 'gone' | string[]): MarkService =>
    ({
      listWorkflowExecutions: async () => ({ executions: [{ execution: { workflowId: 'w', runId: 'r' }, status: 2 }] }),
      getWorkflowExecutionHistory: async () => {
        if (history === 'gone')
          throw Object.assign(new Error('5 NOT_FOUND: workflow execution not found'), { code: 5 });
        return {
          history: wire([{ workflowExecutionStartedEventAttributes: { input: { payloads: history.map(ref) } } }]),
        };
      },
      describeWorkflowExecution: async () => ({}),
      listSchedules: async () => {
        throw Object.assign(new Error('12 UNIMPLEMENTED'), { code: 12 });
      },
      describeSchedule: async () => ({}),
    }) as unknown as MarkService;

  /**
   * `count` closed runs listed in one page, each history referring to its own blob and answering
   * after `delayMs`; the reads under way are counted. `broken` answers at once with a server error.
   */
  const many = (count: number, delayMs: number, broken?: string) => {
    const seen = { started: 0, inFlight: 0, most: 0 };
    const svc = {
      ...service([]),
      listWorkflowExecutions: async () => ({
        executions: Array.from({ length: count }, (_, i) => ({
          execution: { workflowId: `w-${i}`, runId: `r-${i}` },
          status: 2,
        })),
      }),
      getWorkflowExecutionHistory: async (r: temporal.api.workflowservice.v1.IGetWorkflowExecutionHistoryRequest) => {
        const id = r.execution!.workflowId!;
        seen.started++;
        if (id === broken)
          throw Object.assign(new Error('14 UNAVAILABLE: máy chủ lịch sử không trả lời'), { code: 14 });
        seen.most = Math.max(seen.most, ++seen.inFlight);
        await new Promise((done) => setTimeout(done, delayMs));
        seen.inFlight--;
        return { history: wire([{ workflowExecutionStartedEventAttributes: { input: { payloads: [ref(id)] } } }]) };
      },
    } as unknown as MarkService;
    return { svc, seen };
  };

  test('the mark reads at most `concurrency` histories at once (8 by default) and every one of them', async () => {
    const blobs = Array.from({ length: 40 }, (_, i) => put(sha(`w-${i}`), 2 * 86_400_000));
    const orphan = put(sha('mo-coi'), 2 * 86_400_000);
    for (const [concurrency, most] of [
      [undefined, DEFAULT_MARK_CONCURRENCY],
      [3, 3],
      [1, 1],
    ] as const) {
      const { svc, seen } = many(40, 5);
      const report = await sweepPayloads({
        service: svc,
        namespaces: ['default'],
        dir,
        graceMs: 3600_000,
        dryRun: true,
        concurrency,
      });
      expect(seen.most).toBe(most);
      expect(seen.started).toBe(40);
      expect(report.executions).toBe(40);
      expect(report.keptReferenced.files).toBe(blobs.length);
      expect(report.removed.map((r) => r.file)).toEqual([path.relative(dir, orphan)]);
    }
    expect(DEFAULT_MARK_CONCURRENCY).toBe(8);
  });

  test('one history that cannot be read among concurrent reads: the sweep stops, says which in Vietnamese, deletes nothing', async () => {
    const orphan = put(sha('mo-coi'), 2 * 86_400_000);
    const { svc, seen } = many(40, 20, 'w-5');
    const failure = await sweepPayloads({
      service: svc,
      namespaces: ['default'],
      dir,
      graceMs: 3600_000,
      dryRun: false,
      concurrency: 4,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(MarkError);
    expect((failure as MarkError).message).toBe(
      'không đọc được lịch sử của workflow w-5 (run r-5, namespace default): 14 UNAVAILABLE: máy chủ lịch sử không trả lời',
    );
    const t = texts('vi').payloads;
    expect(t.markFailed(t.failure((failure as MarkError).failure))).toMatch(
      /^Không dọn thư mục dữ liệu lớn: không đọc được lịch sử của workflow w-5 .*\. Không xóa tệp nào/,
    );
    expect(fs.existsSync(orphan)).toBe(true);
    // No read started after the failure: the one that failed and those already under way.
    expect(seen.started).toBeLessThanOrEqual(6 + 3);
  });

  test('a run deleted since the listing refers to nothing; a server without schedules has none', async () => {
    const old = put(sha('a'), 2 * 86_400_000);
    const report = await sweepPayloads({
      service: service('gone'),
      namespaces: ['default'],
      dir,
      graceMs: 3600_000,
      dryRun: false,
    });
    expect(report.executions).toBe(1);
    expect(report.removed.map((r) => r.file)).toEqual([path.relative(dir, old)]);
    expect(fs.existsSync(old)).toBe(false);
  });

  test('with several namespaces sharing the folder, a blob referred to by any of them is kept', async () => {
    const kept = put(sha('dien-tap'), 2 * 86_400_000);
    const orphan = put(sha('mo-coi'), 2 * 86_400_000);
    const byNamespace: Record<string, MarkService> = { thidua: service([]), 'thidua-dien-tap': service(['dien-tap']) };
    const both = {
      ...service([]),
      listWorkflowExecutions: (r: { namespace?: string | null }) => byNamespace[r.namespace!].listWorkflowExecutions(r),
      getWorkflowExecutionHistory: (r: { namespace?: string | null }) =>
        byNamespace[r.namespace!].getWorkflowExecutionHistory(r),
    } as unknown as MarkService;
    const one = await sweepPayloads({
      service: both,
      namespaces: ['thidua', 'thidua-dien-tap'],
      dir,
      graceMs: 3600_000,
      dryRun: true,
    });
    expect(one.removed.map((r) => r.file)).toEqual([path.relative(dir, orphan)]);
    expect(one.keptReferenced.files).toBe(1);
    expect(fs.existsSync(kept)).toBe(true);
    // Marked from one namespace alone, the other's blob would go: what the README warns of.
    const alone = await sweepPayloads({ service: both, namespaces: ['thidua'], dir, graceMs: 3600_000, dryRun: true });
    expect(alone.removed.map((r) => r.file).sort()).toEqual([kept, orphan].map((f) => path.relative(dir, f)).sort());
  });

  test('a blob referred to again between the scan and its deletion (its time renewed by the codec) is put back', async () => {
    const file = put(sha('c'), 2 * 86_400_000);
    const cutoff = Date.now() - 3600_000; // as the scan saw it: older than this
    const now = new Date();
    fs.utimesSync(file, now, now); // an encode of the same payload, meanwhile
    expect(await remove({ abs: file }, 'blob', cutoff)).toBe(false);
    expect(fs.readdirSync(path.dirname(file))).toEqual([sha('c')]);
    const at = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(file, at, at);
    expect(await remove({ abs: file }, 'blob', cutoff)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  test('a referenced blob missing from the folder is reported; no folder at all is an empty sweep', async () => {
    const report = await sweepPayloads({
      service: service(['a', 'b']),
      namespaces: ['default'],
      dir: path.join(dir, 'none'),
      graceMs: 3600_000,
      dryRun: false,
    });
    expect(report.missing).toEqual([sha('a'), sha('b')].sort());
    expect(report.removed).toEqual([]);
    expect(texts('vi').payloads.missing(2, report.missing)).toBe(
      `CẢNH BÁO: 2 tệp được lịch sử tham chiếu nhưng không có trong thư mục (giá trị không đọc lại được): ${report.missing.join(', ')}`,
    );
  });
});

test('--grace: minutes, hours or days, at least a minute', () => {
  const t = texts('vi').payloads;
  expect(parseGrace('24h', t)).toBe(86_400_000);
  expect(parseGrace('2d', t)).toBe(2 * 86_400_000);
  expect(parseGrace('90m', t)).toBe(90 * 60_000);
  for (const bad of ['0m', '30s', '1.5h', 'h', '']) expect(() => parseGrace(bad, t)).toThrow(`--grace "${bad}"`);
});

test('--concurrency: a whole number from 1 to 64', () => {
  const t = texts('vi').payloads;
  expect(parseConcurrency('1', t)).toBe(1);
  expect(parseConcurrency('16', t)).toBe(16);
  expect(parseConcurrency('64', t)).toBe(64);
  for (const bad of ['0', '65', '2.5', '-3', 'tám', ''])
    expect(() => parseConcurrency(bad, t)).toThrow(
      `--concurrency "${bad}": số lịch sử đọc cùng lúc, một số nguyên từ 1 đến 64; mặc định 8`,
    );
  expect(() => parseConcurrency('0', texts('en').payloads)).toThrow('--concurrency "0": the histories read at once');
});

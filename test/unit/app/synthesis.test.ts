/**
 * The synthesis use cases refuse, changing nothing, without the role they need (nothing reaches
 * Temporal, nothing is stored); a revision that is not a Word document by its content is refused and
 * leaves no file; a revision the workflow refuses is removed from the store again.
 */
import type { Client } from '@temporalio/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../../app/context';
import type { StaffActor } from '../../../app/roles';
import {
  SYNTHESIS_UPLOADER,
  approveSynthesis,
  rebuildSynthesis,
  returnSynthesis,
  reviseSynthesis,
  synthesisFile,
} from '../../../app/synthesis';
import { AppError } from '../../../app/temporal-errors';
import { cliMessage } from '../../../client/messages';
import type { Settings } from '../../../config/settings';
import { buildSynthesisPack } from '../../../documents/synthesis-pack';
import type { SynthesisData, SynthesisStatusView } from '../../../domain/synthesis-types';
import { FileReportStore } from '../../../stores/report-store';

const clerk: StaffActor = { login: 'tvt', name: 'Trần Văn T', roles: ['clerk'] };
const approver: StaffActor = { login: 'nvc', name: 'Nguyễn Văn C', roles: ['approver'] };
const council: StaffActor = { login: 'hd', name: 'Hội đồng', roles: ['council'] };

/** A whole (if small) campaign's data: the documents branch's builder makes a real Word file of it. */
const DATA: SynthesisData = {
  campaignId: 'c1',
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
  issuingBody: 'Ban Thường vụ Tỉnh ủy Vĩnh Phúc',
  secretariatName: 'Ban Thi đua - Khen thưởng tỉnh',
  timeZone: 'Asia/Ho_Chi_Minh',
  builtAt: '2009-10-21T01:00:00.000Z',
  version: 1,
  header: { style: 'party', issuingBody: 'TỈNH ỦY VĨNH PHÚC', number: '…-BC/TU', place: 'Vĩnh Phúc' },
  outline: ['Kết quả thực hiện'],
  phases: [],
  units: [],
  nominations: [],
};

let dir: string;
let reports: FileReportStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-synthesis-app-'));
  reports = new FileReportStore(path.join(dir, 'reports'));
});
afterEach(() => {
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A client that records every call and, for updates, refuses as a workflow validator would. */
function fakeContext(refusal?: string) {
  const calls: string[] = [];
  const client = {
    options: { namespace: 'default' },
    workflowService: { describeTaskQueue: async () => ({ pollers: [{}] }) },
    workflow: {
      getHandle: (id: string) => ({
        describe: async () => {
          calls.push(`describe ${id}`);
          return { status: { name: 'RUNNING' }, taskQueue: 'thidua' };
        },
        executeUpdate: async (update: { name: string }) => {
          calls.push(`update ${update.name}`);
          if (refusal) {
            throw Object.assign(new Error('Workflow Update failed'), {
              name: 'WorkflowUpdateFailedError',
              cause: new Error(refusal),
            });
          }
          return { state: 'awaiting-approval' };
        },
      }),
    },
    withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn(),
  } as unknown as Client;
  const ctx: AppContext = { client, settings: { taskQueue: 'thidua' } as Settings, workerDeadlineMs: 10_000 };
  return { ctx, calls };
}

const storedFiles = () => {
  const blobs = path.join(dir, 'reports', 'blobs');
  return fs.existsSync(blobs) ? fs.readdirSync(blobs, { recursive: true }).filter((f) => String(f).length > 10) : [];
};

test('without the role, every action is forbidden before anything is sent or stored', async () => {
  const { ctx, calls } = fakeContext();
  const docx = (await buildSynthesisPack(DATA)).docx;
  const refusals = await Promise.all([
    approveSynthesis(ctx, 'c1', clerk).catch((e: unknown) => e),
    returnSynthesis(ctx, 'c1', council, 'Sửa lại').catch((e: unknown) => e),
    rebuildSynthesis(ctx, 'c1', approver).catch((e: unknown) => e),
    reviseSynthesis(ctx, reports, 'c1', council, { name: 'du-thao.docx', bytes: docx }).catch((e: unknown) => e),
  ]);
  expect(
    refusals.map((e) => [(e as AppError).code, (e as AppError).facts.role, (e as AppError).nothingChanged]),
  ).toEqual([
    ['forbidden', 'approver', true],
    ['forbidden', 'approver', true],
    ['forbidden', 'clerk', true],
    ['forbidden', 'clerk', true],
  ]);
  expect(cliMessage(refusals[0] as AppError, 'vi')).toMatch(/lãnh đạo phê duyệt/);
  expect(calls).toEqual([]);
  expect(storedFiles()).toEqual([]);
});

test('a revision that is not a Word document is refused and leaves no file', async () => {
  const { ctx, calls } = fakeContext();
  const err = await reviseSynthesis(ctx, reports, 'c1', clerk, {
    name: 'du-thao.docx',
    bytes: Buffer.from('%PDF-1.4 not a docx'),
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).facts).toMatchObject({ input: 'synthesis-docx', value: 'du-thao.docx' });
  expect(cliMessage(err as AppError, 'vi')).toMatch(/không phải văn bản Word/);
  expect(cliMessage(err as AppError, 'en')).toMatch(/not a Word document/);
  expect(calls).toEqual([]);
  expect(storedFiles()).toEqual([]);
  expect(await reports.uploadsOf('c1', SYNTHESIS_UPLOADER)).toEqual([]);
});

test('a revision the workflow refuses is removed from the store; an accepted one stays', async () => {
  const pack = await buildSynthesisPack(DATA);
  const refused = fakeContext('Báo cáo tổng hợp đã được phê duyệt lúc 2009-10-30T09:00:00.000Z');
  const err = await reviseSynthesis(refused.ctx, reports, 'c1', approver, {
    name: 'du-thao.docx',
    bytes: pack.docx,
  }).catch((e: unknown) => e);
  expect((err as AppError).code).toBe('refused');
  expect(refused.calls).toContain('update reviseSynthesis');
  expect(storedFiles()).toEqual([]);
  expect(await reports.uploadsOf('c1', SYNTHESIS_UPLOADER)).toEqual([]);

  const accepted = fakeContext();
  await reviseSynthesis(accepted.ctx, reports, 'c1', clerk, { name: 'du-thao.docx', bytes: pack.docx }, 'Đã sửa');
  expect((await reports.uploadsOf('c1', SYNTHESIS_UPLOADER)).map((u) => [u.name, u.uploadedBy])).toEqual([
    ['du-thao.docx', 'tvt'],
  ]);
});

test('a file is given only when the synthesis lists it; accounts without roles are clerks', async () => {
  const ref = await reports.put('tong-hop.docx', 'application/x', Buffer.from('docx bytes'));
  const status: SynthesisStatusView = {
    campaignId: 'c1',
    state: 'awaiting-approval',
    versions: [
      {
        version: 1,
        source: 'built',
        docx: ref,
        pack: { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref },
        by: 'thidua',
        at: '2009-10-21T01:00:00.000Z',
      },
    ],
    returns: [],
    remindersSent: 0,
    escalationsSent: 0,
  };
  expect((await synthesisFile(reports, status, ref.sha256)).bytes.toString()).toBe('docx bytes');
  const other = await reports.put('khac.pdf', 'application/pdf', Buffer.from('other'));
  await expect(synthesisFile(reports, status, other.sha256)).rejects.toMatchObject({ code: 'not-found' });
});

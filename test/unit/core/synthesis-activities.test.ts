/**
 * buildSynthesis gathers what the pack is built from: the units of the stored definition (sub-units
 * included), each unit's state from its workflow's query (the latest nominations in full when the
 * view summarises them), the report block's header and outline; the pack's files go to the report
 * store. And the draft's message goes out once: a retry finds it in the sent log.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createActivities, type ActivityDeps } from '../../../activities';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import type { SynthesisMailResult, SynthesisPackRefs } from '../../../domain/synthesis-types';
import type { NominationVersion, UnitStatusView } from '../../../domain/workflow-types';
import type { SynthesisData } from '../../../domain/synthesis-types';
import { FileReportStore } from '../../../stores/report-store';
import { FileSentLog } from '../../../stores/sent-log';
import { ONE_UNIT_CAMPAIGN } from '../../helpers/one-unit-campaign';

// The pack builder (the documents branch's) is not under test here: what it is given is.
const mockBuilt: SynthesisData[] = [];
jest.mock('../../../documents/synthesis-pack', () => ({
  buildSynthesisPack: async (data: SynthesisData) => {
    mockBuilt.push(data);
    return { docx: Buffer.from('docx'), xlsx: Buffer.from('xlsx'), timelineSvg: '<svg/>', submissionsSvg: '<svg/>' };
  },
}));

const definition: CampaignDefinition = {
  ...ONE_UNIT_CAMPAIGN,
  units: [
    { ...ONE_UNIT_CAMPAIGN.units[0], cluster: 'Khối các sở', subUnits: [] },
    {
      id: 'so-tai-chinh',
      name: 'Sở Tài chính',
      kind: 'department',
      focal: { name: 'A', email: 'a@vinhphuc.example.vn' },
      head: { name: 'B', email: 'b@vinhphuc.example.vn' },
    },
  ],
  phases: [
    ...ONE_UNIT_CAMPAIGN.phases,
    {
      kind: 'synthesis',
      window: { start: '20/10/2009', end: '30/10/2009' },
      approval: {
        deadline: '30/10/2009 17:00',
        reminders: [],
        escalation: [],
        approvers: [{ name: 'Nguyễn Văn C', title: 'Phó Bí thư', email: 'c@vinhphuc.example.vn' }],
        body: 'Ban Thường vụ Tỉnh ủy',
      },
      report: {
        style: 'party',
        issuingBody: 'TỈNH ỦY VĨNH PHÚC',
        number: '…-BC/TU',
        place: 'Vĩnh Phúc',
        signature: { capacity: 'T/M BAN THƯỜNG VỤ' },
        outline: ['Kết quả thực hiện'],
      },
    },
  ],
};

const nominations = (version: number): NominationVersion => ({
  version,
  receivedAt: '2009-10-13T02:00:00.000Z',
  submittedBy: 'x',
  late: false,
  nominations: [{ type: 'individual', name: `Trần Thị D (v${version})`, awardForm: 'Bằng khen', reasons: 'Tiêu biểu' }],
});

const views: Record<string, Partial<UnitStatusView>> = {
  'so-noi-vu': {
    status: 'submitted',
    deadline: '2009-10-14T10:00:00.000Z',
    reports: [
      {
        name: 'bao-cao.pdf',
        size: 1,
        sha256: 'a'.repeat(64),
        contentType: 'application/pdf',
        version: 1,
        receivedAt: '2009-10-12T02:00:00.000Z',
        submittedBy: 'x',
        late: false,
      },
    ],
    papers: [],
    // Two versions; the view has only the first in full: the second is asked for.
    nominations: [
      { version: 1, receivedAt: '2009-10-12T02:00:00.000Z', submittedBy: 'x', late: false, count: 1 },
      { version: 2, receivedAt: '2009-10-13T02:00:00.000Z', submittedBy: 'x', late: false, count: 1 },
    ] as unknown as UnitStatusView['nominations'],
    latestNominations: nominations(1),
  },
  // A campaign of two deadline phases, as this unit's view says: its plan came in, its results did not.
  'so-tai-chinh': {
    status: 'missing',
    deadline: '2009-10-14T10:00:00.000Z',
    reports: [],
    papers: [],
    nominations: [],
    deadlines: [
      { id: 'ke-hoach', name: 'Kế hoạch', state: 'done', status: 'submitted' },
      { id: 'ket-qua', name: 'Báo cáo kết quả', state: 'current', status: 'missing' },
    ] as unknown as UnitStatusView['deadlines'],
  },
};

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-synthesis-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('buildSynthesis gathers the units from their workflows and stores the pack', async () => {
  const queried: string[] = [];
  const client = {
    workflow: {
      getHandle: (id: string) => ({
        query: async (name: string, version?: number) => {
          queried.push(`${id}:${name}${version ? `:${version}` : ''}`);
          const unitId = id.split('/').pop()!;
          return name === 'getUnitStatus' ? views[unitId] : nominations(version!);
        },
      }),
    },
  } as unknown as Client;
  const reports = new FileReportStore(path.join(dir, 'reports'));
  const activities = createActivities({
    transport: {} as ActivityDeps['transport'],
    sentLog: new FileSentLog(path.join(dir, 'sent')),
    definitions: { load: async () => definition, save: async () => 'x' },
    reports,
    links: {} as ActivityDeps['links'],
    from: 'tdkt@vinhphuc.example.vn',
    client,
  });
  const refs: SynthesisPackRefs = await new MockActivityEnvironment().run(activities.buildSynthesis, {
    campaignId: 'c1',
    definitionRef: 'r',
    version: 1,
    builtAt: '2009-10-21T01:00:00.000Z',
  });
  expect(queried.sort()).toEqual([
    'campaign/c1/unit/so-noi-vu:getNominationVersion:2',
    'campaign/c1/unit/so-noi-vu:getUnitStatus',
    'campaign/c1/unit/so-tai-chinh:getUnitStatus',
  ]);
  const data = mockBuilt[mockBuilt.length - 1];
  expect(data).toMatchObject({
    campaignId: 'c1',
    planNumber: '67-KH/TU',
    version: 1,
    builtAt: '2009-10-21T01:00:00.000Z',
    header: { style: 'party', issuingBody: 'TỈNH ỦY VĨNH PHÚC', number: '…-BC/TU', place: 'Vĩnh Phúc' },
    outline: ['Kết quả thực hiện'],
  });
  expect(data.units).toEqual([
    {
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      cluster: 'Khối các sở',
      status: 'submitted',
      deadline: '2009-10-14T10:00:00.000Z',
      submittedAt: '2009-10-12T02:00:00.000Z',
      daysLate: 0,
      summaryReport: { name: 'bao-cao.pdf', receivedAt: '2009-10-12T02:00:00.000Z', late: false },
      papers: [],
    },
    {
      unitId: 'so-tai-chinh',
      unitName: 'Sở Tài chính',
      status: 'missing',
      deadline: '2009-10-14T10:00:00.000Z',
      daysLate: 0,
      papers: [],
      phases: [
        { id: 'ke-hoach', name: 'Kế hoạch', status: 'submitted' },
        { id: 'ket-qua', name: 'Báo cáo kết quả', status: 'missing' },
      ],
    },
  ]);
  // The latest version (2), asked for because the view had only version 1 in full.
  expect(data.nominations).toEqual([
    {
      unitId: 'so-noi-vu',
      unitName: 'Sở Nội vụ',
      type: 'individual',
      name: 'Trần Thị D (v2)',
      awardForm: 'Bằng khen',
      reasons: 'Tiêu biểu',
    },
  ]);
  // The phases from the file's words when the workflow gives none.
  expect(data.phases.map((p) => p.kind)).toEqual(['plan-issue', 'synthesis']);
  expect(refs.docx).toMatchObject({ name: 'c1-tong-hop-v1.docx', size: 4 });
  expect((await reports.get(refs.xlsx.sha256)).toString()).toBe('xlsx');
  reports.close();
});

test('the draft goes to the approvers and the secretariat with its files, once', async () => {
  const sent: Array<{ to: string[]; subject: string; attachments: Array<{ filename: string }> }> = [];
  const reports = new FileReportStore(path.join(dir, 'reports'));
  const docx = await reports.put('du-thao.docx', 'application/x', Buffer.from('docx'));
  const xlsx = await reports.put('bang.xlsx', 'application/x', Buffer.from('xlsx'));
  const activities = createActivities({
    transport: {
      sendMail: async (m: (typeof sent)[number]) => {
        sent.push(m);
        return { accepted: m.to, rejected: [] };
      },
    } as unknown as ActivityDeps['transport'],
    sentLog: new FileSentLog(path.join(dir, 'sent')),
    definitions: { load: async () => definition, save: async () => 'x' },
    reports,
    links: {} as ActivityDeps['links'],
    from: 'tdkt@vinhphuc.example.vn',
  });
  const input = {
    campaignId: 'c1',
    definitionRef: 'r',
    key: 'c1/synthesis/v1/draft',
    version: 1,
    deadline: '2009-10-30T10:00:00.000Z',
    docx,
    pack: { docx, xlsx, timelineSvg: docx, submissionsSvg: docx },
  };
  const first: SynthesisMailResult = await new MockActivityEnvironment().run(activities.mailSynthesis, input);
  const again = await new MockActivityEnvironment().run(activities.mailSynthesis, input);
  expect(first.sent).toBe(true);
  expect(again).toMatchObject({ sent: false, reason: 'already-sent' });
  expect(sent).toHaveLength(1);
  expect(sent[0].subject).toBe('[67-KH/TU] Dự thảo báo cáo tổng hợp — đề nghị phê duyệt trước 17:00 ngày 30/10/2009');
  expect(sent[0].to).toEqual([
    '"Nguyễn Văn C" <c@vinhphuc.example.vn>',
    '"Nguyễn Thị Hòa" <hoa.tdkt@vinhphuc.example.vn>',
  ]);
  expect(sent[0].attachments.map((a) => a.filename)).toEqual(['du-thao.docx', 'bang.xlsx']);
  reports.close();
});

test("the draft and the return point to the campaign's synthesis page on the dashboard; without the public URL, no address", async () => {
  const sent: Array<{ subject: string; text: string }> = [];
  const reports = new FileReportStore(path.join(dir, 'reports'));
  const docx = await reports.put('du-thao.docx', 'application/x', Buffer.from('docx'));
  const deps = (settings?: ActivityDeps['settings']) =>
    createActivities({
      transport: {
        sendMail: async (m: (typeof sent)[number] & { to: string[] }) => {
          sent.push(m);
          return { accepted: m.to, rejected: [] };
        },
      } as unknown as ActivityDeps['transport'],
      sentLog: new FileSentLog(path.join(dir, settings ? 'sent' : 'sent-bare')),
      definitions: { load: async () => definition, save: async () => 'x' },
      reports,
      links: {} as ActivityDeps['links'],
      from: 'tdkt@vinhphuc.example.vn',
      ...(settings ? { settings } : {}),
    });
  const withUrl = deps({ publicBaseUrl: 'https://thidua.vinhphuc.example.vn' } as ActivityDeps['settings']);
  const input = {
    campaignId: 'vp 2009',
    definitionRef: 'r',
    version: 1,
    deadline: '2009-10-30T10:00:00.000Z',
    docx,
    pack: { docx, xlsx: docx, timelineSvg: docx, submissionsSvg: docx },
  };
  const env = new MockActivityEnvironment();
  await env.run(withUrl.mailSynthesis, { ...input, key: 'c1/synthesis/v1/draft' });
  await env.run(withUrl.synthesisReturned, {
    ...input,
    key: 'c1/synthesis/v1/returned',
    detail: { by: 'Nguyễn Văn C', remarks: 'Bổ sung số liệu' },
  });
  const page = 'https://thidua.vinhphuc.example.vn/admin/c/vp%202009/tong-hop';
  expect(sent[0].text).toContain(`Xem dự thảo, phê duyệt hoặc trả lại kèm ý kiến tại: ${page}`);
  expect(sent[1].text).toContain(`Xem ý kiến, tải lên bản chỉnh sửa tại: ${page}`);
  // A retry sends nothing more (same key, same Message-ID).
  await env.run(withUrl.mailSynthesis, { ...input, key: 'c1/synthesis/v1/draft' });
  expect(sent).toHaveLength(2);
  await env.run(deps().mailSynthesis, { ...input, key: 'c1/synthesis/v1/draft' });
  expect(sent[2].text).not.toMatch(/https?:\/\//);
  reports.close();
});

/**
 * `thidua campaign status` on a two-level campaign (issue 15, item 1), over a stand-in visibility
 * store read by the real `app/sub-campaigns.ts`: the parent lists its sub-campaigns and marks the unit
 * that runs one; the sub-campaign names its parent and what became of its result, in Vietnamese and
 * in English. The counts and units come from a stand-in `campaignUnits`, as in output-language.test.ts.
 */
import type { Settings } from '../../../config/settings';
import { statusCommand } from '../../../client/commands/campaign-status';
import { listCommand } from '../../../client/commands/campaign-actions';
import type { CampaignStatusView } from '../../../domain/workflow-types';
import { fakeVisibilityClient, type FakeExecution } from '../../helpers/fake-visibility';

const ZONE = 'Asia/Ho_Chi_Minh';
const PARENT = 'bo-tttt-dai-hoi-thi-dua-2014-2015';
const SUB = 'vnpt-2014-2015-dai-hoi';

const executions: FakeExecution[] = [
  {
    workflowId: `campaign/${PARENT}`,
    type: 'campaignWorkflow',
    status: 'RUNNING',
    startTime: '2026-11-30T01:00:00.000Z',
    sa: { CampaignId: PARENT, Phase: 'self-review' },
    memo: { title: 'Tổ chức Đại hội Thi đua', planNumber: 'KH' },
  },
  {
    workflowId: `campaign/${PARENT}/unit/vnpt`,
    type: 'unitReviewWorkflow',
    status: 'RUNNING',
    startTime: '2026-11-30T01:00:00.000Z',
    sa: { CampaignId: PARENT, UnitId: 'vnpt' },
    memo: { unitName: 'Tập đoàn Bưu chính Viễn thông Việt Nam' },
  },
  {
    workflowId: `campaign/${SUB}`,
    type: 'campaignWorkflow',
    status: 'RUNNING',
    startTime: '2026-11-30T01:05:00.000Z',
    sa: { CampaignId: SUB, Phase: 'synthesis', ParentCampaign: PARENT, ParentUnit: 'vnpt' },
    memo: { title: 'Đại hội Thi đua VNPT', planNumber: 'KH/VNPT' },
  },
  // VNPT's own units, as its unit workflows' search attributes stand: 2 on time, 1 late, 1 missing,
  // 1 pending; and a run of vinaphone's that continued as new (counted once), a unit of an earlier
  // run of the sub-campaign (not counted).
  ...(
    [
      ['vinaphone', 'submitted'],
      ['vdc', 'submitted'],
      ['vtn', 'late'],
      ['vti', 'missing'],
      ['vnpt-da-nang', 'pending'],
    ] as const
  ).map(([unit, status]): FakeExecution => ({
    workflowId: `campaign/${SUB}/unit/${unit}`,
    type: 'unitReviewWorkflow',
    status: 'RUNNING',
    startTime: '2026-11-30T01:06:00.000Z',
    sa: { CampaignId: SUB, UnitId: unit, SubmissionStatus: status },
  })),
  {
    workflowId: `campaign/${SUB}/unit/vinaphone`,
    type: 'unitReviewWorkflow',
    status: 'CONTINUED_AS_NEW',
    startTime: '2026-11-30T01:05:30.000Z',
    sa: { CampaignId: SUB, UnitId: 'vinaphone', SubmissionStatus: 'pending' },
  },
  {
    workflowId: `campaign/${SUB}/unit/vnpt-tp-hcm`,
    type: 'unitReviewWorkflow',
    status: 'CANCELLED',
    startTime: '2026-11-29T08:00:00.000Z',
    sa: { CampaignId: SUB, UnitId: 'vnpt-tp-hcm', SubmissionStatus: 'missing' },
  },
];
let views: Record<string, CampaignStatusView> = {};

jest.mock('../../../client/connect', () => {
  const actual = jest.requireActual('../../../client/connect');
  return {
    ...actual,
    connect: async () => ({
      client: fakeVisibilityClient(executions, views).client,
      settings: {
        dataDir: '/nonexistent',
        timeZone: ZONE,
        taskQueue: 'thidua',
        temporalUiUrl: 'http://localhost:8233',
      } as Settings,
      address: 'localhost:7233',
      close: async () => undefined,
    }),
  };
});

const unitsOf = (campaignId: string) => ({
  campaignId,
  planNumber: campaignId === PARENT ? 'KH' : 'KH/VNPT',
  title: campaignId === PARENT ? 'Tổ chức Đại hội Thi đua' : 'Đại hội Thi đua VNPT',
  phase: campaignId === PARENT ? 'self-review' : 'synthesis',
  workflowStatus: 'RUNNING',
  total: 2,
  locked: 0,
  counts: { pending: 2, submitted: 0, late: 0, missing: 0, cancelled: 0 },
  units:
    campaignId === PARENT
      ? [
          {
            unitId: 'vnpt',
            unitName: 'Tập đoàn Bưu chính Viễn thông Việt Nam',
            status: 'pending',
            locked: false,
            remindersSent: 0,
          },
          { unitId: 'vu-buu-chinh', unitName: 'Vụ Bưu chính', status: 'pending', locked: false, remindersSent: 0 },
        ]
      : [],
  matching: 2,
});

jest.mock('../../../app/campaigns', () => ({
  ...jest.requireActual('../../../app/campaigns'),
  campaignUnits: jest.fn(async (_s: unknown, campaignId: string) => unitsOf(campaignId)),
}));

async function run(argv: string[], command = statusCommand) {
  let out = '';
  const io = { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (out += s) } };
  const code = await command(argv, io as never);
  return { code, out };
}

const saved = process.env.THIDUA_LANG;
beforeEach(() => {
  delete process.env.THIDUA_LANG;
  views = {};
});
afterAll(() => {
  if (saved !== undefined) process.env.THIDUA_LANG = saved;
});

describe('the parent', () => {
  it('lists its sub-campaigns after the counts and marks the unit that runs one', async () => {
    const { code, out } = await run([PARENT]);
    expect(code).toBe(0);
    const lines = out.split('\n');
    const at = lines.indexOf('Đợt con (1):');
    expect(at).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Đơn vị: 2 ·')));
    expect(lines[at + 1]).toMatch(/^Đơn vị +Tên đơn vị +Mã đợt con +Giai đoạn +Workflow +Tiến độ của đợt con$/);
    // The lower level's progress: 3 of its 5 units in (1 late), 1 past its deadline without.
    expect(lines[at + 3]).toMatch(
      /^vnpt +Tập đoàn Bưu chính Viễn thông Việt Nam +vnpt-2014-2015-dai-hoi +Tổng hợp.* +RUNNING +đã nộp 3\/5 \(muộn 1\) · quá hạn, chưa nộp 1$/,
    );
    expect(out).toMatch(/\nvnpt +Tập đoàn Bưu chính Viễn thông Việt Nam \(có đợt con\) +chưa đến hạn/);
    expect(out).toMatch(/\nvu-buu-chinh +Vụ Bưu chính +chưa đến hạn/);
    expect(out).not.toContain('Đợt cấp trên');
  });

  it('in English', async () => {
    const { out } = await run([PARENT, '--lang', 'en']);
    expect(out).toContain('Sub-campaigns (1):');
    expect(out).toMatch(
      /vnpt +Tập đoàn Bưu chính Viễn thông Việt Nam +vnpt-2014-2015-dai-hoi +synthesis.* +RUNNING +submitted 3\/5 \(late 1\) · missing 1\n/,
    );
    expect(out).toContain('Tập đoàn Bưu chính Viễn thông Việt Nam (runs a sub-campaign)');
  });

  it('--json carries the tree', async () => {
    const json = JSON.parse((await run([PARENT, '--json'])).out);
    expect(json.subCampaigns).toEqual([
      expect.objectContaining({
        campaignId: SUB,
        unitId: 'vnpt',
        phase: 'synthesis',
        execution: 'RUNNING',
        progress: { total: 5, pending: 1, submitted: 2, late: 1, missing: 1 },
      }),
    ]);
    expect(json.parent).toBeUndefined();
  });
});

describe('the sub-campaign', () => {
  it('names its parent under the phase line; without a worker, says the result is unreadable', async () => {
    const lines = (await run([SUB])).out.split('\n');
    expect(lines[2]).toBe(`Đợt cấp trên: ${PARENT}, đơn vị Tập đoàn Bưu chính Viễn thông Việt Nam (vnpt)`);
    expect(lines[3]).toMatch(/^Kết quả gửi lên: tạm không đọc được/);
    expect(lines).not.toContain('Đợt con (0):');
  });

  it('the follow rules and the result as its own view gives them', async () => {
    const view = {
      campaignId: SUB,
      parent: {
        campaignId: PARENT,
        unitId: 'vnpt',
        phaseId: 'ket-qua',
        phaseName: 'Báo cáo kết quả',
        onParentExtension: 'follow',
        onParentCancel: 'continue',
      },
    } as unknown as CampaignStatusView;
    views = { [`campaign/${SUB}`]: view };
    let out = (await run([SUB])).out;
    expect(out).toContain(
      '  Kết quả nộp vào giai đoạn "Báo cáo kết quả" của đợt cấp trên · gia hạn của cấp trên: lùi hạn theo · cấp trên hủy đợt: đợt này vẫn tiếp tục',
    );
    expect(out).toContain('Kết quả: chưa gửi lên đợt cấp trên (gửi khi báo cáo tổng hợp của đợt này được phê duyệt)');

    views = {
      [`campaign/${SUB}`]: {
        ...view,
        reportedUp: { sent: true, receivedAt: '2015-03-20T03:00:00.000Z', late: false, nominations: 2 },
      },
    };
    out = (await run([SUB])).out;
    expect(out).toContain(
      'Kết quả: đã gửi lên đợt cấp trên, nhận lúc 20/03/2015 10:00 (đúng hạn), kèm 2 đề nghị khen thưởng',
    );

    views = { [`campaign/${SUB}`]: { ...view, reportedUp: { sent: false, reason: 'Đơn vị vnpt đã bị khóa' } } };
    out = (await run([SUB, '--lang', 'en'])).out;
    expect(out).toContain(`Parent campaign: ${PARENT}, unit Tập đoàn Bưu chính Viễn thông Việt Nam (vnpt)`);
    expect(out).toContain('Result: refused by the parent — Đơn vị vnpt đã bị khóa');
  });
});

describe('campaign list', () => {
  it('names a sub-campaign’s parent and unit after its title, in either language', async () => {
    const { code, out } = await run([], listCommand);
    expect(code).toBe(0);
    expect(out).toMatch(
      new RegExp(`\\n${SUB} +KH/VNPT +.*Đại hội Thi đua VNPT \\(đợt con của ${PARENT}, đơn vị vnpt\\)\\n`),
    );
    expect(out).toMatch(new RegExp(`\\n${PARENT} +KH +.*Tổ chức Đại hội Thi đua\\n`));
    expect((await run(['--lang', 'en'], listCommand)).out).toContain(
      `Đại hội Thi đua VNPT (sub-campaign of ${PARENT}, unit vnpt)`,
    );
  });
});

describe('three levels', () => {
  const HN = 'vnpt-ha-noi-2014-2015';
  const third: FakeExecution[] = [
    {
      workflowId: `campaign/${SUB}/unit/vnpt-ha-noi`,
      type: 'unitReviewWorkflow',
      status: 'RUNNING',
      startTime: '2026-11-30T01:05:00.000Z',
      sa: { CampaignId: SUB, UnitId: 'vnpt-ha-noi' },
      memo: { unitName: 'VNPT Hà Nội' },
    },
    {
      workflowId: `campaign/${HN}`,
      type: 'campaignWorkflow',
      status: 'RUNNING',
      startTime: '2026-11-30T01:10:00.000Z',
      sa: { CampaignId: HN, Phase: 'self-review', ParentCampaign: SUB, ParentUnit: 'vnpt-ha-noi' },
      memo: { title: 'Hội nghị điển hình tiên tiến VNPT Hà Nội', planNumber: 'KH/VNPT-HNI' },
    },
  ];
  beforeAll(() => void executions.push(...third));
  afterAll(() => void executions.splice(executions.length - third.length, third.length));

  it('the top lists the grandchild indented under VNPT, with VNPT Hà Nội as its unit', async () => {
    const lines = (await run([PARENT])).out.split('\n');
    const at = lines.indexOf('Đợt con (2):');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 3]).toMatch(/^vnpt +Tập đoàn Bưu chính Viễn thông Việt Nam +vnpt-2014-2015-dai-hoi +/);
    expect(lines[at + 4]).toMatch(/^ {2}└ vnpt-ha-noi +VNPT Hà Nội +vnpt-ha-noi-2014-2015 +Tự kiểm điểm.* +RUNNING$/);
    const json = JSON.parse((await run([PARENT, '--json'])).out);
    expect(json.subCampaigns[1]).toMatchObject({ campaignId: HN, depth: 2, parentCampaignId: SUB });
  });

  it('the grandchild names its parent, and the top above it, in both languages', async () => {
    const lines = (await run([HN])).out.split('\n');
    expect(lines[2]).toBe(`Đợt cấp trên: ${SUB}, đơn vị VNPT Hà Nội (vnpt-ha-noi)`);
    expect(lines[3]).toBe(`  ↳ là đợt con của ${PARENT}, đơn vị Tập đoàn Bưu chính Viễn thông Việt Nam (vnpt)`);
    const en = (await run([HN, '--lang', 'en'])).out;
    expect(en).toContain(`  ↳ itself a sub-campaign of ${PARENT}, unit Tập đoàn Bưu chính Viễn thông Việt Nam (vnpt)`);
  });
});

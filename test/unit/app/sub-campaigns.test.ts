/**
 * The campaign tree as the surfaces read it (`app/sub-campaigns.ts`), over a stand-in visibility
 * store: which sub-campaigns a campaign lists, in which order, with which names; a sub-campaign's
 * parent, and the result it sent up when its query answers.
 */
import type { Settings } from '../../../config/settings';
import { campaignTree, parentOf, subCampaignsOf } from '../../../app/sub-campaigns';
import type { CampaignStatusView } from '../../../domain/workflow-types';
import { fakeVisibilityClient, type FakeExecution } from '../../helpers/fake-visibility';

const PARENT = 'bo-tttt-dai-hoi-thi-dua-2014-2015';

const campaign = (
  id: string,
  status: FakeExecution['status'],
  sa: Record<string, string>,
  extra: Partial<FakeExecution> = {},
): FakeExecution => ({
  workflowId: `campaign/${id}`,
  type: 'campaignWorkflow',
  status,
  startTime: '2026-11-30T01:00:00.000Z',
  sa: { CampaignId: id, ...sa },
  memo: { title: `Đợt ${id}`, planNumber: `KH-${id}` },
  ...extra,
});

const unit = (campaignId: string, unitId: string, unitName: string): FakeExecution => ({
  workflowId: `campaign/${campaignId}/unit/${unitId}`,
  type: 'unitReviewWorkflow',
  status: 'RUNNING',
  startTime: '2026-11-30T01:00:00.000Z',
  sa: { CampaignId: campaignId, UnitId: unitId },
  memo: { unitName },
});

const EXECUTIONS: FakeExecution[] = [
  campaign(PARENT, 'RUNNING', { Phase: 'self-review' }),
  unit(PARENT, 'vnpt', 'Tập đoàn Bưu chính Viễn thông Việt Nam'),
  unit(PARENT, 'tong-cong-ty-vtc', 'Tổng Công ty Truyền thông đa phương tiện (VTC)'),
  unit(PARENT, 'vu-buu-chinh', 'Vụ Bưu chính'),
  // VTC's sub-campaign ended; VNPT's runs; a third campaign of another parent must not show.
  campaign('vtc-dai-hoi', 'COMPLETED', { ParentCampaign: PARENT, ParentUnit: 'tong-cong-ty-vtc', Phase: 'closed' }),
  campaign('vnpt-2014-2015-dai-hoi', 'RUNNING', { ParentCampaign: PARENT, ParentUnit: 'vnpt', Phase: 'synthesis' }),
  campaign('khac', 'RUNNING', { ParentCampaign: 'dot-khac', ParentUnit: 'vnpt', Phase: 'self-review' }),
  // Vụ Bưu chính's sub-campaign was cancelled, then started again under the same id: the latest run counts.
  campaign(
    'vu-bc-hoi-nghi',
    'CANCELLED',
    { ParentCampaign: PARENT, ParentUnit: 'vu-buu-chinh', Phase: 'cancelled' },
    { startTime: '2026-11-29T01:00:00.000Z' },
  ),
  campaign(
    'vu-bc-hoi-nghi',
    'RUNNING',
    { ParentCampaign: PARENT, ParentUnit: 'vu-buu-chinh', Phase: 'plan-issue' },
    { startTime: '2026-11-30T02:00:00.000Z' },
  ),
];

const settings = { taskQueue: 'thidua', timeZone: 'Asia/Ho_Chi_Minh' } as Settings;
const ctx = (views: Record<string, CampaignStatusView> = {}) => ({
  client: fakeVisibilityClient(EXECUTIONS, views).client,
  settings,
  workerDeadlineMs: 1000,
});

describe('subCampaignsOf', () => {
  it('lists every sub-campaign of the parent, running first, then by unit, with the parent unit names', async () => {
    const rows = await subCampaignsOf(ctx(), PARENT);
    expect(rows.map((r) => [r.unitId, r.campaignId, r.execution, r.phase])).toEqual([
      ['vnpt', 'vnpt-2014-2015-dai-hoi', 'RUNNING', 'synthesis'],
      ['vu-buu-chinh', 'vu-bc-hoi-nghi', 'RUNNING', 'plan-issue'],
      ['tong-cong-ty-vtc', 'vtc-dai-hoi', 'COMPLETED', 'closed'],
    ]);
    expect(rows[0]).toMatchObject({
      workflowId: 'campaign/vnpt-2014-2015-dai-hoi',
      title: 'Đợt vnpt-2014-2015-dai-hoi',
      unitName: 'Tập đoàn Bưu chính Viễn thông Việt Nam',
    });
    expect(rows[2].unitName).toBe('Tổng Công ty Truyền thông đa phương tiện (VTC)');
  });

  it('a campaign without sub-campaigns lists none', async () => {
    expect(await subCampaignsOf(ctx(), 'vnpt-2014-2015-dai-hoi')).toEqual([]);
  });

  it('a visibility store that fails on the progress counts is reported, not shown as no progress', async () => {
    const c = ctx();
    (c.client.workflow as { count: unknown }).count = async () => {
      throw Object.assign(new Error('visibility unavailable'), { name: 'ServiceError' });
    };
    await expect(subCampaignsOf(c, PARENT)).rejects.toThrow('visibility unavailable');
  });
});

describe('parentOf and campaignTree', () => {
  it('a sub-campaign names its parent and the parent unit, by name too', async () => {
    expect(await parentOf(ctx(), 'vnpt-2014-2015-dai-hoi')).toEqual({
      campaignId: PARENT,
      unitId: 'vnpt',
      unitName: 'Tập đoàn Bưu chính Viễn thông Việt Nam',
      title: `Đợt ${PARENT}`,
      planNumber: `KH-${PARENT}`,
    });
    expect(await parentOf(ctx(), PARENT)).toBeUndefined();
  });

  it('an unknown campaign fails as not found', async () => {
    await expect(parentOf(ctx(), 'khong-co')).rejects.toMatchObject({ code: 'not-found' });
  });

  it("the result sent up comes from the sub-campaign's own view; without a worker the tree still shows", async () => {
    const view = {
      campaignId: 'vnpt-2014-2015-dai-hoi',
      parent: { campaignId: PARENT, unitId: 'vnpt', onParentExtension: 'follow', onParentCancel: 'cancel' },
      reportedUp: { sent: true, receivedAt: '2015-03-20T03:00:00.000Z', late: false, nominations: 2 },
    } as unknown as CampaignStatusView;
    const withWorker = await campaignTree(ctx({ 'campaign/vnpt-2014-2015-dai-hoi': view }), 'vnpt-2014-2015-dai-hoi');
    expect(withWorker).toMatchObject({
      parent: { campaignId: PARENT, unitId: 'vnpt' },
      link: { onParentExtension: 'follow' },
      reportedUp: { sent: true, nominations: 2 },
      subCampaigns: [],
    });
    const without = await campaignTree(ctx(), 'vnpt-2014-2015-dai-hoi');
    expect(without).toMatchObject({ parent: { campaignId: PARENT }, resultUnread: true });
    expect(without.reportedUp).toBeUndefined();

    const parentTree = await campaignTree(ctx(), PARENT);
    expect(parentTree.parent).toBeUndefined();
    expect(parentTree.subCampaigns.map((r) => r.campaignId)).toEqual([
      'vnpt-2014-2015-dai-hoi',
      'vu-bc-hoi-nghi',
      'vtc-dai-hoi',
    ]);
  });
});

describe('three levels: the deep tree of `campaign status`', () => {
  const VNPT = 'vnpt-2014-2015-dai-hoi';
  const HN = 'vnpt-ha-noi-2014-2015';
  // VNPT Hà Nội, a unit of VNPT's campaign, runs its own: the ministry's third level.
  const deep = () => ({
    client: fakeVisibilityClient([
      ...EXECUTIONS,
      unit(VNPT, 'vnpt-ha-noi', 'VNPT Hà Nội'),
      campaign(HN, 'RUNNING', { ParentCampaign: VNPT, ParentUnit: 'vnpt-ha-noi', Phase: 'self-review' }),
    ]).client,
    settings,
    workerDeadlineMs: 1000,
  });

  it("the top lists the grandchild right under VNPT's row, at depth 2, with VNPT's unit", async () => {
    const tree = await campaignTree(deep(), PARENT, { deep: true });
    expect(tree.subCampaigns.map((r) => [r.campaignId, r.unitId, r.depth ?? 1, r.parentCampaignId ?? PARENT])).toEqual([
      [VNPT, 'vnpt', 1, PARENT],
      [HN, 'vnpt-ha-noi', 2, VNPT],
      ['vu-bc-hoi-nghi', 'vu-buu-chinh', 1, PARENT],
      ['vtc-dai-hoi', 'tong-cong-ty-vtc', 1, PARENT],
    ]);
    expect(tree.subCampaigns[1].unitName).toBe('VNPT Hà Nội');
    // The first level only, as the dashboard reads it.
    expect((await campaignTree(deep(), PARENT)).subCampaigns.map((r) => r.campaignId)).not.toContain(HN);
  });

  it('the grandchild names its parent and, above it, the top', async () => {
    const tree = await campaignTree(deep(), HN, { deep: true });
    expect(tree.parent).toMatchObject({ campaignId: VNPT, unitId: 'vnpt-ha-noi', unitName: 'VNPT Hà Nội' });
    expect(tree.ancestors).toEqual([expect.objectContaining({ campaignId: PARENT, unitId: 'vnpt' })]);
    // VNPT, in the middle: its parent above, its sub-campaign below.
    const middle = await campaignTree(deep(), VNPT, { deep: true });
    expect(middle.parent?.campaignId).toBe(PARENT);
    expect(middle.ancestors).toBeUndefined();
    expect(middle.subCampaigns).toEqual([expect.objectContaining({ campaignId: HN, unitId: 'vnpt-ha-noi' })]);
  });
});

/**
 * A parent's extension and cancellation reaching its running sub-campaigns, as each one's file says:
 * found by the search attributes (the visibility query checked), followed or not, and every failure
 * to reach one reported in the outcome. A fake client lists the sub-campaigns; fake actions stand for
 * the operator's use cases on each.
 */
import type { Client } from '@temporalio/client';
import {
  followOrReport,
  followParentCancel,
  followParentExtension,
  runningSubCampaigns,
  type FollowActions,
} from '../../../app/sub-campaign-follow';
import { AppError } from '../../../app/temporal-errors';
import { subCampaignLines } from '../../../app/sub-campaign-follow-words';
import { ParentUnitKey } from '../../../domain/search-attributes';
import type { ParentLink } from '../../../domain/sub-campaign-types';
import type { CampaignStatusView } from '../../../domain/workflow-types';

const DAY = 24 * 3600_000;

/** Sub-campaigns by id: the unit they run for and their parent link. */
const SUBS: Record<string, { unit: string; link: Partial<ParentLink> }> = {
  'vnpt-follow': { unit: 'vnpt', link: {} },
  'vnpt-keep': { unit: 'vnpt', link: { onParentExtension: 'keep', onParentCancel: 'continue' } },
  'vnpt-refused': { unit: 'vnpt', link: {} },
  'vnpt-ke-hoach': { unit: 'vnpt', link: { phaseId: 'ke-hoach' } },
  'vtc-follow': { unit: 'vtc', link: {} },
};

function fakeClient(ids: string[]) {
  const queries: string[] = [];
  const client = {
    workflow: {
      list: ({ query }: { query: string }) => {
        queries.push(query);
        return (async function* () {
          for (const id of ids) {
            yield {
              workflowId: `campaign/${id}`,
              typedSearchAttributes: {
                get: (k: { name: string }) => (k.name === ParentUnitKey.name ? SUBS[id].unit : undefined),
              },
            };
          }
        })();
      },
    },
  } as unknown as Pick<Client, 'workflow'>;
  return { client, queries };
}

function fakeActions(opts: { unreachable?: string } = {}) {
  const extended: Array<{ id: string; by: string; reason: string }> = [];
  const cancelled: Array<{ id: string; reason: string }> = [];
  const actions: FollowActions = {
    status: async (id) => {
      if (id === opts.unreachable) throw new AppError('no-worker', { operation: 'read-campaign', taskQueue: 'thidua' });
      const link: ParentLink = {
        campaignId: 'bo',
        unitId: SUBS[id].unit,
        onParentExtension: 'follow',
        onParentCancel: 'cancel',
        ...SUBS[id].link,
      };
      return { campaignId: id, parent: link } as CampaignStatusView;
    },
    extend: async (id, req) => {
      if (id === 'vnpt-refused') {
        throw new AppError('refused', {
          operation: 'extend',
          refusal: 'Giai đoạn tự kiểm điểm đã kết thúc (đang ở giai đoạn "Tổng hợp"); không thể gia hạn.',
        });
      }
      extended.push({ id, by: req.by, reason: req.reason });
      return { deadline: '18/03/2015 17:00', approvalDeadline: '17:00 thứ Sáu, 27/03/2015' };
    },
    cancel: async (id, req) => {
      cancelled.push({ id, reason: req.reason });
      return {};
    },
  };
  return { actions, extended, cancelled };
}

test("the unit's sub-campaigns are found by ParentCampaign and ParentUnit, running only", async () => {
  const { client, queries } = fakeClient(['vnpt-keep', 'vnpt-follow']);
  const found = await runningSubCampaigns(client, 'bo', 'vnpt');
  expect(queries).toEqual(['ParentCampaign = "bo" AND ParentUnit = "vnpt" AND ExecutionStatus = "Running"']);
  expect(found).toEqual([
    { campaignId: 'vnpt-follow', unitId: 'vnpt', workflowId: 'campaign/vnpt-follow' },
    { campaignId: 'vnpt-keep', unitId: 'vnpt', workflowId: 'campaign/vnpt-keep' },
  ]);
  await runningSubCampaigns(client, 'bo "x"');
  expect(queries[1]).toBe('ParentCampaign = "bo \\"x\\"" AND ExecutionStatus = "Running"');
});

test('an extension of the unit: followers extended by as much, keepers kept, another phase skipped, a refusal reported', async () => {
  const { client } = fakeClient(['vnpt-follow', 'vnpt-keep', 'vnpt-refused', 'vnpt-ke-hoach']);
  const f = fakeActions();
  const outcomes = await followParentExtension(client, f.actions, {
    parentId: 'bo',
    unitId: 'vnpt',
    phaseId: 'ket-qua',
    movedMs: 1.5 * DAY,
    reason: 'Đơn vị tổ chức Đại hội muộn do bão',
    grantedBy: 'Vụ Thi đua',
  });
  expect(f.extended).toEqual([
    {
      id: 'vnpt-follow',
      by: '1.5d',
      reason: 'Theo gia hạn của đợt cấp trên bo cho đơn vị vnpt: Đơn vị tổ chức Đại hội muộn do bão',
    },
  ]);
  // In the order of their ids.
  expect(outcomes).toEqual([
    {
      campaignId: 'vnpt-follow',
      unitId: 'vnpt',
      result: 'extended',
      detail: '18/03/2015 17:00',
      approvalDeadline: '17:00 thứ Sáu, 27/03/2015',
    },
    {
      campaignId: 'vnpt-ke-hoach',
      unitId: 'vnpt',
      result: 'skipped',
      detail: 'nộp vào giai đoạn ke-hoach, không phải ket-qua',
    },
    { campaignId: 'vnpt-keep', unitId: 'vnpt', result: 'kept' },
    {
      campaignId: 'vnpt-refused',
      unitId: 'vnpt',
      result: 'failed',
      error: 'Giai đoạn tự kiểm điểm đã kết thúc (đang ở giai đoạn "Tổng hợp"); không thể gia hạn.',
      errorCode: 'refused',
    },
  ]);

  expect(subCampaignLines(outcomes, 'vi')).toContain(
    '  - vnpt-refused (đơn vị vnpt): KHÔNG thực hiện được: Giai đoạn tự kiểm điểm đã kết thúc',
  );
  expect(subCampaignLines(outcomes, 'en')).toContain(
    '  - vnpt-follow (unit vnpt): extended too, new deadline 18/03/2015 17:00; the rest of its plan moved, new synthesis approval deadline 17:00 thứ Sáu, 27/03/2015\n',
  );
  expect(subCampaignLines(outcomes, 'vi')).toContain(
    '  - vnpt-follow (đơn vị vnpt): đã gia hạn theo, hạn mới 18/03/2015 17:00; kế hoạch còn lại dời theo, hạn phê duyệt báo cáo tổng hợp mới 17:00 thứ Sáu, 27/03/2015\n',
  );
});

test("the parent's cancellation: those that cancel with it are cancelled, those that continue run on, an unreachable one is reported", async () => {
  const { client, queries } = fakeClient(['vnpt-follow', 'vnpt-keep', 'vtc-follow']);
  const f = fakeActions({ unreachable: 'vtc-follow' });
  const outcomes = await followParentCancel(client, f.actions, {
    parentId: 'bo',
    reason: 'Dừng theo chỉ đạo của Bộ',
    cancelledBy: 'Vụ Thi đua',
  });
  expect(queries).toEqual(['ParentCampaign = "bo" AND ExecutionStatus = "Running"']);
  expect(f.cancelled).toEqual([{ id: 'vnpt-follow', reason: 'Đợt cấp trên bo đã bị hủy: Dừng theo chỉ đạo của Bộ' }]);
  expect(outcomes.map((o) => `${o.campaignId}:${o.result}`)).toEqual([
    'vnpt-follow:cancelled',
    'vnpt-keep:continued',
    'vtc-follow:failed',
  ]);
  expect(outcomes[2].errorCode).toBe('no-worker');
  expect(subCampaignLines(outcomes, 'vi')).toContain(
    '  - vtc-follow (đơn vị vtc): KHÔNG thực hiện được: không có worker nào nhận việc\n',
  );
});

test('no sub-campaign: nothing to tell; a listing that fails is reported, not thrown', async () => {
  expect(await followOrReport(async () => [])).toEqual({});
  const failed = await followOrReport(async () => {
    throw new Error('search attribute ParentCampaign is not defined');
  });
  expect(failed.subCampaigns).toEqual([
    { campaignId: '*', unitId: '*', result: 'failed', error: 'search attribute ParentCampaign is not defined' },
  ]);
  expect(subCampaignLines(failed.subCampaigns, 'vi')).toBe(
    'Các đợt con:\n  - tìm đợt con: KHÔNG thực hiện được: search attribute ParentCampaign is not defined\n',
  );
});

/**
 * Many units' nominations for the awards tests at scale (issue 17): one collective nomination per
 * unit, worded as a real dossier is, in vote for the province's certificate of merit.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { awardsWorkflowId, type AwardNominationView, type CouncilMember } from '../../domain/award-types';
import { scheduleFrom } from '../../scripts/schedules';
import { awardsWorkflow, getAwardsStatus } from '../../workflows/awards';

export const scaleUnitId = (i: number): string => `don-vi-${String(i + 1).padStart(5, '0')}`;

export const scaleNominations = (n: number): AwardNominationView[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${scaleUnitId(i)}/1`,
    unitId: scaleUnitId(i),
    unitName: `Ủy ban nhân dân xã Tam Dương số ${i + 1}`,
    type: 'collective' as const,
    name: `Ủy ban nhân dân xã Tam Dương số ${i + 1}`,
    proposedForm: 'Bằng khen của Chủ tịch UBND tỉnh',
    reasons: 'Hoàn thành xuất sắc nhiệm vụ năm 2025, dẫn đầu phong trào thi đua xây dựng nông thôn mới nâng cao',
    receivedAt: '2026-10-15T03:00:00.000Z',
    check: { formCode: 'bang-khen-tinh', ruleFrom: '2023-01-01', route: 'council' as const, unmet: [], judged: [] },
    state: 'in-vote' as const,
    recused: [],
  }));

/**
 * Starts the awards workflow of the tests at scale (the province's council, a vote due in 5 days)
 * and waits until it has gathered its nominations.
 */
export async function startScaleAwards(
  env: TestWorkflowEnvironment,
  opts: { taskQueue: string; campaignId: string; council: CouncilMember[] },
): Promise<WorkflowHandle<typeof awardsWorkflow>> {
  const start = await env.currentTimeMs();
  const handle = await env.client.workflow.start(awardsWorkflow, {
    taskQueue: opts.taskQueue,
    workflowId: awardsWorkflowId(opts.campaignId),
    args: [
      {
        campaignId: opts.campaignId,
        planNumber: '67-KH/TU',
        title: 'Tổng kết',
        definitionRef: '0'.repeat(64),
        phaseName: 'Xét khen thưởng',
        timeZone: 'Asia/Ho_Chi_Minh',
        authority: 'ministry-province',
        council: opts.council,
        vote: scheduleFrom(start, { deadlineDays: 5, lockDays: 8, reminders: [], escalations: [] }),
        header: { style: 'state', issuingBody: 'UBND TỈNH VĨNH PHÚC', number: '…', place: 'Vĩnh Phúc' },
      },
    ],
  });
  while ((await handle.query(getAwardsStatus)).nominations.length === 0) await env.sleep(1000);
  return handle;
}

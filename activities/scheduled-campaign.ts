/**
 * The starter's one effect (issue 15): start the campaign of the period a schedule fired for, from
 * the template stored when the schedule was made. The period is read from the scheduled instant in
 * Việt Nam's time; a period whose campaign id exists (running, closed or cancelled) starts nothing
 * and says "kỳ … đã chạy". A retry after a start that went through finds the campaign it started
 * itself (the memo names the starter run) and reports it started, never twice.
 */
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { startCampaign } from '../app/campaigns';
import { preparePeriodCampaign, SCHEDULE_ZONE } from '../app/schedule-period';
import type { Settings } from '../config/settings';
import { loadWorkingCalendar } from '../config/holidays';
import { periodId, periodLabel, periodOfInstant } from '../domain/periods';
import { SCHEDULE_MEMO, type ScheduledRunInput, type ScheduledRunResult } from '../domain/schedule-types';
import { campaignWorkflowId } from '../domain/workflow-types';
import type { FileScheduleTemplates } from '../stores/schedule-templates';
import type { ActivityDeps } from './index';

/** Who started `campaign/<id>`, or undefined when it never ran. */
async function starterOf(client: Client, campaignId: string): Promise<{ starter?: string } | undefined> {
  try {
    const d = await client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
    const memo = (d.memo ?? {}) as Record<string, unknown>;
    return {
      starter: typeof memo[SCHEDULE_MEMO.starter] === 'string' ? (memo[SCHEDULE_MEMO.starter] as string) : undefined,
    };
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return undefined;
    throw err;
  }
}

export function createScheduledCampaignActivities(
  deps: Pick<ActivityDeps, 'client' | 'calendar' | 'definitions' | 'reports'> & {
    settings?: Settings;
    scheduleTemplates?: FileScheduleTemplates;
  },
) {
  return {
    async startScheduledPeriod(input: ScheduledRunInput): Promise<ScheduledRunResult> {
      const { client, settings, scheduleTemplates: templates } = deps;
      if (!client || !settings || !templates)
        throw new Error('the starter needs a client, settings and the template store');
      const template = templates.load(input.scheduleId);
      if (!template) {
        throw ApplicationFailure.nonRetryable(
          `Lịch định kỳ ${input.scheduleId} không còn mẫu kế hoạch (đã xóa?); không bắt đầu đợt nào.`,
          'ScheduleTemplateMissing',
        );
      }
      const period = periodOfInstant(input.scheduledAt, template.every, SCHEDULE_ZONE);
      const prepared = preparePeriodCampaign(
        input.scheduleId,
        template.yaml,
        templates.templateFile(input.scheduleId),
        period,
        { calendar: deps.calendar ?? loadWorkingCalendar() },
      );
      const base = { period: periodId(period), campaignId: prepared.campaignId };
      const ran = (existing: { starter?: string }): ScheduledRunResult =>
        existing.starter === input.starterWorkflowId
          ? { ...base, status: 'started', message: `Đã bắt đầu đợt ${prepared.campaignId} (${periodLabel(period)}).` }
          : {
              ...base,
              status: 'already-ran',
              message: `kỳ ${periodId(period)} đã chạy: đợt ${prepared.campaignId} đã có; không bắt đầu lại.`,
            };
      const existing = await starterOf(client, prepared.campaignId);
      if (existing) return ran(existing);
      if (!prepared.ok) {
        throw ApplicationFailure.nonRetryable(
          `Không bắt đầu được đợt ${prepared.campaignId} của kỳ ${periodId(period)}:\n${prepared.problems.join('\n')}`,
          'ScheduleTemplateInvalid',
        );
      }
      const outcome = await startCampaign(
        { client, settings },
        { reports: deps.reports, definitions: deps.definitions },
        {
          definition: prepared.definition,
          file: templates.templateFile(input.scheduleId),
          compiled: prepared.compiled,
          rejectDuplicate: true,
          memo: { [SCHEDULE_MEMO.scheduleId]: input.scheduleId, [SCHEDULE_MEMO.starter]: input.starterWorkflowId },
        },
      ).catch(async (err: unknown) => {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return undefined;
        throw err;
      });
      if (!outcome?.started) return ran((await starterOf(client, prepared.campaignId)) ?? {});
      const deadline = outcome.deadlineLocal ? `; hạn nộp báo cáo ${outcome.deadlineLocal}` : '';
      return {
        ...base,
        status: 'started',
        message: `Đã bắt đầu đợt ${prepared.campaignId} (${periodLabel(period)}), ${outcome.unitCount} đơn vị${deadline}.`,
      };
    },
  };
}

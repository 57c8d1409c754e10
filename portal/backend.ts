/**
 * What the portal asks of Temporal, behind one small interface so that the HTTP layer can be tested
 * without a server: read a unit (the `getUnitStatus` query), read its campaign's title and time zone,
 * submit a file reference (the `submitFile` update, with the workflow's own validators).
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { DefinitionStore } from '../stores/definition-store';
import {
  campaignWorkflowId,
  unitWorkflowId,
  type SubmissionReceipt,
  type SubmitFileInput,
  type SubmitNominationsInput,
  type UnitStatusView,
} from '../domain/workflow-types';
import { getCampaignStatus } from '../workflows/campaign';
import { getUnitStatus, submitFile, submitNominations } from '../workflows/unit-review';
import { noWorkerAnswered } from '../client/worker-deadline';

export interface CampaignInfo {
  title: string;
  timeZone: string;
}

export interface UnitBackend {
  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView>;
  campaignInfo(campaignId: string): Promise<CampaignInfo | undefined>;
  submitFile(campaignId: string, unitId: string, input: SubmitFileInput): Promise<SubmissionReceipt>;
  submitNominations(campaignId: string, unitId: string, input: SubmitNominationsInput): Promise<SubmissionReceipt>;
  /** When the campaign's workflow closed (completed, cancelled, terminated…), or undefined while it runs: links end with it. */
  campaignEndedAt(campaignId: string): Promise<string | undefined>;
}

/** Something the unit should read as is (a refusal, no worker, an unknown unit); nothing was changed. */
export class PortalRefusal extends Error {
  constructor(
    message: string,
    public readonly status: number,
  ) {
    super(message);
    this.name = 'PortalRefusal';
  }
}

/**
 * An update sent when no worker answered in time may still be applied once one does (the server
 * keeps it while it runs): the unit is asked to check before sending again.
 */
export const UPDATE_UNANSWERED_MESSAGE =
  'Hệ thống xử lý hồ sơ không phản hồi kịp; hồ sơ có thể chưa được ghi nhận. Sau ít phút, hãy tải lại trang ' +
  'và xem danh sách phiên bản trước khi nộp lại.';

export const NO_WORKER_MESSAGE =
  'Hệ thống xử lý hồ sơ hiện không phản hồi; chưa có gì được ghi nhận. Vui lòng thử lại sau ít phút ' +
  'hoặc liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.';

export class TemporalUnitBackend implements UnitBackend {
  private readonly campaigns = new Map<string, CampaignInfo>();
  /** Closed campaigns stay closed; a running one is asked again after 30 s. */
  private readonly ended = new Map<string, { closedAt?: string; checkedAt: number }>();

  constructor(
    private readonly client: Client,
    private readonly definitions: DefinitionStore,
    private readonly defaultTimeZone: string,
    /** How long to wait for a worker to answer a query or update before saying none answers. */
    private readonly workerDeadlineMs = 10_000,
  ) {}

  unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    return this.withWorker(() =>
      this.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).query(getUnitStatus),
    );
  }

  async campaignInfo(campaignId: string): Promise<CampaignInfo | undefined> {
    const cached = this.campaigns.get(campaignId);
    if (cached) return cached;
    try {
      const status = await this.withWorker(() =>
        this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
      );
      let timeZone = this.defaultTimeZone;
      try {
        timeZone = this.definitions.load(status.definitionRef).campaign.timeZone ?? timeZone;
      } catch {
        // The definition lives in the data folder of the worker; without it the default zone is used.
      }
      const info = { title: status.title, timeZone };
      this.campaigns.set(campaignId, info);
      return info;
    } catch {
      return undefined; // the unit's page still shows what its own workflow knows
    }
  }

  async campaignEndedAt(campaignId: string): Promise<string | undefined> {
    const known = this.ended.get(campaignId);
    if (known && (known.closedAt || Date.now() - known.checkedAt < 30_000)) return known.closedAt;
    let closedAt: string | undefined;
    try {
      const d = await this.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
      closedAt = d.closeTime?.toISOString();
    } catch (err) {
      // A campaign the server no longer knows (past its retention) has ended too.
      if ((err as Error).name !== 'WorkflowNotFoundError') throw err;
      closedAt = new Date(0).toISOString();
    }
    this.ended.set(campaignId, { closedAt, checkedAt: Date.now() });
    return closedAt;
  }

  submitFile(campaignId: string, unitId: string, input: SubmitFileInput): Promise<SubmissionReceipt> {
    return this.update(() =>
      this.client.workflow.getHandle(unitWorkflowId(campaignId, unitId)).executeUpdate(submitFile, { args: [input] }),
    );
  }

  submitNominations(campaignId: string, unitId: string, input: SubmitNominationsInput): Promise<SubmissionReceipt> {
    return this.update(() =>
      this.client.workflow
        .getHandle(unitWorkflowId(campaignId, unitId))
        .executeUpdate(submitNominations, { args: [input] }),
    );
  }

  /** An update; the workflow validator's refusal becomes a {@link PortalRefusal} in its own words. */
  private update<T>(fn: () => Promise<T>): Promise<T> {
    return this.withWorker(fn, UPDATE_UNANSWERED_MESSAGE).catch((err: unknown) => {
      if (err instanceof WorkflowUpdateFailedError) {
        throw new PortalRefusal(err.cause?.message ?? err.message, 409);
      }
      throw err;
    });
  }

  private async withWorker<T>(fn: () => Promise<T>, unanswered = NO_WORKER_MESSAGE): Promise<T> {
    const startedAt = Date.now();
    try {
      return await this.client.withDeadline(startedAt + this.workerDeadlineMs, fn);
    } catch (err) {
      const e = err as { name?: string };
      if (noWorkerAnswered(err, startedAt, this.workerDeadlineMs)) {
        throw new PortalRefusal(unanswered, 503);
      }
      if (e.name === 'WorkflowNotFoundError') {
        throw new PortalRefusal(
          'Không tìm thấy hồ sơ của đơn vị trong đợt thi đua này (đợt có thể chưa bắt đầu).',
          404,
        );
      }
      throw err;
    }
  }
}

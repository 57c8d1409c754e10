/**
 * The activities of the sub-campaign workflow tests (two and three levels): the real stores in `dir`
 * (definitions, sent log, reports), the real signals down the tree, the real word of a lock and the
 * real report up to the parent; unit mail answered at once; each campaign's synthesis approved as
 * soon as it is mailed (awaited inside the activity, so that time does not skip), with the real
 * draft for the campaigns `realDraft` names and a stub for the others.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import path from 'node:path';
import type { Transporter } from 'nodemailer';
import { createActivities } from '../../activities';
import { synthesisWorkflowId } from '../../domain/synthesis-types';
import type { DefinitionStore } from '../../stores/definition-store';
import { FileReportStore } from '../../stores/report-store';
import { FileSentLog } from '../../stores/sent-log';
import { approveSynthesis } from '../../workflows/synthesis';
import type { Activities } from './phase-workflow-harness';
import { withUnitLock } from './unit-lock';

export function subCampaignActivities(opts: {
  env: TestWorkflowEnvironment;
  dir: string;
  transport: Transporter;
  definitions: DefinitionStore;
  /** Each campaign's unit ids, in the order its batches load them. */
  units: (campaignId: string) => string[];
  realDraft: (campaignId: string) => boolean;
  approver: (campaignId: string) => string;
}): { real: Activities; activities: Activities; close: () => void } {
  const { env } = opts;
  const reports = new FileReportStore(path.join(opts.dir, 'reports'));
  const real = createActivities({
    transport: opts.transport,
    sentLog: new FileSentLog(path.join(opts.dir, 'sent')),
    definitions: opts.definitions,
    reports,
    links: {} as never,
    from: '"thidua" <thidua@vnpt.example.vn>',
    client: env.client,
  });
  const ref = { name: 'tong-hop.docx', size: 1, sha256: 'f'.repeat(64), contentType: 'application/x' };
  const activities = withUnitLock({
    async sendUnitMessage(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async lockUnitReports() {},
    // The batch's signals to its units and a unit's word of its lock: the real ones, on the test server.
    signalUnits: real.signalUnits,
    tellBatchLocked: real.tellBatchLocked,
    async loadUnitPage(input: { campaignId: string; offset: number; limit: number }) {
      return opts
        .units(input.campaignId)
        .slice(input.offset, input.offset + input.limit)
        .map((id) => ({ id, name: `Đơn vị ${id}` }));
    },
    async buildSynthesis(input: Parameters<Activities['buildSynthesis']>[0]) {
      if (opts.realDraft(input.campaignId)) return real.buildSynthesis(input);
      return { docx: ref, xlsx: ref, timelineSvg: ref, submissionsSvg: ref };
    },
    async mailSynthesis(input: { campaignId: string; key: string }) {
      await env.client.workflow
        .getHandle(synthesisWorkflowId(input.campaignId))
        .executeUpdate(approveSynthesis, { args: [{ approvedBy: opts.approver(input.campaignId) }] })
        .catch(() => undefined);
      return { sent: true, messageId: input.key, recipients: [] };
    },
    async synthesisApproved(input: { key: string }) {
      return { sent: true, messageId: input.key, recipients: [] };
    },
    reportSubCampaignResult: real.reportSubCampaignResult,
  }) as unknown as Activities;
  return { real, activities, close: () => reports.close() };
}

/**
 * A sub-campaign's result going up (issue 15, item 1): once its synthesis is approved, the approved
 * `.docx` becomes the summary report (or the report deliverable) of the parent's unit, and the
 * nominations the sub-campaign's units sent become that unit's nominations — through the same use
 * cases as a unit's own submission (`app/units.ts`), so the parent's rules decide.
 *
 * Idempotent: a file with the same sha256 already recorded by the parent's unit is not sent again,
 * nor nominations already recorded under the same submitter. A refusal by the parent (locked, phase
 * closed, cancelled, over quota) is final: returned as not sent, and the sub-campaign's secretariat
 * is told once (Message-ID from the key), never retried for ever.
 */
import { Context } from '@temporalio/activity';
import { submitUnitFile, submitUnitNominations, type SubmitDeps } from '../app/units';
import { AppError, asAppError } from '../app/temporal-errors';
import type { UnitInput } from '../domain/campaign-schema';
import { formatDeadline } from '../domain/messages';
import { composeSubCampaignRefusal } from '../domain/sub-campaign-messages';
import type { SubCampaignResultInput, SubCampaignResultOutcome } from '../domain/sub-campaign-types';
import { planTag } from '../domain/plan-document';
import type { SubmissionReceipt, SubmitFileInput, SubmitNominationsInput } from '../domain/submission-types';
import {
  unitWorkflowId,
  type DueSummary,
  type FileVersion,
  type Nomination,
  type NominationVersion,
  type UnitStatusView,
} from '../domain/workflow-types';
import { getUnitStatus, submitFile, submitNominations } from '../workflows/unit-review';
import { messageIdFor, sendOrReportRefusal } from './mail/send';
import { secretariatRecipients } from './mail/secretariat';
import type { ActivityDeps } from './index';

const flatten = (units: UnitInput[]): UnitInput[] => units.flatMap((u) => [u, ...flatten(u.subUnits ?? [])]);

/** Codes that say for sure the parent will not take it: not retried. */
const FINAL = ['refused', 'locked', 'not-found', 'already-completed', 'invalid'];

export function createSubCampaignActivities(deps: ActivityDeps) {
  const client = () => {
    if (!deps.client) throw new Error('reportSubCampaignResult needs a Temporal client in the activity dependencies');
    return deps.client;
  };

  /**
   * The parent's unit workflow, reached directly: the activity runs inside a worker, so the
   * use cases' worker check is not needed; failures become the use cases' {@link AppError}s.
   */
  const units: SubmitDeps['units'] = {
    unitStatus: (campaignId, unitId) =>
      client()
        .workflow.getHandle(unitWorkflowId(campaignId, unitId))
        .query(getUnitStatus)
        .catch((err: unknown) => {
          throw asAppError(err, { operation: 'read-unit', campaignId, unitId });
        }),
    submitFile: (campaignId, unitId, input: SubmitFileInput): Promise<SubmissionReceipt> =>
      client()
        .workflow.getHandle(unitWorkflowId(campaignId, unitId))
        .executeUpdate(submitFile, { args: [input] })
        .catch((err: unknown) => {
          throw asAppError(err, { operation: 'submit-file', update: true, campaignId, unitId });
        }),
    submitNominations: (campaignId, unitId, input: SubmitNominationsInput): Promise<SubmissionReceipt> =>
      client()
        .workflow.getHandle(unitWorkflowId(campaignId, unitId))
        .executeUpdate(submitNominations, { args: [input] })
        .catch((err: unknown) => {
          throw asAppError(err, { operation: 'submit-nominations', update: true, campaignId, unitId });
        }),
  };

  /** The latest nominations of each of the sub-campaign's units, in file order. */
  async function nominationsOf(input: SubCampaignResultInput): Promise<Nomination[]> {
    if (!input.definitionRef) return [];
    const definition = await deps.definitions.load(input.definitionRef);
    const all: Nomination[] = [];
    for (const unit of flatten(definition.units)) {
      const handle = client().workflow.getHandle(unitWorkflowId(input.subCampaignId, unit.id));
      const view = await handle.query(getUnitStatus);
      Context.current().heartbeat(unit.id);
      const last = view.nominations[view.nominations.length - 1];
      if (!last) continue;
      const full =
        view.latestNominations?.version === last.version
          ? view.latestNominations
          : await handle.query<NominationVersion | null, [number]>('getNominationVersion', last.version);
      all.push(...(full?.nominations ?? []));
    }
    return all;
  }

  /** Tells the sub-campaign's secretariat, once, what the parent refused. */
  async function tellSecretariat(
    input: SubCampaignResultInput,
    refused: 'result' | 'nominations',
    reason: string,
    phaseName: string | undefined,
  ): Promise<void> {
    if (!input.definitionRef) return;
    const definition = await deps.definitions.load(input.definitionRef);
    const header = definition.campaign;
    const to = secretariatRecipients(header);
    if (to.length === 0) return;
    const composed = composeSubCampaignRefusal({
      planNumber: planTag(header.plan),
      campaignTitle: header.title,
      secretariatName: header.secretariat.name,
      contacts: header.secretariat.contacts,
      parent: input.parent,
      ...(phaseName ? { phaseName } : {}),
      report: input.report.name,
      refused,
      reason,
    });
    // A refusal of the secretariat's own address is not retried either: the outcome stays in the status.
    await sendOrReportRefusal(deps.transport, deps.sentLog, {
      messageId: messageIdFor(`${input.subCampaignId}/sub-campaign/refused-${refused}`, deps.from),
      from: deps.from,
      to,
      ...composed,
    });
  }

  return {
    /** Submits the approved synthesis and the units' nominations to the parent's unit; see the module comment. */
    async reportSubCampaignResult(input: SubCampaignResultInput): Promise<SubCampaignResultOutcome> {
      const { parent } = input;
      // Names the sub-campaign and its approver; bounded as the workflow bounds a submitter's name.
      const submittedBy = (
        `Đợt con ${input.subCampaignId}${input.planNumber ? ` (${input.planNumber})` : ''}, ` +
        `phê duyệt: ${input.approvedBy}`
      ).slice(0, 200);
      // The server's time of this attempt: the workflows' clock, which the phase windows are on.
      const now = Context.current().info.currentAttemptScheduledTimestampMs;
      // The parent's phase as its plan names it ("Báo cáo kết quả"), for the letter; read with the unit.
      let phaseName = parent.phaseName;
      try {
        const view = await units.unitStatus(parent.campaignId, parent.unitId);
        phaseName ??= parent.phaseId ? view.deadlines?.find((d) => d.id === parent.phaseId)?.name : undefined;
        const sent = filesOf(view).find((f) => f.sha256 === input.report.sha256);
        let receipt: { receivedAt: string; late: boolean };
        if (sent) receipt = sent;
        else {
          const target = reportTarget(view, parent.phaseId, now);
          const content = await deps.reports.get(input.report.sha256);
          const done = await submitUnitFile(
            { units, reports: deps.reports, now: () => now },
            {
              campaignId: parent.campaignId,
              unitId: parent.unitId,
              kind: 'summary-report',
              ...(target.deliverable ? { deliverable: target.deliverable } : {}),
              ...(parent.phaseId ? { phaseId: parent.phaseId } : {}),
              name: input.report.name,
              contentType: input.report.contentType,
              content,
              submittedBy,
            },
          );
          receipt = done.receipt;
        }
        Context.current().heartbeat('report');
        const nominations = await nominationsOf(input);
        let nominationsRefused: string | undefined;
        const already = view.nominations.some((n) => n.submittedBy === submittedBy);
        if (nominations.length > 0 && !already) {
          try {
            await submitUnitNominations(
              { units, now: () => now },
              { campaignId: parent.campaignId, unitId: parent.unitId, nominations, submittedBy },
            );
          } catch (err) {
            nominationsRefused = finalReason(err);
            await tellSecretariat(input, 'nominations', nominationsRefused, phaseName);
          }
        }
        return {
          sent: true,
          receivedAt: receipt.receivedAt,
          late: receipt.late,
          nominations: nominationsRefused ? 0 : nominations.length,
          ...(nominationsRefused ? { nominationsRefused } : {}),
        };
      } catch (err) {
        if (err instanceof NotYetOpen) {
          // Written in the sub-campaign's zone (its clerks read it; the parent's is the same country's).
          const zone = input.definitionRef
            ? (await deps.definitions.load(input.definitionRef)).campaign.timeZone
            : 'Asia/Ho_Chi_Minh';
          const reason =
            `Giai đoạn "${err.phaseName}" của đơn vị ở đợt cấp trên chưa mở (mở lúc ` +
            `${formatDeadline(err.opensAt, zone)}); kết quả sẽ được nộp khi giai đoạn mở.`;
          return { sent: false, reason, notBefore: err.opensAt };
        }
        const reason = finalReason(err);
        await tellSecretariat(input, 'result', reason, phaseName);
        return { sent: false, reason };
      }
    },
  };
}

/** Every file the unit has recorded, in every deadline phase. */
function filesOf(view: UnitStatusView): FileVersion[] {
  return [...view.reports, ...view.papers, ...(view.deadlines ?? []).flatMap((d) => d.files)];
}

/** Whether the phase takes a summary report, and as which deliverable when it declares them (one that takes .docx). */
function reportTarget(view: UnitStatusView, phaseId: string | undefined, now: number): { deliverable?: string } {
  const phase = phaseId ? view.deadlines?.find((d) => d.id === phaseId) : undefined;
  if (phaseId && view.deadlines && !phase) throw refusal(`Đợt cấp trên không có giai đoạn nộp hồ sơ "${phaseId}".`);
  if (phase?.state === 'done') throw refusal(`Giai đoạn "${phase.name}" của đơn vị đã khóa lúc ${phase.lockLocal}.`);
  // Later, or current but its window not open yet (the unit moves on to it at the lock before).
  if (phase && (phase.state === 'later' || Date.parse(phase.windowStart) > now)) {
    throw new NotYetOpen(phase.name, phase.windowStart);
  }
  const due: DueSummary = phase?.due ?? view.due;
  if (due.deliverables) {
    const takesDocx = due.deliverables.filter((d) => d.accept.includes('docx'));
    const chosen = takesDocx.find((d) => d.required) ?? takesDocx[0];
    if (!chosen) {
      throw refusal(`Giai đoạn "${phase?.name ?? view.phase.name}" không nhận tệp Word (.docx) nào.`);
    }
    return { deliverable: chosen.id };
  }
  if (due.summaryReport === 'none') {
    throw refusal(`Giai đoạn "${phase?.name ?? view.phase.name}" không nhận báo cáo tổng kết.`);
  }
  return {};
}

/** The parent's phase opens later: the workflow waits for it (not a refusal). */
class NotYetOpen extends Error {
  constructor(
    readonly phaseName: string,
    readonly opensAt: string,
  ) {
    super(`phase "${phaseName}" opens at ${opensAt}`);
  }
}

function refusal(words: string): AppError {
  return new AppError('refused', { operation: 'submit-file', refusal: words });
}

/** The parent's words for a final refusal; anything else is thrown again, for Temporal to retry. */
function finalReason(err: unknown): string {
  if (!(err instanceof AppError) || !FINAL.includes(err.code) || !err.nothingChanged) throw err;
  const f = err.facts;
  switch (err.code) {
    case 'refused':
      return f.refusal ?? 'Đợt cấp trên từ chối.';
    case 'locked':
      return `Hồ sơ của đơn vị ${f.unitId ?? ''} đã khóa${f.lockedAt ? ` từ ${f.lockedAt}` : ''}.`;
    case 'not-found':
      return `Không có đơn vị ${f.unitId ?? ''} trong đợt cấp trên ${f.campaignId ?? ''} (hoặc đợt chưa bắt đầu).`;
    case 'already-completed':
      return `Đợt cấp trên ${f.campaignId ?? ''} đã kết thúc; không còn nhận hồ sơ.`;
    default:
      return f.value ?? f.refusal ?? 'Dữ liệu không hợp lệ.';
  }
}

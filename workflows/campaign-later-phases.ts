/**
 * The campaign's later phases that run as its children: the synthesis (and, for a sub-campaign, its
 * approved result going up to the parent) and the conference. Each starts its child, passes on a
 * cancel that arrived while it was starting, and waits for it to end. Moved from `campaign.ts`
 * unchanged (same commands in the same order: recorded histories replay).
 */
import { ParentClosePolicy, isCancellation, log, patched, startChild } from '@temporalio/workflow';
import { conferenceWorkflowId } from '../domain/conference-types';
import { synthesisWorkflowId, type SynthesisStatusView } from '../domain/synthesis-types';
import type { PhaseSchedule } from '../domain/timeline-types';
import type { CancelCampaignInput } from '../domain/workflow-types';
import type { CampaignContext } from './campaign';
import { passCancel } from './children';
import { reportPhaseFailure } from './phase-failures';
import { cancelConferenceSignal, conferenceWorkflow } from './conference';
import { reportUp } from './sub-campaign-report';
import { cancelSynthesis, synthesisWorkflow } from './synthesis';

/**
 * Runs the synthesis child (build, mail, approval) and waits until it ends: approved, or cancelled
 * with the campaign. Versioned: histories recorded before it only reached the phase.
 */
export async function runSynthesis(ctx: CampaignContext, phase: PhaseSchedule): Promise<void> {
  if (!patched('campaign-runs-synthesis')) {
    log.info('phase synthesis reached; recorded before the synthesis workflow existed');
    return;
  }
  const { input } = ctx;
  const compiled = input.compiled;
  const child = await startChild(synthesisWorkflow, {
    workflowId: synthesisWorkflowId(input.campaignId),
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    staticSummary: `${phase.name}: dự thảo báo cáo tổng hợp, chờ phê duyệt`,
    args: [
      {
        campaignId: input.campaignId,
        planNumber: input.planNumber,
        title: input.title,
        definitionRef: input.definitionRef,
        phaseName: phase.name,
        timeZone: compiled.timeZone,
        ...(phase.approval ? { approval: phase.approval } : {}),
        phases: compiled.phases.map((p) => ({
          kind: p.kind,
          name: p.name,
          start: p.windowStart.utc,
          end: p.windowEnd.utc,
          ...(p.deadline ? { deadline: p.deadline.deadline.utc, lock: p.deadline.lock.utc } : {}),
          ...(p.approval ? { deadline: p.approval.deadline.utc, lock: p.approval.lock.utc } : {}),
        })),
      },
    ],
  });
  ctx.synthesis = child;
  // A cancel that arrived while the child was starting did not reach it.
  const missed = missedCancel(ctx);
  if (missed) await passCancel(child, cancelSynthesis, 'synthesis', missed);
  let result: SynthesisStatusView | undefined;
  try {
    result = await child.result();
  } catch (err) {
    if (isCancellation(err)) throw err;
    // A failed synthesis does not hold the campaign: the later phases go on; the secretariat is told.
    await reportPhaseFailure(ctx, phase, synthesisWorkflowId(input.campaignId), err);
  }
  ctx.synthesisEnded = true;
  // A sub-campaign's approved result goes up to its parent's unit. Versioned, and asked only for a
  // campaign with a parent (no history recorded before it has one).
  if (input.parent && result?.approved && !ctx.cancelled() && patched('sub-campaign-report-up')) {
    ctx.view.reportedUp = await reportUp(input, result, {
      cancelled: ctx.cancelled,
      waiting: (outcome) => void (ctx.view.reportedUp = outcome),
    });
  }
}

/**
 * Runs the conference child (invitations, replies, changes) and waits until it ends: the outcome
 * recorded, or cancelled. Versioned: histories recorded before it only reached the phase.
 */
export async function runConference(ctx: CampaignContext, phase: PhaseSchedule): Promise<void> {
  if (!patched('campaign-runs-conference')) {
    log.info('phase conference reached; recorded before the conference workflow existed');
    return;
  }
  const { input } = ctx;
  const c = phase.conference;
  const when = c?.when ?? (phase.conferenceAt ? { kind: 'exact' as const, start: phase.conferenceAt.utc } : undefined);
  if (!c?.venue || !when) {
    log.warn('conference phase without its definition in the campaign input: reached only');
    return;
  }
  const child = await startChild(conferenceWorkflow, {
    workflowId: conferenceWorkflowId(input.campaignId),
    parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    staticSummary: `${phase.name}: giấy mời, đăng ký dự, kết quả`,
    args: [
      {
        campaignId: input.campaignId,
        planNumber: input.planNumber,
        title: input.title,
        definitionRef: input.definitionRef,
        phaseName: phase.name,
        timeZone: input.compiled.timeZone,
        when,
        ...(c?.start ? { startLocal: c.start.local } : {}),
        venue: c.venue,
        ...(c.organizer ? { organizer: c.organizer } : {}),
        agenda: c.agenda ?? [],
        ...(c?.invitationsAt ? { invitationsAt: c.invitationsAt.utc } : {}),
        ...(c?.replies ? { replySchedule: c.replies } : {}),
        ...(c?.attendeeReminderAt ? { attendeeReminderAt: c.attendeeReminderAt.utc } : {}),
      },
    ],
  });
  ctx.conference = child;
  const missed = missedCancel(ctx);
  if (missed) await passCancel(child, cancelConferenceSignal, 'conference', missed);
  try {
    await child.result();
  } catch (err) {
    if (isCancellation(err)) throw err;
    // A failed conference does not hold the campaign: the awards go on; the secretariat is told.
    await reportPhaseFailure(ctx, phase, conferenceWorkflowId(input.campaignId), err);
  }
}

export function missedCancel(ctx: CampaignContext): CancelCampaignInput | undefined {
  return ctx.down.flatMap((d) => (d.signal === 'cancel' ? [d.arg] : []))[0];
}

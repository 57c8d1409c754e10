/**
 * A campaign from plan issue to close. It starts the units in batches (a tree: campaign → batches of
 * at most 250 units → unit workflows), waits for the self-review phase to lock everywhere, then runs
 * the later phases. Each phase is one entry of {@link PHASE_RUNNERS}: synthesis, conference and
 * awards slot in there without touching the rest.
 */
import {
  ParentClosePolicy,
  condition,
  defineQuery,
  defineUpdate,
  getExternalWorkflowHandle,
  setCurrentDetails,
  setHandler,
  startChild,
  patched,
  type ChildWorkflowHandle,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
  allHandlersFinished,
  log,
  CancellationScope,
  isCancellation,
} from '@temporalio/workflow';
import type { PhaseKind } from '../domain/campaign-schema';
import { CampaignIdKey, DeadlineKey, PhaseKey } from '../domain/search-attributes';
import { MAX_EXTENSIONS, assertCancelTexts, assertExtensionTexts } from '../domain/submission-rules';
import type { PhaseSchedule } from '../domain/timeline-types';
import {
  batchWorkflowId,
  noUnitCounts,
  OPERATOR_CANCEL,
  UNITS_PER_BATCH,
  UNITS_PER_BATCH_BEFORE_ISSUE_17,
  type BatchResult,
  type CampaignInput,
  type CampaignExtensionResult,
  type CampaignStatusView,
  type CancelCampaignInput,
  type GrantExtensionInput,
} from '../domain/workflow-types';
import { cancelConferenceSignal, type conferenceWorkflow } from './conference';
import { passCancel, waitForChildren } from './children';
import { type awardsWorkflow, cancelAwards } from './awards';
import { runAwardsChild } from './awards-phase';
import { missedCancel, runConference, runSynthesis } from './campaign-later-phases';
import { reportPhaseFailure } from './phase-failures';
import {
  assertPlanOnlyMove,
  awaitPhaseWindow,
  currentPhaseName,
  movePlan,
  movePlanOnly,
  planOnly,
} from './campaign-plan-move';
import { cancelSynthesis, type synthesisWorkflow } from './synthesis';
import { batchCancel, batchClose, batchExtension, batchLocked, unitBatchWorkflow } from './unit-batch';
import { batchCounts, campaignDetails } from './campaign-details';
import {
  assertCampaignExtension,
  awaitDeadlineLock,
  currentDeadline,
  extensionTarget,
  publishDeadlines,
  unitPhaseOf,
} from './campaign-deadlines';

export const extendCampaign = defineUpdate<CampaignExtensionResult, [GrantExtensionInput]>('extendCampaign');
export const cancelCampaign = defineUpdate<{ cancelled: true }, [CancelCampaignInput]>('cancelCampaign');
export const getCampaignStatus = defineQuery<CampaignStatusView>('getCampaignStatus');

export interface CampaignContext {
  input: CampaignInput;
  /** Units per batch, decided when the campaign started. */
  perBatch: number;
  batches: number;
  /** Batches started so far: signals go to these only. */
  started: number;
  children: Array<ChildWorkflowHandle<typeof unitBatchWorkflow>>;
  locked: Map<number, BatchResult>;
  /** Batches locked per deadline phase (index among the deadline phases), several deadline phases only. */
  lockedByPhase: Array<Map<number, BatchResult>>;
  /** The deadline phases, in order (a campaign may have several). */
  deadlines: PhaseSchedule[];
  /** Every campaign-wide extension and cancel, in order: a batch started later is told of those it missed. */
  down: Array<{ signal: 'extension'; arg: GrantExtensionInput } | { signal: 'cancel'; arg: CancelCampaignInput }>;
  view: CampaignStatusView;
  cancelled: () => boolean;
  /** The synthesis child, once started: a cancel is passed on to it. */
  synthesis?: ChildWorkflowHandle<typeof synthesisWorkflow>;
  /** The conference child, once started: a cancel is passed on to it. */
  conference?: ChildWorkflowHandle<typeof conferenceWorkflow>;
  /** The awards child, once started: a cancel is passed on to it. */
  awards?: ChildWorkflowHandle<typeof awardsWorkflow>;
  /** Workflow time the remaining plan moved by, following the parent (campaign-plan-move.ts); 0 at first. */
  planShift: number;
  /** Set once the synthesis child has ended (approved, cancelled or failed): its deadline moves no more. */
  synthesisEnded?: boolean;
}

type PhaseRunner = (ctx: CampaignContext, phase: PhaseSchedule) => Promise<void>;

/** How each phase kind runs. Phases without a runner yet are recorded as reached at their window. */
const PHASE_RUNNERS: Partial<Record<PhaseKind, PhaseRunner>> = {
  // The plan is issued by each unit workflow as its first act: one message per unit, spread over
  // the batches, retried and de-duplicated per unit.
  'plan-issue': async () => undefined,
  'self-review': runSelfReview,
  synthesis: runSynthesis,
  conference: runConference,
  awards: (ctx, phase) =>
    runAwardsChild(ctx.input, phase, {
      missedCancel: () => missedCancel(ctx),
      started: (child) => void (ctx.awards = child),
      failed: (err, workflowId) => reportPhaseFailure(ctx, phase, workflowId, err),
    }),
};

export async function campaignWorkflow(input: CampaignInput): Promise<CampaignStatusView> {
  // Decided first, before any command. Versioned: histories recorded before it made batches of 250.
  const perBatch =
    input.unitsPerBatch ?? (patched('campaign-batches-of-100') ? UNITS_PER_BATCH : UNITS_PER_BATCH_BEFORE_ISSUE_17);
  const batches = Math.ceil(input.unitCount / perBatch);
  const selfReview = input.compiled.phases.find((p) => p.kind === 'self-review');
  const deadlines = input.compiled.phases.filter((p) => p.kind === 'self-review' && p.deadline);
  const several = deadlines.length > 1;
  const view: CampaignStatusView = {
    campaignId: input.campaignId,
    definitionRef: input.definitionRef,
    rehearsalFactor: input.compiled.rehearsal?.factor,
    selfReview: selfReview?.deadline,
    planNumber: input.planNumber,
    title: input.title,
    phase: input.compiled.phases[0].kind,
    unitCount: input.unitCount,
    batches,
    batchesLocked: 0,
    counts: { ...noUnitCounts(), pending: input.unitCount },
    extensions: [],
    ...(input.parent ? { parent: input.parent } : {}),
    ...(several
      ? {
          deadlinePhase: deadlines[0].id ?? deadlines[0].name,
          deadlinePhases: deadlines.map((p) => ({
            ...(p.id ? { id: p.id } : {}),
            name: p.name,
            schedule: p.deadline!,
            batchesLocked: 0,
          })),
        }
      : {}),
  };
  const ctx: CampaignContext = {
    input,
    perBatch,
    batches,
    started: 0,
    children: [],
    locked: new Map(),
    lockedByPhase: deadlines.map(() => new Map()),
    deadlines,
    down: [],
    view,
    cancelled: () => !!view.cancelled,
    planShift: 0,
  };

  let cancelDelivered = false;
  /** The cancel path, for `thidua campaign cancel` and for an operator's cancel of this workflow. */
  const cancel = async (req: CancelCampaignInput) => {
    view.cancelled = { reason: req.reason, by: req.cancelledBy, at: now() };
    view.phase = 'cancelled';
    upsertSearchAttributes([{ key: PhaseKey, value: 'cancelled' }]);
    ctx.down.push({ signal: 'cancel', arg: req });
    await signalBatches(ctx, (h) => h.signal(batchCancel, req));
    // Only campaigns that started a synthesis child (new histories) send this signal.
    if (ctx.synthesis) await passCancel(ctx.synthesis, cancelSynthesis, 'synthesis', req);
    if (ctx.conference) await passCancel(ctx.conference, cancelConferenceSignal, 'conference', req);
    if (ctx.awards) await passCancel(ctx.awards, cancelAwards, 'awards', req);
    cancelDelivered = true;
  };
  // The phases' windows and the zone ride on the query answer only (queries are not in the history).
  const timeline = {
    timeZone: input.compiled.timeZone,
    phases: input.compiled.phases.map((p) => ({
      kind: p.kind,
      name: p.name,
      start: p.windowStart.utc,
      end: p.windowEnd.utc,
      conferenceAt: p.conferenceAt?.utc,
    })),
  };
  setHandler(getCampaignStatus, () => ({ ...view, ...timeline }));
  setHandler(batchLocked, (result) => {
    if (several) {
      const phase = ctx.lockedByPhase[result.phase ?? 0];
      phase?.set(result.batch, result);
      const entry = view.deadlinePhases?.[result.phase ?? 0];
      if (entry && phase) entry.batchesLocked = phase.size;
      // The campaign's own lock count is its last deadline phase's.
      if ((result.phase ?? 0) < deadlines.length - 1) return;
    }
    ctx.locked.set(result.batch, result);
    view.batchesLocked = ctx.locked.size;
  });
  setHandler(
    extendCampaign,
    async (req): Promise<CampaignExtensionResult> => {
      // Followed from the parent once the units have locked: only the rest of the plan moves.
      if (req.fromParent && planOnly(ctx) && patched('follow-moves-plan'))
        return movePlanOnly(ctx, req, now(), tellBatches);
      const target = several ? extensionTarget(ctx, req) : undefined;
      const before = Date.parse(
        (target !== undefined ? view.deadlinePhases?.[target]?.schedule : view.selfReview)?.deadline.utc ?? '',
      );
      view.extensions.push({ to: req.schedule.deadline.utc, reason: req.reason, grantedBy: req.grantedBy, at: now() });
      if (target !== undefined && view.deadlinePhases) {
        view.deadlinePhases[target].schedule = req.schedule;
        publishDeadlines(view);
      }
      if (target === undefined || target === currentDeadline(ctx)) {
        view.selfReview = req.schedule;
        upsertSearchAttributes([{ key: DeadlineKey, value: new Date(req.schedule.deadline.utc) }]);
      }
      // Units are told which deadline phase it extends: each may stand at its own.
      const down = target !== undefined && deadlines[target].id ? { ...req, phaseId: deadlines[target].id } : req;
      ctx.down.push({ signal: 'extension', arg: down });
      await signalBatches(ctx, (h) => h.signal(batchExtension, down));
      // A sub-campaign following its parent: the rest of its plan moves by as much.
      if (req.fromParent && Number.isFinite(before) && patched('follow-moves-plan')) {
        const by = Date.parse(req.schedule.deadline.utc) - before;
        const plan = await movePlan(ctx, req, by, now(), { unitsExtended: true, target, tell: tellBatches });
        return { deadline: req.schedule.deadline.utc, plan };
      }
      return { deadline: req.schedule.deadline.utc };
    },
    {
      validator: (req) => {
        if (view.cancelled) throw new Error('Đợt tổng kết đã bị hủy; không thể gia hạn.');
        if (req.fromParent && planOnly(ctx)) return assertPlanOnlyMove(ctx, req);
        if (view.phase !== 'self-review' && view.phase !== 'plan-issue') {
          throw new Error(
            `Giai đoạn tự kiểm điểm đã kết thúc (đang ở giai đoạn "${currentPhaseName(ctx)}"); không thể gia hạn.`,
          );
        }
        if (!req.reason?.trim()) throw new Error('Cần ghi lý do gia hạn.');
        assertExtensionTexts(req);
        if (several) return assertCampaignExtension(ctx, req, view.extensions.length);
        if (req.phaseId !== undefined)
          throw new Error(`Đợt chỉ có một giai đoạn nộp hồ sơ; không có mã "${req.phaseId}".`);
        if (view.extensions.length >= MAX_EXTENSIONS) {
          throw new Error(`Đợt đã được gia hạn ${view.extensions.length} lần, tối đa ${MAX_EXTENSIONS} lần.`);
        }
        const to = Date.parse(req.schedule?.deadline?.utc ?? '');
        if (!Number.isFinite(to) || to <= Date.now()) throw new Error('Hạn mới phải là một thời điểm trong tương lai.');
        // An "extension" to an earlier date would leave the campaign showing a deadline no unit has
        // (units apply a campaign-wide extension only if it moves their deadline later).
        const current = Date.parse(view.selfReview?.deadline.utc ?? '');
        if (Number.isFinite(current) && to <= current) {
          throw new Error(
            `Hạn mới ${req.schedule.deadline.local} phải sau hạn hiện tại ${view.selfReview?.deadline.local}; gia hạn không thể rút ngắn thời hạn.`,
          );
        }
      },
    },
  );
  const tellBatches = (down: GrantExtensionInput) => signalBatches(ctx, (h) => h.signal(batchExtension, down));
  setHandler(
    cancelCampaign,
    async (req) => {
      await cancel(req);
      return { cancelled: true as const };
    },
    {
      validator: (req) => {
        if (view.cancelled) throw new Error(`Đợt tổng kết đã bị hủy lúc ${view.cancelled.at}.`);
        if (view.phase === 'closed') throw new Error('Đợt tổng kết đã kết thúc.');
        if (!req.reason?.trim()) throw new Error('Cần ghi lý do hủy: mọi đơn vị sẽ được thông báo lý do.');
        assertCancelTexts(req);
      },
    },
  );

  upsertMemo({ planNumber: input.planNumber, title: input.title, unitCount: input.unitCount });
  upsertSearchAttributes([
    { key: CampaignIdKey, value: input.campaignId },
    ...(selfReview?.deadline ? [{ key: DeadlineKey, value: new Date(selfReview.deadline.deadline.utc) }] : []),
  ]);

  try {
    for (const phase of input.compiled.phases) {
      if (view.cancelled) break;
      // A phase starts at its window (the plan is issued at once: its window may lie in the past of a
      // rehearsal), as the plan now stands (moved if it followed the parent).
      const planned = await awaitPhaseWindow(ctx, phase);
      if (view.cancelled) break;
      view.phase = phase.kind;
      upsertSearchAttributes([{ key: PhaseKey, value: phase.kind }]);
      setCurrentDetails(campaignDetails(input.planNumber, phase.name, input.unitCount, ctx.locked.values()));
      const runner = PHASE_RUNNERS[phase.kind];
      if (runner) await runner(ctx, planned);
      else log.info(`phase ${phase.kind} reached; its automation comes in a later release`);
    }
    if (!view.cancelled) {
      view.phase = 'closed';
      upsertSearchAttributes([{ key: PhaseKey, value: 'closed' }]);
    }
    // The close must reach the batches after the cancel, or a unit closed first is never told why.
    if (view.cancelled && patched('close-after-cancel-delivered')) await condition(() => cancelDelivered);
    await signalBatches(ctx, (h) => h.signal(batchClose));
    // Completing while the batches still pass the close on would send them the parent-close cancel
    // in the middle of it: wait for them. Versioned: histories recorded before it complete at once.
    if (patched('campaign-waits-for-batches')) await waitForChildren(ctx.children, 'batch');
    // Inside the try: a cancel that arrives while the campaign finishes is handled as well.
    return await finish();
  } catch (err) {
    // Cancelled by an operator (Temporal UI, `temporal workflow cancel`): the same as `thidua
    // campaign cancel` — batches and units told and locked, final search attributes — instead of
    // every workflow ending Canceled with units never told. Versioned: histories recorded before it
    // ended Canceled.
    if (!isCancellation(err) || !patched('campaign-operator-cancel')) throw err;
    return await CancellationScope.nonCancellable(async () => {
      if (!view.cancelled) await cancel(OPERATOR_CANCEL);
      await waitForChildren(ctx.children, 'batch');
      return finish();
    });
  }

  async function finish(): Promise<CampaignStatusView> {
    await condition(allHandlersFinished);
    const stage = view.cancelled ? 'đã hủy: ' + view.cancelled.reason : 'đã kết thúc';
    setCurrentDetails(campaignDetails(input.planNumber, stage, input.unitCount, ctx.locked.values()));
    return view;
  }
}

/** Starts the unit batches and waits until every batch has locked (or the campaign is cancelled). */
async function runSelfReview(ctx: CampaignContext, phase: PhaseSchedule): Promise<void> {
  const { input } = ctx;
  const { perBatch } = ctx;
  if (!phase.deadline) throw new Error('self-review phase without a deadline schedule');
  // A later deadline phase: the units, started with every deadline, go on to it by themselves once
  // the one before locks; the campaign waits for its lock. Several deadline phases exist only in
  // histories recorded after this change (a second self-review phase was refused before).
  const index = ctx.deadlines.indexOf(phase);
  if (index > 0) return awaitDeadlineLock(ctx, index);
  const unitPhase = {
    kind: phase.kind,
    name: phase.name,
    windowStart: phase.windowStart.utc,
    schedule: phase.deadline,
    due: input.due,
  };
  const unitPhases =
    ctx.deadlines.length > 1 ? ctx.deadlines.map((p, i) => unitPhaseOf(p, input.dues?.[i] ?? input.due)) : undefined;
  // A cancel or extension that arrives while the batches are being started reaches only those
  // already started: the others are started with it, or told of it once started, and none is started
  // after a cancel. Versioned: histories recorded before it started every batch as planned.
  const tellLate = patched('campaign-tells-late-batches');
  for (let batch = 0; batch < ctx.batches; batch++) {
    if (tellLate && ctx.cancelled()) break;
    const seen = ctx.down.length;
    const extension = tellLate ? lastExtension(ctx) : undefined;
    const child = await startChild(unitBatchWorkflow, {
      workflowId: batchWorkflowId(input.campaignId, batch),
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      staticSummary: `Đơn vị ${batch * perBatch + 1}–${Math.min((batch + 1) * perBatch, input.unitCount)}`,
      args: [
        {
          campaignId: input.campaignId,
          planNumber: input.planNumber,
          definitionRef: input.definitionRef,
          contact: input.contact,
          batch,
          offset: batch * perBatch,
          limit: perBatch,
          phase: unitPhases?.[0] ?? unitPhase,
          ...(unitPhases ? { phases: unitPhases } : {}),
          parentWorkflowId: workflowInfo().workflowId,
          ...(extension ? { extension } : {}),
        },
      ],
    });
    ctx.children.push(child);
    ctx.started = batch + 1;
    // What arrived while this batch was starting went only to the batches before it.
    for (const missed of tellLate ? ctx.down.slice(seen) : []) {
      const sent =
        missed.signal === 'extension'
          ? child.signal(batchExtension, missed.arg)
          : child.signal(batchCancel, missed.arg);
      await sent.catch((err: unknown) => log.warn(`signal to batch ${batch} not delivered`, { err }));
    }
  }
  if (unitPhases) return awaitDeadlineLock(ctx, 0);
  await condition(() => ctx.cancelled() || ctx.locked.size >= ctx.batches);
  ctx.view.counts = batchCounts(ctx.locked.values()).counts;
  const ended = [...ctx.locked.values()].flatMap((r) => r.ended ?? []);
  if (ended.length > 0) ctx.view.endedUnits = ended;
}

async function signalBatches(
  ctx: CampaignContext,
  send: (handle: ReturnType<typeof getExternalWorkflowHandle>) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: ctx.started }, (_, batch) =>
      send(getExternalWorkflowHandle(batchWorkflowId(ctx.input.campaignId, batch))).catch((err: unknown) =>
        log.warn(`signal to batch ${batch} not delivered`, { err }),
      ),
    ),
  );
}

/** The campaign's cancel, when one came: a phase's child started after it is told at once. */
function lastExtension(ctx: CampaignContext): GrantExtensionInput | undefined {
  const extensions = ctx.down.flatMap((d) => (d.signal === 'extension' ? [d.arg] : []));
  return extensions[extensions.length - 1];
}

function now(): string {
  return new Date(Date.now()).toISOString();
}

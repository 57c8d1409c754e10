/**
 * A slice of a campaign's units (at most {@link UNITS_PER_BATCH}): starts one unit workflow per unit
 * and gathers their lock signals, so that no parent holds more than a few hundred children and every
 * history stays far below Temporal's limits even for a national campaign of 10,000 units.
 */
import {
  ParentClosePolicy,
  condition,
  defineSignal,
  getExternalWorkflowHandle,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  startChild,
  patched,
  upsertSearchAttributes,
  workflowInfo,
  log,
  CancellationScope,
  isCancellation,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { CampaignIdKey, PhaseKey } from '../domain/search-attributes';
import {
  OPERATOR_CANCEL,
  noUnitCounts,
  unitWorkflowId,
  type BatchInput,
  type BatchResult,
  type CancelCampaignInput,
  type GrantExtensionInput,
  type SubmissionStatus,
  type UnitPhaseInput,
  type UnitReviewInput,
} from '../domain/workflow-types';
import { waitForChildren } from './children';
import { unitAttributes, unitMemo } from './unit-publish';
import { initialState } from './unit-state';
import { DECIDED_UNIT_PATCHES } from './unit-patches';
import { campaignExtension, cancelUnit, closeUnit, unitLocked, unitReviewWorkflow } from './unit-review';

export const batchLocked = defineSignal<[BatchResult]>('batchLocked');
/** Down the tree: campaign → batch → units. */
export const batchExtension = defineSignal<[GrantExtensionInput]>('batchExtension');
export const batchCancel = defineSignal<[CancelCampaignInput]>('batchCancel');
export const batchClose = defineSignal('batchClose');

const { loadUnitPage } = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
});
// 250 signals take seconds; the heartbeat tells a stuck attempt from a slow one.
const signalOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumInterval: '1 minute' },
} as const;
const { signalUnits } = proxyActivities<ReturnType<typeof createActivities>>(signalOptions);

/** The unit workflow's signals by name (`campaignExtension`, `cancelUnit`, `closeUnit` in unit-review.ts). */
const UNIT_SIGNALS = { extension: 'campaignExtension', cancel: 'cancelUnit', close: 'closeUnit' } as const;
const SIGNAL_LABELS = { extension: 'Gia hạn toàn đợt', cancel: 'Hủy đợt', close: 'Kết thúc đợt' } as const;

export async function unitBatchWorkflow(input: BatchInput): Promise<BatchResult> {
  // One map of lock statuses per deadline phase (a campaign with one has one): the batch reports each
  // phase's lock to the campaign once every unit has locked it.
  const deadlines = Math.max(1, input.phases?.length ?? 1);
  const byPhase = Array.from({ length: deadlines }, () => new Map<string, SubmissionStatus>());
  const statuses = byPhase[0];
  const pendingDown: Array<{
    signal: 'extension' | 'cancel' | 'close';
    arg?: GrantExtensionInput | CancelCampaignInput;
  }> = [];
  let closed = false;

  setHandler(unitLocked, ({ unitId, status, phase }) => void byPhase[phase ?? 0]?.set(unitId, status));
  setHandler(batchExtension, (arg) => void pendingDown.push({ signal: 'extension', arg }));
  setHandler(batchCancel, (arg) => void pendingDown.push({ signal: 'cancel', arg }));
  setHandler(batchClose, () => {
    closed = true;
    pendingDown.push({ signal: 'close' });
  });

  let children: Array<ChildWorkflowHandle<typeof unitReviewWorkflow>> = [];
  let ids: string[] = [];
  const ended: string[] = [];
  let cancelForwarded = false;
  /**
   * Signals to the units go out from one activity (`activities/unit-signals.ts`): from the batch
   * itself each costs its history two events, 500 per campaign-wide extension for 250 units.
   * Versioned, decided on first use: histories recorded before it signalled each unit from here.
   */
  let byActivity: boolean | undefined;
  const forward = async () => {
    while (pendingDown.length > 0) {
      const item = pendingDown.shift()!;
      // A cancelled unit ends by itself once it has told its people: a close after the cancel would
      // only fail against units already finished (thousands at 10,000 units, 2 events each).
      // Versioned: histories recorded before it still send the close.
      if (item.signal === 'close' && cancelForwarded && patched('batch-no-close-after-cancel')) continue;
      if (item.signal === 'cancel') cancelForwarded = true;
      if ((byActivity ??= patched('batch-signals-by-activity'))) {
        const { ended: gone } = await signalUnits.executeWithOptions(
          { ...signalOptions, summary: `${SIGNAL_LABELS[item.signal]} → ${ids.length} đơn vị` },
          [
            {
              workflowIds: ids.map((id) => unitWorkflowId(input.campaignId, id)),
              signal: UNIT_SIGNALS[item.signal],
              ...(item.arg ? { arg: item.arg } : {}),
            },
          ],
        );
        if (gone.length > 0) log.warn(`signal ${item.signal} not delivered to ${gone.length} ended unit(s)`);
        continue;
      }
      await Promise.all(
        ids.map((id) => {
          const handle = getExternalWorkflowHandle(unitWorkflowId(input.campaignId, id));
          const sent =
            item.signal === 'extension'
              ? handle.signal(campaignExtension, item.arg as GrantExtensionInput)
              : item.signal === 'cancel'
                ? handle.signal(cancelUnit, item.arg as CancelCampaignInput)
                : handle.signal(closeUnit);
          // A unit that already completed (cancelled, or reset by an operator) cannot be signalled:
          // that is expected for it, so log it and go on with the others.
          return sent.catch((err: unknown) => log.warn(`signal ${item.signal} to unit ${id} not delivered`, { err }));
        }),
      );
    }
  };

  try {
    upsertSearchAttributes([
      { key: CampaignIdKey, value: input.campaignId },
      { key: PhaseKey, value: input.phase.kind },
    ]);
    // Started after the campaign was cancelled: no unit to start (the campaign starts no such batch;
    // an operator's restart might).
    if (input.cancelled) pendingDown.push({ signal: 'cancel', arg: input.cancelled });
    // Started after a campaign-wide extension: the units get it as the others did.
    if (input.extension) pendingDown.push({ signal: 'extension', arg: input.extension });
    const units = input.cancelled
      ? []
      : await loadUnitPage.executeWithOptions(
          {
            startToCloseTimeout: '1 minute',
            summary: `Đọc danh sách đơn vị ${input.offset + 1}–${input.offset + input.limit}`,
          },
          [
            {
              campaignId: input.campaignId,
              definitionRef: input.definitionRef,
              offset: input.offset,
              limit: input.limit,
            },
          ],
        );
    /**
     * Units started with their memo and search attributes, which each would otherwise write on its
     * first task (2 of its history events, issue 17). Versioned: histories recorded before it started
     * units without them.
     */
    const withAttributes = units.length > 0 && patched('batch-starts-units-with-attributes');
    /**
     * Units started with their patches decided (`workflows/unit-patches.ts`): 2 events for the batch
     * instead of 2 per patch and unit (6 of a normal unit's 62). Versioned: histories recorded before
     * it started units that call `patched()` themselves.
     */
    const decidePatches = units.length > 0 && patched('batch-decides-unit-patches');
    children = await Promise.all(
      units.map((unit) => {
        // A unit that owes its own deliverables gets its own due in each phase.
        const own = (i: number, p: UnitPhaseInput): UnitPhaseInput =>
          unit.dues?.[i] ? { ...p, due: unit.dues[i] } : p;
        const phases = input.phases?.map((p, i) => own(i, p));
        const args: UnitReviewInput = {
          campaignId: input.campaignId,
          planNumber: input.planNumber,
          definitionRef: input.definitionRef,
          unitId: unit.id,
          unitName: unit.name,
          contact: input.contact,
          phase: phases?.[0] ?? (unit.dues?.[0] ? own(0, input.phase) : input.phase),
          ...(phases ? { phases } : {}),
          issuePlan: true,
          parentWorkflowId: workflowInfo().workflowId,
          ...(decidePatches ? { decidedPatches: DECIDED_UNIT_PATCHES } : {}),
        };
        return startChild(unitReviewWorkflow, {
          workflowId: unitWorkflowId(input.campaignId, unit.id),
          // Units outlive nothing: closing or cancelling the campaign ends them; abandoning keeps a
          // unit's history if only its batch is reset by an operator.
          parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
          staticSummary: `${unit.name} — ${input.phase.name}`,
          args: [args],
          ...(withAttributes
            ? {
                memo: unitMemo(args),
                typedSearchAttributes: unitAttributes(args, initialState(args)),
              }
            : {}),
        });
      }),
    );
    ids = units.map((u) => u.id);
    // A unit whose workflow ended without completing (terminated, failed, timed out) will never report
    // its lock: count it as missing and go on, or the batch and the campaign wait for it forever.
    // Versioned: histories recorded before it kept waiting.
    if (patched('batch-counts-ended-units')) {
      children.forEach((child, i) =>
        child.result().catch((err: unknown) => {
          log.warn(`unit ${ids[i]} ended without completing: counted as missing`, { err });
          for (const phase of byPhase) if (!phase.has(ids[i])) phase.set(ids[i], 'missing');
          ended.push(ids[i]);
        }),
      );
    }
    setCurrentDetails(`${units.length} đơn vị (${input.offset + 1}–${input.offset + units.length})`);

    // The deadline phases reported locked so far (one campaign-wide deadline: 0 or 1).
    let reported = 0;
    const lockedNext = () => reported < deadlines && byPhase[reported].size >= ids.length;
    while (!closed || pendingDown.length > 0) {
      await condition(() => pendingDown.length > 0 || closed || lockedNext());
      await forward();
      while (lockedNext()) {
        const phase = reported++;
        await getExternalWorkflowHandle(input.parentWorkflowId).signal(
          batchLocked,
          deadlines > 1 ? { ...result(phase), phase } : result(),
        );
        setCurrentDetails(
          deadlines > 1
            ? `${units.length} đơn vị — đã khóa ${input.phases![phase].name}`
            : `${units.length} đơn vị — đã khóa`,
        );
      }
    }
    // As the campaign does for its batches: let the units finish closing before the parent-close
    // cancel could reach them. Versioned: histories recorded before it complete at once.
    if (patched('batch-waits-for-units')) await waitForChildren(children, 'unit');
    return result();
  } catch (err) {
    // Cancelled by an operator (directly, or as the child of a cancelled campaign): the units are
    // told and lock, as after `thidua campaign cancel`, instead of ending Canceled untold.
    // Versioned: histories recorded before it ended Canceled.
    if (!isCancellation(err) || !patched('batch-operator-cancel')) throw err;
    return await CancellationScope.nonCancellable(async () => {
      if (!cancelForwarded && !pendingDown.some((d) => d.signal === 'cancel')) {
        pendingDown.unshift({ signal: 'cancel', arg: OPERATOR_CANCEL });
      }
      await forward();
      await waitForChildren(children, 'unit');
      return result();
    });
  }

  function result(phase = deadlines - 1): BatchResult {
    const counts = noUnitCounts();
    // The batch's result is that of its last deadline phase (the only one, for most campaigns).
    for (const status of (byPhase[phase] ?? statuses).values()) counts[status] += 1;
    return { batch: input.batch, units: ids.length, counts, ...(ended.length > 0 ? { ended: [...ended] } : {}) };
  }
}

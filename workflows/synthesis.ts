/**
 * The synthesis phase of a campaign (a child of the campaign workflow): build the draft report from
 * the units' state, mail it to the secretariat and the approvers, then wait for the approval — with
 * reminders to the approvers before the approval deadline and escalations to the secretariat after
 * it, each sent once, the way a unit's deadline runs (`unit-review.ts`). Approvers approve a version
 * or return it with remarks; the secretariat uploads a revised `.docx` or has the draft rebuilt. The
 * approval locks the synthesis and ends the workflow; the campaign then moves on.
 *
 * Updates answer at once (the state changes, the effect is queued): a build or a message that takes
 * minutes runs in the main loop, never inside an update a person is waiting for.
 */
import {
  CancellationScope,
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  isCancellation,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { CampaignIdKey, DeadlineKey, LockedKey, PhaseKey } from '../domain/search-attributes';
import { MAX_PERSON_CHARS, assertText } from '../domain/submission-rules';
import {
  MAX_SYNTHESIS_REMARKS_CHARS,
  MAX_SYNTHESIS_VERSIONS,
  type ApproveSynthesisInput,
  type ReturnSynthesisInput,
  type ReviseSynthesisInput,
  type SynthesisMailInput,
  type SynthesisMailResult,
  type SynthesisState,
  type SynthesisStatusView,
  type SynthesisVersion,
  type SynthesisWorkflowInput,
} from '../domain/synthesis-types';
import { OPERATOR_CANCEL, type CancelCampaignInput, type MoveSynthesisDeadlineInput } from '../domain/workflow-types';
import { stepDue } from './timed-steps';
import { synthesisMailSummary, type SynthesisMailActivity } from './mail-summaries';

export const approveSynthesis = defineUpdate<SynthesisStatusView, [ApproveSynthesisInput]>('approveSynthesis');
export const returnSynthesis = defineUpdate<SynthesisStatusView, [ReturnSynthesisInput]>('returnSynthesis');
export const reviseSynthesis = defineUpdate<SynthesisStatusView, [ReviseSynthesisInput]>('reviseSynthesis');
export const rebuildSynthesis = defineUpdate<SynthesisStatusView, [{ requestedBy: string }]>('rebuildSynthesis');
/** From the campaign: it was cancelled; the synthesis ends cancelled and refuses every change. */
export const cancelSynthesis = defineSignal<[CancelCampaignInput]>('cancelSynthesis');
/**
 * From the campaign: its remaining plan moved (it followed its parent's extension), so the approval
 * deadline moves to `approval`; reminders not yet due are rescheduled, as are those the move puts back
 * in the future. Ignored once approved or cancelled (the campaign's validator refuses those it knows of).
 */
export const moveSynthesisDeadline = defineSignal<[MoveSynthesisDeadlineInput]>('moveSynthesisDeadline');
export const getSynthesisStatus = defineQuery<SynthesisStatusView>('getSynthesisStatus');

// Mail outages can last hours: retry with backoff (as the units' messages do).
const mail = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes', maximumAttempts: 40 },
});
// Gathering queries every unit's workflow: minutes for a large campaign, alive through heartbeats.
const builder = proxyActivities<ReturnType<typeof createActivities>>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

type MailActivity = SynthesisMailActivity;

interface OutboxItem {
  activity: MailActivity;
  key: string;
  input: Omit<SynthesisMailInput, 'campaignId' | 'definitionRef' | 'key' | 'deadline'>;
}

export async function synthesisWorkflow(input: SynthesisWorkflowInput): Promise<SynthesisStatusView> {
  const { campaignId } = input;
  let schedule = input.approval;
  /** Times the approval deadline moved: the reminders and escalations it re-arms get new keys. */
  let moves = 0;
  let state: SynthesisState = 'building';
  const versions: SynthesisVersion[] = [];
  const returns: SynthesisStatusView['returns'] = [];
  let approved: SynthesisStatusView['approved'];
  let cancelled: { reason: string; by: string; at: string } | undefined;
  let remindersSent = 0;
  let escalationsSent = 0;
  /** Timed steps done (sent or skipped): each reminder and escalation at most once. */
  const handled: string[] = [];
  /** A build asked for (the first one, or a rebuild) and not yet run. */
  let pendingBuild: { version: number; by: string } | undefined = { version: 1, by: 'thidua' };
  const outbox: OutboxItem[] = [];
  let changes = 0;
  const touch = () => void changes++;
  const now = () => Date.now();
  const iso = (ms = now()) => new Date(ms).toISOString();
  const deadlineMs = () => (schedule ? Date.parse(schedule.deadline.utc) : undefined);
  /** A step's message key: the original one until the deadline moves (recorded histories keep theirs). */
  const stepKey = (id: string) => (moves > 0 ? `move${moves}/${id}` : id);
  const latest = () => versions[versions.length - 1];
  /** Versions recorded or being built: the bound counts both. */
  const versionCount = () => versions.length + (pendingBuild ? 1 : 0);

  const view = (): SynthesisStatusView => ({
    campaignId,
    state,
    versions: [...versions],
    ...(schedule
      ? { deadline: schedule.deadline.utc, deadlineLocal: schedule.deadline.local, lock: schedule.lock.utc }
      : {}),
    ...(approved ? { approved } : {}),
    returns: [...returns],
    remindersSent,
    escalationsSent,
  });

  const STATE_LABELS: Record<SynthesisState, string> = {
    building: 'đang tổng hợp dự thảo',
    'awaiting-approval': 'chờ phê duyệt',
    returned: 'đã trả lại để chỉnh sửa',
    approved: 'đã phê duyệt',
    cancelled: 'đã hủy',
  };
  const publish = () => {
    upsertSearchAttributes([
      { key: CampaignIdKey, value: campaignId },
      {
        key: PhaseKey,
        value: state === 'approved' ? 'synthesis-approved' : state === 'cancelled' ? 'cancelled' : 'synthesis',
      },
      { key: LockedKey, value: state === 'approved' || state === 'cancelled' },
      ...(schedule ? [{ key: DeadlineKey, value: new Date(schedule.deadline.utc) }] : []),
    ]);
    const v = latest();
    setCurrentDetails(
      `**${input.planNumber}** — ${input.phaseName}: ${STATE_LABELS[state]}` +
        (v ? ` (dự thảo lần ${v.version}${v.source === 'uploaded' ? ', bản sửa tải lên' : ''})` : '') +
        (schedule && !approved ? `; hạn phê duyệt ${schedule.deadline.local}` : '') +
        (approved ? `; phê duyệt lúc ${approved.at} bởi ${approved.by}` : ''),
    );
  };

  // ---- refusals (Vietnamese: the validator's words reach the person) ------------------------------

  const assertOpen = (action: string) => {
    if (cancelled) throw new Error(`Đợt đã bị hủy lúc ${cancelled.at} (${cancelled.reason}); không thể ${action}.`);
    if (approved) {
      throw new Error(
        `Báo cáo tổng hợp đã được phê duyệt lúc ${approved.at} (dự thảo lần ${approved.version}, ${approved.by}); không thể ${action}.`,
      );
    }
  };
  const assertPerson = (label: string, value: unknown) => {
    if (typeof value !== 'string' || !value.trim()) throw new Error(`Cần ghi ${label}.`);
    assertText(label, value, MAX_PERSON_CHARS);
  };
  const assertVersionRoom = () => {
    if (versionCount() >= MAX_SYNTHESIS_VERSIONS) {
      throw new Error(
        `Đã có ${versionCount()} dự thảo, tối đa ${MAX_SYNTHESIS_VERSIONS}; không tạo thêm. Hãy phê duyệt một dự thảo đã có.`,
      );
    }
  };

  // ---- handlers ---------------------------------------------------------------------------------

  setHandler(getSynthesisStatus, view);

  setHandler(
    approveSynthesis,
    (req) => {
      const version = req.version ?? latest().version;
      approved = { version, by: req.approvedBy, at: iso() };
      state = 'approved';
      outbox.push({
        activity: 'synthesisApproved',
        key: 'approved',
        input: { version, detail: { by: req.approvedBy } },
      });
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('phê duyệt lại');
        if (versions.length === 0) throw new Error('Dự thảo đang được tổng hợp, chưa có bản nào để phê duyệt.');
        if (req.version !== undefined && !versions.some((v) => v.version === req.version)) {
          throw new Error(
            `Không có dự thảo lần ${String(req.version)}; hiện có các lần ${versions.map((v) => v.version).join(', ')}.`,
          );
        }
        assertPerson('người phê duyệt', req.approvedBy);
      },
    },
  );

  setHandler(
    returnSynthesis,
    (req) => {
      const version = latest().version;
      returns.push({ version, by: req.returnedBy, at: iso(), remarks: req.remarks.trim() });
      state = 'returned';
      outbox.push({
        activity: 'synthesisReturned',
        key: `return/${returns.length}`,
        input: { version, detail: { by: req.returnedBy, remarks: req.remarks.trim() } },
      });
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('trả lại');
        if (versions.length === 0) throw new Error('Dự thảo đang được tổng hợp, chưa có bản nào để trả lại.');
        if (state === 'returned') {
          const last = returns[returns.length - 1];
          throw new Error(
            `Dự thảo lần ${last.version} đã được trả lại lúc ${last.at} (${last.by}); đang chờ bản chỉnh sửa.`,
          );
        }
        if (typeof req.remarks !== 'string' || !req.remarks.trim()) {
          throw new Error('Cần ghi ý kiến khi trả lại dự thảo: Thường trực chỉnh sửa theo ý kiến đó.');
        }
        assertText('ý kiến', req.remarks, MAX_SYNTHESIS_REMARKS_CHARS);
        assertPerson('người trả lại', req.returnedBy);
      },
    },
  );

  setHandler(
    reviseSynthesis,
    (req) => {
      const version = versionCount() + 1;
      const pack = latest().pack;
      versions.push({
        version,
        source: 'uploaded',
        docx: req.docx,
        pack,
        by: req.uploadedBy,
        at: iso(),
        ...(req.note?.trim() ? { note: req.note.trim() } : {}),
      });
      state = 'awaiting-approval';
      outbox.push({
        activity: 'mailSynthesis',
        key: `v${version}/draft`,
        input: {
          version,
          docx: req.docx,
          pack,
          detail: { source: 'uploaded', by: req.uploadedBy, ...(req.note?.trim() ? { note: req.note.trim() } : {}) },
        },
      });
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('nhận bản chỉnh sửa');
        if (versions.length === 0 || pendingBuild) {
          throw new Error('Dự thảo đang được tổng hợp; xin tải bản chỉnh sửa lên sau khi có dự thảo.');
        }
        assertVersionRoom();
        const f = req.docx;
        if (
          !f ||
          typeof f.sha256 !== 'string' ||
          !/^[0-9a-f]{64}$/.test(f.sha256) ||
          typeof f.name !== 'string' ||
          !/\.docx$/i.test(f.name) ||
          !(f.size > 0)
        ) {
          throw new Error('Bản chỉnh sửa phải là một tệp Word (.docx) đã lưu.');
        }
        assertText('tên tệp', f.name, MAX_PERSON_CHARS);
        assertPerson('người tải lên', req.uploadedBy);
        assertText('ghi chú', req.note, MAX_SYNTHESIS_REMARKS_CHARS);
      },
    },
  );

  setHandler(
    rebuildSynthesis,
    (req) => {
      pendingBuild = { version: versions.length + 1, by: req.requestedBy };
      state = 'building';
      touch();
      publish();
      return view();
    },
    {
      validator: (req) => {
        assertOpen('tổng hợp lại');
        if (pendingBuild) throw new Error('Dự thảo đang được tổng hợp; xin chờ xong rồi hãy yêu cầu lại.');
        assertVersionRoom();
        assertPerson('người yêu cầu', req?.requestedBy);
      },
    },
  );

  const applyCancel = (req: CancelCampaignInput) => {
    if (cancelled || approved) return;
    cancelled = { reason: req.reason, by: req.cancelledBy, at: iso() };
    state = 'cancelled';
    pendingBuild = undefined;
    touch();
    publish();
  };
  setHandler(cancelSynthesis, applyCancel);
  setHandler(moveSynthesisDeadline, (req) => {
    if (!schedule || cancelled || approved) return;
    if (Date.parse(req.approval.deadline.utc) <= Date.parse(schedule.deadline.utc)) return;
    schedule = req.approval;
    moves++;
    // Steps that now lie ahead run again at their new time (new keys: each is sent once per move).
    const t = now();
    const past = (id: string) =>
      [
        ...schedule!.reminders.map((r) => ({ id: r.id, at: r.at })),
        ...schedule!.escalations.map((e) => ({ id: `esc${e.step}`, at: e.at })),
      ].some((s) => s.id === id && Date.parse(s.at.utc) <= t);
    handled.splice(0, handled.length, ...handled.filter(past));
    touch();
    publish();
  });

  // ---- effects ----------------------------------------------------------------------------------

  const mailInput = (key: string, rest: OutboxItem['input']): SynthesisMailInput => ({
    campaignId,
    definitionRef: input.definitionRef,
    key: `${campaignId}/synthesis/${key}`,
    ...(schedule ? { deadline: schedule.deadline.utc } : {}),
    ...rest,
  });
  /**
   * Sends one message; true when it went out (now or before a retry). One that fails for good (after
   * hours of retries) is logged and counted as not sent: a mail outage never fails the synthesis.
   */
  const deliver = async (activity: MailActivity, key: string, rest: OutboxItem['input'], summary: string) => {
    try {
      const r: SynthesisMailResult = await mail[activity].executeWithOptions({ summary }, [mailInput(key, rest)]);
      return r.sent || r.reason === 'already-sent';
    } catch (err) {
      if (isCancellation(err)) throw err;
      log.warn(`synthesis message ${key} not sent`, { err });
      return false;
    }
  };

  const build = async (req: { version: number; by: string }) => {
    const pack = await builder.buildSynthesis.executeWithOptions({ summary: `Tổng hợp dự thảo lần ${req.version}` }, [
      { campaignId, definitionRef: input.definitionRef, version: req.version, builtAt: iso(), phases: input.phases },
    ]);
    pendingBuild = undefined;
    if (cancelled) return;
    versions.push({ version: req.version, source: 'built', docx: pack.docx, pack, by: req.by, at: iso() });
    state = 'awaiting-approval';
    outbox.push({
      activity: 'mailSynthesis',
      key: `v${req.version}/draft`,
      input: { version: req.version, docx: pack.docx, pack, detail: { source: 'built', by: req.by } },
    });
    touch();
    publish();
  };

  const flush = async () => {
    for (;;) {
      if (pendingBuild && !cancelled) await build(pendingBuild);
      else if (outbox.length > 0) {
        const item = outbox[0];
        await deliver(item.activity, item.key, item.input, synthesisMailSummary(item.activity, item.key));
        outbox.shift();
      } else return;
    }
  };

  /** The next reminder or escalation not yet handled (none once approved or cancelled). */
  type Step = { at: number; id: string; label: string; run: () => Promise<void> };
  const nextStep = (): Step | undefined => {
    if (!schedule || approved || cancelled) return undefined;
    const steps: Step[] = [];
    for (const r of schedule.reminders) {
      if (handled.includes(r.id)) continue;
      steps.push({
        at: Date.parse(r.at.utc),
        id: r.id,
        label: `${r.kind === 'due-today' ? 'Nhắc phê duyệt hôm nay' : `Nhắc phê duyệt ${r.offset}`} — ${r.at.local}`,
        run: async () => {
          // Not while the draft is returned (the approvers asked for changes), nor once the deadline passed.
          if (state !== 'awaiting-approval' || now() >= deadlineMs()!) return;
          const v = latest();
          const sent = await deliver(
            'remindSynthesisApproval',
            stepKey(`remind/${r.id}`),
            { version: v.version, dueToday: r.kind === 'due-today' },
            `Nhắc phê duyệt ${r.offset} → người phê duyệt`,
          );
          if (sent) remindersSent++;
        },
      });
    }
    for (const e of schedule.escalations) {
      const id = `esc${e.step}`;
      if (handled.includes(id)) continue;
      steps.push({
        at: Date.parse(e.at.utc),
        id,
        label: `Báo Thường trực: chưa phê duyệt, bước ${e.step} (quá hạn ${e.after}) — ${e.at.local}`,
        run: async () => {
          const v = latest();
          const sent = await deliver(
            'escalateSynthesisApproval',
            stepKey(id),
            { version: v?.version ?? 0, detail: { step: e.step, after: e.after } },
            `Báo chưa phê duyệt bước ${e.step} → Thường trực`,
          );
          if (sent) escalationsSent++;
        },
      });
    }
    return steps.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))[0];
  };

  const finish = async (): Promise<SynthesisStatusView> => {
    await flush();
    await condition(allHandlersFinished);
    publish();
    return view();
  };

  // ---- main loop --------------------------------------------------------------------------------

  publish();
  try {
    for (;;) {
      await flush();
      if (approved || cancelled) break;
      const step = nextStep();
      const seen = changes;
      if (!(await stepDue(step, () => changes !== seen)) || !step) continue;
      handled.push(step.id);
      await step.run();
    }
    return await finish();
  } catch (err) {
    // Cancelled with its parent (an operator cancelled the campaign workflow): ends cancelled, not Canceled.
    if (!isCancellation(err)) throw err;
    return await CancellationScope.nonCancellable(async () => {
      applyCancel(OPERATOR_CANCEL);
      outbox.length = 0;
      return finish();
    });
  }
}

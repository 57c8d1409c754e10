/**
 * The timed steps of a unit's deadline phase (the reminders, the deadline, the escalation ladder, the
 * lock) and which one comes next, given the current schedule and the steps already handled. Choosing
 * is pure; running a step is the workflow's (its actions are passed in). Apart from `unit-review.ts`.
 */
import type { MessageKind, UnitReviewState } from '../domain/workflow-types';
import type { SendOptions } from './unit-mail';

/** The next timed step of the phase: when, its id in `state.handled`, its line in the Temporal UI. */
export interface UnitStep {
  at: number;
  id: string;
  label: string;
  run: () => Promise<void>;
}

export interface UnitStepActions {
  lock: () => Promise<void>;
  markLate: () => Promise<void>;
  dispatch: (kind: MessageKind, key: string, extra?: SendOptions) => Promise<void>;
  skippedAfterLock: (kind: MessageKind, key: string) => boolean;
}

/** The earliest step not yet handled (the lock last of all once submitted); none once locked. */
export function nextUnitStep(state: UnitReviewState, submitted: boolean, act: UnitStepActions): UnitStep | undefined {
  const v = `v${state.deadlineVersion}`;
  const steps: UnitStep[] = [];
  if (!state.locked) {
    steps.push({
      at: Date.parse(state.schedule.lock.utc),
      id: 'lock',
      label: `Khóa hồ sơ — ${state.schedule.lock.local}`,
      run: act.lock,
    });
  }
  if (!submitted) {
    for (const r of state.schedule.reminders) {
      const id = `${v}/${r.id}`;
      if (!state.handled.includes(id)) {
        steps.push({
          at: Date.parse(r.at.utc),
          id,
          label: `${r.kind === 'due-today' ? 'Nhắc hạn hôm nay' : `Nhắc hạn ${r.offset}`} — ${r.at.local}`,
          run: () => act.dispatch(r.kind, id, { stale: true, detail: { offset: r.offset } }),
        });
      }
    }
    const lateId = `${v}/late`;
    if (!state.handled.includes(lateId)) {
      steps.push({
        at: Date.parse(state.schedule.deadline.utc),
        id: lateId,
        label: `Hạn nộp — ${state.schedule.deadline.local}`,
        run: act.markLate,
      });
    }
    for (const e of state.schedule.escalations) {
      const id = `${v}/esc${e.step}`;
      if (!state.handled.includes(id)) {
        steps.push({
          at: Date.parse(e.at.utc),
          id,
          label: `Báo cáo cấp trên, bước ${e.step} (quá hạn ${e.after}) — ${e.at.local}`,
          run: async () => {
            if (act.skippedAfterLock('escalation', id)) return;
            await act.dispatch('escalation', id, {
              notify: e.notify,
              cc: e.cc,
              detail: { step: e.step, after: e.after },
              staleAfter: state.schedule.lock.utc,
            });
          },
        });
      }
    }
  }
  return steps.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id))[0];
}

/**
 * The cross-field rules: what the schema cannot check — dates that read and follow one another,
 * deadlines inside their windows, lock never before the deadline, unique unit ids, quotas that can be
 * met, reminders and escalations that make sense. They run on the raw data, leniently, so that one
 * bad field never hides the problems of another. The header's rules are in `header-rules.ts`, the
 * units' in `unit-rules.ts`; this class reads the dates and checks the phases.
 */
import { IANAZone } from 'luxon';
import type { WorkingCalendar } from '../calendar/types';
import { PHASE_ORDER, TIME_OF_DAY } from '../campaign-schema';
import { atLocalTime, formatLocal, localDateOf, readDate, type DateContext, type DateRole } from '../date-phrases';
import { isoDayVn } from '../iso-day';
import type { PathSegment } from '../yaml-source';
import { checkConferencePhase } from './conference-rules';
import { checkAwardsSize, checkCouncilMembers, checkInvitees, checkQuota } from './council-rules';

import { asArr, asStr, isObj, valueAt, type Obj } from './raw-data';
import { formatPath, type Report } from './problems';
import { checkDeadlinePhases } from './deadline-phases';
import { checkContacts, checkPlanNumber } from './header-rules';
import { checkParent } from './parent-rules';
import { closest } from './suggestions';
import type { Lang } from './texts';
import { checkUnits } from './unit-rules';

export type ValidationMode = 'validate' | 'start' | 'rehearse';

export interface ValidateOptions {
  calendar: WorkingCalendar;
  /** ISO instant that counts as "now" for the past-deadline rule (the caller reads the clock). */
  now: string;
  /** `start` refuses deadlines already past; `validate` and `rehearse` only warn. */
  mode: ValidationMode;
  /** The language of the messages: `vi` (the default) or `en`. */
  lang?: Lang;
}

const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';
const DEFAULT_HOURS = { start: '08:00', end: '17:00' };
const ORDER_TEXT = PHASE_ORDER.join(' → ');

interface Instant {
  utc: string;
  ms: number;
  local: string;
  /** Local calendar date, yyyy-MM-dd. */
  date: string;
}

type Kind = (typeof PHASE_ORDER)[number];

export class Rules {
  private readonly ctx: DateContext;
  private readonly campaign: Obj;
  /** Every unit id (sub-units too) and where it is first given. */
  private unitIds = new Map<string, PathSegment[]>();
  private planDate?: Instant;

  constructor(
    private readonly report: Report,
    private readonly data: unknown,
    private readonly options: ValidateOptions,
  ) {
    this.campaign = isObj(valueAt(data, ['campaign'])) ? (valueAt(data, ['campaign']) as Obj) : {};
    this.ctx = this.dateContext();
  }

  run(): void {
    checkContacts(this.report, this.data);
    checkPlanNumber(this.report, this.data, this.options.mode === 'start');
    this.planDate = this.read(['campaign', 'plan', 'date'], 'start');
    this.unitIds = checkUnits(this.report, this.data);
    this.checkPhases();
    checkDeadlinePhases(this.report, this.data, (path, role) => this.read(path, role, true));
    checkParent(this.report, this.data);
  }

  /** The context dates are read in; a bad zone or hours are reported once and replaced by defaults. */
  private dateContext(): DateContext {
    const zone = asStr(this.campaign.timeZone);
    let timeZone = DEFAULT_ZONE;
    if (zone !== undefined) {
      if (IANAZone.isValidZone(zone)) timeZone = zone;
      else {
        this.report.add('error', ['campaign', 'timeZone'], 'unknownTimeZone', { zone });
      }
    }
    const calendar = isObj(this.campaign.calendar) ? this.campaign.calendar : {};
    const hours = isObj(calendar.workingHours) ? calendar.workingHours : {};
    const time = (v: unknown, fallback: string) => (typeof v === 'string' && TIME_OF_DAY.test(v) ? v : fallback);
    const workingHours = { start: time(hours.start, DEFAULT_HOURS.start), end: time(hours.end, DEFAULT_HOURS.end) };
    if (workingHours.end <= workingHours.start && hours.end !== undefined) {
      this.report.add('error', ['campaign', 'calendar', 'workingHours', 'end'], 'hoursReversed', workingHours);
    }
    const reminderTime = calendar.reminderTime;
    if (typeof reminderTime === 'string' && TIME_OF_DAY.test(reminderTime) && workingHours.start < workingHours.end) {
      if (reminderTime < workingHours.start || reminderTime > workingHours.end) {
        this.report.add('warning', ['campaign', 'calendar', 'reminderTime'], 'reminderAtNight', {
          time: reminderTime,
          ...workingHours,
        });
      }
    }
    const policy = calendar.deadlineOnDayOff;
    const deadlineOnDayOff = policy === 'keep' || policy === 'next' || policy === 'previous' ? policy : 'previous';
    return { timeZone, calendar: this.options.calendar, workingHours, deadlineOnDayOff };
  }

  /** The context the compiler places reminders in (the reminder time as the file gives it). */
  private scheduleContext(): DateContext & { reminderTime: string } {
    const t = asStr(valueAt(this.campaign, ['calendar', 'reminderTime']));
    return { ...this.ctx, reminderTime: t !== undefined && TIME_OF_DAY.test(t) ? t : '08:00' };
  }

  /** Reads the date at `path`; reports it if unreadable (unless `quiet`: read again). Undefined when absent or unreadable. */
  private read(path: PathSegment[], role: DateRole, quiet = false): Instant | undefined {
    const text = asStr(valueAt(this.data, path));
    if (text === undefined || text.trim() === '') return undefined; // the schema says it is missing
    const r = readDate(text, role, this.ctx);
    if (!r.ok) {
      if (!quiet) this.report.add('error', path, 'badDate', { error: r.error });
      return undefined;
    }
    return { utc: r.utc, ms: Date.parse(r.utc), local: r.local, date: localDateOf(r.utc, this.ctx.timeZone) };
  }

  private checkPhases(): void {
    const phases = asArr(valueAt(this.data, ['phases']));
    const seen = new Map<Kind, number>();
    let latest: { kind: Kind; rank: number } | undefined;
    let previous: { index: number; kind: Kind; start: Instant } | undefined;
    let synthesisEnd: Instant | undefined;
    const conferences: { index: number; date: Instant; start?: Instant; end?: Instant }[] = [];
    let selfReviewLock: { index: number; lock: Instant } | undefined;
    const misspelt = new Set<string>();

    phases.forEach((phase, i) => {
      if (!isObj(phase)) return;
      const kind = phase.kind as Kind;
      const rank = PHASE_ORDER.indexOf(kind);
      if (rank < 0) {
        // The schema reports the unknown kind; a misspelt required phase is not also "missing".
        const meant = typeof phase.kind === 'string' ? closest(phase.kind, PHASE_ORDER) : undefined;
        if (meant) misspelt.add(meant);
        return;
      }
      const base: PathSegment[] = ['phases', i];

      let inOrder = true;
      // Several deadline phases may follow one another (each with its id: deadline-phases.ts).
      const firstIndex = kind === 'self-review' ? undefined : seen.get(kind);
      if (firstIndex !== undefined) {
        inOrder = false;
        this.report.add('error', [...base, 'kind'], 'duplicatePhase', {
          kind,
          first: this.report.place(['phases', firstIndex, 'kind']),
        });
      } else {
        seen.set(kind, i);
        if (latest && rank < latest.rank) {
          inOrder = false;
          this.report.add('error', [...base, 'kind'], 'phaseOrder', {
            kind,
            latest: latest.kind,
            order: ORDER_TEXT,
          });
        }
      }
      if (!latest || rank > latest.rank) latest = { kind, rank };

      const start = this.read([...base, 'window', 'start'], 'start');
      const end = this.read([...base, 'window', 'end'], 'end');
      if (start && end && end.ms < start.ms) {
        this.report.add('error', [...base, 'window', 'end'], 'windowReversed', { start: start.local, end: end.local });
      }
      if (start && this.planDate && start.date < this.planDate.date) {
        this.report.add('error', [...base, 'window', 'start'], 'beforePlan', {
          start: start.local,
          plan: this.planDate.local.slice(0, 10),
        });
      } else if (start && inOrder && previous && start.ms < previous.start.ms) {
        this.report.add('error', [...base, 'window', 'start'], 'beforePrevious', {
          start: start.local,
          kind: previous.kind,
          previous: previous.start.local,
          place: this.report.place(['phases', previous.index, 'window', 'start']),
        });
      }
      if (start && inOrder) previous = { index: i, kind, start };

      if (kind === 'self-review') {
        // Later phases come after the last deadline phase's lock.
        const lock = this.checkSelfReview(phase, base, start, end);
        if (lock) selfReviewLock = { index: i, lock };
      }
      if (kind === 'synthesis' && end && firstIndex === undefined) synthesisEnd = end;
      if (kind === 'synthesis' && isObj(phase.approval)) {
        this.checkApproval(phase.approval, [...base, 'approval'], start, selfReviewLock);
      }
      if (kind === 'awards' && isObj(phase.council)) {
        this.checkCouncil(phase.council, [...base, 'council'], start);
        checkAwardsSize(this.report, this.data, phase.council, [...base, 'council'], this.unitIds.size);
      }
      if (kind === 'conference') {
        const date = this.read([...base, 'date'], 'start');
        if (date) conferences.push({ index: i, date, start, end });
        checkInvitees(this.report, asArr(phase.invitees), [...base, 'invitees'], this.unitIds);
        checkConferencePhase(
          this.report,
          phase,
          base,
          [...this.unitIds.keys()],
          this.scheduleContext(),
          date,
          start?.ms,
        );
      }
    });

    if (Array.isArray(valueAt(this.data, ['phases']))) {
      for (const required of ['plan-issue', 'self-review'] as const) {
        if (seen.has(required) || misspelt.has(required)) continue;
        this.report.add('error', ['phases'], required === 'plan-issue' ? 'noPlanIssue' : 'noSelfReview', {}, 'key');
      }
    }
    for (const { index, date, start, end } of conferences) {
      const path = ['phases', index, 'date'];
      if ((start && date.ms < start.ms) || (end && date.ms > end.ms)) {
        this.report.add('error', path, 'conferenceOutsideWindow', {
          date: date.local,
          start: start?.local ?? '…',
          end: end?.local ?? '…',
        });
      } else if (selfReviewLock && date.ms < selfReviewLock.lock.ms) {
        this.report.add('error', path, 'conferenceBeforeLock', {
          date: date.local,
          lock: selfReviewLock.lock.local,
          place: this.report.place(['phases', selfReviewLock.index, 'lock']),
        });
      } else if (synthesisEnd && date.ms < synthesisEnd.ms) {
        this.report.add('warning', path, 'conferenceEarly', { date: date.local, end: synthesisEnd.local });
      }
    }
  }

  /** Checks a self-review phase; its lock, when it reads. */
  private checkSelfReview(phase: Obj, base: PathSegment[], start?: Instant, end?: Instant): Instant | undefined {
    const deadline = this.read([...base, 'deadline'], 'deadline');
    const lock = this.read([...base, 'lock'], 'end');
    if (deadline && ((start && deadline.ms < start.ms) || (end && deadline.ms > end.ms))) {
      this.report.add('error', [...base, 'deadline'], 'deadlineOutsideWindow', {
        deadline: deadline.local,
        start: start?.local ?? '…',
        end: end?.local ?? '…',
      });
    }
    if (deadline && lock && lock.ms < deadline.ms) {
      this.report.add('error', [...base, 'lock'], 'lockBeforeDeadline', { lock: lock.local, deadline: deadline.local });
    }
    if (deadline) this.checkPast(deadline, [...base, 'deadline']);
    this.checkReminders(asArr(phase.reminders), [...base, 'reminders']);
    // A lock before the deadline is its own error: steps "after the lock" would only repeat it.
    const lockAfterDeadline = lock && !(deadline && lock.ms < deadline.ms) ? lock : undefined;
    this.checkEscalation(
      asArr(phase.escalation),
      [...base, 'escalation'],
      deadline,
      lockAfterDeadline && { lock: lockAfterDeadline, path: [...base, 'lock'] },
    );
    const nominations = valueAt(phase, ['due', 'nominations']);
    if (isObj(nominations)) checkQuota(this.report, nominations, [...base, 'due', 'nominations']);
    if (isObj(phase.nominations)) checkQuota(this.report, phase.nominations, [...base, 'nominations']);
    return lock;
  }

  /**
   * The approval of the synthesis: its deadline within the synthesis (not before the window opens)
   * and after self-review locks (the draft is built from the locked reports); its lock not before it.
   */
  private checkApproval(
    approval: Obj,
    path: PathSegment[],
    start: Instant | undefined,
    selfReviewLock: { index: number; lock: Instant } | undefined,
  ): void {
    const deadline = this.read([...path, 'deadline'], 'deadline');
    const lock = approval.lock === undefined ? undefined : this.read([...path, 'lock'], 'end');
    if (deadline && start && deadline.ms < start.ms) {
      this.report.add('error', [...path, 'deadline'], 'approvalBeforeWindow', {
        deadline: deadline.local,
        start: start.local,
      });
    } else if (deadline && selfReviewLock && deadline.ms <= selfReviewLock.lock.ms) {
      this.report.add('error', [...path, 'deadline'], 'approvalBeforeLock', {
        deadline: deadline.local,
        lock: selfReviewLock.lock.local,
        place: this.report.place(['phases', selfReviewLock.index, 'lock']),
      });
    }
    if (deadline && lock && lock.ms < deadline.ms) {
      this.report.add('error', [...path, 'lock'], 'lockBeforeDeadline', { lock: lock.local, deadline: deadline.local });
    }
    // No past-deadline check: the approval comes after the self-review lock, whose deadline is checked.
    this.checkReminders(asArr(approval.reminders), [...path, 'reminders']);
    this.checkEscalation(asArr(approval.escalation), [...path, 'escalation'], deadline);
  }

  private checkPast(deadline: Instant, path: PathSegment[]): void {
    const now = this.options.now;
    const nowMs = Date.parse(now);
    if (!(deadline.ms < nowMs)) return;
    const nowLocal = Number.isNaN(nowMs) ? now : formatLocal(new Date(nowMs).toISOString(), this.ctx.timeZone);
    const past = { deadline: deadline.local, now: nowLocal };
    if (this.options.mode === 'start') this.report.add('error', path, 'pastDeadlineStart', past);
    else this.report.add('warning', path, 'pastDeadline', past);
  }

  private checkReminders(reminders: unknown[], path: PathSegment[]): void {
    const first = new Map<string, number>();
    reminders.forEach((r, i) => {
      const m = typeof r === 'string' ? /^(\d{1,3})(d|wd)$/.exec(r) : null;
      if (!m) return;
      const key = `${Number(m[1])}${m[2]}`; // "03d" is "3d"
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else {
        this.report.add('error', [...path, i], 'duplicateReminder', {
          text: r as string,
          other: formatPath([...path, j]),
          otherText: String(reminders[j]),
        });
      }
    });
  }

  private checkEscalation(
    steps: unknown[],
    path: PathSegment[],
    deadline?: Instant,
    lock?: { lock: Instant; path: PathSegment[] },
  ): void {
    type Step = { index: number; text: string; n: number; unit: string; date?: string };
    let before: Step | undefined;
    steps.forEach((step, i) => {
      const text = asStr(valueAt(step, ['after']));
      const m = text ? /^(\d{1,3})(d|wd)$/.exec(text) : null;
      if (!text || !m) return;
      const n = Number(m[1]);
      const date = deadline
        ? m[2] === 'wd'
          ? this.ctx.calendar.addWorkingDays(deadline.date, n)
          : plusDays(deadline.date, n)
        : undefined;
      const current: Step = { index: i, text, n, unit: m[2], date };
      if (date && lock) this.checkAfterLock(text, date, lock, [...path, i, 'after']);
      if (before) {
        const notLater =
          current.date && before.date
            ? current.date <= before.date
            : current.unit === before.unit && current.n <= before.n;
        if (notLater) {
          const on = (s: Step) => (s.date ? { date: isoDayVn(s.date) } : {});
          this.report.add('error', [...path, i, 'after'], 'escalationOrder', {
            text,
            ...on(current),
            before: before.text,
            ...(before.date ? { beforeDate: isoDayVn(before.date) } : {}),
          });
        }
      }
      before = current;
    });
  }

  /**
   * An escalation step sent after the lock would ask for a report that can no longer be received:
   * the compiler drops it; the clerk is told here, at the step. Read as the compiler places it: at
   * the reminder time, on the next working day when its day is off.
   */
  private checkAfterLock(text: string, date: string, lock: { lock: Instant; path: PathSegment[] }, at: PathSegment[]) {
    const calendar = this.ctx.calendar;
    let day = date;
    try {
      if (!calendar.isWorkingDay(day)) day = calendar.nextWorkingDay(day);
    } catch {
      return; // outside the calendar: the dates' own checks say so
    }
    const reminderTime = asStr(valueAt(this.campaign, ['calendar', 'reminderTime']));
    const time = reminderTime !== undefined && TIME_OF_DAY.test(reminderTime) ? reminderTime : '08:00';
    const utc = atLocalTime(day, time, this.ctx.timeZone);
    if (Date.parse(utc) <= lock.lock.ms) return;
    this.report.add('warning', at, 'escalationAfterLock', {
      text,
      at: formatLocal(utc, this.ctx.timeZone),
      lock: lock.lock.local,
      place: this.report.place(lock.path),
    });
  }

  /** The awards council: exactly one chair, unique accounts, members' units among the participants. */
  private checkCouncil(council: Obj, path: PathSegment[], start: Instant | undefined): void {
    if (isObj(council.vote)) {
      // The vote's deadline within the phase (the nominations are gathered when it opens), its lock not before it.
      const at = [...path, 'vote'];
      const deadline = this.read([...at, 'deadline'], 'deadline');
      const lock = council.vote.lock === undefined ? undefined : this.read([...at, 'lock'], 'end');
      if (deadline && start && deadline.ms < start.ms) {
        this.report.add('error', [...at, 'deadline'], 'voteBeforeWindow', {
          deadline: deadline.local,
          start: start.local,
        });
      }
      if (deadline && lock && lock.ms < deadline.ms) {
        this.report.add('error', [...at, 'lock'], 'lockBeforeDeadline', { lock: lock.local, deadline: deadline.local });
      }
      this.checkReminders(asArr(council.vote.reminders), [...at, 'reminders']);
      this.checkEscalation(asArr(council.vote.escalation), [...at, 'escalation'], deadline);
    }
    checkCouncilMembers(this.report, asArr(council.members), [...path, 'members'], this.unitIds);
  }
}

function plusDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/**
 * The cross-field rules: what the schema cannot check — dates that read and follow one another,
 * deadlines inside their windows, lock never before the deadline, unique unit ids, quotas that can be
 * met, reminders and escalations that make sense. They run on the raw data, leniently, so that one
 * bad field never hides the problems of another.
 */
import { IANAZone } from 'luxon';
import type { WorkingCalendar } from '../calendar/types';
import { PHASE_ORDER, TIME_OF_DAY } from '../campaign-schema';
import { formatLocal, localDateOf, readDate, type DateContext, type DateRole } from '../date-phrases';
import type { PathSegment } from '../yaml-source';
import { asArr, asNum, asStr, isObj, valueAt, type Obj } from './raw-data';
import { formatPath, type Report } from './problems';
import { closest } from './suggestions';

export type ValidationMode = 'validate' | 'start' | 'rehearse';

export interface ValidateOptions {
  calendar: WorkingCalendar;
  /** ISO instant that counts as "now" for the past-deadline rule (the caller reads the clock). */
  now: string;
  /** `start` refuses deadlines already past; `validate` and `rehearse` only warn. */
  mode: ValidationMode;
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
  private readonly unitIds = new Map<string, PathSegment[]>();
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
    this.planDate = this.read(['campaign', 'plan', 'date'], 'start');
    this.checkUnits(asArr(valueAt(this.data, ['units'])), ['units']);
    this.checkPhases();
  }

  /** The context dates are read in; a bad zone or hours are reported once and replaced by defaults. */
  private dateContext(): DateContext {
    const zone = asStr(this.campaign.timeZone);
    let timeZone = DEFAULT_ZONE;
    if (zone !== undefined) {
      if (IANAZone.isValidZone(zone)) timeZone = zone;
      else {
        this.report.add(
          'error',
          ['campaign', 'timeZone'],
          `unknown time zone "${zone}"; write an IANA time zone name such as "Asia/Ho_Chi_Minh" (Vietnam, UTC+7)`,
        );
      }
    }
    const calendar = isObj(this.campaign.calendar) ? this.campaign.calendar : {};
    const hours = isObj(calendar.workingHours) ? calendar.workingHours : {};
    const time = (v: unknown, fallback: string) => (typeof v === 'string' && TIME_OF_DAY.test(v) ? v : fallback);
    const workingHours = { start: time(hours.start, DEFAULT_HOURS.start), end: time(hours.end, DEFAULT_HOURS.end) };
    if (workingHours.end <= workingHours.start && hours.end !== undefined) {
      this.report.add(
        'error',
        ['campaign', 'calendar', 'workingHours', 'end'],
        `working hours end at ${workingHours.end}, not after they start (${workingHours.start}); write an end later than the start, e.g. 08:00–17:00`,
      );
    }
    const reminderTime = calendar.reminderTime;
    if (typeof reminderTime === 'string' && TIME_OF_DAY.test(reminderTime) && workingHours.start < workingHours.end) {
      if (reminderTime < workingHours.start || reminderTime > workingHours.end) {
        this.report.add(
          'warning',
          ['campaign', 'calendar', 'reminderTime'],
          `reminders sent at ${reminderTime} arrive outside working hours (${workingHours.start}–${workingHours.end}); choose a time within them, e.g. "${workingHours.start}"`,
        );
      }
    }
    const policy = calendar.deadlineOnDayOff;
    const deadlineOnDayOff = policy === 'keep' || policy === 'next' || policy === 'previous' ? policy : 'previous';
    return { timeZone, calendar: this.options.calendar, workingHours, deadlineOnDayOff };
  }

  /** Reads the date at `path`; reports it if unreadable. Undefined when absent or unreadable. */
  private read(path: PathSegment[], role: DateRole): Instant | undefined {
    const text = asStr(valueAt(this.data, path));
    if (text === undefined || text.trim() === '') return undefined; // the schema says it is missing
    const r = readDate(text, role, this.ctx);
    if (!r.ok) {
      this.report.add('error', path, r.error);
      return undefined;
    }
    return { utc: r.utc, ms: Date.parse(r.utc), local: r.local, date: localDateOf(r.utc, this.ctx.timeZone) };
  }

  private checkUnits(units: unknown[], listPath: PathSegment[]): void {
    units.forEach((unit, i) => {
      if (!isObj(unit)) return;
      const path = [...listPath, i];
      const id = asStr(unit.id);
      if (id !== undefined) {
        const first = this.unitIds.get(id);
        if (first) {
          this.report.add(
            'error',
            [...path, 'id'],
            `unit id "${id}" is already used by ${this.report.place([...first, 'id'])}; every unit, sub-units included, needs its own id — rename one of them`,
          );
        } else this.unitIds.set(id, path);
        if (id === 'all') {
          this.report.add(
            'error',
            [...path, 'id'],
            '"all" cannot be a unit id: in conference invitees it means every unit; choose another id',
          );
        }
      }
      this.checkUnits(asArr(unit.subUnits), [...path, 'subUnits']);
    });
  }

  private checkPhases(): void {
    const phases = asArr(valueAt(this.data, ['phases']));
    const seen = new Map<Kind, number>();
    let latest: { kind: Kind; rank: number } | undefined;
    let previous: { index: number; kind: Kind; start: Instant } | undefined;
    let synthesisEnd: Instant | undefined;
    const conferences: { index: number; date: Instant }[] = [];
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
      const firstIndex = seen.get(kind);
      if (firstIndex !== undefined) {
        inOrder = false;
        this.report.add(
          'error',
          [...base, 'kind'],
          `a second "${kind}" phase; each kind of phase comes at most once, and the first is ${this.report.place(['phases', firstIndex, 'kind'])}`,
        );
      } else {
        seen.set(kind, i);
        if (latest && rank < latest.rank) {
          inOrder = false;
          this.report.add(
            'error',
            [...base, 'kind'],
            `"${kind}" comes after "${latest.kind}"; phases go in the order ${ORDER_TEXT} — move this phase before "${latest.kind}"`,
          );
        }
      }
      if (!latest || rank > latest.rank) latest = { kind, rank };

      const start = this.read([...base, 'window', 'start'], 'start');
      const end = this.read([...base, 'window', 'end'], 'end');
      if (start && end && end.ms < start.ms) {
        this.report.add(
          'error',
          [...base, 'window', 'end'],
          `the window ends (${end.local}) before it starts (${start.local}); the end must be on or after the start`,
        );
      }
      if (start && this.planDate && start.date < this.planDate.date) {
        this.report.add(
          'error',
          [...base, 'window', 'start'],
          `the phase starts (${start.local}) before the plan is dated (${this.planDate.local.slice(0, 10)}); no phase can start before its plan`,
        );
      } else if (start && inOrder && previous && start.ms < previous.start.ms) {
        this.report.add(
          'error',
          [...base, 'window', 'start'],
          `the phase starts (${start.local}) before the previous phase "${previous.kind}" starts (${previous.start.local}, ${this.report.place(['phases', previous.index, 'window', 'start'])}); phases start one after another`,
        );
      }
      if (start && inOrder) previous = { index: i, kind, start };

      if (kind === 'self-review') this.checkSelfReview(phase, base, start, end);
      if (kind === 'synthesis' && end && firstIndex === undefined) synthesisEnd = end;
      if (kind === 'conference') {
        const date = this.read([...base, 'date'], 'start');
        if (date) conferences.push({ index: i, date });
        this.checkInvitees(asArr(phase.invitees), [...base, 'invitees']);
      }
    });

    if (Array.isArray(valueAt(this.data, ['phases']))) {
      for (const required of ['plan-issue', 'self-review'] as const) {
        if (seen.has(required) || misspelt.has(required)) continue;
        const what =
          required === 'plan-issue'
            ? 'add one (kind: plan-issue, with its window) as the first phase: it is when the plan is sent to units'
            : 'add one (kind: self-review, with window, deadline, lock and due): it is the phase in which units report';
        this.report.add('error', ['phases'], `there is no "${required}" phase; ${what}`, 'key');
      }
    }
    for (const { index, date } of conferences) {
      if (synthesisEnd && date.ms < synthesisEnd.ms) {
        this.report.add(
          'warning',
          ['phases', index, 'date'],
          `the conference (${date.local}) is held before the synthesis window ends (${synthesisEnd.local}); the report it discusses may not be ready — hold it after the synthesis`,
        );
      }
    }
  }

  private checkSelfReview(phase: Obj, base: PathSegment[], start?: Instant, end?: Instant): void {
    const deadline = this.read([...base, 'deadline'], 'deadline');
    const lock = this.read([...base, 'lock'], 'end');
    if (deadline && ((start && deadline.ms < start.ms) || (end && deadline.ms > end.ms))) {
      const window = `${start?.local ?? '…'} – ${end?.local ?? '…'}`;
      this.report.add(
        'error',
        [...base, 'deadline'],
        `the deadline (${deadline.local}) is outside the phase window (${window}); put the deadline inside the window, or widen the window`,
      );
    }
    if (deadline && lock && lock.ms < deadline.ms) {
      this.report.add(
        'error',
        [...base, 'lock'],
        `the lock (${lock.local}) comes before the deadline (${deadline.local}); submissions must stay open until the deadline — lock at or after it, e.g. at the end of the window`,
      );
    }
    if (deadline) this.checkPast(deadline, [...base, 'deadline']);
    this.checkReminders(asArr(phase.reminders), [...base, 'reminders']);
    this.checkEscalation(asArr(phase.escalation), [...base, 'escalation'], deadline);
    const nominations = valueAt(phase, ['due', 'nominations']);
    if (isObj(nominations)) this.checkQuota(nominations, [...base, 'due', 'nominations']);
  }

  private checkPast(deadline: Instant, path: PathSegment[]): void {
    const now = this.options.now;
    const nowMs = Date.parse(now);
    if (!(deadline.ms < nowMs)) return;
    const nowLocal = Number.isNaN(nowMs) ? now : formatLocal(new Date(nowMs).toISOString(), this.ctx.timeZone);
    const past = `the deadline (${deadline.local}) has already passed (now ${nowLocal})`;
    if (this.options.mode === 'start') {
      this.report.add(
        'error',
        path,
        `${past}; a campaign cannot start with a past deadline — move the deadline, or rehearse it with --rehearse`,
      );
    } else {
      this.report.add(
        'warning',
        path,
        `${past}; \`campaign start\` would refuse it (\`--rehearse\` replays it on a compressed timeline)`,
      );
    }
  }

  private checkReminders(reminders: unknown[], path: PathSegment[]): void {
    const first = new Map<string, number>();
    reminders.forEach((r, i) => {
      const m = typeof r === 'string' ? /^(\d{1,3})(d|wd)$/.exec(r) : null;
      if (!m) return;
      const key = `${Number(m[1])}${m[2]}`;
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else {
        this.report.add(
          'warning',
          [...path, i],
          `reminder "${r as string}" is listed twice (also ${formatPath([...path, j])}); it is sent once — remove the duplicate`,
        );
      }
    });
  }

  private checkEscalation(steps: unknown[], path: PathSegment[], deadline?: Instant): void {
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
      if (before) {
        const notLater =
          current.date && before.date
            ? current.date <= before.date
            : current.unit === before.unit && current.n <= before.n;
        if (notLater) {
          const on = (s: Step) => (s.date ? `, ${s.date.split('-').reverse().join('/')}` : '');
          this.report.add(
            'error',
            [...path, i, 'after'],
            `escalation steps go in increasing order of "after": this step ("${text}"${on(current)}) is not later than the step before it ("${before.text}"${on(before)}); reorder the steps or change "after"`,
          );
        }
      }
      before = current;
    });
  }

  private checkQuota(nominations: Obj, path: PathSegment[]): void {
    const quota = nominations.quota;
    if (!isObj(quota)) return;
    const total = asNum(quota.total);
    const collective = asNum(quota.collective);
    const individual = asNum(quota.individual);
    const q: PathSegment[] = [...path, 'quota'];
    if (nominations.required === true && total === 0) {
      this.report.add(
        'error',
        [...q, 'total'],
        'nominations are required but the quota allows none (total: 0); set total to at least 1, or make nominations optional (required: false)',
      );
    }
    if (total !== undefined && total > 0 && collective === 0 && individual === 0) {
      this.report.add(
        'error',
        q,
        `the quota allows ${total} nomination${total === 1 ? '' : 's'} in all but 0 collectives and 0 individuals, so none can be made; raise collective or individual (e.g. collective: 1, individual: 1), or leave them out`,
        'key',
      );
    }
    for (const [kind, limit] of [
      ['collective', collective],
      ['individual', individual],
    ] as const) {
      if (total !== undefined && limit !== undefined && limit > total) {
        this.report.add(
          'warning',
          [...q, kind],
          `${kind}: ${limit} is more than total: ${total}; at most ${total} can be nominated in all — lower ${kind} to ${total} or raise total`,
        );
      }
    }
  }

  private checkInvitees(invitees: unknown[], path: PathSegment[]): void {
    const known = [...this.unitIds.keys()];
    invitees.forEach((invitee, i) => {
      if (typeof invitee !== 'string' || invitee === 'all' || this.unitIds.has(invitee)) return;
      const guess = closest(invitee, known);
      this.report.add(
        'error',
        [...path, i],
        `no unit has the id "${invitee}"; ${guess ? `did you mean "${guess}"? Invitees` : 'invitees'} are unit ids from units (sub-units included), or "all"`,
      );
    });
  }
}

function plusDays(date: string, n: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

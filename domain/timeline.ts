/**
 * The timeline compiler: a campaign definition and the working calendar in, exact instants out
 * ({@link CompiledCampaign}). It runs in the client (plan, start, extend) and never in workflow code:
 * workflows receive the instants and only sleep until them, so a calendar change can never make a
 * running workflow non-deterministic.
 *
 * Rules (see docs/dates.md for how the written dates are read):
 *
 * - Reminders go out at `calendar.reminderTime` (08:00 by default, local) on a working day. `7d` is 7
 *   calendar days before the deadline's date, `3wd` 3 working days before, `0d` the deadline's own day
 *   (a `due-today` reminder). A day off moves the reminder EARLIER to the previous working day, never
 *   later; a reminder is always strictly before its deadline (a 07:30 deadline gets its `0d` reminder
 *   the working day before). Reminders before the phase window opens or before the plan date are
 *   dropped, two offsets on the same instant are collapsed, each with a note.
 * - Escalations: `1d` is the deadline's date + 1 calendar day at reminderTime, moved to the NEXT working
 *   day when that is a day off; `2wd` is 2 working days after. Always strictly after the deadline and
 *   strictly increasing by step (a colliding step goes to the next working day, with a note). A step
 *   after the lock is dropped with a note: nothing can be submitted then.
 * - Phase windows are read as start/end, the plan date as a start, the deadline as a deadline, the lock
 *   as an end, the conference date as a start (an explicit time is kept).
 *
 * The rows people read (the plan table, a unit's view) are built from the compiled campaign in
 * `domain/timeline-rows.ts`.
 */
import { DateTime } from 'luxon';
import type { IsoDate, WorkingCalendar } from './calendar/types';
import type { CampaignDefinition, RoleName } from './campaign-schema';
import { compileConferenceSchedule, fitToOpening, hasTimeOfDay } from './conference-schedule';
import { DEFAULT_PHASE_NAMES, planTag } from './plan-document';
import {
  approximatePeriod,
  approximatePeriodRange,
  atLocalTime,
  dateContextFor,
  formatLocal,
  formatVietnameseDateTime,
  localDateOf,
  readDate,
  type DateContext,
  type DateRole,
} from './date-phrases';
import type {
  CompiledCampaign,
  CompiledEscalation,
  CompiledInstant,
  CompiledReminder,
  ConferenceSchedule,
  DeadlineSchedule,
  PhaseSchedule,
  ReadInstant,
} from './timeline-types';

/** Vietnamese phase names used when the file gives none. */
export { DEFAULT_PHASE_NAMES };

/** A reminder or escalation offset: `7d` calendar days, `3wd` working days. */
export const OFFSET = /^(\d{1,3})(d|wd)$/;

/** What a deadline schedule is compiled from: the deadline part of a self-review phase. */
export interface DeadlineScheduleInput {
  reminders: readonly string[];
  escalation: ReadonlyArray<{ after: string; notify: RoleName[]; cc?: RoleName[] }>;
  /** Reminders before the phase window opens are dropped. */
  windowStartUtc?: string;
  /** Reminders before the plan date are dropped. */
  planDateUtc?: string;
  /** Reminders already in the past are dropped (an extension compiled at `nowUtc`). */
  nowUtc?: string;
  /** Prefix of the notes, e.g. the phase name. */
  label?: string;
  /** Keeps escalations after the lock (an approval's steps go on until it is approved). */
  escalateAfterLock?: boolean;
}

/** A deadline or lock given as a UTC instant, or as already read from a phrase. */
export type InstantInput = string | { utc: string; written: string; reading: string };

export type ScheduleContext = DateContext & { reminderTime: string };

// ---------------------------------------------------------------------------------------------------
// Small date arithmetic on local calendar dates

const plusDays = (date: IsoDate, n: number): IsoDate =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days: n }).toISODate()!;

function parseOffset(offset: string, what: string): { n: number; working: boolean } {
  const m = OFFSET.exec(offset);
  if (!m) {
    throw new Error(`${what} "${offset}" is not an offset such as "7d" (calendar days) or "3wd" (working days)`);
  }
  return { n: Number(m[1]), working: m[2] === 'wd' };
}

function instantOf(utc: string, zone: string): CompiledInstant {
  return { utc, local: formatLocal(utc, zone) };
}

function readInstantOf(input: InstantInput, zone: string): ReadInstant {
  if (typeof input === 'string') {
    const utc = DateTime.fromISO(input, { zone: 'utc' });
    if (!utc.isValid) throw new Error(`not an ISO instant: "${input}"`);
    const iso = utc.toISO()!;
    return { ...instantOf(iso, zone), written: input, reading: formatVietnameseDateTime(iso, zone) };
  }
  const utc = DateTime.fromISO(input.utc, { zone: 'utc' });
  if (!utc.isValid) throw new Error(`not an ISO instant: "${input.utc}"`);
  const iso = utc.toISO()!;
  return { ...instantOf(iso, zone), written: input.written, reading: input.reading };
}

// ---------------------------------------------------------------------------------------------------
// Deadline schedule

/**
 * The reminders and escalations of one deadline. Used by {@link compileCampaign} and again by the
 * client when an extension moves a deadline (the workflow gets the whole new schedule).
 */
export function compileDeadlineSchedule(
  phase: DeadlineScheduleInput,
  deadlineUtc: InstantInput,
  lockUtc: InstantInput,
  ctx: ScheduleContext,
): DeadlineSchedule {
  return compileDeadlineScheduleWithNotes(phase, deadlineUtc, lockUtc, ctx).schedule;
}

/** {@link compileDeadlineSchedule}, also returning what it dropped or moved and why. */
export function compileDeadlineScheduleWithNotes(
  phase: DeadlineScheduleInput,
  deadlineUtc: InstantInput,
  lockUtc: InstantInput,
  ctx: ScheduleContext,
): { schedule: DeadlineSchedule; notes: string[] } {
  const { calendar, timeZone: zone, reminderTime } = ctx;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(reminderTime)) {
    throw new Error(`reminderTime "${reminderTime}" is not a local time such as "08:00"`);
  }
  const deadline = readInstantOf(deadlineUtc, zone);
  const lock = readInstantOf(lockUtc, zone);
  const dl = Date.parse(deadline.utc);
  if (Date.parse(lock.utc) < dl) {
    throw new Error(
      `the lock (${lock.local}) is before the deadline (${deadline.local}): a lock never precedes its deadline`,
    );
  }
  const notes: string[] = [];
  const note = (text: string) => notes.push(phase.label ? `${phase.label}: ${text}` : text);
  const vn = (utc: string) => formatVietnameseDateTime(utc, zone);
  const at = (date: IsoDate) => atLocalTime(date, reminderTime, zone);
  const deadlineDay = localDateOf(deadline.utc, zone);

  // Reminders: never on a day off (move earlier), never at or after the deadline.
  const reminders: CompiledReminder[] = [];
  for (const offset of phase.reminders) {
    const { n, working } = parseOffset(offset, 'reminder offset');
    let day = n === 0 ? deadlineDay : working ? calendar.addWorkingDays(deadlineDay, -n) : plusDays(deadlineDay, -n);
    if (!calendar.isWorkingDay(day)) day = calendar.previousWorkingDay(day);
    let utc = at(day);
    while (Date.parse(utc) >= dl) {
      day = calendar.previousWorkingDay(day);
      utc = at(day);
    }
    const kind = n === 0 && day === deadlineDay ? 'due-today' : 'reminder';
    if (n === 0 && kind === 'reminder') {
      note(
        `nhắc "${offset}" gửi lúc ${vn(utc)} vì ngày hạn không có giờ gửi nhắc ${reminderTime} nào trước hạn ` +
          `(reminder "${offset}" goes out the working day before: no reminder time on the deadline's day precedes it)`,
      );
    }
    const bound: Array<[string | undefined, string, string]> = [
      [phase.planDateUtc, 'ngày ban hành kế hoạch', 'the plan date'],
      [phase.windowStartUtc, 'lúc giai đoạn bắt đầu', 'the phase window opens'],
      [phase.nowUtc, 'thời điểm hiện tại', 'now'],
    ];
    const before = bound.find(([limit]) => limit !== undefined && Date.parse(utc) < Date.parse(limit));
    if (before) {
      note(
        `bỏ nhắc "${offset}" (${vn(utc)}) vì trước ${before[1]} (${vn(before[0]!)}) ` +
          `(reminder dropped: before ${before[2]})`,
      );
      continue;
    }
    // Two offsets on one instant: send once (the first written). Only 0d/0wd can be due-today, and
    // they agree on the kind, so nothing is lost.
    const same = reminders.find((r) => r.at.utc === utc);
    if (same) {
      note(
        `nhắc "${offset}" trùng thời điểm với "${same.offset}" (${vn(utc)}): chỉ gửi một lần ` +
          `(reminder "${offset}" lands on the same instant as "${same.offset}": sent once)`,
      );
      continue;
    }
    reminders.push({ id: `r-${offset}`, offset, kind, at: instantOf(utc, zone) });
  }
  reminders.sort((a, b) => Date.parse(a.at.utc) - Date.parse(b.at.utc));

  // Escalations: after the deadline, in working hours on a working day, strictly increasing.
  const escalations: CompiledEscalation[] = [];
  let previous: { day: IsoDate; ms: number } | undefined;
  phase.escalation.forEach((step, i) => {
    const { n, working } = parseOffset(step.after, 'escalation offset');
    let day = working ? calendar.addWorkingDays(deadlineDay, n) : plusDays(deadlineDay, n);
    if (!calendar.isWorkingDay(day)) day = calendar.nextWorkingDay(day);
    let utc = at(day);
    while (Date.parse(utc) <= dl) {
      day = calendar.nextWorkingDay(day);
      utc = at(day);
    }
    if (previous && Date.parse(utc) <= previous.ms) {
      day = calendar.nextWorkingDay(previous.day);
      utc = at(day);
      note(
        `bước ${i + 1} ("${step.after}") không muộn hơn bước ${i}: dời sang ${vn(utc)} ` +
          `(escalation step ${i + 1} pushed to the working day after step ${i})`,
      );
    }
    // After the lock nothing can be submitted: a step there would ask for a report "before" a time
    // already past. It is dropped (the workflow would skip it too), and the clerk is told. Not so for
    // an approval: its escalation goes on until the draft is approved.
    if (Date.parse(utc) > Date.parse(lock.utc) && !phase.escalateAfterLock) {
      note(
        `bỏ bước ${i + 1} ("${step.after}", ${vn(utc)}) vì sau thời điểm khóa (${vn(lock.utc)}): khi đã khóa, ` +
          `đơn vị không còn nộp được nên không gửi đề nghị nộp ` +
          `(escalation step dropped: after the lock, nothing can be submitted any more)`,
      );
      previous = { day, ms: Date.parse(utc) }; // the steps after it come later still: dropped too
      return;
    }
    previous = { day, ms: Date.parse(utc) };
    escalations.push({
      step: i + 1,
      after: step.after,
      at: instantOf(utc, zone),
      notify: [...step.notify],
      cc: [...(step.cc ?? [])],
    });
  });

  return { schedule: { deadline, lock, reminders, escalations }, notes };
}

// ---------------------------------------------------------------------------------------------------
// Campaign

/**
 * Compiles a campaign. Assumes a definition the validator accepted (and the schema's defaults
 * applied); throws an Error naming the field if a date cannot be read all the same.
 */
export function compileCampaign(def: CampaignDefinition, calendar: WorkingCalendar): CompiledCampaign {
  const header = def.campaign;
  const ctx = dateContextFor(header, calendar);
  const zone = ctx.timeZone;
  const notes: string[] = [];
  const read = (text: string, role: DateRole, field: string): ReadInstant => {
    const r = readDate(text, role, ctx);
    if (!r.ok) throw new Error(`${field}: ${r.error}`);
    return { utc: r.utc, local: r.local, written: text, reading: r.reading };
  };

  const planDate = read(header.plan.date, 'start', 'campaign.plan.date');
  const phases = def.phases.map((phase, i): PhaseSchedule => {
    const field = `phases[${i}]`;
    const name = phase.name ?? DEFAULT_PHASE_NAMES[phase.kind];
    const compiled: PhaseSchedule = {
      kind: phase.kind,
      name,
      ...(phase.kind === 'self-review' && phase.id ? { id: phase.id } : {}),
      windowStart: read(phase.window.start, 'start', `${field}.window.start`),
      windowEnd: read(phase.window.end, 'end', `${field}.window.end`),
    };
    if (phase.kind === 'self-review') {
      const { schedule, notes: phaseNotes } = compileDeadlineScheduleWithNotes(
        {
          reminders: phase.reminders,
          escalation: phase.escalation,
          windowStartUtc: compiled.windowStart.utc,
          planDateUtc: planDate.utc,
          label: name,
        },
        read(phase.deadline, 'deadline', `${field}.deadline`),
        read(phase.lock, 'end', `${field}.lock`),
        { ...ctx, reminderTime: header.calendar.reminderTime },
      );
      compiled.deadline = schedule;
      notes.push(...phaseNotes);
    }
    if (phase.kind === 'synthesis' && phase.approval) {
      // The same engine as self-review: working days, the day-off policy, reminders before the window
      // dropped. Approval escalation names no unit role: the secretariat is told, the approvers copied.
      const approval = phase.approval;
      const deadline = read(approval.deadline, 'deadline', `${field}.approval.deadline`);
      const { schedule, notes: phaseNotes } = compileDeadlineScheduleWithNotes(
        {
          reminders: approval.reminders,
          escalation: approval.escalation.map((e) => ({ after: e.after, notify: ['secretariat'], cc: [] })),
          windowStartUtc: compiled.windowStart.utc,
          planDateUtc: planDate.utc,
          label: `${name} (phê duyệt)`,
          escalateAfterLock: true,
        },
        deadline,
        approval.lock ? read(approval.lock, 'end', `${field}.approval.lock`) : deadline,
        { ...ctx, reminderTime: header.calendar.reminderTime },
      );
      compiled.approval = schedule;
      notes.push(...phaseNotes);
    }
    if (phase.kind === 'awards' && phase.council) {
      // As the approval: the vote's escalation goes on after the lock until the decision is issued.
      const vote = phase.council.vote;
      const deadline = read(vote.deadline, 'deadline', `${field}.council.vote.deadline`);
      const { schedule, notes: phaseNotes } = compileDeadlineScheduleWithNotes(
        {
          reminders: vote.reminders,
          escalation: vote.escalation.map((e) => ({ after: e.after, notify: ['secretariat'], cc: [] })),
          windowStartUtc: compiled.windowStart.utc,
          planDateUtc: planDate.utc,
          label: `${name} (bỏ phiếu)`,
          escalateAfterLock: true,
        },
        deadline,
        vote.lock ? read(vote.lock, 'end', `${field}.council.vote.lock`) : deadline,
        { ...ctx, reminderTime: header.calendar.reminderTime },
      );
      compiled.vote = schedule;
      notes.push(...phaseNotes);
    }
    if (phase.kind === 'conference') {
      compiled.conferenceAt = read(phase.date, 'start', `${field}.date`);
      const day = localDateOf(compiled.conferenceAt.utc, zone);
      // A date known only roughly is shown as its period ("dự kiến trong tháng 11/2009"), never as
      // the day it is read as: whether that day is off does not matter yet.
      if (!calendar.isWorkingDay(day) && !approximatePeriod(phase.date)) {
        notes.push(
          `${name}: ngày hội nghị "${phase.date}" được đọc là ${formatVietnameseDateTime(compiled.conferenceAt.utc, zone)}, ` +
            `một ngày nghỉ (${calendar.reasonOff(day) ?? 'ngày nghỉ'}); ghi ngày cụ thể khi đã định ` +
            `(the conference date reads as a day off: write the exact date once it is set)`,
        );
      }
      const period = approximatePeriodRange(phase.date);
      const about = {
        venue: phase.venue,
        ...(phase.organizer ? { organizer: phase.organizer } : {}),
        agenda: [...(phase.agenda ?? [])],
      };
      if (period) compiled.conference = { when: { kind: 'period', ...period }, ...about };
      else {
        const start = hasTimeOfDay(phase.date)
          ? compiled.conferenceAt.utc
          : atLocalTime(day, phase.startTime ?? '08:00', zone);
        try {
          const { schedule, notes: confNotes } = compileConferenceSchedule(
            phase,
            start,
            undefined,
            { ...ctx, reminderTime: header.calendar.reminderTime },
            compileDeadlineScheduleWithNotes,
          );
          const fitted = fitToOpening(schedule, compiled.windowStart, ctx);
          notes.push(...fitted.notes.map((n) => `${field}.invitations: ${n}`));
          compiled.conference = { ...fitted.schedule, ...about };
          notes.push(...confNotes);
        } catch (err) {
          throw new Error(`${field}.invitations: ${(err as Error).message}`, { cause: err });
        }
      }
    }
    return compiled;
  });

  return { campaignId: header.id, planNumber: planTag(header.plan), timeZone: zone, phases, planDate, notes };
}

// ---------------------------------------------------------------------------------------------------
// Rehearsal

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `1d=20s`: one day of the real timeline lasts 20 seconds in the rehearsal. Units s, m, h, d, w; the
 * right side may not be longer than the left (a rehearsal compresses or, at `1d=1d`, only shifts).
 */
export function parseRehearsalSpec(spec: string): { factor: number } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*=\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$/.exec(spec);
  if (!m) {
    throw new Error(
      `--rehearse "${spec}": viết dạng "1d=20s" (một ngày thật = 20 giây diễn tập); đơn vị s, m, h, d, w ` +
        `(write it as "1d=20s": one real day lasts 20 seconds; units s, m, h, d, w)`,
    );
  }
  const real = Number(m[1]) * UNIT_MS[m[2]];
  const rehearsed = Number(m[3]) * UNIT_MS[m[4]];
  if (real === 0 || rehearsed === 0) {
    throw new Error(`--rehearse "${spec}": hai vế phải lớn hơn 0 (both sides must be longer than zero)`);
  }
  if (rehearsed > real) {
    throw new Error(
      `--rehearse "${spec}": diễn tập chỉ rút ngắn thời gian, vế phải không được dài hơn vế trái ` +
        `(a rehearsal compresses time: the right side may not be longer than the left)`,
    );
  }
  return { factor: rehearsed / real };
}

/** Every instant of a compiled campaign, for mapping. */
function forEachInstant(compiled: CompiledCampaign, visit: (i: CompiledInstant) => void): void {
  if (compiled.planDate) visit(compiled.planDate);
  for (const p of compiled.phases) {
    visit(p.windowStart);
    visit(p.windowEnd);
    if (p.conferenceAt) visit(p.conferenceAt);
    if (p.conference) forEachConferenceInstant(p.conference, visit);
    for (const d of [p.deadline, p.approval, p.vote]) {
      if (!d) continue;
      visit(d.deadline);
      visit(d.lock);
      d.reminders.forEach((r) => visit(r.at));
      d.escalations.forEach((e) => visit(e.at));
    }
  }
}

/** Every instant of a conference's schedule (also when the secretariat moves the day of a rehearsal). */
export function forEachConferenceInstant(c: ConferenceSchedule, visit: (i: CompiledInstant) => void): void {
  for (const i of [c.start, c.end, c.invitationsAt, c.attendeeReminderAt]) if (i) visit(i);
  if (c.replies) {
    visit(c.replies.deadline);
    visit(c.replies.lock);
    c.replies.reminders.forEach((r) => visit(r.at));
    c.replies.escalations.forEach((e) => visit(e.at));
  }
}

/** What a rehearsal keeps to map an instant of the plan's calendar: see {@link rehearse}. */
export type RehearsalMapping = Pick<NonNullable<CompiledCampaign['rehearsal']>, 'origin' | 'anchor' | 'factor'>;

/** An instant of the plan's calendar in the rehearsal: `anchor + (t − origin) × factor`. */
export function rehearsalInstant(r: RehearsalMapping, utc: string): string {
  return new Date(Date.parse(r.anchor) + Math.round((Date.parse(utc) - Date.parse(r.origin)) * r.factor)).toISOString();
}

/** The other way: the instant of the plan's calendar a rehearsal instant stands for (to the minute). */
export function planInstantOf(r: RehearsalMapping, utc: string): string {
  const t = Date.parse(r.origin) + (Date.parse(utc) - Date.parse(r.anchor)) / r.factor;
  return new Date(Math.ceil(t / 60_000) * 60_000).toISOString();
}

/**
 * The same campaign compressed to run now: every instant t becomes `anchor + (t − origin) × factor`,
 * origin being the earliest instant of the campaign (normally the plan date) and anchor `nowUtc`.
 * Order and proportions are kept (to the millisecond); `written` and `reading` still tell the real dates.
 */
export function rehearse(
  compiled: CompiledCampaign,
  spec: string,
  nowUtc: string,
  opts: {
    /**
     * Another campaign's mapping to use instead of this one's own (a sub-campaign of a rehearsed
     * parent runs on the parent's rehearsal clock, so that both plans' dates map by one formula).
     */
    mapping?: RehearsalMapping;
  } = {},
): CompiledCampaign {
  if (compiled.rehearsal) throw new Error(`the campaign is already a rehearsal (${compiled.rehearsal.spec})`);
  const factor = opts.mapping?.factor ?? parseRehearsalSpec(spec).factor;
  const anchor = Date.parse(opts.mapping?.anchor ?? nowUtc);
  if (!Number.isFinite(anchor)) throw new Error(`rehearsal anchor "${nowUtc}" is not an ISO instant`);
  const copy = structuredClone(compiled);
  let origin = Infinity;
  forEachInstant(copy, (i) => (origin = Math.min(origin, Date.parse(i.utc))));
  if (!Number.isFinite(origin)) throw new Error('the campaign has no instants to rehearse');
  if (opts.mapping) origin = Date.parse(opts.mapping.origin);
  const mapping = { origin: new Date(origin).toISOString(), anchor: new Date(anchor).toISOString(), factor };
  forEachInstant(copy, (i) => {
    i.utc = rehearsalInstant(mapping, i.utc);
    i.local = formatLocal(i.utc, copy.timeZone);
  });
  for (const p of copy.phases) {
    const c = p.conference;
    if (c?.start && c.end) c.when = { kind: 'exact', start: c.start.utc, end: c.end.utc };
  }
  copy.rehearsal = {
    spec,
    origin: new Date(origin).toISOString(),
    anchor: new Date(anchor).toISOString(),
    factor,
  };
  return copy;
}

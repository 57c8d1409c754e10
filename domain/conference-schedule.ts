/**
 * The conference's instants for a fixed day: the invitations (`sendBefore` before the day, at the
 * reminder time), the reply deadline (`replyBy` before the day, at the end of working hours) with its
 * reminders and escalation (the deadline engine of `timeline.ts`), and the attendees' reminder. Used by
 * the timeline compiler and again by the client when the secretariat fixes or moves the day. Pure.
 */
import type { IsoDate } from './calendar/types';
import type { ConferencePhaseDef } from './campaign-schema';
import { atLocalTime, formatLocal, formatVietnameseDateTime, localDateOf } from './date-phrases';
import type { WorkingCalendar } from './calendar/types';
import type { CompiledInstant, ConferenceSchedule, DeadlineSchedule } from './timeline-types';

const OFFSET = /^(\d{1,3})(d|wd)$/;

/** The deadline engine (`compileDeadlineScheduleWithNotes` of `timeline.ts`), passed in: no import cycle. */
export type DeadlineCompiler<C extends ConferenceScheduleContext> = (
  phase: {
    reminders: readonly string[];
    escalation: ReadonlyArray<{ after: string; notify: Array<'head'>; cc?: [] }>;
    windowStartUtc?: string;
    label?: string;
    escalateAfterLock?: boolean;
  },
  deadline: { utc: string; written: string; reading: string },
  lock: { utc: string; written: string; reading: string },
  ctx: C,
) => { schedule: DeadlineSchedule; notes: string[] };

/** What the schedule is compiled from (the phase's fields, defaults applied). */
export type ConferenceTiming = Pick<ConferencePhaseDef, 'startTime' | 'endTime' | 'invitations'>;

export interface ConferenceScheduleContext {
  timeZone: string;
  calendar: WorkingCalendar;
  reminderTime: string;
  workingHours: { start: string; end: string };
}

const plusDays = (date: IsoDate, n: number): IsoDate => {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
};

/** The working day `offset` ("7wd", "10d") before `day`; a day off moves earlier. */
export function dayBefore(day: IsoDate, offset: string, ctx: { calendar: WorkingCalendar }): IsoDate {
  const m = OFFSET.exec(offset);
  if (!m) throw new Error(`"${offset}" is not an offset such as "7wd"`);
  const n = Number(m[1]);
  let d = m[2] === 'wd' ? ctx.calendar.addWorkingDays(day, -n) : plusDays(day, -n);
  if (!ctx.calendar.isWorkingDay(d)) d = ctx.calendar.previousWorkingDay(d);
  return d;
}

const instant = (utc: string, zone: string): CompiledInstant => ({ utc, local: formatLocal(utc, zone) });

/**
 * The schedule of a conference starting at `startUtc` (and ending at `endUtc`, when given; else at
 * `endTime` that day). Throws, in Vietnamese, when the reply deadline does not come after the
 * invitations or before the start.
 */
export function compileConferenceSchedule<C extends ConferenceScheduleContext>(
  timing: ConferenceTiming,
  startUtc: string,
  endUtc: string | undefined,
  ctx: C,
  compileDeadline: DeadlineCompiler<C>,
): { schedule: ConferenceSchedule; notes: string[] } {
  const zone = ctx.timeZone;
  const day = localDateOf(startUtc, zone);
  const end = endUtc ?? defaultEnd(timing, startUtc, day, zone);
  if (Date.parse(end) <= Date.parse(startUtc)) {
    throw new Error(
      `giờ kết thúc ${formatLocal(end, zone)} phải sau giờ khai mạc ${formatLocal(startUtc, zone)} ` +
        `(the end must come after the start)`,
    );
  }
  const inv = { ...DEFAULT_INVITATIONS, ...timing.invitations };
  const invitationsAt = atLocalTime(dayBefore(day, inv.sendBefore, ctx), ctx.reminderTime, zone);
  const replyDay = dayBefore(day, inv.replyBy, ctx);
  const replyBy = atLocalTime(replyDay, ctx.workingHours.end, zone);
  if (Date.parse(replyBy) >= Date.parse(startUtc)) {
    throw new Error(
      `hạn đăng ký dự (${formatLocal(replyBy, zone)}) phải trước giờ khai mạc (${formatLocal(startUtc, zone)}) ` +
        `(the reply deadline must come before the conference)`,
    );
  }
  if (Date.parse(replyBy) <= Date.parse(invitationsAt)) {
    throw new Error(
      `hạn đăng ký dự (${formatLocal(replyBy, zone)}) phải sau lúc gửi giấy mời (${formatLocal(invitationsAt, zone)}); ` +
        `hãy tăng invitations.sendBefore hoặc giảm invitations.replyBy ` +
        `(the reply deadline must come after the invitations go out)`,
    );
  }
  const read = {
    utc: replyBy,
    written: `${inv.replyBy} trước ngày hội nghị`,
    reading: formatVietnameseDateTime(replyBy, zone),
  };
  const { schedule: replies, notes } = compileDeadline(
    {
      reminders: inv.reminders,
      // Escalation of a missing reply goes to the unit's head (the conference workflow knows whom).
      escalation: inv.escalation.map((after) => ({ after, notify: ['head'], cc: [] })),
      windowStartUtc: invitationsAt,
      label: 'Hội nghị (đăng ký dự)',
      escalateAfterLock: true,
    },
    read,
    read,
    ctx,
  );
  // Escalation steps at or after the start are of no use: the conference has begun.
  replies.escalations = replies.escalations.filter((e) => Date.parse(e.at.utc) < Date.parse(startUtc));
  const reminderDay = dayBefore(day, inv.attendeeReminder, ctx);
  const attendeeReminderAt = atLocalTime(reminderDay, ctx.reminderTime, zone);
  return {
    schedule: {
      when: { kind: 'exact', start: startUtc, end },
      start: instant(startUtc, zone),
      end: instant(end, zone),
      invitationsAt: instant(invitationsAt, zone),
      replies,
      ...(Date.parse(attendeeReminderAt) > Date.parse(replyBy) && Date.parse(attendeeReminderAt) < Date.parse(startUtc)
        ? { attendeeReminderAt: instant(attendeeReminderAt, zone) }
        : {}),
    },
    notes,
  };
}

/** The schema's defaults, for a definition built in code without them. */
export const DEFAULT_INVITATIONS: ConferenceTiming['invitations'] = {
  sendBefore: '7wd',
  replyBy: '3wd',
  reminders: ['1wd'],
  escalation: ['1wd'],
  attendeeReminder: '1wd',
};
const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/**
 * The end: `endTime` on the day; for a written start at or after it ("20/11/2009 14h00"), the start
 * plus the usual length (`startTime` → `endTime`).
 */
function defaultEnd(timing: Partial<ConferenceTiming>, startUtc: string, day: IsoDate, zone: string): string {
  const startTime = timing.startTime ?? '08:00';
  const endTime = timing.endTime ?? '11:30';
  const end = atLocalTime(day, endTime, zone);
  if (Date.parse(end) > Date.parse(startUtc)) return end;
  const length = Math.max(60, minutesOf(endTime) - minutesOf(startTime)) * 60_000;
  return new Date(Date.parse(startUtc) + length).toISOString();
}

/** Whether a written date gives a time of day ("20/11/2009 14:00", an ISO instant): then it is kept. */
export function hasTimeOfDay(text: string): boolean {
  return /\d{1,2}[:h]\d{2}/.test(text) || /T\d{2}:\d{2}/.test(text);
}

/**
 * The conference child starts when its phase opens, so nothing goes out before that: invitations due
 * earlier go out at the opening, reminders of replies due before it are dropped, and a reply deadline
 * that would fall before it moves to the end of working hours on the opening day (a phase opened on a
 * Saturday for a Monday conference still gives a day to reply). Each change is said in a note. Throws,
 * in Vietnamese, when not even that leaves time to reply before the conference.
 */
export function fitToOpening(
  schedule: ConferenceSchedule,
  opens: CompiledInstant,
  ctx: Pick<ConferenceScheduleContext, 'timeZone' | 'workingHours'>,
): { schedule: ConferenceSchedule; notes: string[] } {
  const at = schedule.invitationsAt;
  const opensMs = Date.parse(opens.utc);
  if (!at || Date.parse(at.utc) >= opensMs) return { schedule, notes: [] };
  const zone = ctx.timeZone;
  const notes = [
    `giấy mời gửi lúc giai đoạn bắt đầu (${opens.local}), không sớm hơn (${at.local}) vì giai đoạn chưa mở`,
  ];
  let replies = schedule.replies;
  if (replies && Date.parse(replies.deadline.utc) <= opensMs) {
    const moved = atLocalTime(localDateOf(opens.utc, zone), ctx.workingHours.end, zone);
    const startMs = Date.parse(schedule.start?.utc ?? '');
    if (Date.parse(moved) <= opensMs || (Number.isFinite(startMs) && Date.parse(moved) >= startMs)) {
      throw new Error(
        `hạn đăng ký dự (${replies.deadline.local}) phải sau lúc giai đoạn hội nghị bắt đầu (${opens.local}), khi giấy mời được gửi, ` +
          `và không còn giờ làm việc nào trước hội nghị; hãy mở giai đoạn sớm hơn ` +
          `(the reply deadline must come after the conference phase opens, when the invitations go out)`,
      );
    }
    const deadline = { ...replies.deadline, utc: moved, local: formatLocal(moved, zone) };
    notes.push(
      `hạn đăng ký dự dời tới cuối giờ làm việc ngày giai đoạn bắt đầu (${deadline.local}), không phải ${replies.deadline.local}`,
    );
    replies = {
      ...replies,
      deadline,
      lock: { ...replies.lock, utc: moved, local: deadline.local },
      // Escalations come after the (new) deadline and before the conference.
      escalations: replies.escalations.filter(
        (e) =>
          Date.parse(e.at.utc) > Date.parse(moved) && (!Number.isFinite(startMs) || Date.parse(e.at.utc) < startMs),
      ),
    };
  }
  if (replies) replies = { ...replies, reminders: replies.reminders.filter((r) => Date.parse(r.at.utc) > opensMs) };
  return {
    schedule: { ...schedule, invitationsAt: { utc: opens.utc, local: opens.local }, ...(replies ? { replies } : {}) },
    notes,
  };
}

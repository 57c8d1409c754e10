/**
 * The conference phase's cross-field rules: presenters and guests that make sense, hours in order, and
 * a reply deadline that falls after the invitations go out and before the day (compiled as the
 * timeline compiler will). Lenient on the raw data, like `rules.ts`.
 */
import { TIME_OF_DAY } from '../campaign-schema';
import { MAX_CONFERENCE_INVITEES } from '../scale-limits';
import { compileConferenceSchedule, fitToOpening, hasTimeOfDay } from '../conference-schedule';
import { compileDeadlineScheduleWithNotes } from '../timeline';
import { approximatePeriod, atLocalTime, formatLocal, localDateOf, type DateContext } from '../date-phrases';
import type { PathSegment } from '../yaml-source';
import type { Report } from './problems';
import { asArr, asStr, isObj, type Obj } from './raw-data';
import { closest } from './suggestions';

const OFFSET = /^\d{1,3}(d|wd)$/;

export function checkConferencePhase(
  report: Report,
  phase: Obj,
  base: PathSegment[],
  unitIds: string[],
  ctx: DateContext & { reminderTime: string },
  date: { utc: string } | undefined,
  /** When the phase opens (its child starts then, and the invitations go out no earlier). */
  opensMs?: number,
): void {
  checkConferenceSize(report, phase, base, unitIds);
  asArr(phase.presenters).forEach((p, i) => {
    const unit = isObj(p) ? asStr(p.unit) : undefined;
    if (unit === undefined || unitIds.includes(unit)) return;
    const guess = closest(unit, unitIds);
    report.add('error', [...base, 'presenters', i, 'unit'], 'conferencePresenterUnknown', {
      unit,
      ...(guess ? { guess } : {}),
    });
  });
  const guestIds = new Map<string, number>();
  asArr(phase.guests).forEach((g, i) => {
    const id = isObj(g) ? asStr(g.id) : undefined;
    if (id === undefined) return;
    const first = guestIds.get(id);
    if (first !== undefined) {
      report.add('error', [...base, 'guests', i, 'id'], 'conferenceGuestDuplicate', {
        id,
        first: report.place([...base, 'guests', first, 'id']),
      });
    } else guestIds.set(id, i);
  });
  const time = (v: unknown, fallback: string) => (typeof v === 'string' && TIME_OF_DAY.test(v) ? v : fallback);
  const startTime = time(phase.startTime, '08:00');
  const endTime = time(phase.endTime, '11:30');
  if (endTime <= startTime) {
    report.add('error', [...base, phase.endTime === undefined ? 'startTime' : 'endTime'], 'conferenceHoursReversed', {
      start: startTime,
      end: endTime,
    });
    return;
  }
  // The reply deadline against the day: only once the day is fixed (a period has none yet).
  const written = asStr(phase.date);
  if (!date || !written || approximatePeriod(written)) return;
  const inv = isObj(phase.invitations) ? phase.invitations : {};
  const offset = (v: unknown, fallback: string) => (typeof v === 'string' && OFFSET.test(v) ? v : fallback);
  const offsets = (v: unknown, fallback: string[]) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && OFFSET.test(x)) : fallback;
  const day = localDateOf(date.utc, ctx.timeZone);
  const start = hasTimeOfDay(written) ? date.utc : atLocalTime(day, startTime, ctx.timeZone);
  try {
    const { schedule } = compileConferenceSchedule(
      {
        startTime,
        endTime,
        invitations: {
          sendBefore: offset(inv.sendBefore, '7wd'),
          replyBy: offset(inv.replyBy, '3wd'),
          reminders: offsets(inv.reminders, ['1wd']),
          escalation: offsets(inv.escalation, ['1wd']),
          attendeeReminder: offset(inv.attendeeReminder, '1wd'),
        },
      },
      start,
      undefined,
      ctx,
      compileDeadlineScheduleWithNotes,
    );
    if (opensMs !== undefined) {
      const opens = new Date(opensMs).toISOString();
      fitToOpening(schedule, { utc: opens, local: formatLocal(opens, ctx.timeZone) }, ctx);
    }
  } catch (err) {
    const path = [...base, 'invitations', ...(inv.replyBy === undefined ? [] : ['replyBy'])];
    report.add('error', path, 'conferenceReplyBy', {
      day: formatLocal(start, ctx.timeZone),
      detail: (err as Error).message.replace(/ \(the .*\)$/, ''),
    });
  }
}

/**
 * Not more invitees than the conference workflow carries within Temporal's limits (measured:
 * `domain/scale-limits.ts`). Every unit is invited when the list is empty or says "all".
 */
function checkConferenceSize(report: Report, phase: Obj, base: PathSegment[], unitIds: string[]): void {
  const listed = asArr(phase.invitees);
  const all = listed.length === 0 || listed.includes('all');
  const units = all ? unitIds.length : new Set(listed.filter((u) => unitIds.includes(u as string))).size;
  const guests = asArr(phase.guests).length;
  if (units + guests <= MAX_CONFERENCE_INVITEES) return;
  report.add('error', [...base, phase.invitees === undefined ? 'kind' : 'invitees'], 'conferenceTooManyInvitees', {
    count: units + guests,
    units,
    guests,
    max: MAX_CONFERENCE_INVITEES,
  });
}

/**
 * Properties of the compiled instants over random deadlines in 1990–2100 with the real calendar:
 * reminders on working days at reminderTime, before their deadline, sorted; escalations after it,
 * on working days, increasing; an extension never leaves a reminder after the new deadline; a
 * rehearsal keeps order and proportions.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { loadWorkingCalendar } from '../../../config/holidays';
import { localDateOf, localTimeOf, readDate, type DateContext } from '../../../domain/date-phrases';
import {
  compileCampaign,
  compileDeadlineScheduleWithNotes,
  rehearse,
  type ScheduleContext,
} from '../../../domain/timeline';
import type { CompiledCampaign, CompiledInstant, DeadlineSchedule } from '../../../domain/timeline-types';
import { vinhPhucLike } from './fixtures';

const ZONE = 'Asia/Ho_Chi_Minh';
const calendar = loadWorkingCalendar();
const ms = (i: { utc: string }) => Date.parse(i.utc);

const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const hhmm = (minH: number, maxH: number) =>
  fc
    .tuple(fc.integer({ min: minH, max: maxH }), fc.constantFrom(0, 15, 30, 45))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const offset = fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('d', 'wd')).map(([n, u]) => `${n}${u}`);
const policy = fc.constantFrom<DateContext['deadlineOnDayOff']>('keep', 'previous', 'next');
const role = fc.constantFrom('focal', 'head', 'supervisor', 'secretariat' as const);
const escalation = fc.array(
  fc.record({
    after: offset,
    notify: fc.array(role, { minLength: 1, maxLength: 2 }),
    cc: fc.array(role, { maxLength: 1 }),
  }),
  { maxLength: 5 },
);

/** A deadline as written ("dd/MM/yyyy" or "dd/MM/yyyy HH:mm"), read with the policy. */
const deadlineArb = fc.record({
  date: day,
  time: fc.option(hhmm(6, 22), { nil: undefined }),
  policy,
  reminderTime: hhmm(7, 9),
});

function ctxOf(p: DateContext['deadlineOnDayOff'], reminderTime: string): ScheduleContext {
  return {
    timeZone: ZONE,
    calendar,
    workingHours: { start: '08:00', end: '17:00' },
    deadlineOnDayOff: p,
    reminderTime,
  };
}

function readDeadline(
  d: { date: string; time?: string; policy: DateContext['deadlineOnDayOff'] },
  ctx: ScheduleContext,
) {
  const written = `${d.date.slice(8, 10)}/${d.date.slice(5, 7)}/${d.date.slice(0, 4)}${d.time ? ` ${d.time}` : ''}`;
  const r = readDate(written, 'deadline', ctx);
  if (!r.ok) throw new Error(r.error);
  return r.utc;
}

function checkSchedule(s: DeadlineSchedule, reminderTime: string): void {
  const deadline = ms(s.deadline);
  let last = -Infinity;
  for (const r of s.reminders) {
    const date = localDateOf(r.at.utc, ZONE);
    expect([r.offset, calendar.isWorkingDay(date)]).toEqual([r.offset, true]);
    expect(localTimeOf(r.at.utc, ZONE)).toBe(reminderTime);
    expect(ms(r.at)).toBeLessThan(deadline);
    expect(ms(r.at)).toBeGreaterThan(last); // sorted, no duplicates
    last = ms(r.at);
    if (r.kind === 'due-today') expect(date).toBe(localDateOf(s.deadline.utc, ZONE));
  }
  expect(new Set(s.reminders.map((r) => r.id)).size).toBe(s.reminders.length);
  last = deadline;
  s.escalations.forEach((e, i) => {
    expect(e.step).toBe(i + 1); // steps after the lock are dropped from the end of the ladder only
    expect(ms(e.at)).toBeLessThanOrEqual(ms(s.lock)); // nothing asks for a report after the lock
    expect(calendar.isWorkingDay(localDateOf(e.at.utc, ZONE))).toBe(true);
    expect(localTimeOf(e.at.utc, ZONE)).toBe(reminderTime);
    expect(ms(e.at)).toBeGreaterThan(last); // after the deadline, strictly increasing
    last = ms(e.at);
  });
}

describe('deadline schedules over 1990–2100', () => {
  it('reminders: working day, at reminderTime, before the deadline, sorted; escalations: after, working day, increasing', () => {
    fc.assert(
      fc.property(deadlineArb, fc.array(offset, { maxLength: 6 }), escalation, (d, reminders, steps) => {
        const ctx = ctxOf(d.policy, d.reminderTime);
        const deadline = readDeadline(d, ctx);
        const lock = DateTime.fromISO(deadline).plus({ days: 10 }).toUTC().toISO()!;
        const { schedule, notes } = compileDeadlineScheduleWithNotes(
          { reminders, escalation: steps },
          deadline,
          lock,
          ctx,
        );
        checkSchedule(schedule, d.reminderTime);
        expect(schedule.escalations.length).toBeLessThanOrEqual(steps.length);
        // Whatever was not kept is explained.
        if (schedule.reminders.length < reminders.length) expect(notes.length).toBeGreaterThan(0);
        if (schedule.escalations.length < steps.length) expect(notes.join('\n')).toMatch(/sau thời điểm khóa/);
      }),
      { numRuns: 400 },
    );
  });

  it('reminders never before the window start or the plan date', () => {
    fc.assert(
      fc.property(
        deadlineArb,
        fc.array(offset, { maxLength: 6 }),
        fc.integer({ min: 0, max: 30 }),
        (d, reminders, back) => {
          const ctx = ctxOf(d.policy, d.reminderTime);
          const deadline = readDeadline(d, ctx);
          const windowStartUtc = DateTime.fromISO(deadline).minus({ days: back }).toUTC().toISO()!;
          const planDateUtc = DateTime.fromISO(deadline)
            .minus({ days: back + 3 })
            .toUTC()
            .toISO()!;
          const { schedule } = compileDeadlineScheduleWithNotes(
            { reminders, escalation: [], windowStartUtc, planDateUtc },
            deadline,
            deadline,
            ctx,
          );
          for (const r of schedule.reminders) expect(ms(r.at)).toBeGreaterThanOrEqual(Date.parse(windowStartUtc));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an extension (a later deadline) never yields a reminder at or after the new deadline', () => {
    fc.assert(
      fc.property(
        deadlineArb,
        fc.integer({ min: 0, max: 60 }),
        fc.option(hhmm(6, 22), { nil: undefined }),
        fc.array(offset, { maxLength: 6 }),
        escalation,
        (d, later, time, reminders, steps) => {
          const ctx = ctxOf(d.policy, d.reminderTime);
          const first = readDeadline(d, ctx);
          const moved = DateTime.fromISO(d.date).plus({ days: later }).toISODate()!;
          let extended = readDeadline({ date: moved, time, policy: d.policy }, ctx);
          if (Date.parse(extended) <= Date.parse(first))
            extended = DateTime.fromISO(first).plus({ hours: 1 }).toUTC().toISO()!;
          const lock = DateTime.fromISO(extended).plus({ days: 5 }).toUTC().toISO()!;
          const { schedule } = compileDeadlineScheduleWithNotes(
            { reminders, escalation: steps, nowUtc: first },
            extended,
            lock,
            ctx,
          );
          checkSchedule(schedule, d.reminderTime);
          for (const r of schedule.reminders) {
            expect(ms(r.at)).toBeLessThan(Date.parse(extended));
            expect(ms(r.at)).toBeGreaterThanOrEqual(Date.parse(first));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

function instants(c: CompiledCampaign): CompiledInstant[] {
  const out: CompiledInstant[] = c.planDate ? [c.planDate] : [];
  for (const p of c.phases) {
    out.push(p.windowStart, p.windowEnd);
    if (p.conferenceAt) out.push(p.conferenceAt);
    if (p.deadline) {
      out.push(p.deadline.deadline, p.deadline.lock, ...p.deadline.reminders.map((r) => r.at));
      out.push(...p.deadline.escalations.map((e) => e.at));
    }
  }
  return out;
}

describe('rehearsal', () => {
  const compiled = compileCampaign(
    vinhPhucLike({ selfReview: { window: { start: '1/10/2009', end: '20/10/2009' } } }),
    calendar,
  );
  const spec = fc
    .tuple(
      fc.integer({ min: 1, max: 7 }),
      fc.constantFrom('d', 'w'),
      fc.integer({ min: 1, max: 120 }),
      fc.constantFrom('s', 'm'),
    )
    .map(([a, ua, b, ub]) => `${a}${ua}=${b}${ub}`);
  const now = fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString());

  it('keeps order and proportions (to 1 ms), starts at now, fills `rehearsal`', () => {
    fc.assert(
      fc.property(spec, now, (s, anchor) => {
        const r = rehearse(compiled, s, anchor);
        const before = instants(compiled).map(ms);
        const after = instants(r).map(ms);
        const origin = Math.min(...before);
        const factor = r.rehearsal!.factor;
        expect(r.rehearsal).toMatchObject({ spec: s, origin: new Date(origin).toISOString(), anchor });
        expect(Math.min(...after)).toBe(Date.parse(anchor));
        after.forEach((t, i) => {
          expect(Math.abs(t - Date.parse(anchor) - (before[i] - origin) * factor)).toBeLessThanOrEqual(1);
          for (let j = 0; j < before.length; j++) {
            if (before[i] < before[j]) expect(t).toBeLessThanOrEqual(after[j]);
          }
        });
        for (const i of instants(r)) expect(i.local).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      }),
      { numRuns: 100 },
    );
  });

  it('1d=20s: 21/09 08:00 → now, 30/09 17:00 (9 days 9 hours later) → now + 187.5 s', () => {
    const r = rehearse(compiled, '1d=20s', '2025-01-06T01:00:00.000Z');
    expect(r.planDate?.utc).toBe('2025-01-06T01:00:00.000Z');
    expect(r.phases[0].windowEnd.utc).toBe('2025-01-06T01:03:07.500Z');
    expect(r.phases[0].windowEnd.local).toBe('06/01/2025 08:03');
    // The deadline 14/10 17:00 is 23 days 9 hours after the plan: 23.375 × 20 s = 467.5 s.
    expect(r.phases[1].deadline?.deadline.utc).toBe('2025-01-06T01:07:47.500Z');
    expect(r.phases[1].deadline?.deadline.written).toBe('trước ngày 15/10/2009');
    expect(compiled.rehearsal).toBeUndefined(); // the input is not changed
    expect(() => rehearse(r, '1d=20s', '2025-01-06T01:00:00.000Z')).toThrow(/already/);
  });
});

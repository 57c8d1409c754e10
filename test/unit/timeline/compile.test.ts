/**
 * The timeline compiler on hand-checked examples. 2009 weekdays used below: Mon 21/09 (plan),
 * Fri 25/09, Sun 27/09, Mon 28/09, Tue 01/09, Wed 02/09 (Quốc khánh), Thu 03/09, Wed 07/10,
 * Fri 09/10, Sun 11/10, Tue 13/10, Wed 14/10 (deadline of 67-KH/TU), Thu 15/10, Mon 19/10, Tue 20/10.
 */
import { loadWorkingCalendar } from '../../../config/holidays';
import { dateContextFor } from '../../../domain/date-phrases';
import {
  compileCampaign,
  compileDeadlineSchedule,
  compileDeadlineScheduleWithNotes,
  DEFAULT_PHASE_NAMES,
  type ScheduleContext,
} from '../../../domain/timeline';
import type { DeadlineSchedule } from '../../../domain/timeline-types';
import { fakeCalendar } from '../date-phrases/fake-calendar';
import { vinhPhucLike } from './fixtures';

const real = loadWorkingCalendar();
const ctx: ScheduleContext = {
  timeZone: 'Asia/Ho_Chi_Minh',
  calendar: real,
  workingHours: { start: '08:00', end: '17:00' },
  deadlineOnDayOff: 'previous',
  reminderTime: '08:00',
};
/** Local `dd/MM/yyyy HH:mm` of 08:00 (= 01:00Z) and 17:00 (= 10:00Z) instants, for readable expectations. */
const locals = (s: DeadlineSchedule) => ({
  reminders: s.reminders.map((r) => `${r.offset} ${r.kind} ${r.at.local}`),
  escalations: s.escalations.map((e) => `${e.step} ${e.after} ${e.at.local}`),
});
const selfReviewNotes = (notes: string[] | undefined) =>
  (notes ?? []).filter((n) => n.startsWith(`${DEFAULT_PHASE_NAMES['self-review']}:`));
const at8 = (dmy: string) => {
  const [d, m, y] = dmy.split('/');
  return `${y}-${m}-${d}T01:00:00.000Z`;
};
const at17 = (dmy: string) => {
  const [d, m, y] = dmy.split('/');
  return `${y}-${m}-${d}T10:00:00.000Z`;
};

describe('compileCampaign on a 67-KH/TU-like campaign', () => {
  const def = vinhPhucLike();
  const compiled = compileCampaign(def, real);
  const selfReview = compiled.phases[1];

  it('reads the plan date, windows, deadline and lock by role', () => {
    expect(compiled.planDate?.utc).toBe(at8('21/09/2009'));
    expect(compiled.planDate?.written).toBe('21/9/2009');
    expect(selfReview.windowStart.utc).toBe(at8('11/10/2009'));
    expect(selfReview.windowEnd.utc).toBe(at17('20/10/2009'));
    expect(selfReview.deadline?.deadline.utc).toBe(at17('14/10/2009'));
    expect(selfReview.deadline?.deadline.local).toBe('14/10/2009 17:00');
    expect(selfReview.deadline?.deadline.reading).toContain('thứ Tư 14/10/2009');
    expect(selfReview.deadline?.lock.utc).toBe(at17('20/10/2009'));
    expect(compiled.phases[0].windowEnd.utc).toBe(at17('30/09/2009'));
  });

  it('drops reminders before the window opens (Sunday 11/10) and says so', () => {
    // 7d → Wed 07/10 and 3wd → Fri 09/10 fall before 11/10 08:00; 1wd → Tue 13/10, 0d → Wed 14/10.
    expect(locals(selfReview.deadline!).reminders).toEqual([
      '1wd reminder 13/10/2009 08:00',
      '0d due-today 14/10/2009 08:00',
    ]);
    const notes = selfReviewNotes(compiled.notes);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('"7d"');
    expect(notes[1]).toContain('"3wd"');
  });

  it('escalates 1d → Thu 15/10 08:00 to the head, 3wd → Mon 19/10 08:00 to the supervisor, cc secretariat', () => {
    expect(locals(selfReview.deadline!).escalations).toEqual(['1 1d 15/10/2009 08:00', '2 3wd 19/10/2009 08:00']);
    expect(selfReview.deadline?.escalations.map((e) => [e.notify, e.cc])).toEqual([
      [['head'], []],
      [['supervisor'], ['secretariat']],
    ]);
  });

  it('keeps all four reminders when the window opens earlier: 7d Wed 07/10, 3wd Fri 09/10 (weekend skipped)', () => {
    const open = compileCampaign(
      vinhPhucLike({ selfReview: { window: { start: '1/10/2009', end: '20/10/2009' } } }),
      real,
    );
    expect(locals(open.phases[1].deadline!).reminders).toEqual([
      '7d reminder 07/10/2009 08:00',
      '3wd reminder 09/10/2009 08:00',
      '1wd reminder 13/10/2009 08:00',
      '0d due-today 14/10/2009 08:00',
    ]);
    expect(open.phases[1].deadline?.reminders.map((r) => r.id)).toEqual(['r-7d', 'r-3wd', 'r-1wd', 'r-0d']);
    expect(selfReviewNotes(open.notes)).toEqual([]);
  });

  it('drops reminders before the plan date', () => {
    const early = compileCampaign(
      vinhPhucLike({
        selfReview: { window: { start: '1/9/2009', end: '20/10/2009' }, reminders: ['30d', '20d', '1d'] },
      }),
      real,
    );
    // 30d → Mon 14/09, before the plan (Mon 21/09 08:00); 20d → Thu 24/09; 1d → Tue 13/10.
    expect(locals(early.phases[1].deadline!).reminders).toEqual([
      '20d reminder 24/09/2009 08:00',
      '1d reminder 13/10/2009 08:00',
    ]);
    expect(selfReviewNotes(early.notes)).toHaveLength(1);
    expect(selfReviewNotes(early.notes)[0]).toContain('ngày ban hành kế hoạch');
  });

  it('default Vietnamese phase names; a written name wins', () => {
    expect(compiled.phases.map((p) => p.name)).toEqual([
      'Ban hành kế hoạch',
      'Tự kiểm điểm, tổng kết tại đơn vị',
      'Tổng hợp, dự thảo báo cáo',
      'Hội nghị tổng kết',
      'Khen thưởng',
    ]);
    const named = compileCampaign(vinhPhucLike({ selfReview: { name: 'Tổng kết tại đơn vị' } }), real);
    expect(named.phases[1].name).toBe('Tổng kết tại đơn vị');
  });

  it('the conference date is a start: "tháng 11/2009" → 08:00 Sunday 01/11; a written time is kept', () => {
    expect(compiled.phases[3].conferenceAt?.utc).toBe(at8('01/11/2009'));
    const def2 = vinhPhucLike();
    const conf = def2.phases[3];
    if (conf.kind !== 'conference') throw new Error('fixture');
    conf.date = '20/11/2009 14h00';
    const c2 = compileCampaign(def2, real);
    expect(c2.phases[3].conferenceAt?.local).toBe('20/11/2009 14:00');
    // "tháng 11/2009" is shown as the month, so the Sunday it is read as is not pointed out; an exact
    // day off is (Sunday 22/11), Friday 20/11 is not.
    expect(compiled.notes?.filter((n) => n.startsWith('Hội nghị tổng kết:'))).toHaveLength(0);
    expect(c2.notes?.filter((n) => n.startsWith('Hội nghị tổng kết:'))).toHaveLength(0);
    conf.date = '22/11/2009';
    const c3 = compileCampaign(def2, real);
    expect(c3.notes?.filter((n) => n.startsWith('Hội nghị tổng kết:'))).toHaveLength(1);
  });

  it('carries the campaign identity and zone', () => {
    expect([compiled.campaignId, compiled.planNumber, compiled.timeZone]).toEqual([
      'vp-test',
      '67-KH/TU',
      'Asia/Ho_Chi_Minh',
    ]);
    expect(compiled.rehearsal).toBeUndefined();
  });

  it('throws a clear error naming the field when a date cannot be read', () => {
    expect(() => compileCampaign(vinhPhucLike({ selfReview: { deadline: 'hôm qua' } }), real)).toThrow(
      /phases\[1\]\.deadline: "hôm qua"/,
    );
    expect(() =>
      compileCampaign(vinhPhucLike({ selfReview: { window: { start: '31/02/2009', end: '20/10/2009' } } }), real),
    ).toThrow(/phases\[1\]\.window\.start/);
  });

  it('uses the campaign calendar settings: policy next moves a Sunday deadline to Monday', () => {
    const def3 = vinhPhucLike({
      calendar: { deadlineOnDayOff: 'next', reminderTime: '09:30' },
      selfReview: {
        window: { start: '1/9/2009', end: '20/10/2009' },
        deadline: '27/09/2009',
        reminders: ['0d'],
        escalation: [],
      },
    });
    const s = compileCampaign(def3, real).phases[1].deadline!;
    expect(s.deadline.utc).toBe(at17('28/09/2009'));
    expect(locals(s).reminders).toEqual(['0d due-today 28/09/2009 09:30']);
    expect(dateContextFor(def3.campaign, real).deadlineOnDayOff).toBe('next');
  });
});

describe('reminder rules', () => {
  const sched = (deadline: string, reminders: string[], extra: Partial<ScheduleContext> = {}, lock?: string) =>
    compileDeadlineScheduleWithNotes({ reminders, escalation: [] }, deadline, lock ?? deadline, { ...ctx, ...extra });

  it('a reminder on a weekend moves EARLIER: deadline Tue 13/10/2009, 3d → Sat 10/10 → Fri 09/10', () => {
    expect(locals(sched(at17('13/10/2009'), ['3d']).schedule).reminders).toEqual(['3d reminder 09/10/2009 08:00']);
  });

  it('a reminder on a holiday moves earlier: deadline Thu 03/09/2009, 1d → Quốc khánh 02/09 → Tue 01/09', () => {
    expect(locals(sched(at17('03/09/2009'), ['1d', '1wd']).schedule).reminders).toEqual([
      '1d reminder 01/09/2009 08:00',
    ]);
  });

  it('a deadline before reminderTime (07:30) gets its 0d reminder the working day before, as a plain reminder', () => {
    const { schedule, notes } = sched('2009-10-14T00:30:00.000Z', ['0d']);
    expect(locals(schedule).reminders).toEqual(['0d reminder 13/10/2009 08:00']);
    expect(notes).toHaveLength(1);
    // Monday 07:30: the 0d reminder goes back over the weekend to Friday.
    expect(locals(sched('2009-10-12T00:30:00.000Z', ['0d']).schedule).reminders).toEqual([
      '0d reminder 09/10/2009 08:00',
    ]);
  });

  it('a deadline exactly at reminderTime: the reminder is not at the deadline', () => {
    expect(locals(sched(at8('14/10/2009'), ['0d']).schedule).reminders).toEqual(['0d reminder 13/10/2009 08:00']);
  });

  it('collapses offsets landing on the same instant and notes it: 7d and 5wd from Wed 14/10 are both Wed 07/10', () => {
    const { schedule, notes } = sched(at17('14/10/2009'), ['7d', '5wd', '7d']);
    expect(locals(schedule).reminders).toEqual(['7d reminder 07/10/2009 08:00']);
    expect(notes).toHaveLength(2);
    expect(notes[0]).toContain('"5wd"');
    expect(notes[0]).toContain('"7d"');
  });

  it('0d and 0wd are the same due-today reminder, sent once', () => {
    const { schedule } = sched(at17('14/10/2009'), ['1d', '0wd', '0d']);
    expect(locals(schedule).reminders).toEqual(['1d reminder 13/10/2009 08:00', '0wd due-today 14/10/2009 08:00']);
  });

  it('sorted ascending whatever the written order', () => {
    expect(locals(sched(at17('14/10/2009'), ['0d', '1wd', '10d']).schedule).reminders).toEqual([
      '10d reminder 02/10/2009 08:00',
      '1wd reminder 13/10/2009 08:00',
      '0d due-today 14/10/2009 08:00',
    ]);
  });

  it('drops reminders in the past for an extension compiled now', () => {
    const { schedule, notes } = compileDeadlineScheduleWithNotes(
      { reminders: ['7d', '1wd'], escalation: [], nowUtc: '2009-10-15T03:00:00.000Z' },
      at17('21/10/2009'),
      at17('23/10/2009'),
      ctx,
    );
    expect(locals(schedule).reminders).toEqual(['1wd reminder 20/10/2009 08:00']);
    expect(notes[0]).toContain('thời điểm hiện tại');
  });

  it('works with another calendar (fake: 1/5 off, 4/5/2009 a Monday)', () => {
    const { schedule } = compileDeadlineScheduleWithNotes(
      { reminders: ['3d'], escalation: [] },
      at17('04/05/2009'),
      at17('04/05/2009'),
      { ...ctx, calendar: fakeCalendar() },
    );
    // 3d → Fri 01/05 (holiday) → Thu 30/04 (holiday) → Wed 29/04.
    expect(locals(schedule).reminders).toEqual(['3d reminder 29/04/2009 08:00']);
  });
});

describe('escalation rules', () => {
  const esc = (deadline: string, after: string[], lock?: string) =>
    compileDeadlineScheduleWithNotes(
      { reminders: [], escalation: after.map((a) => ({ after: a, notify: ['head' as const] })) },
      deadline,
      lock ?? at17('30/10/2009'),
      ctx,
    );

  it('1d after Friday 25/09/2009 → Saturday → next working day Monday 28/09 08:00', () => {
    expect(locals(esc(at17('25/09/2009'), ['1d']).schedule).escalations).toEqual(['1 1d 28/09/2009 08:00']);
  });

  it('a colliding later step is pushed to the next working day, with a note: 1d and 1wd both Monday 28/09', () => {
    const { schedule, notes } = esc(at17('25/09/2009'), ['1d', '1wd', '2d']);
    // step 3: 2d → Sun 27/09 → Mon 28/09, not after step 2 (Tue 29/09) → Wed 30/09.
    expect(locals(schedule).escalations).toEqual([
      '1 1d 28/09/2009 08:00',
      '2 1wd 29/09/2009 08:00',
      '3 2d 30/09/2009 08:00',
    ]);
    expect(notes).toHaveLength(2);
  });

  it('0d goes to the next working day (never at or before the deadline); holidays skipped forward', () => {
    expect(locals(esc(at17('14/10/2009'), ['0d']).schedule).escalations).toEqual(['1 0d 15/10/2009 08:00']);
    // deadline Tue 01/09/2009: 1d → Wed 02/09 Quốc khánh → Thu 03/09.
    expect(locals(esc(at17('01/09/2009'), ['1d']).schedule).escalations).toEqual(['1 1d 03/09/2009 08:00']);
  });

  it('an early-morning deadline: 0d the same day at 08:00 is after a 07:30 deadline', () => {
    expect(locals(esc('2009-10-14T00:30:00.000Z', ['0d']).schedule).escalations).toEqual(['1 0d 14/10/2009 08:00']);
  });

  it('notes an escalation after the lock', () => {
    const { notes } = esc(at17('14/10/2009'), ['10d'], at17('20/10/2009'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('khóa');
  });
});

describe('compileDeadlineSchedule', () => {
  it('returns the schedule alone, keeping written/reading when given', () => {
    const s = compileDeadlineSchedule(
      { reminders: ['1wd'], escalation: [{ after: '1d', notify: ['head'] }] },
      { utc: at17('21/10/2009'), written: 'trước ngày 22/10/2009', reading: 'gia hạn' },
      at17('23/10/2009'),
      ctx,
    );
    expect(s.deadline).toEqual({
      utc: at17('21/10/2009'),
      local: '21/10/2009 17:00',
      written: 'trước ngày 22/10/2009',
      reading: 'gia hạn',
    });
    expect(s.lock.local).toBe('23/10/2009 17:00');
    expect(s.escalations[0].cc).toEqual([]);
    expect(locals(s)).toEqual({ reminders: ['1wd reminder 20/10/2009 08:00'], escalations: ['1 1d 22/10/2009 08:00'] });
  });

  it('refuses a lock before the deadline, a bad offset, a bad reminderTime', () => {
    expect(() =>
      compileDeadlineSchedule({ reminders: [], escalation: [] }, at17('21/10/2009'), at17('20/10/2009'), ctx),
    ).toThrow(/lock/);
    expect(() =>
      compileDeadlineSchedule({ reminders: ['7 days'], escalation: [] }, at17('21/10/2009'), at17('22/10/2009'), ctx),
    ).toThrow(/"7 days"/);
    expect(() =>
      compileDeadlineSchedule({ reminders: [], escalation: [] }, at17('21/10/2009'), at17('22/10/2009'), {
        ...ctx,
        reminderTime: '8h',
      }),
    ).toThrow(/reminderTime/);
  });
});

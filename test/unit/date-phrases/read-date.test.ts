/**
 * Reading dates as documents write them. Expected instants are worked out by hand from a printed
 * calendar (15/10/2009 was a Thursday; 27/09/2009 a Sunday; 01/04/2015 a Wednesday), not copied
 * from the code's output. Most examples use a fake calendar (weekends + 1/1, 30/4, 1/5, 2/9) so that
 * a change in the holiday tables cannot move them; a few use the real one.
 */
import fc from 'fast-check';
import { loadWorkingCalendar } from '../../../config/holidays';
import type { WorkingCalendar } from '../../../domain/calendar/types';
import {
  ACCEPTED_DATE_FORMS,
  atLocalTime,
  formatLocal,
  formatVietnameseDate,
  formatVietnameseDateTime,
  localDateOf,
  readDate,
  type DateContext,
  type DateReading,
  type DateRole,
} from '../../../domain/date-phrases';
import { fakeCalendar } from './fake-calendar';

const ZONE = 'Asia/Ho_Chi_Minh';
const ctxWith = (calendar: WorkingCalendar, over: Partial<DateContext> = {}): DateContext => ({
  timeZone: ZONE,
  calendar,
  workingHours: { start: '08:00', end: '17:00' },
  deadlineOnDayOff: 'previous',
  ...over,
});
const fake = ctxWith(fakeCalendar());

function ok(reading: DateReading): { utc: string; local: string; reading: string } {
  if (!reading.ok) throw new Error(`expected a reading, got: ${reading.error}`);
  return reading;
}
const utcOf = (text: string, role: DateRole, ctx: DateContext = fake) => ok(readDate(text, role, ctx)).utc;
const errorOf = (text: string, role: DateRole = 'deadline', ctx: DateContext = fake): string => {
  const r = readDate(text, role, ctx);
  if (r.ok) throw new Error(`expected an error for "${text}", got ${r.utc}`);
  return r.error;
};

describe('a plain day: the role decides the time', () => {
  it('15/10/2009 (a Thursday): start 08:00, end and deadline 17:00 local (UTC+7)', () => {
    expect(utcOf('15/10/2009', 'start')).toBe('2009-10-15T01:00:00.000Z');
    expect(utcOf('15/10/2009', 'end')).toBe('2009-10-15T10:00:00.000Z');
    const r = ok(readDate('15/10/2009', 'deadline', fake));
    expect(r.utc).toBe('2009-10-15T10:00:00.000Z');
    expect(r.local).toBe('15/10/2009 17:00');
    expect(r.reading).toContain('thứ Năm 15/10/2009');
  });

  it('d/m/yyyy, "ngày" prefix, words, other separators, case and diacritics do not matter', () => {
    for (const text of [
      'ngày 15/10/2009',
      'Ngày 15 tháng 10 năm 2009',
      'NGÀY 15/10/2009',
      'ngay 15/10/2009',
      '15-10-2009',
      '15.10.2009',
      '  15/10/2009 ',
      'ngày 15/10/2009'.normalize('NFD'),
    ]) {
      expect([text, utcOf(text, 'deadline')]).toEqual([text, '2009-10-15T10:00:00.000Z']);
    }
    expect(utcOf('5/9/2009', 'start')).toBe('2009-09-05T01:00:00.000Z');
    expect(utcOf('ngày 21 tháng 9 năm 2009', 'start')).toBe('2009-09-21T01:00:00.000Z');
  });

  it('a start or an end on a day off is not moved (only deadlines follow the day-off policy)', () => {
    expect(utcOf('27/09/2009', 'start')).toBe('2009-09-27T01:00:00.000Z');
    expect(utcOf('27/09/2009', 'end')).toBe('2009-09-27T10:00:00.000Z');
  });

  it('other working hours are used as written', () => {
    const ctx = ctxWith(fakeCalendar(), { workingHours: { start: '07:30', end: '16:30' } });
    expect(utcOf('15/10/2009', 'start', ctx)).toBe('2009-10-15T00:30:00.000Z');
    expect(utcOf('trước ngày 15/10/2009', 'deadline', ctx)).toBe('2009-10-14T09:30:00.000Z');
  });
});

describe('explicit times', () => {
  it.each([
    '15/10/2009 17:00',
    '15/10/2009 17h00',
    '15/10/2009 17h',
    '15/10/2009 lúc 17h00',
    '15/10/2009, 17:00',
    '17h00 ngày 15/10/2009',
    '17:00 15/10/2009',
    'trước 17h00 ngày 15/10/2009',
    '15/10/2009 17 giờ',
  ])('%s → 17:00 on 15/10/2009 whatever the role', (text) => {
    if (!text.startsWith('trước')) expect(utcOf(text, 'start')).toBe('2009-10-15T10:00:00.000Z');
    expect(utcOf(text, 'deadline')).toBe('2009-10-15T10:00:00.000Z');
  });

  it('minutes: 9h30, 9:05, 17 giờ 30', () => {
    expect(utcOf('15/10/2009 9h30', 'start')).toBe('2009-10-15T02:30:00.000Z');
    expect(utcOf('15/10/2009 9:05', 'end')).toBe('2009-10-15T02:05:00.000Z');
    expect(utcOf('15/10/2009 17 giờ 30', 'end')).toBe('2009-10-15T10:30:00.000Z');
  });
});

describe('"trước ngày D": end of the last working day strictly before D', () => {
  it('"trước ngày 15/10/2009" → 17:00 thứ Tư 14/10/2009, with the reading shown to users', () => {
    const r = ok(readDate('trước ngày 15/10/2009', 'deadline', fake));
    expect(r.utc).toBe('2009-10-14T10:00:00.000Z');
    expect(r.local).toBe('14/10/2009 17:00');
    expect(
      r.reading.startsWith(
        '"trước ngày 15/10/2009" → hạn 17:00 thứ Tư 14/10/2009 (ngày làm việc cuối cùng trước 15/10/2009',
      ),
    ).toBe(true);
  });

  it('without "ngày", without diacritics, upper case, as an end', () => {
    for (const text of ['trước 15/10/2009', 'truoc ngay 15/10/2009', 'TRƯỚC NGÀY 15/10/2009', 'Truoc 15/10/2009']) {
      expect([text, utcOf(text, 'end')]).toEqual([text, '2009-10-14T10:00:00.000Z']);
    }
  });

  it('skips weekends and holidays: before Monday 28/09/2009 is Friday 25/09; before 04/05/2009 is Wednesday 29/04', () => {
    expect(utcOf('trước ngày 28/09/2009', 'deadline')).toBe('2009-09-25T10:00:00.000Z');
    // 03/05 Sunday, 02/05 Saturday, 01/05 and 30/04 holidays in the fake calendar.
    expect(utcOf('trước ngày 04/05/2009', 'deadline')).toBe('2009-04-29T10:00:00.000Z');
  });

  it('the real calendar: before Thursday 03/09/2009 skips Quốc khánh (Wednesday 02/09)', () => {
    expect(utcOf('trước ngày 03/09/2009', 'deadline', ctxWith(loadWorkingCalendar()))).toBe('2009-09-01T10:00:00.000Z');
  });

  it('is refused as a start', () => {
    expect(errorOf('trước ngày 15/10/2009', 'start')).toMatch(/hạn chót.*not a start/);
    expect(errorOf('trước quý II/2015', 'start')).toMatch(/hạn chót/);
  });
});

describe('months', () => {
  it('"tháng 11/2009" as a deadline → 17:00 thứ Hai 30/11/2009; as a start → 08:00 01/11/2009', () => {
    const r = ok(readDate('tháng 11/2009', 'deadline', fake));
    expect(r.utc).toBe('2009-11-30T10:00:00.000Z');
    expect(r.reading).toContain('thứ Hai 30/11/2009');
    expect(utcOf('tháng 11/2009', 'start')).toBe('2009-11-01T01:00:00.000Z');
    expect(utcOf('thang 11 nam 2009', 'end')).toBe('2009-11-30T10:00:00.000Z');
    expect(utcOf('trong tháng 11/2009', 'end')).toBe('2009-11-30T10:00:00.000Z');
  });

  it('the last WORKING day: October 2009 ends on Saturday 31 → Friday 30; January 2010 on Sunday 31 → Friday 29', () => {
    expect(utcOf('tháng 10/2009', 'deadline')).toBe('2009-10-30T10:00:00.000Z');
    expect(utcOf('tháng 1/2010', 'end')).toBe('2010-01-29T10:00:00.000Z');
    expect(utcOf('tháng 01/2010', 'end')).toBe('2010-01-29T10:00:00.000Z');
  });

  it('"trước tháng 8 năm 2014" (seed 004) → 17:00 thứ Năm 31/07/2014', () => {
    expect(utcOf('trước tháng 8 năm 2014', 'deadline')).toBe('2014-07-31T10:00:00.000Z');
    expect(utcOf('trước tháng 8/2014', 'deadline')).toBe('2014-07-31T10:00:00.000Z');
  });
});

describe('quarters', () => {
  it('"trước quý II/2015" → 17:00 thứ Ba 31/03/2015', () => {
    const r = ok(readDate('trước quý II/2015', 'deadline', fake));
    expect(r.utc).toBe('2015-03-31T10:00:00.000Z');
    expect(r.reading).toContain('thứ Ba 31/03/2015');
    expect(utcOf('trước quý II năm 2015', 'end')).toBe('2015-03-31T10:00:00.000Z');
  });

  it('Roman numerals and digits, "Q2/2015", with or without diacritics', () => {
    for (const text of [
      'quý II/2015',
      'quý 2/2015',
      'Q2/2015',
      'q2/2015',
      'quy ii/2015',
      'Quý II năm 2015',
      'quý II / 2015',
    ]) {
      expect([text, utcOf(text, 'start'), utcOf(text, 'end')]).toEqual([
        text,
        '2015-04-01T01:00:00.000Z', // Wednesday 01/04/2015, 08:00
        '2015-06-30T10:00:00.000Z', // Tuesday 30/06/2015, 17:00
      ]);
    }
  });

  it('each quarter: I starts 01/01 (a holiday, still the start) and IV ends on the last working day', () => {
    expect(utcOf('quý I/2015', 'start')).toBe('2015-01-01T01:00:00.000Z');
    expect(utcOf('quý I/2015', 'end')).toBe('2015-03-31T10:00:00.000Z');
    expect(utcOf('quý III/2015', 'start')).toBe('2015-07-01T01:00:00.000Z');
    expect(utcOf('trong quý III năm 2015', 'start')).toBe('2015-07-01T01:00:00.000Z');
    // 31/12/2016 is a Saturday → Friday 30/12/2016.
    expect(utcOf('quý IV/2016', 'deadline')).toBe('2016-12-30T10:00:00.000Z');
    expect(utcOf('Q4/2016', 'end')).toBe('2016-12-30T10:00:00.000Z');
  });
});

describe('a deadline on a day off follows deadlineOnDayOff', () => {
  const policy = (p: DateContext['deadlineOnDayOff']) => ctxWith(fakeCalendar(), { deadlineOnDayOff: p });

  it('Sunday 27/09/2009: previous → Friday 25/09 17:00, next → Monday 28/09 17:00, keep → Sunday', () => {
    const previous = ok(readDate('27/09/2009', 'deadline', policy('previous')));
    expect(previous.utc).toBe('2009-09-25T10:00:00.000Z');
    expect(previous.reading).toContain('thứ Sáu 25/09/2009');
    expect(previous.reading).toContain('Chủ nhật');
    expect(utcOf('27/09/2009', 'deadline', policy('next'))).toBe('2009-09-28T10:00:00.000Z');
    const keep = ok(readDate('27/09/2009', 'deadline', policy('keep')));
    expect(keep.utc).toBe('2009-09-27T10:00:00.000Z');
    expect(keep.reading).toContain('Chủ nhật 27/09/2009');
  });

  it('an explicit time keeps its time of day when moved', () => {
    expect(utcOf('27/09/2009 10:30', 'deadline', policy('previous'))).toBe('2009-09-25T03:30:00.000Z');
    expect(utcOf('27/09/2009 10:30', 'deadline', policy('next'))).toBe('2009-09-28T03:30:00.000Z');
    expect(utcOf('27/09/2009 10:30', 'deadline', policy('keep'))).toBe('2009-09-27T03:30:00.000Z');
    expect(utcOf('2009-09-27T10:30:00+07:00', 'deadline', policy('previous'))).toBe('2009-09-25T03:30:00.000Z');
  });

  it('holidays chain: Friday 01/05/2009 (30/04 also off) → previous Wednesday 29/04, next Monday 04/05', () => {
    expect(utcOf('01/05/2009', 'deadline', policy('previous'))).toBe('2009-04-29T10:00:00.000Z');
    expect(utcOf('01/05/2009', 'deadline', policy('next'))).toBe('2009-05-04T10:00:00.000Z');
  });

  it('the real calendar: Quốc khánh 02/09/2009 (a Wednesday) → Tuesday 01/09, with the holiday named', () => {
    const r = ok(readDate('02/09/2009', 'deadline', ctxWith(loadWorkingCalendar())));
    expect(r.utc).toBe('2009-09-01T10:00:00.000Z');
    expect(r.reading).toContain('Quốc khánh');
  });
});

describe('ISO forms', () => {
  it('an instant with an offset is that instant', () => {
    expect(utcOf('2009-10-15T17:00:00+07:00', 'deadline')).toBe('2009-10-15T10:00:00.000Z');
    expect(utcOf('2009-10-15T10:00:00Z', 'end')).toBe('2009-10-15T10:00:00.000Z');
    expect(utcOf('2009-10-15T19:00:00+09:00', 'start')).toBe('2009-10-15T10:00:00.000Z');
    expect(utcOf('2009-10-15T17:00:00.000+07:00', 'start')).toBe('2009-10-15T10:00:00.000Z');
  });

  it('without an offset: read in the campaign zone', () => {
    expect(utcOf('2009-10-15T17:00', 'end')).toBe('2009-10-15T10:00:00.000Z');
    expect(utcOf('2009-10-15T17:00:00', 'end', ctxWith(fakeCalendar(), { timeZone: 'Asia/Tokyo' }))).toBe(
      '2009-10-15T08:00:00.000Z',
    );
  });

  it('a bare ISO date is a day: the role gives the time', () => {
    expect(utcOf('2009-10-15', 'start')).toBe('2009-10-15T01:00:00.000Z');
    expect(utcOf('2009-10-15', 'deadline')).toBe('2009-10-15T10:00:00.000Z');
  });
});

describe('errors say what was written and what would be valid', () => {
  const listsForms = (error: string) => ACCEPTED_DATE_FORMS.every((f) => error.includes(f));

  it('31/02/2009: no such day', () => {
    const e = errorOf('31/02/2009');
    expect(e).toContain('"31/02/2009"');
    expect(e).toContain('không tồn tại');
    expect(e).toContain('28');
    expect(listsForms(e)).toBe(true);
    expect(errorOf('29/02/2009')).toContain('không tồn tại');
    expect(utcOf('29/02/2008', 'end')).toBe('2008-02-29T10:00:00.000Z');
    expect(errorOf('2009-02-31')).toContain('không tồn tại');
  });

  it('month 13, quarter V, quarter 5', () => {
    expect(errorOf('15/13/2009')).toContain('tháng 13');
    expect(errorOf('tháng 13/2009')).toContain('tháng "13"');
    const v = errorOf('quý V/2015');
    expect(v).toContain('"quý V/2015"');
    expect(v).toContain('quý "V"');
    expect(v).toContain('I, II, III, IV');
    expect(listsForms(v)).toBe(true);
    expect(errorOf('Q5/2015')).toContain('quý "5"');
    expect(errorOf('quý 0/2015')).toContain('quý "0"');
  });

  it('two-digit years, impossible times, words that are not dates, an empty field', () => {
    expect(errorOf('15/10/09')).toContain('4 chữ số');
    expect(errorOf('15/10/2009 25:00')).toContain('25:00');
    expect(errorOf('15/10/2009 17:60')).toContain('17:60');
    for (const text of ['hôm qua', 'next Friday', '15 October 2009', '10/2009', '']) {
      expect([text, listsForms(errorOf(text))]).toEqual([text, true]);
    }
  });

  it('a year outside the working calendar (real calendar: 1900–2199)', () => {
    expect(errorOf('15/10/1800', 'end', ctxWith(loadWorkingCalendar()))).toContain('1800');
  });

  it('a bad context is an error, not an exception', () => {
    expect(errorOf('15/10/2009', 'end', ctxWith(fakeCalendar(), { timeZone: 'Mars/Olympus' }))).toContain(
      'Mars/Olympus',
    );
    expect(
      errorOf('15/10/2009', 'end', ctxWith(fakeCalendar(), { workingHours: { start: '8h', end: '17:00' } })),
    ).toContain('8h');
  });

  it('never throws, whatever is written', () => {
    const alphabet = fc.constantFrom(...'0123456789/-.: hQqIVtrướcngàyquýáT+Z'.split(''));
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 30 }),
        fc.constantFrom<DateRole>('start', 'end', 'deadline'),
        (text, role) => {
          const r = readDate(text, role, fake);
          expect(typeof r.ok).toBe('boolean');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('formatting helpers', () => {
  it('formatLocal: dd/MM/yyyy HH:mm in the zone', () => {
    expect(formatLocal('2009-10-14T10:00:00.000Z', ZONE)).toBe('14/10/2009 17:00');
    expect(formatLocal('2009-10-14T20:00:00Z', ZONE)).toBe('15/10/2009 03:00');
  });

  it('formatVietnameseDateTime: weekday names Monday to Sunday', () => {
    expect(formatVietnameseDateTime('2009-10-14T10:00:00.000Z', ZONE)).toBe('17:00 thứ Tư, 14/10/2009');
    const names = ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];
    names.forEach((name, i) => {
      const day = String(12 + i); // 12/10/2009 was a Monday
      expect(formatVietnameseDateTime(`2009-10-${day}T01:00:00Z`, ZONE)).toBe(`08:00 ${name}, ${day}/10/2009`);
      expect(formatVietnameseDate(`2009-10-${day}`)).toBe(`${name} ${day}/10/2009`);
    });
  });

  it('atLocalTime and localDateOf are inverse around midnight', () => {
    expect(atLocalTime('2009-10-15', '00:30', ZONE)).toBe('2009-10-14T17:30:00.000Z');
    expect(localDateOf('2009-10-14T17:30:00.000Z', ZONE)).toBe('2009-10-15');
  });
});

describe('properties over 1990–2100 with the real calendar', () => {
  const real = loadWorkingCalendar();
  const day = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

  it('a deadline lands on a working day at 17:00 (keep aside), previous never later, next never earlier', () => {
    fc.assert(
      fc.property(day, fc.constantFrom<DateContext['deadlineOnDayOff']>('keep', 'previous', 'next'), (date, p) => {
        const r = ok(readDate(dmy(date), 'deadline', ctxWith(real, { deadlineOnDayOff: p })));
        const got = localDateOf(r.utc, ZONE);
        expect(r.local.slice(11)).toBe('17:00');
        if (real.isWorkingDay(date) || p === 'keep') expect(got).toBe(date);
        else {
          expect(real.isWorkingDay(got)).toBe(true);
          expect(p === 'previous' ? got < date : got > date).toBe(true);
          expect(p === 'previous' ? real.nextWorkingDay(got) > date : real.previousWorkingDay(got) < date).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('"trước ngày D" is the last working day strictly before D', () => {
    fc.assert(
      fc.property(day, (date) => {
        const got = localDateOf(utcOf(`trước ngày ${dmy(date)}`, 'deadline', ctxWith(real)), ZONE);
        expect(real.isWorkingDay(got)).toBe(true);
        expect(got < date).toBe(true);
        expect(real.nextWorkingDay(got) >= date).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a month as a deadline is the last working day of that month', () => {
    fc.assert(
      fc.property(day, (date) => {
        const [y, m] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
        const got = localDateOf(utcOf(`tháng ${m}/${y}`, 'deadline', ctxWith(real)), ZONE);
        expect(got.slice(0, 7)).toBe(date.slice(0, 7));
        expect(real.isWorkingDay(got)).toBe(true);
        expect(real.nextWorkingDay(got).slice(0, 7) > date.slice(0, 7)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

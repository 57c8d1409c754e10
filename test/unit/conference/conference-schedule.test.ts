/**
 * The conference's instants as the timeline compiler gives them, on the real working calendar: a day
 * known only as a month gives nothing but the period; a fixed day gives the invitations 7 working
 * days before at the reminder time, the reply deadline 3 working days before at the end of working
 * hours, its reminder and escalation, the attendees' reminder the working day before; a written time
 * is kept; a reply deadline after the opening is refused with the field named.
 */
import { loadWorkingCalendar } from '../../../config/holidays';
import { compileConferenceSchedule } from '../../../domain/conference-schedule';
import { dateContextFor } from '../../../domain/date-phrases';
import { compileCampaign, compileDeadlineScheduleWithNotes } from '../../../domain/timeline';
import { vinhPhucLike } from '../timeline/fixtures';

const calendar = loadWorkingCalendar();

function withDate(date: string, invitations?: Record<string, unknown>) {
  const def = vinhPhucLike();
  const conf = def.phases.find((p) => p.kind === 'conference');
  if (conf?.kind !== 'conference') throw new Error('fixture');
  conf.date = date;
  conf.window = { start: '1/11/2009', end: '30/11/2009' };
  if (invitations) conf.invitations = { ...conf.invitations, ...invitations };
  return compileCampaign(def, calendar).phases.find((p) => p.kind === 'conference')!.conference!;
}

test('a date known only as a month: the period, and no invitation instant invented', () => {
  const c = compileCampaign(vinhPhucLike(), calendar).phases.find((p) => p.kind === 'conference')!.conference;
  expect(c).toEqual({
    when: { kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' },
    venue: 'Hội trường Tỉnh ủy',
    agenda: [],
  });
});

test('a fixed day (Friday 20/11/2009): invitations, reply deadline, reminder, escalation, attendees, in local time', () => {
  const c = withDate('20/11/2009');
  expect({
    start: c.start?.local,
    end: c.end?.local,
    invitations: c.invitationsAt?.local,
    replyBy: c.replies?.deadline.local,
    reminders: c.replies?.reminders.map((r) => r.at.local),
    escalations: c.replies?.escalations.map((e) => `${e.at.local} → ${e.notify.join(',')}`),
    attendees: c.attendeeReminderAt?.local,
  }).toEqual({
    start: '20/11/2009 08:00',
    end: '20/11/2009 11:30',
    invitations: '11/11/2009 08:00',
    replyBy: '17/11/2009 17:00',
    reminders: ['16/11/2009 08:00'],
    escalations: ['18/11/2009 08:00 → head'],
    attendees: '19/11/2009 08:00',
  });
  expect(c.when).toEqual({ kind: 'exact', start: c.start!.utc, end: c.end!.utc });
});

test('a written time is kept, and the conference then lasts the usual length', () => {
  const c = withDate('20/11/2009 14h00');
  expect([c.start?.local, c.end?.local]).toEqual(['20/11/2009 14:00', '20/11/2009 17:30']);
});

test('a reply deadline at or after the opening is refused, naming the field', () => {
  expect(() => withDate('20/11/2009', { replyBy: '0d' })).toThrow(
    /phases\[3\]\.invitations: hạn đăng ký dự \(20\/11\/2009 17:00\) phải trước giờ khai mạc/,
  );
  const def = vinhPhucLike();
  const ctx = { ...dateContextFor(def.campaign, calendar), reminderTime: '08:00' };
  const timing = {
    startTime: '08:00',
    endTime: '11:30',
    invitations: { sendBefore: '2wd', replyBy: '3wd', reminders: [], escalation: [], attendeeReminder: '1wd' },
  };
  expect(() =>
    compileConferenceSchedule(timing, '2009-11-20T01:00:00.000Z', undefined, ctx, compileDeadlineScheduleWithNotes),
  ).toThrow(/phải sau lúc gửi giấy mời/);
});

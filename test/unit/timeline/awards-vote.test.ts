/**
 * The awards phase's council vote compiles like the synthesis approval: the deadline and lock read in
 * the campaign's zone, reminders before the deadline, escalation steps after it kept past the lock
 * (the chair is told until the vote closes). Mon 16/11/2009 … Fri 20/11/2009 are working days.
 */
import { loadWorkingCalendar } from '../../../config/holidays';
import { compileCampaign } from '../../../domain/timeline';
import { campaignTimeline } from '../../../domain/timeline-rows';
import { vinhPhucLike } from './fixtures';

test('the council vote gets its deadline schedule on the awards phase', () => {
  const def = vinhPhucLike();
  const awards = def.phases.find((p) => p.kind === 'awards');
  if (awards?.kind !== 'awards') throw new Error('fixture without an awards phase');
  awards.authority = 'ministry-province';
  awards.council = {
    members: [{ account: 'nva', name: 'Nguyễn Văn A', email: 'a@vinhphuc.example.vn', chair: true }],
    vote: {
      deadline: '20/11/2009 17:00',
      lock: '27/11/2009 17:00',
      reminders: ['3d', '0d'],
      escalation: [{ after: '1wd' }],
    },
  };
  const compiled = compileCampaign(def, loadWorkingCalendar());
  const vote = compiled.phases.find((p) => p.kind === 'awards')?.vote;
  expect(vote?.deadline.utc).toBe('2009-11-20T10:00:00.000Z');
  expect(vote?.lock.utc).toBe('2009-11-27T10:00:00.000Z');
  expect(vote?.reminders.map((r) => `${r.offset} ${r.at.utc}`)).toEqual([
    '3d 2009-11-17T01:00:00.000Z',
    '0d 2009-11-20T01:00:00.000Z',
  ]);
  // One working day after Friday's deadline: Monday 23/11.
  expect(vote?.escalations.map((e) => e.at.utc)).toEqual(['2009-11-23T01:00:00.000Z']);
  // `campaign plan` lists the vote's steps.
  const rows = campaignTimeline(compiled, def).filter((r) => r.event.startsWith('vote-'));
  expect(rows.map((r) => `${r.event} ${r.at.utc} → ${r.to}`)).toEqual([
    'vote-reminder 2009-11-17T01:00:00.000Z → Thành viên Hội đồng chưa bỏ phiếu',
    'vote-reminder 2009-11-20T01:00:00.000Z → Thành viên Hội đồng chưa bỏ phiếu',
    'vote-deadline 2009-11-20T10:00:00.000Z → 1 thành viên Hội đồng',
    'vote-escalation 2009-11-23T01:00:00.000Z → Nguyễn Văn A',
    'vote-lock 2009-11-27T10:00:00.000Z → Ban Thi đua - Khen thưởng tỉnh',
  ]);
  // A campaign file without a council has no vote schedule.
  expect(
    compileCampaign(vinhPhucLike(), loadWorkingCalendar()).phases.find((p) => p.kind === 'awards')?.vote,
  ).toBeUndefined();
});

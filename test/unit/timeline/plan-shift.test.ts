/**
 * The remaining plan moved as a sub-campaign that follows its parent moves it (`workflows/plan-shift.ts`):
 * every instant of every later phase of a real compiled campaign — windows, approval and vote
 * deadlines with their reminders and escalations, the conference day, invitations and replies — moves
 * by exactly the shift, its local reading rewritten in the campaign zone; a conference still given as a
 * rough period keeps it; no shift leaves the phase as it is.
 */
import { loadCampaign } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import { formatDeadline } from '../../../domain/messages';
import { compileCampaign } from '../../../domain/timeline';
import type { PhaseSchedule } from '../../../domain/timeline-types';
import { shiftPhase } from '../../../workflows/plan-shift';

const DAY = 24 * 3600_000;
const ZONE = 'Asia/Ho_Chi_Minh';

function compiled(file: string) {
  const loaded = loadCampaign(file, { mode: 'validate' });
  if (!loaded.ok) throw new Error(`${file} must be valid`);
  return compileCampaign(loaded.campaign, loadWorkingCalendar());
}

/** Every instant of a phase with its path: `{ utc, local }` objects, and the exact conference start/end. */
function instants(value: unknown, at = ''): Array<{ path: string; utc: string; local?: string }> {
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const own = typeof o.utc === 'string' ? [{ path: at, utc: o.utc, local: o.local as string | undefined }] : [];
  const exact =
    o.kind === 'exact' && typeof o.start === 'string'
      ? [
          { path: `${at}.start`, utc: o.start },
          ...(typeof o.end === 'string' ? [{ path: `${at}.end`, utc: o.end }] : []),
        ]
      : [];
  return [
    ...own,
    ...exact,
    ...Object.entries(o).flatMap(([k, v]) => (k === 'utc' || k === 'local' ? [] : instants(v, `${at}.${k}`))),
  ];
}

test.each([
  ['config/campaigns/vinh-phuc-67-kh-tu-2009.yaml', ['synthesis', 'conference', 'awards']],
  ['config/campaigns/vnpt-2014-2015-dai-hoi.yaml', ['synthesis', 'conference']],
])('%s: every instant of the later phases moves by the shift, read again locally', (file, kinds) => {
  const plan = compiled(file);
  const later = plan.phases.filter((p) => kinds.includes(p.kind));
  expect(later.map((p) => p.kind)).toEqual(kinds);
  for (const phase of later) {
    const before = instants(phase);
    const after = instants(shiftPhase(phase, 3 * DAY, ZONE));
    // Windows always; the synthesis approval, the awards vote, the conference's own instants when given.
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(after.map((i) => i.path)).toEqual(before.map((i) => i.path));
    after.forEach((moved, k) => {
      expect(Date.parse(moved.utc) - Date.parse(before[k].utc)).toBe(3 * DAY);
      if (moved.local !== undefined) expect(moved.local).toBe(formatDeadline(moved.utc, ZONE));
    });
  }
});

test('the approval deadline, its reminders and escalations move together; no shift is the phase itself', () => {
  const synthesis = compiled('config/campaigns/vnpt-2014-2015-dai-hoi.yaml').phases.find(
    (p) => p.kind === 'synthesis',
  )!;
  expect(synthesis.approval).toBeDefined();
  const moved = shiftPhase(synthesis, 2 * DAY, ZONE);
  const gap = (p: PhaseSchedule, i: number) =>
    Date.parse(p.approval!.deadline.utc) - Date.parse(p.approval!.reminders[i].at.utc);
  synthesis.approval!.reminders.forEach((_, i) => expect(gap(moved, i)).toBe(gap(synthesis, i)));
  expect(moved.approval!.reminders.map((r) => r.id)).toEqual(synthesis.approval!.reminders.map((r) => r.id));
  expect(shiftPhase(synthesis, 0, ZONE)).toBe(synthesis);
  // The council's vote deadline (awards) moves the same way (no sample file has a council: the approval's schedule stands in).
  const awards: PhaseSchedule = { ...synthesis, kind: 'awards', approval: undefined, vote: synthesis.approval };
  const votes = shiftPhase(awards, 2 * DAY, ZONE).vote!;
  expect(Date.parse(votes.deadline.utc) - Date.parse(synthesis.approval!.deadline.utc)).toBe(2 * DAY);
  expect(votes.deadline.local).toBe(formatDeadline(votes.deadline.utc, ZONE));
});

test('a conference still given as a period keeps its period', () => {
  const phase: PhaseSchedule = {
    kind: 'conference',
    name: 'Hội nghị',
    windowStart: { utc: '2009-11-01T01:00:00.000Z', local: '', written: '', reading: '' },
    windowEnd: { utc: '2009-11-30T10:00:00.000Z', local: '', written: '', reading: '' },
    conference: { when: { kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' } },
  };
  const moved = shiftPhase(phase, DAY, ZONE);
  expect(moved.conference?.when).toEqual(phase.conference!.when);
  expect(moved.windowStart.utc).toBe('2009-11-02T01:00:00.000Z');
});

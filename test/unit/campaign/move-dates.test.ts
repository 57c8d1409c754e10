/**
 * A campaign "copied with its dates moved" (issue 18): `moveCampaignYears` moves the date fields,
 * and only them, by whole years, keeping day and month and the rest of the text byte for byte.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkCampaignText } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import { dateContextFor, localDateOf, readDate } from '../../../domain/date-phrases';
import { moveCampaignYears, shiftPhraseYears } from '../../../domain/move-dates';

const SAMPLES = path.resolve(__dirname, '../../../config/campaigns');
const SAMPLE = path.join(SAMPLES, 'vinh-phuc-67-kh-tu-2009.yaml');
const calendar = loadWorkingCalendar();

/** `line` with every `from` of `moved` replaced by its `to` at once (longest first). */
function movedLine(line: string, moved: { from: string; to: string }[]): string {
  const to = new Map(moved.map((m) => [m.from, m.to]));
  const froms = [...to.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(froms.map((f) => f.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
  return line.replace(re, (f) => to.get(f)!);
}

test('the Vĩnh Phúc sample moved by +1 validates, every date one year later, nothing else changed', () => {
  const text = fs.readFileSync(SAMPLE, 'utf8');
  const moved = moveCampaignYears(text, 1);
  expect(moved.problems).toEqual([]);

  const loaded = checkCampaignText(moved.text, path.join(SAMPLES, 'vinh-phuc-67-kh-tu-2010.yaml'), {
    mode: 'validate',
    calendar,
    now: '2010-09-01T01:00:00.000Z',
  });
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  expect(loaded.campaign.campaign.id).toBe('vinh-phuc-67-kh-tu-2010');

  const paths = moved.moved.map((m) => m.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      'campaign.id',
      'campaign.plan.date',
      'phases[1].window.start',
      'phases[1].deadline',
      'phases[1].lock',
      'phases[2].approval.deadline',
      'phases[3].date',
    ]),
  );
  const ctx = { ...dateContextFor(loaded.campaign.campaign, calendar), deadlineOnDayOff: 'keep' as const };
  for (const m of moved.moved.filter((x) => x.path !== 'campaign.id')) {
    const role = m.from.startsWith('trước') ? 'deadline' : 'start';
    const before = readDate(m.from, role, ctx);
    const after = readDate(m.to, role, ctx);
    if (!before.ok || !after.ok) throw new Error(`${m.path}: ${m.from} → ${m.to} unreadable`);
    const [y0, md0] = [
      localDateOf(before.utc, ctx.timeZone).slice(0, 4),
      localDateOf(before.utc, ctx.timeZone).slice(4),
    ];
    const [y1, md1] = [localDateOf(after.utc, ctx.timeZone).slice(0, 4), localDateOf(after.utc, ctx.timeZone).slice(4)];
    expect({ path: m.path, year: Number(y1) - Number(y0), day: md1 }).toEqual({ path: m.path, year: 1, day: md0 });
  }

  // Rough dates stay rough; an exact deadline keeps its "trước ngày".
  expect(moved.moved.find((m) => m.path === 'phases[3].date')).toMatchObject({ to: 'tháng 11/2010' });
  expect(moved.moved.find((m) => m.path === 'phases[1].deadline')).toMatchObject({ to: 'trước ngày 15/10/2010' });

  // Comments, titles and lists that name 2009 are not dates of the campaign: unchanged.
  const lines = (t: string) => t.split('\n');
  const changed = lines(text).filter((l, i) => l !== lines(moved.text)[i]);
  expect(lines(moved.text)).toHaveLength(lines(text).length);
  expect(changed.every((l) => /^\s*(id|date|deadline|lock|window|start|end):/.test(l.trim().replace(/^- /, '')))).toBe(
    true,
  );
  // Each changed line is its old self with the moved values replaced: nothing else in it moved.
  const after = lines(moved.text);
  lines(text).forEach((l, i) => {
    if (l !== after[i]) expect(after[i]).toBe(movedLine(l, moved.moved));
  });
  expect(moved.text).toContain('# Kế hoạch số 67-KH/TU ngày 21/9/2009');
  expect(moved.text).toContain('Chỉ thị 39-CT/TW ngày 21/5/2004');
});

test('quoting, ISO instants and comments beside a date are kept as written', () => {
  const text = [
    'campaign:',
    '  id: dot-2009 # mã đợt',
    '  plan:',
    "    date: '21/9/2009' # ngày ký",
    'phases:',
    '  - kind: self-review',
    '    window: { start: "2009-10-11T08:00:00+07:00", end: quý IV/2009 }',
    '    deadline: trước quý IV/2009',
    '    lock: ngày 20 tháng 10 năm 2009',
    '    note: 2009 # not a date field',
    '',
  ].join('\n');
  const moved = moveCampaignYears(text, 2);
  expect(moved.problems).toEqual([]);
  expect(moved.text).toBe(
    [
      'campaign:',
      '  id: dot-2011 # mã đợt',
      '  plan:',
      "    date: '21/9/2011' # ngày ký",
      'phases:',
      '  - kind: self-review',
      '    window: { start: "2011-10-11T08:00:00+07:00", end: quý IV/2011 }',
      '    deadline: trước quý IV/2011',
      '    lock: ngày 20 tháng 10 năm 2011',
      '    note: 2009 # not a date field',
      '',
    ].join('\n'),
  );
});

test('29/02/2008 moved by +1 is 28/02/2009, with a note for the clerk', () => {
  const text = 'campaign:\n  plan:\n    date: 29/02/2008\nphases:\n  - kind: awards\n    lock: 2008-02-29\n';
  const moved = moveCampaignYears(text, 1);
  expect(moved.text).toBe(
    'campaign:\n  plan:\n    date: 28/02/2009\nphases:\n  - kind: awards\n    lock: 2009-02-28\n',
  );
  expect(moved.problems).toHaveLength(2);
  expect(moved.problems[0]).toMatch(/campaign\.plan\.date: ngày 29\/02\/2008 không có trong năm 2009.*28\/02/);
  // +4 lands on a leap year: nothing to clamp.
  expect(moveCampaignYears(text, 4).problems).toEqual([]);
});

test('no shift, or a text that is not a mapping, changes nothing', () => {
  const text = fs.readFileSync(SAMPLE, 'utf8');
  expect(moveCampaignYears(text, 0)).toEqual({ text, moved: [], problems: [] });
  const bad = moveCampaignYears('- a\n- b\n', 1);
  expect(bad.text).toBe('- a\n- b\n');
  expect(bad.problems).toHaveLength(1);
});

test('a shift by a then by −a gives the day back, unless a 29/2 was clamped', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const date = fc
    .tuple(fc.integer({ min: 1990, max: 2080 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
    .map(([y, m, d]) => `${pad(Math.min(d, daysIn(y, m)))}/${pad(m)}/${y}`);
  fc.assert(
    fc.property(date, fc.integer({ min: -5, max: 10 }), (written, a) => {
      const there = shiftPhraseYears(written, a);
      const back = shiftPhraseYears(there.text, -a);
      const [d, m, y] = there.text.split('/').map(Number);
      expect(y).toBe(Number(written.slice(6)) + a);
      expect(d).toBeLessThanOrEqual(daysIn(y, m));
      if (there.clamped.length === 0) expect(back.text).toBe(written);
      else expect(written.startsWith('29/02')).toBe(true);
    }),
  );
});

/**
 * Recurring campaigns (issue 15): a template's dates moved into a half-year or a year
 * (`moveCampaignToPeriod`), each keeping its place in its period, over every period of 2000–2100.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { checkCampaignText } from '../../../config/campaign-files';
import { loadWorkingCalendar } from '../../../config/holidays';
import { moveCampaignToPeriod } from '../../../domain/move-dates';
import { shiftPhraseMonths } from '../../../domain/move-dates-period';
import {
  parsePeriod,
  periodAt,
  periodBounds,
  periodId,
  periodOfInstant,
  periodsBetween,
  periodStartUtc,
  type Every,
  type Period,
} from '../../../domain/periods';

const SAMPLE = path.resolve(__dirname, '../../../config/campaigns/khoi-noi-chinh-2012-so-ket.yaml');
const ZONE = 'Asia/Ho_Chi_Minh';
const calendar = loadWorkingCalendar();

/** The days every moved date covers (the spans of its written form). */
const spansOf = (moved: { path: string; to: string }[]) =>
  moved.filter((m) => m.path !== 'campaign.id').flatMap((m) => shiftPhraseMonths(m.to, 0).spans);

const every = (e: Every, from: number, to: number): Period[] =>
  periodsBetween(e === 'year' ? { every: e, year: from } : { every: e, year: from, half: 1 }, {
    every: e,
    year: to,
    ...(e === 'half-year' ? { half: 2 as const } : {}),
  });

test('periods are named, read and bounded as the ids and the Vietnamese year have them', () => {
  expect(parsePeriod('2027-h1', 'half-year')).toEqual({ every: 'half-year', year: 2027, half: 1 });
  expect(parsePeriod('2027-H2', 'half-year')).toEqual({ every: 'half-year', year: 2027, half: 2 });
  expect(parsePeriod('2027', 'half-year')).toBeUndefined();
  expect(parsePeriod('2027-h3', 'half-year')).toBeUndefined();
  expect(parsePeriod('2027', 'year')).toEqual({ every: 'year', year: 2027 });
  expect(parsePeriod('2027-h1', 'year')).toBeUndefined();
  expect(periodBounds({ every: 'half-year', year: 2027, half: 2 })).toEqual({
    first: '2027-07-01',
    last: '2027-12-31',
  });
  // Midnight of 1 January in Hà Nội is still 31 December in UTC: the local day decides.
  expect(periodStartUtc({ every: 'half-year', year: 2027, half: 1 }, ZONE)).toBe('2026-12-31T17:00:00.000Z');
  expect(periodId(periodOfInstant('2026-12-31T17:00:00.000Z', 'half-year', ZONE))).toBe('2027-h1');
  expect(periodId(periodOfInstant('2026-12-31T16:59:59.000Z', 'half-year', ZONE))).toBe('2026-h2');
  expect(periodId(periodOfInstant('2027-06-30T17:00:00.000Z', 'half-year', ZONE))).toBe('2027-h2');
  expect(
    periodsBetween(parsePeriod('2025-h2', 'half-year')!, parsePeriod('2027-h1', 'half-year')!).map(periodId),
  ).toEqual(['2025-h2', '2026-h1', '2026-h2', '2027-h1']);
  expect(every('year', 2000, 2100)).toHaveLength(101);
  expect(every('half-year', 2000, 2100)).toHaveLength(202);
});

test.each<Every>(['half-year', 'year'])(
  'the cluster sample moved into every %s of 2000–2100 validates, its dates in the period, in their order',
  (e) => {
    const text = fs.readFileSync(SAMPLE, 'utf8');
    const original = moveCampaignToPeriod(
      text,
      e === 'year' ? { every: e, year: 2012 } : periodAt(2012 * 2 + 1, e),
      'x',
    );
    const order = spansOf(original.moved).map((s) => s.first);
    for (const target of every(e, 2000, 2100)) {
      const id = `khoi-noi-chinh-${periodId(target)}`;
      const moved = moveCampaignToPeriod(text, target, id);
      expect({ target: periodId(target), problems: moved.problems }).toEqual({
        target: periodId(target),
        problems: [],
      });
      const { first, last } = periodBounds(target);
      const spans = spansOf(moved.moved);
      for (const s of spans) {
        expect({ target: periodId(target), inside: s.first >= first && s.last <= last }).toEqual({
          target: periodId(target),
          inside: true,
        });
      }
      // Order of the dates (so of the phases) kept: the moved days sort as the template's did.
      const firsts = spans.map((s) => s.first);
      order.forEach((d, i) =>
        order.forEach((d2, j) => {
          if (d < d2) expect(firsts[i] <= firsts[j]).toBe(true);
        }),
      );
      // The moved file validates: its "trước ngày …" deadline and working-day reminders read in that year.
      const loaded = checkCampaignText(moved.text, path.join(path.dirname(SAMPLE), `${id}.yaml`), {
        mode: 'start',
        calendar,
        now: periodStartUtc(target, ZONE),
      });
      if (!loaded.ok) throw new Error(`${periodId(target)}: ${loaded.problems.map((p) => p.message).join('\n')}`);
      expect(loaded.campaign.campaign.id).toBe(id);
    }
  },
);

/** A date written in one of the forms a template uses, covering the day `d` of month `m` of `y`. */
const FORMS = [
  (y: number, m: number, d: number) => `${d}/${m}/${y}`,
  (y: number, m: number, d: number) => `trước ngày ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`,
  (y: number, m: number, d: number) => `ngày ${d} tháng ${m} năm ${y}`,
  (y: number, m: number, d: number) =>
    `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T17:00:00+07:00`,
  (y: number, m: number) => `tháng ${m}/${y}`,
];

test('property: any template within one period, moved to any period of 2000–2100, stays inside it, in order', () => {
  const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  const template = fc
    .record({
      every: fc.constantFrom<Every>('half-year', 'year'),
      source: fc.integer({ min: 2000 * 2, max: 2100 * 2 + 1 }),
      target: fc.integer({ min: 2000 * 2, max: 2100 * 2 + 1 }),
      dates: fc.array(
        fc.record({ month: fc.integer({ min: 0, max: 11 }), day: fc.integer({ min: 1, max: 31 }), form: fc.nat(4) }),
        { minLength: 1, maxLength: 6 },
      ),
    })
    .map((r) => {
      const source = r.every === 'year' ? periodAt(r.source >> 1, 'year') : periodAt(r.source, 'half-year');
      const target = r.every === 'year' ? periodAt(r.target >> 1, 'year') : periodAt(r.target, 'half-year');
      const firstMonth = source.half === 2 ? 7 : 1;
      const span = r.every === 'year' ? 12 : 6;
      const dates = r.dates.map(({ month, day, form }) => {
        const m = firstMonth + (month % span);
        return FORMS[form](source.year, m, Math.min(day, daysIn(source.year, m)));
      });
      return { source, target, dates };
    });
  fc.assert(
    fc.property(template, ({ source, target, dates }) => {
      const yaml = [
        'campaign:',
        '  id: mau',
        'phases:',
        ...dates.map((d, i) => `  - kind: k${i}\n    deadline: "${d}"`),
        '',
      ].join('\n');
      const moved = moveCampaignToPeriod(yaml, target, `mau-${periodId(target)}`);
      expect(moved.problems).toEqual([]);
      expect(moved.source).toEqual(source);
      const before = dates.map((d) => shiftPhraseMonths(d, 0).spans[0]);
      const after = spansOf(moved.moved);
      const { first, last } = periodBounds(target);
      after.forEach((s) => expect(s.first >= first && s.last <= last).toBe(true));
      before.forEach((a, i) =>
        before.forEach((b, j) => {
          if (a.first < b.first) expect(after[i].first <= after[j].first).toBe(true);
        }),
      );
      // And back again: the same days (a leading zero may differ), unless a day was clamped to a shorter month.
      if (moved.notes.length === 0) {
        const back = moveCampaignToPeriod(moved.text, source, 'mau');
        expect(spansOf(back.moved)).toEqual(before);
      }
    }),
    { numRuns: 500 },
  );
});

test('a day the target month lacks becomes its last day, with a note; a quarter moves by quarters', () => {
  const yaml =
    'campaign:\n  id: t\nphases:\n  - kind: a\n    deadline: 31/12/2026\n    window: { start: quý III/2026, end: quý IV/2026 }\n';
  const moved = moveCampaignToPeriod(yaml, { every: 'half-year', year: 2027, half: 1 }, 't-2027-h1');
  expect(moved.problems).toEqual([]);
  expect(moved.text).toContain('deadline: 30/6/2027');
  expect(moved.text).toContain('window: { start: quý I/2027, end: quý II/2027 }');
  expect(moved.text).toContain('id: t-2027-h1');
  expect(moved.notes).toEqual([expect.stringMatching(/phases\[0\]\.deadline \(dòng 5\).*31\/12\/2026.*cuối tháng/)]);
});

test('refused, with the field and line: a date outside the first date’s period, a weekday, no year', () => {
  const target: Period = { every: 'half-year', year: 2027, half: 1 };
  const spill = moveCampaignToPeriod(
    'campaign:\n  id: t\n  plan: { date: 15/11/2026 }\nphases:\n  - kind: a\n    deadline: 15/01/2027\n',
    target,
    't-2027-h1',
  );
  expect(spill.problems).toEqual([
    expect.stringMatching(
      /^phases\[0\]\.deadline \(dòng 6\): "15\/01\/2027" nằm ngoài kỳ 2026-h2 \(01\/07\/2026–31\/12\/2026\)/,
    ),
  ]);
  // A year-long template across New Year is refused for a yearly schedule too.
  expect(
    moveCampaignToPeriod(
      'campaign:\n  id: t\n  plan: { date: 15/11/2026 }\nphases:\n  - { kind: a, lock: 10/1/2027 }\n',
      {
        every: 'year',
        year: 2030,
      },
      't-2030',
    ).problems,
  ).toHaveLength(1);
  const weekday = moveCampaignToPeriod(
    'campaign:\n  id: t\nphases:\n  - kind: conference\n    date: thứ Sáu, 03/8/2012\n',
    target,
    't-2027-h1',
  );
  expect(weekday.problems).toEqual([expect.stringMatching(/phases\[0\]\.date \(dòng 5\): .*"thứ Sáu".*ngày cố định/)]);
  const noYear = moveCampaignToPeriod('campaign:\n  id: t\nphases:\n  - kind: a\n    lock: 03/8\n', target, 't');
  expect(noYear.problems).toEqual([expect.stringMatching(/phases\[0\]\.lock \(dòng 5\): "03\/8" không ghi năm/)]);
  const impossible = moveCampaignToPeriod(
    'campaign:\n  id: t\nphases:\n  - kind: a\n    lock: 31/13/2012\n    deadline: tháng 13/2012\n',
    target,
    't',
  );
  expect(impossible.problems).toEqual([
    expect.stringMatching(/phases\[0\]\.deadline \(dòng 6\): "tháng 13\/2012" không phải ngày có thật/),
    expect.stringMatching(/phases\[0\]\.lock \(dòng 5\): "31\/13\/2012" không phải ngày có thật/),
  ]);
  // Nothing moved when refused.
  expect(spill.text).toContain('15/01/2027');
});

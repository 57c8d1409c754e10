/**
 * The corpus of bad campaign files (test/fixtures/bad-campaigns): each file has one defect, and its
 * `.expected.txt` holds the exact problems `campaign validate` must print for it, with their lines
 * and columns, in Vietnamese (the default language). A change of wording or of place shows up here
 * as a diff to review. A few cases are also checked in English (`lang: 'en'`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadWorkingCalendar } from '../../../config/holidays';
import { formatProblem, loadCampaign, type Lang } from '../../../config/campaign-files';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = 'test/fixtures/bad-campaigns';
/** Before every deadline of the corpus but that of 41-deadline-past (a 2008 campaign). */
const NOW = '2009-09-01T00:00:00+07:00';

const fixtures = fs
  .readdirSync(path.join(ROOT, DIR))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const calendar = loadWorkingCalendar();

/** The problems of one fixture as `campaign validate` prints them, one per line. */
function validate(name: string, lang?: Lang): string {
  const file = `${DIR}/${name}`;
  // As the CLI reads it: the file checks (attached documents) included. Run from the project root.
  const result = loadCampaign(path.relative(process.cwd(), path.join(ROOT, file)), {
    calendar,
    mode: 'validate',
    now: NOW,
    ...(lang ? { lang } : {}),
  });
  const problems = result.ok ? result.warnings : result.problems;
  return problems.map((p) => `${lang ? formatProblem(p, lang) : formatProblem(p)}\n`).join('');
}

it('has at least 30 bad campaigns, each with its expected problems', () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(30);
  for (const name of fixtures) {
    expect(fs.existsSync(path.join(ROOT, DIR, name.replace(/\.yaml$/, '.expected.txt')))).toBe(true);
  }
  expect(new Set(fixtures.map((f) => f.slice(0, 2))).size).toBe(fixtures.length); // NN- prefixes unique
});

describe.each(fixtures)('%s', (name) => {
  const expected = fs.readFileSync(path.join(ROOT, DIR, name.replace(/\.yaml$/, '.expected.txt')), 'utf8');

  it('gives exactly the expected problems', () => {
    expect(validate(name)).toBe(expected);
  });

  it('is reported with a place, and never passes silently', () => {
    expect(expected.trim()).not.toBe('');
    for (const line of expected.trim().split('\n'))
      expect(line).toMatch(/^test\/fixtures\/bad-campaigns\/\S+:\d+:\d+ (lỗi|cảnh báo)/);
  });
});

/** English on request (`--lang en`, `THIDUA_LANG=en`): the same problems, the same places. */
const ENGLISH: [string, string][] = [
  [
    '07-missing-head.yaml',
    '07-missing-head.yaml:20:5 error units[0].head (unit so-noi-vu): missing field "head" (the head of the unit, thủ trưởng); add it, e.g. head: { name: Trần Văn B, email: van.phong@vinhphuc.gov.vn }',
  ],
  [
    '08-unknown-field-typo.yaml',
    '08-unknown-field-typo.yaml:41:5 error phases[1].dealine: unknown field "dealine"; did you mean "deadline"?',
  ],
  [
    '27-deadline-outside-window.yaml',
    '27-deadline-outside-window.yaml:41:15 error phases[1].deadline: the deadline (09/10/2009 17:00) is outside the phase window (11/10/2009 08:00 – 20/10/2009 17:00); put the deadline inside the window, or widen the window',
  ],
  [
    '39-duplicate-reminder.yaml',
    '39-duplicate-reminder.yaml:43:25 error phases[1].reminders[2]: reminder "3d" is listed twice (also phases[1].reminders[1]); each reminder is sent once — remove the duplicate',
  ],
  [
    '51-not-utf8-tcvn3.yaml',
    '51-not-utf8-tcvn3.yaml:5:11 error: the file is not in UTF-8 (byte 0xE6 here cannot be read); it looks like TCVN3 (ABC), an old Vietnamese encoding; open it in an editor and save it again as "UTF-8" (in Unikey: Tools → Convert, destination Unicode)',
  ],
  [
    '56-alias-bomb.yaml',
    '56-alias-bomb.yaml:6:12 error: the reference "*a3" nests other references: its content would be copied 820 times (references nested in references, a "billion laughs"); the file is refused without being expanded — write the content out instead',
  ],
  [
    '61-placeholder-number.yaml',
    '61-placeholder-number.yaml:6:13 error campaign.plan.number: "…/BCT-VP" is a blank number form, not a number; an issued plan carries its number (e.g. number: 67-KH/TU) — write it, leave number out if the source gives none, or write draft: true while the plan is a draft',
  ],
];

describe('in English', () => {
  it.each(ENGLISH)('%s', (name, expected) => {
    expect(validate(name, 'en')).toBe(`${DIR}/${expected}\n`);
  });

  it('has the same places as in Vietnamese, only the words differ', () => {
    for (const [name] of ENGLISH) {
      const place = (text: string) => text.split('\n').map((l) => /^\S+/.exec(l)?.[0]);
      expect(place(validate(name, 'en'))).toEqual(place(validate(name)));
    }
  });
});

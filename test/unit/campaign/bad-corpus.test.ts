/**
 * The corpus of bad campaign files (test/fixtures/bad-campaigns): each file has one defect, and its
 * `.expected.txt` holds the exact problems `campaign validate` must print for it, with their lines
 * and columns. A change of wording or of place shows up here as a diff to review.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadWorkingCalendar } from '../../../config/holidays';
import { formatProblem, loadCampaign } from '../../../config/campaign-files';

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
function validate(name: string): string {
  const file = `${DIR}/${name}`;
  // As the CLI reads it: the file checks (attached documents) included. Run from the project root.
  const result = loadCampaign(path.relative(process.cwd(), path.join(ROOT, file)), {
    calendar,
    mode: 'validate',
    now: NOW,
  });
  const problems = result.ok ? result.warnings : result.problems;
  return problems.map((p) => `${formatProblem(p)}\n`).join('');
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
      expect(line).toMatch(/^test\/fixtures\/bad-campaigns\/\S+:\d+:\d+ (error|warning)/);
  });
});

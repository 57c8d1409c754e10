/**
 * The awards council's vote in a campaign file: a deadline before the awards phase opens, or a lock
 * before the deadline, is an error with its line and field, in Vietnamese; a good council passes.
 * (The council's members — one chair, unique accounts, units among the participants — are in the
 * bad-campaign corpus, cases 75–79.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadWorkingCalendar } from '../../../config/holidays';
import { formatProblem, validateCampaign } from '../../../domain/campaign-validate';
import { parseYamlSource } from '../../../domain/yaml-source';

const base = fs.readFileSync(path.resolve(__dirname, '../../fixtures/bad-campaigns/75-council-no-chair.yaml'), 'utf8');
const calendar = loadWorkingCalendar();
const problems = (text: string) =>
  validateCampaign(parseYamlSource(text, 'x.yaml'), { calendar, mode: 'validate', now: '2009-09-01T00:00:00+07:00' })
    .problems.filter((p) => p.severity === 'error')
    .map((p) => formatProblem(p));
// The corpus case made good: the first member is the chair.
const good = base.replace('email: a@vinhphuc.example.vn }', 'email: a@vinhphuc.example.vn, chair: true }');

test('a good council passes', () => {
  expect(problems(good)).toEqual([]);
});

test('a vote deadline before the phase opens, or a lock before the deadline, is refused with its place', () => {
  const early = problems(good.replace('deadline: 20/11/2009 17:00', 'deadline: 20/10/2009 17:00'));
  expect(early).toHaveLength(1);
  expect(early[0]).toMatch(
    /^x\.yaml:\d+:\d+ lỗi phases\[2\]\.council\.vote\.deadline: hạn bỏ phiếu \(20\/10\/2009 17:00\) trước khi giai đoạn xét khen thưởng bắt đầu/,
  );
  const lock = problems(
    good.replace('deadline: 20/11/2009 17:00', 'deadline: 20/11/2009 17:00\n        lock: 19/11/2009'),
  );
  expect(lock).toHaveLength(1);
  expect(lock[0]).toMatch(/phases\[2\]\.council\.vote\.lock: /);
});

/**
 * `thidua campaign plan` on the shipped sample campaigns, against frozen output in `__golden__/`.
 * The golden files were reviewed by hand against the seed texts before freezing (see the checks
 * below, which restate the seed's dates independently of the golden files). To refresh after an
 * intended change: `UPDATE_GOLDEN=1 npx jest --selectProjects unit --testPathPatterns timeline/golden`,
 * `npx prettier --write test/unit/timeline/__golden__`, then review the diff as carefully as the first time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { planCommand, type PlanDeps } from '../../../client/commands/campaign-plan';
import { loadWorkingCalendar } from '../../../config/holidays';
import { formatProblem, loadCampaign } from '../../../config/campaign-files';
import type { CompiledCampaign } from '../../../domain/timeline-types';

const calendar = loadWorkingCalendar();
const CAMPAIGNS = path.resolve(__dirname, '../../../config/campaigns');
const GOLDEN = path.resolve(__dirname, '__golden__');
const update = process.env.UPDATE_GOLDEN === '1';

const deps: PlanDeps = {
  // "now" before the campaigns, so that the past-deadline warning does not depend on the clock.
  loadCampaign: (file) => loadCampaign(file, { mode: 'validate', calendar, now: '2009-01-01T00:00:00.000Z' }),
  formatProblem,
  calendar: () => calendar,
  now: () => '2025-01-06T01:00:00.000Z',
};

async function plan(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await planCommand(
    argv,
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    deps,
  );
  return { code, stdout, stderr };
}

/**
 * Compares with the golden file. JSON is compared by value, so that the file can be kept in
 * prettier's format (`npm run lint` checks it): run `npx prettier --write test/unit/timeline/__golden__`
 * after an update.
 */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  const json = name.endsWith('.json');
  if (update) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file)) throw new Error(`missing golden file ${file}: run with UPDATE_GOLDEN=1 and review it`);
  const expected = fs.readFileSync(file, 'utf8');
  if (json) expect(JSON.parse(actual)).toEqual(JSON.parse(expected));
  else expect(actual).toBe(expected);
}

describe.each([
  'vinh-phuc-67-kh-tu-2009',
  'bo-2009-huong-dan',
  'khoi-noi-chinh-2012-so-ket',
  'bo-2014-2015-dai-hoi',
  'vnpt-2014-2015-dai-hoi',
])('sample campaign %s', (name) => {
  const file = path.join(CAMPAIGNS, `${name}.yaml`);

  it('plan table matches the reviewed golden output', async () => {
    const { code, stdout, stderr } = await plan([file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    golden(`${name}.txt`, stdout);
  });

  it('compiled instants (UTC) match the reviewed golden JSON', async () => {
    const { code, stdout } = await plan([file, '--json']);
    expect(code).toBe(0);
    golden(`${name}.json`, stdout);
  });
});

/** The seed's own dates, restated by hand: these hold whatever the golden files say. */
describe('against the seed texts', () => {
  async function compiled(name: string): Promise<CompiledCampaign> {
    const { stdout } = await plan([path.join(CAMPAIGNS, `${name}.yaml`), '--json']);
    return JSON.parse(stdout) as CompiledCampaign;
  }

  it('67-KH/TU (002): plan 21/9/2009; units 11/10–20/10; due "trước ngày 15/10/2009" = Wed 14/10 17:00; synthesis 20/10–30/10; conference in November', async () => {
    const c = await compiled('vinh-phuc-67-kh-tu-2009');
    const byKind = Object.fromEntries(c.phases.map((p) => [p.kind, p]));
    expect(c.planDate?.utc).toBe('2009-09-21T01:00:00.000Z'); // Monday 21/09 08:00
    expect(byKind['self-review'].windowStart.utc).toBe('2009-10-11T01:00:00.000Z');
    expect(byKind['self-review'].windowEnd.utc).toBe('2009-10-20T10:00:00.000Z');
    expect(byKind['self-review'].deadline?.deadline.utc).toBe('2009-10-14T10:00:00.000Z');
    expect(byKind.synthesis.windowStart.utc).toBe('2009-10-20T01:00:00.000Z');
    expect(byKind.synthesis.windowEnd.utc).toBe('2009-10-30T10:00:00.000Z'); // Friday 30/10 17:00
    const conference = Date.parse(byKind.conference.conferenceAt!.utc);
    expect(conference).toBeGreaterThanOrEqual(Date.parse('2009-10-31T17:00:00Z')); // 01/11 00:00 local
    expect(conference).toBeLessThan(Date.parse('2009-11-30T17:00:00Z')); // 01/12 00:00 local
    // Every reminder before the deadline, every escalation after it, all at 08:00 local on a weekday.
    for (const r of byKind['self-review'].deadline!.reminders) expect(r.at.local.slice(11)).toBe('08:00');
    for (const e of byKind['self-review'].deadline!.escalations) {
      expect(Date.parse(e.at.utc)).toBeGreaterThan(Date.parse('2009-10-14T10:00:00.000Z'));
    }
  });

  it('Khối Nội chính (003): the conference on Friday 03/08/2012, after the members’ reports close', async () => {
    const c = await compiled('khoi-noi-chinh-2012-so-ket');
    const byKind = Object.fromEntries(c.phases.map((p) => [p.kind, p]));
    expect(byKind.conference.conferenceAt?.utc).toBe('2012-08-03T01:00:00.000Z'); // "03/8/2012", 08:00 local
    expect(byKind.conference.conferenceAt?.written).toBe('03/8/2012');
    expect(Date.parse(byKind['self-review'].deadline!.lock.utc)).toBeLessThan(Date.parse('2012-08-03T01:00:00.000Z'));
    expect(c.planNumber).toBe('Công văn tháng 7/2012'); // the source gives no number: none is invented
  });

  it('Bộ Công Thương (000): due "trước ngày 30/9/2009" = Tue 29/09 17:00', async () => {
    const c = await compiled('bo-2009-huong-dan');
    const selfReview = c.phases.find((p) => p.kind === 'self-review')!;
    expect(selfReview.deadline?.deadline.utc).toBe('2009-09-29T10:00:00.000Z');
    expect(selfReview.deadline?.deadline.written).toBe('trước ngày 30/9/2009');
  });

  it('VNPT (004, II.2.b): its own campaign nests inside the ministry\'s "trước quý II/2015" (Tue 31/03/2015 17:00)', async () => {
    const [ministry, vnpt] = await Promise.all([compiled('bo-2014-2015-dai-hoi'), compiled('vnpt-2014-2015-dai-hoi')]);
    const ketQua = ministry.phases.find((p) => p.kind === 'self-review' && p.id === 'ket-qua')!;
    expect(ketQua.deadline?.deadline.utc).toBe('2015-03-31T10:00:00.000Z');
    const parentDeadline = Date.parse(ketQua.deadline!.deadline.utc);
    // The result goes up when the synthesis is approved: its approval deadline, and every instant of
    // the sub-campaign before it (its units' deadline and lock, the congress), falls before the parent's.
    const byKind = Object.fromEntries(vnpt.phases.map((p) => [p.kind, p]));
    expect(Date.parse(byKind.synthesis.approval!.deadline.utc)).toBeLessThan(parentDeadline);
    expect(Date.parse(byKind['self-review'].deadline!.lock.utc)).toBeLessThan(parentDeadline);
    expect(Date.parse(byKind.conference.conferenceAt!.utc)).toBeLessThan(parentDeadline);
    // It starts after the ministry's plan asked for VNPT's own plan ("trước tháng 8 năm 2014").
    const keHoach = ministry.phases.find((p) => p.kind === 'self-review' && p.id === 'ke-hoach')!;
    expect(Date.parse(vnpt.phases[0].windowStart.utc)).toBeGreaterThan(Date.parse(keHoach.deadline!.deadline.utc));
  });
});

/**
 * Campaign validation as a whole: the sample campaigns are valid, a file with several defects gets
 * all of them at once, a past deadline is a warning for `validate` and an error for `start`, nothing
 * throws on any input, and `thidua campaign validate` prints and exits accordingly.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { validateCommand } from '../../../client/commands/campaign-validate';
import { loadWorkingCalendar } from '../../../config/holidays';
import { loadCampaign } from '../../../config/campaign-files';
import type { UnitInput } from '../../../domain/campaign-schema';
import { closest, formatProblem, validateCampaign, type Problem } from '../../../domain/campaign-validate';
import { readDate, dateContextFor } from '../../../domain/date-phrases';
import { parseYamlSource } from '../../../domain/yaml-source';

const ROOT = path.resolve(__dirname, '../../..');
const VINH_PHUC = path.join(ROOT, 'config/campaigns/vinh-phuc-67-kh-tu-2009.yaml');
const BO = path.join(ROOT, 'config/campaigns/bo-2009-huong-dan.yaml');
const KHOI = path.join(ROOT, 'config/campaigns/khoi-noi-chinh-2012-so-ket.yaml');
const calendar = loadWorkingCalendar();

const flatten = (units: UnitInput[]): UnitInput[] => units.flatMap((u) => [u, ...flatten(u.subUnits ?? [])]);

function validateText(text: string, mode: 'validate' | 'start' | 'rehearse' = 'validate', now?: string) {
  return validateCampaign(parseYamlSource(text, 'x.yaml'), { calendar, mode, now: now ?? new Date().toISOString() });
}

describe('the sample campaigns', () => {
  it.each([
    ['vinh-phuc-67-kh-tu-2009.yaml', VINH_PHUC, '2009-09-01T00:00:00+07:00'],
    ['bo-2009-huong-dan.yaml', BO, '2009-08-01T00:00:00+07:00'],
    ['khoi-noi-chinh-2012-so-ket.yaml', KHOI, '2012-07-01T00:00:00+07:00'],
  ])('%s has no problem at all while its deadline is ahead', (_name, file, now) => {
    const loaded = loadCampaign(file, { mode: 'start', now, calendar });
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => formatProblem(p)).join('\n'));
    expect(loaded.warnings).toEqual([]);
  });

  it.each([
    ['vinh-phuc-67-kh-tu-2009.yaml', VINH_PHUC],
    ['bo-2009-huong-dan.yaml', BO],
  ])('%s today: valid, its only warning the past deadline', (_name, file) => {
    const loaded = loadCampaign(file, { mode: 'validate' });
    if (!loaded.ok) throw new Error(loaded.problems.map((p) => formatProblem(p)).join('\n'));
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatchObject({ severity: 'warning', path: 'phases[1].deadline' });
    expect(loaded.warnings[0].message).toMatch(/^hạn nộp \(.*\) đã qua/);
  });

  it('67-KH/TU: the plan as the seed gives it', () => {
    const loaded = loadCampaign(VINH_PHUC, { mode: 'validate', now: '2009-09-01T00:00:00+07:00' });
    if (!loaded.ok) throw new Error('invalid');
    const { campaign, units, phases } = loaded.campaign;
    expect(campaign.plan).toEqual({
      kind: 'ke-hoach',
      number: '67-KH/TU',
      date: '21/9/2009',
      system: 'party',
      recipients: [],
      draft: false,
    });
    expect(campaign.directive).toMatch(/^Chỉ thị 39-CT\/TW/);
    expect(campaign.issuingBody).toBe('Ban Thường vụ Tỉnh ủy Vĩnh Phúc');
    expect(units.length).toBeGreaterThanOrEqual(25);
    expect(units.length).toBeLessThanOrEqual(40);
    const names = units.map((u) => u.name);
    for (const place of [
      'Vĩnh Yên',
      'Phúc Yên',
      'Bình Xuyên',
      'Lập Thạch',
      'Tam Dương',
      'Tam Đảo',
      'Vĩnh Tường',
      'Yên Lạc',
      'Sông Lô',
    ]) {
      expect(names.some((n) => n.endsWith(place))).toBe(true);
    }
    expect(new Set(units.map((u) => u.kind))).toEqual(
      new Set(['district-committee', 'party-committee', 'department', 'mass-organization']),
    );
    expect(units.every((u) => u.cluster)).toBe(true);
    for (const u of flatten(units)) {
      expect(u.focal.email).toMatch(/@vinhphuc\.example\.vn$/);
      expect(u.head.email).toMatch(/@vinhphuc\.example\.vn$/);
    }
    expect(phases.map((p) => p.kind)).toEqual(['plan-issue', 'self-review', 'synthesis', 'conference', 'awards']);
    const review = phases[1];
    if (review.kind !== 'self-review') throw new Error('phase 1 is not the self-review');
    expect(review.window).toEqual({ start: '11/10/2009', end: '20/10/2009' });
    expect(review.deadline).toBe('trước ngày 15/10/2009');
    expect(review.lock).toBe('20/10/2009');
    expect(review.reminders).toEqual(['7d', '3d', '1d', '0d']);
    expect(review.escalation).toEqual([
      { after: '1d', notify: ['head'], cc: [] },
      { after: '3d', notify: ['supervisor'], cc: ['secretariat'] },
    ]);
    expect(review.due?.summaryReport).toBe('required');
    expect(review.due?.presentationPaper).toBe('optional');
    expect(review.due?.nominations?.quota).toEqual({ total: 1, collective: 1, individual: 1 });
    expect(review.due?.nominations?.forms).toEqual(['Bằng khen của Chủ tịch UBND tỉnh']);
    expect(phases[2].window).toEqual({ start: '20/10/2009', end: '30/10/2009' });
    expect(phases[3].kind === 'conference' && phases[3].date).toBe('tháng 11/2009');
  });

  it('67-KH/TU: "trước ngày 15/10/2009" falls inside the 11/10–20/10 window, and that is valid', () => {
    const loaded = loadCampaign(VINH_PHUC, { mode: 'validate', now: '2009-09-01T00:00:00+07:00' });
    if (!loaded.ok) throw new Error('invalid');
    const ctx = dateContextFor(loaded.campaign.campaign, calendar);
    const deadline = readDate('trước ngày 15/10/2009', 'deadline', ctx);
    expect(deadline.ok && deadline.local).toBe('14/10/2009 17:00');
  });

  it('the ministry instruction: deadline, contact and units as the seed gives them', () => {
    const loaded = loadCampaign(BO, { mode: 'validate', now: '2009-08-01T00:00:00+07:00' });
    if (!loaded.ok) throw new Error('invalid');
    const { campaign, units, phases } = loaded.campaign;
    expect(campaign.issuingBody).toBe('Bộ Công Thương');
    expect(campaign.directive).toMatch(/^Chỉ thị 39-CT\/TW ngày 21\/5\/2004/);
    expect(campaign.secretariat.contacts[0]).toMatchObject({
      division: 'Phòng Tuyên truyền – Thi đua, Văn phòng Bộ',
      phone: '043.8269552',
      fax: '043.8248036',
    });
    const review = phases.find((p) => p.kind === 'self-review');
    expect(review?.kind === 'self-review' && review.deadline).toBe('trước ngày 30/9/2009');
    expect(flatten(units).length).toBeGreaterThanOrEqual(25);
    expect(flatten(units).some((u) => u.supervisor)).toBe(true);
    // A công văn whose number the copy lost: left out, not invented; no person the dispatch does not name.
    expect(campaign.plan).toMatchObject({ kind: 'cong-van', system: 'state', draft: false });
    expect(campaign.plan.number).toBeUndefined();
    expect(campaign.plan.recipients).toContain('Lưu VP, PTT-TĐ');
    expect(campaign.secretariat.contacts.every((c) => c.name === undefined)).toBe(true);
    // Item 2 of the dispatch ("Tăng cường hơn nữa vai trò lãnh đạo của các cấp ủy …") is a task.
    expect(review?.tasks?.some((t) => t.startsWith('Tăng cường hơn nữa vai trò lãnh đạo'))).toBe(true);
  });
});

describe('the plan document', () => {
  const sample = fs.readFileSync(VINH_PHUC, 'utf8');
  const before = '2009-09-01T00:00:00+07:00';
  const withPlan = (plan: string) => sample.replace(/ {2}plan:\n(?: {4}.*\n)+/, `  plan:\n${plan}`);

  it('a blank number form is refused, at its line, unless the plan is a draft', () => {
    const blank = validateText(withPlan('    number: số   /KH-TU\n    date: 21/9/2009\n'), 'validate', before);
    expect(blank.campaign).toBeUndefined();
    expect(blank.problems).toEqual([
      expect.objectContaining({ severity: 'error', path: 'campaign.plan.number', line: 21 }),
    ]);
    expect(blank.problems[0].message).toMatch(/^"số {3}\/KH-TU" là số văn bản để trống/);
    const draft = validateText(
      withPlan('    number: …/KH-TU\n    date: 21/9/2009\n    draft: true\n'),
      'validate',
      before,
    );
    expect(draft.problems).toEqual([]);
    expect(draft.campaign?.campaign.plan.draft).toBe(true);
  });

  it('a draft never starts', () => {
    const { campaign, problems } = validateText(
      withPlan('    number: …/KH-TU\n    date: 21/9/2009\n    draft: true\n'),
      'start',
      before,
    );
    expect(campaign).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ severity: 'error', path: 'campaign.plan.draft' })]);
    expect(problems[0].message).toMatch(/^kế hoạch còn là dự thảo \(draft: true\)/);
  });

  it('issued numbers are not placeholders; the kind defaults to a kế hoạch', () => {
    for (const number of ['67-KH/TU', '13/KH-HĐTĐKT', '71-CV/BCĐ', 'Số 67-KH/TU']) {
      const { problems, campaign } = validateText(
        withPlan(`    number: ${number}\n    date: 21/9/2009\n`),
        'validate',
        before,
      );
      expect([number, problems]).toEqual([number, []]);
      expect(campaign?.campaign.plan.kind).toBe('ke-hoach');
    }
  });
});

describe('a file with several defects', () => {
  const text = `campaign:
  id: nhieu-loi
  plan: { number: 1-KH/TU, date: 21/9/2009 }
  title: Thử
  directive: Chỉ thị 39-CT/TW
  issuingBody: Tỉnh ủy
  secretariat:
    name: Ban Thi đua - Khen thưởng
    contacts: [{ name: Nguyễn Văn T, email: tdkt@vinhphuc.example.vn }]
  timeZone: Asia/Hanoi
units:
  - id: so-noi-vu
    name: Sở Nội vụ
    kind: departement
    focal: { name: A, email: abc }
    head: { name: B, email: b@vinhphuc.example.vn }
  - id: so-noi-vu
    name: Sở Nội vụ (bản sao)
    kind: department
    focal: { name: C, email: c@vinhphuc.example.vn }
    head: { name: D, email: d@vinhphuc.example.vn }
phases:
  - kind: plan-issue
    window: { start: 21/9/2009, end: 30/9/2009 }
  - kind: self-review
    window: { start: 11/10/2009, end: 20/10/2009 }
    deadline: trước ngày 25/10/2009
    lock: 31/02/2009
    reminders: [7days]
    due: { summaryReport: required, nominations: { required: true, quota: { total: 0 }, forms: [Bằng khen] } }
    colour: red
`;

  it('gets every problem at once, sorted by line', () => {
    const { campaign, problems } = validateText(text, 'validate', '2009-09-01T00:00:00+07:00');
    expect(campaign).toBeUndefined();
    expect(problems.map((p) => [p.line, p.path, p.severity])).toEqual([
      [10, 'campaign.timeZone', 'error'],
      [14, 'units[0].kind', 'error'],
      [15, 'units[0].focal.email', 'error'],
      [17, 'units[1].id', 'error'],
      [27, 'phases[1].deadline', 'error'],
      [28, 'phases[1].lock', 'error'],
      [29, 'phases[1].reminders[0]', 'error'],
      [30, 'phases[1].due.nominations.quota.total', 'error'],
      [31, 'phases[1].colour', 'error'],
    ]);
    expect(problems.find((p) => p.path === 'units[1].id')?.message).toMatch(/đã dùng ở units\[0\]\.id \(dòng 12\)/);
    expect(problems.find((p) => p.path === 'units[0].focal.email')?.unitId).toBe('so-noi-vu');
  });
});

describe('a deadline already past', () => {
  const sample = fs.readFileSync(VINH_PHUC, 'utf8');
  const now = '2009-10-16T09:00:00+07:00';
  const past = (problems: Problem[]) => problems.filter((p) => /đã qua/.test(p.message));

  it('is a warning when validating, and the campaign is still valid', () => {
    const { campaign, problems } = validateText(sample, 'validate', now);
    expect(campaign).toBeDefined();
    expect(past(problems)).toEqual([expect.objectContaining({ severity: 'warning', path: 'phases[1].deadline' })]);
  });

  it('is a warning for a rehearsal', () => {
    const { campaign, problems } = validateText(sample, 'rehearse', now);
    expect(campaign).toBeDefined();
    expect(past(problems).map((p) => p.severity)).toEqual(['warning']);
  });

  it('is an error when starting, and there is no campaign to start', () => {
    const { campaign, problems } = validateText(sample, 'start', now);
    expect(campaign).toBeUndefined();
    expect(past(problems)).toEqual([expect.objectContaining({ severity: 'error', path: 'phases[1].deadline' })]);
    expect(past(problems)[0].message).toMatch(/không thể bắt đầu đợt thi đua có hạn đã qua/);
  });

  it('is nothing the moment before the deadline', () => {
    expect(validateText(sample, 'start', '2009-10-14T16:59:00+07:00').problems).toEqual([]);
  });
});

describe('loadCampaign', () => {
  it('reports a missing file as a problem, not an exception', () => {
    const loaded = loadCampaign('config/campaigns/khong-co.yaml', { mode: 'validate' });
    expect(loaded).toEqual({
      ok: false,
      problems: [expect.objectContaining({ severity: 'error', file: 'config/campaigns/khong-co.yaml', path: '' })],
    });
    if (!loaded.ok) expect(loaded.problems[0].message).toMatch(/không có tệp này/);
  });

  it('reports a folder as a problem', () => {
    const loaded = loadCampaign(path.join(ROOT, 'config/campaigns'), { mode: 'validate' });
    expect(!loaded.ok && loaded.problems[0].message).toMatch(/thư mục/);
  });
});

describe('formatProblem', () => {
  it('writes file:line:column severity path (unit): message', () => {
    const p: Problem = {
      severity: 'error',
      file: 'config/campaigns/x.yaml',
      line: 42,
      column: 9,
      path: 'units[3].focal.email',
      unitId: 'so-noi-vu',
      message: '"abc" is not a valid email address; write one such as van.phong@vinhphuc.gov.vn',
    };
    expect(formatProblem(p, 'en')).toBe(
      'config/campaigns/x.yaml:42:9 error units[3].focal.email (unit so-noi-vu): "abc" is not a valid email address; write one such as van.phong@vinhphuc.gov.vn',
    );
    expect(formatProblem({ ...p, message: 'm' })).toBe(
      'config/campaigns/x.yaml:42:9 lỗi units[3].focal.email (đơn vị so-noi-vu): m',
    );
    expect(formatProblem({ severity: 'warning', file: 'f.yaml', path: '', message: 'm' }, 'en')).toBe(
      'f.yaml warning: m',
    );
    expect(formatProblem({ severity: 'warning', file: 'f.yaml', path: '', message: 'm' })).toBe('f.yaml cảnh báo: m');
  });

  it('suggests only close words', () => {
    expect(closest('dealine', ['deadline', 'lock'])).toBe('deadline');
    expect(closest('sub_units', ['subUnits', 'head'])).toBe('subUnits');
    expect(closest('signer', ['id', 'plan', 'title'])).toBeUndefined();
  });
});

describe('never throws', () => {
  it('on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const { problems } = validateText(text);
        return Array.isArray(problems);
      }),
      { numRuns: 300 },
    );
  });

  it('on any YAML value, and on the sample with any field replaced', () => {
    const sample = parseYamlSource(fs.readFileSync(VINH_PHUC, 'utf8'), 's.yaml').data as Record<string, unknown>;
    const paths: (string | number)[][] = [
      ['campaign'],
      ['campaign', 'timeZone'],
      ['campaign', 'calendar'],
      ['units'],
      ['units', 0],
      ['units', 0, 'id'],
      ['phases'],
      ['phases', 1],
      ['phases', 1, 'window'],
      ['phases', 1, 'deadline'],
      ['phases', 1, 'escalation'],
      ['phases', 1, 'due', 'nominations', 'quota'],
      ['phases', 3, 'invitees'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (at, value) => {
        const copy = structuredClone(sample);
        let node: Record<string | number, unknown> = copy;
        for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
        node[at[at.length - 1]] = value;
        const { problems } = validateText(stringify(copy));
        return problems.every((p) => typeof p.message === 'string' && p.line !== undefined);
      }),
      { numRuns: 150 },
    );
    fc.assert(fc.property(fc.jsonValue(), (value) => Array.isArray(validateText(stringify(value)).problems)));
  });
});

describe('thidua campaign validate', () => {
  /** Runs the command, capturing what it writes. */
  async function run(...argv: string[]) {
    let stdout = '';
    let stderr = '';
    const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
    const code = await validateCommand(argv, io);
    return { code, stdout, stderr };
  }
  const fixture = (name: string) => path.join(ROOT, 'test/fixtures/bad-campaigns', name);

  it('exits 0 on a valid file and says what it holds', async () => {
    const { code, stdout } = await run(VINH_PHUC, '--now', '2009-09-01T00:00:00+07:00');
    expect(code).toBe(0);
    expect(stdout).toBe(`${VINH_PHUC}: hợp lệ: 35 đơn vị, 5 giai đoạn\n`);
  });

  it('exits 0 with warnings only, printing them', async () => {
    const { code, stdout } = await run(BO);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/:\d+:\d+ cảnh báo phases\[1\]\.deadline: hạn nộp \(29\/09\/2009 17:00\) đã qua/);
    expect(lines[1]).toBe(`${BO}: hợp lệ, 1 cảnh báo: 31 đơn vị, 4 giai đoạn`);
  });

  it('exits 1 on an error, printing every problem and the count', async () => {
    const { code, stdout } = await run(fixture('29-duplicate-unit-id.yaml'), '--now=2009-09-01T00:00:00+07:00');
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /29-duplicate-unit-id\.yaml:25:9 lỗi units\[1\]\.id \(đơn vị so-noi-vu\): mã đơn vị "so-noi-vu"/,
    );
    expect(stdout.trim().split('\n').pop()).toMatch(/29-duplicate-unit-id\.yaml: 1 lỗi, 0 cảnh báo$/);
  });

  it('exits 1 when any of several files has an error', async () => {
    const files = [VINH_PHUC, fixture('34-quota-kind-above-total.yaml'), fixture('07-missing-head.yaml')];
    const { code, stdout } = await run(...files, '--now', '2009-09-01T00:00:00+07:00');
    expect(code).toBe(1);
    expect(stdout).toMatch(/34-quota-kind-above-total\.yaml: hợp lệ, 1 cảnh báo: 3 đơn vị, 5 giai đoạn/);
    expect(stdout).toMatch(/07-missing-head\.yaml: 1 lỗi, 0 cảnh báo/);
  });

  it('says the same in English with --lang en (or THIDUA_LANG=en)', async () => {
    const valid = await run(VINH_PHUC, '--now', '2009-09-01T00:00:00+07:00', '--lang', 'en');
    expect(valid.stdout).toBe(`${VINH_PHUC}: valid: 35 units, 5 phases\n`);
    const warned = await run(BO, '--lang=en');
    expect(warned.stdout.trim().split('\n').pop()).toBe(`${BO}: valid with 1 warning: 31 units, 4 phases`);
    const bad = await run(fixture('29-duplicate-unit-id.yaml'), '--now=2009-09-01T00:00:00+07:00', '--lang', 'en');
    expect(bad.stdout.trim().split('\n').pop()).toMatch(/29-duplicate-unit-id\.yaml: 1 error, 0 warnings$/);
    const usage = await run('--lang', 'en');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('name at least one campaign file\nUsage: thidua campaign validate FILE');
    const vi = await run();
    expect(vi.stderr).toContain('cho biết ít nhất một tệp đợt thi đua\nCách dùng: thidua campaign validate TỆP');
    expect((await run(VINH_PHUC, '--lang', 'fr')).code).toBe(2);
  });

  it('exits 1 on a missing file', async () => {
    const { code, stdout } = await run('khong-co.yaml');
    expect(code).toBe(1);
    expect(stdout).toMatch(/^khong-co\.yaml lỗi: không có tệp này/);
  });

  it('prints JSON with --json', async () => {
    const { code, stdout } = await run('--json', fixture('12-malformed-email.yaml'), VINH_PHUC);
    expect(code).toBe(1);
    const out = JSON.parse(stdout) as {
      files: { valid: boolean; errors: number; units?: number; problems: Problem[] }[];
    };
    expect(out.files.map((f) => [f.valid, f.errors, f.units])).toEqual([
      [false, 1, undefined],
      [true, 0, 35],
    ]);
    expect(out.files[0].problems[0]).toMatchObject({ line: 28, column: 37, path: 'units[1].focal.email' });
  });

  it('exits 2 on a bad command line, starting nothing', async () => {
    expect((await run()).code).toBe(2);
    expect((await run('--rehearse', '1d=20s', VINH_PHUC)).code).toBe(2);
    const bad = await run(VINH_PHUC, '--now', 'hôm qua');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--now cần một thời điểm ISO/);
  });

  it('reads a file written anywhere', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-validate-'));
    try {
      const file = path.join(dir, 'c.yaml');
      fs.writeFileSync(file, 'campaign: {}\n');
      const { code, stdout } = await run(file);
      expect(code).toBe(1);
      expect(stdout).toMatch(/c\.yaml:1:11 lỗi campaign\.id: thiếu trường "id"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

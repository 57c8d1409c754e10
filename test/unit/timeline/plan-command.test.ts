/**
 * `thidua campaign plan` with an injected loader (the fixture campaign), so that the command is
 * tested apart from the YAML loader; the golden test runs it on the real sample files.
 */
import { formatTable, displayWidth, wrap } from '../../../client/commands/format-table';
import { planCommand, type LoadResult, type PlanDeps, type Problem } from '../../../client/commands/campaign-plan';
import { loadWorkingCalendar } from '../../../config/holidays';
import { parseRehearsalSpec } from '../../../domain/timeline';
import type { CompiledCampaign } from '../../../domain/timeline-types';
import { vinhPhucLike } from './fixtures';

const calendar = loadWorkingCalendar();

async function run(argv: string[], result: LoadResult = { ok: true, campaign: vinhPhucLike(), warnings: [] }) {
  let stdout = '';
  let stderr = '';
  const deps: PlanDeps = {
    loadCampaign: () => result,
    formatProblem: (p: Problem) => `${p.file}:${p.line ?? 0}: ${p.severity}: ${p.path}: ${p.message}`,
    calendar: () => calendar,
    now: () => '2025-01-06T01:00:00.000Z',
  };
  const code = await planCommand(
    argv,
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } },
    deps,
  );
  return { code, stdout, stderr };
}

describe('campaign plan: the table', () => {
  it('prints rows with weekday, local time, phase, what and to whom', async () => {
    const { code, stdout, stderr } = await run(['vp.yaml']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    const row = (what: string) => lines.find((l) => l.includes(what)) ?? '';
    expect(row('Hạn nộp báo cáo tổng kết')).toMatch(/^thứ Tư 14\/10\/2009\s+17:00\s+2\s+Hạn nộp.*tất cả 3 đơn vị$/);
    expect(row('Nhắc hạn hôm nay')).toMatch(/^thứ Tư 14\/10\/2009\s+08:00\s+.*Cán bộ đầu mối/);
    expect(row('Quá hạn 1 ngày')).toMatch(
      /^thứ Năm 15\/10\/2009\s+08:00\s+.*báo Thủ trưởng đơn vị\s+Thủ trưởng đơn vị$/,
    );
    expect(row('Quá hạn 3 ngày làm việc')).toMatch(/^thứ Hai 19\/10\/2009\s+08:00.*Cấp trên, đồng gửi Thường trực$/);
    expect(row('Khóa báo cáo')).toMatch(/^thứ Ba 20\/10\/2009\s+17:00/);
    // "tháng 11/2009": the conference is announced for the month, not for the day it is read as.
    expect(row('Hội nghị tại Hội trường Tỉnh ủy')).toMatch(/^dự kiến trong tháng 11\/2009\s+4\s/);
    expect(row('Hội nghị tại Hội trường Tỉnh ủy')).not.toMatch(/01\/11\/2009|08:00/);
    expect(stdout).toContain('  4. Hội nghị tổng kết: dự kiến trong tháng 11/2009');
    expect(stdout).toContain('Kế hoạch số 67-KH/TU ngày 21/9/2009');
    expect(stdout).toContain('  2. Tự kiểm điểm, tổng kết tại đơn vị: 11/10/2009 08:00 – 20/10/2009 17:00');
  });

  it('lists the reading of every written date and the compiler notes', async () => {
    const { stdout } = await run(['vp.yaml']);
    expect(stdout).toContain(
      'GĐ 2 – hạn nộp: "trước ngày 15/10/2009" → hạn 17:00 thứ Tư 14/10/2009 (ngày làm việc cuối cùng trước 15/10/2009',
    );
    expect(stdout).toContain('Ngày kế hoạch: "21/9/2009" → bắt đầu 08:00 thứ Hai 21/09/2009');
    // the fixture's window opens Sunday 11/10: 7d and 3wd are dropped, with notes
    expect(stdout).toMatch(/- Tự kiểm điểm, tổng kết tại đơn vị: bỏ nhắc "7d"/);
  });

  it('aligns columns', async () => {
    const { stdout } = await run(['vp.yaml']);
    const lines = stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('Ngày'));
    const giờ = lines[header].indexOf('Giờ');
    const dated = lines.slice(header + 2).filter((l) => /^(thứ|Chủ nhật)/.test(l));
    expect(dated.length).toBeGreaterThan(6);
    for (const l of dated) expect(l.slice(giờ, giờ + 5)).toMatch(/^\d{2}:\d{2}$/);
    // Rows dated only roughly have no time of day.
    for (const l of lines.slice(header + 2).filter((x) => x.startsWith('dự kiến'))) {
      expect(l.slice(giờ, giờ + 5)).toBe('     ');
    }
  });

  it('--unit: the unit’s people by name; unknown unit is a usage error', async () => {
    const { code, stdout } = await run(['vp.yaml', '--unit', 'huyen-uy-tam-duong']);
    expect(code).toBe(0);
    expect(stdout).toContain('Đơn vị: Huyện ủy Tam Dương (huyen-uy-tam-duong)');
    // Table cells wrap: join the continuation lines of the escalation row before matching.
    const flat = stdout.replace(/\n {20,}/g, ' ').replace(/\s+/g, ' ');
    expect(flat).toContain(
      'Quá hạn 3 ngày làm việc – báo cấp trên Đỗ Thị Cấp Trên (cấp trên), đồng gửi Ban Thi đua - Khen thưởng tỉnh',
    );
    expect(flat).toContain('Nhắc hạn hôm nay Phạm Văn Văn Phòng (cán bộ đầu mối)');
    const sub = await run(['vp.yaml', '--unit=xa-hop-hoa', '--json']);
    const rows = (JSON.parse(sub.stdout) as { unitView: { rows: Array<{ event: string; to: string }> } }).unitView.rows;
    expect(rows.filter((r) => r.event === 'escalation').map((r) => r.to)).toEqual([
      'Bùi Văn Bí Thư Xã (Thủ trưởng)',
      'Ban Thi đua - Khen thưởng tỉnh (thay cấp trên)', // no supervisor: the secretariat, not copied twice
    ]);
    const bad = await run(['vp.yaml', '--unit', 'so-khong-co']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('so-khong-co');
  });

  it('--rehearse: times with seconds from --now', async () => {
    const { code, stdout } = await run(['vp.yaml', '--rehearse', '1d=20s', '--now', '2025-01-06T08:00:00+07:00']);
    expect(code).toBe(0);
    expect(stdout).toContain('DIỄN TẬP');
    // deadline 23 days 9 hours after the plan → 467.5 s after 08:00:00 → 08:07:47
    expect(stdout).toMatch(/thứ Hai 06\/01\/2025\s+08:07:47\s+2\s+Hạn nộp/);
  });
});

describe('campaign plan: --json', () => {
  it('prints the CompiledCampaign with UTC instants', async () => {
    const { code, stdout } = await run(['vp.yaml', '--json']);
    expect(code).toBe(0);
    const c = JSON.parse(stdout) as CompiledCampaign;
    expect(c.planNumber).toBe('67-KH/TU');
    expect(c.phases[1].deadline?.deadline).toMatchObject({
      utc: '2009-10-14T10:00:00.000Z',
      local: '14/10/2009 17:00',
    });
    expect(Array.isArray(c.notes)).toBe(true);
  });

  it('with --unit adds the unit view', async () => {
    const { stdout } = await run(['vp.yaml', '--json', '--unit', 'so-noi-vu']);
    const c = JSON.parse(stdout) as CompiledCampaign & {
      unitView: { id: string; rows: Array<{ event: string; to: string }> };
    };
    expect(c.unitView.id).toBe('so-noi-vu');
    expect(c.unitView.rows.find((r) => r.event === 'escalation')?.to).toBe('Lê Văn Giám Đốc (Thủ trưởng)');
  });
});

describe('campaign plan: errors', () => {
  it('a file with problems: each problem on stderr, exit 1', async () => {
    const problem: Problem = {
      file: 'vp.yaml',
      line: 12,
      path: 'phases[1].deadline',
      message: 'ngày 31/02/2009 không tồn tại',
      severity: 'error',
    };
    const { code, stdout, stderr } = await run(['vp.yaml'], { ok: false, problems: [problem] });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('vp.yaml:12: error: phases[1].deadline: ngày 31/02/2009 không tồn tại');
  });

  it('warnings are shown and the plan still printed', async () => {
    const warning: Problem = { file: 'vp.yaml', path: 'units[0]', message: 'thiếu số điện thoại', severity: 'warning' };
    const { code, stderr } = await run(['vp.yaml'], { ok: true, campaign: vinhPhucLike(), warnings: [warning] });
    expect(code).toBe(0);
    expect(stderr).toContain('thiếu số điện thoại');
  });

  it.each([
    [[], 'thiếu tệp đợt thi đua'],
    [['a.yaml', 'b.yaml'], 'chỉ một tệp: a.yaml b.yaml'],
    [['--lang', 'en'], 'missing FILE\nUsage: thidua campaign plan FILE'],
    [['a.yaml', 'b.yaml', '--lang=en'], 'one FILE only'],
    [['vp.yaml', '--lang', 'fr'], '--lang'],
    [['vp.yaml', '--frobnicate'], '--frobnicate'],
    [['vp.yaml', '--unit'], '--unit'],
    [['vp.yaml', '--rehearse', '1d=2d'], 'right side'],
    [['vp.yaml', '--rehearse', 'fast'], '1d=20s'],
    [['vp.yaml', '--rehearse', '1d=20s', '--now', 'tomorrow'], 'tomorrow'],
  ])('usage error %j → exit 2', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('an unreadable date that got past the validator: exit 1 with the field', async () => {
    const { code, stderr } = await run(['vp.yaml'], {
      ok: true,
      campaign: vinhPhucLike({ selfReview: { lock: 'sau Tết' } }),
      warnings: [],
    });
    expect(code).toBe(1);
    expect(stderr).toContain('phases[1].lock');
  });

  it('--help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--rehearse');
    expect(stdout).toMatch(/^Cách dùng: thidua campaign plan TỆP/);
    expect((await run(['--help', '--lang', 'en'])).stdout).toMatch(/^Usage: thidua campaign plan FILE/);
  });
});

describe('campaign plan: the language', () => {
  it('Vietnamese by default: headers, labels, readings and notes', async () => {
    const { stdout } = await run(['vp.yaml']);
    expect(stdout).toContain('Cơ quan ban hành: ');
    expect(stdout).toContain('\nGiai đoạn:\n');
    expect(stdout).toMatch(/\nNgày +Giờ +GĐ +Việc +Gửi tới\n/);
    expect(stdout).toContain('\nCách đọc ngày tháng (như đã viết → cách hiểu):\n');
    expect(stdout).toContain('  GĐ 2 – hạn nộp: ');
    expect(stdout).toContain('\nGhi chú của bộ lập lịch:\n');
  });

  it('English with --lang en: the same plan, the campaign’s own words unchanged', async () => {
    const { code, stdout, stderr } = await run(['vp.yaml', '--lang', 'en']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('Kế hoạch số 67-KH/TU (ngày 21/9/2009) — ');
    expect(stdout).toContain('Issued by: ');
    expect(stdout).toMatch(/Units: 3 · Time zone: Asia\/Ho_Chi_Minh · Working hours 08:00–17:00/);
    expect(stdout).toContain('\nPhases:\n  1. ');
    expect(stdout).toContain('  2. Tự kiểm điểm, tổng kết tại đơn vị: 11/10/2009 08:00 – 20/10/2009 17:00');
    expect(stdout).toMatch(/\nDate +Time +Ph\. +What +To\n/);
    const row = stdout.split('\n').find((l) => l.includes('Hạn nộp báo cáo tổng kết')) ?? '';
    expect(row).toMatch(/^Wed 14\/10\/2009\s+17:00\s+2\s+Hạn nộp.*tất cả 3 đơn vị$/);
    expect(stdout).toContain('\nHow the written dates were read (as written → reading):\n');
    expect(stdout).toContain('  Phase 2 – deadline: ');
    expect(stdout).toContain('\nCompiler notes:\n');
    expect(stdout).not.toMatch(/Giai đoạn:|Cách đọc|Ghi chú/);
    // --json is the same in either language
    expect((await run(['vp.yaml', '--json', '--lang', 'en'])).stdout).toBe((await run(['vp.yaml', '--json'])).stdout);
  });
});

describe('parseRehearsalSpec', () => {
  it('factors', () => {
    expect(parseRehearsalSpec('1d=20s').factor).toBeCloseTo(20 / 86400, 12);
    expect(parseRehearsalSpec('1d=1m').factor).toBeCloseTo(60 / 86400, 12);
    expect(parseRehearsalSpec('1h=1s').factor).toBeCloseTo(1 / 3600, 12);
    expect(parseRehearsalSpec(' 1w = 1h ').factor).toBeCloseTo(1 / 168, 12);
    expect(parseRehearsalSpec('1d=1d').factor).toBe(1);
  });

  it('errors are clear', () => {
    expect(() => parseRehearsalSpec('1d')).toThrow(/1d=20s/);
    expect(() => parseRehearsalSpec('1y=1s')).toThrow(/s, m, h, d, w/);
    expect(() => parseRehearsalSpec('0d=1s')).toThrow(/0/);
    expect(() => parseRehearsalSpec('1s=1d')).toThrow(/right side/);
  });
});

describe('formatTable', () => {
  it('counts a decomposed Vietnamese letter once', () => {
    const decomposed = 'thứ Tư'.normalize('NFD');
    expect(decomposed.length).toBeGreaterThan(6);
    expect(displayWidth(decomposed)).toBe(6);
    const out = formatTable(
      ['a', 'b'],
      [
        [decomposed, 'x'],
        ['ab', 'y'],
      ],
    ).split('\n');
    expect(out[2].indexOf('x')).toBe(out[3].indexOf('y'));
    expect(out[2].indexOf('x')).toBe(8);
    expect(out[1]).toBe('------  -');
  });
});

describe('wrap', () => {
  it('wraps at spaces within the width and cuts a word longer than it', () => {
    expect(wrap('Ban Thi đua - Khen thưởng tỉnh', 12)).toEqual(['Ban Thi đua', '- Khen', 'thưởng tỉnh']);
    expect(wrap('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrap('', 4)).toEqual(['']);
  });

  it('continuation lines stay in their column', () => {
    const out = formatTable(['a', 'b', 'c'], [['x', 'một hai ba bốn', 'z']], { maxWidths: [0, 7, 0] }).split('\n');
    expect(out.slice(2, 4)).toEqual(['x  một hai  z', '   ba bốn']);
  });
});

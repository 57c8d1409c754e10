/**
 * Several deadline phases in one campaign, and deliverables declared per phase (and per unit): the
 * 2014–2015 congress plan (seed 004) as a file, compiled into one deadline schedule per phase; a phase
 * that says what units owe both ways, or neither, is refused in Vietnamese at its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadWorkingCalendar } from '../../../config/holidays';
import { loadCampaign } from '../../../config/campaign-files';
import { validateCampaign } from '../../../domain/campaign-validate';
import { deadlinePhases, dueForUnit, dueItemLabels, dueOf } from '../../../domain/deliverables';
import { compileCampaign } from '../../../domain/timeline';
import { parseYamlSource } from '../../../domain/yaml-source';
import { dueItems, unitMessageContext } from '../../../activities';
import { composeMessage } from '../../../domain/messages';

const ROOT = path.resolve(__dirname, '../../..');
const SAMPLE = path.join(ROOT, 'config/campaigns/bo-2014-2015-dai-hoi.yaml');
const calendar = loadWorkingCalendar();

function loadSample() {
  const loaded = loadCampaign(SAMPLE, { mode: 'validate', calendar, now: '2014-06-01T00:00:00+07:00' });
  if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
  expect(loaded.warnings).toEqual([]);
  return loaded.campaign;
}

describe('the 2014–2015 congress plan (seed 004)', () => {
  it('has two deadline phases, each compiled into its own schedule with its id', () => {
    const def = loadSample();
    const compiled = compileCampaign(def, calendar);
    const deadlines = compiled.phases.filter((p) => p.deadline);
    expect(deadlines.map((p) => p.id)).toEqual(['ke-hoach', 'ket-qua']);
    // "trước tháng 8 năm 2014" and "trước quý II năm 2015": the last working day before, at 17:00.
    expect(deadlines[0].deadline?.deadline.local).toBe('31/07/2014 17:00');
    expect(deadlines[1].deadline?.deadline.local).toBe('31/03/2015 17:00');
    expect(Date.parse(deadlines[0].deadline!.lock.utc)).toBeLessThan(Date.parse(deadlines[1].windowStart.utc));
    expect(deadlines[1].deadline?.reminders.map((r) => r.offset)).toEqual(['30d', '7d', '1wd']);
  });

  it('names the deliverables as the plan does, and VNPT its own (a one-day congress)', () => {
    const def = loadSample();
    const [plan, results] = deadlinePhases(def);
    expect(dueOf(plan).deliverables?.map((d) => d.name)).toEqual([
      'Kế hoạch tổ chức Đại hội Thi đua, Hội nghị điển hình tiên tiến',
    ]);
    const vnpt = def.units.find((u) => u.id === 'vnpt')!;
    expect(dueForUnit(plan, vnpt).deliverables?.map((d) => d.name)).toEqual(['Kế hoạch tổ chức Đại hội Thi đua']);
    expect(dueForUnit(results, vnpt).deliverables?.[0]).toEqual({
      id: 'bao-cao-ket-qua',
      name: 'Báo cáo kết quả tổ chức Đại hội Thi đua',
      required: true,
      accept: ['pdf', 'doc', 'docx'],
    });
    const other = def.units.find((u) => u.id === 'vu-buu-chinh')!;
    expect(dueItemLabels(dueForUnit(results, other))).toEqual([
      'Báo cáo kết quả tổ chức Đại hội Thi đua, Hội nghị điển hình tiên tiến (bắt buộc)',
    ]);
    // The plan message lists both phases, each with its deadline as the plan writes it.
    expect(dueItems(def, vnpt, undefined, true)).toEqual([
      'Kế hoạch tổ chức Đại hội Thi đua (bắt buộc) — hạn trước tháng 8/2014',
      'Báo cáo kết quả tổ chức Đại hội Thi đua (bắt buộc) — hạn trước quý II/2015',
    ]);
    expect(dueItems(def, other, 'ket-qua')).toEqual([
      'Báo cáo kết quả tổ chức Đại hội Thi đua, Hội nghị điển hình tiên tiến (bắt buộc)',
    ]);
  });
});

describe('messages name the deliverables of their phase', () => {
  const def = loadSample();
  const compiled = compileCampaign(def, calendar);
  const message = (unitId: string, kind: 'reminder' | 'escalation' | 'phase-locked', phaseId: string) => {
    const phase = compiled.phases.find((p) => p.id === phaseId)!;
    return composeMessage(
      unitMessageContext(
        def,
        def.units.find((u) => u.id === unitId)!,
        {
          kind,
          phaseName: phase.name,
          phaseId,
          deadline: phase.deadline!.deadline.utc,
          lockAt: phase.deadline!.lock.utc,
          link: 'https://portal.example.vn/u/x',
          detail: kind === 'escalation' ? { step: 1, after: '1wd' } : {},
          addresseeRole: kind === 'escalation' ? 'head' : 'focal',
          documents: [],
        },
      ),
    );
  };

  it('a reminder of the first phase names the unit’s own plan (VNPT: a congress)', () => {
    const m = message('vnpt', 'reminder', 'ke-hoach');
    expect(m.subject).toContain('Nhắc hạn nộp Kế hoạch tổ chức Đại hội Thi đua: ');
    expect(m.text).toContain('- Kế hoạch tổ chức Đại hội Thi đua (bắt buộc)');
    expect(m.text).toContain('chưa nhận được Kế hoạch tổ chức Đại hội Thi đua của đơn vị');
    expect(m.text).not.toContain('báo cáo tổng kết');
  });

  it('an escalation of the second phase names its results report', () => {
    const m = message('vu-buu-chinh', 'escalation', 'ket-qua');
    expect(m.subject).toContain(
      'Chậm nộp Báo cáo kết quả tổ chức Đại hội Thi đua, Hội nghị điển hình tiên tiến: Vụ Bưu chính',
    );
    expect(m.text).toContain('chưa gửi Báo cáo kết quả tổ chức Đại hội Thi đua, Hội nghị điển hình tiên tiến');
  });
});

describe('what a deadline phase owes, said one way', () => {
  const text = fs.readFileSync(SAMPLE, 'utf8');
  const problems = (yaml: string) =>
    validateCampaign(parseYamlSource(yaml, 'x.yaml'), { calendar, mode: 'validate', now: '2014-06-01T00:00:00+07:00' })
      .problems.filter((p) => p.severity === 'error')
      .map((p) => `${p.line} ${p.path}: ${p.message}`);

  it('refuses a phase with both due and deliverables', () => {
    const both = text.replace('    id: ket-qua\n', '    id: ket-qua\n    due: { summaryReport: required }\n');
    expect(problems(both)).toEqual([
      expect.stringMatching(/^\d+ phases\[2\]\.deliverables: giai đoạn này có cả due lẫn deliverables/),
    ]);
  });

  it('refuses a phase that says nothing units owe', () => {
    const lines = text.split('\n');
    const at = lines.findIndex(
      (l, i) => l === '    deliverables:' && i > lines.findIndex((x) => x.includes('id: ket-qua')),
    );
    lines.splice(at, 4);
    expect(problems(lines.join('\n'))).toEqual([
      expect.stringMatching(/^\d+ phases\[2\]\.kind: giai đoạn này không ghi đơn vị phải nộp gì/),
    ]);
  });

  it('keeps the old due: a single self-review phase compiles as before, without an id', () => {
    const old = fs.readFileSync(path.join(ROOT, 'config/campaigns/vinh-phuc-67-kh-tu-2009.yaml'), 'utf8');
    const result = validateCampaign(parseYamlSource(old, 'v.yaml'), {
      calendar,
      mode: 'validate',
      now: '2009-09-01T00:00:00+07:00',
    });
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const def = result.campaign!;
    const phase = deadlinePhases(def)[0];
    expect(dueOf(phase)).toEqual({
      summaryReport: 'required',
      presentationPaper: 'optional',
      nominations: expect.objectContaining({ quota: { total: 1, collective: 1, individual: 1 } }),
    });
    expect(compileCampaign(def, calendar).phases.some((p) => 'id' in p)).toBe(false);
  });
});

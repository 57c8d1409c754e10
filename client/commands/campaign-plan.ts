/**
 * `thidua campaign plan FILE [--json] [--rehearse 1d=20s] [--unit ID] [--now ISO]`: what the campaign
 * will do and when, before anything is started. Loads and validates the file, compiles the timeline
 * with the working calendar and prints it as a table in Vietnamese (campaign time zone), then how
 * every written date was read and what the compiler changed. Nothing is sent, nothing is started.
 *
 * Exit codes: 0 printed, 1 the file has problems (listed on stderr), 2 bad command line.
 */
import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { LoadResult, Problem } from '../../config/campaign-files';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import { formatLocal, localDateOf, vietnameseWeekday } from '../../domain/date-phrases';
import { compileCampaign, rehearse } from '../../domain/timeline';
import { campaignTimeline, flattenUnits, unitTimeline, type TimelineRow } from '../../domain/timeline-rows';
import type { CompiledCampaign, ReadInstant } from '../../domain/timeline-types';
import { formatTable } from './format-table';

export interface CommandIO {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export type { LoadResult, Problem };

/** What the command uses from outside; tests replace any of it. */
export interface PlanDeps {
  loadCampaign: (path: string) => LoadResult | Promise<LoadResult>;
  formatProblem: (p: Problem) => string;
  calendar: () => WorkingCalendar;
  /** "Now" as an ISO instant: the anchor of a rehearsal. */
  now: () => string;
}

const USAGE = `Cách dùng (usage): thidua campaign plan FILE [--json] [--rehearse 1d=20s] [--unit ID] [--now ISO]
  --json            in bản biên dịch (CompiledCampaign) dạng JSON, kèm giờ UTC
  --rehearse 1d=20s diễn tập: một ngày thật = 20 giây, bắt đầu từ bây giờ (đơn vị s, m, h, d, w)
  --unit ID         lịch của một đơn vị, ghi tên người nhận
  --now ISO         mốc "bây giờ" của diễn tập (mặc định: thời điểm chạy lệnh)
`;

async function defaultDeps(): Promise<PlanDeps> {
  const loader = await import('../../config/campaign-files');
  const { loadWorkingCalendar } = await import('../../config/holidays');
  let calendar: WorkingCalendar | undefined;
  const once = () => (calendar ??= loadWorkingCalendar());
  return {
    // One calendar for validation and compilation; a past deadline is only a warning when planning.
    loadCampaign: (file) => {
      try {
        return loader.loadCampaign(file, { mode: 'validate', calendar: once() });
      } catch {
        return loader.loadCampaign(file, { mode: 'validate' }); // reports the broken holiday table as a problem
      }
    },
    formatProblem: loader.formatProblem,
    calendar: once,
    now: () => new Date().toISOString(),
  };
}

interface PlanArgs {
  file: string;
  json: boolean;
  rehearse?: string;
  unit?: string;
  now?: string;
}

function parseArgs(argv: string[]): PlanArgs | string {
  const positional: string[] = [];
  const out: Partial<PlanArgs> = { json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--json':
        out.json = true;
        break;
      case '--rehearse':
      case '--unit':
      case '--now': {
        const v = value();
        if (!v || v.startsWith('--')) return `${flag} cần một giá trị (needs a value)`;
        out[flag.slice(2) as 'rehearse' | 'unit' | 'now'] = v;
        break;
      }
      default:
        if (arg.startsWith('-')) return `không biết tùy chọn "${arg}" (unknown option)`;
        positional.push(arg);
    }
  }
  if (positional.length !== 1)
    return positional.length === 0
      ? 'thiếu tệp đợt tổng kết (missing FILE)'
      : `chỉ một tệp (one FILE only): ${positional.join(' ')}`;
  return { ...out, file: positional[0] } as PlanArgs;
}

export async function planCommand(
  argv: string[],
  io: CommandIO = { stdout: process.stdout, stderr: process.stderr },
  deps?: Partial<PlanDeps>,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  const d: PlanDeps = {
    ...(deps?.loadCampaign && deps.formatProblem && deps.calendar && deps.now ? {} : await defaultDeps()),
    ...deps,
  } as PlanDeps;

  const loaded = await d.loadCampaign(args.file);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr.write(`${d.formatProblem(p)}\n`);
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    io.stderr.write(`${args.file}: ${errors} lỗi, chưa lập được lịch (${errors} error(s), no plan)\n`);
    return 1;
  }
  for (const w of loaded.warnings) io.stderr.write(`${d.formatProblem(w)}\n`);
  const def = loaded.campaign;

  let compiled: CompiledCampaign;
  try {
    compiled = compileCampaign(def, d.calendar());
  } catch (error) {
    io.stderr.write(`${args.file}: ${(error as Error).message}\n`);
    return 1;
  }
  if (args.rehearse) {
    const now = args.now ?? d.now();
    if (!Number.isFinite(Date.parse(now))) {
      io.stderr.write(
        `--now "${now}" không phải thời điểm ISO (not an ISO instant), ví dụ 2025-01-06T08:00:00+07:00\n`,
      );
      return 2;
    }
    try {
      compiled = rehearse(compiled, args.rehearse, now);
    } catch (error) {
      io.stderr.write(`${(error as Error).message}\n`);
      return 2;
    }
  }

  let rows: TimelineRow[];
  try {
    rows = args.unit ? unitTimeline(compiled, def, args.unit) : campaignTimeline(compiled, def);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }

  if (args.json) {
    const unit = args.unit ? flattenUnits(def.units).find((u) => u.id === args.unit) : undefined;
    const out = unit ? { ...compiled, unitView: { id: unit.id, name: unit.name, rows } } : compiled;
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(renderPlan(def, compiled, rows, args.unit));
  return 0;
}

const POLICY_LABEL = {
  keep: 'giữ nguyên',
  previous: 'lùi về ngày làm việc trước',
  next: 'dời sang ngày làm việc kế tiếp',
} as const;

/** The plan as people read it: header, table, readings of the written dates, the compiler's notes. */
export function renderPlan(
  def: CampaignDefinition,
  compiled: CompiledCampaign,
  rows: TimelineRow[],
  unitId?: string,
): string {
  const c = def.campaign;
  const zone = compiled.timeZone;
  const seconds = compiled.rehearsal !== undefined;
  const out: string[] = [];
  // "ngày 21/9/2009" reads naturally; "ngày tháng 8/2009" does not.
  const dated = /^\d/.test(c.plan.date.trim()) ? `ngày ${c.plan.date}` : `(${c.plan.date})`;
  out.push(`Kế hoạch số ${c.plan.number} ${dated} — ${c.title}`);
  out.push(`Cơ quan ban hành: ${c.issuingBody} · Thường trực: ${c.secretariat.name}`);
  out.push(
    `Số đơn vị: ${flattenUnits(def.units).length} · Múi giờ: ${zone} · Giờ làm việc ${c.calendar.workingHours.start}–` +
      `${c.calendar.workingHours.end} · Giờ gửi nhắc ${c.calendar.reminderTime} · Hạn rơi vào ngày nghỉ: ` +
      POLICY_LABEL[c.calendar.deadlineOnDayOff],
  );
  if (unitId) {
    const u = flattenUnits(def.units).find((x) => x.id === unitId)!;
    out.push(
      `Đơn vị: ${u.name} (${u.id}) · Đầu mối: ${u.focal.name} <${u.focal.email}> · Thủ trưởng: ${u.head.name} <${u.head.email}>`,
    );
  }
  if (compiled.rehearsal) {
    const r = compiled.rehearsal;
    out.push(
      `DIỄN TẬP (rehearsal) ${r.spec}: lịch thật từ ${formatLocal(r.origin, zone)} chạy từ ` +
        `${formatLocal(r.anchor, zone).slice(0, 10)} ${timeWithSeconds(r.anchor, zone)}; giờ trong bảng là giờ diễn tập`,
    );
  }
  out.push('');
  out.push('Giai đoạn (phases):');
  compiled.phases.forEach((p, i) => out.push(`  ${i + 1}. ${p.name}: ${p.windowStart.local} – ${p.windowEnd.local}`));
  out.push('');
  const table = rows.map((row) => {
    const day = localDateOf(row.at.utc, zone);
    return [
      `${vietnameseWeekday(day)} ${row.at.local.slice(0, 10)}`,
      seconds ? timeWithSeconds(row.at.utc, zone) : row.at.local.slice(11),
      row.phaseNumber === undefined ? '' : String(row.phaseNumber),
      row.what,
      row.to,
    ];
  });
  out.push(formatTable(['Ngày', 'Giờ', 'GĐ', 'Việc', 'Gửi tới'], table, { maxWidths: [0, 0, 0, 56, 44] }));

  out.push(`Cách đọc ngày tháng (as written → reading)${seconds ? ', theo lịch thật' : ''}:`);
  for (const [label, instant] of readings(compiled)) out.push(`  ${label}: ${instant.reading}`);
  const notes = compiled.notes ?? [];
  out.push('');
  out.push('Ghi chú của bộ lập lịch (compiler notes):');
  if (notes.length === 0) out.push('  (không có / none)');
  for (const n of notes) out.push(`  - ${n}`);
  return `${out.join('\n')}\n`;
}

function timeWithSeconds(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat('HH:mm:ss');
}

function readings(compiled: CompiledCampaign): Array<[string, ReadInstant]> {
  const out: Array<[string, ReadInstant]> = [];
  if (compiled.planDate) out.push(['Ngày kế hoạch', compiled.planDate]);
  compiled.phases.forEach((p, i) => {
    const n = `GĐ ${i + 1}`;
    out.push([`${n} – bắt đầu`, p.windowStart]);
    out.push([`${n} – kết thúc`, p.windowEnd]);
    if (p.deadline) {
      out.push([`${n} – hạn nộp`, p.deadline.deadline]);
      out.push([`${n} – khóa báo cáo`, p.deadline.lock]);
    }
    if (p.conferenceAt) out.push([`${n} – ngày hội nghị`, p.conferenceAt]);
  });
  return out;
}

/**
 * `thidua campaign plan FILE [--json] [--rehearse 1d=20s] [--unit ID] [--now ISO]`: what the campaign
 * will do and when, before anything is started. Loads and validates the file, compiles the timeline
 * with the working calendar and prints it as a table in Vietnamese (campaign time zone), then how
 * every written date was read and what the compiler changed. Nothing is sent, nothing is started.
 * Headers and labels are Vietnamese by default, English with `--lang en` (or THIDUA_LANG=en); the
 * campaign's own words (phase names, what each row does, to whom) stay as the domain writes them.
 *
 * Exit codes: 0 printed, 1 the file has problems (listed on stderr), 2 bad command line.
 */
import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../../domain/calendar/types';
import type { LoadResult, Problem } from '../../config/campaign-files';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import { approximatePeriod, formatLocal, localDateOf, vietnameseWeekday } from '../../domain/date-phrases';
import { dueForUnit, dueItemLabels, dueOf, phaseKey } from '../../domain/deliverables';
import { planDocumentLines, planDocumentView, plannedWindow } from '../../domain/plan-document';
import { compileCampaign, rehearse } from '../../domain/timeline';
import { campaignTimeline, flattenUnits, unitTimeline, type TimelineRow } from '../../domain/timeline-rows';
import type { CompiledCampaign, ReadInstant } from '../../domain/timeline-types';
import { cliLang, type Lang } from '../messages';
import { langOfArgv, texts } from '../texts';
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

async function defaultDeps(lang: Lang): Promise<PlanDeps> {
  const loader = await import('../../config/campaign-files');
  const { loadWorkingCalendar } = await import('../../config/holidays');
  let calendar: WorkingCalendar | undefined;
  const once = () => (calendar ??= loadWorkingCalendar());
  return {
    // One calendar for validation and compilation; a past deadline is only a warning when planning.
    loadCampaign: (file) => {
      try {
        return loader.loadCampaign(file, { mode: 'validate', calendar: once(), lang });
      } catch {
        return loader.loadCampaign(file, { mode: 'validate', lang }); // reports the broken holiday table as a problem
      }
    },
    formatProblem: (p) => loader.formatProblem(p, lang),
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
  lang: Lang;
}

function parseArgs(argv: string[]): PlanArgs | string {
  const t = texts(langOfArgv(argv)).plan;
  const positional: string[] = [];
  const out: Partial<PlanArgs> = { json: false };
  let lang: string | undefined;
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
      case '--now':
      case '--lang': {
        const v = value();
        if (!v || v.startsWith('--')) return t.needsValue(flag);
        if (flag === '--lang') lang = v;
        else out[flag.slice(2) as 'rehearse' | 'unit' | 'now'] = v;
        break;
      }
      default:
        if (arg.startsWith('-')) return t.unknownOption(arg);
        positional.push(arg);
    }
  }
  try {
    out.lang = cliLang(lang === undefined ? {} : { lang });
  } catch (error) {
    return (error as Error).message;
  }
  if (positional.length !== 1) return positional.length === 0 ? t.missingFile : t.oneFile(positional);
  return { ...out, file: positional[0] } as PlanArgs;
}

export async function planCommand(
  argv: string[],
  io: CommandIO = { stdout: process.stdout, stderr: process.stderr },
  deps?: Partial<PlanDeps>,
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(texts(langOfArgv(argv)).plan.usage);
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`${args}\n${texts(langOfArgv(argv)).plan.usage}`);
    return 2;
  }
  const t = texts(args.lang).plan;
  const d: PlanDeps = {
    ...(deps?.loadCampaign && deps.formatProblem && deps.calendar && deps.now ? {} : await defaultDeps(args.lang)),
    ...deps,
  } as PlanDeps;

  const loaded = await d.loadCampaign(args.file);
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr.write(`${d.formatProblem(p)}\n`);
    const errors = loaded.problems.filter((p) => p.severity === 'error').length;
    io.stderr.write(`${t.noPlan(args.file, errors)}\n`);
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
      io.stderr.write(`${t.badNow(now)}\n`);
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
  io.stdout.write(renderPlan(def, compiled, rows, args.unit, args.lang));
  return 0;
}

/** The plan as people read it: header, table, readings of the written dates, the compiler's notes. */
export function renderPlan(
  def: CampaignDefinition,
  compiled: CompiledCampaign,
  rows: TimelineRow[],
  unitId?: string,
  lang: Lang = 'vi',
): string {
  const t = texts(lang).plan;
  const c = def.campaign;
  const zone = compiled.timeZone;
  const seconds = compiled.rehearsal !== undefined;
  const out: string[] = [];
  const document = planDocumentView(def);
  out.push(t.planLine(document.reference, document.date, c.title));
  out.push(t.issuer(c.issuingBody, c.secretariat.name));
  out.push(
    t.facts({
      units: flattenUnits(def.units).length,
      zone,
      hours: `${c.calendar.workingHours.start}–${c.calendar.workingHours.end}`,
      reminderTime: c.calendar.reminderTime,
      policy: t.policy[c.calendar.deadlineOnDayOff],
    }),
  );
  if (unitId) {
    const u = flattenUnits(def.units).find((x) => x.id === unitId)!;
    out.push(
      t.unitLine({
        name: u.name,
        id: u.id,
        focal: `${u.focal.name} <${u.focal.email}>`,
        head: `${u.head.name} <${u.head.email}>`,
      }),
    );
  }
  if (compiled.rehearsal) {
    const r = compiled.rehearsal;
    out.push(
      t.rehearsal(
        r.spec,
        formatLocal(r.origin, zone),
        `${formatLocal(r.anchor, zone).slice(0, 10)} ${timeWithSeconds(r.anchor, zone)}`,
      ),
    );
  }
  // The document as units receive it: basis, directive, each phase's tasks, the conference, recipients.
  out.push('');
  out.push(t.document);
  for (const line of planDocumentLines(document)) out.push(`  ${line}`);
  out.push('');
  out.push(t.phases);
  compiled.phases.forEach((p, i) => {
    // A window written roughly is shown as written, not as the days the engine reads it as.
    const rough = !seconds && (approximatePeriod(p.windowStart.written) || approximatePeriod(p.windowEnd.written));
    const when = rough
      ? plannedWindow(p.windowStart.written, p.windowEnd.written)
      : `${p.windowStart.local} – ${p.windowEnd.local}`;
    out.push(`  ${i + 1}. ${p.name}: ${when}`);
    // Deliverables declared as the plan names them, and the units that owe their own instead.
    const source = def.phases[i];
    if (source?.kind === 'self-review' && source.deliverables) {
      out.push(`     ${t.owes(dueItemLabels(dueOf(source)).join('; '))}`);
      for (const u of flattenUnits(def.units)) {
        if (u.deliverables?.[phaseKey(source)]) {
          out.push(`     ${t.unitOwes(u.name, dueItemLabels(dueForUnit(source, u)).join('; '))}`);
        }
      }
    }
  });
  out.push('');
  const table = rows.map((row) => {
    const day = localDateOf(row.at.utc, zone);
    if (row.approximate) {
      return [
        row.event === 'plan' ? t.within(row.approximate) : t.approximately(row.approximate),
        '',
        row.phaseNumber === undefined ? '' : String(row.phaseNumber),
        row.what,
        row.to,
      ];
    }
    return [
      `${lang === 'en' ? englishWeekday(row.at.utc, zone) : vietnameseWeekday(day)} ${row.at.local.slice(0, 10)}`,
      seconds ? timeWithSeconds(row.at.utc, zone) : row.at.local.slice(11),
      row.phaseNumber === undefined ? '' : String(row.phaseNumber),
      row.what,
      row.to,
    ];
  });
  out.push(formatTable(t.header, table, { maxWidths: [0, 0, 0, 56, 44] }));

  out.push(t.readings(seconds));
  for (const [label, instant] of readings(compiled, lang)) out.push(`  ${label}: ${instant.reading}`);
  const notes = compiled.notes ?? [];
  out.push('');
  out.push(t.notes);
  if (notes.length === 0) out.push(`  ${t.none}`);
  for (const n of notes) out.push(`  - ${n}`);
  return `${out.join('\n')}\n`;
}

function timeWithSeconds(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat('HH:mm:ss');
}

function englishWeekday(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).setLocale('en').toFormat('ccc');
}

function readings(compiled: CompiledCampaign, lang: Lang): Array<[string, ReadInstant]> {
  const t = texts(lang).plan;
  const out: Array<[string, ReadInstant]> = [];
  if (compiled.planDate) out.push([t.planDate, compiled.planDate]);
  compiled.phases.forEach((p, i) => {
    const n = t.phaseLabel(i + 1);
    out.push([`${n} – ${t.start}`, p.windowStart]);
    out.push([`${n} – ${t.end}`, p.windowEnd]);
    if (p.deadline) {
      out.push([`${n} – ${t.deadline}`, p.deadline.deadline]);
      out.push([`${n} – ${t.lock}`, p.deadline.lock]);
    }
    if (p.conferenceAt) out.push([`${n} – ${t.conference}`, p.conferenceAt]);
  });
  return out;
}

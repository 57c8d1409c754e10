/**
 * `thidua schedule …`: recurring campaigns as Temporal Schedules (issue 15), adapting the use cases
 * of `app/schedules.ts`. The CLI acts as an operator, as `campaign extend`/`cancel` do: it holds
 * every staff role (`--by-name` names who acts in the schedule's notes).
 *
 *   create FILE --every half-year|year [--id ID] [--start-period 2027-h1]
 *   list | pause ID --reason TEXT | resume ID | trigger ID | backfill ID --from P --to P | delete ID
 *
 * A refusal (nothing created, started or changed) exits 1 with its reason in the CLI's language.
 */
import path from 'node:path';
import type { StaffActor } from '../../app/roles';
import { SCHEDULE_ZONE } from '../../app/schedule-period';
import {
  backfillSchedule,
  createSchedule,
  deleteSchedule,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
  ScheduleError,
  triggerSchedule,
  type ScheduleDeps,
} from '../../app/schedules';
import { loadWorkingCalendar } from '../../config/holidays';
import { FileScheduleTemplates } from '../../stores/schedule-templates';
import { CliError, connect, processIo, type Cli, type Io } from '../connect';
import { cliLang, toCliError, type Lang } from '../messages';
import { localDateTime } from '../texts';
import { scheduleTexts, type ScheduleCliTexts } from '../texts/schedules';
import { formatTable } from './format-table';
import { cliActor } from './cli-actor';
import { readOptions } from './known-options';

interface Run {
  cli: Cli;
  deps: ScheduleDeps;
  actor: StaffActor;
  positional: string[];
  options: Record<string, string>;
  lang: Lang;
  t: ScheduleCliTexts;
  io: Io;
}

/** Connects, runs `fn`, and words a refusal in the CLI's language. */
async function run(
  command: string,
  argv: string[],
  io: Io,
  needsId: boolean,
  fn: (r: Run) => Promise<void>,
): Promise<number> {
  const { positional, options } = readOptions(argv, command);
  const lang = cliLang(options);
  const t = scheduleTexts(lang);
  if (needsId && !positional[0]) throw new CliError(`${lang === 'en' ? 'usage' : 'cách dùng'}: ${t.usage}`, 2);
  const cli = await connect(lang);
  const deps: ScheduleDeps = {
    templates: new FileScheduleTemplates(path.join(cli.settings.dataDir, 'schedules')),
    calendar: loadWorkingCalendar,
  };
  const actor = cliActor(options['by-name']);
  try {
    await fn({ cli, deps, actor, positional, options, lang, t, io });
    return 0;
  } catch (err) {
    if (err instanceof ScheduleError) throw new CliError(err.text(lang), 1);
    throw toCliError(err, lang);
  } finally {
    await cli.close();
  }
}

const local = (iso: string) => localDateTime(iso, SCHEDULE_ZONE);

export async function createCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule create', argv, io, true, async ({ cli, deps, actor, positional, options, lang, t }) => {
    const file = positional[0];
    if (!options.every) throw new CliError(`${lang === 'en' ? 'usage' : 'cách dùng'}: ${t.usage}`, 2);
    const made = await createSchedule(cli, deps, actor, {
      file,
      every: options.every,
      id: options.id,
      startPeriod: options['start-period'],
      lang,
    });
    const lines = [
      t.created(made.scheduleId, t.every[made.every], made.firstPeriod, made.firstCampaignId),
      t.templateKept(file),
      t.nextRunsHeader,
      ...made.nextRuns.map((r) => t.nextRun(local(r.at), r.period)),
      ...(made.notes.length > 0 ? [t.notes, ...made.notes.map((n) => `  ${n}`)] : []),
    ];
    io.stdout.write(lines.join('\n') + '\n');
  });
}

export async function listCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule list', argv, io, false, async ({ cli, deps, options, t }) => {
    const rows = await listSchedules(cli, deps);
    if (options.json !== undefined) {
      io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      return;
    }
    io.stdout.write(
      rows.length === 0
        ? `${t.none}\n`
        : formatTable(
            t.listHeader,
            rows.map((r) => [
              r.scheduleId,
              r.template,
              t.every[r.every],
              r.nextRuns
                .slice(0, 3)
                .map((n) => `${local(n.at)} (${n.period})`)
                .join(', '),
              r.paused ? t.paused(r.note) : t.active,
            ]),
          ) + '\n',
    );
  });
}

export async function pauseCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule pause', argv, io, true, async ({ cli, actor, positional, options, t }) => {
    await pauseSchedule(cli, actor, positional[0], options.reason);
    io.stdout.write(t.didPause(positional[0]) + '\n');
  });
}

export async function resumeCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule resume', argv, io, true, async ({ cli, actor, positional, t }) => {
    await resumeSchedule(cli, actor, positional[0]);
    io.stdout.write(t.didResume(positional[0]) + '\n');
  });
}

export async function deleteCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule delete', argv, io, true, async ({ cli, deps, actor, positional, t }) => {
    await deleteSchedule(cli, deps, actor, positional[0]);
    io.stdout.write(t.didDelete(positional[0]) + '\n');
  });
}

export async function triggerCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule trigger', argv, io, true, async ({ cli, deps, actor, positional, t }) => {
    const outcome = await triggerSchedule(cli, deps, actor, positional[0]);
    io.stdout.write(t.triggered(positional[0], outcome.period) + '\n');
    if (outcome.failure) throw new CliError(t.starterFailed(outcome.failure), 1);
    if (outcome.result) {
      // The starter's own words: started, or "kỳ … đã chạy" when another start won the race.
      if (outcome.result.status !== 'started') throw new CliError(outcome.result.message, 1);
      io.stdout.write(outcome.result.message + '\n');
    } else if (outcome.starterWorkflowId) {
      io.stdout.write(t.starterPending(outcome.starterWorkflowId) + '\n');
    }
  });
}

export async function backfillCommand(argv: string[], io: Io = processIo): Promise<number> {
  return run('schedule backfill', argv, io, true, async ({ cli, deps, actor, positional, options, lang, t }) => {
    if (!options.from || !options.to) throw new CliError(`${lang === 'en' ? 'usage' : 'cách dùng'}: ${t.usage}`, 2);
    const outcome = await backfillSchedule(cli, deps, actor, positional[0], { from: options.from, to: options.to });
    io.stdout.write(
      t.backfilled(
        positional[0],
        outcome.periods.map((p) => `${p.period} → ${p.campaignId}`),
      ) + '\n',
    );
  });
}

/**
 * Recurring campaigns as Temporal Schedules (issue 15), written once for the CLI and the dashboard:
 * make a schedule from a template file, list schedules with their next runs, pause, resume, run the
 * current period now, backfill past periods, delete. A schedule fires at 00:00 of each period's
 * first day in Việt Nam's time and starts `scheduledCampaignWorkflow`, which starts the period's
 * campaign `<schedule id>-<period>`; a period whose campaign id exists never runs again.
 *
 * Policies, chosen explicitly:
 * - overlap BUFFER_ONE: a starter runs for seconds; a period start that arrives while another
 *   starter runs (a trigger or backfill at that moment) must wait, not be dropped as SKIP would. It
 *   cannot start a period twice: the campaign id is refused (REJECT_DUPLICATE).
 * - catch-up window 7 days: after a server outage the missed period still starts within a week;
 *   later than that the secretariat decides by hand (`backfill`) rather than a campaign appearing
 *   weeks late.
 * - pause on failure: asks the server to pause the schedule when a scheduled period's starter
 *   fails (its moved dates break a rule), so `list` and the dashboard show it paused instead of the
 *   next periods failing the same way unnoticed. (A failing `trigger` is reported to its caller at
 *   once; the dev server was not seen to pause for one.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { ScheduleOverlapPolicy, type CalendarSpec, type ScheduleDescription } from '@temporalio/client';
import { formatProblem, loadCampaign, type Lang } from '../config/campaign-files';
import type { WorkingCalendar } from '../domain/calendar/types';
import {
  isEvery,
  parsePeriod,
  periodAt,
  periodId,
  periodIndex,
  periodOfInstant,
  periodsBetween,
  periodStartUtc,
  type Every,
  type Period,
} from '../domain/periods';
import type { ScheduledRunResult } from '../domain/schedule-types';
import { campaignWorkflowId } from '../domain/workflow-types';
import type { FileScheduleTemplates } from '../stores/schedule-templates';
import { scheduledCampaignWorkflow } from '../workflows/scheduled-campaign';
import type { AppContext } from './context';
import { actorLabel, requireRole, type StaffActor } from './roles';
import { refuse, ScheduleError } from './schedule-errors';
import { periodCampaignId, preparePeriodCampaign, SCHEDULE_ZONE } from './schedule-period';

export { ScheduleError } from './schedule-errors';

export interface ScheduleDeps {
  templates: FileScheduleTemplates;
  calendar: () => WorkingCalendar;
  /** The clock (tests pass their own): decides the current period. */
  now?: () => Date;
}

export const SCHEDULE_POLICIES = { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '7 days' } as const;

/** What the schedule's memo says: shown by `list` without reading the template store. */
interface ScheduleMemo {
  every: Every;
  template: string;
  title: string;
  createdBy: string;
}

const nowOf = (deps: ScheduleDeps) => (deps.now ? deps.now() : new Date());

/** 00:00 of 1 January (and of 1 July for half-years), the schedule's time zone. */
function calendarsFor(every: Every): CalendarSpec[] {
  return [
    {
      month: every === 'half-year' ? ['JANUARY', 'JULY'] : 'JANUARY',
      dayOfMonth: 1,
      hour: 0,
      minute: 0,
      second: 0,
      comment: every === 'half-year' ? 'đầu mỗi nửa năm' : 'đầu mỗi năm',
    },
  ];
}

/** The template's campaign id without its year or period: `khoi-noi-chinh-2012` → `khoi-noi-chinh`. */
export function scheduleIdOf(campaignId: string): string {
  return campaignId.replace(/-\d{4}(-h[12])?$/i, '');
}

async function describe(ctx: AppContext, scheduleId: string): Promise<ScheduleDescription> {
  try {
    return await ctx.client.schedule.getHandle(scheduleId).describe();
  } catch (err) {
    if ((err as Error).name === 'ScheduleNotFoundError') throw refuse.notFound(scheduleId);
    throw err;
  }
}

const memoOf = (d: { memo?: Record<string, unknown> }) => (d.memo ?? {}) as Partial<ScheduleMemo>;

function everyOf(d: ScheduleDescription, deps: ScheduleDeps): Every {
  const every = memoOf(d).every ?? deps.templates.load(d.scheduleId)?.every;
  if (!every || !isEvery(every)) throw refuse.notFound(d.scheduleId);
  return every;
}

/** Whether `campaign/<id>` ever ran (running, closed or cancelled): then its period cannot run again. */
async function campaignExists(ctx: AppContext, campaignId: string): Promise<boolean> {
  try {
    await ctx.client.workflow.getHandle(campaignWorkflowId(campaignId)).describe();
    return true;
  } catch (err) {
    if ((err as Error).name === 'WorkflowNotFoundError') return false;
    throw err;
  }
}

// --------------------------------------------------------------------------------------------- create

export interface CreateScheduleRequest {
  file: string;
  every: string;
  id?: string;
  /** The first period to run (`2027-h1`); the next period when absent. */
  startPeriod?: string;
  lang?: Lang;
}

export interface CreatedSchedule {
  scheduleId: string;
  every: Every;
  firstPeriod: string;
  firstCampaignId: string;
  nextRuns: NextRun[];
  /** Notes of the move into the first period (a 31/12 made 30/6). */
  notes: string[];
}

/**
 * Makes the schedule: the template validated as `campaign validate` does, its dates moved into the
 * first period and the result validated as `campaign start` would, the id free; then the template
 * is stored and the schedule created. Any refusal leaves nothing behind.
 */
export async function createSchedule(
  ctx: AppContext,
  deps: ScheduleDeps,
  actor: StaffActor,
  req: CreateScheduleRequest,
): Promise<CreatedSchedule> {
  requireRole(actor, 'approver', 'start-campaign');
  if (!isEvery(req.every)) throw refuse.unknownEvery(req.every);
  const every = req.every;
  const lang = req.lang ?? 'vi';
  const calendar = deps.calendar();
  const loaded = loadCampaign(req.file, { mode: 'validate', lang, calendar });
  if (!loaded.ok) {
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    throw refuse.invalidTemplate(
      req.file,
      errors.map((p) => formatProblem(p, lang)),
    );
  }
  const scheduleId = req.id ?? scheduleIdOf(loaded.campaign.campaign.id);
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(scheduleId)) throw refuse.badId(scheduleId);

  let first: Period;
  if (req.startPeriod !== undefined) {
    const p = parsePeriod(req.startPeriod, every);
    if (!p) throw refuse.badPeriod(req.startPeriod, every);
    first = p;
  } else {
    first = periodAt(periodIndex(periodOfInstant(nowOf(deps), every, SCHEDULE_ZONE)) + 1, every);
  }
  const yaml = fs.readFileSync(req.file, 'utf8');
  const prepared = preparePeriodCampaign(scheduleId, yaml, req.file, first, { calendar, lang });
  if (!prepared.ok) throw refuse.cannotMove(req.file, periodId(first), prepared.problems);

  const attachments = loaded.campaign.phases.flatMap((p) =>
    p.kind === 'plan-issue' ? p.attachments.flatMap((a) => (typeof a === 'string' ? [] : [a.file])) : [],
  );
  for (const a of attachments) {
    if (path.isAbsolute(a) || path.normalize(a).startsWith('..')) throw refuse.attachmentOutside(req.file, a);
  }

  const exists = await ctx.client.schedule
    .getHandle(scheduleId)
    .describe()
    .then(
      () => true,
      (err: Error) => {
        if (err.name === 'ScheduleNotFoundError') return false;
        throw err;
      },
    );
  if (exists) throw refuse.idUsed(scheduleId);

  const stored = deps.templates.save(
    {
      scheduleId,
      every,
      sourceFile: req.file,
      createdAt: nowOf(deps).toISOString(),
      createdBy: actorLabel(actor),
      yaml,
    },
    attachments,
  );
  const memo: ScheduleMemo = {
    every,
    template: path.basename(req.file),
    title: loaded.campaign.campaign.title,
    createdBy: actorLabel(actor),
  };
  try {
    await ctx.client.schedule.create({
      scheduleId,
      spec: {
        calendars: calendarsFor(every),
        timezone: SCHEDULE_ZONE,
        // A minute early: the first period's own start is then surely inside.
        ...(req.startPeriod !== undefined
          ? { startAt: new Date(Date.parse(periodStartUtc(first, SCHEDULE_ZONE)) - 60_000) }
          : {}),
      },
      action: {
        type: 'startWorkflow',
        workflowType: scheduledCampaignWorkflow,
        args: [{ scheduleId }],
        taskQueue: ctx.settings.taskQueue,
        workflowId: `scheduled/${scheduleId}`,
        staticSummary: `Lịch định kỳ ${scheduleId}: bắt đầu đợt của kỳ`,
      },
      policies: { ...SCHEDULE_POLICIES, pauseOnFailure: true },
      memo: { ...memo, sha256: stored.sha256 },
      state: { note: `Tạo bởi ${actorLabel(actor)} từ ${path.basename(req.file)}` },
    });
  } catch (err) {
    deps.templates.remove(scheduleId);
    if ((err as Error).name === 'ScheduleAlreadyRunning') throw refuse.idUsed(scheduleId);
    throw err;
  }
  const d = await describe(ctx, scheduleId);
  return {
    scheduleId,
    every,
    firstPeriod: periodId(first),
    firstCampaignId: prepared.campaignId,
    nextRuns: nextRuns(d, every),
    notes: prepared.notes,
  };
}

// ----------------------------------------------------------------------------------------------- read

export interface NextRun {
  /** UTC ISO. */
  at: string;
  /** The period the run starts: `2027-h1`. */
  period: string;
}

export interface ScheduleRow {
  scheduleId: string;
  every: Every;
  template: string;
  title: string;
  paused: boolean;
  note?: string;
  nextRuns: NextRun[];
  /** The starters run so far, newest last: when and which workflow. */
  recent: { scheduledAt: string; workflowId: string }[];
}

function nextRuns(d: ScheduleDescription, every: Every): NextRun[] {
  return d.info.nextActionTimes.map((t) => ({
    at: t.toISOString(),
    period: periodId(periodOfInstant(t, every, SCHEDULE_ZONE)),
  }));
}

function rowOf(d: ScheduleDescription, every: Every): ScheduleRow {
  const memo = memoOf(d);
  return {
    scheduleId: d.scheduleId,
    every,
    template: memo.template ?? '',
    title: memo.title ?? '',
    paused: d.state.paused,
    note: d.state.note,
    nextRuns: nextRuns(d, every),
    recent: d.info.recentActions.map((a) => ({
      scheduledAt: a.scheduledAt.toISOString(),
      workflowId: a.action.workflow.workflowId,
    })),
  };
}

/** Every recurring campaign's schedule, by id, with its next runs (each described: paused is current). */
export async function listSchedules(ctx: AppContext, deps: ScheduleDeps): Promise<ScheduleRow[]> {
  const ids: string[] = [];
  for await (const s of ctx.client.schedule.list()) {
    if (s.action?.workflowType === 'scheduledCampaignWorkflow') ids.push(s.scheduleId);
  }
  const rows: ScheduleRow[] = [];
  for (const id of ids.sort()) {
    try {
      const d = await describe(ctx, id);
      rows.push(rowOf(d, everyOf(d, deps)));
    } catch (err) {
      if (!(err instanceof ScheduleError)) throw err; // deleted since the list was read
    }
  }
  return rows;
}

export async function showSchedule(ctx: AppContext, deps: ScheduleDeps, scheduleId: string): Promise<ScheduleRow> {
  const d = await describe(ctx, scheduleId);
  return rowOf(d, everyOf(d, deps));
}

// -------------------------------------------------------------------------------------------- actions

export async function pauseSchedule(
  ctx: AppContext,
  actor: StaffActor,
  scheduleId: string,
  reason: string | undefined,
): Promise<void> {
  requireRole(actor, 'approver', 'start-campaign');
  if (!reason?.trim()) throw refuse.needsReason();
  await describe(ctx, scheduleId);
  await ctx.client.schedule.getHandle(scheduleId).pause(`Tạm dừng bởi ${actorLabel(actor)}: ${reason.trim()}`);
}

export async function resumeSchedule(ctx: AppContext, actor: StaffActor, scheduleId: string): Promise<void> {
  requireRole(actor, 'approver', 'start-campaign');
  await describe(ctx, scheduleId);
  await ctx.client.schedule.getHandle(scheduleId).unpause(`Tiếp tục bởi ${actorLabel(actor)}`);
}

/** Deletes the schedule and its stored template; campaigns it started run on. */
export async function deleteSchedule(
  ctx: AppContext,
  deps: ScheduleDeps,
  actor: StaffActor,
  scheduleId: string,
): Promise<void> {
  requireRole(actor, 'approver', 'start-campaign');
  await describe(ctx, scheduleId);
  await ctx.client.schedule.getHandle(scheduleId).delete();
  deps.templates.remove(scheduleId);
}

export interface TriggerOutcome {
  period: string;
  campaignId: string;
  /** The starter's own result, when it finished within the wait. */
  result?: ScheduledRunResult;
  /** The starter's failure, in its own words (a template that no longer validates for this period). */
  failure?: string;
  starterWorkflowId?: string;
}

/**
 * Runs the current period now. Refused when its campaign already ran ("kỳ … đã chạy"); otherwise the
 * schedule is triggered and the starter's result awaited for up to `waitMs` (default 30 s).
 */
export async function triggerSchedule(
  ctx: AppContext,
  deps: ScheduleDeps,
  actor: StaffActor,
  scheduleId: string,
  opts: { waitMs?: number } = {},
): Promise<TriggerOutcome> {
  requireRole(actor, 'approver', 'start-campaign');
  const d = await describe(ctx, scheduleId);
  const every = everyOf(d, deps);
  const period = periodOfInstant(nowOf(deps), every, SCHEDULE_ZONE);
  const campaignId = periodCampaignId(scheduleId, period);
  if (await campaignExists(ctx, campaignId)) throw refuse.alreadyRan([{ period: periodId(period), campaignId }]);
  const before = new Set(d.info.recentActions.map((a) => a.action.workflow.workflowId));
  // ALLOW_ALL: a trigger runs now even while the schedule still counts an earlier starter as running
  // (it learns of completions late); two starters can never start one period twice (the id rule).
  await ctx.client.schedule.getHandle(scheduleId).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
  const starter = await newStarter(ctx, scheduleId, before, opts.waitMs ?? 30_000);
  const outcome: TriggerOutcome = { period: periodId(period), campaignId, starterWorkflowId: starter };
  if (!starter) return outcome;
  try {
    outcome.result = await ctx.client.withDeadline(Date.now() + (opts.waitMs ?? 30_000), () =>
      ctx.client.workflow.getHandle<typeof scheduledCampaignWorkflow>(starter).result(),
    );
  } catch (err) {
    const cause = (err as { cause?: Error }).cause;
    if ((err as Error).name === 'WorkflowFailedError') outcome.failure = cause?.message ?? (err as Error).message;
    // Otherwise still running after the wait: the caller shows the starter's id to follow.
  }
  return outcome;
}

/** The id of a starter the schedule took after `before`, polled for up to `waitMs`. */
async function newStarter(
  ctx: AppContext,
  scheduleId: string,
  before: Set<string>,
  waitMs: number,
): Promise<string | undefined> {
  const until = Date.now() + waitMs;
  while (Date.now() < until) {
    const d = await describe(ctx, scheduleId);
    const fresh = d.info.recentActions.find((a) => !before.has(a.action.workflow.workflowId));
    if (fresh) return fresh.action.workflow.workflowId;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

export interface BackfillOutcome {
  periods: { period: string; campaignId: string }[];
}

/**
 * Runs past periods (`from` to `to`, both included, none after the current one) as if their start
 * came now. Refused, nothing started, when any of them already ran: each is named.
 */
export async function backfillSchedule(
  ctx: AppContext,
  deps: ScheduleDeps,
  actor: StaffActor,
  scheduleId: string,
  range: { from: string; to: string },
): Promise<BackfillOutcome> {
  requireRole(actor, 'approver', 'start-campaign');
  const d = await describe(ctx, scheduleId);
  const every = everyOf(d, deps);
  const from = parsePeriod(range.from, every);
  if (!from) throw refuse.badPeriod(range.from, every);
  const to = parsePeriod(range.to, every);
  if (!to) throw refuse.badPeriod(range.to, every);
  if (periodIndex(from) > periodIndex(to)) throw refuse.periodOrder(range.from, range.to);
  const current = periodOfInstant(nowOf(deps), every, SCHEDULE_ZONE);
  if (periodIndex(to) > periodIndex(current)) throw refuse.futurePeriod(periodId(to), periodId(current));
  const periods = periodsBetween(from, to).map((p) => ({
    period: periodId(p),
    campaignId: periodCampaignId(scheduleId, p),
  }));
  const ran: typeof periods = [];
  for (const p of periods) if (await campaignExists(ctx, p.campaignId)) ran.push(p);
  if (ran.length > 0) throw refuse.alreadyRan(ran);
  // A minute either side of the period starts: the schedule's own instants fall inside. ALLOW_ALL:
  // each period's starter runs at once, none waits for the others (their campaign ids differ).
  await ctx.client.schedule.getHandle(scheduleId).backfill({
    start: new Date(Date.parse(periodStartUtc(from, SCHEDULE_ZONE)) - 60_000),
    end: new Date(Date.parse(periodStartUtc(to, SCHEDULE_ZONE)) + 60_000),
    overlap: ScheduleOverlapPolicy.ALLOW_ALL,
  });
  return { periods };
}

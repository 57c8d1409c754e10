/**
 * `thidua awards …` and `thidua campaign report`: the council's vote through the use cases of
 * `app/awards.ts` (the dashboard uses the same):
 * - `status CAMPAIGN [--as LOGIN] [--page N] [--page-size N] [--unit UNIT] [--to-vote] [--json]`: state,
 *   deadline, members' progress, a page of the nominations (a member sees only their own votes until the
 *   vote closes; `--to-vote`: those the member has left);
 * - `vote CAMPAIGN NOMINATION approve|reject|abstain --as LOGIN [--form CODE] [--reason TEXT]`;
 * - `written-vote … --member ACCOUNT --as LOGIN`: an absent member's written vote, by the clerk;
 * - `vote-sheet CAMPAIGN --member ACCOUNT --file VOTES.csv --as LOGIN`: many votes in one update (issue 17),
 *   the member's own (`--as` the member) or an absent member's written sheet (`--as` the clerk);
 * - `close CAMPAIGN --as LOGIN` (the chair), `decide CAMPAIGN --number N --date dd/MM/yyyy --as LOGIN`;
 * - `campaign report CAMPAIGN [--json] [--xlsx FILE]`: the counts of awards by form, collective and individual;
 *   `campaign report --year YEAR …`: the same across the campaigns whose award decision is dated in that
 *   year, with the campaigns counted and those skipped (and why) under the table.
 */
import { DateTime } from 'luxon';
import fs from 'node:fs';
import path from 'node:path';
import {
  isReportYear,
  campaignAwardStatistics,
  yearAwardStatistics,
  yearStatisticsTitle,
  type YearAwardStatistics,
} from '../../app/award-statistics';
import {
  awardsStatus,
  castVote,
  castVoteSheet,
  closeVote,
  issueDecision,
  recordWrittenSheet,
  recordWrittenVote,
  type AwardsViewPart,
} from '../../app/awards';
import { MAX_AWARDS_PAGE_SIZE } from '../../domain/scale-limits';
import { staffActorOf, type StaffActor } from '../../app/roles';
import { loadSettings } from '../../config/settings';
import {
  awardStatistics,
  awardStatisticsText,
  awardStatisticsXlsx,
  type AwardCount,
  type CountedCampaign,
} from '../../documents/award-statistics';
import { loadAwardCatalogue } from '../../domain/award-catalogue';
import type { AwardCatalogue, AwardsStatusView, VoteChoice } from '../../domain/award-types';
import { FileAccountStore } from '../../stores/accounts';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError, type Lang } from '../messages';
import { langOfArgv, localDateTime } from '../texts';
import { AWARDS_EN, AWARDS_VI, type AwardsTexts } from '../texts/awards';
import { formatTable } from './format-table';
import { readVoteSheetCsv, withCsvLines } from '../../sheets/vote-sheet-csv';
import { readOptions } from './known-options';
import { isoDayVn } from '../../domain/iso-day';

type Action = 'status' | 'vote' | 'written-vote' | 'vote-sheet' | 'close' | 'decide' | 'report';

export const awardsTexts = (lang: Lang): AwardsTexts => (lang === 'en' ? AWARDS_EN : AWARDS_VI);
const CHOICES: VoteChoice[] = ['approve', 'reject', 'abstain'];

const COMMAND: Record<Action, string> = {
  status: 'awards status',
  vote: 'awards vote',
  'written-vote': 'awards written-vote',
  'vote-sheet': 'awards vote-sheet',
  close: 'awards close',
  decide: 'awards decide',
  report: 'campaign report',
};

async function run(action: Action, argv: string[], io: Io): Promise<number> {
  // A trailing `--year` has no value: a usage error (2) like a bad one, not parseArgs' generic one.
  if (action === 'report' && argv.at(-1) === '--year') throw new CliError(awardsTexts(langOfArgv(argv)).badYear(''), 2);
  // What each action takes (COMMAND_SPECS): ignored, `awards vote … --fom BK` counted the vote for the proposed form.
  const { positional, options } = readOptions(argv, COMMAND[action]);
  const lang = cliLang(options);
  const t = awardsTexts(lang);
  const usage = () =>
    new CliError(`${lang === 'en' ? 'usage' : 'cách dùng'}: ${action === 'report' ? t.reportUsage : t.usage}`, 2);
  const campaignId = positional[0];
  const year = action === 'report' ? reportYear(options.year, campaignId, t) : undefined;
  if (!campaignId && year === undefined) throw usage();
  const needsActor = action !== 'status' && action !== 'report';
  if (needsActor && !options.as) throw new CliError(t.needsAs, 2);
  let choice: VoteChoice | undefined;
  if (action === 'vote' || action === 'written-vote') {
    if (!positional[1] || !positional[2] || (action === 'written-vote' && !options.member)) throw usage();
    if (!(CHOICES as string[]).includes(positional[2])) throw new CliError(t.badChoice(positional[2]), 2);
    choice = positional[2] as VoteChoice;
  }
  const sheet = action === 'vote-sheet' ? voteSheetOf(options, lang, usage) : undefined;
  const part = action === 'status' ? statusPart(options, t) : undefined;
  if (action === 'decide') {
    if (!options.number?.trim() || !options.date) throw usage();
    // dd/MM/yyyy as every date a clerk types (ISO still read); the use case takes the ISO day.
    const day = decisionDay(options.date);
    if (!day) throw new CliError(t.badDate(options.date), 2);
    options.date = day;
  }
  // The account first: an unknown login is refused without reaching Temporal.
  const actor = options.as ? await actorOf(loadSettings().dataDir, options.as, t) : undefined;
  const cli = await connect(lang);
  try {
    const fail = (err: unknown): never => {
      throw err instanceof CliError ? err : toCliError(err, lang);
    };
    const say = (line: string) => {
      io.stdout.write(line + '\n');
      return 0;
    };
    const vote = {
      nominationId: positional[1],
      choice: choice!,
      ...(options.form ? { formCode: options.form } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    };
    switch (action) {
      case 'status': {
        const view = await awardsStatus(cli, campaignId, actor, {
          ...part!,
          ...(options['to-vote'] && actor ? { toVoteBy: actor.login } : {}),
        }).catch(fail);
        io.stdout.write(
          options.json
            ? JSON.stringify(view, null, 2) + '\n'
            : showAwards(view, lang, cli.settings.timeZone, loadAwardCatalogue()),
        );
        return 0;
      }
      case 'vote':
        await castVote(cli, campaignId, actor!, vote).catch(fail);
        return say(t.done.vote(campaignId, vote.nominationId));
      case 'written-vote':
        await recordWrittenVote(cli, campaignId, actor!, { ...vote, member: options.member }).catch(fail);
        return say(t.done.writtenVote(campaignId, vote.nominationId, options.member));
      case 'vote-sheet': {
        const { file, votes, rows } = sheet!;
        const member = options.member;
        // The member's own sheet, or the clerk recording an absent member's written one.
        const own = actor!.login === member && actor!.roles.includes('council');
        const result = await (
          own
            ? castVoteSheet(cli, campaignId, actor!, votes)
            : recordWrittenSheet(cli, campaignId, actor!, member, votes)
        ).catch((err: unknown) => {
          const e = toCliError(err, lang);
          throw e instanceof CliError ? new CliError(withCsvLines(e.message, file, rows), e.exitCode) : e;
        });
        const m = result.member;
        return say(t.done.voteSheet(campaignId, votes.length, own ? undefined : m.name, m.voted, m.toVote));
      }
      case 'close':
        await closeVote(cli, campaignId, actor!).catch(fail);
        return say(t.done.close(campaignId));
      case 'decide':
        await issueDecision(cli, campaignId, actor!, { number: options.number, date: options.date }).catch(fail);
        return say(t.done.decide(campaignId, options.number.trim()));
      case 'report': {
        const catalogue = loadAwardCatalogue();
        if (year !== undefined) {
          const result = await yearAwardStatistics(cli, year, catalogue).catch(fail);
          if (options.xlsx) await writeXlsx(options.xlsx, result.rows, yearStatisticsTitle(year), result.campaigns);
          io.stdout.write(options.json ? JSON.stringify(result, null, 2) + '\n' : yearReport(result, lang));
        } else {
          const { view, rows } = await campaignAwardStatistics(cli, campaignId, catalogue).catch(fail);
          if (options.xlsx) {
            await writeXlsx(options.xlsx, rows, AWARDS_VI.reportTitle(view.campaignId, view.decision?.number));
          }
          io.stdout.write(options.json ? JSON.stringify(rows, null, 2) + '\n' : campaignReport(view, rows, lang));
        }
        // The JSON stays the only thing on stdout; the file's note goes beside it.
        if (options.xlsx) (options.json ? io.stderr : io.stdout).write(t.xlsxWritten(options.xlsx) + '\n');
        return 0;
      }
    }
  } finally {
    await cli.close();
  }
}

/**
 * The page `status` asks for (issue 17): by default the first {@link MAX_AWARDS_PAGE_SIZE} nominations,
 * so a 10,000-nomination vote is read a page at a time; bad numbers are usage errors (exit 2).
 */
function statusPart(options: Record<string, string>, t: AwardsTexts): AwardsViewPart {
  const whole = (name: string): number | undefined => {
    const value = options[name];
    if (value === undefined) return undefined;
    if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new CliError(t.badPage(`--${name}`, value), 2);
    return Number(value);
  };
  return {
    page: whole('page') ?? 1,
    pageSize: Math.min(whole('page-size') ?? MAX_AWARDS_PAGE_SIZE, MAX_AWARDS_PAGE_SIZE),
    ...(options.unit ? { unitId: options.unit } : {}),
  };
}

/** `--member` and `--file`'s votes, read before Temporal is reached: every bad line named (exit 2). */
function voteSheetOf(options: Record<string, string>, lang: Lang, usage: () => CliError) {
  if (!options.member || !options.file) throw usage();
  const file = options.file;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path.resolve(file));
  } catch {
    throw new CliError(awardsTexts(lang).noFile(file), 2);
  }
  // The larger sheet when this client's claim check is on (the workers share the setting).
  const read = readVoteSheetCsv(bytes, lang, loadSettings().claimCheckBytes);
  if (read.problems.length > 0) {
    const lines = read.problems.map((p) => (p.row > 0 ? `${file}:${p.row}: ${p.message}` : `${file}: ${p.message}`));
    throw new CliError([awardsTexts(lang).badSheet(file, read.problems.length), ...lines].join('\n'), 2);
  }
  return { file, votes: read.votes, rows: read.rows };
}

/** `25/11/2009` (or `2009-11-25`) as the ISO day, if it is a real day. */
function decisionDay(text: string): string | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : text.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && DateTime.fromISO(iso).isValid ? iso : undefined;
}

/** The account `--as` names, as a staff actor; an unknown login is refused before anything is sent. */
async function actorOf(dataDir: string, login: string, t: AwardsTexts): Promise<StaffActor> {
  const account = await new FileAccountStore(dataDir).find(login);
  if (!account) throw new CliError(t.unknownLogin(login));
  return staffActorOf(account);
}

/** `--year`'s value, checked before Temporal is reached (usage errors exit 2); undefined without it. */
function reportYear(value: string | undefined, campaignId: string | undefined, t: AwardsTexts): number | undefined {
  if (value === undefined) return undefined;
  if (campaignId) throw new CliError(t.yearWithCampaign, 2);
  const year = Number(value);
  if (!/^\d{4}$/.test(value.trim()) || !isReportYear(year)) throw new CliError(t.badYear(value), 2);
  return year;
}

/** The statistics workbook at `file` (a folder that does not exist is an error of its own). */
async function writeXlsx(file: string, rows: AwardCount[], title: string, counted?: CountedCampaign[]): Promise<void> {
  await fs.promises.writeFile(path.resolve(file), await awardStatisticsXlsx(rows, title, counted));
}

/** `thidua campaign report --year`: the title, the table, the campaigns counted, those skipped with why. */
export function yearReport(result: YearAwardStatistics, lang: Lang): string {
  const t = awardsTexts(lang);
  const lines = [t.yearTitle(result.year, result.campaigns.length), '', awardStatisticsText(result.rows, lang)];
  if (result.campaigns.length > 0) {
    lines.push(t.counted);
    for (const c of result.campaigns) {
      const title = c.title ? ` — ${c.title}` : '';
      lines.push(`  - ${c.campaignId}${title}: ${c.decision ? t.decisionOf(c.decision.number, c.decision.date) : ''}`);
    }
  }
  if (result.skipped.length > 0) {
    if (result.campaigns.length > 0) lines.push('');
    lines.push(t.skipped, ...result.skipped.map((s) => `  - ${s.campaignId}: ${t.skipReason[s.code]}`));
  }
  return lines.join('\n').trimEnd() + '\n';
}

/** `thidua campaign report`: a title, the table of counts by form (the statistics module's own), a note before the decision. */
export function campaignReport(view: AwardsStatusView, rows: AwardCount[], lang: Lang): string {
  const t = awardsTexts(lang);
  const lines = [t.reportTitle(view.campaignId, view.decision?.number), ''];
  if (view.state !== 'decided') lines.push(t.reportNotDecided, '');
  return lines.join('\n') + '\n' + awardStatisticsText(rows, lang);
}

/** The report of a campaign from its view and a catalogue (for tests and callers holding both). */
export const campaignReportOf = (view: AwardsStatusView, catalogue: AwardCatalogue, lang: Lang) =>
  campaignReport(view, awardStatistics(view.nominations, catalogue), lang);

/**
 * The vote as a clerk reads it: dates dd/MM/yyyy, forms by name (`catalogue`; the code when absent from
 * it), and each member's progress only while voting (it counts the nominations still in the vote, so
 * it would read 0/0 once closed; the tallies are in the table of nominations).
 */
export function showAwards(
  view: AwardsStatusView,
  lang: Lang,
  zone: string,
  catalogue: AwardCatalogue = { forms: [] },
): string {
  const t = awardsTexts(lang);
  const formName = (code: string) => catalogue.forms.find((f) => f.code === code)?.name ?? code;
  const voting = view.state === 'voting';
  const lines = [
    t.title(view.campaignId, t.state[view.state]),
    view.deadline ? t.deadline(localDateTime(view.deadline, zone)) : t.noDeadline,
    ...(view.decision ? [t.decision(view.decision.number, isoDayVn(view.decision.date), view.decision.by)] : []),
    t.counts(view.remindersSent, view.escalationsSent),
    '',
    formatTable(
      voting ? t.membersHeader : t.membersHeader.slice(0, 3),
      view.members.map((m) => [
        m.account,
        m.name + (m.chair ? t.chair : ''),
        m.unitId ?? '',
        ...(voting ? [`${m.voted}/${m.toVote}`] : []),
      ]),
    ),
    '',
    formatTable(
      t.nominationsHeader,
      view.nominations.map((n) => [
        n.id,
        n.unitName,
        t.kind[n.type],
        n.name,
        n.proposedForm,
        t.nominationState[n.state] +
          (n.awardedForm ? ` (${formName(n.awardedForm)})` : '') +
          (n.capped ? ` (${t.capped(n.capped)})` : ''),
        n.tally ? `${n.tally.approve}/${n.tally.reject}/${n.tally.abstain}/${n.tally.notVoted}` : '',
      ]),
      { maxWidths: [0, 30, 0, 30, 40, 0, 0] },
    ),
  ];
  // More than a page: which one, and the counts of all (the table holds this page only).
  const p = view.page;
  if (p && p.pages > 1) {
    lines.push('', t.pageOf(p.page, p.pages, view.nominations.length, p.total));
    if (view.counts) lines.push(t.stateCounts(view.counts));
  }
  if (view.state === 'voting' && view.votes && view.votes.length > 0) lines.push('', t.ownVotes(view.votes.length));
  return lines.join('\n') + '\n';
}

export const awardsStatusCommand = (argv: string[], io: Io = processIo) => run('status', argv, io);
export const awardsVoteCommand = (argv: string[], io: Io = processIo) => run('vote', argv, io);
export const awardsWrittenVoteCommand = (argv: string[], io: Io = processIo) => run('written-vote', argv, io);
export const awardsVoteSheetCommand = (argv: string[], io: Io = processIo) => run('vote-sheet', argv, io);
export const awardsCloseCommand = (argv: string[], io: Io = processIo) => run('close', argv, io);
export const awardsDecideCommand = (argv: string[], io: Io = processIo) => run('decide', argv, io);
export const campaignReportCommand = (argv: string[], io: Io = processIo) => run('report', argv, io);

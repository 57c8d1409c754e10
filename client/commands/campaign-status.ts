/**
 * `thidua campaign status ID [--filter pending|submitted|late|missing|locked] [--limit N] [--json]`:
 * counts and a table of units, read from Temporal's visibility store (search attributes and memos)
 * only, so it answers in well under a second for 10,000 units and needs no running worker. The
 * dashboard reads the same (`campaignUnits` in `app/campaigns.ts`). The campaign tree (issue 15) comes
 * from `app/sub-campaigns.ts`: a sub-campaign's parent under the phase line, a parent's sub-campaigns
 * after the counts, and the units that run one marked in the table.
 */
import { campaignWorkflowId, type SubmissionStatus } from '../../domain/workflow-types';
import {
  campaignUnits,
  SUBMISSION_STATUSES,
  UNIT_FILTERS,
  type CampaignUnits,
  type UnitFilter,
} from '../../app/campaigns';
import { campaignTree, type CampaignTree } from '../../app/sub-campaigns';
import { AppError } from '../../app/temporal-errors';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError, type Lang } from '../messages';
import { localDateTime, texts } from '../texts';
import { campaignTreeTexts } from '../texts/campaign-tree';
import { phaseFailureLines } from '../texts/phase-failures';
import { temporalUiLink } from './links';
import { readOptions } from './known-options';
import { commandLine } from './synopsis';

export type { UnitRow } from '../../app/campaigns';

/** The statuses as the Vietnamese table writes them (`texts(lang).status` for either language). */
export const STATUS_LABEL: Record<SubmissionStatus, string> = texts('vi').status;

export async function statusCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'campaign status');
  const lang = cliLang(options);
  const t = texts(lang);
  const campaignId = positional[0];
  if (!campaignId) {
    throw new CliError(t.usage(commandLine('campaign status')));
  }
  const filter = options.filter as UnitFilter | undefined;
  if (filter && !UNIT_FILTERS.includes(filter)) throw new CliError(t.filterOneOf(UNIT_FILTERS.join(', ')));
  const limit = options.limit ? Number(options.limit) : 50;
  const cli = await connect(lang);
  try {
    const view = await campaignUnits(cli, campaignId, { filter, limit }).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not-found') {
        throw new CliError(t.noSuchCampaign(campaignId, cli.address), 1, { cause: err });
      }
      throw toCliError(err, lang);
    });
    const tree = await campaignTree(cli, campaignId, { deep: true }).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    if (options.json) {
      io.stdout.write(
        JSON.stringify(
          {
            campaignId,
            phase: view.phase,
            status: view.workflowStatus,
            total: view.total,
            locked: view.locked,
            counts: view.counts,
            ...(view.deadlinePhases ? { deadlinePhases: view.deadlinePhases } : {}),
            ...(view.phaseFailures ? { phaseFailures: view.phaseFailures } : {}),
            ...(tree.parent ? { parent: { ...tree.parent, ...tree.link }, reportedUp: tree.reportedUp ?? null } : {}),
            ...(tree.ancestors ? { ancestors: tree.ancestors } : {}),
            subCampaigns: tree.subCampaigns,
            units: view.units,
          },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const zone = cli.settings.timeZone;
    const runsSub = new Set(tree.subCampaigns.filter((r) => !r.depth).map((r) => r.unitId));
    const lines = [
      `${view.planNumber || campaignId} — ${view.title}`,
      t.phaseLine(t.phase(view.phase), view.workflowStatus, temporalUiLink(cli, campaignWorkflowId(campaignId))),
      ...phaseFailureLines(view.phaseFailures, lang, t.phase, (utc) => localDateTime(utc, zone)),
      ...parentLines(tree, lang, zone),
      t.countsLine(
        view.total,
        SUBMISSION_STATUSES.filter((s) => s !== 'cancelled' || (view.counts.cancelled ?? 0) > 0) // only once cancelled
          .map((s) => `${t.status[s]}: ${view.counts[s]}`)
          .join(' · '),
        view.locked,
      ),
      ...deadlineLines(view.deadlinePhases, t, zone),
      ...subCampaignLines(tree, lang),
      '',
      table(
        t.statusHeader,
        view.units.map((r) => [
          r.unitId,
          r.unitName + (runsSub.has(r.unitId) ? campaignTreeTexts(lang).runsMark : ''),
          t.status[r.status] + (r.locked ? t.lockedMark : ''),
          r.deadline ? localDateTime(r.deadline, zone) : '',
          String(r.remindersSent),
          r.submittedAt ? localDateTime(r.submittedAt, zone) : '',
        ]),
      ),
    ];
    if (view.units.length < view.matching) lines.push(t.shown(view.units.length, view.matching));
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await cli.close();
  }
}

/** A sub-campaign: its parent, the follow rules once its own view answers, what became of its result. */
function parentLines(tree: CampaignTree & { resultUnread?: boolean }, lang: Lang, zone: string): string[] {
  const parent = tree.parent;
  if (!parent) return [];
  const st = campaignTreeTexts(lang);
  const link = tree.link;
  return [
    st.parentLine(parent.campaignId, parent.unitId, parent.unitName),
    ...(tree.ancestors ?? []).map((a) => st.ancestorLine(a.campaignId, a.unitId, a.unitName)),
    ...(link
      ? [
          st.rulesLine(
            link.phaseName ?? link.phaseId,
            link.onParentExtension !== 'keep',
            link.onParentCancel !== 'continue',
          ),
        ]
      : []),
    tree.resultUnread ? st.resultUnread : st.result(tree.reportedUp, (utc) => localDateTime(utc, zone)),
  ];
}

/**
 * A parent: its sub-campaigns, one row each (unit, its name, the sub-campaign, its phase, Temporal's
 * status, its units' progress), each followed by its own sub-campaigns, indented by their depth.
 */
function subCampaignLines(tree: CampaignTree, lang: Lang): string[] {
  if (tree.subCampaigns.length === 0) return [];
  const st = campaignTreeTexts(lang);
  const t = texts(lang);
  return [
    '',
    st.section(tree.subCampaigns.length),
    table(
      [...st.header, st.progressHeader],
      tree.subCampaigns.map((r) => [
        (r.depth ? `${'  '.repeat(r.depth - 1)}└ ` : '') + r.unitId,
        r.unitName ?? '',
        r.campaignId,
        r.phase ? t.phase(r.phase) : '',
        r.execution,
        r.progress ? st.progress(r.progress) : '',
      ]),
    ),
  ];
}

/**
 * A campaign with several deadline phases: one line each, the one under way marked, the counts of
 * those locked (the counts above are the phase under way's).
 */
function deadlineLines(phases: CampaignUnits['deadlinePhases'], t: ReturnType<typeof texts>, zone: string): string[] {
  if (!phases) return [];
  const current = phases.findIndex((p) => p.current);
  return phases.map((p, i) =>
    t.deadlinePhaseLine(
      i + 1,
      p.name,
      p.id ?? '',
      localDateTime(p.deadline, zone),
      p.counts ? 'locked' : p.current || i === current ? 'current' : 'later',
      p.counts
        ? SUBMISSION_STATUSES.filter((s) => s !== 'cancelled' || p.counts!.cancelled > 0)
            .map((s) => `${t.status[s]}: ${p.counts![s]}`)
            .join(' · ')
        : '',
    ),
  );
}

/** Column-aligned text table; widths count characters after NFC so Vietnamese diacritics align. */
export function table(header: string[], rows: string[][]): string {
  const len = (s: string) => [...s.normalize('NFC')].length;
  const widths = header.map((h, i) => Math.max(len(h), ...rows.map((r) => len(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i] - len(c)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

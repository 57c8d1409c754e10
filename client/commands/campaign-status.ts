/**
 * `thidua campaign status ID [--filter pending|submitted|late|missing|locked] [--limit N] [--json]`:
 * counts and a table of units, read from Temporal's visibility store (search attributes and memos)
 * only, so it answers in well under a second for 10,000 units and needs no running worker. The
 * dashboard reads the same (`campaignUnits` in `app/campaigns.ts`).
 */
import { campaignWorkflowId, type SubmissionStatus } from '../../domain/workflow-types';
import {
  campaignUnits,
  SUBMISSION_STATUSES,
  UNIT_FILTERS,
  type CampaignUnits,
  type UnitFilter,
} from '../../app/campaigns';
import { AppError } from '../../app/temporal-errors';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { cliLang, toCliError } from '../messages';
import { localDateTime, texts } from '../texts';
import { temporalUiLink } from './links';

export type { UnitRow } from '../../app/campaigns';

/** The statuses as the Vietnamese table writes them (`texts(lang).status` for either language). */
export const STATUS_LABEL: Record<SubmissionStatus, string> = texts('vi').status;

export async function statusCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv, ['json']);
  const lang = cliLang(options);
  const t = texts(lang);
  const campaignId = positional[0];
  if (!campaignId) {
    throw new CliError(t.usage('thidua campaign status ID [--filter late|missing|...] [--limit N] [--json]'));
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
            units: view.units,
          },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const zone = cli.settings.timeZone;
    const lines = [
      `${view.planNumber || campaignId} — ${view.title}`,
      t.phaseLine(t.phase(view.phase), view.workflowStatus, temporalUiLink(cli, campaignWorkflowId(campaignId))),
      t.countsLine(
        view.total,
        SUBMISSION_STATUSES.filter((s) => s !== 'cancelled' || (view.counts.cancelled ?? 0) > 0) // only once cancelled
          .map((s) => `${t.status[s]}: ${view.counts[s]}`)
          .join(' · '),
        view.locked,
      ),
      ...deadlineLines(view.deadlinePhases, t, zone),
      '',
      table(
        t.statusHeader,
        view.units.map((r) => [
          r.unitId,
          r.unitName,
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

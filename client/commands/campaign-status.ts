/**
 * `thidua campaign status ID [--filter pending|submitted|late|missing|locked] [--limit N] [--json]`:
 * counts and a table of units, read from Temporal's visibility store (search attributes and memos)
 * only, so it answers in well under a second for 10,000 units and needs no running worker. The
 * dashboard reads the same (`campaignUnits` in `client/secretariat.ts`).
 */
import { campaignWorkflowId, type SubmissionStatus } from '../../domain/workflow-types';
import { formatDeadline } from '../../domain/messages';
import { campaignUnits, SecretariatError, SUBMISSION_STATUSES, UNIT_FILTERS, type UnitFilter } from '../secretariat';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { temporalUiLink } from './links';

export type { UnitRow } from '../secretariat';

export const STATUS_LABEL: Record<SubmissionStatus, string> = {
  pending: 'chưa đến hạn',
  submitted: 'đã nộp',
  late: 'nộp muộn',
  missing: 'quá hạn, chưa nộp',
  cancelled: 'đã hủy',
};

export async function statusCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv, ['json']);
  const campaignId = positional[0];
  if (!campaignId)
    throw new CliError('usage: thidua campaign status ID [--filter late|missing|...] [--limit N] [--json]');
  const filter = options.filter as UnitFilter | undefined;
  if (filter && !UNIT_FILTERS.includes(filter)) throw new CliError(`--filter: one of ${UNIT_FILTERS.join(', ')}`);
  const limit = options.limit ? Number(options.limit) : 50;
  const cli = await connect();
  try {
    const view = await campaignUnits(cli, campaignId, { filter, limit }).catch((err) => {
      if (err instanceof SecretariatError && err.kind === 'not-found') {
        throw new CliError(`no campaign "${campaignId}" on ${cli.address}; see \`thidua campaign list\`.`);
      }
      throw err;
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
      `Giai đoạn: ${view.phase} · Workflow: ${view.workflowStatus} · ${temporalUiLink(cli, campaignWorkflowId(campaignId))}`,
      `Đơn vị: ${view.total} · ${SUBMISSION_STATUSES.map((s) => `${STATUS_LABEL[s]}: ${view.counts[s]}`).join(' · ')} · đã khóa: ${view.locked}`,
      '',
      table(
        ['Đơn vị', 'Tên', 'Trạng thái', 'Hạn nộp', 'Nhắc', 'Nộp lúc'],
        view.units.map((r) => [
          r.unitId,
          r.unitName,
          STATUS_LABEL[r.status] + (r.locked ? ' (khóa)' : ''),
          r.deadline ? formatDeadline(r.deadline, zone) : '',
          String(r.remindersSent),
          r.submittedAt ? formatDeadline(r.submittedAt, zone) : '',
        ]),
      ),
    ];
    if (view.units.length < view.matching)
      lines.push(`(${view.units.length} shown; --limit N for more, --filter to narrow)`);
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await cli.close();
  }
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

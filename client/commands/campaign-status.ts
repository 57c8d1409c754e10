/**
 * `thidua campaign status ID [--filter pending|submitted|late|missing|locked] [--limit N] [--json]`:
 * counts and a table of units, read from Temporal's visibility store (search attributes and memos)
 * only, so it answers in well under a second for 10,000 units and needs no running worker.
 */
import type { WorkflowExecutionInfo } from '@temporalio/client';
import {
  CampaignIdKey,
  DeadlineKey,
  LockedKey,
  PhaseKey,
  RemindersSentKey,
  SubmissionStatusKey,
  SubmittedAtKey,
  UnitIdKey,
} from '../../domain/search-attributes';
import { campaignWorkflowId, type SubmissionStatus } from '../../domain/workflow-types';
import { formatDeadline } from '../../domain/messages';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { temporalUiLink } from './links';

const STATUSES: SubmissionStatus[] = ['pending', 'submitted', 'late', 'missing'];
const LABEL: Record<SubmissionStatus, string> = {
  pending: 'chưa đến hạn',
  submitted: 'đã nộp',
  late: 'nộp muộn',
  missing: 'quá hạn, chưa nộp',
};

export interface UnitRow {
  unitId: string;
  unitName: string;
  status: SubmissionStatus;
  locked: boolean;
  deadline?: string;
  remindersSent: number;
  submittedAt?: string;
}

export async function statusCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv, ['json']);
  const campaignId = positional[0];
  if (!campaignId)
    throw new CliError('usage: thidua campaign status ID [--filter late|missing|...] [--limit N] [--json]');
  const filter = options.filter;
  if (filter && ![...STATUSES, 'locked'].includes(filter)) {
    throw new CliError(`--filter: one of ${[...STATUSES, 'locked'].join(', ')}`);
  }
  const limit = options.limit ? Number(options.limit) : 50;
  const cli = await connect();
  try {
    const campaign = await cli.client.workflow
      .getHandle(campaignWorkflowId(campaignId))
      .describe()
      .catch((err: Error) => {
        if (err.name === 'WorkflowNotFoundError') {
          throw new CliError(`no campaign "${campaignId}" on ${cli.address}; see \`thidua campaign list\`.`);
        }
        throw err;
      });
    const units = `${CampaignIdKey.name} = '${campaignId}' AND WorkflowType = 'unitReviewWorkflow'`;
    const [total, locked, ...byStatus] = await Promise.all([
      cli.client.workflow.count(units),
      cli.client.workflow.count(`${units} AND ${LockedKey.name} = true`),
      ...STATUSES.map((s) => cli.client.workflow.count(`${units} AND ${SubmissionStatusKey.name} = '${s}'`)),
    ]);
    const counts = Object.fromEntries(STATUSES.map((s, i) => [s, byStatus[i].count])) as Record<
      SubmissionStatus,
      number
    >;
    const query =
      filter === 'locked'
        ? `${units} AND ${LockedKey.name} = true`
        : filter
          ? `${units} AND ${SubmissionStatusKey.name} = '${filter}'`
          : units;
    const rows: UnitRow[] = [];
    for await (const wf of cli.client.workflow.list({ query, pageSize: Math.min(limit, 1000) })) {
      rows.push(toRow(wf));
      if (rows.length >= limit) break;
    }
    rows.sort((a, b) => a.unitId.localeCompare(b.unitId));

    const memo = (campaign.memo ?? {}) as { planNumber?: string; title?: string };
    const phase = campaign.typedSearchAttributes.get(PhaseKey) ?? '?';
    if (options.json) {
      io.stdout.write(
        JSON.stringify(
          {
            campaignId,
            phase,
            status: campaign.status.name,
            total: total.count,
            locked: locked.count,
            counts,
            units: rows,
          },
          null,
          2,
        ) + '\n',
      );
      return 0;
    }
    const zone = cli.settings.timeZone;
    const lines = [
      `${memo.planNumber ?? campaignId} — ${memo.title ?? ''}`,
      `Giai đoạn: ${phase} · Workflow: ${campaign.status.name} · ${temporalUiLink(cli, campaignWorkflowId(campaignId))}`,
      `Đơn vị: ${total.count} · ${STATUSES.map((s) => `${LABEL[s]}: ${counts[s]}`).join(' · ')} · đã khóa: ${locked.count}`,
      '',
      table(
        ['Đơn vị', 'Tên', 'Trạng thái', 'Hạn nộp', 'Nhắc', 'Nộp lúc'],
        rows.map((r) => [
          r.unitId,
          r.unitName,
          LABEL[r.status] + (r.locked ? ' (khóa)' : ''),
          r.deadline ? formatDeadline(r.deadline, zone) : '',
          String(r.remindersSent),
          r.submittedAt ? formatDeadline(r.submittedAt, zone) : '',
        ]),
      ),
    ];
    if (
      rows.length < (filter ? (filter === 'locked' ? locked.count : counts[filter as SubmissionStatus]) : total.count)
    ) {
      lines.push(`(${rows.length} shown; --limit N for more, --filter to narrow)`);
    }
    io.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await cli.close();
  }
}

function toRow(wf: WorkflowExecutionInfo): UnitRow {
  const sa = wf.typedSearchAttributes;
  const memo = (wf.memo ?? {}) as { unitName?: string };
  return {
    unitId: sa.get(UnitIdKey) ?? wf.workflowId,
    unitName: memo.unitName ?? '',
    status: (sa.get(SubmissionStatusKey) as SubmissionStatus | undefined) ?? 'pending',
    locked: sa.get(LockedKey) ?? false,
    deadline: sa.get(DeadlineKey)?.toISOString(),
    remindersSent: sa.get(RemindersSentKey) ?? 0,
    submittedAt: sa.get(SubmittedAtKey)?.toISOString(),
  };
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

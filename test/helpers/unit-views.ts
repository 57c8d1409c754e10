/** A unit's `getUnitStatus` answer in its open self-review phase, for tests of the portal and dashboard. */
import { formatLocal } from '../../domain/date-phrases';
import type { UnitStatusView } from '../../domain/workflow-types';

const DAY = 24 * 3600_000;

export function openUnitView(opts: {
  campaignId: string;
  unitId: string;
  unitName: string;
  timeZone: string;
  status?: UnitStatusView['status'];
  contact?: string;
  /** Default: 5 and 7 days from now. */
  deadline?: string;
  lockAt?: string;
}): UnitStatusView {
  const deadline = opts.deadline ?? new Date(Date.now() + 5 * DAY).toISOString();
  const lockAt = opts.lockAt ?? new Date(Date.now() + 7 * DAY).toISOString();
  return {
    campaignId: opts.campaignId,
    planNumber: '67-KH/TU',
    unitId: opts.unitId,
    unitName: opts.unitName,
    phase: { kind: 'self-review', name: 'Tổng kết tại các sở, ban, ngành' },
    status: opts.status ?? 'pending',
    locked: false,
    deadline,
    lockAt,
    // As the workflow writes it (a schedule's `local`); the page words it as every time it shows.
    lockLocal: formatLocal(lockAt, opts.timeZone),
    contact: opts.contact ?? 'Ban Thi đua - Khen thưởng tỉnh: Nguyễn Văn T, ĐT 0211 3862 000',
    deadlineVersion: 1,
    due: { summaryReport: 'required', presentationPaper: 'optional' },
    reports: [],
    papers: [],
    nominations: [],
    remindersSent: 0,
    messages: [],
    extensions: [],
  };
}

/**
 * The dashboard with several deadline phases (issue 11): the campaign page lists each phase with its
 * deadline, the one under way and the counts of those locked; a unit's page names what it owes as
 * declared, its deadlines per phase, and each file by its deliverable.
 */
import type { CampaignUnits } from '../../../app/campaigns';
import { campaignPage, unitDetailPage } from '../../../portal/dashboard/pages';
import type { StaffSession } from '../../../portal/security';
import type { DueSummary, UnitStatusView } from '../../../domain/workflow-types';
import { DAY, scheduleFrom } from '../../../scripts/schedules';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const START = Date.parse('2014-06-02T01:00:00.000Z');
const staff = { login: 'tdkt', name: 'Thường trực', csrf: 'x' } as unknown as StaffSession;
const actor = { login: 'tdkt', name: 'Thường trực', roles: ['secretariat' as never] };
const plan = scheduleFrom(START, { deadlineDays: 59, lockDays: 67 });
const results = scheduleFrom(START, { deadlineDays: 302, lockDays: 312 });
const PLAN: DueSummary = {
  summaryReport: 'none',
  presentationPaper: 'none',
  deliverables: [{ id: 'ke-hoach', name: 'Kế hoạch tổ chức Đại hội Thi đua', required: true, accept: ['pdf'] }],
};
const RESULTS: DueSummary = {
  summaryReport: 'none',
  presentationPaper: 'none',
  deliverables: [{ id: 'bao-cao-ket-qua', name: 'Báo cáo kết quả', required: true, accept: ['pdf'] }],
};

test('the campaign page lists the deadline phases, the first locked with its counts', () => {
  const units: CampaignUnits = {
    campaignId: 'bo-tttt',
    planNumber: 'KH',
    title: 'Đại hội Thi đua',
    phase: 'self-review',
    workflowStatus: 'RUNNING',
    total: 3,
    locked: 0,
    counts: { pending: 3, submitted: 0, late: 0, missing: 0, cancelled: 0 },
    units: [],
    matching: 0,
  };
  const html = campaignPage({
    staff,
    actor,
    units,
    status: {
      campaignId: 'bo-tttt',
      definitionRef: '0',
      planNumber: 'KH',
      title: 'Đại hội Thi đua',
      phase: 'self-review',
      unitCount: 3,
      batches: 2,
      batchesLocked: 0,
      counts: units.counts,
      extensions: [],
      selfReview: results,
      deadlinePhase: 'ket-qua',
      deadlinePhases: [
        {
          id: 'ke-hoach',
          name: 'Gửi kế hoạch',
          schedule: plan,
          batchesLocked: 2,
          counts: { pending: 0, submitted: 1, late: 1, missing: 1, cancelled: 0 },
        },
        { id: 'ket-qua', name: 'Báo cáo kết quả', schedule: results, batchesLocked: 0 },
      ],
    },
    actions: [],
    timeZone: ZONE,
    temporalUi: (id) => `http://ui/${id}`,
  });
  const table = html.slice(html.indexOf('<table id="deadline-phases">'));
  expect(table).toMatch(
    /<tr data-phase="ke-hoach"><td>Gửi kế hoạch<\/td>.*Đã khóa: Đã nộp 1, Nộp muộn 1, Quá hạn, chưa nộp 1/i,
  );
  expect(table).toMatch(/<tr class="now" data-phase="ket-qua"><td>Báo cáo kết quả<\/td>.*Đang nhận hồ sơ/);
});

test('a unit’s page names what it owes and its deadlines per phase', () => {
  const base = openUnitView({ campaignId: 'bo-tttt', unitId: 'vnpt', unitName: 'VNPT', timeZone: ZONE });
  const file = {
    name: 'ke-hoach.pdf',
    size: 1,
    sha256: 'a'.repeat(64),
    contentType: 'application/pdf',
    version: 1,
    receivedAt: new Date(START + DAY).toISOString(),
    submittedBy: 'f',
    late: false,
    deliverable: 'ke-hoach',
  };
  const view: UnitStatusView = {
    ...base,
    phase: { kind: 'self-review', name: 'Báo cáo kết quả', id: 'ket-qua' },
    due: RESULTS,
    deadlines: [
      {
        id: 'ke-hoach',
        name: 'Gửi kế hoạch',
        state: 'done',
        status: 'submitted',
        deadline: plan.deadline.utc,
        deadlineLocal: plan.deadline.local,
        lockAt: plan.lock.utc,
        lockLocal: plan.lock.local,
        windowStart: new Date(START).toISOString(),
        due: PLAN,
        files: [file],
      },
      {
        id: 'ket-qua',
        name: 'Báo cáo kết quả',
        state: 'current',
        status: 'pending',
        deadline: results.deadline.utc,
        deadlineLocal: results.deadline.local,
        lockAt: results.lock.utc,
        lockLocal: results.lock.local,
        windowStart: new Date(START + 70 * DAY).toISOString(),
        due: RESULTS,
        files: [],
      },
    ],
    reports: [{ ...file, deliverable: 'ke-hoach' }],
  };
  const html = unitDetailPage({ staff, actor, view, actions: [], timeZone: ZONE, temporalUrl: 'http://ui' });
  expect(html).toContain('<dd id="owed">Báo cáo kết quả</dd>');
  expect(html).toMatch(/<li>Gửi kế hoạch: Kế hoạch tổ chức Đại hội Thi đua — hạn [^<]+; đã khóa — Đã nộp<\/li>/);
  expect(html).toMatch(
    /<li>Báo cáo kết quả: Báo cáo kết quả — hạn [^<]+; đang nhận hồ sơ — Chưa nộp, chưa đến hạn<\/li>/,
  );
  expect(html).toContain('<tr><td>Kế hoạch tổ chức Đại hội Thi đua</td>');
});

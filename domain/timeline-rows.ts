/**
 * The compiled timeline as people read it: the rows of the campaign plan table (`thidua campaign
 * plan`) and of a unit's own view, in Vietnamese — what happens, when, and to whom. Built from the
 * {@link CompiledCampaign} of `domain/timeline.ts`; nothing here computes an instant.
 */
import type {
  CampaignDefinition,
  ConferencePhaseDef,
  PhaseKind,
  PlanIssuePhaseDef,
  RoleName,
  SelfReviewPhaseDef,
  UnitInput,
} from './campaign-schema';
import { dueOf } from './deliverables';
import { approximatePeriod } from './date-phrases';
import { planReference } from './plan-document';
import { OFFSET } from './timeline';
import type { CompiledCampaign, CompiledInstant, PhaseSchedule, ReadInstant } from './timeline-types';

export type TimelineEvent =
  | 'plan'
  | 'window-start'
  | 'window-end'
  | 'reminder'
  | 'due-today'
  | 'deadline'
  | 'late-notice'
  | 'escalation'
  | 'lock'
  | 'conference'
  | 'invitation'
  | 'reply-reminder'
  | 'reply-deadline'
  | 'reply-escalation'
  | 'attendee-reminder'
  | 'approval-reminder'
  | 'approval-deadline'
  | 'approval-escalation'
  | 'approval-lock'
  | 'vote-reminder'
  | 'vote-deadline'
  | 'vote-escalation'
  | 'vote-lock';

export interface TimelineRow {
  at: CompiledInstant;
  /** Phase name; empty for the plan itself. */
  phase: string;
  phaseKind?: PhaseKind;
  /** 1-based position of the phase in the file; absent for the plan itself. */
  phaseNumber?: number;
  event: TimelineEvent;
  /** What happens, in Vietnamese ("Nhắc hạn 7 ngày", "Hạn nộp ...", "Khóa báo cáo"). */
  what: string;
  /** To whom ("tất cả 27 đơn vị", "Thủ trưởng đơn vị", a person's name in the unit view). */
  to: string;
  /**
   * The period when the date is known only roughly ("tháng 11/2009", "quý III/2015"): shown instead
   * of the day the engine reads it as, which nobody announced.
   */
  approximate?: string;
}

const ROLE_LABELS: Record<RoleName, string> = {
  focal: 'cán bộ đầu mối',
  head: 'Thủ trưởng đơn vị',
  supervisor: 'cấp trên',
  secretariat: 'Thường trực',
};

/** The unit tree in file order, sub-units included (as the batches page through it). */
export function flattenUnits(units: readonly UnitInput[]): UnitInput[] {
  return units.flatMap((u) => [u, ...flattenUnits(u.subUnits ?? [])]);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "Gửi Kế hoạch số 67-KH/TU, đề cương báo cáo tới các đơn vị": the outline only when the plan sends one. */
function planSent(header: CampaignDefinition['campaign'], phase: PlanIssuePhaseDef): string {
  const outline = phase.attachments.some((a) => /đề cương/i.test(typeof a === 'string' ? a : a.title));
  return `Gửi ${planReference(header.plan)}${outline ? ', đề cương báo cáo' : ''} tới các đơn vị`;
}

/** The period of a date written roughly; none in a rehearsal, whose instants are the ones shown. */
function roughly(compiled: CompiledCampaign, at: ReadInstant): { approximate?: string } {
  const period = compiled.rehearsal ? undefined : approximatePeriod(at.written);
  return period ? { approximate: period } : {};
}

/** "1 ngày", "3 ngày làm việc": an offset as an office writes it ("1d" is nobody's word). */
export function offsetLabel(offset: string, after: boolean): string {
  const m = OFFSET.exec(offset);
  if (!m) return offset;
  const n = Number(m[1]);
  if (n === 0) return after ? 'trong ngày' : 'hôm nay';
  return `${n} ngày${m[2] === 'wd' ? ' làm việc' : ''}`;
}

function dueLabel(phase: SelfReviewPhaseDef | undefined): string {
  if (!phase) return 'Hạn nộp';
  const due = dueOf(phase);
  const items: string[] = due.deliverables?.map((d) => d.name) ?? [];
  if (due.summaryReport !== 'none') items.push('báo cáo tổng kết');
  if (due.presentationPaper !== 'none') items.push('tham luận');
  if (due.nominations) items.push('đề nghị khen thưởng');
  return items.length > 0 ? `Hạn nộp ${items.join(', ')}` : 'Hạn nộp';
}

type Addressee = (roles: RoleName[]) => string;

function rowsOf(
  compiled: CompiledCampaign,
  def: CampaignDefinition,
  who: {
    all: string;
    focal: string;
    roles: Addressee;
    invited: (p: ConferencePhaseDef) => string;
    /** Who a role resolves to, so that a copy to someone already addressed is left out. */
    key: (role: RoleName) => string;
    /** Whether the synthesis approval's rows are shown (the campaign plan; not a unit's view). */
    approval?: boolean;
  },
): TimelineRow[] {
  const rows: TimelineRow[] = [];
  const header = def.campaign;
  if (compiled.planDate) {
    rows.push({
      at: compiled.planDate,
      phase: '',
      event: 'plan',
      what: `Ký ban hành ${planReference(header.plan)}`,
      to: header.issuingBody,
      ...roughly(compiled, compiled.planDate),
    });
  }
  compiled.phases.forEach((p, i) => {
    const source = def.phases[i];
    const base = { phase: p.name, phaseKind: p.kind, phaseNumber: i + 1 };
    const audience =
      p.kind === 'synthesis'
        ? header.secretariat.name
        : p.kind === 'awards' && source?.kind === 'awards'
          ? (source.awardingBody ?? header.issuingBody)
          : p.kind === 'conference' && source?.kind === 'conference'
            ? who.invited(source)
            : who.all;
    rows.push({
      ...base,
      at: p.windowStart,
      event: 'window-start',
      what: p.kind === 'plan-issue' && source?.kind === 'plan-issue' ? planSent(header, source) : 'Bắt đầu giai đoạn',
      to: audience,
      ...roughly(compiled, p.windowStart),
    });
    if (p.deadline) {
      const d = p.deadline;
      for (const r of d.reminders) {
        rows.push({
          ...base,
          at: r.at,
          event: r.kind,
          what: r.kind === 'due-today' ? 'Nhắc hạn hôm nay' : `Nhắc hạn ${offsetLabel(r.offset, false)}`,
          to: who.focal,
        });
      }
      rows.push({
        ...base,
        at: d.deadline,
        event: 'deadline',
        what: dueLabel(source?.kind === 'self-review' ? source : undefined),
        to: who.all,
      });
      rows.push({
        ...base,
        at: d.deadline,
        event: 'late-notice',
        what: 'Quá hạn – báo đơn vị chưa nộp',
        to: who.focal,
      });
      for (const e of d.escalations) {
        const addressed = new Set(e.notify.map(who.key));
        const cc = e.cc.filter((r) => !addressed.has(who.key(r)));
        rows.push({
          ...base,
          at: e.at,
          event: 'escalation',
          what: `Quá hạn ${offsetLabel(e.after, true)} – báo ${e.notify.map((r) => ROLE_LABELS[r]).join(', ')}`,
          to: capitalize(who.roles(e.notify) + (cc.length > 0 ? `, đồng gửi ${who.roles(cc)}` : '')),
        });
      }
      rows.push({ ...base, at: d.lock, event: 'lock', what: 'Khóa báo cáo (hết nhận, chỉ còn xem)', to: who.all });
    }
    if (p.approval && who.approval && source?.kind === 'synthesis' && source.approval) {
      const a = p.approval;
      const body = source.approval.body ?? header.issuingBody;
      const approvers = source.approval.approvers.map((x) => x.name).join(', ');
      for (const r of a.reminders) {
        rows.push({
          ...base,
          at: r.at,
          event: 'approval-reminder',
          what: `Nhắc phê duyệt dự thảo ${r.kind === 'due-today' ? 'hôm nay' : offsetLabel(r.offset, false)}`,
          to: approvers,
        });
      }
      rows.push({
        ...base,
        at: a.deadline,
        event: 'approval-deadline',
        what: `Hạn ${body} phê duyệt dự thảo báo cáo`,
        to: approvers,
      });
      for (const e of a.escalations) {
        rows.push({
          ...base,
          at: e.at,
          event: 'approval-escalation',
          what: `Chưa phê duyệt ${offsetLabel(e.after, true)} sau hạn – báo Thường trực`,
          to: `${header.secretariat.name}, đồng gửi người phê duyệt`,
        });
      }
      if (a.lock.utc !== a.deadline.utc) {
        rows.push({
          ...base,
          at: a.lock,
          event: 'approval-lock',
          what: 'Hết thời hạn phê duyệt (khóa dự thảo)',
          to: header.secretariat.name,
        });
      }
    }
    if (p.conference && source?.kind === 'conference') rows.push(...conferenceRows(p.conference, source, base, who));
    if (p.vote && who.approval && source?.kind === 'awards' && source.council) {
      // The council's vote (campaign view only, as the approval): reminders to members who have not voted, the chair told after.
      const v = p.vote;
      const members = 'Thành viên Hội đồng chưa bỏ phiếu';
      const chair = source.council.members.find((m) => m.chair)?.name ?? 'Chủ tịch Hội đồng';
      for (const r of v.reminders) {
        rows.push({
          ...base,
          at: r.at,
          event: 'vote-reminder',
          what: `Nhắc bỏ phiếu ${r.kind === 'due-today' ? 'hôm nay' : offsetLabel(r.offset, false)}`,
          to: members,
        });
      }
      rows.push({
        ...base,
        at: v.deadline,
        event: 'vote-deadline',
        what: 'Hạn Hội đồng bỏ phiếu xét khen thưởng',
        to: `${source.council.members.length} thành viên Hội đồng`,
      });
      // The vote closes at its lock: a step after it would never be sent.
      for (const e of v.escalations.filter((x) => Date.parse(x.at.utc) < Date.parse(v.lock.utc))) {
        rows.push({
          ...base,
          at: e.at,
          event: 'vote-escalation',
          what: `Chưa bỏ phiếu đủ ${offsetLabel(e.after, true)} sau hạn – báo Chủ tịch Hội đồng`,
          to: chair,
        });
      }
      rows.push({
        ...base,
        at: v.lock,
        event: 'vote-lock',
        what: 'Khóa bỏ phiếu, kiểm phiếu, lập biên bản',
        to: header.secretariat.name,
      });
    }
    if (p.conferenceAt && source?.kind === 'conference') {
      rows.push({
        ...base,
        at: p.conferenceAt,
        event: 'conference',
        what: `Hội nghị tại ${source.venue}${source.organizer ? `; đơn vị tổ chức: ${source.organizer}` : ''}`,
        to: who.invited(source),
        ...roughly(compiled, p.conferenceAt),
      });
    }
    rows.push({
      ...base,
      at: p.windowEnd,
      event: 'window-end',
      what: 'Kết thúc giai đoạn',
      to: audience,
      ...roughly(compiled, p.windowEnd),
    });
  });
  // Stable: same instant keeps the order above (deadline before its late notice).
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => Date.parse(a.row.at.utc) - Date.parse(b.row.at.utc) || a.i - b.i)
    .map(({ row }) => row);
}

/** Every event of the campaign, in time order, addressed by role ("tất cả 27 đơn vị", "Thủ trưởng đơn vị"). */
export function campaignTimeline(compiled: CompiledCampaign, def: CampaignDefinition): TimelineRow[] {
  const count = flattenUnits(def.units).length;
  const all = `tất cả ${count} đơn vị`;
  return rowsOf(compiled, def, {
    all,
    focal: 'Cán bộ đầu mối các đơn vị chưa nộp',
    roles: (roles) => roles.map((r) => ROLE_LABELS[r]).join(', '),
    invited: (p) =>
      p.invitees.length === 0 || p.invitees.includes('all') ? all : `${p.invitees.length} đơn vị được mời`,
    key: (role) => role,
    approval: true,
  });
}

/** One unit's events, addressed to its people by name; throws if the unit is not in the campaign. */
export function unitTimeline(compiled: CompiledCampaign, def: CampaignDefinition, unitId: string): TimelineRow[] {
  const units = flattenUnits(def.units);
  const unit = units.find((u) => u.id === unitId);
  if (!unit) {
    const known = units.slice(0, 10).map((u) => u.id);
    throw new Error(
      `Không có đơn vị "${unitId}" trong ${planReference(def.campaign.plan)} (unknown unit). ` +
        `Các đơn vị: ${known.join(', ')}${units.length > known.length ? `, … (${units.length} đơn vị)` : ''}`,
    );
  }
  const secretariat = def.campaign.secretariat;
  const person = (role: RoleName): string => {
    switch (role) {
      case 'focal':
        return `${unit.focal.name} (cán bộ đầu mối)`;
      case 'head':
        return `${unit.head.name} (Thủ trưởng)`;
      case 'supervisor':
        return unit.supervisor ? `${unit.supervisor.name} (cấp trên)` : `${secretariat.name} (thay cấp trên)`;
      case 'secretariat':
        return secretariat.name;
    }
  };
  return rowsOf(compiled, def, {
    all: unit.name,
    focal: person('focal'),
    roles: (roles) => roles.map(person).join(', '),
    invited: (p) =>
      p.invitees.length === 0 || p.invitees.includes('all') || p.invitees.includes(unit.id)
        ? `${unit.name} (được mời)`
        : `${unit.name} không có trong danh sách mời`,
    key: (role) => (role === 'supervisor' && !unit.supervisor ? 'secretariat' : role),
  });
}

/**
 * The conference's own instants: the invitations, the reply deadline with its reminders and
 * escalation, the attendees' reminder (none while the day is only a period: nothing is sent before
 * the secretariat fixes it).
 */
function conferenceRows(
  c: NonNullable<PhaseSchedule['conference']>,
  source: ConferencePhaseDef,
  base: Pick<TimelineRow, 'phase' | 'phaseKind' | 'phaseNumber'>,
  who: { invited: (p: ConferencePhaseDef) => string },
): TimelineRow[] {
  const invited = who.invited(source);
  const rows: TimelineRow[] = [];
  if (c.invitationsAt) {
    rows.push({
      ...base,
      at: c.invitationsAt,
      event: 'invitation',
      what: 'Gửi giấy mời dự hội nghị (kèm lịch)',
      to: invited,
    });
  }
  if (c.replies) {
    for (const r of c.replies.reminders) {
      const when = r.kind === 'due-today' ? 'hôm nay' : offsetLabel(r.offset, false);
      rows.push({
        ...base,
        at: r.at,
        event: 'reply-reminder',
        what: `Nhắc đăng ký dự ${when}`,
        to: 'Đơn vị, khách mời chưa trả lời',
      });
    }
    rows.push({
      ...base,
      at: c.replies.deadline,
      event: 'reply-deadline',
      what: 'Hạn đăng ký dự hội nghị',
      to: invited,
    });
    for (const e of c.replies.escalations) {
      rows.push({
        ...base,
        at: e.at,
        event: 'reply-escalation',
        what: `Chưa đăng ký dự ${offsetLabel(e.after, true)} sau hạn – báo lãnh đạo đơn vị`,
        to: 'Cấp trên hoặc Thủ trưởng đơn vị chưa trả lời',
      });
    }
  }
  if (c.attendeeReminderAt) {
    rows.push({
      ...base,
      at: c.attendeeReminderAt,
      event: 'attendee-reminder',
      what: 'Nhắc lịch hội nghị',
      to: 'Đơn vị, khách mời đăng ký dự',
    });
  }
  return rows;
}

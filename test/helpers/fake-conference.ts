/**
 * The conference use cases as the portal and the dashboard see them, in memory: a view that replies,
 * changes and the outcome update, the roles checked as the use cases check them, and the refusals the
 * workflow's validators give (after the reply deadline, after a cancel, more delegates than seats) as
 * `AppError('refused')`. Every call is recorded. For unit tests of the HTTP layers only.
 */
import { requireRole, actorLabel, type StaffActor } from '../../app/roles';
import { AppError } from '../../app/temporal-errors';
import type {
  ConferenceInviteeView,
  ConferenceStatusView,
  ReplyToInvitationInput,
} from '../../domain/conference-types';
import type { ConferenceBackend, OutcomeInput, PhoneReply } from '../../portal/conference-backend';

const DAY = 24 * 3600_000;

export function conferenceView(
  campaignId: string,
  invitees: Array<Partial<ConferenceInviteeView> & { id: string; name: string }>,
): ConferenceStatusView {
  const start = new Date(Date.now() + 10 * DAY).toISOString();
  const replyBy = new Date(Date.now() + 5 * DAY).toISOString();
  return {
    campaignId,
    name: 'Hội nghị tổng kết',
    state: 'invited',
    when: { kind: 'exact', start },
    // As the workflow writes them (conference-run.ts `spoken`, a schedule's `local`); the pages reword them.
    whenLocal: '08:00 ngày 14/11/2009',
    venue: 'Hội trường Tỉnh ủy',
    organizer: 'Ban Thi đua - Khen thưởng tỉnh',
    agenda: ['Khai mạc', 'Báo cáo tổng kết', 'Tham luận của các điển hình', 'Khen thưởng', 'Bế mạc'],
    sequence: 0,
    invitationsAt: new Date(Date.now() - DAY).toISOString(),
    replyBy,
    replyByLocal: '06/11/2009 17:00',
    invitees: invitees.map((i) => ({
      kind: i.id.startsWith('khach/') ? 'guest' : 'unit',
      email: `${i.id.replace('/', '-')}@example.vn`,
      remindersSent: 0,
      escalated: false,
      invitedSequence: 0,
      ...i,
    })),
    counts: { invited: invitees.length, attending: 0, declined: 0, noReply: invitees.length, seats: 0 },
    changes: [],
    remindersSent: 0,
    escalationsSent: 0,
  };
}

export class FakeConference implements ConferenceBackend {
  readonly calls: Array<{ action: string; campaignId: string; args: unknown }> = [];
  workerDown = false;

  constructor(public view: ConferenceStatusView | undefined) {}

  private current(campaignId: string): ConferenceStatusView {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua', operation: 'read-conference' });
    if (!this.view || this.view.campaignId !== campaignId)
      throw new AppError('not-found', { campaignId, operation: 'read-conference' });
    return this.view;
  }

  async status(campaignId: string): Promise<ConferenceStatusView> {
    return structuredClone(this.current(campaignId));
  }

  async reply(campaignId: string, reply: ReplyToInvitationInput): Promise<ConferenceStatusView> {
    this.calls.push({ action: 'reply', campaignId, args: reply });
    const v = this.current(campaignId);
    const refuse = (refusal: string) => {
      throw new AppError('refused', { refusal, operation: 'reply-conference', campaignId });
    };
    if (v.cancelled) refuse(`Hội nghị đã bị hủy (${v.cancelled.reason}); không nhận trả lời.`);
    if (v.replyBy && Date.now() > Date.parse(v.replyBy))
      // The workflow's own words (conference-handlers.ts), its deadline as the schedule writes it.
      refuse(`Đã quá hạn đăng ký dự (${v.replyByLocal}); xin liên hệ Thường trực.`);
    if (reply.answer === 'attending' && reply.delegates.length > reply.seats)
      refuse(`Đăng ký ${reply.delegates.length} đại biểu nhưng chỉ ${reply.seats} chỗ ngồi.`);
    const invitee = v.invitees.find((i) => i.id === reply.inviteeId);
    if (!invitee) return refuse(`Không có khách mời "${reply.inviteeId}".`);
    invitee.reply = { ...reply, at: new Date().toISOString(), sequence: v.sequence };
    const replies = v.invitees.map((i) => i.reply).filter((r) => r !== undefined);
    v.counts = {
      invited: v.invitees.length,
      attending: replies.filter((r) => r.answer === 'attending').length,
      declined: replies.filter((r) => r.answer === 'declined').length,
      noReply: v.invitees.length - replies.length,
      seats: replies.reduce((n, r) => n + r.seats, 0),
    };
    return structuredClone(v);
  }

  async recordPhoneReply(campaignId: string, actor: StaffActor, reply: PhoneReply): Promise<ConferenceStatusView> {
    requireRole(actor, 'clerk', 'reply-conference');
    return this.reply(campaignId, { ...reply, via: 'phone', recordedBy: actorLabel(actor) });
  }

  async setDate(campaignId: string, actor: StaffActor, when: { start: string; end?: string }, reason?: string) {
    requireRole(actor, 'clerk', 'set-conference-date');
    this.calls.push({ action: 'set-date', campaignId, args: { when, reason } });
    const v = this.current(campaignId);
    v.when = { kind: 'exact', ...when };
    v.sequence += 1;
    v.whenLocal = when.start;
    v.changes.push({
      at: new Date().toISOString(),
      by: actorLabel(actor),
      what: 'date-moved',
      sequence: v.sequence,
      detail: when.start,
    });
    return structuredClone(v);
  }

  async changeVenue(campaignId: string, actor: StaffActor, venue: string, reason?: string) {
    requireRole(actor, 'clerk', 'change-conference-venue');
    this.calls.push({ action: 'venue', campaignId, args: { venue, reason } });
    const v = this.current(campaignId);
    v.venue = venue;
    v.sequence += 1;
    return structuredClone(v);
  }

  async cancel(campaignId: string, actor: StaffActor, reason: string) {
    requireRole(actor, 'approver', 'cancel-conference');
    this.calls.push({ action: 'cancel', campaignId, args: { reason } });
    const v = this.current(campaignId);
    v.state = 'cancelled';
    v.cancelled = { reason, by: actorLabel(actor), at: new Date().toISOString() };
    return structuredClone(v);
  }

  async recordOutcome(campaignId: string, actor: StaffActor, outcome: OutcomeInput) {
    requireRole(actor, 'clerk', 'record-conference-outcome');
    this.calls.push({ action: 'outcome', campaignId, args: outcome });
    const v = this.current(campaignId);
    v.state = 'held';
    v.outcome = {
      heldOn: outcome.heldOn,
      attendance: outcome.attendance,
      recordedBy: actorLabel(actor),
      at: new Date().toISOString(),
      ...(outcome.minutes
        ? {
            minutes: {
              name: outcome.minutes.name,
              size: outcome.minutes.bytes.length,
              sha256: 'a'.repeat(64),
              contentType: 'application/pdf',
            },
          }
        : {}),
    };
    return structuredClone(v);
  }

  async guestLink(campaignId: string, actor: StaffActor, inviteeId: string, what: 'reissue' | 'revoke') {
    requireRole(actor, 'clerk', 'link');
    this.calls.push({ action: 'guest-link', campaignId, args: { inviteeId, what } });
    this.current(campaignId);
    return what === 'reissue' ? `http://portal.example.vn/k/moi-${inviteeId.slice('khach/'.length)}` : undefined;
  }

  async invitationIcs(campaignId: string, inviteeId: string): Promise<string> {
    const v = this.current(campaignId);
    return `BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:hoi-nghi.${campaignId}@thidua\r\nSEQUENCE:${v.sequence}\r\nATTENDEE:mailto:${inviteeId}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`;
  }
}

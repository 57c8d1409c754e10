/**
 * The conference use cases, written once for the portal (an invitee's reply), the dashboard and the
 * CLI: read the conference, reply or record a phone reply, fix or move the day (the instants compiled
 * here with the working calendar: workflows never run it), change the venue, cancel, record the
 * outcome with its minutes, fetch an invitee's `.ics`. Each staff action states the role it needs.
 */
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import { conferenceIcs } from '../calendar/conference-ics';
import { loadWorkingCalendar } from '../config/holidays';
import { conferenceInvitees, conferenceOrganizer, conferencePhaseOf } from '../activities/conference';
import { HELD_BEFORE_OPENING, type HeldBeforeOpeningDetails } from '../domain/conference-rules';
import { compileConferenceSchedule } from '../domain/conference-schedule';
import {
  conferenceWorkflowId,
  type ConferenceStatusView,
  type ReplyToInvitationInput,
  type SetConferenceDateInput,
} from '../domain/conference-types';
import { rehearseConferenceSchedule } from '../domain/conference-rehearsal';
import { dateContextFor, formatLocal } from '../domain/date-phrases';
import { planTag } from '../domain/plan-document';
import { compileDeadlineScheduleWithNotes, planInstantOf } from '../domain/timeline';
import { campaignWorkflowId } from '../domain/workflow-types';
import { FileDefinitionStore } from '../stores/definition-store';
import { FileReportStore, type UploadOwner } from '../stores/report-store';
import { getCampaignStatus } from '../workflows/campaign';
import {
  cancelConference as cancelUpdate,
  changeConferenceVenue as venueUpdate,
  getConferenceStatus,
  recordConferenceOutcome as outcomeUpdate,
  replyToInvitation as replyUpdate,
  setConferenceDate as dateUpdate,
} from '../workflows/conference';
import { campaignRehearsal } from './campaign-rehearsal';
import { withUpdate, withWorker, type AppContext } from './context';
import { actorLabel, requireRole, type StaffActor } from './roles';
import { AppError, type Operation } from './temporal-errors';

/** Whose upload the minutes are in the report store: an id no unit can have (as the synthesis's revisions). */
export const CONFERENCE_UPLOADER = '@conference';

const handle = (s: AppContext, campaignId: string) => s.client.workflow.getHandle(conferenceWorkflowId(campaignId));
const invalid = (operation: Operation, campaignId: string, value: string) =>
  new AppError('invalid', { operation, input: 'conference', value, campaignId });

/** The conference workflow's view (query). Any staff; the portal too. */
export function conferenceStatus(s: AppContext, campaignId: string): Promise<ConferenceStatusView> {
  return withWorker(s, 'read-conference', () => handle(s, campaignId).query(getConferenceStatus)).catch(
    (err: unknown) => {
      throw withCampaign(err, campaignId);
    },
  );
}

/** An invitee's reply through their own link (the portal). A phone reply goes through {@link recordPhoneReply}. */
export async function replyToInvitation(
  s: AppContext,
  campaignId: string,
  reply: ReplyToInvitationInput,
): Promise<ConferenceStatusView> {
  if (reply.via !== 'link') throw new AppError('forbidden', { operation: 'reply-conference', role: 'clerk' });
  return update(s, 'reply-conference', campaignId, () =>
    handle(s, campaignId).executeUpdate(replyUpdate, { args: [{ ...reply, via: 'link' }] }),
  );
}

/** A reply given by phone, recorded by the secretariat. Role: clerk. */
export async function recordPhoneReply(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  reply: Omit<ReplyToInvitationInput, 'via' | 'recordedBy'>,
): Promise<ConferenceStatusView> {
  requireRole(actor, 'clerk', 'reply-conference');
  return update(s, 'reply-conference', campaignId, () =>
    handle(s, campaignId).executeUpdate(replyUpdate, {
      args: [{ ...reply, via: 'phone', recordedBy: actorLabel(actor) }],
    }),
  );
}

/**
 * Fixes the day of a rough conference or moves it: the invitations, the reply deadline and its
 * reminders and escalation, the attendees' reminder are compiled for the new day as the campaign file
 * defines them. Role: clerk. Everyone invited gets the updated invitation; replies are asked again.
 */
export async function setConferenceDate(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  when: { start: string; end?: string },
  reason?: string,
): Promise<ConferenceStatusView & { rehearsed?: RehearsedDay }> {
  requireRole(actor, 'clerk', 'set-conference-date');
  const { input, rehearsed } = await plannedConferenceDate(s, campaignId, when);
  const view = await update(s, 'set-conference-date', campaignId, () =>
    handle(s, campaignId).executeUpdate(dateUpdate, {
      args: [{ ...input, by: actorLabel(actor), ...(reason?.trim() ? { reason: reason.trim() } : {}) }],
    }),
  );
  return rehearsed ? { ...view, rehearsed } : view;
}

/** The update's instants for a new day (without who and why). */
export async function conferenceDateInput(
  s: AppContext,
  campaignId: string,
  when: { start: string; end?: string },
): Promise<Omit<SetConferenceDateInput, 'by' | 'reason'>> {
  return (await plannedConferenceDate(s, campaignId, when)).input;
}

/**
 * The new day's instants; in a rehearsed campaign the day typed is one of the plan's calendar: its
 * schedule is compiled on that calendar, then mapped into the rehearsal like the rest of the campaign.
 */
async function plannedConferenceDate(
  s: AppContext,
  campaignId: string,
  when: { start: string; end?: string },
): Promise<{ input: Omit<SetConferenceDateInput, 'by' | 'reason'>; rehearsed?: RehearsedDay }> {
  const op = 'set-conference-date';
  const startMs = Date.parse(when.start);
  if (!Number.isFinite(startMs)) throw invalid(op, campaignId, `ngày giờ khai mạc "${when.start}" không đọc được`);
  if (when.end !== undefined && !(Date.parse(when.end) > startMs)) {
    throw invalid(op, campaignId, `giờ bế mạc "${when.end}" phải sau giờ khai mạc`);
  }
  const { status, definition } = await campaignOf(s, campaignId);
  const phase = conferencePhaseOf(definition);
  if (!phase) throw invalid(op, campaignId, 'kế hoạch không có giai đoạn hội nghị');
  const ctx = dateContextFor(definition.campaign, loadWorkingCalendar());
  const start = new Date(startMs).toISOString();
  const end = when.end ? new Date(Date.parse(when.end)).toISOString() : undefined;
  let compiled;
  try {
    compiled = compileConferenceSchedule(
      phase,
      start,
      end,
      { ...ctx, reminderTime: definition.campaign.calendar.reminderTime },
      compileDeadlineScheduleWithNotes,
    ).schedule;
  } catch (err) {
    throw invalid(op, campaignId, (err as Error).message.replace(/ \(the .*\)$/, ''));
  }
  const now = Date.now();
  const rehearsal = await campaignRehearsal(s, campaignId, status);
  let rehearsed: RehearsedDay | undefined;
  if (rehearsal) {
    const zone = definition.campaign.timeZone;
    const planned = compiled.start!.local;
    compiled = rehearseConferenceSchedule(compiled, rehearsal, zone);
    rehearsed = { planned, startLocal: withSeconds(compiled.start!.utc, zone), spec: rehearsal.spec };
    if (Date.parse(compiled.start!.utc) <= now) {
      throw invalid(
        op,
        campaignId,
        `ngày khai mạc ${planned} ứng với ${rehearsed.startLocal} trong buổi diễn tập (${rehearsal.spec}), ` +
          `đã qua; buổi diễn tập đang ở ${formatLocal(planInstantOf(rehearsal, new Date(now).toISOString()), zone)} ` +
          `theo lịch kế hoạch: hãy chọn ngày sau đó`,
      );
    }
  }
  // Steps already past when the day is set are dropped (the workflow would skip them too).
  const replies = compiled.replies!;
  const input = {
    start: compiled.start!.utc,
    ...(compiled.end ? { end: compiled.end.utc } : {}),
    startLocal: compiled.start!.local,
    invitationsAt: compiled.invitationsAt!.utc,
    replyBy: replies.deadline.utc,
    replySchedule: { ...replies, reminders: replies.reminders.filter((r) => Date.parse(r.at.utc) > now) },
    ...(compiled.attendeeReminderAt ? { attendeeReminderAt: compiled.attendeeReminderAt.utc } : {}),
  };
  return { input, ...(rehearsed ? { rehearsed } : {}) };
}

/** A day moved in a rehearsal: as the clerk typed it (plan's calendar) and the instant it runs at. */
export interface RehearsedDay {
  /** `dd/MM/yyyy HH:mm` on the plan's calendar. */
  planned: string;
  /** `dd/MM/yyyy HH:mm:ss` in the rehearsal (a compressed day lasts seconds). */
  startLocal: string;
  /** The compression, "1d=3s". */
  spec: string;
}

const withSeconds = (utc: string, zone: string) =>
  DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat('dd/MM/yyyy HH:mm:ss');

/** Changes the venue: an updated invitation to everyone invited (replies stand). Role: clerk. */
export async function changeConferenceVenue(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  venue: string,
  reason?: string,
): Promise<ConferenceStatusView> {
  requireRole(actor, 'clerk', 'change-conference-venue');
  return update(s, 'change-conference-venue', campaignId, () =>
    handle(s, campaignId).executeUpdate(venueUpdate, {
      args: [{ venue, by: actorLabel(actor), ...(reason?.trim() ? { reason: reason.trim() } : {}) }],
    }),
  );
}

/** Cancels the conference (a CANCEL to everyone invited). Role: approver. */
export async function cancelConference(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  reason: string,
): Promise<ConferenceStatusView> {
  requireRole(actor, 'approver', 'cancel-conference');
  return update(s, 'cancel-conference', campaignId, () =>
    handle(s, campaignId).executeUpdate(cancelUpdate, { args: [{ reason, by: actorLabel(actor) }] }),
  );
}

/**
 * Records the outcome after the day (held on, attendance, the minutes stored in the report store):
 * the conference ends and the campaign moves on to the awards. Role: clerk. Refused minutes leave no
 * file behind.
 */
export async function recordConferenceOutcome(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  outcome: { heldOn: string; attendance: number; minutes?: { name: string; bytes: Buffer }; note?: string },
): Promise<ConferenceStatusView> {
  requireRole(actor, 'clerk', 'record-conference-outcome');
  const reports = new FileReportStore(path.join(s.settings.dataDir, 'reports'));
  let stored: { owner: UploadOwner; ref: Awaited<ReturnType<FileReportStore['put']>> } | undefined;
  if (outcome.minutes) {
    if (outcome.minutes.bytes.length === 0) {
      throw invalid('record-conference-outcome', campaignId, 'tệp biên bản rỗng');
    }
    const name = outcome.minutes.name.split(/[\\/]/).pop() || 'bien-ban.pdf';
    const owner: UploadOwner = {
      campaignId,
      unitId: CONFERENCE_UPLOADER,
      phase: 'conference',
      uploadedBy: actor.login,
    };
    stored = { owner, ref: await reports.put(name, contentTypeOf(name), outcome.minutes.bytes, owner) };
  }
  try {
    return await update(s, 'record-conference-outcome', campaignId, () =>
      handle(s, campaignId).executeUpdate(outcomeUpdate, {
        args: [
          {
            heldOn: outcome.heldOn,
            attendance: outcome.attendance,
            ...(stored ? { minutes: stored.ref } : {}),
            ...(outcome.note?.trim() ? { note: outcome.note.trim() } : {}),
            by: actorLabel(actor),
          },
        ],
      }),
    );
  } catch (err) {
    if (stored && err instanceof AppError && err.nothingChanged) await reports.removeUpload(stored.owner, stored.ref);
    throw await withRehearsalDays(s, campaignId, err);
  }
}

/**
 * The validator's refusal of a day held before the opening day, with a rehearsal's explanation added:
 * there the day the plan gave (as typed for `set-date`) runs on another calendar day, and the message
 * names both. The rule is the validator's alone; the rehearsal is read only on this refusal.
 */
async function withRehearsalDays(s: AppContext, campaignId: string, err: unknown): Promise<unknown> {
  const details = heldBeforeOpening(err);
  if (!details || !(err instanceof AppError) || err.code !== 'refused') return err;
  // The explanation is extra: when the campaign cannot be read, the validator's words stand alone.
  const status = await campaignStatusOf(s, campaignId).catch(() => undefined);
  const rehearsal = status && (await campaignRehearsal(s, campaignId, status).catch(() => undefined));
  if (!rehearsal) return err;
  const planned = DateTime.fromISO(planInstantOf(rehearsal, details.openingUtc), { zone: 'utc' })
    .setZone(details.timeZone)
    .toFormat('dd/MM/yyyy');
  const refusal =
    `${(err.facts.refusal ?? '').replace(/\.$/, '')} (đợt diễn tập ${rehearsal.spec}: hội nghị ngày ${planned} ` +
    `theo kế hoạch đã diễn ra ngày ${details.openingDay}).`;
  return new AppError(err.code, { ...err.facts, refusal }, { cause: err.cause });
}

/** The details of a {@link HELD_BEFORE_OPENING} failure somewhere in `err`'s causes. */
function heldBeforeOpening(err: unknown): HeldBeforeOpeningDetails | undefined {
  for (let e = err as { cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e instanceof ApplicationFailure && e.type === HELD_BEFORE_OPENING) {
      return e.details?.[0] as HeldBeforeOpeningDetails | undefined;
    }
  }
  return undefined;
}

/** The current invitation's `.ics` for one invitee: REQUEST, or CANCEL once cancelled. */
export async function conferenceInvitationIcs(s: AppContext, campaignId: string, inviteeId: string): Promise<string> {
  const view = await conferenceStatus(s, campaignId);
  const invitee = view.invitees.find((i) => i.id === inviteeId);
  if (!invitee) throw new AppError('not-found', { operation: 'read-conference', campaignId, unitId: inviteeId });
  const definition = await definitionOf(s, campaignId);
  const ics = conferenceIcs({
    campaignId,
    conference: {
      name: view.name,
      planNumber: planTag(definition.campaign.plan),
      title: definition.campaign.title,
      timeZone: definition.campaign.timeZone,
      when: view.when,
      whenLocal: view.whenLocal,
      venue: view.venue,
      ...(view.organizer ? { organizer: view.organizer } : {}),
      agenda: view.agenda,
      sequence: view.sequence,
    },
    organizer: conferenceOrganizer(definition, s.settings.smtp.from),
    attendees: [{ name: invitee.name, email: invitee.email }],
    now: view.changes[view.changes.length - 1]?.at ?? view.invitationsAt ?? new Date().toISOString(),
    ...(view.cancelled ? { cancelled: { reason: view.cancelled.reason } } : {}),
  });
  if (!ics) throw invalid('read-conference', campaignId, `hội nghị chưa định ngày (${view.whenLocal})`);
  return ics;
}

/** Who the campaign file invites (for a check before the workflow has started). */
export { conferenceInvitees };

async function definitionOf(s: AppContext, campaignId: string) {
  return (await campaignOf(s, campaignId)).definition;
}

async function campaignOf(s: AppContext, campaignId: string) {
  const status = await campaignStatusOf(s, campaignId);
  const definition = await new FileDefinitionStore(path.join(s.settings.dataDir, 'campaigns')).load(
    status.definitionRef,
  );
  return { status, definition };
}

function campaignStatusOf(s: AppContext, campaignId: string) {
  return withWorker(s, 'read-campaign', () =>
    s.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(getCampaignStatus),
  ).catch((err: unknown) => {
    throw withCampaign(err, campaignId);
  });
}

function contentTypeOf(name: string): string {
  if (/\.pdf$/i.test(name)) return 'application/pdf';
  if (/\.docx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return 'application/octet-stream';
}

function update(
  s: AppContext,
  operation: Operation,
  campaignId: string,
  fn: () => Promise<ConferenceStatusView>,
): Promise<ConferenceStatusView> {
  return withUpdate(s, operation, conferenceWorkflowId(campaignId), fn).catch((err: unknown) => {
    throw withCampaign(err, campaignId);
  });
}

/** Adds the campaign id to an {@link AppError}'s facts (messages name it). */
function withCampaign(err: unknown, campaignId: string): unknown {
  if (err instanceof AppError && !err.facts.campaignId) {
    return new AppError(err.code, { ...err.facts, campaignId }, { cause: err.cause ?? err });
  }
  return err;
}

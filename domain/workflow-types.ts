/**
 * Everything that crosses the boundary between clients, workflows and activities: inputs, outputs,
 * update and query payloads, ids. Pure, imported by every side. Single-object inputs, so fields can
 * be added without breaking running histories. A unit's submission updates are in `submission-types.ts`.
 */
import type { NominationsDef, PhaseKind } from './campaign-schema';
import type { ParentLink, SubCampaignResultOutcome } from './sub-campaign-types';
import type { CompiledCampaign, DeadlineSchedule } from './timeline-types';

export const TASK_QUEUE_DEFAULT = 'thidua';

/**
 * Units per batch workflow. A parent starts its children one history write after another, so the
 * start-up of a campaign is bound by how many parents start at once: at 1,000 units, batches of 250
 * started every unit in 30.6 s, of 100 in 21.0 s and of 50 in 21.1 s (issue 17, `npm run bench --
 * --units 1000 --units-per-batch N`). 100 keeps that gain with half the batches of 50: every batch is
 * a child of the campaign, and each campaign-wide extension costs the campaign 2 events per batch.
 */
export const UNITS_PER_BATCH = 100;
/** What campaigns started before batches of {@link UNITS_PER_BATCH} used (`campaign-batches-of-100`). */
export const UNITS_PER_BATCH_BEFORE_ISSUE_17 = 250;

export const campaignWorkflowId = (campaignId: string): string => `campaign/${campaignId}`;
export const batchWorkflowId = (campaignId: string, batch: number): string => `campaign/${campaignId}/batch/${batch}`;
export const unitWorkflowId = (campaignId: string, unitId: string): string => `campaign/${campaignId}/unit/${unitId}`;

/** `cancelled`: the campaign was cancelled (whatever the unit had submitted, which stays recorded). */
export type SubmissionStatus = 'pending' | 'submitted' | 'late' | 'missing' | 'cancelled';

/** Units by submission status, none counted yet (a batch's result, the campaign's sum of them). */
export const noUnitCounts = (): Record<SubmissionStatus, number> => ({
  pending: 0,
  submitted: 0,
  late: 0,
  missing: 0,
  cancelled: 0,
});
export type SubmissionKind = 'summary-report' | 'presentation-paper';

/** A stored file as the workflow knows it: a reference, never the bytes. */
export interface FileRef {
  name: string;
  size: number;
  sha256: string;
  contentType: string;
}

export interface FileVersion extends FileRef {
  version: number;
  /** ISO instant the workflow accepted it. */
  receivedAt: string;
  submittedBy: string;
  late: boolean;
  /** The deliverable it was submitted as, when the phase declares deliverables. */
  deliverable?: string;
}

export type NomineeType = 'collective' | 'individual';

export interface Nomination {
  type: NomineeType;
  /** Name of the collective (tập thể) or individual (cá nhân). */
  name: string;
  /** Position or description, e.g. "Trưởng phòng Tổ chức". */
  position?: string;
  awardForm: string;
  reasons: string;
}

export interface NominationVersion {
  version: number;
  receivedAt: string;
  submittedBy: string;
  late: boolean;
  nominations: Nomination[];
}

/** A version of the nominations as `getUnitStatus` lists it; `getNominationVersion` gives it in full. */
export interface NominationSummary {
  version: number;
  receivedAt: string;
  submittedBy: string;
  late: boolean;
  /** How many nominations the version holds. */
  count: number;
}

/** A deliverable as the workflow checks it: named as the plan names it, with the file types it takes. */
export interface DeliverableSummary {
  id: string;
  name: string;
  required: boolean;
  /** File extensions without the dot: pdf, doc, docx, odt. */
  accept: string[];
}

/** What a unit owes in a deadline phase, as the workflow needs it to validate submissions. */
export interface DueSummary {
  summaryReport: 'required' | 'optional' | 'none';
  presentationPaper: 'required' | 'optional' | 'none';
  nominations?: NominationsDef;
  /** Set when the phase declares its deliverables (summary report and paper are then 'none'). */
  deliverables?: DeliverableSummary[];
}

export interface UnitPhaseInput {
  kind: PhaseKind;
  name: string;
  windowStart: string;
  schedule: DeadlineSchedule;
  due: DueSummary;
  /** The phase's id when the campaign has several deadline phases (e.g. `ke-hoach`). */
  id?: string;
  /** When the phase opens, as people read it (refusals before it opens name it). */
  windowStartLocal?: string;
}

export interface UnitReviewInput {
  campaignId: string;
  planNumber: string;
  /** sha256 of the stored campaign definition; activities read contacts from it. */
  definitionRef: string;
  unitId: string;
  unitName: string;
  /** Whom to contact, as one line; refusals and the portal show it. */
  contact: string;
  phase: UnitPhaseInput;
  /**
   * Every deadline phase, in order, when the campaign has several (`phase` is then the first): the
   * unit runs them one after another, each with its deadline, reminders, escalation and lock.
   */
  phases?: UnitPhaseInput[];
  /** Send the plan-issued message first (false for units that joined after the plan went out). */
  issuePlan: boolean;
  /** Batch workflow told when the unit's phase locks. */
  parentWorkflowId?: string;
  /**
   * The unit's versioned behaviours (`patched()` ids) its batch decided true when it started it, so
   * that the unit takes them without a `patched()` of its own (2 history events each); absent for
   * units of older batches and units started directly, which call `patched()` as before
   * (`workflows/unit-patches.ts`).
   */
  decidedPatches?: string[];
  /** Carried over continue-as-new. */
  carried?: UnitReviewState;
}

export interface SentRecord {
  kind: MessageKind;
  key: string;
  at: string;
  sent: boolean;
  note?: string;
  /** What became of it: sent, already sent (a retry), stale (skipped), refused for good (SMTP 5xx), failed (retries given up). */
  status?: 'sent' | 'already-sent' | 'stale' | 'refused' | 'failed';
  /** The SMTP server's words or the addresses refused, cut to 300 characters (the query stays bounded). */
  detail?: string;
}

export interface UnitReviewState {
  schedule: DeadlineSchedule;
  deadlineVersion: number;
  status: SubmissionStatus;
  locked: boolean;
  lockedAt?: string;
  cancelled?: { reason: string; by: string; at: string };
  closed: boolean;
  reports: FileVersion[];
  papers: FileVersion[];
  nominations: NominationVersion[];
  /** Reminder ids and escalation steps already handled (sent or skipped) for the current deadline version. */
  handled: string[];
  messages: SentRecord[];
  extensions: Array<{ from: string; to: string; reason: string; grantedBy: string; at: string }>;
  /** Receipts and notices waiting to be sent by the main loop. */
  outbox: OutboxItem[];
  /** "Remind now" requests so far: each gets its own message key. */
  manualRequests?: number;
  /** Index in `input.phases` of the deadline phase under way (several deadline phases only). */
  phaseIndex?: number;
  /** The deadline phases already locked, as they ended (several deadline phases only). */
  done?: PastDeadline[];
  /** Extensions granted to a later deadline phase, applied when it opens (by phase id). */
  later?: Record<string, DeadlineSchedule>;
}

/** A deadline phase as it ended for the unit. */
export interface PastDeadline {
  id?: string;
  name: string;
  status: SubmissionStatus;
  schedule: DeadlineSchedule;
  deadlineVersion: number;
  lockedAt?: string;
  reports: FileVersion[];
  papers: FileVersion[];
  nominations: NominationSummary[];
  extensions: UnitReviewState['extensions'];
}

/** One of the unit's deadlines as its status view lists them (several deadline phases only). */
export interface UnitDeadlineView {
  id?: string;
  name: string;
  state: 'done' | 'current' | 'later';
  status: SubmissionStatus;
  deadline: string;
  deadlineLocal: string;
  lockAt: string;
  lockLocal: string;
  windowStart: string;
  due: DueSummary;
  /** Files received, per deliverable id (or summary-report / presentation-paper). */
  files: FileVersion[];
}

export interface OutboxItem {
  kind: MessageKind;
  key: string;
  detail?: Record<string, string | number>;
  /** A later deadline phase the message speaks of (an extension granted before it opens). */
  about?: { phaseId?: string; phaseName: string; deadline: string; lockAt: string };
}

/** Answer of the `getUnitStatus` query: what a unit, the portal and the CLI show. */
export interface UnitStatusView {
  campaignId: string;
  planNumber: string;
  unitId: string;
  unitName: string;
  phase: { kind: PhaseKind; name: string; id?: string };
  status: SubmissionStatus;
  locked: boolean;
  lockedAt?: string;
  cancelled?: { reason: string; at: string };
  deadline: string;
  lockAt: string;
  /** The lock as people read it, as the refusal after the lock writes it. */
  lockLocal: string;
  /** Whom to contact (the secretariat's line), as every refusal names it. */
  contact: string;
  deadlineVersion: number;
  due: DueSummary;
  reports: FileVersion[];
  papers: FileVersion[];
  /** Every version, summarised (the answer stays bounded). */
  nominations: NominationSummary[];
  /** The latest version in full; older ones through the `getNominationVersion` query. */
  latestNominations?: NominationVersion;
  remindersSent: number;
  messages: SentRecord[];
  extensions: UnitReviewState['extensions'];
  /** The unit's current schedule (an extension by days shifts this one, not the campaign's). */
  schedule?: DeadlineSchedule;
  /** Every deadline of the unit, in order, when the campaign has several deadline phases. */
  deadlines?: UnitDeadlineView[];
}

export interface GrantExtensionInput {
  /** The recompiled schedule for the new deadline (compiled by the client: workflows never run the calendar). */
  schedule: DeadlineSchedule;
  reason: string;
  grantedBy: string;
  /** The deadline phase it extends (its id); the current one when absent. */
  phaseId?: string;
  /**
   * Set when a sub-campaign follows its parent's extension: the rest of its plan (later deadline
   * phases, synthesis approval, conference, awards) moves by as much as this deadline. Once the units
   * have locked (synthesis under way) only the rest of the plan moves. A secretariat's own extension
   * leaves the later phases as the file says.
   */
  fromParent?: boolean;
}

/** What `extendCampaign` answers. */
export interface CampaignExtensionResult {
  /** The units' new deadline (ISO); their current one when only the rest of the plan moved. */
  deadline: string;
  /** Set for an extension that followed the parent (`fromParent`). */
  plan?: PlanMove;
}

/** The campaign's remaining plan moved by a followed extension. */
export interface PlanMove {
  /** Workflow time the plan moved by (this move), and in all (every move so far). */
  byMs: number;
  totalMs: number;
  reason: string;
  grantedBy: string;
  at: string;
  /** False when the units had already locked: only the phases after them moved. */
  unitsExtended: boolean;
  /** The synthesis approval deadline after the move (local reading), when the campaign has one. */
  approvalDeadline?: string;
}

/** From the campaign to its synthesis child: the approval deadline moved with the rest of the plan. */
export interface MoveSynthesisDeadlineInput {
  approval: DeadlineSchedule;
  reason: string;
}

export interface CancelCampaignInput {
  reason: string;
  cancelledBy: string;
}

/**
 * The cancel a workflow runs when an operator cancels it directly (Temporal UI, `temporal workflow
 * cancel`) rather than through `thidua campaign cancel`: units are told this reason.
 */
export const OPERATOR_CANCEL: CancelCampaignInput = {
  reason: 'Đợt tổng kết đã được quản trị viên hệ thống dừng (hủy quy trình trên Temporal).',
  cancelledBy: 'quản trị viên hệ thống (Temporal)',
};

export type MessageKind =
  | 'plan-issued'
  | 'reminder'
  | 'due-today'
  | 'late-notice'
  | 'escalation'
  | 'phase-locked'
  | 'submission-receipt'
  | 'extension-granted'
  | 'campaign-cancelled'
  | 'delivery-failure';

/** One unit message as a workflow asks for it; the activity resolves people and words. */
/** Each message kind as the secretariat reads it (timer summaries, the dashboard). */
export const MESSAGE_KIND_LABELS: Record<MessageKind, string> = {
  'plan-issued': 'Gửi kế hoạch',
  reminder: 'Nhắc hạn',
  'due-today': 'Nhắc hạn hôm nay',
  'late-notice': 'Báo quá hạn',
  escalation: 'Báo cáo cấp trên',
  'phase-locked': 'Báo khóa giai đoạn',
  'submission-receipt': 'Xác nhận đã nhận',
  'extension-granted': 'Báo gia hạn',
  'campaign-cancelled': 'Báo hủy đợt',
  'delivery-failure': 'Báo không gửi được',
};

export interface UnitMessageInput {
  campaignId: string;
  definitionRef: string;
  unitId: string;
  kind: MessageKind;
  /** Idempotency key: (campaign, unit, kind, deadline version, step) — becomes the Message-ID. */
  key: string;
  /** Deadline the message speaks of, and the phase. */
  deadline: string;
  lockAt: string;
  phaseName: string;
  /** The deadline phase's id when the campaign has several: the message names its deliverables. */
  phaseId?: string;
  deadlineVersion: number;
  /** Escalation: roles addressed and copied. */
  notify?: string[];
  cc?: string[];
  detail?: Record<string, string | number>;
  /** For reminders: check that it is still due when the activity runs (unit may have submitted). */
  staleCheck?: {
    workflowId: string;
    notAfter: string;
    /**
     * false: the workflow decided in the workflow task this send runs in (a local activity), so its
     * status is the one it decided on; a query would wait for that very task to end.
     */
    query?: boolean;
  };
}

export interface UnitMessageResult {
  sent: boolean;
  /** Why it was not sent: already sent (idempotent retry), stale, or undeliverable. */
  reason?: 'already-sent' | 'stale' | 'undeliverable';
  messageId: string;
  recipients: string[];
  note?: string;
}

export interface CampaignInput {
  campaignId: string;
  planNumber: string;
  title: string;
  definitionRef: string;
  contact: string;
  unitCount: number;
  compiled: CompiledCampaign;
  due: DueSummary;
  /** What each deadline phase asks, in order, when the campaign has several (`due` is the first's). */
  dues?: DueSummary[];
  /** Units per batch workflow (default {@link UNITS_PER_BATCH}, or 250 in histories recorded before it); small in tests. */
  unitsPerBatch?: number;
  /** Set for a sub-campaign: its approved synthesis goes up as this unit's submission to the parent. */
  parent?: ParentLink;
}

export interface BatchInput {
  campaignId: string;
  planNumber: string;
  definitionRef: string;
  contact: string;
  batch: number;
  offset: number;
  limit: number;
  phase: UnitPhaseInput;
  /** Every deadline phase when the campaign has several (see {@link UnitReviewInput.phases}). */
  phases?: UnitPhaseInput[];
  parentWorkflowId: string;
  /** The campaign-wide extension in force when the batch was started: passed on to its units. */
  extension?: GrantExtensionInput;
  /** Set if the campaign was cancelled before the batch started: it then starts no unit. */
  cancelled?: CancelCampaignInput;
}

export interface BatchResult {
  batch: number;
  /** The deadline phase (index among the deadline phases) that locked; 0 when absent. */
  phase?: number;
  units: number;
  counts: Record<SubmissionStatus, number>;
  /** Units whose workflow ended without completing (terminated, failed, timed out): counted as missing. */
  ended?: string[];
}

export interface CampaignStatusView {
  campaignId: string;
  definitionRef: string;
  /** Set when the timeline was compressed for a rehearsal (extensions are shifted in the same scale). */
  rehearsalFactor?: number;
  /** The self-review schedule as started and as last extended campaign-wide. */
  selfReview?: DeadlineSchedule;
  planNumber: string;
  title: string;
  phase: PhaseKind | 'closed' | 'cancelled';
  unitCount: number;
  batches: number;
  batchesLocked: number;
  counts: Record<SubmissionStatus, number>;
  /** Units whose workflow ended without completing (see {@link BatchResult.ended}). */
  endedUnits?: string[];
  cancelled?: { reason: string; by: string; at: string };
  extensions: Array<{ to: string; reason: string; grantedBy: string; at: string }>;
  /** The campaign's time zone (query answers only). */
  timeZone?: string;
  /** The deadline phase under way (its id), when the campaign has several. */
  deadlinePhase?: string;
  /** Every deadline phase with its schedule and counts, when the campaign has several. */
  deadlinePhases?: Array<{
    id?: string;
    name: string;
    schedule: DeadlineSchedule;
    batchesLocked: number;
    counts?: Record<SubmissionStatus, number>;
  }>;
  /** Every phase's window, as compiled at the start (query answers only). */
  phases?: Array<{ kind: PhaseKind; name: string; start: string; end: string; conferenceAt?: string }>;
  /** A sub-campaign's parent (the campaign and the unit it reports to). */
  parent?: ParentLink;
  /** What became of a sub-campaign's result once its synthesis was approved: received by the parent, or refused. */
  reportedUp?: SubCampaignResultOutcome;
  /** Each move of the remaining plan that followed the parent's extension, in order. */
  planMoves?: PlanMove[];
  /** Later phases whose child workflow failed (not cancelled), in order; also in the memo. */
  phaseFailures?: PhaseFailure[];
}

/**
 * A later phase's child workflow that failed: the campaign went on without it. `message` is the
 * child's own failure (the Vietnamese refusal), not Temporal's wrapper; `at` an ISO instant.
 */
export interface PhaseFailure {
  phase: PhaseKind;
  /** The phase's name in the campaign file. */
  name: string;
  workflowId: string;
  message: string;
  at: string;
}

/** A deadline phase as the campaign's memo carries it (`campaign status` reads it without a worker). */
export interface DeadlinePhaseMemo {
  id?: string;
  name: string;
  /** ISO instants. */
  deadline: string;
  lock: string;
  current: boolean;
  /** Set once the phase has locked everywhere. */
  counts?: Record<SubmissionStatus, number>;
}

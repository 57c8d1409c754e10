/**
 * The synthesis phase's contract, shared by the pack builder (`documents/`), the synthesis workflow
 * and its activities, the use cases (`app/synthesis.ts`), the dashboard and the CLI. Pure types.
 *
 * When self-review has locked everywhere, an activity gathers {@link SynthesisData} from the units'
 * workflows and the definition, builds a {@link SynthesisPack} (the draft report `.docx`, the tables
 * `.xlsx`, two SVG pictures), stores its files in the report store and mails the secretariat. The
 * standing body then approves a version (optionally a revised `.docx` uploaded) or returns it with
 * remarks; every version is kept with its hash. Approval locks the synthesis.
 */
import type { DeadlineSchedule } from './timeline-types';
import type { FileRef, NomineeType, SubmissionStatus } from './workflow-types';

/** Which official layout the documents follow: Decree 30/2020/NĐ-CP (state) or Guidance 36-HD/VPTW (party). */
export type DocumentStyle = 'state' | 'party';

/** The header and signature block of an official document, as the campaign file gives them. */
export interface OfficialHeader {
  style: DocumentStyle;
  /** The superior body above the issuing one, when the layout shows it (e.g. "UBND TỈNH VĨNH PHÚC"). */
  superiorBody?: string;
  /** The issuing body (e.g. "TỈNH ỦY VĨNH PHÚC", "BAN THI ĐUA - KHEN THƯỞNG"). */
  issuingBody: string;
  /** The number as it will be written; a draft leaves the number blank ("Số: …-BC/TU"). */
  number: string;
  /** The place of the place/date line (e.g. "Vĩnh Phúc"). */
  place: string;
  /** The date of the place/date line, ISO date (yyyy-mm-dd); a draft may leave it out ("ngày … tháng … năm …"). */
  date?: string;
  /** The signature block: "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", the signer's name (blank in a draft). */
  signature?: { capacity?: string; title?: string; name?: string };
  /** Nơi nhận. */
  recipients?: string[];
}

/** One unit's line in the synthesis tables. */
export interface SynthesisUnitRow {
  unitId: string;
  unitName: string;
  cluster?: string;
  status: SubmissionStatus;
  /** The unit's own deadline (after extensions), ISO instant. */
  deadline: string;
  /** When its summary report (or its first submission) was received, ISO instant. */
  submittedAt?: string;
  /** Working days late when late (0 otherwise). */
  daysLate?: number;
  /** Names of the files it submitted (latest version of each kind). */
  summaryReport?: { name: string; receivedAt: string; late: boolean };
  papers: Array<{ name: string; receivedAt: string; late: boolean }>;
  /**
   * A campaign of several deadline phases: the unit's status in each, in order (the row's own
   * `status` and files are those of the last).
   */
  phases?: Array<{ id?: string; name: string; status: SubmissionStatus }>;
}

export interface SynthesisNominationRow {
  unitId: string;
  unitName: string;
  type: NomineeType;
  /** The collective or individual proposed. */
  name: string;
  position?: string;
  /** The proposed form, as the unit wrote it. */
  awardForm: string;
  reasons: string;
}

/** Everything the pack is built from; gathered by an activity, deterministic for a given campaign state. */
export interface SynthesisData {
  campaignId: string;
  planNumber: string;
  /** ISO date (yyyy-mm-dd) of the plan, when known exactly. */
  planDate?: string;
  /** The plan as documents cite it ("Kế hoạch số 67-KH/TU ngày 5/10/2009", "Công văn (chưa rõ số) tháng 8/2009"); preferred over number and date. */
  planReference?: string;
  title: string;
  directive?: string;
  issuingBody: string;
  secretariatName: string;
  timeZone: string;
  /** The instant the pack is built for ("today" on the timeline), ISO: workflow time, so a retry builds the same bytes. */
  builtAt: string;
  /** The draft version this pack is (1, 2, … after a rebuild). */
  version: number;
  header: OfficialHeader;
  /** The report's outline as the plan gives it (section headings); the figures go where a heading says "kết quả". */
  outline: string[];
  phases: Array<{ kind: string; name: string; start: string; end: string; deadline?: string; lock?: string }>;
  units: SynthesisUnitRow[];
  nominations: SynthesisNominationRow[];
}

export interface SynthesisPack {
  docx: Buffer;
  xlsx: Buffer;
  /** Campaign timeline: phases, deadline, lock, today. */
  timelineSvg: string;
  /** Submissions over time: on time / late, by day. */
  submissionsSvg: string;
}

/** A stored pack: references only (the bytes live in the report store). */
export interface SynthesisPackRefs {
  docx: FileRef;
  xlsx: FileRef;
  timelineSvg: FileRef;
  submissionsSvg: FileRef;
}

/** One version of the draft report: built by thidua or uploaded as a revision. */
export interface SynthesisVersion {
  version: number;
  source: 'built' | 'uploaded';
  /** The `.docx` of this version (an uploaded revision replaces only the document). */
  docx: FileRef;
  /** The tables and pictures it goes with (those of the last built pack). */
  pack: SynthesisPackRefs;
  by: string;
  at: string;
  note?: string;
}

export type SynthesisState = 'building' | 'awaiting-approval' | 'returned' | 'approved' | 'cancelled';

export interface SynthesisStatusView {
  campaignId: string;
  state: SynthesisState;
  versions: SynthesisVersion[];
  /** The approval deadline as compiled (and the approvers to remind). */
  deadline?: string;
  deadlineLocal?: string;
  lock?: string;
  approved?: { version: number; by: string; at: string };
  returns: Array<{ version: number; by: string; at: string; remarks: string }>;
  remindersSent: number;
  escalationsSent: number;
}

export interface ApproveSynthesisInput {
  /** Which version is approved (defaults to the latest). */
  version?: number;
  approvedBy: string;
}

export interface ReturnSynthesisInput {
  remarks: string;
  returnedBy: string;
}

export interface ReviseSynthesisInput {
  /** A revised `.docx` already in the report store (checked by content before). */
  docx: FileRef;
  uploadedBy: string;
  note?: string;
}

/** Staff roles: clerk (chuyên viên) runs the campaign, approver (lãnh đạo/thường trực) approves, council votes on awards. */
export type StaffRole = 'clerk' | 'approver' | 'council';
export const STAFF_ROLES: StaffRole[] = ['clerk', 'approver', 'council'];
export const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
  clerk: 'chuyên viên',
  approver: 'lãnh đạo phê duyệt',
  council: 'thành viên Hội đồng',
};

export const synthesisWorkflowId = (campaignId: string): string => `campaign/${campaignId}/synthesis`;

// ---- the synthesis workflow and its activities ----------------------------------------------------

/** At most this many versions of the draft: a runaway loop of rebuilds or uploads stops with a clear refusal. */
export const MAX_SYNTHESIS_VERSIONS = 20;
/** The longest remarks of a return, and note of a revision, in characters. */
export const MAX_SYNTHESIS_REMARKS_CHARS = 4000;

/** What the campaign gives its synthesis child (instants compiled by the client, nothing to interpret). */
export interface SynthesisWorkflowInput {
  campaignId: string;
  planNumber: string;
  title: string;
  definitionRef: string;
  phaseName: string;
  timeZone: string;
  /** The approval deadline's schedule, when the campaign file gives an approval block. */
  approval?: DeadlineSchedule;
  /** The campaign's phases as compiled, for the pack's timeline picture. */
  phases: SynthesisData['phases'];
}

export interface BuildSynthesisInput {
  campaignId: string;
  definitionRef: string;
  version: number;
  /** Workflow time: the pack's "today". */
  builtAt: string;
  phases?: SynthesisData['phases'];
}

/** One synthesis message as the workflow asks for it; the activity resolves people, words and files. */
export interface SynthesisMailInput {
  campaignId: string;
  definitionRef: string;
  /** Idempotency key (the Message-ID is made from it): a retry never sends twice. */
  key: string;
  version: number;
  /** The approval deadline, ISO instant. */
  deadline?: string;
  /** The version's `.docx` and the pack it goes with (attached to the draft-ready message). */
  docx?: FileRef;
  pack?: SynthesisPackRefs;
  dueToday?: boolean;
  detail?: SynthesisMailDetail;
}

/** What a synthesis message says beyond the draft: a return's remarks, a revision's note, who acted, the escalation step. */
export interface SynthesisMailDetail {
  by?: string;
  remarks?: string;
  note?: string;
  source?: 'built' | 'uploaded';
  step?: number;
  after?: string;
}

export interface SynthesisMailResult {
  sent: boolean;
  reason?: 'already-sent' | 'undeliverable' | 'no-recipients';
  messageId: string;
  recipients: string[];
}

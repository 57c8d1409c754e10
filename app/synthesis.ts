/**
 * The synthesis use cases, written once for the dashboard and the CLI: read the synthesis, approve a
 * version, return it with remarks, upload a revised `.docx`, rebuild the draft, fetch a file of it.
 * Each states the role it needs ({@link requireRole}) and refuses, changing nothing, without it.
 *
 * CONTRACT ONLY (the synthesis workflow's helper implements these bodies): signatures are fixed so the
 * dashboard and the CLI can be written against them in parallel.
 */
import type { FileRef } from '../domain/workflow-types';
import type { SynthesisStatusView } from '../domain/synthesis-types';
import type { ReportStore } from '../stores/report-store';
import type { AppContext } from './context';
import type { StaffActor } from './roles';

/** The synthesis workflow's view (query). Role: any staff. */
export function synthesisStatus(_s: AppContext, _campaignId: string): Promise<SynthesisStatusView> {
  throw new Error('not implemented yet');
}

/** Approves a version (default: the latest). Role: approver. Refused after cancel or a first approval. */
export function approveSynthesis(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _version?: number,
): Promise<SynthesisStatusView> {
  throw new Error('not implemented yet');
}

/** Returns the draft with remarks (required). Role: approver. */
export function returnSynthesis(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
  _remarks: string,
): Promise<SynthesisStatusView> {
  throw new Error('not implemented yet');
}

/**
 * Stores a revised `.docx` (checked by content: a real Word document, not by its name) and records it
 * as a new version. Role: clerk or approver. A refused revision leaves no file behind.
 */
export function reviseSynthesis(
  _s: AppContext,
  _reports: ReportStore,
  _campaignId: string,
  _actor: StaffActor,
  _file: { name: string; bytes: Buffer },
  _note?: string,
): Promise<SynthesisStatusView> {
  throw new Error('not implemented yet');
}

/** Builds the draft again from the units' data (a new version). Role: clerk. */
export function rebuildSynthesis(
  _s: AppContext,
  _campaignId: string,
  _actor: StaffActor,
): Promise<SynthesisStatusView> {
  throw new Error('not implemented yet');
}

/** One file of the synthesis (any version's `.docx`, the `.xlsx`, a picture), only if the synthesis lists it. */
export function synthesisFile(
  _reports: ReportStore,
  _status: SynthesisStatusView,
  _sha256: string,
): Promise<{ ref: FileRef; bytes: Buffer }> {
  throw new Error('not implemented yet');
}

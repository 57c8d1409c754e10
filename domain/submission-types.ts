/**
 * A unit's submissions as they cross from clients to its workflow: the update inputs (a file, the
 * nominations), the receipt the update answers with, the refusal once the phase has closed. Pure.
 */
import type { FileRef, Nomination, SubmissionKind, SubmissionStatus } from './workflow-types';

export interface SubmitFileInput {
  kind: SubmissionKind;
  /** The deliverable (its id) when the phase declares deliverables. */
  deliverable?: string;
  /** The deadline phase (its id) the unit submits to; refused unless it is the one open. */
  phaseId?: string;
  file: FileRef;
  /** Who submitted: a portal token holder, or staff on the unit's behalf. */
  submittedBy: string;
}

export interface SubmitNominationsInput {
  /** The deadline phase (its id) the unit submits to; refused unless it is the one open. */
  phaseId?: string;
  nominations: Nomination[];
  submittedBy: string;
}

export interface SubmissionReceipt {
  kind: SubmissionKind | 'nominations';
  version: number;
  receivedAt: string;
  late: boolean;
  status: SubmissionStatus;
}

/** A phase that has closed refuses submissions with this text (what, when, whom to contact). */
export class SubmissionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubmissionRefused';
  }
}

/**
 * A unit's submissions, as updates of its workflow: files (a summary report, a presentation paper, or
 * a deliverable the phase declares) and nominations, each checked by the shared rules
 * (`domain/submission-rules.ts`, `domain/deliverable-rules.ts`) before it is accepted, acknowledged by
 * a receipt. Apart from `unit-review.ts`, which passes its state and helpers in.
 */
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import {
  assertFileRef,
  assertNominations,
  assertPhaseOpen,
  assertSubmittedBy,
  assertVersionRoom,
  kindLabel,
  type PhaseGate,
} from '../domain/submission-rules';
import type { SubmissionReceipt, SubmitFileInput, SubmitNominationsInput } from '../domain/submission-types';
import type { FileVersion, UnitPhaseInput, UnitReviewInput, UnitReviewState } from '../domain/workflow-types';
import { assertDeliverable, assertPhaseNamed, deliverablesComplete } from './unit-phases';

export interface SubmissionContext {
  updates: {
    submitFile: UpdateDefinition<SubmissionReceipt, [SubmitFileInput]>;
    submitNominations: UpdateDefinition<SubmissionReceipt, [SubmitNominationsInput]>;
  };
  input: UnitReviewInput;
  state: UnitReviewState;
  now: () => number;
  deadlineMs: () => number;
  submitted: () => boolean;
  gate: () => PhaseGate;
  /** The campaign has several deadline phases. */
  several: boolean;
  cur: () => UnitPhaseInput;
  keyOf: (key: string) => string;
  touch: () => void;
  publish: () => void;
}

export function setSubmissionHandlers(c: SubmissionContext): void {
  const { updates, input, state, now, deadlineMs, submitted, gate, several, cur, keyOf, touch, publish } = c;
  const { submitFile, submitNominations } = updates;

  const recordSubmission = (late: boolean) => {
    const due = cur().due;
    const requiresReport = due.summaryReport === 'required';
    // Declared deliverables: complete once every required one has a file.
    const complete = due.deliverables
      ? deliverablesComplete(due, state.reports)
      : requiresReport
        ? state.reports.length > 0
        : true;
    if (complete && !submitted()) state.status = late ? 'late' : 'submitted';
  };

  setHandler(
    submitFile,
    (req) => {
      const late = now() > deadlineMs();
      // A deliverable's files go with the reports, each tagged with its deliverable's id.
      const deliverable = req.deliverable ? cur().due.deliverables?.find((d) => d.id === req.deliverable) : undefined;
      const list = req.kind === 'summary-report' || deliverable ? state.reports : state.papers;
      const version: FileVersion = {
        ...req.file,
        version: (deliverable ? list.filter((f) => f.deliverable === deliverable.id) : list).length + 1,
        receivedAt: new Date(now()).toISOString(),
        submittedBy: req.submittedBy,
        late,
        ...(deliverable ? { deliverable: deliverable.id } : {}),
      };
      list.push(version);
      recordSubmission(late);
      state.outbox.push({
        kind: 'submission-receipt',
        key: keyOf(`receipt/${deliverable ? deliverable.id : req.kind}/v${version.version}`),
        detail: {
          what: deliverable ? deliverable.name : kindLabel(req.kind),
          name: req.file.name,
          version: version.version,
          sha256: req.file.sha256,
        },
      });
      touch();
      publish();
      return { kind: req.kind, version: version.version, receivedAt: version.receivedAt, late, status: state.status };
    },
    {
      validator: (req) => {
        if (several) assertPhaseNamed(input, state, req.phaseId, now(), req.deliverable);
        assertPhaseOpen(gate(), now());
        if (cur().due.deliverables) {
          assertDeliverable(req.deliverable, req.file, cur().due);
          assertFileRef('summary-report', req.file, { ...cur().due, summaryReport: 'optional' });
        } else assertFileRef(req.kind, req.file, cur().due);
        assertSubmittedBy(req.submittedBy);
        assertVersionRoom(
          req.kind,
          (req.kind === 'summary-report' || cur().due.deliverables ? state.reports : state.papers).length,
          input.contact,
        );
      },
    },
  );

  setHandler(
    submitNominations,
    (req) => {
      const late = now() > deadlineMs();
      const version = state.nominations.length + 1;
      const receivedAt = new Date(now()).toISOString();
      state.nominations.push({ version, receivedAt, submittedBy: req.submittedBy, late, nominations: req.nominations });
      if (cur().due.summaryReport !== 'required' && !cur().due.deliverables) recordSubmission(late);
      state.outbox.push({
        kind: 'submission-receipt',
        key: keyOf(`receipt/nominations/v${version}`),
        detail: { what: kindLabel('nominations'), name: `${req.nominations.length} đề nghị`, version },
      });
      touch();
      publish();
      return { kind: 'nominations', version, receivedAt, late, status: state.status };
    },
    {
      validator: (req) => {
        if (several) assertPhaseNamed(input, state, req.phaseId, now());
        assertPhaseOpen(gate(), now());
        assertNominations(req.nominations, cur().due);
        assertSubmittedBy(req.submittedBy);
        assertVersionRoom('nominations', state.nominations.length, input.contact);
      },
    },
  );
}

/**
 * The synthesis use cases, written once for the dashboard and the CLI: read the synthesis, approve a
 * version, return it with remarks, upload a revised `.docx`, rebuild the draft, fetch a file of it.
 * Each states the role it needs ({@link requireRole}) and refuses, changing nothing, without it.
 */
import crypto from 'node:crypto';
import { isDocx } from '../documents/docx-check';
import type { FileRef } from '../domain/workflow-types';
import { synthesisWorkflowId, type SynthesisStatusView } from '../domain/synthesis-types';
import type { ReportStore, UploadOwner } from '../stores/report-store';
import {
  approveSynthesis as approveUpdate,
  getSynthesisStatus,
  rebuildSynthesis as rebuildUpdate,
  returnSynthesis as returnUpdate,
  reviseSynthesis as reviseUpdate,
} from '../workflows/synthesis';
import { withUpdate, withWorker, type AppContext } from './context';
import { actorLabel, requireRole, type StaffActor } from './roles';
import { AppError } from './temporal-errors';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * Whose upload a revised draft is in the report store: a unit id no unit can have (unit ids are
 * lower-case letters, digits and "-"), so the store's own record of uploads, and its removal of a
 * refused one, serve the synthesis too.
 */
export const SYNTHESIS_UPLOADER = '@synthesis';

const handle = (s: AppContext, campaignId: string) => s.client.workflow.getHandle(synthesisWorkflowId(campaignId));

/** The synthesis workflow's view (query). Role: any staff. */
export function synthesisStatus(s: AppContext, campaignId: string): Promise<SynthesisStatusView> {
  return withWorker(s, 'read-synthesis', () => handle(s, campaignId).query(getSynthesisStatus)).catch(
    (err: unknown) => {
      throw withCampaign(err, campaignId);
    },
  );
}

/** Approves a version (default: the latest). Role: approver. Refused after cancel or a first approval. */
export async function approveSynthesis(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  version?: number,
): Promise<SynthesisStatusView> {
  requireRole(actor, 'approver', 'approve-synthesis');
  return update(s, 'approve-synthesis', campaignId, () =>
    handle(s, campaignId).executeUpdate(approveUpdate, {
      args: [{ approvedBy: actorLabel(actor), ...(version !== undefined ? { version } : {}) }],
    }),
  );
}

/** Returns the draft with remarks (required). Role: approver. */
export async function returnSynthesis(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
  remarks: string,
): Promise<SynthesisStatusView> {
  requireRole(actor, 'approver', 'return-synthesis');
  return update(s, 'return-synthesis', campaignId, () =>
    handle(s, campaignId).executeUpdate(returnUpdate, { args: [{ remarks, returnedBy: actorLabel(actor) }] }),
  );
}

/**
 * Stores a revised `.docx` (checked by content: a real Word document, not by its name) and records it
 * as a new version. Role: clerk or approver. A refused revision leaves no file behind.
 */
export async function reviseSynthesis(
  s: AppContext,
  reports: ReportStore,
  campaignId: string,
  actor: StaffActor,
  file: { name: string; bytes: Buffer },
  note?: string,
): Promise<SynthesisStatusView> {
  // Either role may upload: refused, naming the clerk's role, when the actor holds neither.
  if (!actor.roles.includes('approver')) requireRole(actor, 'clerk', 'revise-synthesis');
  const name = file.name.split(/[\\/]/).pop() || 'du-thao.docx';
  if (!isDocx(file.bytes)) {
    throw new AppError('invalid', { operation: 'revise-synthesis', input: 'synthesis-docx', value: name, campaignId });
  }
  const owner: UploadOwner = { campaignId, unitId: SYNTHESIS_UPLOADER, phase: 'synthesis', uploadedBy: actor.login };
  // The same bytes under the same name uploaded (and recorded) before: that record stays.
  const sha256 = crypto.createHash('sha256').update(file.bytes).digest('hex');
  const known = (await reports.uploadsOf(campaignId, SYNTHESIS_UPLOADER)).some(
    (u) => u.sha256 === sha256 && u.name === name,
  );
  const ref = await reports.put(name, DOCX, file.bytes, owner);
  try {
    return await update(s, 'revise-synthesis', campaignId, () =>
      handle(s, campaignId).executeUpdate(reviseUpdate, {
        args: [{ docx: ref, uploadedBy: actorLabel(actor), ...(note?.trim() ? { note: note.trim() } : {}) }],
      }),
    );
  } catch (err) {
    if (err instanceof AppError && err.nothingChanged && !known) await reports.removeUpload(owner, ref);
    throw err;
  }
}

/** Builds the draft again from the units' data (a new version). Role: clerk. */
export async function rebuildSynthesis(
  s: AppContext,
  campaignId: string,
  actor: StaffActor,
): Promise<SynthesisStatusView> {
  requireRole(actor, 'clerk', 'rebuild-synthesis');
  return update(s, 'rebuild-synthesis', campaignId, () =>
    handle(s, campaignId).executeUpdate(rebuildUpdate, { args: [{ requestedBy: actorLabel(actor) }] }),
  );
}

/** One file of the synthesis (any version's `.docx`, the `.xlsx`, a picture), only if the synthesis lists it. */
export async function synthesisFile(
  reports: ReportStore,
  status: SynthesisStatusView,
  sha256: string,
): Promise<{ ref: FileRef; bytes: Buffer }> {
  const listed = status.versions.flatMap((v) => [
    v.docx,
    v.pack.docx,
    v.pack.xlsx,
    v.pack.timelineSvg,
    v.pack.submissionsSvg,
  ]);
  const ref = listed.find((f) => f.sha256 === sha256);
  if (!ref) throw new AppError('not-found', { operation: 'read-synthesis', campaignId: status.campaignId });
  return { ref, bytes: await reports.get(ref.sha256) };
}

function update(
  s: AppContext,
  operation: 'approve-synthesis' | 'return-synthesis' | 'revise-synthesis' | 'rebuild-synthesis',
  campaignId: string,
  fn: () => Promise<SynthesisStatusView>,
): Promise<SynthesisStatusView> {
  return withUpdate(s, operation, synthesisWorkflowId(campaignId), fn).catch((err: unknown) => {
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

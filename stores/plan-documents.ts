/**
 * The documents sent with the plan (the plan itself, the report outline): checked when a campaign
 * file is read, copied into the report store when the campaign starts, so that every worker can
 * attach the exact bytes the secretariat started with, whatever happens to the files afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentDef, CampaignDefinition } from '../domain/campaign-schema';
import type { FileRef } from '../domain/workflow-types';
import { attachmentProblem, DOCUMENT_TYPES } from '../config/campaign-files';
import type { ReportStore } from './report-store';

/** A plan document as the stored definition keeps it: the file's reference when it has one. */
export interface PlanDocument {
  title: string;
  file?: FileRef;
}

/** The plan-issue phase's attachments, or none. */
export function planAttachments(definition: CampaignDefinition): AttachmentDef[] {
  const phase = definition.phases.find((p) => p.kind === 'plan-issue');
  return phase && phase.kind === 'plan-issue' ? phase.attachments : [];
}

/** Copies the plan's files into the store (idempotent: content addressed) and lists every document. */
export async function storePlanDocuments(
  definition: CampaignDefinition,
  campaignFile: string,
  store: ReportStore,
): Promise<PlanDocument[]> {
  const documents: PlanDocument[] = [];
  for (const attachment of planAttachments(definition)) {
    if (typeof attachment === 'string') {
      documents.push({ title: attachment });
      continue;
    }
    const problem = attachmentProblem(campaignFile, attachment.file);
    if (problem) throw new Error(`${campaignFile}: plan attachment ${problem}`);
    const bytes = fs.readFileSync(path.resolve(path.dirname(campaignFile), attachment.file));
    const type = DOCUMENT_TYPES[path.extname(attachment.file).toLowerCase()];
    documents.push({ title: attachment.title, file: await store.put(path.basename(attachment.file), type, bytes) });
  }
  return documents;
}

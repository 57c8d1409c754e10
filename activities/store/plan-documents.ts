/**
 * The documents sent with the plan (the plan itself, the report outline): checked when a campaign
 * file is read, copied into the report store when the campaign starts, so that every worker can
 * attach the exact bytes the secretariat started with, whatever happens to the files afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentDef, CampaignDefinition } from '../../domain/campaign-schema';
import type { FileRef } from '../../domain/workflow-types';
import type { ReportStore } from './report-store';

/** A plan document as the stored definition keeps it: the file's reference when it has one. */
export interface PlanDocument {
  title: string;
  file?: FileRef;
}

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const DOCUMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.odt': 'application/vnd.oasis.opendocument.text',
  '.txt': 'text/plain; charset=utf-8',
};

/** The plan-issue phase's attachments, or none. */
export function planAttachments(definition: CampaignDefinition): AttachmentDef[] {
  const phase = definition.phases.find((p) => p.kind === 'plan-issue');
  return phase && phase.kind === 'plan-issue' ? phase.attachments : [];
}

/** What is wrong with an attachment's file, relative to the campaign file; undefined when fine. */
export function attachmentProblem(campaignFile: string, relative: string): string | undefined {
  const type = DOCUMENT_TYPES[path.extname(relative).toLowerCase()];
  if (!type) return `"${relative}": only ${Object.keys(DOCUMENT_TYPES).join(', ')} files can be attached`;
  const full = path.resolve(path.dirname(campaignFile), relative);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    // Named from the current folder, as the user typed the campaign file's own path.
    const shown = path.relative(process.cwd(), full) || full;
    return `"${relative}" does not exist (looked for ${shown}); the path is relative to the campaign file`;
  }
  if (!stat.isFile()) return `"${relative}" is not a file`;
  if (stat.size === 0) return `"${relative}" is empty`;
  if (stat.size > MAX_DOCUMENT_BYTES) return `"${relative}" is ${stat.size} bytes; at most 10 MB can be attached`;
  return undefined;
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

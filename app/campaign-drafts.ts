/**
 * Starting a campaign from the dashboard (issue 18): a draft campaign file is created (an upload, a
 * sample of `config/campaigns/`, a copy of another draft), edited, checked, previewed and started.
 * Checking is `thidua campaign validate`, the preview is `thidua campaign plan` plus the messages a
 * unit receives, and the start is the CLI's start.
 *
 * The module importers use; each job is its own file under `campaign-drafts/`: `create.ts` (upload,
 * sample, copies), `edit.ts` (save, the `units:` block), `sheet-import.ts` (the unit sheet's pending
 * import), `check.ts` (checking, the attachments' folder, compiling), `preview.ts` (the plan, the
 * messages, the timeline picture) and `start.ts`; `deps.ts` holds what they share.
 */
import { MAX_CAMPAIGN_FILE_BYTES, type Problem } from '../config/campaign-files';

export type { Problem };
/** The largest draft, uploaded or typed: the campaign file's own limit. */
export const MAX_DRAFT_BYTES = MAX_CAMPAIGN_FILE_BYTES;

export { draftFile, type DraftDeps } from './campaign-drafts/deps';
export {
  COPY_YEARS,
  copyCampaign,
  copyDraft,
  createDraftFromSample,
  createDraftFromUpload,
  getDraft,
  listDrafts,
  listSamples,
  type CreateOutcome,
} from './campaign-drafts/create';
export { replaceUnits, saveDraft } from './campaign-drafts/edit';
export {
  badRowsOf,
  cancelPendingImport,
  importPendingUnits,
  stageUnitSheet,
  type ImportOutcome,
  type StageSheetOutcome,
} from './campaign-drafts/sheet-import';
export { checkDraft, type DraftCheck } from './campaign-drafts/check';
export {
  draftTimelineSvg,
  PREVIEW_LINK,
  previewDraft,
  type DraftPreview,
  type PreviewMessage,
} from './campaign-drafts/preview';
export { startDraft, type StartDraftOutcome } from './campaign-drafts/start';

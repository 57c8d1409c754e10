/** Creating a draft: an upload, a sample of `config/campaigns/`, a copy of a draft or of an earlier campaign. */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { checkCampaignText, decodeUtf8, MAX_CAMPAIGN_FILE_BYTES, type Problem } from '../../config/campaign-files';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import { moveCampaignYears } from '../../domain/move-dates';
import type { CampaignDraft, DraftSummary } from '../../stores/campaign-drafts';
import { actorLabel, requireRole, type StaffActor } from '../roles';
import { AppError } from '../temporal-errors';
import { checkDraft } from './check';
import { draftOf, type DraftDeps } from './deps';

/** The sample campaign files (`config/campaigns/*.yaml`), by name. */
export function listSamples(deps: Pick<DraftDeps, 'samplesDir'>): string[] {
  return fs
    .readdirSync(deps.samplesDir)
    .filter((n) => n.endsWith('.yaml'))
    .sort();
}

export type CreateOutcome = { draft?: CampaignDraft; problems: Problem[] };

/**
 * A draft from an uploaded file's bytes. A file over the size limit or not UTF-8 makes no draft (its
 * problem names the encoding it looks like, and the line); a file that is text is kept even with
 * problems, so the clerk can fix it in the page, and every problem is returned.
 */
export async function createDraftFromUpload(
  deps: DraftDeps,
  actor: StaffActor,
  file: { name: string; bytes: Uint8Array },
): Promise<CreateOutcome> {
  requireRole(actor, 'clerk', 'edit-draft');
  if (file.bytes.byteLength > MAX_CAMPAIGN_FILE_BYTES || !decodeUtf8(file.bytes).ok) {
    // The loader's own problem: the size, or the first byte that is not UTF-8 and the encoding it looks like.
    const checked = checkCampaignText(file.bytes, file.name, { mode: 'validate', calendar: deps.calendar() });
    return { problems: checked.ok ? [] : checked.problems };
  }
  const yaml = new TextDecoder('utf-8').decode(file.bytes);
  const draft = await deps.drafts.create({ yaml, by: actorLabel(actor), what: `tạo từ tệp tải lên "${file.name}"` });
  return { draft, problems: (await checkDraft(deps, draft.id)).problems };
}

/** A draft from a sample of `config/campaigns/`, named by its file name. */
export async function createDraftFromSample(deps: DraftDeps, actor: StaffActor, name: string): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  if (!listSamples(deps).includes(name)) throw new AppError('not-found', { operation: 'edit-draft', value: name });
  const yaml = fs.readFileSync(path.join(deps.samplesDir, name), 'utf8');
  return deps.drafts.create({ yaml, by: actorLabel(actor), what: `tạo từ mẫu "${name}"` });
}

/** The shift a copy may move its dates by, in years: a clerk types it in the copy form. */
export const COPY_YEARS = { min: -5, max: 10 } as const;

/**
 * A copy of an earlier draft (its text as it is now). With `opts.years` (non-zero, whole, within
 * {@link COPY_YEARS}) its dates move by that many years ({@link moveCampaignYears}: day and month
 * kept, the id's year too), and the history says so and how many dates moved, with any note (a 29/2
 * made 28/2).
 */
export async function copyDraft(
  deps: DraftDeps,
  actor: StaffActor,
  fromId: string,
  opts: { years?: number } = {},
): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const years = copyYears(opts.years);
  const from = await draftOf(deps, fromId);
  return createCopy(deps, actor, from.yaml, `sao chép từ bản nháp ${from.id}`, years);
}

/**
 * A draft from the definition an earlier campaign was started with (`campaignId`), its dates moved by
 * `opts.years` as {@link copyDraft} moves them: the way a yearly or half-yearly review is prepared
 * from the last one. The definition is written back as YAML (its comments were not stored).
 */
export async function copyCampaign(
  deps: DraftDeps,
  actor: StaffActor,
  campaignId: string,
  opts: { years?: number } = {},
): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const years = copyYears(opts.years);
  const definition = campaignId ? await deps.earlierDefinition?.(campaignId) : undefined;
  if (!definition) throw new AppError('not-found', { operation: 'edit-draft', campaignId });
  // The plan documents copied into the report store at the start are not part of the file.
  const { documents: _documents, ...file } = definition as CampaignDefinition & { documents?: unknown };
  const yaml =
    `# Sao chép từ đợt thi đua ${campaignId} (định nghĩa lưu khi bắt đầu đợt).\n` +
    stringify(file, { lineWidth: 100, flowCollectionPadding: false });
  return createCopy(deps, actor, yaml, `sao chép từ đợt thi đua ${campaignId}`, years);
}

function copyYears(value: number | undefined): number {
  const years = value ?? 0;
  if (!Number.isInteger(years) || years < COPY_YEARS.min || years > COPY_YEARS.max) {
    throw new AppError('invalid', { input: 'copy-years', value: `${COPY_YEARS.min}..${COPY_YEARS.max}` });
  }
  return years;
}

/** A new draft from a copied text, its dates moved by `years` (0: as it is), the history saying so. */
function createCopy(deps: DraftDeps, actor: StaffActor, yaml: string, what: string, years: number) {
  if (years === 0) return deps.drafts.create({ yaml, by: actorLabel(actor), what });
  const moved = moveCampaignYears(yaml, years);
  const dates = moved.moved.filter((m) => m.path !== 'campaign.id').length;
  let said = `${what}, dời ngày ${years > 0 ? '+' : ''}${years} năm (${dates} ngày tháng)`;
  if (moved.problems.length > 0) said += `; lưu ý: ${moved.problems.join(' ')}`;
  return deps.drafts.create({ yaml: moved.text, by: actorLabel(actor), what: said });
}

export function listDrafts(deps: DraftDeps): Promise<DraftSummary[]> {
  return deps.drafts.list();
}

export function getDraft(deps: DraftDeps, id: string): Promise<CampaignDraft> {
  return draftOf(deps, id);
}

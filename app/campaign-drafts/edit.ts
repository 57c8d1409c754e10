/** Editing a draft: the text typed in the page, and its `units:` block replaced by the sheet import. */
import { isMap, isNode, isScalar, parseDocument } from 'yaml';
import { flattenUnits } from '../../activities';
import type { UnitInput } from '../../domain/campaign-schema';
import type { CampaignDraft } from '../../stores/campaign-drafts';
import { unitsToYaml } from '../../sheets/unit-import';
import { actorLabel, requireRole, type StaffActor } from '../roles';
import { AppError } from '../temporal-errors';
import { draftOf, type DraftDeps } from './deps';

/** Saves the text typed in the page; the history records who and when. */
export async function saveDraft(deps: DraftDeps, actor: StaffActor, id: string, yaml: string): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const draft = await draftOf(deps, id);
  if (draft.yaml === yaml) return draft; // nothing changed: no history line
  const saved = await deps.drafts.update(id, { yaml, by: actorLabel(actor), what: 'sửa nội dung' });
  if (!saved) throw new AppError('not-found', { operation: 'edit-draft', value: id });
  return saved;
}

/**
 * The seam for the sheet import (`sheets/unit-import.ts`): replaces the draft's `units:` block with
 * `units`, keeping the rest of the text and its comments (the `yaml` Document API edits the tree the
 * text was parsed into). A text that is not a YAML mapping is refused as `invalid`. `opts.what` is
 * the history's line (an import names its file); `clearPendingImport` ends the import in the same write.
 */
export async function replaceUnits(
  deps: DraftDeps,
  draftId: string,
  units: UnitInput[],
  actor: StaffActor,
  opts: { what?: string; clearPendingImport?: boolean } = {},
): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const draft = await draftOf(deps, draftId);
  const doc = parseDocument(draft.yaml);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new AppError('invalid', { input: 'campaign-draft', value: 'units' });
  }
  const yaml = withUnits(draft.yaml, doc, units);
  const saved = await deps.drafts.update(draftId, {
    yaml,
    by: actorLabel(actor),
    what: opts.what ?? `thay danh sách đơn vị (${flattenUnits(units).length} đơn vị)`,
    ...(opts.clearPendingImport ? { clearPendingImport: true } : {}),
  });
  if (!saved) throw new AppError('not-found', { operation: 'edit-draft', value: draftId });
  return saved;
}

/**
 * The text with its `units:` block replaced: spliced at the block's place in the text, so every other
 * line stays byte for byte (re-printing the whole document would re-fold long lines and flow lists);
 * through the Document API when the block cannot be located (no `units:` key, or an empty one).
 */
function withUnits(text: string, doc: ReturnType<typeof parseDocument>, units: UnitInput[]): string {
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'units')
    : undefined;
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  const valueRange = pair && isNode(pair.value) ? pair.value.range : undefined;
  if (keyRange && valueRange) {
    return text.slice(0, keyRange[0]) + unitsToYaml(units) + text.slice(valueRange[2]);
  }
  // JSON drops the optional fields left undefined, which would otherwise be written as `null`.
  doc.set('units', doc.createNode(JSON.parse(JSON.stringify(units)) as unknown));
  return doc.toString({ lineWidth: 0 });
}

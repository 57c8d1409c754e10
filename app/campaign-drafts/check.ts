/**
 * Checking a draft: `thidua campaign validate` ({@link checkCampaignText}, the loader the CLI uses),
 * and compiling it as `thidua campaign plan` and the start do.
 *
 * Attachments: a draft has no folder of its own, so its files are read relative to
 * `config/campaigns/` (where the samples and their documents live); a path that leaves that folder
 * is refused. A draft is checked as if it were the file `config/campaigns/<draft id>.yaml`.
 */
import path from 'node:path';
import { checkCampaignText, type LoadResult, type Problem, type ValidationMode } from '../../config/campaign-files';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import { formatPath } from '../../domain/campaign-validate';
import { compileCampaign, rehearse } from '../../domain/timeline';
import type { CompiledCampaign } from '../../domain/timeline-types';
import { parseYamlSource } from '../../domain/yaml-source';
import type { CampaignDraft } from '../../stores/campaign-drafts';
import { planAttachments } from '../../stores/plan-documents';
import { draftFile, draftOf, nowOf, type DraftDeps } from './deps';

export interface DraftCheck {
  ok: boolean;
  /** Errors and warnings, each with its line, column and field when it has one. */
  problems: Problem[];
  campaign?: CampaignDefinition;
}

/** Every problem of the draft at once, as `thidua campaign validate` reports them. */
export async function checkDraft(deps: DraftDeps, id: string, mode: ValidationMode = 'validate'): Promise<DraftCheck> {
  const draft = await draftOf(deps, id);
  return checkText(deps, draft, mode);
}

export function checkText(deps: DraftDeps, draft: CampaignDraft, mode: ValidationMode): DraftCheck {
  const file = draftFile(deps, draft.id);
  const loaded: LoadResult = checkCampaignText(draft.yaml, file, { mode, calendar: deps.calendar(), now: nowOf(deps) });
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const outside = attachmentsOutside(deps, loaded.campaign, draft.yaml, file);
  if (outside.length > 0) return { ok: false, problems: [...loaded.warnings, ...outside] };
  return { ok: true, problems: loaded.warnings, campaign: loaded.campaign };
}

/** An attachment of a draft must lie inside `config/campaigns/`: a draft reads no file elsewhere. */
function attachmentsOutside(deps: DraftDeps, def: CampaignDefinition, text: string, file: string): Problem[] {
  const source = parseYamlSource(text, file);
  const root = path.resolve(deps.samplesDir);
  const problems: Problem[] = [];
  const phaseIndex = def.phases.findIndex((p) => p.kind === 'plan-issue');
  planAttachments(def).forEach((a, j) => {
    if (typeof a === 'string') return;
    const full = path.resolve(root, a.file);
    if (full.startsWith(root + path.sep)) return;
    const fieldPath = ['phases', phaseIndex, 'attachments', j, 'file'];
    const { line, column } = source.locate(fieldPath, 'value');
    problems.push({
      severity: 'error',
      file,
      line,
      column,
      path: formatPath(fieldPath),
      message: `Tệp đính kèm "${a.file}" phải nằm trong thư mục config/campaigns/ (ví dụ "documents/ke-hoach.pdf"); bản nháp không đọc tệp ở nơi khác.`,
    });
  });
  return problems;
}

/** The draft compiled (compressed for a rehearsal by `spec`), or the compiler's problem. */
export function compiledOf(
  deps: DraftDeps,
  def: CampaignDefinition,
  spec: string | undefined,
  file: string,
): CompiledCampaign | { problems: Problem[] } {
  try {
    const compiled = compileCampaign(def, deps.calendar());
    return spec ? rehearse(compiled, spec, nowOf(deps)) : compiled;
  } catch (err) {
    // A mistyped compression ("1d=20x") or a timeline the compiler refuses: its own explanation.
    return { problems: [{ severity: 'error', file, path: spec ? 'rehearse' : '', message: (err as Error).message }] };
  }
}

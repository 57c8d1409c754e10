/**
 * Starting a draft's campaign: the CLI's start (`startCampaign` in `app/campaigns.ts`), after the
 * checks the CLI makes.
 */
import type { Problem } from '../../config/campaign-files';
import { parseYamlSource } from '../../domain/yaml-source';
import type { StartOutcome } from '../campaigns';
import { actorLabel, requireRole, type StaffActor } from '../roles';
import { checkText, compiledOf } from './check';
import { draftFile, draftOf, type DraftDeps } from './deps';

/** An ended campaign's state as a clerk reads it. */
const ENDED: Record<string, string> = {
  COMPLETED: 'đã kết thúc',
  CANCELLED: 'đã hủy',
  TERMINATED: 'đã bị dừng',
  FAILED: 'đã lỗi',
  TIMED_OUT: 'đã hết thời gian',
};

export type StartDraftOutcome = { ok: false; problems: Problem[] } | { ok: true; outcome: StartOutcome };

/**
 * Starts the draft's campaign (the approver's decision; a rehearsal is compressed by `rehearse`,
 * e.g. "1d=20s"): checked as `thidua campaign start` checks it, compiled, and handed to the CLI's
 * start. A campaign already running is not touched (`started: false`). Refused as `forbidden`
 * without the approver role, before anything is read.
 */
export async function startDraft(
  deps: DraftDeps,
  actor: StaffActor,
  id: string,
  opts: { rehearse?: string } = {},
): Promise<StartDraftOutcome> {
  requireRole(actor, 'approver', 'start-campaign');
  const draft = await draftOf(deps, id);
  const checked = checkText(deps, draft, opts.rehearse ? 'rehearse' : 'start');
  if (!checked.ok || !checked.campaign) return { ok: false, problems: checked.problems };
  const file = draftFile(deps, id);
  const campaignId = checked.campaign.campaign.id;
  const earlier = await deps.campaignStatusOf?.(campaignId);
  if (earlier && earlier !== 'RUNNING') {
    const { line, column } = parseYamlSource(draft.yaml, file).locate(['campaign', 'id'], 'value');
    const state = ENDED[earlier] ?? earlier;
    const message = `mã đợt "${campaignId}" đã được dùng cho một đợt ${state}; hãy đặt mã khác (ví dụ thêm năm hoặc số lần).`;
    return { ok: false, problems: [{ severity: 'error', file, line, column, path: 'campaign.id', message }] };
  }
  const compiled = compiledOf(deps, checked.campaign, opts.rehearse, file);
  if ('problems' in compiled) return { ok: false, problems: compiled.problems };
  const outcome = await deps.start({
    definition: checked.campaign,
    file,
    compiled,
    ...(opts.rehearse ? { rehearsal: opts.rehearse } : {}),
  });
  const what = !outcome.started
    ? `bắt đầu đợt "${outcome.campaignId}": không thực hiện, đợt đã đang chạy`
    : `${opts.rehearse ? `diễn tập (${opts.rehearse})` : 'bắt đầu'} đợt "${outcome.campaignId}" (${outcome.unitCount} đơn vị)`;
  await deps.drafts.note(id, { by: actorLabel(actor), what });
  return { ok: true, outcome };
}

/**
 * The campaign page's red notice for a later phase whose child workflow failed (issue 17): which
 * phase, the workflow's own message, when, and what to do. Read from the campaign's status query,
 * or from its memo when no worker answers, so that it shows either way.
 */
import { phaseStateName } from '../../domain/plan-document';
import { PHASE_FAILURE_EFFECT, PHASE_FAILURE_TODO } from '../../domain/phase-failure-messages';
import type { PhaseFailure } from '../../domain/workflow-types';
import { esc } from '../pages';

export function phaseFailuresNotice(failures: PhaseFailure[] | undefined, t: (utc: string) => string): string {
  if (!failures?.length) return '';
  return failures
    .map(
      (f) => `<div class="msg error phase-failure" role="alert" data-phase="${esc(f.phase)}">
<p><strong>Giai đoạn "${esc(f.name)}"${phaseStateName(f.phase) !== f.name ? ` (${esc(phaseStateName(f.phase))})` : ''} không thực hiện được</strong> — dừng lúc <time datetime="${esc(f.at)}">${esc(t(f.at))}</time>.</p>
<p>Lý do: ${esc(f.message)}</p>
${PHASE_FAILURE_EFFECT[f.phase] ? `<p>${esc(PHASE_FAILURE_EFFECT[f.phase]!)}</p>\n` : ''}<p>${esc(PHASE_FAILURE_TODO[f.phase] ?? 'Đề nghị liên hệ quản trị hệ thống.')} Các giai đoạn khác của đợt vẫn tiếp tục.</p>
<p class="hint">Workflow: ${esc(f.workflowId)}</p>
</div>`,
    )
    .join('\n');
}

/**
 * The campaign list's mark for a campaign with a failed phase: red, naming the phases, linking to the
 * campaign page where the notice says why (the first message also as the link's title).
 */
export function phaseFailuresMark(row: { campaignId: string; phaseFailures?: PhaseFailure[] }): string {
  const failures = row.phaseFailures ?? [];
  if (!failures.length) return '';
  const names = [...new Set(failures.map((f) => f.name || phaseStateName(f.phase)))].join(', ');
  return (
    `<br><a class="phase-failed st-missing" href="/admin/c/${encodeURIComponent(row.campaignId)}" ` +
    `title="${esc(failures[0].message)}" data-phases="${esc(failures.map((f) => f.phase).join(' '))}">Lỗi: ${esc(names)}</a>`
  );
}

/**
 * A unit's award results on its portal page (issue 14), once the decision is issued: each nominee, the
 * form proposed, and what came of it, with the decision's number and date. Before the decision (or
 * when the campaign has no awards phase, or its worker does not answer) the page shows nothing of it.
 */
import { AppError } from '../app/temporal-errors';
import type { AwardNominationState } from '../domain/award-types';
import type { AwardsBackend, UnitAwardResult } from './dashboard/awards-backend';
import { esc } from './pages';
import { shareCapWords } from '../domain/award-rules';
import { isoDayVn } from '../domain/iso-day';

/** What the portal is given to read results: the awards backend's unit view. */
export type AwardResultsSource = Pick<AwardsBackend, 'unitResults' | 'catalogue'>;

const RESULT: Record<AwardNominationState, string> = {
  approved: 'Được khen thưởng',
  rejected: 'Không được đề nghị',
  'higher-level': 'Đề nghị cấp trên khen thưởng',
  'no-quorum': 'Không được đề nghị (Hội đồng không đủ số thành viên biểu quyết)',
  'in-vote': 'Đang xét',
};

const TYPE = { collective: 'Tập thể', individual: 'Cá nhân' } as const;

/** The result as the unit reads it; `formName` turns a catalogue code into the form's name. */
export function resultText(r: UnitAwardResult, formName: (code: string) => string = (c) => c): string {
  return r.state === 'approved'
    ? `${RESULT.approved}: ${r.awardedForm ? formName(r.awardedForm) : r.proposedForm}`
    : RESULT[r.state] + (r.capped ? ` (${shareCapWords(r.capped)})` : '');
}

/** The section's HTML, or '' before the decision. */
export async function awardResultsSection(
  source: AwardResultsSource | undefined,
  campaignId: string,
  unitId: string,
  log: (line: string) => void,
): Promise<string> {
  if (!source) return '';
  let got;
  try {
    got = await source.unitResults(campaignId, unitId);
  } catch (err) {
    // The unit's page still shows without its results: no awards phase (not found, said nothing of),
    // or no worker answering (logged).
    if (err instanceof AppError && err.code === 'not-found') return '';
    log(`portal: award results of ${campaignId}/${unitId} unreadable: ${String(err)}`);
    return '';
  }
  if (!got || got.results.length === 0) return '';
  const forms = (await source.catalogue().catch(() => ({ forms: [] }))).forms;
  const formName = (code: string) => forms.find((f) => f.code === code)?.name ?? code;
  const date = isoDayVn(got.decision.date);
  return `<h2>Kết quả khen thưởng</h2>
<p id="award-decision">Theo Quyết định số ${esc(got.decision.number)} ngày ${esc(date)}:</p>
<table id="award-results"><thead><tr><th>Đối tượng</th><th>Tên</th><th>Hình thức đề nghị</th><th>Kết quả</th></tr></thead><tbody>
${got.results
  .map(
    (r) =>
      `<tr class="award-${r.state}"><td>${TYPE[r.type]}</td><td>${esc(r.name)}</td><td>${esc(r.proposedForm)}</td><td>${esc(resultText(r, formName))}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

/**
 * The rules of a sub-campaign's `campaign.parent` block that need no running parent: it names
 * another campaign, and this campaign has a synthesis phase, since its approved synthesis is what
 * goes up as the unit's summary report. The parent's existence, its unit and the nesting of the
 * deadlines are checked at start, against the running parent (`app/sub-campaign-start.ts`).
 */
import type { Report } from './problems';
import { asArr, asStr, isObj, valueAt } from './raw-data';

export function checkParent(report: Report, data: unknown): void {
  const parent = valueAt(data, ['campaign', 'parent']);
  if (!isObj(parent)) return;
  const own = asStr(valueAt(data, ['campaign', 'id']));
  const named = asStr(parent.campaign);
  if (own !== undefined && named === own) {
    report.add('error', ['campaign', 'parent', 'campaign'], 'parentIsSelf', { id: own });
  }
  const phases = asArr(valueAt(data, ['phases']));
  if (phases.length > 0 && !phases.some((p) => isObj(p) && p.kind === 'synthesis')) {
    report.add(
      'error',
      ['campaign', 'parent'],
      'subCampaignWithoutSynthesis',
      { unit: asStr(parent.unit) ?? '?' },
      'key',
    );
  }
}

/**
 * What units owe in a deadline phase, one shape for both ways a file can say it: the old `due`
 * (summary report, presentation paper, nominations) and `deliverables` named as the plan names them.
 * Everything downstream (the workflow's checks, messages, pages) reads {@link DueSummary}.
 */
import type { CampaignDefinition, SelfReviewPhaseDef, UnitInput } from './campaign-schema';
import type { DeliverableSummary, DueSummary } from './workflow-types';

/** The deadline phases of a campaign (kind `self-review`), in file order. */
export function deadlinePhases(def: CampaignDefinition): SelfReviewPhaseDef[] {
  return def.phases.filter((p): p is SelfReviewPhaseDef => p.kind === 'self-review');
}

/** What a phase asks of every unit (a unit's own override is applied by {@link dueForUnit}). */
export function dueOf(phase: SelfReviewPhaseDef): DueSummary {
  if (phase.deliverables) {
    return {
      summaryReport: 'none',
      presentationPaper: 'none',
      deliverables: phase.deliverables.map((d) => ({
        id: d.id,
        name: d.name,
        required: d.required,
        accept: [...d.accept],
      })),
      ...(phase.nominations ? { nominations: phase.nominations } : {}),
    };
  }
  const due = phase.due ?? { summaryReport: 'required' as const, presentationPaper: 'optional' as const };
  return {
    summaryReport: due.summaryReport,
    presentationPaper: due.presentationPaper,
    nominations: due.nominations ?? phase.nominations,
  };
}

/** The phase's key in a unit's overrides: its id, or `self-review` for a campaign's single phase. */
export const phaseKey = (phase: SelfReviewPhaseDef): string => phase.id ?? 'self-review';

/** What a phase asks of one unit: its own deliverables when the unit overrides them. */
export function dueForUnit(phase: SelfReviewPhaseDef, unit: Pick<UnitInput, 'deliverables'>): DueSummary {
  const due = dueOf(phase);
  const own = unit.deliverables?.[phaseKey(phase)];
  if (!own) return due;
  return {
    ...due,
    summaryReport: 'none',
    presentationPaper: 'none',
    deliverables: own.map((d) => ({
      id: d.id,
      name: d.name,
      required: d.required ?? true,
      accept: [...(d.accept ?? ['pdf', 'doc', 'docx', 'odt'])],
    })),
  };
}

/** "Kế hoạch tổ chức Đại hội Thi đua (bắt buộc)": the items a unit owes, as messages list them. */
export function dueItemLabels(due: DueSummary): string[] {
  const req = (required: boolean) => (required ? 'bắt buộc' : 'nếu có');
  const items: string[] = [];
  if (due.deliverables) for (const d of due.deliverables) items.push(`${d.name} (${req(d.required)})`);
  if (due.summaryReport !== 'none') items.push(`Báo cáo tổng kết (${req(due.summaryReport === 'required')})`);
  if (due.presentationPaper !== 'none') items.push(`Báo cáo tham luận (${req(due.presentationPaper === 'required')})`);
  if (due.nominations) {
    const n = due.nominations;
    items.push(
      `Hồ sơ đề nghị khen thưởng${n.description ? `: ${n.description}` : `, tối đa ${n.quota.total}`} (${n.forms.join('; ')})`,
    );
  }
  return items;
}

/** The deliverables' names joined ("Kế hoạch tổ chức Đại hội Thi đua"), for subjects and rows. */
export function deliverableNames(due: DueSummary): string | undefined {
  return due.deliverables?.map((d) => d.name).join(', ');
}

export type { DeliverableSummary };

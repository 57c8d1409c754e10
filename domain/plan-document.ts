/**
 * The campaign's plan as a document people read: its kind, number, date, issuer, what it carries
 * out, to whom it goes, and what each phase asks, with rough dates kept rough ("dự kiến trong quý
 * III/2015"). One view for the plan message (`domain/messages.ts`), the unit's portal page and
 * `thidua campaign plan`, so that every header field the format accepts is shown the same way
 * everywhere. Pure.
 */
import type { CampaignDefinition, CampaignHeaderDef, PhaseKind, PlanDocumentDef } from './campaign-schema';
// Not from './campaign-schema': that would bring zod and every schema into the workflow bundle.
import { PLAN_KIND_NAMES } from './campaign-schema/plan-kinds';
import { approximatePeriod } from './date-phrases';

/** Vietnamese phase names used when the file gives none. */
export const DEFAULT_PHASE_NAMES: Record<PhaseKind, string> = {
  'plan-issue': 'Ban hành kế hoạch',
  'self-review': 'Tự kiểm điểm, tổng kết tại đơn vị',
  synthesis: 'Tổng hợp, dự thảo báo cáo',
  conference: 'Hội nghị tổng kết',
  awards: 'Khen thưởng',
};

/** A campaign's phase as people read it, its end states included ("Đã kết thúc", "Đã hủy"); the raw value when unknown. */
export function phaseStateName(phase: string): string {
  const names: Record<string, string> = { ...DEFAULT_PHASE_NAMES, closed: 'Đã kết thúc', cancelled: 'Đã hủy' };
  return names[phase] ?? phase;
}

export const SYSTEM_NAMES = { party: 'văn bản của Đảng', state: 'văn bản của Nhà nước' } as const;

/**
 * A number left as a blank form: "…/BCT-VP", "...-KH/TU", "số  /KH", "/KH-UBND". Issued numbers
 * begin with the document's serial number, digits.
 */
export function isPlaceholderNumber(number: string): boolean {
  const n = number
    .trim()
    .replace(/^số\s*:?\s*/i, '')
    .trim();
  return /…|\.\.|_{2,}/.test(n) || !/^\d/.test(n);
}

/** "ngày 21/9/2009", or the period when only that is known: "tháng 8/2009". */
export function datePhrase(written: string): string {
  const period = approximatePeriod(written);
  if (period) return period;
  const w = written.trim();
  return /^ngày /i.test(w) ? w : `ngày ${w}`;
}

/** A rough date as announced: "dự kiến trong tháng 11/2009"; an exact one as written. */
export function plannedDate(written: string): string {
  const period = approximatePeriod(written);
  return period ? `dự kiến trong ${period}` : datePhrase(written);
}

/** A window as people read it: "dự kiến trong tháng 8/2009", "từ 11/10/2009 đến 20/10/2009". */
export function plannedWindow(start: string, end: string): string {
  const a = approximatePeriod(start);
  const b = approximatePeriod(end);
  if (a && a === b) return `dự kiến trong ${a}`;
  if (a && b) return `từ ${a} đến ${b} (dự kiến)`;
  return `từ ${a ? `${a} (dự kiến)` : start.trim()} đến ${b ? `${b} (dự kiến)` : end.trim()}`;
}

/**
 * The kind's name. Definitions stored before the plan had a kind (a running campaign's) were all
 * plans: "Kế hoạch".
 */
const kindName = (plan: Pick<PlanDocumentDef, 'kind'>): string =>
  (PLAN_KIND_NAMES as Record<string, string | undefined>)[plan.kind ?? 'ke-hoach'] ?? PLAN_KIND_NAMES['ke-hoach'];

/** "Kế hoạch số 67-KH/TU"; "Công văn (chưa rõ số)" when the source gives none. */
export function planReference(plan: PlanDocumentDef): string {
  const kind = kindName(plan);
  return plan.number ? `${kind} số ${plan.number}` : `${kind} (chưa rõ số)`;
}

/** The plan as documents cite it: "Kế hoạch số 67-KH/TU ngày 21/9/2009", "Công văn (chưa rõ số) tháng 8/2009". */
export function planCitation(plan: PlanDocumentDef): string {
  return `${planReference(plan)} ${datePhrase(plan.date)}`;
}

/**
 * The short tag that identifies the campaign in subjects and lists ("67-KH/TU"): the number, or,
 * without one, the kind and date ("Công văn tháng 8/2009").
 */
export function planTag(plan: PlanDocumentDef): string {
  return plan.number ?? `${kindName(plan)} ${datePhrase(plan.date)}`;
}

/**
 * A tag as a phrase after a label: "Số 67-KH/TU" for a number (official numbers begin with a digit),
 * the tag itself for a plan without one ("Kế hoạch tháng 6/2014", not "Số Kế hoạch tháng 6/2014").
 * Takes the tag, not the plan: memos and views carry only the tag.
 */
export function planTagPhrase(tag: string, numberWord = 'Số'): string {
  return /^\d/.test(tag.trim()) ? `${numberWord} ${tag}` : tag;
}

export interface PhaseView {
  kind: PhaseKind;
  name: string;
  /** The window as written, rough parts kept rough. */
  when: string;
  tasks: string[];
  conference?: { date: string; venue: string; organizer?: string; agenda: string[] };
  /** The awards phase: who awards, and which forms. */
  awards?: { body?: string; forms: string[] };
}

export interface PlanDocumentView {
  /** "Kế hoạch", "Công văn". */
  kindName: string;
  /** "Kế hoạch số 67-KH/TU", "Công văn (chưa rõ số)". */
  reference: string;
  /** "67-KH/TU", or the kind and date without a number. */
  tag: string;
  /** "ngày 21/9/2009", "tháng 8/2009". */
  date: string;
  issuer: string;
  /** "văn bản của Đảng" / "văn bản của Nhà nước", when the file says. */
  system?: string;
  draft: boolean;
  title: string;
  directive: string;
  basis: string[];
  recipients: string[];
  phases: PhaseView[];
}

export function planDocumentView(def: CampaignDefinition): PlanDocumentView {
  const c: CampaignHeaderDef = def.campaign;
  return {
    kindName: kindName(c.plan),
    reference: planReference(c.plan),
    tag: planTag(c.plan),
    date: datePhrase(c.plan.date),
    issuer: c.issuingBody,
    ...(c.plan.system ? { system: SYSTEM_NAMES[c.plan.system] } : {}),
    draft: c.plan.draft === true,
    title: c.title,
    directive: c.directive,
    basis: c.basis ?? [],
    recipients: c.plan.recipients ?? [],
    phases: def.phases.map((p) => ({
      kind: p.kind,
      name: p.name ?? DEFAULT_PHASE_NAMES[p.kind],
      when: plannedWindow(p.window.start, p.window.end),
      tasks: p.tasks ?? [],
      ...(p.kind === 'conference'
        ? {
            conference: {
              date: plannedDate(p.date),
              venue: p.venue,
              ...(p.organizer ? { organizer: p.organizer } : {}),
              agenda: p.agenda,
            },
          }
        : {}),
      ...(p.kind === 'awards'
        ? { awards: { ...(p.awardingBody ? { body: p.awardingBody } : {}), forms: p.forms } }
        : {}),
    })),
  };
}

/**
 * The document as lines of text: heading, basis, directive, each phase with its tasks (the
 * conference with date, venue, organizer and agenda), recipients. `campaign plan` prints it; the
 * portal renders the same view as HTML.
 */
export function planDocumentLines(v: PlanDocumentView): string[] {
  const out: string[] = [];
  out.push(`${v.reference} ${v.date} của ${v.issuer}${v.system ? ` (${v.system})` : ''}${v.draft ? ' — DỰ THẢO' : ''}`);
  out.push(`Về việc: ${v.title}`);
  out.push(`Chỉ thị được tổng kết: ${v.directive}`);
  if (v.basis.length > 0) out.push('Căn cứ:', ...v.basis.map((b) => `  - ${b}`));
  out.push('Các bước:');
  v.phases.forEach((p, i) => {
    out.push(`  ${i + 1}. ${p.name} — ${p.when}`);
    if (p.conference) {
      const c = p.conference;
      out.push(`     Hội nghị ${c.date} tại ${c.venue}${c.organizer ? `; đơn vị tổ chức: ${c.organizer}` : ''}`);
      if (c.agenda.length > 0) out.push('     Chương trình:', ...c.agenda.map((a) => `       - ${a}`));
    }
    if (p.awards && (p.awards.body || p.awards.forms.length > 0)) {
      const forms = p.awards.forms.length > 0 ? `: ${p.awards.forms.join('; ')}` : '';
      out.push(`     Khen thưởng${p.awards.body ? ` (${p.awards.body})` : ''}${forms}`);
    }
    for (const t of p.tasks) out.push(`     - ${t}`);
  });
  if (v.recipients.length > 0) out.push('Nơi nhận:', ...v.recipients.map((r) => `  - ${r}`));
  return out;
}

/**
 * Previewing a draft: `thidua campaign plan` (the same compiler and rows) plus the messages a unit
 * receives (composed as the mail activity composes them), and the timeline as a picture.
 */
import { flattenUnits, unitMessageContext } from '../../activities';
import type { Problem } from '../../config/campaign-files';
import { timelineSvg } from '../../documents/charts';
import type { CampaignDefinition } from '../../domain/campaign-schema';
import { composeMessage, formatDeadline, type ComposedMessage } from '../../domain/messages';
import { planTag } from '../../domain/plan-document';
import { campaignTimeline, type TimelineRow } from '../../domain/timeline-rows';
import type { CompiledCampaign, ReadInstant } from '../../domain/timeline-types';
import { planAttachments } from '../../stores/plan-documents';
import { checkText, compiledOf } from './check';
import { draftFile, draftOf, nowOf, type DraftDeps } from './deps';

/** A message as a unit will receive it. */
export interface PreviewMessage {
  /** What it is, in Vietnamese ("Thư gửi kế hoạch", "Nhắc hạn 7d"). */
  label: string;
  unitName: string;
  /** When it goes out, as people read it. */
  at: string;
  message: ComposedMessage;
}

export interface DraftPreview {
  ok: true;
  warnings: Problem[];
  definition: CampaignDefinition;
  compiled: CompiledCampaign;
  /** The plan table, as `thidua campaign plan` prints it. */
  rows: TimelineRow[];
  /** How every written date was read: [label, instant]. */
  readings: Array<[string, ReadInstant]>;
  unitCount: number;
  /** When the plan goes out: at once when the campaign is started (now, for the preview). */
  firstMessageAt: string;
  messages: PreviewMessage[];
}

/** Stands for the unit's own portal link in a preview: the real one is made at the start. */
export const PREVIEW_LINK = 'https://…/u/(đường-dẫn-riêng-của-đơn-vị)';

/**
 * What the campaign will do: the compiled timeline (compressed for a rehearsal), the readings of the
 * written dates, and the first unit's plan message and first reminder, composed as they will be sent.
 */
export async function previewDraft(
  deps: DraftDeps,
  id: string,
  opts: { rehearse?: string } = {},
): Promise<DraftPreview | { ok: false; problems: Problem[] }> {
  const draft = await draftOf(deps, id);
  const checked = checkText(deps, draft, opts.rehearse ? 'rehearse' : 'validate');
  if (!checked.ok || !checked.campaign) return { ok: false, problems: checked.problems };
  const def = checked.campaign;
  const compiled = compiledOf(deps, def, opts.rehearse, draftFile(deps, id));
  if ('problems' in compiled) return { ok: false, problems: compiled.problems };
  const zone = def.campaign.timeZone;
  const units = flattenUnits(def.units);
  const now = nowOf(deps);
  const messages: PreviewMessage[] = [];
  const selfReview = compiled.phases.find((p) => p.kind === 'self-review');
  const first = units[0];
  if (selfReview?.deadline && first) {
    const schedule = selfReview.deadline;
    const documents = planAttachments(def).map((a) =>
      typeof a === 'string' ? { title: a, attached: false } : { title: a.title, attached: true },
    );
    const base = {
      phaseName: selfReview.name,
      deadline: schedule.deadline.utc,
      lockAt: schedule.lock.utc,
      link: PREVIEW_LINK,
      addresseeRole: 'focal' as const,
    };
    messages.push({
      label: 'Thư gửi kế hoạch',
      unitName: first.name,
      at: formatDeadline(now, zone),
      message: composeMessage(unitMessageContext(def, first, { ...base, kind: 'plan-issued', documents })),
    });
    const reminder = schedule.reminders[0];
    if (reminder) {
      messages.push({
        label: reminder.kind === 'due-today' ? 'Nhắc hạn hôm nay' : `Nhắc hạn (${reminder.offset})`,
        unitName: first.name,
        at: formatDeadline(reminder.at.utc, zone),
        message: composeMessage(
          unitMessageContext(def, first, {
            ...base,
            kind: reminder.kind,
            detail: { offset: reminder.offset },
            documents: [],
          }),
        ),
      });
    }
  }
  return {
    ok: true,
    warnings: checked.problems,
    definition: def,
    compiled,
    rows: campaignTimeline(compiled, def),
    readings: readingsOf(compiled),
    unitCount: units.length,
    firstMessageAt: formatDeadline(now, zone),
    messages,
  };
}

/**
 * The timeline as a picture (the synthesis pack's chart: phases, deadline and lock marks, today), for
 * the preview; undefined when the draft does not compile.
 */
export async function draftTimelineSvg(
  deps: DraftDeps,
  id: string,
  opts: { rehearse?: string } = {},
): Promise<string | undefined> {
  const preview = await previewDraft(deps, id, opts);
  if (!preview.ok) return undefined;
  const { compiled, definition } = preview;
  return timelineSvg({
    timeZone: compiled.timeZone,
    builtAt: nowOf(deps),
    planNumber: planTag(definition.campaign.plan),
    title: definition.campaign.title,
    phases: compiled.phases.map((p) => ({
      kind: p.kind,
      name: p.name,
      start: p.windowStart.utc,
      end: p.windowEnd.utc,
      ...(p.deadline ? { deadline: p.deadline.deadline.utc, lock: p.deadline.lock.utc } : {}),
    })),
  });
}

/** The written dates and how they were read, labelled as `thidua campaign plan` labels them. */
function readingsOf(compiled: CompiledCampaign): Array<[string, ReadInstant]> {
  const out: Array<[string, ReadInstant]> = [];
  if (compiled.planDate) out.push(['Ngày ban hành kế hoạch', compiled.planDate]);
  compiled.phases.forEach((p, i) => {
    const n = `Giai đoạn ${i + 1}`;
    out.push([`${n} – bắt đầu`, p.windowStart]);
    out.push([`${n} – kết thúc`, p.windowEnd]);
    if (p.deadline) {
      out.push([`${n} – hạn nộp`, p.deadline.deadline]);
      out.push([`${n} – khóa`, p.deadline.lock]);
    }
    if (p.conferenceAt) out.push([`${n} – hội nghị`, p.conferenceAt]);
  });
  return out;
}

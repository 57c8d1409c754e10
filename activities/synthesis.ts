/**
 * The synthesis phase's effects: gather the units' state into {@link SynthesisData}, build the pack
 * (`documents/synthesis-pack.ts`) and store its files; mail the draft, the reminders, the escalation,
 * a return and the approval. Every message goes through `sendOnce` with a Message-ID made from the
 * workflow's key: a retried activity never sends twice.
 */
import { Context } from '@temporalio/activity';
import { buildSynthesisPack } from '../documents/synthesis-pack';
import type { CampaignDefinition, PersonDef, SynthesisPhaseDef, UnitInput } from '../domain/campaign-schema';
import { composeSynthesisMessage, type SynthesisMessageKind } from '../domain/synthesis-messages';
import { dashboardPageUrl } from './dashboard-link';
import { planCitation, planTag } from '../domain/plan-document';
import { workingDaysLate } from '../domain/calendar/lateness';
import type {
  BuildSynthesisInput,
  OfficialHeader,
  SynthesisData,
  SynthesisMailInput,
  SynthesisMailResult,
  SynthesisNominationRow,
  SynthesisPackRefs,
  SynthesisUnitRow,
} from '../domain/synthesis-types';
import { DEFAULT_PHASE_NAMES } from '../domain/timeline';
import {
  unitWorkflowId,
  type FileVersion,
  type NominationVersion,
  type UnitStatusView,
} from '../domain/workflow-types';
import { mapLimited } from '../app/map-limited';
import { messageIdFor, sendOrReportRefusal } from './mail/send';
import type { ActivityDeps } from './index';

/** Unit workflows queried at once while gathering (a campaign may have thousands). */
export const GATHER_CONCURRENCY = 16;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SVG = 'image/svg+xml';
const DAY_MS = 86_400_000;

function flatten(units: UnitInput[]): UnitInput[] {
  return units.flatMap((u) => [u, ...flatten(u.subUnits ?? [])]);
}

export function synthesisPhaseOf(definition: CampaignDefinition): SynthesisPhaseDef | undefined {
  const phase = definition.phases.find((p) => p.kind === 'synthesis');
  return phase?.kind === 'synthesis' ? phase : undefined;
}

const latest = (files: FileVersion[]) => files[files.length - 1];

export function createSynthesisActivities(deps: ActivityDeps) {
  const people = (list: Array<{ name?: string; email?: string }>): string[] => [
    ...new Set(list.flatMap((p) => (p.email ? [`"${p.name ?? p.email}" <${p.email}>`] : []))),
  ];
  const secretariatOf = (definition: CampaignDefinition) => people(definition.campaign.secretariat.contacts);
  const approversOf = (definition: CampaignDefinition): PersonDef[] =>
    synthesisPhaseOf(definition)?.approval?.approvers ?? [];

  /** The unit's line and nominations, from its workflow's query (and one more for nominations not in full). */
  async function gatherUnit(
    campaignId: string,
    unit: UnitInput,
    zone: string,
  ): Promise<{ row: SynthesisUnitRow; nominations: SynthesisNominationRow[] }> {
    if (!deps.client) throw new Error('buildSynthesis needs a Temporal client in the activity dependencies');
    const handle = deps.client.workflow.getHandle(unitWorkflowId(campaignId, unit.id));
    const view = await handle.query<UnitStatusView>('getUnitStatus');
    Context.current().heartbeat(unit.id);
    let full: NominationVersion | null | undefined = view.latestNominations;
    const last = view.nominations[view.nominations.length - 1];
    if (last && full?.version !== last.version) {
      full = await handle.query<NominationVersion | null, [number]>('getNominationVersion', last.version);
    }
    const report = latest(view.reports);
    const firstReceived = [...view.reports, ...view.papers].map((f) => f.receivedAt).sort()[0];
    const submittedAt = report?.receivedAt ?? firstReceived ?? last?.receivedAt;
    const lateBy = submittedAt ? Date.parse(submittedAt) - Date.parse(view.deadline) : 0;
    const row: SynthesisUnitRow = {
      unitId: unit.id,
      unitName: unit.name,
      ...(unit.cluster ? { cluster: unit.cluster } : {}),
      status: view.status,
      deadline: view.deadline,
      ...(submittedAt ? { submittedAt } : {}),
      // Working days, as offices count lateness (calendar days when no working calendar was given).
      daysLate:
        lateBy <= 0 || !submittedAt
          ? 0
          : deps.calendar
            ? workingDaysLate(view.deadline, submittedAt, zone, deps.calendar)
            : Math.ceil(lateBy / DAY_MS),
      ...(report ? { summaryReport: { name: report.name, receivedAt: report.receivedAt, late: report.late } } : {}),
      papers: view.papers.map((p) => ({ name: p.name, receivedAt: p.receivedAt, late: p.late })),
      ...(view.deadlines && view.deadlines.length > 1
        ? { phases: view.deadlines.map((d) => ({ ...(d.id ? { id: d.id } : {}), name: d.name, status: d.status })) }
        : {}),
    };
    const nominations = (full?.nominations ?? []).map((n) => ({
      unitId: unit.id,
      unitName: unit.name,
      type: n.type,
      name: n.name,
      ...(n.position ? { position: n.position } : {}),
      awardForm: n.awardForm,
      reasons: n.reasons,
    }));
    return { row, nominations };
  }

  /** Composes and sends one synthesis message once (Message-ID from the key, the sent log). */
  async function send(
    kind: SynthesisMessageKind,
    input: SynthesisMailInput,
    to: (d: CampaignDefinition) => string[],
    cc: (d: CampaignDefinition) => string[],
    addressees: (d: CampaignDefinition) => string[],
    attach = false,
  ): Promise<SynthesisMailResult> {
    const messageId = messageIdFor(input.key, deps.from);
    const definition = await deps.definitions.load(input.definitionRef);
    const toList = to(definition);
    const ccList = cc(definition).filter((a) => !toList.includes(a));
    if (toList.length === 0) return { sent: false, reason: 'no-recipients', messageId, recipients: [] };
    const files = attach && input.docx && input.pack ? [input.docx, input.pack.xlsx] : [];
    const attachments = await Promise.all(
      files.map(async (f) => ({
        filename: f.name,
        content: await deps.reports.get(f.sha256),
        contentType: f.contentType,
      })),
    );
    const phase = synthesisPhaseOf(definition);
    const composed = composeSynthesisMessage({
      kind,
      planNumber: planTag(definition.campaign.plan),
      campaignTitle: definition.campaign.title,
      secretariatName: definition.campaign.secretariat.name,
      contacts: definition.campaign.secretariat.contacts,
      timeZone: definition.campaign.timeZone,
      approvalBody: phase?.approval?.body ?? definition.campaign.issuingBody,
      addressees: addressees(definition),
      version: input.version,
      deadline: input.deadline,
      attached: files.map((f) => f.name),
      detail: input.detail,
      dashboardLink: dashboardPageUrl(deps, input.campaignId, 'tong-hop'),
    });
    Context.current().heartbeat();
    // Refused for good: reported as not sent (see sendOrReportRefusal), not retried.
    return sendOrReportRefusal(deps.transport, deps.sentLog, {
      messageId,
      from: deps.from,
      to: toList,
      cc: ccList,
      ...composed,
      attachments,
    });
  }

  const titled = (p: PersonDef) => `đồng chí ${p.name}${p.title ? `, ${p.title}` : ''}`;
  const approverNames = (d: CampaignDefinition) => approversOf(d).map(titled);
  const approverAddresses = (d: CampaignDefinition) => people(approversOf(d));
  const secretariatName = (d: CampaignDefinition) => [d.campaign.secretariat.name];

  return {
    /**
     * Gathers the units' state (their workflows' queries, {@link GATHER_CONCURRENCY} at a time) and the
     * definition's header into {@link SynthesisData}, builds the pack and stores its files (no owner:
     * pinned, never removed with a refused upload). Same campaign state, same bytes.
     */
    async buildSynthesis(input: BuildSynthesisInput): Promise<SynthesisPackRefs> {
      const definition = await deps.definitions.load(input.definitionRef);
      const header = definition.campaign;
      const phase = synthesisPhaseOf(definition);
      const gathered = await mapLimited(flatten(definition.units), GATHER_CONCURRENCY, (u) =>
        gatherUnit(input.campaignId, u, header.timeZone),
      );
      const report = phase?.report;
      const official: OfficialHeader = report
        ? {
            style: report.style,
            issuingBody: report.issuingBody,
            ...(report.superiorBody ? { superiorBody: report.superiorBody } : {}),
            number: report.number,
            place: report.place,
            ...(report.signature ? { signature: report.signature } : {}),
            ...(report.recipients ? { recipients: report.recipients } : {}),
          }
        : { style: 'state', issuingBody: header.issuingBody.toUpperCase(), number: '…', place: '…' };
      const data: SynthesisData = {
        campaignId: input.campaignId,
        planNumber: planTag(header.plan),
        // The plan's date as written ("5/10/2009", "tháng 8/2009"), in the words documents cite it with.
        planReference: planCitation(header.plan),
        title: header.title,
        directive: header.directive,
        issuingBody: header.issuingBody,
        secretariatName: header.secretariat.name,
        timeZone: header.timeZone,
        builtAt: input.builtAt,
        version: input.version,
        header: official,
        outline: report?.outline ?? [],
        // The compiled instants when the workflow gives them; else the file's own words.
        phases:
          input.phases ??
          definition.phases.map((p) => ({
            kind: p.kind,
            name: p.name ?? DEFAULT_PHASE_NAMES[p.kind],
            start: p.window.start,
            end: p.window.end,
          })),
        units: gathered.map((g) => g.row),
        nominations: gathered.flatMap((g) => g.nominations),
      };
      const pack = await buildSynthesisPack(data);
      Context.current().heartbeat('stored');
      const base = `${input.campaignId}-tong-hop-v${input.version}`;
      const [docx, xlsx, timelineSvg, submissionsSvg] = await Promise.all([
        deps.reports.put(`${base}.docx`, DOCX, pack.docx),
        deps.reports.put(`${base}.xlsx`, XLSX, pack.xlsx),
        deps.reports.put(`${base}-tien-do.svg`, SVG, Buffer.from(pack.timelineSvg, 'utf8')),
        deps.reports.put(`${base}-nop-bao-cao.svg`, SVG, Buffer.from(pack.submissionsSvg, 'utf8')),
      ]);
      return { docx, xlsx, timelineSvg, submissionsSvg };
    },

    /** The draft (a version's `.docx` and the `.xlsx` attached) to the secretariat and the approvers. */
    async mailSynthesis(input: SynthesisMailInput): Promise<SynthesisMailResult> {
      return send(
        'draft-ready',
        input,
        (d) => [...approverAddresses(d), ...secretariatOf(d)],
        () => [],
        (d) => [...approverNames(d), ...secretariatName(d)],
        true,
      );
    },

    /** A reminder before the approval deadline, to the approvers. */
    async remindSynthesisApproval(input: SynthesisMailInput): Promise<SynthesisMailResult> {
      return send(
        input.dueToday ? 'approval-due-today' : 'approval-reminder',
        input,
        approverAddresses,
        () => [],
        approverNames,
      );
    },

    /** Past the approval deadline: the secretariat is told, the approvers in copy. */
    async escalateSynthesisApproval(input: SynthesisMailInput): Promise<SynthesisMailResult> {
      return send('approval-escalation', input, secretariatOf, approverAddresses, secretariatName);
    },

    /** A return with remarks, to the secretariat (the approvers in copy). */
    async synthesisReturned(input: SynthesisMailInput): Promise<SynthesisMailResult> {
      return send('returned', input, secretariatOf, approverAddresses, secretariatName);
    },

    /** The approval, to the secretariat and the approvers. */
    async synthesisApproved(input: SynthesisMailInput): Promise<SynthesisMailResult> {
      return send(
        'approved',
        input,
        (d) => [...secretariatOf(d), ...approverAddresses(d)],
        () => [],
        (d) => [...secretariatName(d), ...approverNames(d)],
      );
    },
  };
}

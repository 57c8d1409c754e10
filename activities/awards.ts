/**
 * The awards phase's effects: gather the units' nominations and check each against the catalogue
 * (the rule in force on the day the dossier was received), build and store the minutes, the proposal
 * to the higher level, the decision and the statistics, and mail the council and the units. Every
 * message goes through `sendOnce` with a Message-ID made from the workflow's key: a retried activity
 * never sends twice.
 */
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { awardsTooLarge } from '../domain/scale-limits';
import { buildAwardDecisionDocx, buildHigherLevelProposalDocx, buildVoteMinutesDocx } from '../documents/award-docs';
import { awardStatistics, awardStatisticsXlsx } from '../documents/award-statistics';
import { checkNomination, loadAwardCatalogue } from '../domain/award-catalogue';
import { composeAwardMessage, type AwardMessageContext } from '../domain/award-messages';
import { dashboardPageUrl } from './dashboard-link';
import type { AwardCatalogue, AwardDocsInput, AwardNominationView, CouncilMember, Vote } from '../domain/award-types';
import { tallyNominations } from '../domain/award-tally';
import { recusedFor } from '../domain/award-vote';
import type {
  AwardMailInput,
  AwardMailResult,
  AwardUnitMailInput,
  AwardUnitsPageInput,
  AwardUnitsPageResult,
  BuildAwardDocsRequest,
  GatherAwardsInput,
  GatheredAwards,
} from '../domain/award-workflow-types';
import type { CampaignDefinition, UnitInput } from '../domain/campaign-schema';
import type { OfficialHeader } from '../domain/synthesis-types';
import { planCitation, planTag } from '../domain/plan-document';
import { unitWorkflowId, type NominationVersion, type UnitStatusView } from '../domain/workflow-types';
import { messageIdFor, sendOrReportRefusal } from './mail/send';
import type { ActivityDeps } from './index';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const flatten = (units: UnitInput[]): UnitInput[] => units.flatMap((u) => [u, ...flatten(u.subUnits ?? [])]);
const unitsById = (d: CampaignDefinition) => new Map(flatten(d.units).map((u) => [u.id, u]));
const address = (p: { name: string; email: string }) => `"${p.name}" <${p.email}>`;
const optionalLink = (link: string | undefined) => (link ? { dashboardLink: link } : {});

export function createAwardActivities(deps: ActivityDeps & { awardCatalogueFile?: string }) {
  /** The unit's latest nominations, from its workflow (none when it has no workflow any more). */
  async function nominationsOf(campaignId: string, unit: UnitInput): Promise<NominationVersion | undefined> {
    if (!deps.client) throw new Error('gatherAwardNominations needs a Temporal client in the activity dependencies');
    const handle = deps.client.workflow.getHandle(unitWorkflowId(campaignId, unit.id));
    const view = await handle.query<UnitStatusView>('getUnitStatus');
    Context.current().heartbeat(unit.id);
    const last = view.nominations[view.nominations.length - 1];
    if (!last) return undefined;
    if (view.latestNominations?.version === last.version) return view.latestNominations;
    return (await handle.query<NominationVersion | null, [number]>('getNominationVersion', last.version)) ?? undefined;
  }

  const docsInput = (definition: CampaignDefinition, req: BuildAwardDocsRequest): AwardDocsInput => ({
    header: req.header,
    style: req.header.style,
    campaignTitle: definition.campaign.title,
    planReference: planCitation(definition.campaign.plan),
    council: req.council,
    nominations: req.nominations,
    catalogue: req.catalogue,
    at: req.at,
    ...(req.decision ? { decision: req.decision } : {}),
  });

  async function send(
    input: { key: string; definitionRef: string },
    to: Array<{ name: string; email: string }>,
    cc: Array<{ name: string; email: string }>,
    words: Omit<AwardMessageContext, 'planNumber' | 'campaignTitle' | 'secretariatName' | 'contacts' | 'timeZone'>,
    files: AwardMailInput['files'] = [],
  ): Promise<AwardMailResult> {
    const messageId = messageIdFor(input.key, deps.from);
    const toList = [...new Set(to.map(address))];
    const ccList = [...new Set(cc.map(address))].filter((a) => !toList.includes(a));
    if (toList.length === 0) return { sent: false, reason: 'no-recipients', messageId, recipients: [] };
    const definition = await deps.definitions.load(input.definitionRef);
    const attachments = await Promise.all(
      files.map(async (f) => ({
        filename: f.name,
        content: await deps.reports.get(f.sha256),
        contentType: f.contentType,
      })),
    );
    const composed = composeAwardMessage({
      ...words,
      planNumber: planTag(definition.campaign.plan),
      campaignTitle: definition.campaign.title,
      secretariatName: definition.campaign.secretariat.name,
      contacts: definition.campaign.secretariat.contacts,
      timeZone: definition.campaign.timeZone,
      attached: files.map((f) => f.name),
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

  /** One unit's result letter (the unit from the definition, the forms' names from the catalogue). */
  async function letterToUnit(
    input: AwardUnitMailInput,
    units: Map<string, UnitInput>,
    catalogue: AwardCatalogue,
  ): Promise<AwardMailResult> {
    const unit = units.get(input.unitId);
    if (!unit) throw new Error(`unit ${input.unitId} is not in campaign definition ${input.definitionRef}`);
    const results = input.results.map((r) => ({
      ...r,
      ...(r.awardedForm ? { awardedName: catalogue.forms.find((f) => f.code === r.awardedForm)?.name } : {}),
    }));
    return send(input, [unit.focal], [unit.head], {
      kind: 'unit-results',
      addressees: [unit.name],
      decision: input.decision,
      results,
    });
  }

  return {
    /** The awards phase's council, authority and decision header from the definition; none without a council. */
    async awardsSetup(input: { definitionRef: string }) {
      const definition = await deps.definitions.load(input.definitionRef);
      const phase = definition.phases.find((p) => p.kind === 'awards');
      if (phase?.kind !== 'awards' || !phase.council) return undefined;
      const d = phase.decision;
      const header: OfficialHeader = {
        style: d?.style ?? 'state',
        issuingBody: d?.issuingBody ?? (phase.awardingBody ?? definition.campaign.issuingBody).toUpperCase(),
        ...(d?.superiorBody ? { superiorBody: d.superiorBody } : {}),
        number: '…',
        place: d?.place ?? '…',
        ...(d?.signature ? { signature: d.signature } : {}),
      };
      return {
        authority: phase.authority ?? ('unit-head' as const),
        council: phase.council.members.map((m) => ({ ...m })),
        header,
      };
    },

    /**
     * The units' latest nominations (their workflows' queries), each checked against the catalogue's
     * rule in force on the day it was received: in vote, proposed to the higher level, or of no known
     * form; members from the nominated unit recused.
     */
    async gatherAwardNominations(input: GatherAwardsInput): Promise<GatheredAwards> {
      const definition = await deps.definitions.load(input.definitionRef);
      const catalogue = loadAwardCatalogue(deps.awardCatalogueFile);
      const units = flatten(definition.units);
      const gathered: Array<{ unit: UnitInput; version?: NominationVersion }> = [];
      for (const unit of units) gathered.push({ unit, version: await nominationsOf(input.campaignId, unit) });
      const individuals = gathered.reduce(
        (n, g) => n + (g.version?.nominations.filter((x) => x.type === 'individual').length ?? 0),
        0,
      );
      const nominations: AwardNominationView[] = gathered.flatMap(({ unit, version }) =>
        (version?.nominations ?? []).map((n, i) => {
          const check = checkNomination(
            catalogue,
            { type: n.type, proposedForm: n.awardForm, receivedAt: version!.receivedAt },
            input.authority,
            { collectives: units.length, individuals, alreadyApproved: {} },
          );
          return {
            id: `${unit.id}/${i + 1}`,
            unitId: unit.id,
            unitName: unit.name,
            type: n.type,
            name: n.name,
            ...(n.position ? { position: n.position } : {}),
            proposedForm: n.awardForm,
            reasons: n.reasons,
            receivedAt: version!.receivedAt,
            check,
            // A form the catalogue does not know is not voted on: it stays unawarded, the reason in its check.
            state: check.route === 'council' ? 'in-vote' : check.route === 'higher-level' ? 'higher-level' : 'rejected',
            recused: recusedFor(input.council, unit.id),
          };
        }),
      );
      // Not retried: more than the vote's workflow carries within Temporal's limits; it fails with this message.
      // The workers' and clients' claim check share one setting (and one data folder): the sheets' budget uses it.
      const claimCheckBytes = deps.settings?.claimCheckBytes;
      const refusal = awardsTooLarge({
        nominations: nominations.length,
        inVote: nominations.filter((n) => n.state === 'in-vote').length,
        members: input.council.length,
        claimCheckBytes,
      });
      if (refusal) throw ApplicationFailure.nonRetryable(refusal, 'TooManyNominations');
      return {
        nominations,
        catalogue,
        collectives: units.length,
        individuals,
        ...(claimCheckBytes ? { claimCheckBytes } : {}),
      };
    },

    /** The counts and outcome of each nomination in vote (pure; an activity because the catalogue module reads files). */
    async tallyAwardVotes(input: {
      nominations: AwardNominationView[];
      votes: Vote[];
      council: CouncilMember[];
      catalogue: AwardCatalogue;
      base: { collectives: number; individuals: number };
    }): Promise<AwardNominationView[]> {
      return tallyNominations(input.nominations, input.votes, input.council, input.catalogue, input.base);
    },

    /** The minutes (biên bản kiểm phiếu) and, when some go up, the proposal (tờ trình) to the higher level. */
    async buildAwardMinutes(req: BuildAwardDocsRequest) {
      const definition = await deps.definitions.load(req.definitionRef);
      const input = docsInput(definition, req);
      const minutes = await deps.reports.put(
        `${req.campaignId}-bien-ban-kiem-phieu.docx`,
        DOCX,
        await buildVoteMinutesDocx(input),
      );
      if (!req.nominations.some((n) => n.state === 'higher-level')) return { minutes };
      const proposal = await deps.reports.put(
        `${req.campaignId}-to-trinh-cap-tren.docx`,
        DOCX,
        await buildHigherLevelProposalDocx(input),
      );
      return { minutes, proposal };
    },

    /** The decision (quyết định khen thưởng) and the statistics by form (`.xlsx`). */
    async buildAwardDecision(req: BuildAwardDocsRequest) {
      const definition = await deps.definitions.load(req.definitionRef);
      const decision = await deps.reports.put(
        `${req.campaignId}-quyet-dinh-khen-thuong.docx`,
        DOCX,
        await buildAwardDecisionDocx(docsInput(definition, req)),
      );
      const rows = awardStatistics(req.nominations, req.catalogue);
      const statistics = await deps.reports.put(
        `${req.campaignId}-thong-ke-khen-thuong.xlsx`,
        XLSX,
        await awardStatisticsXlsx(rows, `Thống kê khen thưởng — ${definition.campaign.title}`),
      );
      return { decision, statistics };
    },

    /** A message to council members (vote opened, reminder, escalation to the chair, vote closed, decision). */
    async mailAwards(input: AwardMailInput): Promise<AwardMailResult> {
      return send(
        input,
        input.to,
        input.cc ?? [],
        {
          kind: input.kind,
          addressees: input.to.map((p) => `đồng chí ${p.name}`),
          ...(input.deadline ? { deadline: input.deadline } : {}),
          ...(input.missing ? { missing: input.missing } : {}),
          ...(input.step !== undefined ? { step: input.step } : {}),
          ...(input.after ? { after: input.after } : {}),
          ...(input.counts ? { counts: input.counts } : {}),
          ...(input.decision ? { decision: input.decision } : {}),
          ...optionalLink(dashboardPageUrl(deps, input.campaignId, 'khen-thuong')),
        },
        input.files,
      );
    },

    /** One unit's results after the decision, to its focal point with its head in copy. */
    async notifyAwardUnit(input: AwardUnitMailInput): Promise<AwardMailResult> {
      const definition = await deps.definitions.load(input.definitionRef);
      return letterToUnit(input, unitsById(definition), loadAwardCatalogue(deps.awardCatalogueFile));
    },

    /**
     * A page of units' result letters, one after the other. The heartbeat carries the progress: a
     * retried attempt resumes after the last letter it knows of; a letter sent after that heartbeat is
     * found in the sent log by its key (the same key as {@link notifyAwardUnit}'s), never sent twice.
     */
    async notifyAwardUnitsPage(input: AwardUnitsPageInput): Promise<AwardUnitsPageResult> {
      const definition = await deps.definitions.load(input.definitionRef);
      const units = unitsById(definition);
      const catalogue = loadAwardCatalogue(deps.awardCatalogueFile);
      const resumed = Context.current().info.heartbeatDetails as (AwardUnitsPageResult & { next: number }) | undefined;
      const progress = { next: 0, sent: 0, alreadySent: 0, notSent: [] as string[], ...resumed };
      while (progress.next < input.units.length) {
        const { unitId, results } = input.units[progress.next];
        const r = await letterToUnit(
          { ...input, key: `${input.keyPrefix}${unitId}`, unitId, results },
          units,
          catalogue,
        );
        if (r.sent) progress.sent++;
        else if (r.reason === 'already-sent') progress.alreadySent++;
        else progress.notSent.push(unitId);
        progress.next++;
        Context.current().heartbeat(progress);
      }
      if (progress.notSent.length > 0) {
        Context.current().log.warn(`award letters not sent to ${progress.notSent.length} unit(s)`, {
          notSent: progress.notSent,
        });
      }
      const { next: _next, ...result } = progress;
      return result;
    },
  };
}

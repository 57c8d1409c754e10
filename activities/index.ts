/**
 * All effects of thidua, created with their dependencies injected (real SMTP and stores in the
 * worker; test doubles only in unit tests of one piece). Workflows import this module as a type.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Transporter } from 'nodemailer';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { CampaignDefinition, PersonDef, SelfReviewPhaseDef, UnitInput } from '../domain/campaign-schema';
import { deadlinePhases, deliverableNames, dueForUnit, dueItemLabels, dueOf } from '../domain/deliverables';
import { composeMessage, type MessageContext } from '../domain/messages';
import { planDocumentView, planTag } from '../domain/plan-document';
import type { UnitMessageInput, UnitMessageResult, UnitStatusView } from '../domain/workflow-types';
import { messageIdFor, sendOnce, UndeliverableError } from './mail/send';
import { createConferenceActivities } from './conference';
import { createAwardActivities } from './awards';
import { createPhaseFailureActivities } from './phase-failure';
import { createSubCampaignActivities } from './sub-campaign';
import { createSynthesisActivities } from './synthesis';
import { createUnitSignalActivities } from './unit-signals';
import { unitLockActivities } from './unit-lock';
import type { SentLog } from '../stores/sent-log';
import type { DefinitionStore, StoredDefinition } from '../stores/definition-store';
import type { ReportStore } from '../stores/report-store';
import type { UnitLinks } from '../stores/unit-links';
import type { FileScheduleTemplates } from '../stores/schedule-templates';
import type { Settings } from '../config/settings';

/** A unit's workflow answers its status query in milliseconds; ten seconds means its worker is swamped. */
export const STALE_CHECK_DEADLINE_MS = 10_000;

export interface ActivityDeps {
  transport: Transporter;
  sentLog: SentLog;
  definitions: DefinitionStore;
  reports: ReportStore;
  links: UnitLinks;
  from: string;
  /** Working days and holidays: lateness in the synthesis is counted in working days. */
  calendar?: WorkingCalendar;
  /** How long the stale check may wait for the unit's workflow to answer (default {@link STALE_CHECK_DEADLINE_MS}). */
  staleCheckDeadlineMs?: number;
  /** Used to check that a reminder is still due when it is about to go out. */
  client?: Client;
  /** The worker's settings: a recurring campaign's starter starts campaigns on its task queue. */
  settings?: Settings;
  /** Recurring campaigns' templates (`stores/schedule-templates.ts`). */
  scheduleTemplates?: FileScheduleTemplates;
  /** The catalogue of award forms (default `config/award-forms.yaml`). */
  awardCatalogueFile?: string;
}

/** Flattens the unit tree (sub-units included) in file order: the order batches page through. */
export function flattenUnits(units: UnitInput[]): UnitInput[] {
  return units.flatMap((u) => [u, ...flattenUnits(u.subUnits ?? [])]);
}

/**
 * What the unit owes, as its messages list it: in the phase the message speaks of (by id; the first
 * deadline phase otherwise), the unit's own deliverables when it overrides them. The plan message of
 * a campaign with several deadline phases lists every phase's items with its deadline as written.
 */
export function dueItems(definition: CampaignDefinition, unit?: UnitInput, phaseId?: string, all = false): string[] {
  const phases = deadlinePhases(definition);
  const dueIn = (phase: SelfReviewPhaseDef) => dueItemLabels(unit ? dueForUnit(phase, unit) : dueOf(phase));
  if (all && phases.length > 1) {
    return phases.flatMap((phase) => dueIn(phase).map((item) => `${item} — hạn ${phase.deadline}`));
  }
  const phase = (phaseId ? phases.find((p) => p.id === phaseId) : undefined) ?? phases[0];
  return phase ? dueIn(phase) : [];
}

/** The deliverables' names of the phase a message speaks of, when it declares them (not for the plan message). */
function owedOf(
  definition: CampaignDefinition,
  unit: UnitInput,
  phaseId: string | undefined,
  kind: MessageContext['kind'],
): { owed?: string } {
  if (kind === 'plan-issued') return {};
  const phases = deadlinePhases(definition);
  const phase = (phaseId ? phases.find((p) => p.id === phaseId) : undefined) ?? phases[0];
  const names = phase ? deliverableNames(dueForUnit(phase, unit)) : undefined;
  return names ? { owed: names } : {};
}

/**
 * The words' context of one message to one unit: built here for sending and by the dashboard's
 * preview (`app/campaign-drafts.ts`), so that what a clerk previews is what a unit receives.
 */
export function unitMessageContext(
  definition: CampaignDefinition,
  unit: UnitInput,
  m: Pick<MessageContext, 'kind' | 'phaseName' | 'deadline' | 'lockAt' | 'link' | 'detail' | 'addresseeRole'> & {
    documents: NonNullable<MessageContext['documents']>;
    /** The deadline phase the message speaks of, when the campaign has several. */
    phaseId?: string;
  },
): MessageContext {
  return {
    kind: m.kind,
    planNumber: planTag(definition.campaign.plan),
    planDate: definition.campaign.plan.date,
    campaignTitle: definition.campaign.title,
    issuingBody: definition.campaign.issuingBody,
    secretariatName: definition.campaign.secretariat.name,
    contacts: definition.campaign.secretariat.contacts,
    unitName: unit.name,
    phaseName: m.phaseName,
    deadline: m.deadline,
    lockAt: m.lockAt,
    timeZone: definition.campaign.timeZone,
    link: m.link,
    dueItems: dueItems(definition, unit, m.phaseId, m.kind === 'plan-issued'),
    ...owedOf(definition, unit, m.phaseId, m.kind),
    detail: m.detail,
    addresseeRole: m.addresseeRole,
    plan: planDocumentView(definition),
    documents: m.documents,
  };
}

export function createActivities(deps: ActivityDeps) {
  const unitsByRef = new Map<string, Map<string, UnitInput>>();
  const unitOf = async (ref: string, unitId: string): Promise<{ definition: StoredDefinition; unit: UnitInput }> => {
    const definition = await deps.definitions.load(ref);
    let index = unitsByRef.get(ref);
    if (!index) {
      index = new Map(flattenUnits(definition.units).map((u) => [u.id, u]));
      unitsByRef.set(ref, index);
    }
    const unit = index.get(unitId);
    if (!unit) throw new Error(`unit ${unitId} is not in campaign definition ${ref}`);
    return { definition, unit };
  };

  const secretariatPeople = (definition: CampaignDefinition): PersonDef[] =>
    definition.campaign.secretariat.contacts.flatMap((c) =>
      c.email ? [{ ...c, name: c.name ?? c.division ?? definition.campaign.secretariat.name, email: c.email }] : [],
    );
  const byRole = (definition: CampaignDefinition, unit: UnitInput, role: string): PersonDef[] => {
    switch (role) {
      case 'focal':
        return [unit.focal];
      case 'head':
        return [unit.head];
      case 'supervisor':
        return unit.supervisor ? [unit.supervisor] : secretariatPeople(definition);
      case 'secretariat':
        return secretariatPeople(definition);
      default:
        throw new Error(`unknown role ${role}`);
    }
  };
  const addresses = (people: PersonDef[]) => [...new Set(people.map((p) => `"${p.name}" <${p.email}>`))];

  const activities = {
    ...createSynthesisActivities(deps),
    ...createConferenceActivities(deps),
    ...createAwardActivities(deps),
    ...createSubCampaignActivities(deps),
    ...createUnitSignalActivities(deps),
    ...createPhaseFailureActivities(deps),

    /** Page of the campaign's units for a batch workflow: ids and names only. */
    async loadUnitPage(input: { campaignId: string; definitionRef: string; offset: number; limit: number }) {
      const definition = await deps.definitions.load(input.definitionRef);
      const phases = deadlinePhases(definition);
      // A unit that owes its own deliverables carries them, per deadline phase in order (the batch
      // gives the unit's workflow its own due); the others carry ids and names only.
      return flattenUnits(definition.units)
        .slice(input.offset, input.offset + input.limit)
        .map((u) => ({
          id: u.id,
          name: u.name,
          ...(u.deliverables ? { dues: phases.map((p) => dueForUnit(p, u)) } : {}),
        }));
    },

    /** Makes a unit's reports read-only in the store and records who locked what and when. */
    async lockUnitReports(input: {
      campaignId: string;
      unitId: string;
      phase: string;
      files: string[];
      lockedBy: string;
    }) {
      await deps.reports.lock({ ...input, lockedAt: new Date().toISOString() });
    },

    /**
     * Composes and sends one unit message. Idempotent (Message-ID from the workflow's key + sent
     * log); a reminder that became stale (unit submitted, deadline moved or passed) is not sent; an
     * address refused for good is reported to the secretariat and not retried.
     */
    async sendUnitMessage(input: UnitMessageInput): Promise<UnitMessageResult> {
      const messageId = messageIdFor(input.key, deps.from);
      // The sent log first: a message delivered just before a crash is "already sent" on the retry,
      // not "stale" (the stale check below would otherwise undercount what went out).
      // A message sent with some addresses refused goes on below: the secretariat's notice of those
      // may not have gone out before the crash (it is idempotent too).
      const already = await deps.sentLog.get(messageId);
      if (already && !already.refused?.length) {
        return { sent: false, reason: 'already-sent', messageId, recipients: already.recipients };
      }
      const { definition, unit } = await unitOf(input.definitionRef, input.unitId);

      if (input.staleCheck && !already) {
        if (Date.now() >= Date.parse(input.staleCheck.notAfter)) {
          return {
            sent: false,
            reason: 'stale',
            messageId,
            recipients: [],
            note: `not sent after ${input.staleCheck.notAfter}`,
          };
        }
        if (deps.client && input.staleCheck.query !== false) {
          const client = deps.client;
          const workflowId = input.staleCheck.workflowId;
          // The check only guards against a submission or an extension in the last moments: the
          // workflow decided to send. A query no worker answers in time (a deadline burst keeps the
          // workflow thread busy) must not hold the reminder until the activity's timeout: the
          // reminder goes out unchecked, and the log says so.
          const status = await client
            .withDeadline(Date.now() + (deps.staleCheckDeadlineMs ?? STALE_CHECK_DEADLINE_MS), () =>
              client.workflow.getHandle(workflowId).query<UnitStatusView>('getUnitStatus'),
            )
            .catch((err: unknown) => {
              Context.current().log.warn('stale check not answered in time; sending unchecked', {
                workflowId,
                error: err instanceof Error ? err.message : String(err),
              });
              return undefined;
            });
          if (status?.status === 'submitted' || status?.status === 'late') {
            return { sent: false, reason: 'stale', messageId, recipients: [], note: 'unit already submitted' };
          }
          if (status && status.deadlineVersion !== input.deadlineVersion) {
            return { sent: false, reason: 'stale', messageId, recipients: [], note: 'deadline moved' };
          }
        }
      }

      const toRoles = input.kind === 'escalation' ? (input.notify ?? ['head']) : ['focal'];
      const ccRoles = input.kind === 'escalation' ? (input.cc ?? []) : input.kind === 'late-notice' ? [] : [];
      const to = addresses(toRoles.flatMap((r) => byRole(definition, unit, r)));
      const cc = addresses(ccRoles.flatMap((r) => byRole(definition, unit, r))).filter((a) => !to.includes(a));
      const link = await deps.links.linkFor(input.campaignId, input.unitId);
      const documents = input.kind === 'plan-issued' ? (definition.documents ?? []) : [];
      const ctx = unitMessageContext(definition, unit, {
        kind: input.kind,
        phaseName: input.phaseName,
        ...(input.phaseId ? { phaseId: input.phaseId } : {}),
        deadline: input.deadline,
        lockAt: input.lockAt,
        link,
        detail: input.detail,
        addresseeRole: toRoles[0] as MessageContext['addresseeRole'],
        documents: documents.map((d) => ({ title: d.title, attached: !!d.file })),
      });
      const attachments = await Promise.all(
        documents.flatMap((d) =>
          d.file
            ? [
                deps.reports
                  .get(d.file.sha256)
                  .then((content) => ({ filename: d.file!.name, content, contentType: d.file!.contentType })),
              ]
            : [],
        ),
      );
      const composed = composeMessage(ctx);
      // A local activity (the unit's first attempt) cannot heartbeat: the SDK would log a failure.
      if (!Context.current().info.isLocal) Context.current().heartbeat();
      /** Tells the secretariat that these addresses refused the message; its own refused addresses are left out. */
      const reportRefused = async (refused: string[], error: string) => {
        const failure = composeMessage({
          ...ctx,
          kind: 'delivery-failure',
          detail: { subject: composed.subject, recipients: refused.join(', '), error },
        });
        const secretariat = addresses(secretariatPeople(definition)).filter(
          (a) => !refused.some((r) => a.includes(`<${r}>`)),
        );
        if (secretariat.length === 0) return false;
        try {
          await sendOnce(deps.transport, deps.sentLog, {
            messageId: messageIdFor(`${input.key}/delivery-failure`, deps.from),
            from: deps.from,
            to: secretariat,
            ...failure,
          });
          return true;
        } catch (err) {
          // The secretariat's own addresses refused the notice too: retrying would hold the unit's
          // schedule for ever. The failure stays visible in the activity's result and the metrics.
          if (err instanceof UndeliverableError) return false;
          throw err;
        }
      };
      try {
        const outcome = await sendOnce(deps.transport, deps.sentLog, {
          messageId,
          from: deps.from,
          to,
          cc,
          ...composed,
          attachments,
        });
        // Some addresses refused for good while others took the message: the secretariat is told of
        // those (never about a notice to itself, which would loop).
        if (outcome.refused.length > 0 && input.kind !== 'delivery-failure') {
          await reportRefused(outcome.refused, 'địa chỉ bị máy chủ thư từ chối (5xx)');
        }
        return {
          sent: !outcome.alreadySent,
          reason: outcome.alreadySent ? 'already-sent' : undefined,
          messageId,
          recipients: outcome.recipients,
          ...(outcome.refused.length > 0 ? { note: `refused: ${outcome.refused.join(', ')}` } : {}),
        };
      } catch (err) {
        if (!(err instanceof UndeliverableError)) throw err; // retryable: Temporal retries with backoff
        // The whole message was refused: name its addressees (the cc'd secretariat may not be the one
        // refusing, e.g. a 550 for the content), and try the secretariat all the same.
        const refused = to.map((a) => /<([^>]+)>/.exec(a)?.[1] ?? a);
        const told = await reportRefused(refused, err.message);
        const note = told ? err.message : `${err.message}; the secretariat could not be told by mail either`;
        return { sent: false, reason: 'undeliverable', messageId, recipients: to, note };
      }
    },
  };
  // The unit's lock in one local activity, made of the three above (activities/unit-lock.ts).
  return { ...activities, ...unitLockActivities(activities) };
}

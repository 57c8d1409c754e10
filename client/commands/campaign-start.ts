/**
 * `thidua campaign start FILE [--rehearse 1d=20s] [--units-per-batch N]`: validates, compiles the
 * timeline, stores the definition and starts `campaign/<id>`. Starting a running campaign again
 * says so and changes nothing.
 */
import path from 'node:path';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { FileDefinitionStore } from '../../stores/definition-store';
import { storePlanDocuments } from '../../stores/plan-documents';
import { FileReportStore } from '../../stores/report-store';
import { flattenUnits } from '../../activities';
import { loadWorkingCalendar } from '../../config/holidays';
import { loadCampaign, formatProblem } from '../../config/campaign-files';
import { contactLine } from '../../domain/messages';
import { CampaignIdKey, DeadlineKey, PhaseKey } from '../../domain/search-attributes';
import { compileCampaign, rehearse } from '../../domain/timeline';
import { campaignWorkflowId, type CampaignInput, type DueSummary } from '../../domain/workflow-types';
import { campaignWorkflow } from '../../workflows/campaign';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { temporalUiLink } from './links';

export async function startCommand(argv: string[], io: Io = processIo): Promise<number> {
  return (await startCampaign(argv, io)).exitCode;
}

/**
 * The command's work, with the campaign's id for callers that go on with it (`npm run dev`): set when
 * the campaign was started (exit 0) or was already running (exit 2).
 */
export async function startCampaign(
  argv: string[],
  io: Io = processIo,
): Promise<{ exitCode: number; campaignId?: string }> {
  const { positional, options } = parseArgs(argv);
  const file = positional[0];
  if (!file) throw new CliError('usage: thidua campaign start FILE [--rehearse 1d=20s] [--units-per-batch N]');
  const rehearsal = options.rehearse;
  const loaded = loadCampaign(file, { mode: rehearsal ? 'rehearse' : 'start' });
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr.write(formatProblem(p) + '\n');
    io.stderr.write(
      `${file}: not started: ${loaded.problems.filter((p) => p.severity === 'error').length} error(s).\n`,
    );
    return { exitCode: 1 };
  }
  for (const w of loaded.warnings) io.stderr.write(formatProblem(w) + '\n');
  const def = loaded.campaign;
  let compiled = compileCampaign(def, loadWorkingCalendar());
  if (rehearsal) {
    try {
      compiled = rehearse(compiled, rehearsal, new Date().toISOString());
    } catch (err) {
      throw new CliError((err as Error).message); // a mistyped --rehearse: its explanation, not a stack trace
    }
  }

  const selfReview = def.phases.find((p) => p.kind === 'self-review');
  if (!selfReview || selfReview.kind !== 'self-review') throw new CliError(`${file}: no self-review phase`);
  const due: DueSummary = {
    summaryReport: selfReview.due.summaryReport,
    presentationPaper: selfReview.due.presentationPaper,
    nominations: selfReview.due.nominations,
  };
  const unitsPerBatch = options['units-per-batch'] ? Number(options['units-per-batch']) : undefined;
  if (unitsPerBatch !== undefined && (!Number.isInteger(unitsPerBatch) || unitsPerBatch < 1 || unitsPerBatch > 1000)) {
    throw new CliError('--units-per-batch: a whole number from 1 to 1000');
  }

  const cli = await connect();
  try {
    const reports = new FileReportStore(path.join(cli.settings.dataDir, 'reports'));
    let documents;
    try {
      documents = await storePlanDocuments(def, file, reports);
    } finally {
      reports.close();
    }
    const definitionRef = new FileDefinitionStore(path.join(cli.settings.dataDir, 'campaigns')).save({
      ...def,
      documents,
    });
    const input: CampaignInput = {
      campaignId: def.campaign.id,
      planNumber: def.campaign.plan.number,
      title: def.campaign.title,
      definitionRef,
      contact: contactLine(def.campaign.secretariat.name, def.campaign.secretariat.contacts),
      unitCount: flattenUnits(def.units).length,
      compiled,
      due,
      unitsPerBatch,
    };
    const deadline = compiled.phases.find((p) => p.kind === 'self-review')?.deadline?.deadline.utc;
    const workflowId = campaignWorkflowId(def.campaign.id);
    try {
      await cli.client.workflow.start(campaignWorkflow, {
        workflowId,
        taskQueue: cli.settings.taskQueue,
        args: [input],
        staticSummary: `${def.campaign.plan.number} — ${def.campaign.title}${rehearsal ? ` (diễn tập ${rehearsal})` : ''}`,
        typedSearchAttributes: [
          { key: CampaignIdKey, value: def.campaign.id },
          { key: PhaseKey, value: compiled.phases[0].kind },
          ...(deadline ? [{ key: DeadlineKey, value: new Date(deadline) }] : []),
        ],
        memo: { planNumber: def.campaign.plan.number, title: def.campaign.title },
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) {
        io.stderr.write(
          `Campaign ${def.campaign.id} (${def.campaign.plan.number}) is already running as ${workflowId}; nothing was changed.\n` +
            `See it with \`thidua campaign status ${def.campaign.id}\`.\n`,
        );
        return { exitCode: 2, campaignId: def.campaign.id };
      }
      throw err;
    }
    io.stdout.write(
      `Started ${def.campaign.plan.number} — ${def.campaign.title}\n` +
        `  workflow  ${workflowId}${rehearsal ? `  (rehearsal ${rehearsal}: the timeline starts now)` : ''}\n` +
        `  units     ${input.unitCount}\n` +
        (deadline
          ? `  deadline  ${compiled.phases.find((p) => p.kind === 'self-review')!.deadline!.deadline.local}\n`
          : '') +
        `  UI        ${temporalUiLink(cli, workflowId)}\n`,
    );
    return { exitCode: 0, campaignId: def.campaign.id };
  } finally {
    await cli.close();
  }
}

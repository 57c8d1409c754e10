/**
 * `thidua campaign start FILE [--rehearse 1d=20s] [--units-per-batch N]`: validates, compiles the
 * timeline, stores the definition and starts `campaign/<id>`. Starting a running campaign again
 * says so and changes nothing.
 */
import path from 'node:path';
import { startCampaign as startCampaignUseCase } from '../../app/campaigns';
import { loadCampaign, formatProblem } from '../../config/campaign-files';
import { loadWorkingCalendar } from '../../config/holidays';
import { planTag } from '../../domain/plan-document';
import { compileCampaign, rehearse } from '../../domain/timeline';
import { FileDefinitionStore } from '../../stores/definition-store';
import { FileReportStore } from '../../stores/report-store';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError } from '../messages';
import { texts } from '../texts';
import { temporalUiLink } from './links';
import { readOptions } from './known-options';
import { commandLine } from './synopsis';

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
  const { positional, options } = readOptions(argv, 'campaign start');
  const lang = cliLang(options);
  const t = texts(lang);
  const file = positional[0];
  if (!file) throw new CliError(t.usage(commandLine('campaign start')));
  const rehearsal = options.rehearse;
  const loaded = loadCampaign(file, { mode: rehearsal ? 'rehearse' : 'start', lang });
  if (!loaded.ok) {
    for (const p of loaded.problems) io.stderr.write(formatProblem(p, lang) + '\n');
    io.stderr.write(`${t.notStarted(file, loaded.problems.filter((p) => p.severity === 'error').length)}\n`);
    return { exitCode: 1 };
  }
  for (const w of loaded.warnings) io.stderr.write(formatProblem(w, lang) + '\n');
  const def = loaded.campaign;
  let compiled = compileCampaign(def, loadWorkingCalendar());
  if (rehearsal) {
    try {
      compiled = rehearse(compiled, rehearsal, new Date().toISOString());
    } catch (err) {
      throw new CliError((err as Error).message); // a mistyped --rehearse: its explanation, not a stack trace
    }
  }

  if (!def.phases.some((p) => p.kind === 'self-review')) throw new CliError(t.noSelfReviewPhase(file));
  const unitsPerBatch = options['units-per-batch'] ? Number(options['units-per-batch']) : undefined;
  if (unitsPerBatch !== undefined && (!Number.isInteger(unitsPerBatch) || unitsPerBatch < 1 || unitsPerBatch > 1000)) {
    throw new CliError(t.unitsPerBatch);
  }

  const cli = await connect(lang);
  const reports = new FileReportStore(path.join(cli.settings.dataDir, 'reports'));
  try {
    const started = await startCampaignUseCase(
      cli,
      { reports, definitions: new FileDefinitionStore(path.join(cli.settings.dataDir, 'campaigns')) },
      { definition: def, file, compiled, rehearsal, unitsPerBatch },
    ).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    const { workflowId } = started;
    if (!started.started) {
      io.stderr.write(t.alreadyRunning(def.campaign.id, planTag(def.campaign.plan), workflowId));
      return { exitCode: 2, campaignId: def.campaign.id };
    }
    io.stdout.write(
      t.started({
        plan: planTag(def.campaign.plan),
        title: def.campaign.title,
        workflowId,
        rehearsal,
        units: started.unitCount,
        deadline: started.deadlineLocal || undefined,
        ui: temporalUiLink(cli, workflowId),
        ...(started.parent ? { parent: started.parent } : {}),
      }),
    );
    return { exitCode: 0, campaignId: def.campaign.id };
  } finally {
    reports.close();
    await cli.close();
  }
}

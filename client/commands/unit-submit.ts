/**
 * `thidua unit submit CAMPAIGN UNIT FILE [--kind summary-report|presentation-paper] [--deliverable ID] [--phase ID] [--by-name NAME]`:
 * staff submitting a file on a unit's behalf, through the same use case as the portal's upload
 * (`submitUnitFile` in `app/units.ts`): the phase and the file checked by the workflow's own rules,
 * the file stored (content addressed, so a retry stores nothing twice), then recorded by the
 * `submitFile` update; a refusal leaves no upload behind. Output and errors in Vietnamese, or English with `--lang en`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { submitUnitFile, TemporalUnitWorkflows } from '../../app/units';
import { ALLOWED_CONTENT_TYPES } from '../../domain/submission-rules';
import type { SubmissionKind } from '../../domain/workflow-types';
import { FileDefinitionStore } from '../../stores/definition-store';
import { FileReportStore } from '../../stores/report-store';
import { CliError, connect, processIo, type Io } from '../connect';
import { cliLang, toCliError, type Lang } from '../messages';
import { texts } from '../texts';
import { cliActorLabel } from './cli-actor';
import { readOptions } from './known-options';
import { commandLine } from './synopsis';

export function contentTypeOf(file: string, lang: Lang = 'vi'): string {
  const ext = path.extname(file).toLowerCase();
  const found = Object.entries(ALLOWED_CONTENT_TYPES).find(([, exts]) => exts.includes(ext));
  if (!found) throw new CliError(texts(lang).fileTypes(file));
  return found[0];
}

export async function submitCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = readOptions(argv, 'unit submit');
  const lang = cliLang(options);
  const t = texts(lang);
  const [campaignId, unitId, file] = positional;
  if (!campaignId || !unitId || !file) {
    throw new CliError(t.usage(commandLine('unit submit')));
  }
  const kind = (options.kind ?? 'summary-report') as SubmissionKind;
  if (kind !== 'summary-report' && kind !== 'presentation-paper') {
    throw new CliError(t.fileKind);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(t.cannotRead(file, String((err as NodeJS.ErrnoException).code)));
  }
  const contentType = contentTypeOf(file, lang);
  const cli = await connect(lang);
  const store = new FileReportStore(path.join(cli.settings.dataDir, 'reports'));
  try {
    const units = new TemporalUnitWorkflows(
      cli,
      new FileDefinitionStore(path.join(cli.settings.dataDir, 'campaigns')),
      cli.settings.timeZone,
    );
    const { view, ref, receipt } = await submitUnitFile(
      { units, reports: store },
      {
        campaignId,
        unitId,
        kind,
        // A phase that declares deliverables: the one submitted (its id), and the phase it belongs to.
        ...(options.deliverable ? { deliverable: options.deliverable } : {}),
        ...(options.phase ? { phaseId: options.phase } : {}),
        name: path.basename(file),
        contentType,
        content: bytes,
        submittedBy: cliActorLabel(options['by-name']),
      },
    ).catch((err: unknown) => {
      throw toCliError(err, lang);
    });
    io.stdout.write(
      t.received({
        kind,
        unit: view.unitName,
        name: ref.name,
        version: receipt.version,
        late: receipt.late,
        sha256: ref.sha256,
      }),
    );
    return 0;
  } finally {
    store.close();
    await cli.close();
  }
}

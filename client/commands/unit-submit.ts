/**
 * `thidua unit submit CAMPAIGN UNIT FILE [--kind summary-report|presentation-paper] [--by-name NAME]`:
 * staff submitting a file on a unit's behalf. The file goes to the report store first (content
 * addressed, so a retry stores nothing twice); the unit's workflow then accepts or refuses the
 * reference through the same update and validators as the portal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FileReportStore, ReportLockedError } from '../../stores/report-store';
import { ALLOWED_CONTENT_TYPES, assertFileRef, assertPhaseOpen, kindLabel } from '../../domain/submission-rules';
import { unitWorkflowId, type SubmissionKind } from '../../domain/workflow-types';
import { submitFile } from '../../workflows/unit-review';
import { CliError, connect, parseArgs, processIo, type Io } from '../connect';
import { SecretariatError, unitStatus, withWorker } from '../secretariat';
import { updateRefusal } from './campaign-actions';

export function contentTypeOf(file: string): string {
  const ext = path.extname(file).toLowerCase();
  const found = Object.entries(ALLOWED_CONTENT_TYPES).find(([, exts]) => exts.includes(ext));
  if (!found) throw new CliError(`${file}: only PDF, DOC, DOCX and ODT files are accepted`);
  return found[0];
}

export async function submitCommand(argv: string[], io: Io = processIo): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const [campaignId, unitId, file] = positional;
  if (!campaignId || !unitId || !file) {
    throw new CliError('usage: thidua unit submit CAMPAIGN UNIT FILE [--kind summary-report|presentation-paper]');
  }
  const kind = (options.kind ?? 'summary-report') as SubmissionKind;
  if (kind !== 'summary-report' && kind !== 'presentation-paper') {
    throw new CliError('--kind: summary-report or presentation-paper');
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new CliError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code})`);
  }
  const cli = await connect();
  try {
    const handle = cli.client.workflow.getHandle(unitWorkflowId(campaignId, unitId));
    // Check the unit and its phase before storing anything, and validate the file as the workflow will.
    const status = await unitStatus(cli, campaignId, unitId).catch((err: unknown) => {
      if (err instanceof SecretariatError && err.kind === 'not-found') {
        throw new CliError(
          `unit "${unitId}" is not part of campaign "${campaignId}" (or the campaign has not started).`,
        );
      }
      throw updateRefusal(err);
    });
    // A closed phase (locked or cancelled) is refused here, before anything is stored, in the words of
    // the workflow's own validator: what closed, when, and whom to contact. Once the campaign is over
    // the unit workflow has completed and could not answer the update at all.
    try {
      assertPhaseOpen(
        {
          phaseName: status.phase.name,
          locked: status.locked,
          lockAt: status.lockAt,
          lockLocal: status.lockLocal,
          cancelled: status.cancelled,
          contact: status.contact,
        },
        Date.now(),
      );
    } catch (err) {
      throw new CliError(`refused: ${(err as Error).message}`);
    }
    const contentType = contentTypeOf(file);
    assertFileRef(
      kind,
      { name: path.basename(file), size: bytes.length, sha256: '0'.repeat(64), contentType },
      status.due,
    );
    const submittedBy = options['by-name'] ?? 'staff (CLI)';
    const store = new FileReportStore(path.join(cli.settings.dataDir, 'reports'));
    let ref;
    try {
      ref = await store.put(path.basename(file), contentType, bytes, {
        campaignId,
        unitId,
        phase: status.phase.kind,
        uploadedBy: submittedBy,
      });
    } catch (err) {
      if (err instanceof ReportLockedError) {
        throw new CliError(`${status.unitName}: ${status.phase.name} is locked; nothing was stored (${err.message}).`);
      }
      throw err;
    } finally {
      store.close();
    }
    const receipt = await withWorker(cli, 'submitting', () =>
      handle.executeUpdate(submitFile, {
        args: [{ kind, file: ref, submittedBy }],
      }),
    ).catch((err) => {
      throw updateRefusal(err);
    });
    io.stdout.write(
      `Received ${kindLabel(kind)} of ${status.unitName}: "${ref.name}", version ${receipt.version}` +
        `${receipt.late ? ' (late)' : ''}, sha256 ${ref.sha256}.\n`,
    );
    return 0;
  } finally {
    await cli.close();
  }
}

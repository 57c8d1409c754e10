/**
 * Importing units from a sheet: the uploaded sheet is kept as the draft's pending import, previewed,
 * then imported into the draft's `units:` block ({@link replaceUnits}) or cancelled.
 */
import { MAX_PENDING_IMPORT_BYTES, type CampaignDraft, type PendingImport } from '../../stores/campaign-drafts';
import { dropRows, readUnitSheet, sheetSizeProblem, type SheetProblem } from '../../sheets/unit-import';
import { actorLabel, requireRole, type StaffActor } from '../roles';
import { AppError } from '../temporal-errors';
import { draftOf, nowOf, type DraftDeps } from './deps';
import { replaceUnits } from './edit';

/** The sheet's rows with a problem, below its header: what "drop the bad rows" drops. */
export function badRowsOf(pending: Pick<PendingImport, 'problems' | 'headerRow'>): number[] {
  return [...new Set(pending.problems.filter((p) => p.row > pending.headerRow).map((p) => p.row))].sort(
    (a, b) => a - b,
  );
}

/** Problems of the sheet as a whole (not a sheet, not UTF-8, missing columns): nothing can be kept. */
const wholeFileProblems = (problems: SheetProblem[], headerRow: number) => problems.filter((p) => p.row <= headerRow);

export type StageSheetOutcome = { kept: true; draft: CampaignDraft } | { kept: false; problems: SheetProblem[] };

/**
 * Reads an uploaded unit sheet and keeps it as the draft's pending import, to be previewed: nothing
 * is imported here. A problem of the whole file keeps nothing (and leaves an earlier pending import
 * as it was); a sheet with bad rows is kept, its problems shown beside their rows.
 */
export async function stageUnitSheet(
  deps: DraftDeps,
  actor: StaffActor,
  draftId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<StageSheetOutcome> {
  requireRole(actor, 'clerk', 'edit-draft');
  await draftOf(deps, draftId);
  const tooBig = sheetSizeProblem(file.bytes.byteLength);
  if (tooBig) return { kept: false, problems: [tooBig] };
  const read = await readUnitSheet(file.bytes, { lang: 'vi' });
  const whole = wholeFileProblems(read.problems, read.headerRow);
  if (whole.length > 0) return { kept: false, problems: whole };
  if (read.units.length === 0 && read.problems.length === 0) {
    return { kept: false, problems: [{ row: 0, message: 'Không có đơn vị nào dưới dòng tiêu đề.' }] };
  }
  const pending: PendingImport = {
    units: read.units,
    unitRows: read.unitRows,
    problems: read.problems,
    rows: read.rows,
    headerRow: read.headerRow,
    fileName: file.name,
    by: actorLabel(actor),
    at: nowOf(deps),
  };
  // The pending import lives in the draft's JSON: bounded like the campaign file it will become.
  if (Buffer.byteLength(JSON.stringify(pending), 'utf8') > MAX_PENDING_IMPORT_BYTES) {
    const message = `Bảng tính có quá nhiều đơn vị hoặc lỗi để xem trước (${read.rows} dòng, ${read.problems.length} lỗi): hãy kiểm tra đúng tệp chưa.`;
    return { kept: false, problems: [{ row: 0, message }] };
  }
  const draft = await deps.drafts.setPendingImport(draftId, pending);
  if (!draft) throw new AppError('not-found', { operation: 'edit-draft', value: draftId });
  return { kept: true, draft };
}

export type ImportOutcome =
  | { ok: true; draft: CampaignDraft; imported: number; dropped: number[] }
  /** Why nothing was imported, in Vietnamese. */
  | { ok: false; reason: string };

/**
 * Imports the pending sheet's units into the draft's `units:` block ({@link replaceUnits}) and ends
 * the import. Without `dropBadRows`, only a sheet without problems is imported; with it, the rows the
 * clerk confirmed (`confirmedRows`, as the page named them) must be exactly the bad rows now, so
 * that a confirmation given for another sheet drops nothing.
 */
export async function importPendingUnits(
  deps: DraftDeps,
  actor: StaffActor,
  draftId: string,
  opts: { dropBadRows?: boolean; confirmedRows?: number[] } = {},
): Promise<ImportOutcome> {
  requireRole(actor, 'clerk', 'edit-draft');
  const draft = await draftOf(deps, draftId);
  const pending = draft.pendingImport;
  if (!pending) return { ok: false, reason: 'Không có bảng tính nào đang chờ nhập; hãy tải bảng tính lên.' };
  const bad = badRowsOf(pending);
  let result = pending;
  if (opts.dropBadRows) {
    const confirmed = [...new Set(opts.confirmedRows ?? [])].sort((a, b) => a - b);
    if (confirmed.join(',') !== bad.join(',')) {
      return {
        ok: false,
        reason: `Các dòng xác nhận bỏ (${confirmed.join(', ') || 'không có'}) không khớp các dòng lỗi hiện có (${bad.join(', ')}); chưa nhập gì. Hãy xem lại và xác nhận lại.`,
      };
    }
    result = { ...pending, ...dropRows(pending, bad) };
  }
  if (result.problems.length > 0) {
    return {
      ok: false,
      reason: `Bảng tính còn ${result.problems.length} lỗi (dòng ${badRowsOf(result).join(', ')}); chưa nhập gì. Sửa tệp rồi tải lên lại, hoặc bỏ các dòng lỗi.`,
    };
  }
  if (result.units.length === 0) return { ok: false, reason: 'Không còn đơn vị nào để nhập; chưa nhập gì.' };
  const dropped = opts.dropBadRows ? bad : [];
  const what =
    `nhập ${result.units.length} đơn vị từ ${pending.fileName}` +
    (dropped.length ? `, bỏ dòng ${dropped.join(', ')}` : '');
  const saved = await replaceUnits(deps, draftId, result.units, actor, { what, clearPendingImport: true });
  return { ok: true, draft: saved, imported: result.units.length, dropped };
}

/** Ends the pending import without importing anything. */
export async function cancelPendingImport(deps: DraftDeps, actor: StaffActor, draftId: string): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const before = await draftOf(deps, draftId);
  const draft = await deps.drafts.setPendingImport(draftId, undefined);
  if (!draft) throw new AppError('not-found', { operation: 'edit-draft', value: draftId });
  if (!before.pendingImport) return draft;
  // The history says what was not imported, and by whom.
  const noted = await deps.drafts.note(draftId, {
    by: actorLabel(actor),
    what: `hủy, không nhập bảng tính "${before.pendingImport.fileName}"`,
  });
  return noted ?? draft;
}

/**
 * Starting a campaign from the dashboard (issue 18): a draft campaign file is created (an upload, a
 * sample of `config/campaigns/`, a copy of another draft), edited, checked, previewed and started.
 * Checking is `thidua campaign validate` ({@link checkCampaignText}, the loader the CLI uses), the
 * preview is `thidua campaign plan` (the same compiler and rows) plus the messages a unit receives
 * (composed as the mail activity composes them), and the start is the CLI's {@link startCampaign}.
 *
 * Attachments: a draft has no folder of its own, so its files are read relative to
 * `config/campaigns/` (where the samples and their documents live); a path that leaves that folder
 * is refused. A draft is checked as if it were the file `config/campaigns/<draft id>.yaml`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isMap, isNode, isScalar, parseDocument, stringify } from 'yaml';
import { flattenUnits, unitMessageContext } from '../activities';
import { timelineSvg } from '../documents/charts';
import {
  checkCampaignText,
  decodeUtf8,
  MAX_CAMPAIGN_FILE_BYTES,
  type LoadResult,
  type Problem,
  type ValidationMode,
} from '../config/campaign-files';
import type { WorkingCalendar } from '../domain/calendar/types';
import type { CampaignDefinition, UnitInput } from '../domain/campaign-schema';
import { formatPath } from '../domain/campaign-validate';
import { composeMessage, formatDeadline, type ComposedMessage } from '../domain/messages';
import { planTag } from '../domain/plan-document';
import { planAttachments } from '../stores/plan-documents';
import { compileCampaign, rehearse } from '../domain/timeline';
import { campaignTimeline, type TimelineRow } from '../domain/timeline-rows';
import type { CompiledCampaign, ReadInstant } from '../domain/timeline-types';
import { moveCampaignYears } from '../domain/move-dates';
import { parseYamlSource } from '../domain/yaml-source';
import {
  MAX_PENDING_IMPORT_BYTES,
  type CampaignDraft,
  type CampaignDrafts,
  type DraftSummary,
  type PendingImport,
} from '../stores/campaign-drafts';
import { dropRows, readUnitSheet, sheetSizeProblem, unitsToYaml, type SheetProblem } from '../sheets/unit-import';
import type { StartOutcome, StartRequest } from './campaigns';
import { actorLabel, requireRole, type StaffActor } from './roles';
import { AppError } from './temporal-errors';

export type { Problem };
/** The largest draft, uploaded or typed: the campaign file's own limit. */
export const MAX_DRAFT_BYTES = MAX_CAMPAIGN_FILE_BYTES;

export interface DraftDeps {
  drafts: CampaignDrafts;
  /** `config/campaigns/`: the samples, and the folder a draft's attachments are read from. */
  samplesDir: string;
  /** The working calendar (the shipped holiday table). */
  calendar: () => WorkingCalendar;
  /** "Now" as an ISO instant: the past-deadline rule and a rehearsal's anchor. */
  now?: () => string;
  /** The CLI's start: `startCampaign(context, stores, req)` bound to the Temporal client and stores. */
  start: (req: StartRequest) => Promise<StartOutcome>;
  /**
   * The status of an earlier campaign with this id (Temporal's name, e.g. `COMPLETED`), undefined when
   * there is none: an id already used by a campaign that has ended is refused before the start (a
   * running one is left to the start, which says so and changes nothing).
   */
  campaignStatusOf?: (campaignId: string) => Promise<string | undefined>;
  /**
   * The definition an earlier campaign was started with (as stored at its start), undefined when no
   * campaign has that id: a new draft can be copied from it.
   */
  earlierDefinition?: (campaignId: string) => Promise<CampaignDefinition | undefined>;
}

/** An ended campaign's state as a clerk reads it. */
const ENDED: Record<string, string> = {
  COMPLETED: 'đã kết thúc',
  CANCELLED: 'đã hủy',
  TERMINATED: 'đã bị dừng',
  FAILED: 'đã lỗi',
  TIMED_OUT: 'đã hết thời gian',
};

const nowOf = (deps: DraftDeps) => (deps.now ?? (() => new Date().toISOString()))();

/** The path a draft is checked as: its attachments are read beside it, in the samples' folder. */
export const draftFile = (deps: DraftDeps, id: string) => path.join(deps.samplesDir, `${id}.yaml`);

async function draftOf(deps: DraftDeps, id: string): Promise<CampaignDraft> {
  const draft = await deps.drafts.get(id);
  if (!draft) throw new AppError('not-found', { operation: 'edit-draft', value: id });
  return draft;
}

// ------------------------------------------------------------------------------------------- create

/** The sample campaign files (`config/campaigns/*.yaml`), by name. */
export function listSamples(deps: Pick<DraftDeps, 'samplesDir'>): string[] {
  return fs
    .readdirSync(deps.samplesDir)
    .filter((n) => n.endsWith('.yaml'))
    .sort();
}

export type CreateOutcome = { draft?: CampaignDraft; problems: Problem[] };

/**
 * A draft from an uploaded file's bytes. A file over the size limit or not UTF-8 makes no draft (its
 * problem names the encoding it looks like, and the line); a file that is text is kept even with
 * problems, so the clerk can fix it in the page, and every problem is returned.
 */
export async function createDraftFromUpload(
  deps: DraftDeps,
  actor: StaffActor,
  file: { name: string; bytes: Uint8Array },
): Promise<CreateOutcome> {
  requireRole(actor, 'clerk', 'edit-draft');
  if (file.bytes.byteLength > MAX_CAMPAIGN_FILE_BYTES || !decodeUtf8(file.bytes).ok) {
    // The loader's own problem: the size, or the first byte that is not UTF-8 and the encoding it looks like.
    const checked = checkCampaignText(file.bytes, file.name, { mode: 'validate', calendar: deps.calendar() });
    return { problems: checked.ok ? [] : checked.problems };
  }
  const yaml = new TextDecoder('utf-8').decode(file.bytes);
  const draft = await deps.drafts.create({ yaml, by: actorLabel(actor), what: `tạo từ tệp tải lên "${file.name}"` });
  return { draft, problems: (await checkDraft(deps, draft.id)).problems };
}

/** A draft from a sample of `config/campaigns/`, named by its file name. */
export async function createDraftFromSample(deps: DraftDeps, actor: StaffActor, name: string): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  if (!listSamples(deps).includes(name)) throw new AppError('not-found', { operation: 'edit-draft', value: name });
  const yaml = fs.readFileSync(path.join(deps.samplesDir, name), 'utf8');
  return deps.drafts.create({ yaml, by: actorLabel(actor), what: `tạo từ mẫu "${name}"` });
}

/** The shift a copy may move its dates by, in years: a clerk types it in the copy form. */
export const COPY_YEARS = { min: -5, max: 10 } as const;

/**
 * A copy of an earlier draft (its text as it is now). With `opts.years` (non-zero, whole, within
 * {@link COPY_YEARS}) its dates move by that many years ({@link moveCampaignYears}: day and month
 * kept, the id's year too), and the history says so and how many dates moved, with any note (a 29/2
 * made 28/2).
 */
export async function copyDraft(
  deps: DraftDeps,
  actor: StaffActor,
  fromId: string,
  opts: { years?: number } = {},
): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const years = copyYears(opts.years);
  const from = await draftOf(deps, fromId);
  return createCopy(deps, actor, from.yaml, `sao chép từ bản nháp ${from.id}`, years);
}

/**
 * A draft from the definition an earlier campaign was started with (`campaignId`), its dates moved by
 * `opts.years` as {@link copyDraft} moves them: the way a yearly or half-yearly review is prepared
 * from the last one. The definition is written back as YAML (its comments were not stored).
 */
export async function copyCampaign(
  deps: DraftDeps,
  actor: StaffActor,
  campaignId: string,
  opts: { years?: number } = {},
): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const years = copyYears(opts.years);
  const definition = campaignId ? await deps.earlierDefinition?.(campaignId) : undefined;
  if (!definition) throw new AppError('not-found', { operation: 'edit-draft', campaignId });
  // The plan documents copied into the report store at the start are not part of the file.
  const { documents: _documents, ...file } = definition as CampaignDefinition & { documents?: unknown };
  const yaml =
    `# Sao chép từ đợt thi đua ${campaignId} (định nghĩa lưu khi bắt đầu đợt).\n` +
    stringify(file, { lineWidth: 100, flowCollectionPadding: false });
  return createCopy(deps, actor, yaml, `sao chép từ đợt thi đua ${campaignId}`, years);
}

function copyYears(value: number | undefined): number {
  const years = value ?? 0;
  if (!Number.isInteger(years) || years < COPY_YEARS.min || years > COPY_YEARS.max) {
    throw new AppError('invalid', { input: 'copy-years', value: `${COPY_YEARS.min}..${COPY_YEARS.max}` });
  }
  return years;
}

/** A new draft from a copied text, its dates moved by `years` (0: as it is), the history saying so. */
function createCopy(deps: DraftDeps, actor: StaffActor, yaml: string, what: string, years: number) {
  if (years === 0) return deps.drafts.create({ yaml, by: actorLabel(actor), what });
  const moved = moveCampaignYears(yaml, years);
  const dates = moved.moved.filter((m) => m.path !== 'campaign.id').length;
  let said = `${what}, dời ngày ${years > 0 ? '+' : ''}${years} năm (${dates} ngày tháng)`;
  if (moved.problems.length > 0) said += `; lưu ý: ${moved.problems.join(' ')}`;
  return deps.drafts.create({ yaml: moved.text, by: actorLabel(actor), what: said });
}

export function listDrafts(deps: DraftDeps): Promise<DraftSummary[]> {
  return deps.drafts.list();
}

export function getDraft(deps: DraftDeps, id: string): Promise<CampaignDraft> {
  return draftOf(deps, id);
}

// -------------------------------------------------------------------------------------------- edit

/** Saves the text typed in the page; the history records who and when. */
export async function saveDraft(deps: DraftDeps, actor: StaffActor, id: string, yaml: string): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const draft = await draftOf(deps, id);
  if (draft.yaml === yaml) return draft; // nothing changed: no history line
  const saved = await deps.drafts.update(id, { yaml, by: actorLabel(actor), what: 'sửa nội dung' });
  if (!saved) throw new AppError('not-found', { operation: 'edit-draft', value: id });
  return saved;
}

/**
 * The seam for the sheet import (`sheets/unit-import.ts`): replaces the draft's `units:` block with
 * `units`, keeping the rest of the text and its comments (the `yaml` Document API edits the tree the
 * text was parsed into). A text that is not a YAML mapping is refused as `invalid`. `opts.what` is
 * the history's line (an import names its file); `clearPendingImport` ends the import in the same write.
 */
export async function replaceUnits(
  deps: DraftDeps,
  draftId: string,
  units: UnitInput[],
  actor: StaffActor,
  opts: { what?: string; clearPendingImport?: boolean } = {},
): Promise<CampaignDraft> {
  requireRole(actor, 'clerk', 'edit-draft');
  const draft = await draftOf(deps, draftId);
  const doc = parseDocument(draft.yaml);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new AppError('invalid', { input: 'campaign-draft', value: 'units' });
  }
  const yaml = withUnits(draft.yaml, doc, units);
  const saved = await deps.drafts.update(draftId, {
    yaml,
    by: actorLabel(actor),
    what: opts.what ?? `thay danh sách đơn vị (${flattenUnits(units).length} đơn vị)`,
    ...(opts.clearPendingImport ? { clearPendingImport: true } : {}),
  });
  if (!saved) throw new AppError('not-found', { operation: 'edit-draft', value: draftId });
  return saved;
}

/**
 * The text with its `units:` block replaced: spliced at the block's place in the text, so every other
 * line stays byte for byte (re-printing the whole document would re-fold long lines and flow lists);
 * through the Document API when the block cannot be located (no `units:` key, or an empty one).
 */
function withUnits(text: string, doc: ReturnType<typeof parseDocument>, units: UnitInput[]): string {
  const pair = isMap(doc.contents)
    ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'units')
    : undefined;
  const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
  const valueRange = pair && isNode(pair.value) ? pair.value.range : undefined;
  if (keyRange && valueRange) {
    return text.slice(0, keyRange[0]) + unitsToYaml(units) + text.slice(valueRange[2]);
  }
  // JSON drops the optional fields left undefined, which would otherwise be written as `null`.
  doc.set('units', doc.createNode(JSON.parse(JSON.stringify(units)) as unknown));
  return doc.toString({ lineWidth: 0 });
}

// ------------------------------------------------------------------------------ import from a sheet

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

// ------------------------------------------------------------------------------------------- check

export interface DraftCheck {
  ok: boolean;
  /** Errors and warnings, each with its line, column and field when it has one. */
  problems: Problem[];
  campaign?: CampaignDefinition;
}

/** Every problem of the draft at once, as `thidua campaign validate` reports them. */
export async function checkDraft(deps: DraftDeps, id: string, mode: ValidationMode = 'validate'): Promise<DraftCheck> {
  const draft = await draftOf(deps, id);
  return checkText(deps, draft, mode);
}

function checkText(deps: DraftDeps, draft: CampaignDraft, mode: ValidationMode): DraftCheck {
  const file = draftFile(deps, draft.id);
  const loaded: LoadResult = checkCampaignText(draft.yaml, file, { mode, calendar: deps.calendar(), now: nowOf(deps) });
  if (!loaded.ok) return { ok: false, problems: loaded.problems };
  const outside = attachmentsOutside(deps, loaded.campaign, draft.yaml, file);
  if (outside.length > 0) return { ok: false, problems: [...loaded.warnings, ...outside] };
  return { ok: true, problems: loaded.warnings, campaign: loaded.campaign };
}

/** An attachment of a draft must lie inside `config/campaigns/`: a draft reads no file elsewhere. */
function attachmentsOutside(deps: DraftDeps, def: CampaignDefinition, text: string, file: string): Problem[] {
  const source = parseYamlSource(text, file);
  const root = path.resolve(deps.samplesDir);
  const problems: Problem[] = [];
  const phaseIndex = def.phases.findIndex((p) => p.kind === 'plan-issue');
  planAttachments(def).forEach((a, j) => {
    if (typeof a === 'string') return;
    const full = path.resolve(root, a.file);
    if (full.startsWith(root + path.sep)) return;
    const fieldPath = ['phases', phaseIndex, 'attachments', j, 'file'];
    const { line, column } = source.locate(fieldPath, 'value');
    problems.push({
      severity: 'error',
      file,
      line,
      column,
      path: formatPath(fieldPath),
      message: `Tệp đính kèm "${a.file}" phải nằm trong thư mục config/campaigns/ (ví dụ "documents/ke-hoach.pdf"); bản nháp không đọc tệp ở nơi khác.`,
    });
  });
  return problems;
}

// ----------------------------------------------------------------------------------------- preview

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

function compiledOf(
  deps: DraftDeps,
  def: CampaignDefinition,
  spec: string | undefined,
  file: string,
): CompiledCampaign | { problems: Problem[] } {
  try {
    const compiled = compileCampaign(def, deps.calendar());
    return spec ? rehearse(compiled, spec, nowOf(deps)) : compiled;
  } catch (err) {
    // A mistyped compression ("1d=20x") or a timeline the compiler refuses: its own explanation.
    return { problems: [{ severity: 'error', file, path: spec ? 'rehearse' : '', message: (err as Error).message }] };
  }
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

// ------------------------------------------------------------------------------------------- start

export type StartDraftOutcome = { ok: false; problems: Problem[] } | { ok: true; outcome: StartOutcome };

/**
 * Starts the draft's campaign (the approver's decision; a rehearsal is compressed by `rehearse`,
 * e.g. "1d=20s"): checked as `thidua campaign start` checks it, compiled, and handed to the CLI's
 * start. A campaign already running is not touched (`started: false`). Refused as `forbidden`
 * without the approver role, before anything is read.
 */
export async function startDraft(
  deps: DraftDeps,
  actor: StaffActor,
  id: string,
  opts: { rehearse?: string } = {},
): Promise<StartDraftOutcome> {
  requireRole(actor, 'approver', 'start-campaign');
  const draft = await draftOf(deps, id);
  const checked = checkText(deps, draft, opts.rehearse ? 'rehearse' : 'start');
  if (!checked.ok || !checked.campaign) return { ok: false, problems: checked.problems };
  const file = draftFile(deps, id);
  const campaignId = checked.campaign.campaign.id;
  const earlier = await deps.campaignStatusOf?.(campaignId);
  if (earlier && earlier !== 'RUNNING') {
    const { line, column } = parseYamlSource(draft.yaml, file).locate(['campaign', 'id'], 'value');
    const state = ENDED[earlier] ?? earlier;
    const message = `mã đợt "${campaignId}" đã được dùng cho một đợt ${state}; hãy đặt mã khác (ví dụ thêm năm hoặc số lần).`;
    return { ok: false, problems: [{ severity: 'error', file, line, column, path: 'campaign.id', message }] };
  }
  const compiled = compiledOf(deps, checked.campaign, opts.rehearse, file);
  if ('problems' in compiled) return { ok: false, problems: compiled.problems };
  const outcome = await deps.start({
    definition: checked.campaign,
    file,
    compiled,
    ...(opts.rehearse ? { rehearsal: opts.rehearse } : {}),
  });
  const what = !outcome.started
    ? `bắt đầu đợt "${outcome.campaignId}": không thực hiện, đợt đã đang chạy`
    : `${opts.rehearse ? `diễn tập (${opts.rehearse})` : 'bắt đầu'} đợt "${outcome.campaignId}" (${outcome.unitCount} đơn vị)`;
  await deps.drafts.note(id, { by: actorLabel(actor), what });
  return { ok: true, outcome };
}

/**
 * The rules a submission must pass, shared by the workflow's update validators, the CLI and the
 * portal (so a unit hears the same refusal everywhere). Pure and deterministic: "now" is a parameter.
 */
import type { DueSummary, FileRef, Nomination, SubmissionKind } from './workflow-types';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;

// Length limits (in characters) of everything a unit or a staff member types that a workflow keeps:
// with the version cap they bound the workflow's state and its query answer far below Temporal's
// 2 MB payload limit (one unit link must not be able to make the unit unreadable).
export const MAX_NOMINEE_NAME_CHARS = 200;
export const MAX_POSITION_CHARS = 200;
export const MAX_AWARD_FORM_CHARS = 200;
export const MAX_REASONS_CHARS = 2000;
/** Rows in one version of the nominations (the portal's form has as many at most). */
export const MAX_NOMINATIONS_PER_VERSION = 10;
/** Names, positions, award forms and reasons of one version together (what a portal form can carry). */
export const MAX_NOMINATIONS_TEXT_CHARS = 10_000;
/** Who submitted, granted, requested or cancelled. */
export const MAX_PERSON_CHARS = 200;
export const MAX_FILE_NAME_CHARS = 180;
/** Reasons typed by staff: extension, cancellation. */
export const MAX_STAFF_REASON_CHARS = 1000;
/** Versions a unit may submit of each kind (summary report, presentation paper, nominations). */
export const MAX_VERSIONS_PER_KIND = 20;
/** Individual extensions of one unit, and campaign-wide extensions of one campaign. */
export const MAX_EXTENSIONS = 20;
/** Reminders sent on demand to one unit. */
export const MAX_MANUAL_REMINDERS = 20;

// Control characters (but tab and line breaks) and lone surrogates: never typed by people, and they
// would grow several-fold once escaped in JSON.
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Throws when a typed text is longer than `max` characters or holds characters no one types. */
export function assertText(label: string, value: unknown, max: number): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') throw new Error(`${capitalize(label)} không hợp lệ.`);
  if (value.length > max) {
    throw new Error(`${capitalize(label)} dài ${value.length} ký tự; tối đa ${max} ký tự.`);
  }
  if (UNPRINTABLE.test(value)) throw new Error(`${capitalize(label)} chứa ký tự không hợp lệ.`);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Refuses a submission once the unit has sent {@link MAX_VERSIONS_PER_KIND} versions of that kind. */
export function assertVersionRoom(kind: SubmissionKind | 'nominations', versions: number, contact: string): void {
  if (versions >= MAX_VERSIONS_PER_KIND) {
    throw new Error(
      `Đơn vị đã gửi ${versions} phiên bản ${kindLabel(kind)}, tối đa ${MAX_VERSIONS_PER_KIND} phiên bản; ` +
        `không nhận thêm. Nếu cần sửa tiếp, xin liên hệ Thường trực Hội đồng Thi đua - Khen thưởng: ${contact}.`,
    );
  }
}

/** Who submitted (portal or staff on the unit's behalf). */
export function assertSubmittedBy(submittedBy: string): void {
  if (typeof submittedBy !== 'string' || !submittedBy.trim()) throw new Error('Thiếu tên người nộp.');
  assertText('tên người nộp', submittedBy, MAX_PERSON_CHARS);
}

/** The texts of an extension (individual or campaign-wide) as staff type them. */
export function assertExtensionTexts(req: { reason: string; grantedBy: string }): void {
  assertText('lý do gia hạn', req.reason, MAX_STAFF_REASON_CHARS);
  assertText('tên người gia hạn', req.grantedBy, MAX_PERSON_CHARS);
}

/** The texts of a cancellation as staff type them. */
export function assertCancelTexts(req: { reason: string; cancelledBy: string }): void {
  assertText('lý do hủy', req.reason, MAX_STAFF_REASON_CHARS);
  assertText('tên người hủy', req.cancelledBy, MAX_PERSON_CHARS);
}
export const ALLOWED_CONTENT_TYPES: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'application/msword': ['.doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
};

export interface PhaseGate {
  phaseName: string;
  locked: boolean;
  lockAt: string;
  /** The lock instant as people read it (`dd/MM/yyyy HH:mm`, campaign zone). */
  lockLocal: string;
  cancelled?: { reason: string };
  contact: string;
}

/** Throws with the reason when the phase no longer accepts submissions. */
export function assertPhaseOpen(gate: PhaseGate, nowMs: number): void {
  if (gate.cancelled) {
    throw new Error(`Đợt tổng kết đã bị hủy (${gate.cancelled.reason}); không nhận báo cáo. Liên hệ: ${gate.contact}.`);
  }
  if (gate.locked || nowMs >= Date.parse(gate.lockAt)) {
    throw new Error(
      `Giai đoạn "${gate.phaseName}" đã khóa lúc ${gate.lockLocal}; báo cáo không thể nộp hoặc sửa nữa. ` +
        `Liên hệ: ${gate.contact}.`,
    );
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A file reference must name a stored, non-empty file of an accepted type. */
export function assertFileRef(kind: SubmissionKind, file: FileRef, due: DueSummary): void {
  const requirement = kind === 'summary-report' ? due.summaryReport : due.presentationPaper;
  if (requirement === 'none') throw new Error(`Giai đoạn này không nhận ${kindLabel(kind)}.`);
  if (!file || typeof file.name !== 'string' || file.name.trim() === '') throw new Error('Thiếu tên tệp.');
  assertText('tên tệp', file.name, MAX_FILE_NAME_CHARS);
  if (/[/\\\0]/.test(file.name) || file.name.startsWith('.')) {
    throw new Error(`Tên tệp "${file.name}" không hợp lệ: không được chứa "/", "\\" hay bắt đầu bằng ".".`);
  }
  if (!SHA256.test(file.sha256)) throw new Error('Mã băm sha256 của tệp không hợp lệ.');
  if (!Number.isInteger(file.size) || file.size <= 0) throw new Error(`Tệp "${file.name}" rỗng.`);
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`Tệp "${file.name}" quá lớn (${file.size} byte); tối đa ${MAX_FILE_BYTES / 1024 / 1024} MB.`);
  }
  const extensions = ALLOWED_CONTENT_TYPES[file.contentType];
  const ext = file.name.toLowerCase().slice(file.name.lastIndexOf('.'));
  if (!extensions || !extensions.includes(ext)) {
    throw new Error(`Tệp "${file.name}" (${file.contentType}) không đúng định dạng; chấp nhận: PDF, DOC, DOCX, ODT.`);
  }
}

export function kindLabel(kind: SubmissionKind | 'nominations'): string {
  switch (kind) {
    case 'summary-report':
      return 'báo cáo tổng kết';
    case 'presentation-paper':
      return 'báo cáo tham luận';
    case 'nominations':
      return 'hồ sơ đề nghị khen thưởng';
  }
}

/** Enforces the campaign's quota ("01 tập thể hoặc 01 cá nhân") and the award forms it allows. */
export function assertNominations(nominations: Nomination[], due: DueSummary): void {
  const rules = due.nominations;
  if (!rules) throw new Error('Giai đoạn này không nhận đề nghị khen thưởng.');
  if (!Array.isArray(nominations)) throw new Error('Danh sách đề nghị khen thưởng không hợp lệ.');
  if (nominations.length > MAX_NOMINATIONS_PER_VERSION) {
    throw new Error(
      `Mỗi lần gửi tối đa ${MAX_NOMINATIONS_PER_VERSION} đề nghị; danh sách có ${nominations.length} đề nghị.`,
    );
  }
  const quotaText = rules.description ? ` (${rules.description})` : '';
  if (nominations.length > rules.quota.total) {
    throw new Error(`Vượt chỉ tiêu: ${nominations.length} đề nghị, tối đa ${rules.quota.total}${quotaText}.`);
  }
  const count = (type: string) => nominations.filter((n) => n.type === type).length;
  for (const type of ['collective', 'individual'] as const) {
    const limit = rules.quota[type];
    if (limit !== undefined && count(type) > limit) {
      const label = type === 'collective' ? 'tập thể' : 'cá nhân';
      throw new Error(`Vượt chỉ tiêu ${label}: ${count(type)} đề nghị, tối đa ${limit}${quotaText}.`);
    }
  }
  nominations.forEach((n, i) => {
    const where = `Đề nghị thứ ${i + 1}`;
    if (n.type !== 'collective' && n.type !== 'individual') {
      throw new Error(`${where}: loại phải là "collective" (tập thể) hoặc "individual" (cá nhân).`);
    }
    if (typeof n.name !== 'string' || !n.name.trim()) throw new Error(`${where}: thiếu tên tập thể/cá nhân.`);
    if (typeof n.reasons !== 'string' || !n.reasons.trim()) {
      throw new Error(`${where}: thiếu thành tích, lý do đề nghị.`);
    }
    assertText(`${where}: tên tập thể/cá nhân`, n.name, MAX_NOMINEE_NAME_CHARS);
    assertText(`${where}: chức vụ, đơn vị công tác`, n.position, MAX_POSITION_CHARS);
    assertText(`${where}: hình thức khen thưởng`, n.awardForm, MAX_AWARD_FORM_CHARS);
    assertText(`${where}: thành tích, lý do đề nghị`, n.reasons, MAX_REASONS_CHARS);
    if (!rules.forms.includes(n.awardForm)) {
      throw new Error(
        `${where}: hình thức "${n.awardForm}" không thuộc các hình thức được đề nghị: ${rules.forms.join('; ')}.`,
      );
    }
  });
  const text = nominations.reduce(
    (sum, n) => sum + n.name.length + (n.position?.length ?? 0) + String(n.awardForm).length + n.reasons.length,
    0,
  );
  if (text > MAX_NOMINATIONS_TEXT_CHARS) {
    throw new Error(
      `Nội dung các đề nghị dài ${text} ký tự, tối đa ${MAX_NOMINATIONS_TEXT_CHARS} ký tự mỗi lần gửi; ` +
        'xin tóm tắt thành tích (chi tiết nêu trong báo cáo tổng kết).',
    );
  }
}

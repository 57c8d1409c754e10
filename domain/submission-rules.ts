/**
 * The rules a submission must pass, shared by the workflow's update validators, the CLI and the
 * portal (so a unit hears the same refusal everywhere). Pure and deterministic: "now" is a parameter.
 */
import type { DueSummary, FileRef, Nomination, SubmissionKind } from './workflow-types';

export const MAX_FILE_BYTES = 25 * 1024 * 1024;
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
        `Liên hệ: ${gate.contact}. (The phase closed at ${gate.lockAt}; submissions are read-only.)`,
    );
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A file reference must name a stored, non-empty file of an accepted type. */
export function assertFileRef(kind: SubmissionKind, file: FileRef, due: DueSummary): void {
  const requirement = kind === 'summary-report' ? due.summaryReport : due.presentationPaper;
  if (requirement === 'none') throw new Error(`Giai đoạn này không nhận ${kindLabel(kind)}.`);
  if (!file || typeof file.name !== 'string' || file.name.trim() === '') throw new Error('Thiếu tên tệp.');
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
    if (!n.name?.trim()) throw new Error(`${where}: thiếu tên tập thể/cá nhân.`);
    if (!n.reasons?.trim()) throw new Error(`${where}: thiếu thành tích, lý do đề nghị.`);
    if (!rules.forms.includes(n.awardForm)) {
      throw new Error(
        `${where}: hình thức "${n.awardForm}" không thuộc các hình thức được đề nghị: ${rules.forms.join('; ')}.`,
      );
    }
  });
}

/**
 * The rules a submission to a campaign with several deadline phases, or with declared deliverables,
 * must pass: the phase it names is the one open (not locked, not yet open), the deliverable is one
 * the phase asks for, the file of a type it accepts. Pure, shared by the workflow's validators, the
 * CLI and the portal, so that a unit hears the same refusal everywhere.
 */
import type { DueSummary, FileRef, FileVersion, UnitPhaseInput } from './workflow-types';

/** Where the unit stands: its deadline phases, the one under way, and when each locked. */
export interface PhasePosition {
  phases: UnitPhaseInput[];
  index: number;
  /** The lock as people read it, of each phase already locked (by index). */
  lockedLocal: (index: number) => string;
  contact: string;
}

const names = (phases: UnitPhaseInput[]) => phases.map((p) => `"${p.name}" (mã ${p.id ?? '?'})`).join(', ');

/**
 * Throws, in Vietnamese, unless a submission naming `phaseId` (or a deliverable of another phase) goes
 * to the phase under way, and that phase has opened.
 */
export function assertPhaseNamed(
  at: PhasePosition,
  phaseId: string | undefined,
  deliverable: string | undefined,
  nowMs: number,
): void {
  let target = phaseId === undefined ? at.index : at.phases.findIndex((p) => p.id === phaseId);
  if (target < 0) {
    throw new Error(`Không có giai đoạn nộp hồ sơ mã "${phaseId}"; các giai đoạn: ${names(at.phases)}.`);
  }
  // A deliverable only another phase asks for names that phase.
  if (phaseId === undefined && deliverable !== undefined) {
    const own = at.phases[at.index].due.deliverables?.some((d) => d.id === deliverable);
    const other = at.phases.findIndex((p) => p.due.deliverables?.some((d) => d.id === deliverable));
    if (!own && other >= 0) target = other;
  }
  const phase = at.phases[target];
  if (target < at.index) {
    throw new Error(
      `Giai đoạn "${phase.name}" đã khóa lúc ${at.lockedLocal(target)}; hồ sơ của giai đoạn này không thể nộp hoặc sửa nữa. ` +
        `Liên hệ: ${at.contact}.`,
    );
  }
  const opens = Date.parse(phase.windowStart);
  if (target > at.index || nowMs < opens) {
    throw new Error(
      `Giai đoạn "${phase.name}" chưa mở nhận hồ sơ` +
        `${phase.windowStartLocal ? ` (mở từ ${phase.windowStartLocal})` : ''}; hạn nộp ${phase.schedule.deadline.local}.`,
    );
  }
}

/** Throws unless `deliverable` is one the phase asks for and the file is of a type it accepts. */
export function assertDeliverable(deliverable: string | undefined, file: FileRef, due: DueSummary): void {
  const all = due.deliverables ?? [];
  const listed = all.map((d) => `"${d.name}" (mã ${d.id})`).join(', ');
  if (!deliverable) throw new Error(`Cần ghi tài liệu nộp, một trong: ${listed}.`);
  const d = all.find((x) => x.id === deliverable);
  if (!d) throw new Error(`Giai đoạn này không nhận tài liệu mã "${deliverable}"; các tài liệu: ${listed}.`);
  const name = typeof file?.name === 'string' ? file.name : '';
  const ext = name.toLowerCase().slice(name.lastIndexOf('.') + 1);
  if (!d.accept.includes(ext)) {
    throw new Error(
      `Tệp "${name}" không đúng định dạng cho "${d.name}"; chấp nhận: ${d.accept.map((a) => a.toUpperCase()).join(', ')}.`,
    );
  }
}

/** Every required deliverable has a file. */
export function deliverablesComplete(due: DueSummary, files: FileVersion[]): boolean {
  return (due.deliverables ?? []).filter((d) => d.required).every((d) => files.some((f) => f.deliverable === d.id));
}

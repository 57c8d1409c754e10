/**
 * What `thidua campaign status` prints when a later phase's child workflow failed (issue 17), in
 * Vietnamese (default) and English (`--lang en`): right under the phase line, marked so that it is
 * not missed. The message itself is the workflow's own (Vietnamese) refusal, in both languages.
 */
import type { PhaseFailure } from '../../domain/workflow-types';
import type { Lang } from '../messages';

export interface PhaseFailureCliTexts {
  /** The notice's first line: which phase stopped, and when (`at` already local). */
  headline: (name: string, phase: string, at: string) => string;
  reason: (message: string) => string;
  todo: string;
  /** `thidua campaign list`: the suffix of a campaign's row whose phases (their names) failed. */
  listMark: (names: string) => string;
}

const vi: PhaseFailureCliTexts = {
  headline: (name, phase, at) => `!! LỖI: giai đoạn "${name}" (${phase}) không thực hiện được, dừng lúc ${at}`,
  reason: (message) => `   Lý do: ${message}`,
  todo: '   Các giai đoạn khác vẫn tiếp tục; giai đoạn này không tự chạy lại: cần Thường trực xử lý.',
  listMark: (names) => `  !! LỖI: ${names} (xem thidua campaign status)`,
};

const en: PhaseFailureCliTexts = {
  headline: (name, phase, at) => `!! FAILED: phase "${name}" (${phase}) did not run, stopped at ${at}`,
  reason: (message) => `   Reason: ${message}`,
  todo: '   The other phases go on; this one is not run again by itself: the secretariat must act.',
  listMark: (names) => `  !! FAILED: ${names} (see thidua campaign status)`,
};

export function phaseFailureTexts(lang: Lang): PhaseFailureCliTexts {
  return lang === 'en' ? en : vi;
}

/** The notice's lines for every failed phase, or none. */
export function phaseFailureLines(
  failures: PhaseFailure[] | undefined,
  lang: Lang,
  phaseName: (phase: string) => string,
  local: (utc: string) => string,
): string[] {
  const t = phaseFailureTexts(lang);
  return (failures ?? []).flatMap((f) => [
    t.headline(f.name, phaseName(f.phase), local(f.at)),
    t.reason(f.message),
    t.todo,
  ]);
}

/** The list's suffix for a campaign with failed phases (each phase named once), or nothing. */
export function phaseFailureListMark(failures: PhaseFailure[] | undefined, lang: Lang): string {
  if (!failures?.length) return '';
  return phaseFailureTexts(lang).listMark([...new Set(failures.map((f) => f.name))].join(', '));
}

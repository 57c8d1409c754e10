/**
 * Local times the workflows hand over already written (a schedule's `local`, "14/10/2009 17:00"; a
 * conference's `whenLocal`, "08:00 ngày 14/11/2009"), as the pages write every instant: "17:00 thứ
 * Tư, 14/10/2009" (`localTime`). The text is rewritten, not recomputed from the instant: in a
 * rehearsal the local text is the plan's calendar while the instant is the compressed one.
 */
import { vietnameseWeekday } from '../domain/date-phrases';

const LOCAL_IN = /(\d\d)\/(\d\d)\/(\d{4}) (\d\d:\d\d(?::\d\d)?)(?![\d:])/g;
const LOCAL = new RegExp(`^${LOCAL_IN.source}$`);
const SPOKEN = /(\d\d:\d\d(?::\d\d)?) ngày (\d\d)\/(\d\d)\/(\d{4})/g;

const phrase = (time: string, d: string, m: string, y: string) =>
  `${time} ${vietnameseWeekday(`${y}-${m}-${d}`)}, ${d}/${m}/${y}`;

/** `dd/MM/yyyy HH:mm[:ss]` → `HH:mm[:ss] thứ X, dd/MM/yyyy`; any other text as it is. */
export function localWords(local: string): string {
  const m = LOCAL.exec(local);
  return m ? phrase(m[4], m[1], m[2], m[3]) : local;
}

/** Every `HH:mm ngày dd/MM/yyyy` in a text → `HH:mm thứ X, dd/MM/yyyy` ("dự kiến trong tháng 11/2009" stays). */
export const spokenWords = (text: string): string =>
  text.replace(SPOKEN, (_all, time: string, d: string, m: string, y: string) => phrase(time, d, m, y));

/**
 * Every `dd/MM/yyyy HH:mm` in a text → the pages' words: a workflow's refusal serves the CLI too, which
 * keeps the compact form, so a page rewords it where it shows it.
 */
export const localWordsIn = (text: string): string =>
  text.replace(LOCAL_IN, (_all, d: string, m: string, y: string, time: string) => phrase(time, d, m, y));

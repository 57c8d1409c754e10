/**
 * The refusal of an option a command does not take (`client/commands/known-options.ts`) and of a
 * command that does not exist (`client/thidua.ts`), vi and en.
 */
import type { Lang } from '../messages';

const vi = (option: string, command: string) =>
  `lệnh thidua ${command} không có tùy chọn ${option}; chưa làm gì. Xem: thidua ${command} --help`;
const en = (option: string, command: string) =>
  `thidua ${command} has no option ${option}; nothing was done. See: thidua ${command} --help`;

export const unknownOptionText = (lang: Lang): ((option: string, command: string) => string) =>
  lang === 'en' ? en : vi;

/** Before the list of commands: what was typed and is not one. */
export const unknownCommandText = (lang: Lang, typed: string): string =>
  lang === 'en'
    ? `thidua: no command "${typed}"; the commands:\n\n`
    : `thidua: không có lệnh "${typed}"; các lệnh:\n\n`;

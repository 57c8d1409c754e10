/** The refusal of an option a command does not take (`client/commands/known-options.ts`), vi and en. */
import type { Lang } from '../messages';

const vi = (option: string, command: string) =>
  `lệnh thidua ${command} không có tùy chọn ${option}; chưa làm gì. Xem: thidua ${command} --help`;
const en = (option: string, command: string) =>
  `thidua ${command} has no option ${option}; nothing was done. See: thidua ${command} --help`;

export const unknownOptionText = (lang: Lang): ((option: string, command: string) => string) =>
  lang === 'en' ? en : vi;

/** Words of the synthesis shared by its page and its actions' forms. */

/** Who made a version: the first draft is built by the system, recorded under its name "thidua". */
export const versionAuthor = (by: string): string => (by === 'thidua' ? 'hệ thống (tự động)' : by);

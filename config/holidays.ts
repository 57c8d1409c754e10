/**
 * Loads the table of announced holidays (config/holidays-vn.yaml) and builds the working calendar
 * from it. The file is read once per call, synchronously: callers load it at start-up (worker,
 * client) and pass the calendar, or the table, on; domain code never reads files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import {
  createWorkingCalendar,
  HolidayOverrideError,
  validateHolidayOverrides,
  type HolidayOverrideTable,
  type VietnamWorkingCalendar,
} from '../domain/calendar/working-calendar';

/** The shipped table of announcements. */
export const DEFAULT_HOLIDAYS_FILE = path.resolve(__dirname, 'holidays-vn.yaml');

/**
 * Reads and validates an override table. Every fault is reported at once, in a
 * {@link HolidayOverrideError} whose message names the file, the year and the field.
 */
export function loadHolidayOverrides(file: string = DEFAULT_HOLIDAYS_FILE): HolidayOverrideTable {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new HolidayOverrideError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new HolidayOverrideError(
      file,
      document.errors.map((error) => `YAML: ${error.message}`),
    );
  }
  return validateHolidayOverrides(document.toJS() ?? {}, file);
}

/** The working calendar with the announcements of `file` (the shipped table by default). */
export function loadWorkingCalendar(file?: string): VietnamWorkingCalendar {
  return createWorkingCalendar(loadHolidayOverrides(file));
}

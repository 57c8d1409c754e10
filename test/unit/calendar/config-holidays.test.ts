/** config/holidays.ts: the shipped table loads; a bad one fails naming the file, the year and the field. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_HOLIDAYS_FILE, loadHolidayOverrides, loadWorkingCalendar } from '../../../config/holidays';
import { HolidayOverrideError } from '../../../domain/calendar/working-calendar';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-holidays-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes a table to a temporary file and returns its path. */
function tableFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** The error loading `file` throws. */
function loadError(file: string): HolidayOverrideError {
  try {
    loadHolidayOverrides(file);
  } catch (error) {
    expect(error).toBeInstanceOf(HolidayOverrideError);
    return error as HolidayOverrideError;
  }
  throw new Error(`${file} loaded without error`);
}

describe('the shipped table', () => {
  it('loads, with the announced years', () => {
    const table = loadHolidayOverrides();
    expect(DEFAULT_HOLIDAYS_FILE).toMatch(/config[/\\]holidays-vn\.yaml$/);
    for (const year of ['2024', '2025', '2026']) expect(table[year]).toBeDefined();
    expect(table['2025'].replace).toEqual(['tet']);
    expect(table['2025'].workdays).toEqual([{ date: '2025-04-26', name: 'Làm bù cho thứ Sáu 02/05/2025' }]);
    expect(table['2026'].daysOff?.map((d) => [d.from, d.to])).toEqual([
      ['2026-01-02', undefined],
      ['2026-02-14', '2026-02-22'],
      ['2026-08-31', undefined],
    ]);
  });

  it('gives a working calendar', () => {
    const calendar = loadWorkingCalendar();
    expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
    expect(calendar.isWorkingDay('2025-02-02')).toBe(false);
  });
});

describe('a bad table', () => {
  it('names the file, the year and the field of a wrong date', () => {
    const file = tableFile('bad-date.yaml', "'2025':\n  daysOff:\n    - { from: '2025-02-30', name: 'Nghỉ' }\n");
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.message).toContain('year 2025: daysOff[0].from: "2025-02-30" is not a date (yyyy-MM-dd)');
  });

  it('names an unknown field, at the year and inside an entry', () => {
    const file = tableFile(
      'unknown-field.yaml',
      "'2025':\n  dayOff: []\n  workdays:\n    - { date: '2025-04-26', name: 'Làm bù', note: 'x' }\n",
    );
    const error = loadError(file);
    expect(error.message).toContain(file);
    expect(error.problems).toEqual([
      'year 2025: unknown field "dayOff" (expected replace, daysOff, workdays, source)',
      'year 2025: workdays[0]: unknown field "note" (expected date, name)',
    ]);
  });

  it('reports every fault at once: a date outside its year, a weekday make-up day, an unknown group, a bad year', () => {
    const file = tableFile(
      'many.yaml',
      [
        "'2024':",
        '  replace: [tet, christmas]',
        '  daysOff:',
        "    - { from: '2025-01-02', name: 'X' }",
        "    - { from: '2024-02-10', to: '2024-02-08', name: 'Y' }",
        '  workdays:',
        "    - { date: '2024-05-06', name: 'Z' }",
        "'24':",
        '  daysOff: []',
      ].join('\n'),
    );
    expect(loadError(file).problems).toEqual([
      'year "24": not a year from 1900 to 2199', // integer-like keys come first in a JS object
      'year 2024: replace[1]: "christmas" is not one of new-year, tet, hung-kings, victory-day, labour-day, national-day',
      'year 2024: daysOff[0].from: 2025-01-02 is not in 2024',
      'year 2024: daysOff[1].to: 2024-02-08 is before from 2024-02-10',
      'year 2024: workdays[0].date: 2024-05-06 is a weekday; a make-up workday is a Saturday or Sunday',
    ]);
  });

  it('rejects a missing name and a date listed both as off and as a workday', () => {
    const file = tableFile(
      'clash.yaml',
      "'2025':\n  daysOff:\n    - { from: '2025-04-26' }\n  workdays:\n    - { date: '2025-04-26', name: 'W' }\n",
    );
    expect(loadError(file).problems).toEqual([
      'year 2025: daysOff[0].name: expected a non-empty name',
      'year 2025: workdays[0].date: 2025-04-26 is also in daysOff[0]',
    ]);
  });

  it('names the file of a YAML syntax error, a duplicate year or a missing file', () => {
    const syntax = tableFile('syntax.yaml', "'2025':\n  daysOff: [ { from: '2025-01-01' \n");
    expect(loadError(syntax).message).toContain(syntax);
    const duplicate = tableFile('duplicate.yaml', "'2025': {}\n'2025': {}\n");
    expect(loadError(duplicate).message).toMatch(/YAML: .*unique/i);
    const missing = path.join(dir, 'missing.yaml');
    expect(loadError(missing).message).toContain(missing);
  });
});

/**
 * Units from the sheet a provincial emulation board already keeps (Excel `.xlsx` or `.csv`): the
 * campaign file's units and every problem, each named by the row Excel shows and the column letter
 * and header, in Vietnamese (or English). Pure: bytes in, data out. Nothing is imported here — the
 * caller (dashboard, CLI) takes the units only when there is no problem, or after the clerk drops
 * the bad rows explicitly ({@link dropRows}).
 *
 * Columns are found by their header, in any order, Vietnamese or English, whatever the case and
 * diacritics ({@link UNIT_COLUMNS}); {@link unitSheetTemplate} writes the documented set.
 *
 * The module importers use; each job is its own file under `unit-import/`: `sheet.ts` (the limits,
 * the result's shape, the sheet as text), `columns.ts` (the header set, labels, column letters),
 * `messages.ts` (the Vietnamese and English messages), `read.ts` (reading, told apart by content),
 * `read-csv.ts`, `read-xlsx.ts` (with the zip-bomb check), `rows.ts` (the per-row checks, unit ids,
 * {@link dropRows}), `template.ts` ({@link unitSheetTemplate}) and `yaml.ts` ({@link unitsToYaml}).
 */
export {
  MAX_SHEET_BYTES,
  MAX_SHEET_ROWS,
  MAX_SHEET_UNPACKED_BYTES,
  type ReadOptions,
  type SheetProblem,
  type UnitSheetResult,
} from './unit-import/sheet';
export {
  columnLetter,
  normalizeLabel,
  UNIT_COLUMNS,
  UNIT_KIND_NAMES,
  unitKindOf,
  type UnitColumn,
  type UnitField,
  type UnitKindCode,
} from './unit-import/columns';
export { readUnitSheet, sheetSizeProblem } from './unit-import/read';
export { dropRows, unitIdFromName } from './unit-import/rows';
export { unitsToYaml } from './unit-import/yaml';
export { GUIDE_SHEET, unitSheetTemplate, UNITS_SHEET } from './unit-import/template';

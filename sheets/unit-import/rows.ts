/**
 * The units of a sheet read as text: the header found, each row checked (required cells, lengths,
 * ids, kinds, emails), unit ids suggested from names; and dropping rows afterwards.
 */
import { Email, FIELD_LIMITS, UNIT_ID, type UnitInput } from '../../domain/campaign-schema';
import { slug } from '../../domain/validation/suggestions';
import type { Lang } from '../../domain/validation/texts';
import { columnLetter, headerField, UNIT_COLUMNS, unitKindOf, type UnitField } from './columns';
import { FIELD_NAMES, MESSAGES } from './messages';
import type { Grid, SheetProblem, UnitSheetResult } from './sheet';

/**
 * An id the campaign format accepts, from a unit's name: "Sở Nội vụ" → "so-noi-vu" (diacritics and
 * đ removed), cut to the 63 characters of {@link UNIT_ID}; "don-vi" when the name has no letter or digit.
 */
export function unitIdFromName(name: string): string {
  const id = slug(name).slice(0, 63).replace(/-+$/, '');
  return id || 'don-vi';
}

const LIMITS: Partial<Record<UnitField, number>> = {
  name: FIELD_LIMITS.name,
  ...Object.fromEntries(
    (['focal', 'head', 'supervisor'] as const).flatMap((p) => [
      [`${p}.name`, FIELD_LIMITS.name],
      [`${p}.title`, FIELD_LIMITS.title],
      [`${p}.email`, FIELD_LIMITS.email],
      [`${p}.phone`, FIELD_LIMITS.phone],
    ]),
  ),
};

const REQUIRED = UNIT_COLUMNS.filter((c) => c.required).map((c) => c.field);
const PERSON_REQUIRED = ['name', 'email'] as const;

export function unitsFromGrid(grid: Grid, lang: Lang): UnitSheetResult {
  const t = MESSAGES[lang];
  const names = FIELD_NAMES[lang];
  const none = { units: [], unitRows: [], rows: 0 };
  if (grid.rows.length === 0) return { ...none, headerRow: 0, problems: [{ row: 0, message: t.empty }] };

  // The header: the first of the first rows naming two known columns (a title may stand above it).
  const fieldsOf = (cells: string[]) => cells.map(headerField);
  const header =
    grid.rows.slice(0, 10).find((r) => fieldsOf(r.cells).filter((f) => f !== undefined).length >= 2) ?? grid.rows[0];
  const headerRow = header.row;
  const columns = new Map<UnitField, number>();
  const problems: SheetProblem[] = [];
  fieldsOf(header.cells).forEach((field, index) => {
    if (!field) return;
    const first = columns.get(field);
    if (first === undefined) columns.set(field, index);
    else {
      const column = columnLetter(index);
      const at = `${columnLetter(first)} (${header.cells[first]})`;
      problems.push({
        row: headerRow,
        column,
        header: header.cells[index],
        field,
        message: `${t.place(headerRow, column, header.cells[index])}: ${t.duplicateColumn(names[field], at)}`,
      });
    }
  });
  const missing = REQUIRED.filter((f) => !columns.has(f));
  if (missing.length > 0) {
    const found = header.cells.flatMap((h, i) => (h ? [`${columnLetter(i)} "${h}"`] : []));
    const headers = missing.map((f) => UNIT_COLUMNS.find((c) => c.field === f)?.header ?? f);
    problems.push({ row: headerRow, message: `${t.place(headerRow)}: ${t.missingColumns(headers, found)}` });
  }
  if (problems.length > 0) return { ...none, headerRow, problems };

  const data = grid.rows.filter((r) => r.row > headerRow);
  if (data.length === 0) return { ...none, headerRow, problems: [{ row: headerRow, message: t.noRows }] };

  const units: UnitInput[] = [];
  const unitRows: number[] = [];
  const ids = new Map<string, { id: string; row: number }>();
  for (const { row, cells } of data) {
    const rowProblems: SheetProblem[] = [];
    const get = (field: UnitField) => {
      const i = columns.get(field);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const report = (field: UnitField, message: string) => {
      const index = columns.get(field);
      const column = index === undefined ? undefined : columnLetter(index);
      const headerText = index === undefined ? undefined : header.cells[index];
      rowProblems.push({
        row,
        ...(column ? { column, header: headerText } : {}),
        field,
        message: `${t.place(row, column, headerText)}: ${message}`,
      });
    };

    const name = get('name');
    const suggestion = t.suggestion(unitIdFromName(name || get('id')));
    const supervisorGiven = (['name', 'title', 'email', 'phone'] as const).some((p) => get(`supervisor.${p}`) !== '');
    const required = [...REQUIRED, ...(supervisorGiven ? PERSON_REQUIRED.map((p) => `supervisor.${p}` as const) : [])];
    for (const field of required) {
      if (get(field) === '') report(field, t.required(names[field]) + (field === 'id' ? suggestion : ''));
    }
    for (const [field, max] of Object.entries(LIMITS) as Array<[UnitField, number]>) {
      const length = [...get(field)].length;
      if (length > max) report(field, t.tooLong(names[field], length, max));
    }

    const id = get('id');
    if (id !== '') {
      if (!UNIT_ID.test(id)) report('id', t.badId(id) + suggestion);
      const seen = ids.get(id.toLowerCase());
      if (seen && seen.id === id) report('id', t.duplicateId(id, seen.row));
      else if (seen) report('id', t.caseId(id, seen.id, seen.row));
      else ids.set(id.toLowerCase(), { id, row });
    }

    const kindText = get('kind');
    const kind = kindText === '' ? undefined : unitKindOf(kindText);
    if (kindText !== '' && !kind) report('kind', t.unknownKind(kindText));

    for (const person of ['focal', 'head', 'supervisor'] as const) {
      const email = get(`${person}.email`);
      const max = LIMITS[`${person}.email`] ?? FIELD_LIMITS.email;
      if (email !== '' && email.length <= max && !Email.safeParse(email).success) {
        report(`${person}.email`, t.badEmail(email));
      }
    }
    const supervisorEmail = get('supervisor.email').toLowerCase();
    if (supervisorEmail !== '') {
      if (supervisorEmail === get('head.email').toLowerCase()) {
        report('supervisor.email', t.supervisorIsHead(get('supervisor.email')));
      } else if (supervisorEmail === get('focal.email').toLowerCase()) {
        report('supervisor.email', t.supervisorIsFocal(get('supervisor.email')));
      }
    }

    if (rowProblems.length > 0 || !kind) {
      problems.push(...rowProblems);
      continue;
    }
    const person = (p: 'focal' | 'head' | 'supervisor') => ({
      name: get(`${p}.name`),
      ...(get(`${p}.title`) ? { title: get(`${p}.title`) } : {}),
      email: get(`${p}.email`),
      ...(get(`${p}.phone`) ? { phone: get(`${p}.phone`) } : {}),
    });
    units.push({
      id,
      name,
      kind,
      ...(get('cluster') ? { cluster: get('cluster') } : {}),
      focal: person('focal'),
      head: person('head'),
      ...(supervisorGiven ? { supervisor: person('supervisor') } : {}),
    });
    unitRows.push(row);
  }
  return { units, unitRows, problems, rows: data.length, headerRow };
}

/**
 * The result without the given rows: their units and problems go, the sheet's own problems (row 0
 * or the header's) stay. What the clerk does by "drop the bad rows". A duplicate id is reported on
 * the later row: dropping the earlier one leaves that problem, so the later one must be dropped or fixed.
 */
export function dropRows(result: UnitSheetResult, rows: readonly number[]): UnitSheetResult {
  const drop = new Set(rows.filter((r) => r > result.headerRow));
  const dataRows = new Set([
    ...result.unitRows,
    ...result.problems.filter((p) => p.row > result.headerRow).map((p) => p.row),
  ]);
  const kept = result.units.flatMap((unit, i) =>
    drop.has(result.unitRows[i]) ? [] : [{ unit, row: result.unitRows[i] }],
  );
  return {
    units: kept.map((k) => k.unit),
    unitRows: kept.map((k) => k.row),
    problems: result.problems.filter((p) => !drop.has(p.row)),
    rows: result.rows - [...drop].filter((r) => dataRows.has(r)).length,
    headerRow: result.headerRow,
  };
}

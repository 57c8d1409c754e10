/**
 * The rules of the file's `units` (sub-units too) that the schema cannot check: ids unique, even
 * ignoring case, and never `all`; a supervisor who is not the unit's own head or focal person.
 */
import type { PathSegment } from '../yaml-source';
import { asArr, asStr, isObj, valueAt, type Obj } from './raw-data';
import type { Report } from './problems';

/** Checks every unit; answers each unit id with where it is first given (for the phases' rules). */
export function checkUnits(report: Report, data: unknown): Map<string, PathSegment[]> {
  const unitIds = new Map<string, PathSegment[]>();
  const unitIdsByLowerCase = new Map<string, PathSegment[]>();
  const check = (units: unknown[], listPath: PathSegment[]): void => {
    units.forEach((unit, i) => {
      if (!isObj(unit)) return;
      const path = [...listPath, i];
      const id = asStr(unit.id);
      if (id !== undefined) {
        const first = unitIds.get(id);
        const sameButCase = unitIdsByLowerCase.get(id.toLowerCase());
        if (first) {
          report.add('error', [...path, 'id'], 'duplicateUnitId', {
            id,
            first: report.place([...first, 'id']),
          });
        } else if (sameButCase) {
          const other = asStr(valueAt(data, [...sameButCase, 'id'])) ?? '';
          report.add('error', [...path, 'id'], 'unitIdCase', {
            id,
            other,
            first: report.place([...sameButCase, 'id']),
          });
          unitIds.set(id, path);
        } else {
          unitIds.set(id, path);
          unitIdsByLowerCase.set(id.toLowerCase(), path);
        }
        if (id === 'all') report.add('error', [...path, 'id'], 'allAsUnitId', {});
      }
      checkSupervisor(report, unit, path);
      check(asArr(unit.subUnits), [...path, 'subUnits']);
    });
  };
  check(asArr(valueAt(data, ['units'])), ['units']);
  return unitIds;
}

/** A supervisor is the body above the unit: never its own head or focal person. */
function checkSupervisor(report: Report, unit: Obj, path: PathSegment[]): void {
  const email = asStr(valueAt(unit, ['supervisor', 'email']))
    ?.trim()
    .toLowerCase();
  if (!email) return;
  for (const role of ['head', 'focal'] as const) {
    if (
      asStr(valueAt(unit, [role, 'email']))
        ?.trim()
        .toLowerCase() === email
    ) {
      report.add('error', [...path, 'supervisor', 'email'], 'sameAsHead', {
        role,
        email: asStr(valueAt(unit, ['supervisor', 'email'])) ?? email,
      });
      return;
    }
  }
}

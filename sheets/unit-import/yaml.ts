/** Units as the campaign file's `units:` block. */
import { stringify } from 'yaml';
import type { UnitInput } from '../../domain/campaign-schema';

/** The `units:` block of a campaign file, in the order the format documents a unit's keys. */
export function unitsToYaml(units: readonly UnitInput[]): string {
  return stringify({ units: units.map(orderedUnit) }, { lineWidth: 0 });
}

function orderedUnit(u: UnitInput): Record<string, unknown> {
  const person = (p: UnitInput['focal']) => ({
    name: p.name,
    ...(p.title !== undefined ? { title: p.title } : {}),
    email: p.email,
    ...(p.phone !== undefined ? { phone: p.phone } : {}),
  });
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    ...(u.cluster !== undefined ? { cluster: u.cluster } : {}),
    focal: person(u.focal),
    head: person(u.head),
    ...(u.supervisor ? { supervisor: person(u.supervisor) } : {}),
    ...(u.subUnits ? { subUnits: u.subUnits.map(orderedUnit) } : {}),
  };
}

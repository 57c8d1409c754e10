/**
 * The rules of deadline phases (kind `self-review`) that a campaign may now have several of: each
 * named by an id when there are several, their windows one after another, what units owe said one
 * way (due or deliverables) with unique deliverable ids, and units' own deliverables given for a
 * phase that exists.
 */
import type { DateRole } from '../date-phrases';
import type { PathSegment } from '../yaml-source';
import type { Report } from './problems';
import { asArr, asStr, isObj, valueAt, type Obj } from './raw-data';

type Read = (path: PathSegment[], role: DateRole) => { ms: number; local: string } | undefined;

export function checkDeadlinePhases(report: Report, data: unknown, read: Read): void {
  const phases = asArr(valueAt(data, ['phases']))
    .map((phase, index) => ({ phase, index }))
    .filter((p): p is { phase: Obj; index: number } => isObj(p.phase) && p.phase.kind === 'self-review');
  const ids = new Map<string, number>();
  let previous: { index: number; startMs?: number; end?: { ms: number; local: string } } | undefined;
  for (const { phase, index } of phases) {
    const base: PathSegment[] = ['phases', index];
    const id = asStr(phase.id);
    if (phases.length > 1 && id === undefined) {
      report.add('error', [...base, 'kind'], 'phaseIdMissing', { count: phases.length });
    }
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) {
        report.add('error', [...base, 'id'], 'phaseIdDuplicate', { id, first: report.place(['phases', first, 'id']) });
      } else ids.set(id, index);
    }
    const start = read([...base, 'window', 'start'], 'start');
    // A phase that starts before the previous one even starts is out of order (rules.ts says so).
    const inOrder = !start || previous?.startMs === undefined || start.ms >= previous.startMs;
    if (start && inOrder && previous?.end && start.ms < previous.end.ms) {
      report.add('error', [...base, 'window', 'start'], 'deadlineWindowsOverlap', {
        start: start.local,
        end: previous.end.local,
        place: report.place(['phases', previous.index, 'window', 'end']),
      });
    }
    const end = read([...base, 'window', 'end'], 'end');
    previous = { index, startMs: start?.ms, end };

    if (phase.due === undefined && phase.deliverables === undefined) {
      report.add('error', [...base, 'kind'], 'noDeliverables', {});
    } else if (phase.due !== undefined && phase.deliverables !== undefined) {
      report.add('error', [...base, 'deliverables'], 'dueAndDeliverables', {}, 'key');
    }
    checkDeliverableIds(report, asArr(phase.deliverables), [...base, 'deliverables']);
  }
  const phaseIds = phases.map(({ phase }) => asStr(phase.id) ?? 'self-review');
  checkUnitOverrides(report, asArr(valueAt(data, ['units'])), ['units'], phaseIds);
}

function checkDeliverableIds(report: Report, deliverables: unknown[], path: PathSegment[]): void {
  const seen = new Map<string, number>();
  deliverables.forEach((d, i) => {
    const id = isObj(d) ? asStr(d.id) : undefined;
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined) {
      report.add('error', [...path, i, 'id'], 'deliverableDuplicate', {
        id,
        first: report.place([...path, first, 'id']),
      });
    } else seen.set(id, i);
  });
}

/** A unit's own deliverables are keyed by a deadline phase's id (`self-review` for a single unnamed one). */
function checkUnitOverrides(report: Report, units: unknown[], path: PathSegment[], phaseIds: string[]): void {
  units.forEach((unit, i) => {
    if (!isObj(unit)) return;
    const own = unit.deliverables;
    if (isObj(own)) {
      for (const [key, list] of Object.entries(own)) {
        if (!phaseIds.includes(key)) {
          report.add(
            'error',
            [...path, i, 'deliverables', key],
            'unknownPhaseId',
            { id: key, ids: phaseIds.join(', ') },
            'key',
          );
        }
        checkDeliverableIds(report, asArr(list), [...path, i, 'deliverables', key]);
      }
    }
    checkUnitOverrides(report, asArr(unit.subUnits), [...path, i, 'subUnits'], phaseIds);
  });
}

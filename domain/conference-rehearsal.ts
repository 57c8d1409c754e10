/**
 * A conference day moved in a rehearsed campaign: the schedule compiled for the day the clerk typed
 * (a day of the plan's calendar) is mapped through the rehearsal's compression, the same mapping as
 * the rest of the campaign (`rehearsalInstant` of `timeline.ts`), so the workflow gets instants of the
 * rehearsal and a day moved into the future of the plan is in the future of the rehearsal too. Pure.
 */
import { formatLocal } from './date-phrases';
import { forEachConferenceInstant, rehearsalInstant, type RehearsalMapping } from './timeline';
import type { ConferenceSchedule } from './timeline-types';

/** A copy of `schedule` with every instant mapped into the rehearsal (`local` follows `utc`). */
export function rehearseConferenceSchedule(
  schedule: ConferenceSchedule,
  rehearsal: RehearsalMapping,
  timeZone: string,
): ConferenceSchedule {
  const copy = structuredClone(schedule);
  forEachConferenceInstant(copy, (i) => {
    i.utc = rehearsalInstant(rehearsal, i.utc);
    i.local = formatLocal(i.utc, timeZone);
  });
  // `when` names the same day as `start`/`end` (as `rehearse` does for the compiled campaign).
  if (copy.start && copy.end) copy.when = { kind: 'exact', start: copy.start.utc, end: copy.end.utc };
  return copy;
}

/**
 * Rules of the later phases that read no date: the nominations quota, the awards council's members
 * (one chair, unique accounts, known units), the conference's invitees (known units) and the awards'
 * size against what one vote carries (nominations, and the members' vote sheets). Used by
 * the cross-field rules (`rules.ts`).
 */
import {
  DEFAULT_CLAIM_CHECK_THRESHOLD,
  MAX_AWARD_NOMINATIONS,
  MAX_VOTE_SHEETS,
  voteSheetsNeeded,
} from '../scale-limits';
import type { PathSegment } from '../yaml-source';
import { asArr, asNum, asStr, isObj, valueAt, type Obj } from './raw-data';
import type { Report } from './problems';
import { closest } from './suggestions';

/** A quota that can be met: a required quota above zero, kinds that add up to something. */
export function checkQuota(report: Report, nominations: Obj, path: PathSegment[]): void {
  const quota = nominations.quota;
  if (!isObj(quota)) return;
  const total = asNum(quota.total);
  const collective = asNum(quota.collective);
  const individual = asNum(quota.individual);
  const q: PathSegment[] = [...path, 'quota'];
  if (nominations.required === true && total === 0) {
    report.add('error', [...q, 'total'], 'quotaRequiredZero', {});
  }
  if (total !== undefined && total > 0 && collective === 0 && individual === 0) {
    report.add('error', q, 'quotaKindsZero', { total }, 'key');
  }
  for (const [kind, limit] of [
    ['collective', collective],
    ['individual', individual],
  ] as const) {
    if (total !== undefined && limit !== undefined && limit > total) {
      report.add('warning', [...q, kind], 'quotaKindAboveTotal', { kind, limit, total });
    }
  }
}

/** The council's members (at `path`): exactly one chair, unique accounts, members' units among the participants. */
export function checkCouncilMembers(
  report: Report,
  members: unknown[],
  path: PathSegment[],
  unitIds: ReadonlyMap<string, unknown>,
): void {
  const accounts = new Map<string, number>();
  const chairs: number[] = [];
  const known = [...unitIds.keys()];
  members.forEach((m, i) => {
    if (!isObj(m)) return;
    const account = asStr(m.account);
    if (account !== undefined) {
      const first = accounts.get(account);
      if (first !== undefined) {
        report.add('error', [...path, i, 'account'], 'councilAccountTwice', {
          account,
          place: report.place([...path, first, 'account']),
        });
      } else accounts.set(account, i);
    }
    if (m.chair === true) chairs.push(i);
    const unitId = asStr(m.unitId);
    if (unitId !== undefined && !unitIds.has(unitId)) {
      const guess = closest(unitId, known);
      report.add('error', [...path, i, 'unitId'], 'councilUnknownUnit', { unitId, ...(guess ? { guess } : {}) });
    }
  });
  if (members.length > 0 && chairs.length === 0) {
    report.add('error', path, 'councilNoChair', {});
  }
  for (const i of chairs.slice(1)) {
    report.add('error', [...path, i, 'chair'], 'councilChairTwice', {
      place: report.place([...path, chairs[0], 'chair']),
    });
  }
}

/** The conference's invitees: `all`, or units of the campaign. */
export function checkInvitees(
  report: Report,
  invitees: unknown[],
  path: PathSegment[],
  unitIds: ReadonlyMap<string, unknown>,
): void {
  const known = [...unitIds.keys()];
  invitees.forEach((invitee, i) => {
    if (typeof invitee !== 'string' || invitee === 'all' || unitIds.has(invitee)) return;
    const guess = closest(invitee, known);
    report.add('error', [...path, i], 'unknownInvitee', { invitee, ...(guess ? { guess } : {}) });
  });
}

/**
 * The awards phase's size against what the council's vote carries (issue 17, `domain/scale-limits.ts`).
 * The nominations are known only when gathered; the file gives their upper bound: the units times
 * the largest nominations quota of the deadline phases. Members vote by sheet (one update for up to
 * MAX_VOTES_PER_CLAIMED_SHEET nominations, a reference in the history), so the history grows by sheets: members × pages of nominations,
 * with room for a round of corrections. Over either maximum it is a warning (units seldom fill their
 * quota); the gathering refuses for good what is really over it.
 */
export function checkAwardsSize(report: Report, data: unknown, council: Obj, path: PathSegment[], units: number): void {
  const quotas = asArr(valueAt(data, ['phases'])).map((p) =>
    isObj(p) ? (asNum(valueAt(p, ['due', 'nominations', 'quota', 'total'])) ?? 0) : 0,
  );
  const nominations = units * Math.max(0, ...quotas);
  const members = asArr(council.members).length;
  // The claim check at its default (`config/settings.ts`): the gathering checks again with the workers' own.
  const need = voteSheetsNeeded(nominations, members, DEFAULT_CLAIM_CHECK_THRESHOLD);
  if (nominations <= MAX_AWARD_NOMINATIONS && need.fits) return;
  report.add('warning', path, 'awardsMayBeTooLarge', {
    units,
    nominations,
    members,
    sheets: need.sheets,
    perSheet: need.perSheet,
    maxNominations: MAX_AWARD_NOMINATIONS,
    maxSheets: MAX_VOTE_SHEETS / 2,
  });
}

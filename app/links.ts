/**
 * A unit's personal portal link, for the CLI (`thidua unit link`) and the dashboard: shown, revoked
 * (it stops opening at once) or reissued. Only a unit of a started campaign has one, checked with the
 * server alone, so a leaked link can be revoked while the workers are down.
 */
import type { UnitLinks } from '../stores/unit-links';
import type { AppContext } from './context';
import { assertUnitExists } from './units';

/** The unit's link, issuing one on first use. */
export async function unitLink(s: AppContext, links: UnitLinks, campaignId: string, unitId: string): Promise<string> {
  await assertUnitExists(s, campaignId, unitId);
  return links.linkFor(campaignId, unitId);
}

/** Revokes the unit's link; false when it had no working link. */
export async function revokeLink(
  s: AppContext,
  links: UnitLinks,
  campaignId: string,
  unitId: string,
): Promise<boolean> {
  await assertUnitExists(s, campaignId, unitId);
  return links.revoke(campaignId, unitId);
}

/** Revokes the unit's link and returns a new one (the old one stops opening at once). */
export async function reissueLink(
  s: AppContext,
  links: UnitLinks,
  campaignId: string,
  unitId: string,
): Promise<string> {
  await assertUnitExists(s, campaignId, unitId);
  return links.reissue(campaignId, unitId);
}

/**
 * The conference invitees' links, kept in the units' link store (`unit-links.ts`): a guest is the
 * invitee `khach/<guest id>`, which no unit id can be (unit ids have no "/"), so its link has the
 * same properties (random token, looked up by hash, revocable, reissued) and its own address,
 * `/k/<token>`; a unit answers on its own link's page, `/u/<token>/hoi-nghi`.
 */
import type { UnitLinks } from './unit-links';

export const GUEST_PREFIX = 'khach/';

/** Whether an invitee id names a guest (`khach/<id>`). */
export const isGuestId = (id: string): boolean => id.startsWith(GUEST_PREFIX);

/** The page where the invitee answers the invitation, creating the guest's link on first use. */
export async function inviteeLink(
  links: Pick<UnitLinks, 'linkFor'>,
  campaignId: string,
  inviteeId: string,
): Promise<string> {
  const url = await links.linkFor(campaignId, inviteeId);
  // linkFor answers `<base>/u/<token>`: the same token opens the guest's page, or the unit's conference page.
  return isGuestId(inviteeId) ? url.replace(/\/u\/([^/]+)$/, '/k/$1') : `${url}/hoi-nghi`;
}

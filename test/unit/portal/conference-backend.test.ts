/**
 * The guests' links through the conference backend: the real link store in a temporary folder, the
 * conference's view from a mocked `conferenceStatus` (the use cases are conf-core's; one piece here).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../../app/context';
import { AppError } from '../../../app/temporal-errors';
import { temporalConferenceBackend } from '../../../portal/conference-backend';
import { inviteeLink } from '../../../stores/invitee-links';
import { FileUnitLinks } from '../../../stores/unit-links';
import { conferenceView } from '../../helpers/fake-conference';

jest.mock('../../../app/conference', () => ({
  conferenceStatus: jest.fn(async (_s: unknown, campaignId: string) =>
    conferenceView(campaignId, [
      { id: 'so-noi-vu', name: 'Sở Nội vụ' },
      { id: 'khach/ong-a', name: 'Ông A' },
    ]),
  ),
}));

const CAMPAIGN = 'kh-67-test';
const clerk = { login: 'chuyenvien', name: 'Nguyễn Văn T', roles: ['clerk' as const] };
let dir: string;
let links: FileUnitLinks;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-guest-links-'));
  links = new FileUnitLinks(dir, 'http://portal.example.vn');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const tokenOf = (url: string) => url.split('/').pop()!;

test("a guest's link is reissued (the old token stops opening) or revoked; a unit's or an unknown guest's is not found", async () => {
  const backend = temporalConferenceBackend({} as AppContext, links);
  const first = await inviteeLink(links, CAMPAIGN, 'khach/ong-a');
  expect(first).toMatch(/^http:\/\/portal\.example\.vn\/k\/[A-Za-z0-9_-]{32}$/);
  expect(await links.resolve(tokenOf(first))).toEqual({ campaignId: CAMPAIGN, unitId: 'khach/ong-a' });

  const second = await backend.guestLink(CAMPAIGN, clerk, 'khach/ong-a', 'reissue');
  expect(second).toMatch(/\/k\/[A-Za-z0-9_-]{32}$/);
  expect(second).not.toBe(first);
  expect(await links.resolve(tokenOf(first))).toBeUndefined();
  expect(await links.resolve(tokenOf(second!))).toEqual({ campaignId: CAMPAIGN, unitId: 'khach/ong-a' });

  expect(await backend.guestLink(CAMPAIGN, clerk, 'khach/ong-a', 'revoke')).toBeUndefined();
  expect(await links.resolve(tokenOf(second!))).toBeUndefined();

  await expect(backend.guestLink(CAMPAIGN, clerk, 'so-noi-vu', 'revoke')).rejects.toMatchObject({ code: 'not-found' });
  await expect(backend.guestLink(CAMPAIGN, clerk, 'khach/ong-b', 'reissue')).rejects.toMatchObject({
    code: 'not-found',
  });
  const council = { ...clerk, roles: ['council' as const] };
  const refused = backend.guestLink(CAMPAIGN, council, 'khach/ong-a', 'reissue');
  await expect(refused).rejects.toBeInstanceOf(AppError);
  await expect(refused).rejects.toMatchObject({ code: 'forbidden', facts: { role: 'clerk' } });
});

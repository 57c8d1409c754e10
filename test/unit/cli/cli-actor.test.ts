/**
 * The command line records one actor, the same words wherever its actions are read: a schedule's
 * notes (written by the app from a staff actor) and an extension's, a cancellation's, a reminder's
 * line (a name) both say "Thường trực (dòng lệnh)", or the `--by-name` person "(dòng lệnh)"; the
 * schedule's used to say "Thường trực (dong-lenh)".
 */
import { actorLabel } from '../../../app/roles';
import type { Settings } from '../../../config/settings';
import { cancelCommand, extendCommand, remindCommand } from '../../../client/commands/campaign-actions';
import { pauseCommand, resumeCommand } from '../../../client/commands/schedule';

jest.mock('../../../client/connect', () => ({
  ...jest.requireActual('../../../client/connect'),
  connect: async () => ({
    client: { options: { namespace: 'default' } },
    settings: { dataDir: '/nonexistent', timeZone: 'Asia/Ho_Chi_Minh' } as Settings,
    address: 'localhost:7233',
    close: async () => undefined,
  }),
}));
jest.mock('../../../app/campaigns', () => ({
  ...jest.requireActual('../../../app/campaigns'),
  extendDeadline: jest.fn(async () => ({
    schedule: { deadline: { utc: '2009-10-23T10:00:00.000Z', local: '17:00 thứ Sáu, 23/10/2009' } },
    timeZone: 'Asia/Ho_Chi_Minh',
    deadlineVersion: 2,
  })),
  cancelCampaignTree: jest.fn(async () => ({})),
}));
jest.mock('../../../app/sub-campaigns', () => ({ campaignTree: jest.fn(async () => ({ subCampaigns: [] })) }));
jest.mock('../../../app/units', () => ({
  ...jest.requireActual('../../../app/units'),
  remindNow: jest.fn(async () => undefined),
}));
jest.mock('../../../app/schedules', () => ({
  ...jest.requireActual('../../../app/schedules'),
  pauseSchedule: jest.fn(async () => undefined),
  resumeSchedule: jest.fn(async () => undefined),
}));

const quiet = { stdout: { write: () => true }, stderr: { write: () => true } } as never;

/** Who each command recorded, as the dashboard reads it. */
async function recorded(byName: string[]): Promise<string[]> {
  const campaigns = jest.requireMock('../../../app/campaigns');
  const units = jest.requireMock('../../../app/units');
  const schedules = jest.requireMock('../../../app/schedules');
  await extendCommand(['vp-67', '--by', '3d', '--reason', 'Lũ', ...byName], quiet);
  await cancelCommand(['vp-67', '--reason', 'Trùng kế hoạch', ...byName], quiet);
  await remindCommand(['vp-67', 'so-noi-vu', ...byName], quiet);
  await pauseCommand(['tong-ket-nam', '--reason', 'Chờ hướng dẫn', ...byName], quiet);
  await resumeCommand(['tong-ket-nam', ...byName], quiet);
  return [
    campaigns.extendDeadline.mock.lastCall[3].grantedBy,
    campaigns.cancelCampaignTree.mock.lastCall[2].cancelledBy,
    units.remindNow.mock.lastCall[3],
    actorLabel(schedules.pauseSchedule.mock.lastCall[1]),
    actorLabel(schedules.resumeSchedule.mock.lastCall[1]),
  ];
}

test('every command records the command line as one actor, read the same everywhere', async () => {
  expect(new Set(await recorded([]))).toEqual(new Set(['Thường trực (dòng lệnh)']));
  expect(new Set(await recorded(['--by-name', 'Nguyễn Văn T']))).toEqual(new Set(['Nguyễn Văn T (dòng lệnh)']));
});

test('the schedule acts with every staff role (an operator, as campaign extend)', async () => {
  await pauseCommand(['tong-ket-nam', '--reason', 'Chờ hướng dẫn'], quiet);
  const actor = jest.requireMock('../../../app/schedules').pauseSchedule.mock.lastCall[1];
  expect(actor.roles).toEqual(expect.arrayContaining(['clerk', 'approver']));
});

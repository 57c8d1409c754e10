/**
 * A stored campaign file of `n` numbered units, every one invited to the conference, and a client
 * whose unit workflows each answer with one individual nomination in vote: what the scale guards'
 * tests (run-time refusals of too many invitees or nominations) start from.
 */
import type { Client } from '@temporalio/client';
import type { CampaignDefinition, UnitInput } from '../../domain/campaign-schema';
import type { NominationVersion, UnitStatusView } from '../../domain/workflow-types';
import { ONE_UNIT_CAMPAIGN } from './one-unit-campaign';

export const numberedUnits = (n: number): UnitInput[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `xa-${i + 1}`,
    name: `Xã số ${i + 1}`,
    kind: 'other' as const,
    focal: { name: `Cán bộ ${i + 1}`, email: `thidua.xa${i + 1}@vinhphuc.example.vn` },
    head: { name: `Chủ tịch ${i + 1}`, email: `chutich.xa${i + 1}@vinhphuc.example.vn` },
  }));

/** `n` units, every one invited to the conference (`invitees: [all]`). */
export const campaignInvitingAll = (n: number): CampaignDefinition => ({
  ...ONE_UNIT_CAMPAIGN,
  units: numberedUnits(n),
  phases: [
    ...ONE_UNIT_CAMPAIGN.phases,
    {
      kind: 'conference',
      window: { start: '1/11/2009', end: '30/11/2009' },
      date: '14/11/2009',
      venue: 'Hội trường Tỉnh ủy',
      agenda: ['Khai mạc'],
      invitees: ['all'],
      guests: [],
      presenters: [],
      startTime: '08:00',
      endTime: '11:30',
      invitations: {
        sendBefore: '7wd',
        replyBy: '3wd',
        reminders: ['1wd'],
        escalation: ['1wd'],
        attendeeReminder: '1wd',
      },
    },
  ],
});

/** Each unit's workflow answers with one individual nomination in vote (a form of the test catalogue). */
export const oneNominationEach: NominationVersion = {
  version: 1,
  receivedAt: '2026-10-15T03:00:00.000Z',
  submittedBy: 'x',
  late: false,
  nominations: [{ type: 'individual', name: 'Trần Văn B', awardForm: 'Chiến sĩ thi đua cơ sở', reasons: 'Tiêu biểu' }],
};

/** A client whose every unit workflow answers its status with {@link oneNominationEach}. */
export const unitsNominatingOne = {
  workflow: {
    getHandle: () => ({
      query: async () =>
        ({
          nominations: [
            { version: 1, receivedAt: oneNominationEach.receivedAt, submittedBy: 'x', late: false, count: 1 },
          ],
          latestNominations: oneNominationEach,
        }) as unknown as UnitStatusView,
    }),
  },
} as unknown as Client;

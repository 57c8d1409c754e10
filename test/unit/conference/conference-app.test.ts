/**
 * The conference use cases refuse, before anything reaches Temporal, an actor without the role the
 * action needs (a clerk records a phone reply, fixes the date, changes the venue, records the outcome;
 * an approver cancels), and a reply "by phone" sent as an invitee's own (the portal's path).
 */
import {
  cancelConference,
  changeConferenceVenue,
  recordConferenceOutcome,
  recordPhoneReply,
  replyToInvitation,
  setConferenceDate,
} from '../../../app/conference';
import type { AppContext } from '../../../app/context';
import type { StaffActor } from '../../../app/roles';
import { AppError } from '../../../app/temporal-errors';

// Any call to Temporal fails the test: the refusals come first.
const ctx = new Proxy({} as AppContext, {
  get: (_t, p) => {
    throw new Error(`Temporal reached (${String(p)})`);
  },
});
const clerk: StaffActor = { login: 'tvt', name: 'Trần Văn T', roles: ['clerk'] };
const approver: StaffActor = { login: 'nvc', name: 'Nguyễn Văn C', roles: ['approver'] };
const council: StaffActor = { login: 'hd', name: 'Hội đồng', roles: ['council'] };

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );

test.each([
  [
    'recordPhoneReply',
    () => recordPhoneReply(ctx, 'c1', approver, { inviteeId: 'u', answer: 'declined', delegates: [], seats: 0 }),
    'clerk',
  ],
  ['setConferenceDate', () => setConferenceDate(ctx, 'c1', council, { start: '2009-11-20T01:00:00Z' }), 'clerk'],
  ['changeConferenceVenue', () => changeConferenceVenue(ctx, 'c1', approver, 'Hội trường B'), 'clerk'],
  ['cancelConference', () => cancelConference(ctx, 'c1', clerk, 'Hoãn'), 'approver'],
  [
    'recordConferenceOutcome',
    () => recordConferenceOutcome(ctx, 'c1', approver, { heldOn: '2009-11-20', attendance: 1 }),
    'clerk',
  ],
] as const)('%s without its role is refused, nothing sent', async (_name, call, role) => {
  const err = await refusal(call());
  expect(err).toBeInstanceOf(AppError);
  expect(err?.code).toBe('forbidden');
  expect(err?.facts.role).toBe(role);
  expect(err?.nothingChanged).toBe(true);
});

test("a phone reply cannot come through the invitee's own path", async () => {
  const err = await refusal(
    replyToInvitation(ctx, 'c1', { inviteeId: 'u', answer: 'declined', delegates: [], seats: 0, via: 'phone' }),
  );
  expect(err?.code).toBe('forbidden');
  expect(err?.facts.role).toBe('clerk');
});

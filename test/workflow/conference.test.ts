/**
 * The conference phase on the time-skipping server: invitations at their instant (an iCalendar
 * REQUEST to every invitee), replies by link and by phone, reminders to those without a reply only,
 * escalation after the reply deadline, a refused late reply, the attendees' reminder, the outcome
 * refused before the day and ending the child after it; a venue change and a move (updated invitation
 * to everyone with SEQUENCE + 1, earlier replies asked again), a cancel (CANCEL); and a campaign that
 * reaches its conference, runs the child and moves on to the awards once the outcome is recorded.
 * Activities are test implementations that record each round, with workflow time.
 */
import ICAL from 'ical.js';
import { conferenceIcs } from '../../calendar/conference-ics';
import {
  conferenceWorkflowId,
  type ConferenceInvitee,
  type ConferenceMailInput,
  type ConferenceWorkflowInput,
} from '../../domain/conference-types';
import { PhaseKey } from '../../domain/search-attributes';
import { DAY, campaignInputFrom, scheduleFrom } from '../../scripts/schedules';
import { campaignWorkflow, cancelCampaign, getCampaignStatus } from '../../workflows/campaign';
import {
  cancelConference,
  changeConferenceVenue,
  conferenceWorkflow,
  getConferenceStatus,
  recordConferenceOutcome,
  replyToInvitation,
  setConferenceDate,
} from '../../workflows/conference';
import { activitySummaries, saveHistory } from '../helpers/histories';
import {
  activityDay,
  campaignActivities,
  gate,
  runWithWorker,
  useTimeSkippingEnv,
  type Activities,
} from '../helpers/phase-workflow-harness';

const testEnv = useTimeSkippingEnv();

interface Round {
  kind: string;
  ids: string[];
  day: number;
  sequence: number;
  /** The calendar part the round would carry: METHOD, SEQUENCE and the ATTENDEE addresses, parsed back. */
  ics?: { method: string; sequence: number; attendees: string[]; location: string };
  detail?: ConferenceMailInput['detail'];
}

const INVITEES: ConferenceInvitee[] = [
  { id: 'so-noi-vu', kind: 'unit', name: 'Sở Nội vụ', email: 'gd@snv.example.vn', escalateTo: 'ct@ubnd.example.vn' },
  { id: 'so-tai-chinh', kind: 'unit', name: 'Sở Tài chính', email: 'gd@stc.example.vn' },
  { id: 'huyen-tam-duong', kind: 'unit', name: 'Huyện ủy Tam Dương', email: 'bt@td.example.vn' },
  { id: 'khach/pho-chu-tich', kind: 'guest', name: 'Đồng chí Nguyễn Văn H', email: 'pct@ubnd.example.vn' },
];

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const event = cal.getFirstSubcomponent('vevent')!;
  return {
    method: String(cal.getFirstPropertyValue('method')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    attendees: event.getAllProperties('attendee').map((a) => String(a.getFirstValue()).replace(/^mailto:/i, '')),
    location: String(event.getFirstPropertyValue('location')),
  };
}

async function run<T>(
  fn: (taskQueue: string, start: number) => Promise<T>,
  opts: { cancelGate?: Promise<void>; invitees?: ConferenceInvitee[] } = {},
): Promise<{ result: T; rounds: Round[] }> {
  const rounds: Round[] = [];
  const start = await testEnv().currentTimeMs();
  const day = () => activityDay(start);
  const activities = {
    async sendConferenceRound(input: ConferenceMailInput) {
      const ics = ['invitation', 'updated', 'cancelled'].includes(input.kind)
        ? conferenceIcs({
            campaignId: input.campaignId,
            conference: input.conference,
            organizer: { name: 'Ban Thi đua - Khen thưởng tỉnh', email: 'btdkt@vinhphuc.example.vn' },
            attendees: input.attendees,
            now: new Date(start).toISOString(),
            ...(input.kind === 'cancelled' ? { cancelled: { reason: input.detail?.reason ?? '' } } : {}),
          })
        : undefined;
      rounds.push({
        kind: input.kind,
        ids: input.recipients.map((r) => r.invitee.id),
        day: day(),
        sequence: input.conference.sequence,
        ...(ics ? { ics: parse(ics) } : {}),
        ...(input.detail ? { detail: input.detail } : {}),
      });
      if (input.kind === 'cancelled' && opts.cancelGate) await opts.cancelGate;
      return { sent: input.recipients.map((r) => r.invitee.id), undeliverable: [] };
    },
    async loadConferenceInvitees() {
      return opts.invitees ?? INVITEES.slice(0, 2);
    },
    // The campaign's own, for the campaign test.
    ...campaignActivities(testEnv()),
    // The awards phase after the conference: this campaign's file names no council.
    async awardsSetup() {
      return undefined;
    },
  } as unknown as Activities;
  const result = await runWithWorker(testEnv(), 'conference', activities, (taskQueue) => fn(taskQueue, start));
  return { result, rounds };
}

const iso = (ms: number) => new Date(ms).toISOString();
const local = (ms: number) =>
  new Date(ms + 7 * 3600_000)
    .toISOString()
    .slice(0, 16)
    .replace(/(\d+)-(\d+)-(\d+)T/, '$3/$2/$1 ');

/** Invitations at day 1, reply deadline day 5 (reminders days 3 and 4, escalation day 6), attendees day 7, opening day 8. */
const input = (campaignId: string, start: number): ConferenceWorkflowInput => ({
  campaignId,
  planNumber: '67-KH/TU',
  title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
  definitionRef: '0'.repeat(64),
  phaseName: 'Hội nghị tổng kết',
  timeZone: 'Asia/Ho_Chi_Minh',
  when: { kind: 'exact', start: iso(start + 8 * DAY), end: iso(start + 8 * DAY + 3.5 * 3600_000) },
  startLocal: local(start + 8 * DAY),
  venue: 'Hội trường Tỉnh ủy',
  agenda: ['Khai mạc', 'Báo cáo tổng kết', 'Bế mạc'],
  invitationsAt: iso(start + DAY),
  replySchedule: scheduleFrom(start, { deadlineDays: 5, lockDays: 5, reminders: [2, 1], escalations: [1] }),
  attendeeReminderAt: iso(start + 7 * DAY),
  invitees: INVITEES,
});

const words = (e: unknown) => `${(e as Error).message} ${((e as Error).cause as Error | undefined)?.message}`;
const attending = { answer: 'attending' as const, via: 'link' as const };

test('invitations at their instant to every invitee; reminders to non-repliers only; a late reply refused; escalation; the attendees reminded; the outcome ends it', async () => {
  const id = `conf-${Date.now()}`;
  const { result, rounds } = await run(async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(conferenceWorkflow, {
      taskQueue,
      workflowId: conferenceWorkflowId(id),
      args: [input(id, start)],
    });
    const early = await handle
      .executeUpdate(replyToInvitation, { args: [{ inviteeId: 'so-noi-vu', ...attending, delegates: [], seats: 1 }] })
      .catch((e: unknown) => e);
    await testEnv().sleep(2 * DAY);
    await handle.executeUpdate(replyToInvitation, {
      args: [
        {
          inviteeId: 'so-noi-vu',
          ...attending,
          delegates: [{ name: 'Trần Thị B', position: 'Giám đốc' }, { name: 'Nguyễn Văn A' }],
          seats: 3,
        },
      ],
    });
    await handle.executeUpdate(replyToInvitation, {
      args: [
        { inviteeId: 'so-tai-chinh', answer: 'declined', delegates: [], seats: 0, via: 'phone', recordedBy: 'tvt' },
      ],
    });
    const tooMany = await handle
      .executeUpdate(replyToInvitation, {
        args: [{ inviteeId: 'huyen-tam-duong', ...attending, delegates: [{ name: 'A' }, { name: 'B' }], seats: 1 }],
      })
      .catch((e: unknown) => e);
    const unknown = await handle
      .executeUpdate(replyToInvitation, { args: [{ inviteeId: 'so-xay-dung', ...attending, delegates: [], seats: 1 }] })
      .catch((e: unknown) => e);
    await testEnv().sleep(1.5 * DAY); // day 3.5: after the first reminder
    await handle.executeUpdate(replyToInvitation, {
      args: [{ inviteeId: 'khach/pho-chu-tich', ...attending, delegates: [{ name: 'Nguyễn Văn H' }], seats: 1 }],
    });
    await testEnv().sleep(2 * DAY); // day 5.5: past the reply deadline
    const late = await handle
      .executeUpdate(replyToInvitation, {
        args: [{ inviteeId: 'huyen-tam-duong', ...attending, delegates: [], seats: 1 }],
      })
      .catch((e: unknown) => e);
    await testEnv().sleep(2 * DAY); // day 7.5
    const heldOn = new Date(start + 8 * DAY + 7 * 3600_000).toISOString().slice(0, 10);
    // The opening's own day, typed before the opening: not held yet.
    const beforeDay = await handle
      .executeUpdate(recordConferenceOutcome, { args: [{ heldOn, attendance: 120, by: 'tvt' }] })
      .catch((e: unknown) => e);
    const waiting = await handle.query(getConferenceStatus);
    await testEnv().sleep(DAY); // day 8.5: the conference has opened
    const opened = await handle.query(getConferenceStatus);
    // A held day a week before the opening: refused by the workflow's validator, in the clerk's dates.
    const weekBeforeDay = new Date(start + DAY).toISOString().slice(0, 10);
    const weekBefore = await handle
      .executeUpdate(recordConferenceOutcome, { args: [{ heldOn: weekBeforeDay, attendance: 118, by: 'tvt' }] })
      .catch((e: unknown) => e);
    await handle.executeUpdate(recordConferenceOutcome, {
      args: [{ heldOn, attendance: 118, note: 'Thành công tốt đẹp', by: 'Trần Văn T (tvt)' }],
    });
    const view = await handle.result();
    const phase = (await handle.describe()).typedSearchAttributes.get(PhaseKey);
    await saveHistory(testEnv(), 'conference-replies-reminders-outcome', conferenceWorkflowId(id)); // for test/replay
    const summaries = await activitySummaries(testEnv(), conferenceWorkflowId(id));
    return {
      early,
      tooMany,
      unknown,
      late,
      beforeDay,
      waiting,
      opened,
      weekBefore,
      weekBeforeDay,
      view,
      phase,
      heldOn,
      summaries,
    };
  });
  // What an operator reads on each activity in the Temporal UI: the message and its recipients in words.
  expect(result.summaries).toEqual([
    'Gửi giấy mời → 4 khách mời [s0/invitation]',
    'Nhắc trả lời giấy mời → 2 khách mời [s0/r-2d]',
    'Nhắc trả lời giấy mời → 1 khách mời [s0/r-1d]',
    'Báo chưa trả lời giấy mời → 1 khách mời [s0/esc1]',
    'Nhắc người dự hội nghị → 2 khách mời [s0/attendees]',
  ]);
  const summary = rounds.map((r) => `${r.kind}@${r.day}:${r.ids.join(',')}`);
  expect(summary).toEqual([
    'invitation@1:so-noi-vu,so-tai-chinh,huyen-tam-duong,khach/pho-chu-tich',
    'reply-reminder@3:huyen-tam-duong,khach/pho-chu-tich',
    'reply-reminder@4:huyen-tam-duong',
    'reply-escalation@6:huyen-tam-duong',
    'attendee-reminder@7:so-noi-vu,khach/pho-chu-tich',
  ]);
  // The invitation is an iCalendar REQUEST at SEQUENCE 0 naming every invitee as an attendee.
  expect(rounds[0].ics).toEqual({
    method: 'REQUEST',
    sequence: 0,
    attendees: INVITEES.map((i) => i.email),
    location: 'Hội trường Tỉnh ủy',
  });
  expect(words(result.early)).toMatch(/Giấy mời chưa được gửi/);
  expect(words(result.tooMany)).toMatch(/2 đại biểu nhưng chỉ đăng ký 1 chỗ/);
  expect(words(result.unknown)).toMatch(/Không có khách mời mang mã "so-xay-dung"/);
  expect(words(result.late)).toMatch(/Đã quá hạn đăng ký dự/);
  expect(words(result.beforeDay)).toMatch(/Hội nghị chưa diễn ra/);
  const dmy = (iso: string) => iso.split('-').reverse().join('/');
  const openingDay = /(\d\d\/\d\d\/\d{4})/.exec(result.opened.whenLocal)![1];
  expect(words(result.weekBefore)).toContain(
    `Ngày họp ${dmy(result.weekBeforeDay)} trước ngày khai mạc đã định (${openingDay}); ` +
      `hãy ghi ngày hội nghị đã diễn ra, từ ${openingDay}.`,
  );
  expect(result.waiting).toMatchObject({
    state: 'invited',
    sequence: 0,
    counts: { invited: 4, attending: 2, declined: 1, noReply: 1, seats: 4 },
    remindersSent: 3,
    escalationsSent: 1,
  });
  const byId = Object.fromEntries(result.waiting.invitees.map((i) => [i.id, i]));
  expect(byId['so-tai-chinh'].reply).toMatchObject({ answer: 'declined', via: 'phone', recordedBy: 'tvt' });
  expect(byId['huyen-tam-duong']).toMatchObject({ remindersSent: 2, escalated: true });
  expect(byId['so-noi-vu']).toMatchObject({ remindersSent: 0, escalated: false });
  expect(result.opened.state).toBe('awaiting-outcome');
  expect(result.view).toMatchObject({
    state: 'held',
    outcome: { heldOn: result.heldOn, attendance: 118, note: 'Thành công tốt đẹp', recordedBy: 'Trần Văn T (tvt)' },
  });
  expect(result.phase).toBe('conference-held');
});

test('a venue change and a move send an updated invitation to everyone with SEQUENCE+1; replies to the earlier day are asked again; a cancel sends CANCEL and refuses replies', async () => {
  const id = `conf-move-${Date.now()}`;
  const cancelGate = gate();
  const { result, rounds } = await run(
    async (taskQueue, start) => {
      const handle = await testEnv().client.workflow.start(conferenceWorkflow, {
        taskQueue,
        workflowId: conferenceWorkflowId(id),
        args: [input(id, start)],
      });
      await testEnv().sleep(2 * DAY);
      await handle.executeUpdate(replyToInvitation, {
        args: [{ inviteeId: 'so-noi-vu', ...attending, delegates: [{ name: 'Trần Thị B' }], seats: 2 }],
      });
      const sameVenue = await handle
        .executeUpdate(changeConferenceVenue, { args: [{ venue: 'Hội trường Tỉnh ủy', by: 'tvt' }] })
        .catch((e: unknown) => e);
      const moved = await handle.executeUpdate(changeConferenceVenue, {
        args: [{ venue: 'Trung tâm Hội nghị tỉnh', by: 'tvt', reason: 'Hội trường đang sửa chữa' }],
      });
      await testEnv().sleep(0.25 * DAY);
      const newStart = start + 12 * DAY;
      const pastDay = await handle
        .executeUpdate(setConferenceDate, {
          args: [{ start: iso(start), invitationsAt: iso(start), replyBy: iso(start + DAY), by: 'tvt' }],
        })
        .catch((e: unknown) => e);
      const dated = await handle.executeUpdate(setConferenceDate, {
        args: [
          {
            start: iso(newStart),
            end: iso(newStart + 3.5 * 3600_000),
            startLocal: local(newStart),
            invitationsAt: iso(start + 2.25 * DAY),
            replyBy: iso(start + 9 * DAY),
            replySchedule: scheduleFrom(start, { deadlineDays: 9, lockDays: 9, reminders: [1], escalations: [] }),
            by: 'Trần Văn T (tvt)',
            reason: 'Trùng lịch họp Tỉnh ủy',
          },
        ],
      });
      await testEnv().sleep(0.25 * DAY); // day 2.5
      await handle.executeUpdate(cancelConference, { args: [{ reason: 'Dịch bệnh', by: 'Nguyễn Văn C (nvc)' }] });
      // The CANCEL is still out (gated): the workflow runs, and its validators answer.
      const afterCancel = await handle
        .executeUpdate(replyToInvitation, {
          args: [{ inviteeId: 'so-tai-chinh', ...attending, delegates: [], seats: 1 }],
        })
        .catch((e: unknown) => e);
      cancelGate.open();
      const view = await handle.result();
      await saveHistory(testEnv(), 'conference-venue-move-cancel', conferenceWorkflowId(id)); // for test/replay
      return { sameVenue, moved, pastDay, dated, afterCancel, view };
    },
    { cancelGate: cancelGate.opened },
  );
  expect(rounds.map((r) => `${r.kind}@${r.day}:s${r.sequence}:${r.ics?.method}/${r.ics?.sequence}`)).toEqual([
    'invitation@1:s0:REQUEST/0',
    'updated@2:s1:REQUEST/1',
    'updated@2.25:s2:REQUEST/2',
    'cancelled@2.5:s3:CANCEL/3',
  ]);
  for (const r of rounds) expect(r.ids).toEqual(INVITEES.map((i) => i.id));
  expect(rounds[1].ics?.location).toBe('Trung tâm Hội nghị tỉnh');
  expect(rounds[3].detail?.reason).toBe('Dịch bệnh');
  expect(words(result.sameVenue)).toMatch(/đã họp tại "Hội trường Tỉnh ủy"/);
  expect(words(result.pastDay)).toMatch(/phải ở tương lai/);
  // The venue change keeps the reply (it answers the current invitation); the move asks again.
  const noiVu = (v: typeof result.moved) => v.invitees.find((i) => i.id === 'so-noi-vu')!;
  expect(noiVu(result.moved).reply).toMatchObject({ answer: 'attending', sequence: 1 });
  expect(noiVu(result.dated).reply).toBeUndefined();
  expect(noiVu(result.dated).previousReply).toMatchObject({ answer: 'attending', seats: 2, sequence: 1 });
  expect(result.dated).toMatchObject({ sequence: 2, counts: { attending: 0, noReply: 4 } });
  expect(result.dated.changes.map((c) => `${c.what}/${c.sequence}`)).toEqual(['venue-changed/1', 'date-moved/2']);
  expect(words(result.afterCancel)).toMatch(/Hội nghị đã bị hủy/);
  expect(result.view).toMatchObject({ state: 'cancelled', cancelled: { reason: 'Dịch bệnh' }, sequence: 3 });
});

test('a rough date waits for the day to be fixed; then the invitations go out at once when their time has passed', async () => {
  const id = `conf-rough-${Date.now()}`;
  const { result, rounds } = await run(async (taskQueue, start) => {
    const handle = await testEnv().client.workflow.start(conferenceWorkflow, {
      taskQueue,
      workflowId: conferenceWorkflowId(id),
      args: [
        {
          ...input(id, start),
          when: { kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' },
          invitationsAt: undefined,
          replySchedule: undefined,
          attendeeReminderAt: undefined,
        },
      ],
    });
    await testEnv().sleep(3 * DAY);
    const rough = await handle.query(getConferenceStatus);
    const fixed = await handle.executeUpdate(setConferenceDate, {
      args: [
        {
          start: iso(start + 10 * DAY),
          startLocal: local(start + 10 * DAY),
          invitationsAt: iso(start + 2 * DAY),
          replyBy: iso(start + 7 * DAY),
          by: 'tvt',
        },
      ],
    });
    await testEnv().sleep(DAY);
    await handle.executeUpdate(cancelConference, { args: [{ reason: 'Hoãn', by: 'nvc' }] });
    return { rough, fixed, view: await handle.result() };
  });
  expect(result.rough).toMatchObject({ state: 'date-rough', whenLocal: 'dự kiến trong tháng 11/2009', sequence: 0 });
  expect(result.fixed.changes[0]).toMatchObject({ what: 'date-fixed', sequence: 1 });
  expect(rounds.map((r) => `${r.kind}@${r.day}:${r.ics?.method}/${r.ics?.sequence}`)).toEqual([
    'invitation@3:REQUEST/1',
    'cancelled@4:CANCEL/2',
  ]);
});

/** A small campaign (two units) whose conference opens on day 10: invitations day 6, replies by day 8. */
function campaignWithConference(id: string, start: number) {
  const campaign = campaignInputFrom(start, {
    campaignId: id,
    planNumber: '67-KH/TU',
    title: 'Tổng kết',
    contact: 'Ban Thi đua - Khen thưởng tỉnh',
    unitCount: 2,
    unitsPerBatch: 2,
    deadlineDays: 3,
    lockDays: 4,
  });
  const at = (ms: number) => ({ utc: iso(ms), local: local(ms), written: '', reading: 'test' });
  const open = start + 10 * DAY;
  const [planIssue, selfReview] = campaign.compiled.phases;
  campaign.compiled.phases = [
    planIssue,
    selfReview,
    {
      kind: 'conference',
      name: 'Hội nghị tổng kết',
      windowStart: at(start + 5 * DAY),
      windowEnd: at(start + 12 * DAY),
      conferenceAt: at(open),
      conference: {
        when: { kind: 'exact', start: iso(open), end: iso(open + 3.5 * 3600_000) },
        start: at(open),
        invitationsAt: at(start + 6 * DAY),
        replies: scheduleFrom(start, { deadlineDays: 8, lockDays: 8, reminders: [], escalations: [] }),
        venue: 'Hội trường Tỉnh ủy',
        agenda: ['Khai mạc'],
      },
    },
    { kind: 'awards', name: 'Khen thưởng', windowStart: at(start + 11 * DAY), windowEnd: at(start + 20 * DAY) },
  ];
  return campaign;
}

test('the campaign reaching its conference runs the child, and moves on to the awards once the outcome is recorded', async () => {
  const id = `camp-conf-${Date.now()}`;
  const { result, rounds } = await run(
    async (taskQueue, start) => {
      const campaign = campaignWithConference(id, start);
      const open = start + 10 * DAY;
      const handle = await testEnv().client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [campaign],
      });
      await testEnv().sleep(10.5 * DAY);
      const during = await handle.query(getCampaignStatus);
      const conference = testEnv().client.workflow.getHandle(conferenceWorkflowId(id));
      const child = await conference.query(getConferenceStatus);
      const heldOn = new Date(open + 7 * 3600_000).toISOString().slice(0, 10);
      await conference.executeUpdate(recordConferenceOutcome, { args: [{ heldOn, attendance: 2, by: 'tvt' }] });
      const view = await handle.result();
      await saveHistory(testEnv(), 'campaign-runs-conference', `campaign/${id}`); // for test/replay
      return { during, child, view, childEnd: await conference.result() };
    },
    { invitees: INVITEES.slice(0, 2) },
  );
  expect(result.during.phase).toBe('conference');
  expect(result.child).toMatchObject({
    state: 'awaiting-outcome',
    venue: 'Hội trường Tỉnh ủy',
    counts: { invited: 2 },
  });
  expect(rounds.map((r) => `${r.kind}@${r.day}`)).toEqual(['invitation@6']);
  expect(result.childEnd.state).toBe('held');
  // After the conference the campaign went through the awards phase and closed.
  expect(result.view.phase).toBe('closed');
  expect(result.view.cancelled).toBeUndefined();
});

test('a campaign cancelled during its conference cancels the child: a CANCEL to those invited', async () => {
  const id = `camp-conf-cancel-${Date.now()}`;
  const { result, rounds } = await run(
    async (taskQueue, start) => {
      const handle = await testEnv().client.workflow.start(campaignWorkflow, {
        taskQueue,
        workflowId: `campaign/${id}`,
        args: [campaignWithConference(id, start)],
      });
      await testEnv().sleep(7 * DAY); // the invitations went out on day 6
      await handle.executeUpdate(cancelCampaign, {
        args: [{ reason: 'Thay đổi chủ trương', cancelledBy: 'Nguyễn Văn C (nvc)' }],
      });
      const view = await handle.result();
      const child = await testEnv().client.workflow.getHandle(conferenceWorkflowId(id)).result();
      return { view, child };
    },
    { invitees: INVITEES.slice(0, 2) },
  );
  expect(rounds.map((r) => `${r.kind}@${r.day}:${r.ics?.method}/${r.ics?.sequence}:${r.ids.join(',')}`)).toEqual([
    'invitation@6:REQUEST/0:so-noi-vu,so-tai-chinh',
    'cancelled@7:CANCEL/1:so-noi-vu,so-tai-chinh',
  ]);
  expect(result.child).toMatchObject({ state: 'cancelled', cancelled: { by: 'Nguyễn Văn C (nvc)' } });
  expect(result.child.cancelled?.reason).toContain('Thay đổi chủ trương');
  expect(result.view.phase).toBe('cancelled');
});

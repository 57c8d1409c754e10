/**
 * The conference's messages and calendar part: each message's Vietnamese words; the `.ics` parsed
 * back with ical.js (METHOD, UID, SEQUENCE, the times in the campaign's zone, ORGANIZER, ATTENDEEs
 * with RSVP; CANCEL with the same UID); and the mail activity through nodemailer's stream transport:
 * the invitation to the unit head with the focal person in copy, the `.ics` attached and as the
 * `text/calendar; method=REQUEST` part, the escalation to the supervisor, one message per invitee and
 * a retried round sending none twice.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { createActivities, type ActivityDeps } from '../../../activities';
import { conferenceInvitees } from '../../../activities/conference';
import { conferenceIcs } from '../../../calendar/conference-ics';
import { conferenceUid } from '../../../calendar/ics';
import type { CampaignDefinition } from '../../../domain/campaign-schema';
import { composeConferenceMessage } from '../../../domain/conference-messages';
import type { ConferenceMailInput, ConferenceMailResult, ConferenceSnapshot } from '../../../domain/conference-types';
import { FileSentLog } from '../../../stores/sent-log';
import { ONE_UNIT_CAMPAIGN } from '../../helpers/one-unit-campaign';

const definition: CampaignDefinition = {
  ...ONE_UNIT_CAMPAIGN,
  units: [
    {
      ...ONE_UNIT_CAMPAIGN.units[0],
      supervisor: { name: 'Phó Chủ tịch Hoàng Văn K', email: 'k.ubnd@vinhphuc.example.vn' },
    },
    {
      id: 'so-tai-chinh',
      name: 'Sở Tài chính',
      kind: 'department',
      focal: { name: 'A', email: 'a@vinhphuc.example.vn' },
      head: { name: 'B', email: 'b@vinhphuc.example.vn' },
    },
  ],
  phases: [
    ...ONE_UNIT_CAMPAIGN.phases,
    {
      kind: 'conference',
      window: { start: '1/11/2009', end: '30/11/2009' },
      date: '14/11/2009',
      venue: 'Hội trường Tỉnh ủy',
      agenda: ['Khai mạc', 'Báo cáo tổng kết'],
      invitees: ['so-noi-vu'],
      startTime: '08:00',
      endTime: '11:30',
      guests: [
        {
          id: 'pho-chu-tich',
          name: 'Đồng chí Nguyễn Văn H',
          email: 'h@vinhphuc.example.vn',
          position: 'Phó Chủ tịch UBND tỉnh',
        },
      ],
      presenters: [{ unit: 'so-noi-vu', paper: 'Kinh nghiệm tổ chức phong trào thi đua' }],
      invitations: {
        sendBefore: '7wd',
        replyBy: '3wd',
        reminders: ['1wd'],
        escalation: ['1wd'],
        attendeeReminder: '1wd',
      },
    },
  ],
};

const conference = (sequence = 0): ConferenceSnapshot => ({
  name: 'Hội nghị tổng kết',
  planNumber: '67-KH/TU',
  title: 'Tổng kết 10 năm Chỉ thị 39-CT/TW',
  timeZone: 'Asia/Ho_Chi_Minh',
  when: { kind: 'exact', start: '2009-11-14T01:00:00.000Z', end: '2009-11-14T04:30:00.000Z' },
  whenLocal: '08:00 ngày 14/11/2009',
  venue: 'Hội trường Tỉnh ủy',
  agenda: ['Khai mạc', 'Báo cáo tổng kết'],
  sequence,
  replyBy: '2009-11-11T10:00:00.000Z',
  replyByLocal: '11/11/2009 17:00',
});

const people = [
  { name: 'Lê Quang Đức', email: 'duc.snv@vinhphuc.example.vn' },
  { name: 'Đồng chí Nguyễn Văn H', email: 'h@vinhphuc.example.vn' },
];

function parsed(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const event = cal.getFirstSubcomponent('vevent')!;
  const start = event.getFirstProperty('dtstart')!;
  return {
    method: cal.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    tzid: start.getParameter('tzid'),
    start: (start.getFirstValue() as ICAL.Time).toString(),
    end: (event.getFirstPropertyValue('dtend') as ICAL.Time).toString(),
    organizer: String(event.getFirstPropertyValue('organizer')),
    attendees: event.getAllProperties('attendee').map((a) => ({
      email: String(a.getFirstValue()).replace(/^mailto:/i, ''),
      rsvp: a.getParameter('rsvp'),
    })),
  };
}

test('the invitation is an iCalendar REQUEST: stable UID, SEQUENCE, times in Asia/Ho_Chi_Minh, organizer, attendees asked to reply', () => {
  const ics = conferenceIcs({
    campaignId: 'vp-2009',
    conference: conference(2),
    organizer: { name: 'Ban Thi đua - Khen thưởng tỉnh', email: 'hoa.tdkt@vinhphuc.example.vn' },
    attendees: people,
    now: '2009-11-01T00:00:00.000Z',
  })!;
  expect(parsed(ics)).toEqual({
    method: 'REQUEST',
    uid: conferenceUid('vp-2009'),
    sequence: 2,
    status: 'CONFIRMED',
    tzid: 'Asia/Ho_Chi_Minh',
    start: '2009-11-14T08:00:00',
    end: '2009-11-14T11:30:00',
    organizer: 'mailto:hoa.tdkt@vinhphuc.example.vn',
    attendees: people.map((p) => ({ email: p.email, rsvp: 'TRUE' })),
  });
});

test("once cancelled the .ics is a CANCEL with the same UID and the cancel's SEQUENCE; a rough date has none", () => {
  const base = {
    campaignId: 'vp-2009',
    organizer: { name: 'Ban', email: 'hoa.tdkt@vinhphuc.example.vn' },
    attendees: people,
    now: '2009-11-01T00:00:00.000Z',
  };
  const cancel = parsed(conferenceIcs({ ...base, conference: conference(3), cancelled: { reason: 'Dịch bệnh' } })!);
  expect(cancel).toMatchObject({ method: 'CANCEL', uid: conferenceUid('vp-2009'), sequence: 3, status: 'CANCELLED' });
  const rough = conferenceIcs({
    ...base,
    conference: {
      ...conference(),
      when: { kind: 'period', name: 'tháng 11/2009', first: '2009-11-01', last: '2009-11-30' },
    },
  });
  expect(rough).toBeUndefined();
});

test('the messages say what, when, where and how to reply, in Vietnamese', () => {
  const invitee = {
    id: 'so-noi-vu',
    kind: 'unit' as const,
    name: 'Sở Nội vụ',
    email: 'x@y.vn',
    presents: 'Kinh nghiệm …',
  };
  const base = { conference: conference(), invitee, secretariatName: 'Ban Thi đua - Khen thưởng tỉnh', contacts: [] };
  const invitation = composeConferenceMessage({ ...base, kind: 'invitation', link: 'https://thidua.example/u/abc' });
  expect(invitation.subject).toBe('[67-KH/TU] Giấy mời: Hội nghị tổng kết — 08:00 ngày 14/11/2009');
  expect(invitation.text).toContain('trân trọng kính mời Sở Nội vụ tới dự Hội nghị tổng kết');
  expect(invitation.text).toContain('Địa điểm: Hội trường Tỉnh ủy.');
  expect(invitation.text).toContain('trình bày tham luận: "Kinh nghiệm …"');
  expect(invitation.text).toContain('tại: https://thidua.example/u/abc trước 11/11/2009 17:00');
  const updated = composeConferenceMessage({
    ...base,
    kind: 'updated',
    detail: { change: 'Hội trường A → Hội trường B' },
  });
  expect(updated.subject).toMatch(/Giấy mời \(thay đổi\)/);
  expect(updated.text).toContain('xin đăng ký lại');
  const cancelled = composeConferenceMessage({ ...base, kind: 'cancelled', detail: { reason: 'Dịch bệnh' } });
  expect(cancelled.text).toContain('đã bị hủy');
  expect(cancelled.text).toContain('Lý do: Dịch bệnh.');
  const escalation = composeConferenceMessage({ ...base, kind: 'reply-escalation', detail: { step: 1 } });
  expect(escalation.text).toContain('Đã quá hạn đăng ký dự (11/11/2009 17:00)');
  const attendees = composeConferenceMessage({
    ...base,
    kind: 'attendee-reminder',
    reply: {
      inviteeId: 'so-noi-vu',
      answer: 'attending',
      delegates: [{ name: 'Lê Quang Đức', position: 'Giám đốc' }],
      seats: 2,
      via: 'link',
      at: '2009-11-05T00:00:00Z',
      sequence: 0,
    },
  });
  expect(attendees.text).toContain('- Lê Quang Đức, Giám đốc');
});

test('invitees from the file: the listed units through their heads (escalation to the supervisor), presenters, guests', () => {
  expect(conferenceInvitees(definition)).toEqual([
    {
      id: 'so-noi-vu',
      kind: 'unit',
      name: 'Sở Nội vụ',
      email: 'duc.snv@vinhphuc.example.vn',
      escalateTo: 'k.ubnd@vinhphuc.example.vn',
      presents: 'Kinh nghiệm tổ chức phong trào thi đua',
    },
    {
      id: 'khach/pho-chu-tich',
      kind: 'guest',
      name: 'Đồng chí Nguyễn Văn H, Phó Chủ tịch UBND tỉnh',
      email: 'h@vinhphuc.example.vn',
    },
  ]);
});

describe('the mail round', () => {
  let dir: string;
  const sent: Array<{ envelope: { to: string[] }; raw: string }> = [];
  let activities: ReturnType<typeof createActivities>;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-conference-mail-'));
    sent.length = 0;
    const stream = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const transport = {
      sendMail: async (m: SendMailOptions) => {
        const info = await stream.sendMail(m);
        sent.push({ envelope: info.envelope as { to: string[] }, raw: (info.message as Buffer).toString('utf8') });
        return { ...info, rejected: [], response: '250 OK' };
      },
    } as unknown as ActivityDeps['transport'];
    activities = createActivities({
      transport,
      sentLog: new FileSentLog(path.join(dir, 'sent')),
      definitions: { load: async () => definition, save: async () => 'x' } as unknown as ActivityDeps['definitions'],
      reports: {} as ActivityDeps['reports'],
      links: {
        linkFor: async (_c: string, u: string) => `https://thidua.example/u/${u}`,
      } as unknown as ActivityDeps['links'],
      from: '"Thi đua" <thidua@vinhphuc.example.vn>',
    });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const round = (kind: ConferenceMailInput['kind']): ConferenceMailInput => ({
    campaignId: 'vp-2009',
    definitionRef: 'x',
    kind,
    key: `vp-2009/conference/s0/${kind}`,
    conference: conference(),
    recipients: conferenceInvitees(definition).map((invitee) => ({ invitee })),
    attendees: people,
  });

  test('one invitation per invitee, the .ics attached and as the text/calendar REQUEST part; a retried round sends none twice', async () => {
    const env = new MockActivityEnvironment();
    const first = await env.run(activities.sendConferenceRound, round('invitation'));
    expect(first).toEqual({ sent: ['so-noi-vu', 'khach/pho-chu-tich'], undeliverable: [] });
    expect(sent.map((m) => m.envelope.to.sort())).toEqual([
      ['binh.snv@vinhphuc.example.vn', 'duc.snv@vinhphuc.example.vn'], // the head, the focal person in copy
      ['h@vinhphuc.example.vn'],
    ]);
    const raw = sent[0].raw;
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(raw).toMatch(/filename=giay-moi\.ics/);
    // One calendar file, under its Vietnamese name: no second copy under nodemailer's default `invite.ics`.
    const parsedMail = await simpleParser(raw);
    const files = parsedMail.attachments.filter((a) => a.contentDisposition === 'attachment');
    expect(files.map((a) => a.filename)).toEqual(['giay-moi.ics']);
    expect(raw).not.toMatch(/invite\.ics/);
    expect(parsed(files[0].content.toString('utf8'))).toMatchObject({
      method: 'REQUEST',
      uid: conferenceUid('vp-2009'),
    });
    const again = (await env.run(activities.sendConferenceRound, round('invitation'))) as ConferenceMailResult;
    expect(again.sent).toEqual(['so-noi-vu', 'khach/pho-chu-tich']);
    expect(sent).toHaveLength(2);
  });

  test('the escalation goes to the supervisor; a reminder carries no calendar part', async () => {
    const env = new MockActivityEnvironment();
    await env.run(activities.sendConferenceRound, { ...round('reply-escalation'), detail: { step: 1 } });
    await env.run(activities.sendConferenceRound, round('reply-reminder'));
    expect(sent[0].envelope.to).toEqual(['k.ubnd@vinhphuc.example.vn']);
    expect(sent[2].raw).not.toMatch(/text\/calendar/);
  });
});

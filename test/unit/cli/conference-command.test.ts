/**
 * `thidua conference`: what can be checked on the command line is refused before an account or
 * Temporal is asked (a missing --as, no answer, a bad date or number, an unknown login), in
 * Vietnamese by default and in English with --lang en; the status view reads as a clerk expects.
 */
import { cliFailure, useCliDataDir } from '../../helpers/cli-data-dir';
import { conferenceCommand, show } from '../../../client/commands/conference';
import { CliError } from '../../../client/connect';
import { conferenceTexts } from '../../../client/texts/conference';
import { usage } from '../../../client/thidua';
import type { ConferenceStatusView } from '../../../domain/conference-types';

useCliDataDir('conference-cli');
const failure = cliFailure;

test('usage errors are told before anything is asked', async () => {
  expect((await failure(conferenceCommand('cancel')(['c1', '--reason', 'x'])))?.message).toMatch(/^--as LOGIN/);
  expect((await failure(conferenceCommand('reply')(['c1', 'so-noi-vu', '--as', 'x'])))?.message).toBe(
    'cần --attending (kèm --seats N) hoặc --declined',
  );
  expect(
    (await failure(conferenceCommand('reply')(['c1', 'so-noi-vu', '--as', 'x', '--attending', '--seats', 'ba'])))
      ?.message,
  ).toBe('--seats "ba": một số nguyên không âm');
  expect(
    (await failure(conferenceCommand('outcome')(['c1', '--as', 'x', '--held-on', '31-12', '--attendance', '5'])))
      ?.message,
  ).toMatch(/^--held-on "31-12": ghi dạng dd\/MM\/yyyy/);
  expect((await failure(conferenceCommand('cancel')(['c1', '--as', 'x', '--lang', 'en'])))?.message).toBe(
    '--reason: a reason is needed',
  );
});

test('an unknown login is refused before Temporal is reached', async () => {
  const err = await failure(conferenceCommand('venue')(['c1', '--venue', 'Hội trường B', '--as', 'khong-co']));
  expect(err).toBeInstanceOf(CliError);
  expect(err?.message).toMatch(/^không có tài khoản "khong-co"/);
});

test('--help lists the conference commands in both languages', () => {
  expect(usage('vi')).toContain('thidua conference set-date');
  expect(usage('en')).toContain('record a phone reply');
});

test("the status view: when, where, counts, each invitee's reply, the changes", () => {
  const view: ConferenceStatusView = {
    campaignId: 'vp-2009',
    name: 'Hội nghị tổng kết',
    state: 'invited',
    when: { kind: 'exact', start: '2009-11-20T01:00:00.000Z' },
    whenLocal: '08:00 ngày 20/11/2009',
    venue: 'Hội trường Tỉnh ủy',
    agenda: [],
    sequence: 1,
    replyBy: '2009-11-17T10:00:00.000Z',
    replyByLocal: '17/11/2009 17:00',
    invitees: [
      {
        id: 'so-noi-vu',
        kind: 'unit',
        name: 'Sở Nội vụ',
        email: 'a@b.vn',
        reply: {
          inviteeId: 'so-noi-vu',
          answer: 'attending',
          delegates: [{ name: 'Lê Quang Đức' }],
          seats: 2,
          via: 'phone',
          at: '2009-11-12T03:00:00Z',
          sequence: 1,
        },
        remindersSent: 0,
        escalated: false,
      },
      { id: 'so-tai-chinh', kind: 'unit', name: 'Sở Tài chính', email: 'c@d.vn', remindersSent: 1, escalated: false },
    ],
    counts: { invited: 2, attending: 1, declined: 0, noReply: 1, seats: 2 },
    changes: [
      { at: '2009-11-12T02:00:00Z', by: 'tvt', what: 'venue-changed', sequence: 1, detail: 'A → Hội trường Tỉnh ủy' },
    ],
    remindersSent: 1,
    escalationsSent: 0,
  };
  const text = show(view, conferenceTexts('vi'), 'Asia/Ho_Chi_Minh');
  expect(text).toContain('Hội nghị tổng kết (vp-2009): đã gửi giấy mời, đang nhận đăng ký');
  expect(text).toContain('Thời gian: 08:00 ngày 20/11/2009 · Địa điểm: Hội trường Tỉnh ủy · Giấy mời lần 1');
  expect(text).toContain('Hạn đăng ký: 17/11/2009 17:00');
  expect(text).toContain('Mời: 2 · Dự: 1 · Không dự: 0 · Chưa trả lời: 1 · Số chỗ: 2');
  expect(text).toMatch(/so-noi-vu\s+Sở Nội vụ\s+dự\s+2\s+Lê Quang Đức\s+phone/);
  expect(text).toMatch(/so-tai-chinh\s+Sở Tài chính\s+chưa trả lời/);
  expect(text).toContain('12/11/2009 09:00 — venue-changed: A → Hội trường Tỉnh ủy (tvt)');
});

/**
 * The schedule commands refuse an option they do not take before they connect anywhere (no server
 * runs here: an accepted option would fail to connect instead). `schedule delete ID --reason …`
 * used to delete silently, the reason dropped; `schedule pause ID --reson …` said nothing of the typo;
 * `synthesis approve ID --as A --versoin 2` approved the latest version, not the 2nd.
 */
import { deleteCommand, listCommand, pauseCommand } from '../../../client/commands/schedule';
import { approveCommand, downloadCommand } from '../../../client/commands/synthesis';
import { conferenceCommand } from '../../../client/commands/conference';
import { awardsVoteCommand, campaignReportCommand } from '../../../client/commands/awards';
import { addUserCommand } from '../../../client/commands/secretariat-user';
import { startCommand } from '../../../client/commands/campaign-start';

const io = { stdout: { write: () => true }, stderr: { write: () => true } };

test('schedule delete --reason (only pause takes one) is refused, naming the option and --help', async () => {
  await expect(deleteCommand(['khoi-noi-chinh', '--reason', 'làm lại mẫu'], io)).rejects.toMatchObject({
    exitCode: 2,
    message: 'lệnh thidua schedule delete không có tùy chọn --reason; chưa làm gì. Xem: thidua schedule delete --help',
  });
});

test('a typo in schedule pause, and in English', async () => {
  await expect(pauseCommand(['khoi-noi-chinh', '--reson', 'x'], io)).rejects.toThrow('không có tùy chọn --reson');
  await expect(pauseCommand(['khoi-noi-chinh', '--reson=x', '--lang', 'en'], io)).rejects.toThrow(
    'thidua schedule pause has no option --reson; nothing was done.',
  );
  await expect(listCommand(['--jsn'], io)).rejects.toThrow('không có tùy chọn --jsn');
});

test('synthesis approve with a mistyped --version approves nothing; download takes --version', async () => {
  await expect(approveCommand(['vp-67', '--as', 'lanhdao', '--versoin', '2'], io)).rejects.toMatchObject({
    exitCode: 2,
    message:
      'lệnh thidua synthesis approve không có tùy chọn --versoin; chưa làm gì. Xem: thidua synthesis approve --help',
  });
  await expect(downloadCommand(['vp-67', '--as', 'lanhdao'], io)).rejects.toThrow(
    'lệnh thidua synthesis download không có tùy chọn --as',
  );
});

test('conference cancel with a mistyped --reason names the typo; reply takes --attending', async () => {
  await expect(conferenceCommand('cancel')(['vp-67', '--as', 'lanhdao', '--reson', 'Bão'], io)).rejects.toThrow(
    'lệnh thidua conference cancel không có tùy chọn --reson; chưa làm gì',
  );
  // Accepted, it goes on to the account, which this test has none of: another refusal, not the option's.
  await expect(
    conferenceCommand('reply')(['vp-67', 'so-noi-vu', '--as', 'khong-co', '--attending', '--seats', '2'], io),
  ).rejects.not.toThrow('không có tùy chọn');
});

test('awards vote with a mistyped --form records nothing; campaign report names itself', async () => {
  await expect(awardsVoteCommand(['c1', 'so-noi-vu/1', 'approve', '--as', 'an', '--fom', 'BK'], io)).rejects.toThrow(
    'lệnh thidua awards vote không có tùy chọn --fom; chưa làm gì',
  );
  await expect(campaignReportCommand(['--year', '2026', '--xls', 'a.xlsx'], io)).rejects.toThrow(
    'lệnh thidua campaign report không có tùy chọn --xls',
  );
});

test('secretariat add-user with a mistyped --role asks for no password and makes no account', async () => {
  const readPassword = jest.fn(async () => 'mat-khau-dai-hon-12');
  await expect(
    addUserCommand(['lanhdao', '--name', 'Lê Lãnh Đạo', '--roles', 'approver'], io, readPassword),
  ).rejects.toThrow('lệnh thidua secretariat add-user không có tùy chọn --roles; chưa làm gì');
  expect(readPassword).not.toHaveBeenCalled();
});

test('campaign start with a mistyped --rehearse starts nothing (it would have started for real)', async () => {
  await expect(
    startCommand(['config/campaigns/vinh-phuc-67-kh-tu-2009.yaml', '--rehears', '1d=20s'], io),
  ).rejects.toThrow('lệnh thidua campaign start không có tùy chọn --rehears; chưa làm gì');
});

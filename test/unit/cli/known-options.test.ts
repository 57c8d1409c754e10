/**
 * The schedule commands refuse an option they do not take before they connect anywhere (no server
 * runs here: an accepted option would fail to connect instead). `schedule delete ID --reason …`
 * used to delete silently, the reason dropped; `schedule pause ID --reson …` said nothing of the typo.
 */
import { deleteCommand, listCommand, pauseCommand } from '../../../client/commands/schedule';

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

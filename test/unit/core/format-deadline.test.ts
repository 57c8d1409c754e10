/** A deadline as every message writes it, remembered between messages (issue 17, the deadline burst). */
import { formatDeadline } from '../../../domain/messages';

test('a deadline is written in its zone, and the same instant again in another zone is written for that zone', () => {
  const at = '2026-12-09T10:00:00.000Z';
  expect(formatDeadline(at, 'Asia/Ho_Chi_Minh')).toBe('17:00 thứ Tư, 09/12/2026');
  expect(formatDeadline(at, 'Asia/Ho_Chi_Minh')).toBe('17:00 thứ Tư, 09/12/2026');
  expect(formatDeadline(at, 'Europe/Paris')).toBe('11:00 thứ Tư, 09/12/2026');
  expect(formatDeadline('2026-12-09T17:30:00.000Z', 'Asia/Ho_Chi_Minh')).toBe('00:30 thứ Năm, 10/12/2026');
});

test('past its bound of remembered deadlines, each is still written right', () => {
  const start = Date.parse('2027-01-01T01:00:00.000Z');
  const hour = 3_600_000;
  for (let i = 0; i < 2_500; i++) formatDeadline(new Date(start + i * hour).toISOString(), 'Asia/Ho_Chi_Minh');
  // 2027-01-01 is a Friday; 08:00 in Hà Nội. 2,499 hours later: 2027-04-15 (Thursday) 11:00.
  expect(formatDeadline(new Date(start).toISOString(), 'Asia/Ho_Chi_Minh')).toBe('08:00 thứ Sáu, 01/01/2027');
  expect(formatDeadline(new Date(start + 2_499 * hour).toISOString(), 'Asia/Ho_Chi_Minh')).toBe(
    '11:00 thứ Năm, 15/04/2027',
  );
});

/** The workflows' local times as the pages write them (portal/local-words.ts). */
import { localWords, localWordsIn, spokenWords } from '../../../portal/local-words';

test("a schedule's local time reads as every time on a page; a rehearsal's seconds stay; other text stays", () => {
  expect(localWords('06/11/2009 17:00')).toBe('17:00 thứ Sáu, 06/11/2009');
  expect(localWords('15/11/2009 08:00:05')).toBe('08:00:05 Chủ nhật, 15/11/2009');
  expect(localWords('dự kiến trong tháng 11/2009')).toBe('dự kiến trong tháng 11/2009');
});

test("a conference's spoken day and a refusal's times are reworded where they stand in the text", () => {
  expect(spokenWords('08:00 ngày 07/11/2009 → 08:00 ngày 14/11/2009 (trùng lịch)')).toBe(
    '08:00 thứ Bảy, 07/11/2009 → 08:00 thứ Bảy, 14/11/2009 (trùng lịch)',
  );
  expect(spokenWords('dự kiến trong tháng 11/2009')).toBe('dự kiến trong tháng 11/2009');
  expect(localWordsIn('Đã quá hạn đăng ký dự (06/11/2009 17:00); xin liên hệ Thường trực.')).toBe(
    'Đã quá hạn đăng ký dự (17:00 thứ Sáu, 06/11/2009); xin liên hệ Thường trực.',
  );
  // A day alone (a decision's date) is not a time: left as it is.
  expect(localWordsIn('Quyết định số 125/QĐ-UBND ngày 25/11/2026')).toBe('Quyết định số 125/QĐ-UBND ngày 25/11/2026');
});

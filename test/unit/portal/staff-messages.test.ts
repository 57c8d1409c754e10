import { AppError } from '../../../app/temporal-errors';
import { staffMessage } from '../../../portal/messages';

test("a sub-campaign's start refused on the dashboard reads as the CLI words it, in Vietnamese", () => {
  const err = new AppError('invalid', {
    operation: 'start-campaign',
    input: 'parent-unit-unknown',
    value: 'vnpt-x|bo-tttt-dai-hoi-thi-dua-2014-2015|vnpt, viettel',
  });
  expect(staffMessage(err)).toContain(
    '"vnpt-x" không phải là đơn vị của đợt cấp trên "bo-tttt-dai-hoi-thi-dua-2014-2015"',
  );
  expect(staffMessage(err)).not.toContain('Dữ liệu không hợp lệ');
});

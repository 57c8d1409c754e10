/**
 * A later phase's command on a campaign that runs but has not reached that phase (found walking a
 * rehearsed campaign: `conference status` said the campaign did not exist while `campaign status`
 * showed it running). The message says the phase is not there yet; a campaign command still says
 * there is no such campaign.
 */
import { cliMessage } from '../../../client/messages';
import { AppError } from '../../../app/temporal-errors';

const notFound = (operation: ConstructorParameters<typeof AppError>[1]) => new AppError('not-found', operation);

test('conference, synthesis and awards commands say the phase is not reached, and where to look', () => {
  expect(cliMessage(notFound({ operation: 'read-conference', campaignId: 'vp-2009' }), 'vi')).toBe(
    'không tìm thấy: đợt "vp-2009" chưa đến giai đoạn hội nghị (hoặc kế hoạch không có giai đoạn này), hoặc không có đợt này; xem `thidua campaign status vp-2009`.',
  );
  expect(cliMessage(notFound({ operation: 'approve-synthesis', campaignId: 'vp-2009' }), 'vi')).toMatch(
    /^không tìm thấy: đợt "vp-2009" chưa đến giai đoạn tổng hợp /,
  );
  expect(cliMessage(notFound({ operation: 'cast-vote', campaignId: 'vp-2009' }), 'vi')).toMatch(
    /chưa đến giai đoạn khen thưởng/,
  );
  expect(cliMessage(notFound({ operation: 'read-awards', campaignId: 'vp-2009' }), 'en')).toBe(
    'not found: campaign "vp-2009" has no awards phase running (not reached yet, or its plan has none), or there is no such campaign; see `thidua campaign status vp-2009`.',
  );
});

test('a campaign or unit command keeps its own not-found message', () => {
  expect(cliMessage(notFound({ operation: 'read-campaign', campaignId: 'khong-co' }), 'vi')).toBe(
    'không tìm thấy: không có đợt "khong-co"; xem `thidua campaign list`.',
  );
  expect(cliMessage(notFound({ operation: 'read-conference', campaignId: 'vp', unitId: 'so-x' }), 'vi')).toMatch(
    /đơn vị "so-x" không thuộc đợt "vp"/,
  );
});

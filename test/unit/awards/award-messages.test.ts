/**
 * The awards phase's mails as a council member and a unit read them (found walking a rehearsed
 * campaign: the decision's date read "ngày 5/12/2009" in both mails, "05/12/2009" on the unit's page).
 */
import { composeAwardMessage, type AwardMessageContext } from '../../../domain/award-messages';

const base: AwardMessageContext = {
  kind: 'decision-issued',
  planNumber: '67-KH/TU',
  campaignTitle: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
  secretariatName: 'Ban Thi đua - Khen thưởng tỉnh Vĩnh Phúc',
  contacts: [{ name: 'Nguyễn Văn T', email: 'tdkt@vinhphuc.example.vn' }],
  timeZone: 'Asia/Ho_Chi_Minh',
  addressees: ['đồng chí Lê Văn Chủ'],
  counts: { approved: 2, rejected: 0, noQuorum: 0, higher: 0, inVote: 0 },
  decision: { number: '125/QĐ-UBND', date: '2009-12-05' },
};

test('the decision mail to the council writes its date dd/MM/yyyy', () => {
  expect(composeAwardMessage(base).text).toContain(
    'Quyết định khen thưởng số 125/QĐ-UBND ngày 05/12/2009 đã được ban hành',
  );
});

test("a unit's results name the decision with its date dd/MM/yyyy", () => {
  const text = composeAwardMessage({
    ...base,
    kind: 'unit-results',
    addressees: ['Sở Nội vụ'],
    results: [
      {
        name: 'Phòng Tổ chức cán bộ',
        type: 'collective',
        proposedForm: 'Bằng khen của Chủ tịch UBND tỉnh',
        state: 'approved',
        awardedForm: 'bang-khen-tinh',
        awardedName: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
      },
    ],
  }).text;
  expect(text).toContain('(Quyết định số 125/QĐ-UBND ngày 05/12/2009):');
});

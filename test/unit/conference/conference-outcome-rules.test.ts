/**
 * The outcome's refusals as a clerk reads them (the dashboard and the CLI pass the workflow's words on):
 * dates written dd/MM/yyyy in Vietnam time, the form the clerk types, never the wire's ISO form.
 */
import { HELD_BEFORE_OPENING, assertOutcome } from '../../../domain/conference-rules';

// 08:00 in Hà Nội on 14/11/2009 is 01:00 UTC; 06:00 on 01/12/2009 is still 30/11 in UTC.
const start = '2009-11-14T01:00:00.000Z';
const early = '2009-11-30T23:00:00.000Z';

test('a held day in a wrong form says what to type, dd/mm/yyyy', () => {
  expect(() => assertOutcome({ heldOn: '14-11-2009', attendance: 10, by: 'cv' }, start)).toThrow(
    /^Ngày họp "14-11-2009" không hợp lệ; hãy ghi ngày dạng dd\/mm\/yyyy, ví dụ 14\/11\/2009\.$/,
  );
});

test('a held day before the start names both days as dd/MM/yyyy, the start in Vietnam time', () => {
  expect(() => assertOutcome({ heldOn: '2009-10-20', attendance: 10, by: 'cv' }, start)).toThrow(
    /^Ngày họp 20\/10\/2009 trước ngày khai mạc đã định \(14\/11\/2009\); hãy ghi ngày hội nghị đã diễn ra, từ 14\/11\/2009\.$/,
  );
  // The local day, not the UTC one: a start at 06:00 on 01/12 is still 30/11 in UTC.
  expect(() => assertOutcome({ heldOn: '2009-11-28', attendance: 10, by: 'cv' }, early)).toThrow(
    'trước ngày khai mạc đã định (01/12/2009)',
  );
  // The local day is the rule, no UTC slack: 30/11 (the start's UTC day) is before 01/12 in Vietnam.
  expect(() => assertOutcome({ heldOn: '2009-11-30', attendance: 10, by: 'cv' }, early)).toThrow(
    /^Ngày họp 30\/11\/2009 trước ngày khai mạc đã định \(01\/12\/2009\)/,
  );
  expect(() => assertOutcome({ heldOn: '2009-11-13', attendance: 10, by: 'cv' }, start)).toThrow(
    'trước ngày khai mạc đã định (14/11/2009)',
  );
  // Accepted: the opening's local day and after.
  expect(() => assertOutcome({ heldOn: '2009-11-14', attendance: 10, by: 'cv' }, start)).not.toThrow();
  expect(() => assertOutcome({ heldOn: '2009-12-01', attendance: 10, by: 'cv' }, early)).not.toThrow();
});

test('the refusal carries the opening for a rehearsal to explain: its instant, its local day, the zone', () => {
  let err: unknown;
  try {
    assertOutcome({ heldOn: '2009-11-28', attendance: 10, by: 'cv' }, early);
  } catch (e) {
    err = e;
  }
  expect(err).toMatchObject({
    type: HELD_BEFORE_OPENING,
    details: [{ openingUtc: early, openingDay: '01/12/2009', timeZone: 'Asia/Ho_Chi_Minh' }],
  });
});

import { classifySmtpError, messageIdFor, UndeliverableError } from '../../../activities/mail/send';

test('a 5xx refusal is permanent, connection errors and 4xx are retryable', () => {
  expect(classifySmtpError({ responseCode: 550, code: 'EENVELOPE', message: '550 no such user' })).toBeInstanceOf(
    UndeliverableError,
  );
  expect(classifySmtpError({ responseCode: 451, message: '451 try later' })).not.toBeInstanceOf(UndeliverableError);
  expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' }))).not.toBeInstanceOf(
    UndeliverableError,
  );
  // A rejected login is a configuration problem: retry while the operator fixes it.
  expect(classifySmtpError({ responseCode: 535, code: 'EAUTH', message: 'auth failed' })).not.toBeInstanceOf(
    UndeliverableError,
  );
});

test('the Message-ID is a deterministic function of the idempotency key', () => {
  const from = '"Ban TĐKT" <tdkt@vinhphuc.gov.vn>';
  expect(messageIdFor('c1/so-noi-vu/v2/r-3d', from)).toBe('<c1.so-noi-vu.v2.r-3d@vinhphuc.gov.vn>');
  expect(messageIdFor('c1/so-noi-vu/v2/r-3d', from)).toBe(messageIdFor('c1/so-noi-vu/v2/r-3d', from));
  expect(messageIdFor('c1/so-noi-vu/v2/r-1d', from)).not.toBe(messageIdFor('c1/so-noi-vu/v2/r-3d', from));
});

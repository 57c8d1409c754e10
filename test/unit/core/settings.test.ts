import { loadSettings, loadTemporalConnectConfig, SettingsError } from '../../../config/settings';

test('defaults give the embedded dev stack', () => {
  const s = loadSettings({});
  expect(s).toMatchObject({
    taskQueue: 'thidua',
    timeZone: 'Asia/Ho_Chi_Minh',
    publicBaseUrl: 'http://localhost:3000',
    smtp: { host: 'localhost', port: 1025, secure: false },
  });
  expect(s.dataDir).toMatch(/\.data$/);
});

test('every bad setting is named at once', () => {
  let error: unknown;
  try {
    loadSettings({
      THIDUA_SMTP_PORT: '99999',
      THIDUA_TIME_ZONE: 'Asia/Hanoi-X',
      THIDUA_SMTP_SECURE: 'maybe',
      THIDUA_SMTP_USER: 'u',
    });
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(SettingsError);
  const problems = (error as SettingsError).problems.join('\n');
  expect(problems).toContain('THIDUA_SMTP_PORT="99999"');
  expect(problems).toContain('THIDUA_TIME_ZONE="Asia/Hanoi-X"');
  expect(problems).toContain('THIDUA_SMTP_SECURE="maybe"');
  expect(problems).toContain('THIDUA_SMTP_USER and THIDUA_SMTP_PASSWORD');
});

test('the Temporal connection comes from envconfig variables', () => {
  expect(loadTemporalConnectConfig({}).connectionOptions.address).toBe('localhost:7233');
  const cloud = loadTemporalConnectConfig({
    TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233',
    TEMPORAL_NAMESPACE: 'thidua.acct',
    TEMPORAL_API_KEY: 'secret',
  });
  expect(cloud.namespace).toBe('thidua.acct');
  expect(cloud.connectionOptions).toMatchObject({ address: 'ns.acct.tmprl.cloud:7233', apiKey: 'secret', tls: true });
});

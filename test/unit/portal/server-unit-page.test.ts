/**
 * The unit portal over real HTTP: opening a link, the unit's page, rate limits, a session bound to its
 * unit, and nominations
 * (set-up in test/helpers/unit-portal-harness.ts; the full stack is in test/e2e/portal.test.ts).
 */
import { formatDeadline } from '../../../domain/messages';
import { MAX_NOMINEE_NAME_CHARS, MAX_POSITION_CHARS, MAX_REASONS_CHARS } from '../../../domain/submission-rules';
import { csrfOf, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import {
  backend,
  base,
  CAMPAIGN,
  FORM,
  linkA,
  linkB,
  portal,
  reports,
  startPortal,
  uploadsA,
  useUnitPortal,
  ZONE,
} from '../../helpers/unit-portal-harness';

useUnitPortal();

test('GET of a link opens nothing and shows nothing of the unit: only a button that POSTs with a CSRF token', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(linkA);
  expect(page.status).toBe(200);
  expect(page.body).toContain('Mở trang nộp hồ sơ');
  expect(page.body).toContain(`<form method="post" action="${linkA}/open">`);
  expect(page.body).not.toContain('Sở Nội vụ');
  expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  expect(page.headers.get('cache-control')).toBe('no-store');
  expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  // A mail scanner fetching the link twice starts no session.
  await browser.get(linkA);
  expect(portal.sessions.size).toBe(0);
  expect(browser.cookies.has('thidua_session')).toBe(false);
  expect((await browser.get('/unit')).status).toBe(401);
});

test('opening a link: POST without or with a wrong CSRF token is refused (403) and opens no session', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.get(linkA);
  const csrf = csrfOf(page.body);
  expect((await browser.postForm(`${linkA}/open`, {})).status).toBe(403);
  expect((await browser.postForm(`${linkA}/open`, { csrf: csrf.slice(1) + 'x' })).status).toBe(403);
  // The token in the form alone is not enough: the cookie set with the page must come too (another site's form).
  const stranger = new PortalBrowser(base);
  expect((await stranger.postForm(`${linkA}/open`, { csrf })).status).toBe(403);
  expect(portal.sessions.size).toBe(0);

  const opened = await browser.postForm(`${linkA}/open`, { csrf });
  expect(opened.status).toBe(303);
  expect(opened.headers.get('location')).toBe('/unit');
  const cookie = opened.headers.getSetCookie().find((c) => c.startsWith('thidua_session='))!;
  expect(cookie).toMatch(/; HttpOnly/);
  expect(cookie).toMatch(/; SameSite=Strict/);
  expect(portal.sessions.size).toBe(1);
});

test('the unit page: plan, phase, deadline and lock in local time, what is due, status', async () => {
  const browser = new PortalBrowser(base);
  const page = await browser.open(linkA);
  expect(page.status).toBe(200);
  const view = backend.units.get('so-noi-vu')!;
  expect(page.body).toContain('<h1>Sở Nội vụ</h1>');
  expect(page.body).toContain('Số 67-KH/TU: Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW');
  expect(page.body).toContain('Tổng kết tại các sở, ban, ngành');
  expect(page.body).toContain(formatDeadline(view.deadline, ZONE));
  expect(page.body).toMatch(/\d{2}:\d{2} (thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật), \d{2}\/\d{2}\/\d{4}/);
  expect(page.body).toContain(formatDeadline(view.lockAt, ZONE));
  expect(page.body).toContain('Báo cáo tổng kết (bắt buộc)');
  expect(page.body).toContain('Báo cáo tham luận (nếu có)');
  expect(page.body).toContain('Chưa nộp');
  expect(page.body).toContain('action="/unit/upload" enctype="multipart/form-data"');
});

test('unknown, tampered and malformed tokens: 404, no session', async () => {
  const browser = new PortalBrowser(base);
  const token = linkA.slice(3);
  const tampered = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
  for (const p of [`/u/${tampered}`, '/u/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/u/..%2F..%2Fetc%2Fpasswd', '/u/']) {
    const res = await browser.get(p);
    expect(res.status).toBe(404);
    expect(res.body).toContain('Đường dẫn không hợp lệ');
  }
  // The POST checks the token too, even with a valid CSRF pair from another link's page.
  const csrf = csrfOf((await browser.get(linkB)).body);
  expect((await browser.postForm(`/u/${tampered}/open`, { csrf })).status).toBe(404);
  expect(portal.sessions.size).toBe(0);
});

test('token attempts are rate limited per IP: 10 a minute by default, then 429 with Retry-After', async () => {
  const browser = new PortalBrowser(base);
  for (let i = 0; i < 9; i++) expect((await browser.get(`/u/wrong-token-${i}-aaaaaaaaaaaaaaaaaa`)).status).toBe(404);
  expect((await browser.get(linkA)).status).toBe(200); // the 10th
  const res = await browser.get(linkA);
  expect(res.status).toBe(429);
  expect(res.body).toContain('Quá nhiều lần thử');
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  // The POST of the button counts too; the unit's page itself is not a token attempt.
  expect((await browser.postForm(`${linkA}/open`, { csrf: 'x' })).status).toBe(429);
  expect((await browser.get('/unit')).status).toBe(401);
});

test('behind a trusted proxy the limit counts the address the proxy saw, not the forwarded chain a client wrote', async () => {
  const [proxied, proxiedBase] = await startPortal({ trustProxy: true, rateLimit: { max: 2, windowMs: 60_000 } });
  try {
    const from = (ip: string) => ({ 'x-forwarded-for': `6.6.6.6, ${ip}` });
    const browser = new PortalBrowser(proxiedBase);
    expect((await browser.request('GET', linkA, undefined, from('10.0.0.1'))).status).toBe(200);
    expect((await browser.request('GET', linkA, undefined, from('10.0.0.1'))).status).toBe(200);
    expect((await browser.request('GET', linkA, undefined, from('10.0.0.1'))).status).toBe(429);
    // Another client behind the same proxy has its own count; the forged first entry is ignored.
    expect((await browser.request('GET', linkA, undefined, from('10.0.0.2'))).status).toBe(200);
  } finally {
    await proxied.close();
  }
  // Without trustProxy the header changes nothing: every request is the socket's address.
  const [direct, directBase] = await startPortal({ rateLimit: { max: 1, windowMs: 60_000 } });
  try {
    const browser = new PortalBrowser(directBase);
    expect((await browser.request('GET', linkA, undefined, { 'x-forwarded-for': '10.0.0.3' })).status).toBe(200);
    expect((await browser.request('GET', linkA, undefined, { 'x-forwarded-for': '10.0.0.4' })).status).toBe(429);
  } finally {
    await direct.close();
  }
});

test('a unit’s session sees and writes only its own unit, whatever the request names', async () => {
  const a = new PortalBrowser(base);
  await a.open(linkA);
  const up = await a.postMultipart(
    '/unit/upload',
    { csrf: csrfOf((await a.get('/unit')).body), kind: 'summary-report' },
    { filename: 'Báo cáo Sở Nội vụ.pdf', data: pdfBytes('Sở Nội vụ') },
  );
  expect(up.status).toBe(303);

  const b = new PortalBrowser(base);
  const pageB = await b.open(linkB);
  expect(pageB.body).toContain('<h1>Sở Y tế</h1>');
  expect(pageB.body).not.toContain('Sở Nội vụ');
  // Naming unit A in the query or the form changes nothing: the unit comes from the session.
  const pageB2 = await b.get('/unit?unitId=so-noi-vu&campaignId=kh-67-test');
  expect(pageB2.body).toContain('<h1>Sở Y tế</h1>');
  expect(pageB2.body).not.toContain('Báo cáo Sở Nội vụ.pdf');
  const csrfB = csrfOf(pageB.body);
  expect(
    (
      await b.postMultipart(
        '/unit/upload?unitId=so-noi-vu',
        { csrf: csrfB, kind: 'summary-report', unitId: 'so-noi-vu', campaignId: CAMPAIGN },
        { filename: 'b.pdf', data: pdfBytes('Sở Y tế') },
      )
    ).status,
  ).toBe(303);
  expect((await uploadsA()).map((u) => u.name)).toEqual(['Báo cáo Sở Nội vụ.pdf']);
  expect((await reports.uploadsOf(CAMPAIGN, 'so-y-te')).map((u) => u.name)).toEqual(['b.pdf']);
  // A's CSRF token does not work in B's session.
  const csrfA = csrfOf((await a.get('/unit')).body);
  expect(
    (
      await b.postMultipart(
        '/unit/upload',
        { csrf: csrfA, kind: 'summary-report' },
        { filename: 'x.pdf', data: pdfBytes('x') },
      )
    ).status,
  ).toBe(403);
  // A forged session id is no session.
  const forged = new PortalBrowser(base);
  forged.cookies.set('thidua_session', 'A'.repeat(43));
  expect((await forged.get('/unit')).status).toBe(401);
});

describe('nominations', () => {
  let browser: PortalBrowser;
  let csrf: string;
  let page: string;
  beforeEach(async () => {
    browser = new PortalBrowser(base);
    page = (await browser.open(linkA)).body;
    csrf = csrfOf(page);
  });
  const row = (i: number, name: string, type = 'collective') => ({
    [`n${i}_type`]: type,
    [`n${i}_name`]: name,
    [`n${i}_position`]: '',
    [`n${i}_form`]: FORM,
    [`n${i}_reasons`]: 'Hoàn thành xuất sắc nhiệm vụ 5 năm',
  });

  test('the quota is explained and the form has one row per nomination allowed', () => {
    expect(page).toContain('Chỉ tiêu: 01 tập thể hoặc 01 cá nhân có thành tích tiêu biểu xuất sắc');
    expect(page).toContain('tối đa 1 đề nghị; tập thể: tối đa 1; cá nhân: tối đa 1');
    expect(page).toContain(`Hình thức khen thưởng được đề nghị: ${FORM}.`);
    expect(page).toContain('name="n0_name"');
    expect(page).not.toContain('name="n1_name"');
  });

  test('a nomination within the quota is received; the page shows the version and fills the form with it', async () => {
    const res = await browser.postForm('/unit/nominations', { csrf, ...row(0, 'Phòng Tổ chức cán bộ') });
    expect(res.status).toBe(303);
    const after = (await browser.get('/unit')).body;
    expect(after).toContain('Đã nhận hồ sơ đề nghị khen thưởng (1 đề nghị), phiên bản 1');
    expect(after).toMatch(/Phiên bản 1, lúc [^:]+:\d{2}[^:]*: Tập thể Phòng Tổ chức cán bộ — Bằng khen/);
    expect(after).toContain('value="Phòng Tổ chức cán bộ"');
    expect(backend.units.get('so-noi-vu')!.latestNominations?.nominations).toEqual([
      {
        type: 'collective',
        name: 'Phòng Tổ chức cán bộ',
        awardForm: FORM,
        reasons: 'Hoàn thành xuất sắc nhiệm vụ 5 năm',
      },
    ]);
  });

  test.each([
    [
      'over the quota',
      { ...row(0, 'Phòng A'), ...row(1, 'Ông B', 'individual') },
      'Vượt chỉ tiêu: 2 đề nghị, tối đa 1',
    ],
    [
      'an award form not offered',
      { ...row(0, 'Phòng A'), n0_form: 'Huân chương Lao động' },
      'hình thức &quot;Huân chương Lao động&quot; không thuộc',
    ],
    ['without reasons', { ...row(0, 'Phòng A'), n0_reasons: ' ' }, 'thiếu thành tích, lý do đề nghị'],
    [
      'a name over the limit',
      { ...row(0, 'Phòng ' + 'Ệ'.repeat(MAX_NOMINEE_NAME_CHARS)) },
      `Đề nghị thứ 1: tên tập thể/cá nhân dài ${MAX_NOMINEE_NAME_CHARS + 6} ký tự; tối đa ${MAX_NOMINEE_NAME_CHARS} ký tự.`,
    ],
    [
      'a position over the limit',
      { ...row(0, 'Ông A', 'individual'), n0_position: 'x'.repeat(MAX_POSITION_CHARS + 1) },
      `Đề nghị thứ 1: chức vụ, đơn vị công tác dài ${MAX_POSITION_CHARS + 1} ký tự; tối đa ${MAX_POSITION_CHARS} ký tự.`,
    ],
    [
      'reasons over the limit',
      { ...row(0, 'Phòng A'), n0_reasons: 'thành tích '.repeat(200) + 'ệ' },
      `Đề nghị thứ 1: thành tích, lý do đề nghị dài ${11 * 200 + 1} ký tự; tối đa ${MAX_REASONS_CHARS} ký tự.`,
    ],
    ['empty', { ...row(0, '') }, 'Chưa nhập đề nghị nào'],
  ])('%s: refused with the reason, nothing recorded', async (_what, fields, message) => {
    const res = await browser.postForm('/unit/nominations', { csrf, ...fields });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.body).toContain(message);
    expect(res.body).toContain('Không có gì được ghi nhận.');
    expect(backend.units.get('so-noi-vu')!.nominations).toEqual([]);
  });

  test('the form carries the length limits the server checks', () => {
    expect(page).toContain(`name="n0_name" maxlength="${MAX_NOMINEE_NAME_CHARS}"`);
    expect(page).toContain(`name="n0_position" maxlength="${MAX_POSITION_CHARS}"`);
    expect(page).toMatch(new RegExp(`name="n0_reasons"[^>]* maxlength="${MAX_REASONS_CHARS}"`));
  });

  test('without the CSRF token: 403', async () => {
    expect((await browser.postForm('/unit/nominations', row(0, 'Phòng A'))).status).toBe(403);
    expect(backend.units.get('so-noi-vu')!.nominations).toEqual([]);
  });
});

/** Attacks an outside probe found to work (issue 19); each test failed before its fix. */

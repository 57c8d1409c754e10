/**
 * The secretariat's dashboard over real HTTP: accounts, logging in, and logging in under abuse
 * (set-up in test/helpers/dashboard-harness.ts; the full stack is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword, verifyPassword } from '../../../stores/accounts';
import { csrfOf, linkPath, PortalBrowser } from '../../helpers/portal-client';
import {
  accounts,
  backend,
  base,
  CAMPAIGN,
  dir,
  links,
  logIn,
  loggedIn,
  logLines,
  PASSWORD,
  portal,
  useDashboard,
} from '../../helpers/dashboard-harness';

useDashboard();

describe('accounts', () => {
  test('passwords are kept as scrypt hashes with their own salt; only the right password verifies', async () => {
    const file = fs.readFileSync(path.join(dir, 'secretariat', 'accounts.json'), 'utf8');
    expect(file).not.toContain(PASSWORD);
    const [account] = await accounts.list();
    expect(account.passwordHash).toMatch(/^scrypt\$4096\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect((await accounts.verify('thuongtruc', PASSWORD))?.name).toBe('Nguyễn Thị Hạnh');
    expect(await accounts.verify('thuongtruc', PASSWORD + 'x')).toBeUndefined();
    expect(await accounts.verify('nobody', PASSWORD)).toBeUndefined();
    // Same password, different salt, different hash; the default cost is the real one.
    const a = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(await hashPassword(PASSWORD));
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect((fs.statSync(path.join(dir, 'secretariat', 'accounts.json')).mode & 0o777).toString(8)).toBe('600');
  });

  test('weak passwords and bad logins are refused, saying why; a second set changes the password', async () => {
    await expect(accounts.set('thuongtruc2', 'Tên', 'short')).rejects.toThrow('password: at least 10 characters');
    await expect(accounts.set('thuongtruc2', 'Tên', 'thuongtruc2-abc')).rejects.toThrow('must not contain the login');
    await expect(accounts.set('Bad Login', 'Tên', PASSWORD)).rejects.toThrow('login "Bad Login"');
    await expect(accounts.set('ok-login', ' ', PASSWORD)).rejects.toThrow('needs a name');
    expect(await accounts.list()).toHaveLength(1);
    expect(await accounts.set('thuongtruc', 'Nguyễn Thị Hạnh', 'mat-khau-moi-2027')).toBe('updated');
    expect(await accounts.verify('thuongtruc', PASSWORD)).toBeUndefined();
    expect(await accounts.verify('thuongtruc', 'mat-khau-moi-2027')).toBeDefined();
  });
});

describe('logging in', () => {
  test('every dashboard page needs a session: GET goes to the login page, POST is refused', async () => {
    const browser = new PortalBrowser(base);
    for (const p of ['/admin', `/admin/c/${CAMPAIGN}`, `/admin/c/${CAMPAIGN}/u/so-y-te`]) {
      const res = await browser.get(p);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/admin/login');
    }
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/do/extend-all`, { days: '3', reason: 'x' });
    expect(res.status).toBe(401);
    expect(backend.calls).toEqual([]);
  });

  test('the right password opens a session in an HttpOnly, SameSite=Strict cookie on /admin', async () => {
    const browser = new PortalBrowser(base);
    const res = await logIn(browser);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('thidua_staff='))!;
    expect(cookie).toMatch(/; Path=\/admin; HttpOnly; SameSite=Strict/);
    const page = await browser.get('/admin');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Nguyễn Thị Hạnh (thuongtruc)');
    expect(page.body).toContain(`href="/admin/c/${CAMPAIGN}"`);
    expect(logLines).toContain('dashboard: thuongtruc logged in from 127.0.0.1');
  });

  test('a wrong password and an unknown login get the same answer and no session', async () => {
    const wrong = await logIn(new PortalBrowser(base), 'thuongtruc', 'doan-sai-mat-khau');
    const unknown = await logIn(new PortalBrowser(base), 'khong-co', 'doan-sai-mat-khau');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
      expect(res.headers.getSetCookie().some((c) => c.startsWith('thidua_staff='))).toBe(false);
    }
    expect(portal.staffSessions!.size).toBe(0);
  });

  test('login without the CSRF pair (a form posted from another site) is refused', async () => {
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.get('/admin/login')).body);
    const stranger = new PortalBrowser(base);
    expect((await stranger.postForm('/admin/login', { csrf, login: 'thuongtruc', password: PASSWORD })).status).toBe(
      403,
    );
    expect((await browser.postForm('/admin/login', { login: 'thuongtruc', password: PASSWORD })).status).toBe(403);
    expect(portal.staffSessions!.size).toBe(0);
  });

  test('password guessing: after 4 failures for a login even the right password waits (429), per address after 8', async () => {
    const browser = new PortalBrowser(base);
    for (let i = 0; i < 4; i++) expect((await logIn(browser, 'thuongtruc', `doan-${i}-sai-mat-khau`)).status).toBe(401);
    const blocked = await logIn(browser, 'thuongtruc', PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toContain('Quá nhiều lần đăng nhập sai');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(60);
    expect(portal.staffSessions!.size).toBe(0);
    // Other logins from the same address fail on until the address's own limit.
    for (let i = 0; i < 4; i++) expect((await logIn(browser, `khach-${i}`, 'doan-sai-mat-khau')).status).toBe(401);
    expect((await logIn(browser, 'khach-9', 'doan-sai-mat-khau')).status).toBe(429);
    expect(logLines.filter((l) => l.includes('too many failed attempts'))).toHaveLength(2);
  });

  test('a unit’s session does not open the dashboard, and a staff session does not open a unit', async () => {
    const link = linkPath(await links.linkFor(CAMPAIGN, 'so-y-te'));
    const unitBrowser = new PortalBrowser(base);
    const page = await unitBrowser.get(link);
    await unitBrowser.postForm(`${link}/open`, { csrf: csrfOf(page.body) });
    expect(unitBrowser.cookies.has('thidua_session')).toBe(true);
    expect((await unitBrowser.get('/admin')).status).toBe(303);
    // The unit's session id sent as a staff cookie is not a staff session.
    unitBrowser.cookies.set('thidua_staff', unitBrowser.cookies.get('thidua_session')!);
    expect((await unitBrowser.get('/admin')).status).toBe(303);

    const { browser } = await loggedIn();
    browser.cookies.set('thidua_session', browser.cookies.get('thidua_staff')!);
    expect((await browser.get('/unit')).status).toBe(401);
  });

  test('logging out needs the CSRF token and ends the session', async () => {
    const { browser, csrf } = await loggedIn();
    expect((await browser.postForm('/admin/logout', {})).status).toBe(403);
    expect((await browser.get('/admin')).status).toBe(200);
    const out = await browser.postForm('/admin/logout', { csrf });
    expect(out.status).toBe(303);
    expect(portal.staffSessions!.size).toBe(0);
    expect((await browser.get('/admin')).status).toBe(303);
  });
});

describe('attack suite: logging in under abuse', () => {
  /** A login page's CSRF pair for a fresh browser, so that many requests can be sent at once. */
  async function prepared(login: string, password: string) {
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.get('/admin/login')).body);
    return () => browser.postForm('/admin/login', { csrf, login, password });
  }

  test('guesses sent at once are counted before any is checked: the right password among them does not get in', async () => {
    const verify = jest.spyOn(accounts, 'verify');
    for (let i = 0; i < 3; i++) expect((await (await prepared('thuongtruc', `sai-${i}-mat-khau`))()).status).toBe(401);
    // 29 wrong passwords and the right one, truly at once (the limit is 4 failures per login).
    const sends = await Promise.all([
      ...Array.from({ length: 29 }, (_, i) => prepared('thuongtruc', `doan-${i}-mat-khau`)),
      prepared('thuongtruc', PASSWORD),
    ]);
    const answers = await Promise.all(sends.map((send) => send()));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(4);
    expect(answers.filter((a) => a.status === 303)).toEqual([]);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(29);
    expect(portal.staffSessions!.size).toBe(0);
  });

  test('100 guesses at once from one address: no more than the address’s limit are checked', async () => {
    const verify = jest.spyOn(accounts, 'verify');
    const sends = await Promise.all(Array.from({ length: 100 }, (_, i) => prepared(`khach-${i}`, 'doan-sai-mat-khau')));
    const answers = await Promise.all(sends.map((send) => send()));
    expect(verify.mock.calls.length).toBeLessThanOrEqual(8);
    expect(answers.filter((a) => a.status === 401)).toHaveLength(verify.mock.calls.length);
  });

  test('a stranger who fails a login’s limit does not lock out its owner’s browser', async () => {
    const owner = new PortalBrowser(base);
    expect((await logIn(owner)).status).toBe(303);
    expect(owner.cookies.has('thidua_device')).toBe(true);
    const csrf = csrfOf((await owner.get('/admin')).body);
    await owner.postForm('/admin/logout', { csrf });
    for (let i = 0; i < 4; i++)
      expect((await logIn(new PortalBrowser(base), 'thuongtruc', `sai-${i}`)).status).toBe(401);
    expect((await logIn(new PortalBrowser(base), 'thuongtruc', PASSWORD)).status).toBe(429);
    // The owner's browser has logged in as thuongtruc before: its attempts are its own.
    expect((await logIn(owner)).status).toBe(303);
    // A made-up device cookie proves nothing.
    const forged = new PortalBrowser(base);
    forged.cookies.set('thidua_device', 'x'.repeat(43));
    expect((await logIn(forged)).status).toBe(429);
  });

  test('a login name with a newline cannot forge a log line', async () => {
    await logIn(new PortalBrowser(base), 'khach\ndashboard: thuongtruc logged in from 10.0.0.1', 'doan-sai-mat-khau');
    expect(logLines.some((l) => l.includes('\n'))).toBe(false);
    expect(logLines.filter((l) => l.startsWith('dashboard: thuongtruc logged in'))).toEqual([]);
    expect(logLines.some((l) => l.includes('failed login for "khach\\ndashboard'))).toBe(true);
  });

  test('a new password or a removed account ends the staff sessions already open', async () => {
    const { browser } = await loggedIn();
    expect((await browser.get('/admin')).status).toBe(200);
    await accounts.set('thuongtruc', 'Nguyễn Thị Hạnh', 'mat-khau-moi-2027-dai');
    expect((await browser.get('/admin')).headers.get('location')).toBe('/admin/login');
    expect(portal.staffSessions!.size).toBe(0);
    expect((await logIn(browser, 'thuongtruc', 'mat-khau-moi-2027-dai')).status).toBe(303);
    expect((await browser.get('/admin')).status).toBe(200);
    expect(await accounts.remove('thuongtruc')).toBe(true);
    expect((await browser.get('/admin')).headers.get('location')).toBe('/admin/login');
    expect(logLines).toContain('dashboard: sessions of thuongtruc ended (password changed or account removed)');
  });

  test('a malformed escape in a dashboard address is not found, not a server error', async () => {
    const { browser } = await loggedIn();
    for (const p of ['/admin/c/%zz', `/admin/c/${CAMPAIGN}/u/%E0%A4%A`, '/admin/c/%']) {
      const res = await browser.get(p);
      expect([p, res.status]).toEqual([p, 404]);
    }
  });
});

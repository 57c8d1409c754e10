/**
 * The secretariat's dashboard over real HTTP: real accounts (scrypt) and report store in a temporary
 * folder, and an in-memory stand-in for Temporal that records what was asked of it (the full stack,
 * with the workflows' own validators, is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CampaignUnits, ExtensionRequest, UnitFilter } from '../../../app/campaigns';
import { AppError } from '../../../app/temporal-errors';
import type { UnitWorkflows } from '../../../app/units';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { formatDeadline } from '../../../domain/messages';
import type {
  CampaignStatusView,
  FileVersion,
  NominationVersion,
  UnitStatusView,
} from '../../../domain/workflow-types';
import { FileAccountStore, hashPassword, verifyPassword } from '../../../stores/accounts';
import type { SecretariatBackend } from '../../../portal/dashboard/backend';
import { createPortal, type Portal } from '../../../portal/server';
import { csrfOf, linkPath, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const CAMPAIGN = 'kh-67-test';
const DAY = 24 * 3600_000;
const PASSWORD = 'mat-khau-rat-dai-2026';
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

const deadline = new Date(Date.now() + 5 * DAY).toISOString();
const lock = new Date(Date.now() + 7 * DAY).toISOString();

const unitView = (unitId: string, unitName: string, status: UnitStatusView['status']): UnitStatusView => ({
  ...openUnitView({ campaignId: CAMPAIGN, unitId, unitName, status, timeZone: ZONE, deadline, lockAt: lock }),
  remindersSent: 1,
});

/** Temporal as the dashboard sees it; every action is recorded, refusals come as AppError. */
class FakeSecretariat implements SecretariatBackend {
  readonly units = new Map<string, UnitStatusView>();
  /** Every version of each unit's nominations in full, as `getNominationVersion` answers. */
  readonly nominationHistory = new Map<string, NominationVersion[]>();
  readonly calls: Array<{ action: string; campaignId: string; req: unknown }> = [];
  cancelled = false;
  workerDown = false;
  /** How a reminder fails when the worker is gone: refused before sending, or sent and not answered. */
  remindFails?: AppError;

  async listCampaigns() {
    return [
      {
        campaignId: CAMPAIGN,
        planNumber: '67-KH/TU',
        title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
        phase: 'self-review',
        workflowStatus: 'RUNNING',
        deadline,
        startTime: new Date().toISOString(),
      },
    ];
  }

  async campaignUnits(campaignId: string, opts: { filter?: UnitFilter; limit?: number }): Promise<CampaignUnits> {
    if (campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId });
    const all = [...this.units.values()];
    const pass = all.filter((u) =>
      !opts.filter ? true : opts.filter === 'locked' ? u.locked : u.status === opts.filter,
    );
    const count = (s: UnitStatusView['status']) => all.filter((u) => u.status === s).length;
    return {
      campaignId,
      planNumber: '67-KH/TU',
      title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
      phase: this.cancelled ? 'cancelled' : 'self-review',
      workflowStatus: 'RUNNING',
      total: all.length,
      locked: all.filter((u) => u.locked).length,
      counts: {
        pending: count('pending'),
        submitted: count('submitted'),
        late: count('late'),
        missing: count('missing'),
        cancelled: count('cancelled'),
      },
      units: pass.slice(0, opts.limit).map((u) => ({
        unitId: u.unitId,
        unitName: u.unitName,
        status: u.status,
        locked: u.locked,
        deadline: u.deadline,
        remindersSent: u.remindersSent,
      })),
      matching: pass.length,
    };
  }

  async campaignStatus(campaignId: string): Promise<CampaignStatusView> {
    if (this.workerDown)
      throw new AppError('timed-out', { operation: 'read-campaign', seconds: 10, taskQueue: 'thidua' });
    const at = (ms: number) => ({ utc: new Date(Date.now() + ms).toISOString(), local: '' });
    return {
      campaignId,
      definitionRef: 'x',
      planNumber: '67-KH/TU',
      title: 'Tổng kết 5 năm Chỉ thị 39-CT/TW',
      phase: this.cancelled ? 'cancelled' : 'self-review',
      unitCount: this.units.size,
      batches: 1,
      batchesLocked: 0,
      counts: { pending: 0, submitted: 0, late: 0, missing: 0, cancelled: 0 },
      extensions: [],
      timeZone: ZONE,
      selfReview: {
        deadline: { ...at(5 * DAY), written: '', reading: '' },
        lock: { ...at(7 * DAY), written: '', reading: '' },
        reminders: [{ id: 'r-3d', offset: '3d', kind: 'reminder', at: at(2 * DAY) }],
        escalations: [{ step: 1, after: '1d', at: at(6 * DAY), notify: ['head'], cc: [] }],
      },
      phases: [
        { kind: 'plan-issue', name: 'Ban hành kế hoạch', start: at(-10 * DAY).utc, end: at(-9 * DAY).utc },
        { kind: 'self-review', name: 'Tổng kết tại các sở, ban, ngành', start: at(-9 * DAY).utc, end: at(7 * DAY).utc },
      ],
    };
  }

  async unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    const view = this.units.get(unitId);
    if (!view || campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId, unitId });
    return structuredClone(view);
  }

  async nominationVersions(view: UnitStatusView): Promise<NominationVersion[]> {
    return structuredClone(this.nominationHistory.get(view.unitId) ?? []);
  }

  async extend(campaignId: string, req: ExtensionRequest): Promise<string> {
    if (this.cancelled) throw new AppError('refused', { refusal: 'Đợt tổng kết đã bị hủy; không thể gia hạn.' });
    this.calls.push({ action: 'extend', campaignId, req });
    return '17:00 thứ Sáu, 04/12/2026';
  }

  async cancel(campaignId: string, req: { reason: string; cancelledBy: string }): Promise<void> {
    this.calls.push({ action: 'cancel', campaignId, req });
    this.cancelled = true;
  }

  async remind(campaignId: string, unitId: string, requestedBy: string): Promise<void> {
    if (this.remindFails) throw this.remindFails;
    if (this.units.get(unitId)?.status === 'submitted') {
      throw new AppError('refused', { refusal: 'Đơn vị đã nộp báo cáo: không cần nhắc.' });
    }
    this.calls.push({ action: 'remind', campaignId, req: { unitId, requestedBy } });
  }

  async reissueLink(campaignId: string, unitId: string): Promise<string> {
    if (!this.units.has(unitId)) throw new AppError('not-found', { campaignId, unitId });
    return links.reissue(campaignId, unitId);
  }

  async revokeLink(campaignId: string, unitId: string): Promise<boolean> {
    if (!this.units.has(unitId)) throw new AppError('not-found', { campaignId, unitId });
    return links.revoke(campaignId, unitId);
  }

  temporalUiUrl(workflowId: string): string {
    return `http://temporal-ui.example/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
  }
}

const noUnits: UnitWorkflows = {
  unitStatus: () => Promise.reject(new Error('not used')),
  campaignInfo: async () => undefined,
  submitFile: () => Promise.reject(new Error('not used')),
  submitNominations: () => Promise.reject(new Error('not used')),
  campaignEndedAt: async () => undefined,
};

let dir: string;
let accounts: FileAccountStore;
let reports: FileReportStore;
let backend: FakeSecretariat;
let links: FileUnitLinks;
let portal: Portal;
let base: string;
let logLines: string[];

async function startPortal(): Promise<void> {
  portal = createPortal({
    backend: noUnits,
    links,
    reports,
    timeZone: ZONE,
    log: (line) => logLines.push(line),
    dashboard: {
      backend,
      accounts,
      reports,
      links,
      loginLimits: { perAddress: 8, perLogin: 4, windowMs: 15 * 60_000 },
    },
    // The attack suite sends 100 logins at once from 127.0.0.1: the login limit is what it tests.
    maxConnections: { total: 512, perAddress: 200 },
  });
  base = `http://127.0.0.1:${await portal.listen(0, '127.0.0.1')}`;
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-dashboard-'));
  accounts = new FileAccountStore(dir, FAST_SCRYPT);
  await accounts.set('thuongtruc', 'Nguyễn Thị Hạnh', PASSWORD);
  reports = new FileReportStore(path.join(dir, 'reports'));
  links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
  backend = new FakeSecretariat();
  backend.units.set('so-noi-vu', unitView('so-noi-vu', 'Sở Nội vụ', 'submitted'));
  backend.units.set('so-y-te', unitView('so-y-te', 'Sở Y tế', 'missing'));
  backend.units.set('so-tu-phap', unitView('so-tu-phap', 'Sở Tư pháp', 'late'));
  logLines = [];
  await startPortal();
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function logIn(browser: PortalBrowser, login = 'thuongtruc', password = PASSWORD) {
  const page = await browser.get('/admin/login');
  return browser.postForm('/admin/login', { csrf: csrfOf(page.body), login, password });
}

async function loggedIn(): Promise<{ browser: PortalBrowser; csrf: string }> {
  const browser = new PortalBrowser(base);
  const res = await logIn(browser);
  expect(res.status).toBe(303);
  const page = await browser.get(`/admin/c/${CAMPAIGN}`);
  return { browser, csrf: csrfOf(page.body) };
}

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

describe('a campaign', () => {
  test('counts, the units table with filters, the timeline and links to the Temporal UI', async () => {
    const { browser } = await loggedIn();
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).toContain('<strong id="count-total">3</strong>');
    expect(page).toContain('<strong id="count-missing">1</strong>');
    expect(page).toContain('<strong id="count-late">1</strong>');
    for (const name of ['Sở Nội vụ', 'Sở Y tế', 'Sở Tư pháp']) expect(page).toContain(name);
    expect(page).toContain(`href="/admin/c/${CAMPAIGN}/u/so-y-te"`);
    expect(page).toContain('http://temporal-ui.example/namespaces/default/workflows/campaign%2Fkh-67-test');
    expect(page).toContain('campaign%2Fkh-67-test%2Funit%2Fso-y-te');
    expect(page).toContain('Tiến trình');
    expect(page).toContain('Nâng mức 1: báo thủ trưởng đơn vị');
    expect(page).toContain(formatDeadline(deadline, ZONE).slice(0, 5)); // the deadline's local time of day

    const late = (await browser.get(`/admin/c/${CAMPAIGN}?filter=missing`)).body;
    expect(late).toContain('Sở Y tế');
    expect(late).not.toContain('Sở Nội vụ</a>');
    expect(late).toMatch(/class="current" aria-current="page">Quá hạn, chưa nộp \(1\)/);
    const submitted = (await browser.get(`/admin/c/${CAMPAIGN}?filter=submitted`)).body;
    expect(submitted).toContain('Sở Nội vụ</a>');
    expect(submitted).not.toContain('Sở Y tế</a>');
  });

  test('an unknown campaign or an id with odd characters is not found', async () => {
    const { browser } = await loggedIn();
    expect((await browser.get('/admin/c/khong-co')).status).toBe(404);
    expect((await browser.get(`/admin/c/${encodeURIComponent("x' OR 1=1")}`)).status).toBe(404);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/..%2F..%2Fetc`)).status).toBe(404);
  });

  test('no worker: the units table still shows (visibility), the timeline and actions say why they are missing', async () => {
    const { browser } = await loggedIn();
    backend.workerDown = true;
    const page = await browser.get(`/admin/c/${CAMPAIGN}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sở Y tế');
    // In Vietnamese, as everything on the dashboard (this once read "reading the campaign: no worker answered").
    expect(page.body).toContain(
      'Tiến trình và thao tác tạm không có: đọc tiến trình của đợt: không có worker nào trả lời trong 10 giây',
    );
    expect(page.body).not.toContain('action-extend-all');
  });

  test('extend every unit: needs the CSRF token; by days, with the reason and who granted it', async () => {
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/do/extend-all`;
    expect((await browser.postForm(url, { days: '3', reason: 'Nghỉ lễ' })).status).toBe(403);
    expect((await browser.postForm(url, { csrf: csrf + 'x', days: '3', reason: 'Nghỉ lễ' })).status).toBe(403);
    expect(backend.calls).toEqual([]);

    const res = await browser.postForm(url, { csrf, days: '3', until: '', reason: 'Nghỉ lễ' });
    expect(res.status).toBe(303);
    expect(backend.calls).toEqual([
      {
        action: 'extend',
        campaignId: CAMPAIGN,
        req: { by: '3d', reason: 'Nghỉ lễ', grantedBy: 'Nguyễn Thị Hạnh (thuongtruc), trang quản trị' },
      },
    ]);
    const page = (await browser.get(res.headers.get('location')!)).body;
    expect(page).toContain('Đã gia hạn cho mọi đơn vị đến 17:00 thứ Sáu, 04/12/2026');
    expect((await browser.get(`/admin/c/${CAMPAIGN}`)).body).not.toContain('Đã gia hạn cho mọi đơn vị'); // shown once
  });

  test('bad extension input is refused beside the form, refilled, nothing sent; a workflow refusal is shown as it is', async () => {
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/u/so-y-te/do/extend`;
    const both = await browser.postForm(url, { csrf, days: '3', until: '17:00 25/12/2026', reason: 'Ốm' });
    expect(both.status).toBe(400);
    expect(both.body).toContain('Chọn một cách gia hạn');
    expect(both.body).toContain('value="17:00 25/12/2026"');
    const noReason = await browser.postForm(url, { csrf, days: '3', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toContain('Cần ghi lý do gia hạn.');
    const notANumber = await browser.postForm(url, { csrf, days: '-1', reason: 'Ốm' });
    expect(notANumber.status).toBe(400);
    expect(backend.calls).toEqual([]);

    backend.cancelled = true;
    const refused = await browser.postForm(url, { csrf, days: '3', reason: 'Ốm' });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Bị từ chối: Đợt tổng kết đã bị hủy; không thể gia hạn. Không có gì thay đổi.');
  });

  test('extend one unit goes to that unit; an unknown action is not found', async () => {
    const { browser, csrf } = await loggedIn();
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/extend`, {
      csrf,
      until: '17:00 30/11/2026',
      reason: 'Đơn vị xin gia hạn',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/c/${CAMPAIGN}/u/so-y-te`);
    expect(backend.calls[0].req).toMatchObject({ until: '17:00 30/11/2026', unitId: 'so-y-te' });
    expect((await browser.postForm(`/admin/c/${CAMPAIGN}/do/delete-everything`, { csrf })).status).toBe(404);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/do/extend-all`)).status).toBe(405);
  });

  test('cancel needs the confirmation box and a reason', async () => {
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/do/cancel`;
    const unconfirmed = await browser.postForm(url, { csrf, reason: 'Dừng theo chỉ đạo' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toContain('Đánh dấu ô xác nhận');
    expect(backend.calls).toEqual([]);
    expect((await browser.postForm(url, { csrf, reason: 'Dừng theo chỉ đạo', confirm: 'yes' })).status).toBe(303);
    expect(backend.calls).toEqual([
      {
        action: 'cancel',
        campaignId: CAMPAIGN,
        req: { reason: 'Dừng theo chỉ đạo', cancelledBy: 'Nguyễn Thị Hạnh (thuongtruc), trang quản trị' },
      },
    ]);
    // A cancelled campaign offers neither extension nor cancellation any more.
    const page = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(page).not.toContain('action-extend-all');
    expect(page).not.toContain('action-cancel');
  });
});

describe('a unit', () => {
  const file = (name: string, bytes: Buffer, sha256: string): FileVersion => ({
    name,
    size: bytes.length,
    sha256,
    contentType: 'application/pdf',
    version: 1,
    receivedAt: new Date().toISOString(),
    submittedBy: 'Cổng nộp hồ sơ (Sở Nội vụ)',
    late: false,
  });

  test('its submissions download (only files its workflow lists) and its nominations as CSV', async () => {
    const bytes = pdfBytes('bao cao so noi vu');
    const ref = await reports.put('Báo cáo tổng kết.pdf', 'application/pdf', bytes, {
      campaignId: CAMPAIGN,
      unitId: 'so-noi-vu',
      phase: 'self-review',
      uploadedBy: 'test',
    });
    const other = await reports.put('khac.pdf', 'application/pdf', pdfBytes('khac'), {
      campaignId: CAMPAIGN,
      unitId: 'so-y-te',
      phase: 'self-review',
      uploadedBy: 'test',
    });
    const unit = backend.units.get('so-noi-vu')!;
    unit.reports.push(file(ref.name, bytes, ref.sha256));
    // Version 1 is only summarised in the unit's view: its details come from the version query.
    const versions: NominationVersion[] = [
      {
        version: 1,
        receivedAt: new Date().toISOString(),
        submittedBy: 'x',
        late: false,
        nominations: [
          { type: 'collective', name: 'Phòng Tổ chức', awardForm: 'Bằng khen', reasons: 'Phiên bản đầu' },
          { type: 'individual', name: 'Trần Văn B', awardForm: 'Bằng khen', reasons: 'Phiên bản đầu' },
        ],
      },
      {
        version: 2,
        receivedAt: new Date().toISOString(),
        submittedBy: 'x',
        late: false,
        nominations: [
          {
            type: 'individual',
            name: '=HYPERLINK("http://x")',
            position: 'Giám đốc',
            awardForm: 'Bằng khen',
            reasons: 'Thành tích "xuất sắc"',
          },
        ],
      },
    ];
    backend.nominationHistory.set('so-noi-vu', versions);
    unit.nominations = versions.map(({ nominations, ...n }) => ({ ...n, count: nominations.length }));
    unit.latestNominations = versions[1];
    const { browser } = await loggedIn();
    const page = await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Báo cáo tổng kết.pdf');
    expect(page.body).toContain('Cổng nộp hồ sơ (Sở Nội vụ)');
    expect(page.body).toMatch(/Phiên bản 1, [^<]*: 2 đề nghị \(chi tiết trong tệp CSV\)/);
    expect(page.body).toContain('Cá nhân =HYPERLINK(&quot;http://x&quot;) (Giám đốc) — Bằng khen');
    const download = await fetch(`${base}/admin/c/${CAMPAIGN}/u/so-noi-vu/files/${ref.sha256}`, {
      headers: { cookie: `thidua_staff=${browser.cookies.get('thidua_staff')}` },
    });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o");
    // Another unit's file, through this unit's address, is not found.
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu/files/${other.sha256}`)).status).toBe(404);

    const csv = await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu/nominations.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")","Giám đốc","Bằng khen","Thành tích ""xuất sắc"""`);
    expect(csv.body).toMatch(/"1",[^\n]*"Tập thể","Phòng Tổ chức","","Bằng khen","Phiên bản đầu"/);
    expect(csv.body).toContain('"Trần Văn B"');
  });

  test('send a reminder now: the unit’s workflow is asked; a submitted unit is refused with the reason', async () => {
    const { browser, csrf } = await loggedIn();
    const missing = await browser.get(`/admin/c/${CAMPAIGN}/u/so-y-te`);
    expect(missing.body).toContain('action-remind');
    expect((await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf })).status).toBe(303);
    expect(backend.calls).toEqual([
      {
        action: 'remind',
        campaignId: CAMPAIGN,
        req: { unitId: 'so-y-te', requestedBy: 'Nguyễn Thị Hạnh (thuongtruc)' },
      },
    ]);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-noi-vu`)).body).not.toContain('action-remind');
    const refused = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-noi-vu/do/remind`, { csrf });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('Đơn vị đã nộp báo cáo: không cần nhắc.');
  });

  test('a reminder with no worker: refused before sending says nothing changed; sent and unanswered says it is queued', async () => {
    const { browser, csrf } = await loggedIn();
    const facts = { operation: 'remind', update: true, seconds: 10, taskQueue: 'thidua' } as const;
    backend.remindFails = new AppError('no-worker', { ...facts, sent: false });
    const notSent = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf });
    expect(notSent.status).toBe(503);
    expect(notSent.body).toContain('gửi nhắc: không có worker nào đang nhận việc trên hàng đợi');
    expect(notSent.body).toContain('Không có gì thay đổi.');

    backend.remindFails = new AppError('timed-out', facts);
    const queued = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf });
    expect(queued.status).toBe(503);
    expect(queued.body).toContain('Yêu cầu đã được gửi và đang chờ');
    expect(queued.body).not.toContain('Không có gì thay đổi');
  });

  test('reissue and revoke the unit’s link from its page: the old link stops opening, the new one is shown once', async () => {
    const old = linkPath(await links.linkFor(CAMPAIGN, 'so-y-te'));
    const unitBrowser = new PortalBrowser(base);
    const landing = await unitBrowser.get(old);
    await unitBrowser.postForm(`${old}/open`, { csrf: csrfOf(landing.body) });
    const { browser, csrf } = await loggedIn();
    const url = `/admin/c/${CAMPAIGN}/u/so-y-te/do/reissue-link`;
    expect((await browser.postForm(url, { csrf })).status).toBe(400); // not confirmed
    expect((await new PortalBrowser(base).get(old)).status).toBe(200);

    const done = await browser.postForm(url, { csrf, confirm: 'yes' });
    expect(done.status).toBe(303);
    const page = (await browser.get(done.headers.get('location')!)).body;
    const fresh = /Đã cấp đường dẫn mới: (http:\/\/portal\.example\.vn\/u\/[\w-]{32})/.exec(page)?.[1];
    expect(fresh).toBeDefined();
    expect((await new PortalBrowser(base).get(old)).status).toBe(404);
    expect((await unitBrowser.get('/unit')).status).toBe(401); // the session opened by the old link ended
    expect((await new PortalBrowser(base).get(linkPath(fresh!))).status).toBe(200);
    expect((await browser.get(`/admin/c/${CAMPAIGN}/u/so-y-te`)).body).not.toContain(fresh!); // shown once

    const revoked = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/revoke-link`, { csrf, confirm: 'yes' });
    expect(revoked.status).toBe(303);
    expect((await new PortalBrowser(base).get(linkPath(fresh!))).status).toBe(404);
    expect(logLines).toContain(`dashboard: thuongtruc reissue-link on ${CAMPAIGN}/so-y-te: done`);
  });
});

/** Attacks an outside probe found to work on the dashboard (issue 19); each test failed before its fix. */
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

test('a message refused for good shows on the unit’s page as refused, with the server’s words', async () => {
  backend.units.get('so-y-te')!.messages = [
    { kind: 'reminder', key: 'v1/r-3d', at: new Date().toISOString(), sent: true, status: 'sent' },
    {
      kind: 'late-notice',
      key: 'v1/late',
      at: new Date().toISOString(),
      sent: false,
      note: 'undeliverable',
      status: 'refused',
      detail: 'every recipient was refused: thidua@soyte.example.vn',
    },
  ];
  const { browser } = await loggedIn();
  const page = await browser.get(`/admin/c/${CAMPAIGN}/u/so-y-te`);
  expect(page.body).toContain('<tr class="refused">');
  expect(page.body).toContain('bị từ chối: địa chỉ không nhận thư (Thường trực đã được báo)');
  expect(page.body).toContain('every recipient was refused: thidua@soyte.example.vn');
  expect(page.body).not.toContain('>undeliverable<');
});

/**
 * The secretariat's dashboard over real HTTP: real accounts (scrypt) and report store in a temporary
 * folder, and an in-memory stand-in for Temporal that records what was asked of it (the full stack,
 * with the workflows' own validators, is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CampaignUnits, ExtensionRequest, UnitFilter } from '../../../app/campaigns';
import { actorLabel, type StaffActor } from '../../../app/roles';
import { AppError } from '../../../app/temporal-errors';
import type { StaffRole, SynthesisState, SynthesisStatusView } from '../../../domain/synthesis-types';
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
import { FakeDrafts } from '../../helpers/fake-drafts';
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
class FakeSecretariat extends FakeDrafts implements SecretariatBackend {
  readonly units = new Map<string, UnitStatusView>();
  /** Every version of each unit's nominations in full, as `getNominationVersion` answers. */
  readonly nominationHistory = new Map<string, NominationVersion[]>();
  readonly calls: Array<{ action: string; campaignId: string; req: unknown }> = [];
  cancelled = false;
  workerDown = false;
  /** The campaign's phase when it is neither self-review nor cancelled. */
  phase?: CampaignStatusView['phase'];
  /** How a reminder fails when the worker is gone: refused before sending, or sent and not answered. */
  remindFails?: AppError;
  /** The campaign's synthesis, once it has one. */
  synthesis?: SynthesisStatusView;
  readonly filesAsked: string[] = [];

  async listSchedules() {
    return [];
  }

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
      phase: this.cancelled ? 'cancelled' : (this.phase ?? 'self-review'),
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

  async synthesisStatus(campaignId: string): Promise<SynthesisStatusView> {
    if (!this.synthesis || campaignId !== CAMPAIGN) throw new AppError('not-found', { campaignId });
    return structuredClone(this.synthesis);
  }

  async approveSynthesis(campaignId: string, actor: StaffActor, version?: number): Promise<SynthesisStatusView> {
    this.calls.push({ action: 'approve-synthesis', campaignId, req: { actor, version } });
    const s = this.synthesis!;
    s.state = 'approved';
    s.approved = { version: version ?? s.versions.length, by: actorLabel(actor), at: new Date().toISOString() };
    return structuredClone(s);
  }

  async returnSynthesis(campaignId: string, actor: StaffActor, remarks: string): Promise<SynthesisStatusView> {
    this.calls.push({ action: 'return-synthesis', campaignId, req: { actor, remarks } });
    const s = this.synthesis!;
    s.state = 'returned';
    s.returns.push({ version: s.versions.length, by: actorLabel(actor), at: new Date().toISOString(), remarks });
    return structuredClone(s);
  }

  async reviseSynthesis(
    campaignId: string,
    actor: StaffActor,
    file: { name: string; bytes: Buffer },
    note?: string,
  ): Promise<SynthesisStatusView> {
    // As the use case: checked by content, not by name.
    if (!file.bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      throw new AppError('refused', {
        operation: 'revise-synthesis',
        refusal: 'Tệp tải lên không phải văn bản Word (.docx); bản sửa không được ghi nhận.',
      });
    }
    this.calls.push({
      action: 'revise-synthesis',
      campaignId,
      req: { actor, name: file.name, bytes: file.bytes, note },
    });
    return structuredClone(this.synthesis!);
  }

  async rebuildSynthesis(campaignId: string, actor: StaffActor): Promise<SynthesisStatusView> {
    this.calls.push({ action: 'rebuild-synthesis', campaignId, req: { actor } });
    return structuredClone(this.synthesis!);
  }

  async synthesisFile(status: SynthesisStatusView, sha256: string) {
    this.filesAsked.push(sha256);
    const ref = status.versions
      .flatMap((v) => [v.docx, v.pack.docx, v.pack.xlsx, v.pack.timelineSvg, v.pack.submissionsSvg])
      .find((f) => f.sha256 === sha256);
    if (!ref) throw new AppError('not-found', { campaignId: status.campaignId });
    return { ref, bytes: await reports.get(sha256) };
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
      maxSynthesisBytes: 1024 * 1024,
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

async function loggedIn(login = 'thuongtruc'): Promise<{ browser: PortalBrowser; csrf: string }> {
  const browser = new PortalBrowser(base);
  const res = await logIn(browser, login);
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

/** Issue 12: roles on the dashboard, and the synthesis page. */
describe('roles and the synthesis', () => {
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const zip = (text: string) => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from(text)]);
  const svg = (text: string) =>
    Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text y="20">${text}</text></svg>`);
  const at = (ms: number) => new Date(Date.now() + ms).toISOString();

  /** An account with these roles, its password the suite's. */
  async function account(login: string, name: string, roles: StaffRole[]): Promise<void> {
    await accounts.set(login, name, PASSWORD, roles);
  }

  /** A synthesis of two versions (built, then a revision uploaded) with its pack in the report store. */
  async function withSynthesis(state: SynthesisState = 'awaiting-approval') {
    const docx = await reports.put('bao-cao-tong-hop-ban-1.docx', DOCX, zip('ban 1'));
    const xlsx = await reports.put(
      'bang-so-lieu.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      zip('xlsx'),
    );
    const timelineSvg = await reports.put('tien-trinh.svg', 'image/svg+xml', svg('Tiến trình'));
    const submissionsSvg = await reports.put('ho-so-nop.svg', 'image/svg+xml', svg('Hồ sơ nộp'));
    const revised = await reports.put('Báo cáo "sửa" lần 1.docx', DOCX, zip('ban 2'));
    const pack = { docx, xlsx, timelineSvg, submissionsSvg };
    backend.synthesis = {
      campaignId: CAMPAIGN,
      state,
      versions: [
        { version: 1, source: 'built', docx, pack, by: 'thidua', at: at(-2 * DAY) },
        {
          version: 2,
          source: 'uploaded',
          docx: revised,
          pack,
          by: 'Nguyễn Thị Hạnh (thuongtruc)',
          at: at(-DAY),
          note: 'Sửa số liệu <Sở Y tế>',
        },
      ],
      deadline: at(3 * DAY),
      deadlineLocal: '17:00 thứ Sáu, 11/12/2026',
      returns:
        state === 'returned'
          ? [
              {
                version: 2,
                by: 'Trần Văn Lãnh (lanhdao)',
                at: at(-3600_000),
                remarks: 'Bổ sung số liệu\nđơn vị nộp muộn',
              },
            ]
          : [],
      approved: state === 'approved' ? { version: 1, by: 'Trần Văn Lãnh (lanhdao)', at: at(-3600_000) } : undefined,
      remindersSent: 1,
      escalationsSent: 0,
    };
    return { docx, xlsx, timelineSvg, submissionsSvg, revised };
  }

  const page = `/admin/c/${CAMPAIGN}/tong-hop`;

  test('the header shows the roles; an approver-only account cannot extend (403, nothing sent) and sees no clerk forms', async () => {
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    const campaign = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(campaign).toContain('Trần Văn Lãnh (lanhdao) · vai trò: lãnh đạo phê duyệt');
    expect(campaign).not.toContain('action-extend-all');
    expect(campaign).not.toContain('action-cancel');
    expect(campaign).toContain(
      'Tài khoản của bạn không có vai trò cho: Gia hạn cho tất cả đơn vị (cần vai trò chuyên viên)',
    );
    const res = await browser.postForm(`/admin/c/${CAMPAIGN}/do/extend-all`, { csrf, days: '3', reason: 'Nghỉ lễ' });
    expect(res.status).toBe(403);
    expect(res.body).toContain(
      'gia hạn: tài khoản &quot;lanhdao&quot; không có vai trò &quot;chuyên viên&quot; mà việc này cần; không có gì thay đổi.',
    );
    expect(res.body).not.toContain('không có gì thay đổi. Không có gì thay đổi');
    const unit = await browser.postForm(`/admin/c/${CAMPAIGN}/u/so-y-te/do/remind`, { csrf });
    expect(unit.status).toBe(403);
    expect(backend.calls).toEqual([]);
    expect(logLines).toContain(`dashboard: lanhdao extend-all on ${CAMPAIGN}: refused, lacks role clerk`);
    // The clerk of the other tests sees the forms and its own role.
    const clerk = (await (await loggedIn()).browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(clerk).toContain('Nguyễn Thị Hạnh (thuongtruc) · vai trò: chuyên viên');
    expect(clerk).toContain('action-extend-all');
  });

  test('a clerk-only account cannot approve or return (403, backend not called); the approver forms are not drawn', async () => {
    await withSynthesis();
    const { browser, csrf } = await loggedIn();
    const body = (await browser.get(page)).body;
    expect(body).not.toContain('action-approve');
    expect(body).not.toContain('action-return');
    expect(body).toContain('action-revise');
    expect(body).toContain('action-rebuild');
    expect(body).toContain('Phê duyệt báo cáo tổng hợp (cần vai trò lãnh đạo phê duyệt)');
    const approve = await browser.postForm(`${page}/do/approve`, { csrf, version: '2', confirm: 'yes' });
    expect(approve.status).toBe(403);
    expect(approve.body).toContain(
      'phê duyệt báo cáo tổng hợp: tài khoản &quot;thuongtruc&quot; không có vai trò &quot;lãnh đạo phê duyệt&quot;',
    );
    expect((await browser.postForm(`${page}/do/return`, { csrf, remarks: 'Sửa' })).status).toBe(403);
    expect(backend.calls).toEqual([]);
    expect(backend.synthesis!.state).toBe('awaiting-approval');
  });

  test('a role taken away applies at the next request, without logging out', async () => {
    await withSynthesis();
    await account('lanhdao', 'Trần Văn Lãnh', ['clerk', 'approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    expect((await browser.get(page)).body).toContain('action-approve');
    // Roles edited in the accounts file (the password, hence the session, unchanged).
    const file = path.join(dir, 'secretariat', 'accounts.json');
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<{ login: string; roles: string[] }>;
    stored.find((a) => a.login === 'lanhdao')!.roles = ['clerk'];
    fs.writeFileSync(file, JSON.stringify(stored));
    const refused = await browser.postForm(`${page}/do/approve`, { csrf, version: '2', confirm: 'yes' });
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('vai trò: chuyên viên</span>');
    expect(backend.calls).toEqual([]);
  });

  test.each([
    ['building', 'Đang lập'],
    ['awaiting-approval', 'Chờ phê duyệt'],
    ['returned', 'Đã trả lại'],
    ['approved', 'Đã phê duyệt'],
    ['cancelled', 'Đã hủy'],
  ] as Array<[SynthesisState, string]>)('the synthesis page in state %s', async (state, label) => {
    const files = await withSynthesis(state);
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser } = await loggedIn('lanhdao');
    const res = await browser.get(page);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const body = res.body;
    expect(body).toContain(`<dd id="synthesis-state">${label}</dd>`);
    expect(body).toContain('<dd id="approval-deadline">17:00 thứ Sáu, 11/12/2026 (đã nhắc 1 lần)</dd>');
    // Versions, newest first: number, source, who, note (escaped), short hash, the files.
    expect(body.indexOf('data-version="2"')).toBeLessThan(body.indexOf('data-version="1"'));
    expect(body).toContain('<td>lập tự động</td><td>thidua</td>');
    expect(body).toContain('<td>bản sửa tải lên</td><td>Nguyễn Thị Hạnh (thuongtruc)</td>');
    expect(body).toContain('Sửa số liệu &lt;Sở Y tế&gt;');
    expect(body).toContain(`>${files.revised.sha256.slice(0, 12)}</td>`);
    for (const f of [files.docx, files.xlsx, files.revised, files.timelineSvg, files.submissionsSvg]) {
      expect(body).toContain(`href="${page}/tep/${f.sha256}"`);
    }
    expect(body).toContain(`<img src="${page}/tep/${files.timelineSvg.sha256}"`);
    expect(body).toContain('Báo cáo (.docx): Báo cáo &quot;sửa&quot; lần 1.docx');
    if (state === 'returned') {
      expect(body).toContain('Bản số 2 — Trần Văn Lãnh (lanhdao)');
      expect(body).toContain('Bổ sung số liệu\nđơn vị nộp muộn');
      expect(body).not.toContain('action-return'); // already returned
      expect(body).toContain('action-approve');
    }
    if (state === 'approved') {
      expect(body).toMatch(/<dd id="approved">Bản số 1, Trần Văn Lãnh \(lanhdao\), \d\d:\d\d/);
      expect(body).toContain('<td>1 (đã phê duyệt)</td>');
    }
    if (state === 'awaiting-approval') {
      expect(body).toContain('action-approve');
      expect(body).toContain('action-return');
      // The latest version is offered first.
      expect(body).toMatch(/<select id="approve-version" name="version"><option value="2" selected>/);
    }
    if (state === 'approved' || state === 'cancelled' || state === 'building') {
      expect(body).not.toContain('action-approve');
      expect(body).not.toContain('<h2>Thao tác</h2>');
    }
  });

  test('the campaign page: no pictures nor link before the synthesis; then a link and the two pictures as images', async () => {
    const { browser } = await loggedIn();
    const before = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(before).not.toContain('synthesis-link');
    expect(before).not.toContain('<img');
    const missing = await browser.get(page);
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('chưa có báo cáo tổng hợp');
    // Once the campaign reaches its synthesis phase, the link shows even before the first draft.
    backend.phase = 'synthesis';
    const reached = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(reached).toContain('id="synthesis-link"');
    expect(reached).not.toContain('<img');

    const files = await withSynthesis();
    const after = (await browser.get(`/admin/c/${CAMPAIGN}`)).body;
    expect(after).toContain(`<a href="${page}" id="synthesis-link">`);
    expect(after).toContain(`<img src="${page}/tep/${files.timelineSvg.sha256}"`);
    expect(after).toContain(`<img src="${page}/tep/${files.submissionsSvg.sha256}"`);
    expect(after).not.toContain('<svg'); // never inlined

    const picture = await browser.get(`${page}/tep/${files.timelineSvg.sha256}`);
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect(picture.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(picture.headers.get('x-content-type-options')).toBe('nosniff');
    expect(picture.headers.get('content-disposition')).toMatch(/^inline; /);
    expect(picture.body).toContain('Tiến trình');
  });

  test('downloads: the .docx and .xlsx as attachments with safe names; a hash the synthesis does not list is not found', async () => {
    const files = await withSynthesis();
    const other = await reports.put('khac.pdf', 'application/pdf', pdfBytes('khac'));
    const { browser } = await loggedIn();
    const res = await fetch(`${base}${page}/tep/${files.revised.sha256}`, {
      headers: { cookie: `thidua_staff=${browser.cookies.get('thidua_staff')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(DOCX);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Bao cao sua lan 1.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20%22s%E1%BB%ADa%22%20l%E1%BA%A7n%201.docx`,
    );
    expect(Buffer.from(await res.arrayBuffer()).equals(zip('ban 2'))).toBe(true);
    const xlsx = await browser.get(`${page}/tep/${files.xlsx.sha256}`);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toMatch(/^attachment; filename="bang-so-lieu.xlsx"/);

    backend.filesAsked.length = 0;
    expect((await browser.get(`${page}/tep/${other.sha256}`)).status).toBe(404); // in the store, not in the synthesis
    expect((await browser.get(`${page}/tep/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await browser.get(`${page}/tep/${files.xlsx.sha256.toUpperCase()}`)).status).toBe(404);
    expect((await browser.get(`${page}/tep/..%2F..%2Fetc`)).status).toBe(404);
    expect(backend.filesAsked).toEqual([]);
    // Without a session: the login page, no file.
    expect((await new PortalBrowser(base).get(`${page}/tep/${files.xlsx.sha256}`)).status).toBe(303);
  });

  test('approve: a version and the confirmation box, as the signed-in approver; CSRF missing is refused', async () => {
    await withSynthesis();
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    expect((await browser.postForm(`${page}/do/approve`, { version: '1', confirm: 'yes' })).status).toBe(403);
    expect(
      (await browser.postForm(`${page}/do/approve`, { csrf: csrf + 'x', version: '1', confirm: 'yes' })).status,
    ).toBe(403);
    const unconfirmed = await browser.postForm(`${page}/do/approve`, { csrf, version: '1' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body).toMatch(
      /<div class="msg error" role="alert" id="error-approve">Đánh dấu ô xác nhận để phê duyệt./,
    );
    expect(unconfirmed.body).toContain('<option value="1" selected>'); // the choice kept
    expect(backend.calls).toEqual([]);

    const done = await browser.postForm(`${page}/do/approve`, { csrf, version: '1', confirm: 'yes' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(page);
    expect(backend.calls).toEqual([
      {
        action: 'approve-synthesis',
        campaignId: CAMPAIGN,
        req: { actor: { login: 'lanhdao', name: 'Trần Văn Lãnh', roles: ['approver'] }, version: 1 },
      },
    ]);
    const after = (await browser.get(page)).body;
    expect(after).toContain('Đã phê duyệt bản số 1 của báo cáo tổng hợp.');
    expect(after).toContain('<dd id="synthesis-state">Đã phê duyệt</dd>');
  });

  test('return: remarks required (kept beside the form), then sent with the approver', async () => {
    await withSynthesis();
    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const { browser, csrf } = await loggedIn('lanhdao');
    const empty = await browser.postForm(`${page}/do/return`, { csrf, remarks: '  ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('id="error-return">Cần ghi ý kiến khi trả lại báo cáo.');
    expect(backend.calls).toEqual([]);
    const done = await browser.postForm(`${page}/do/return`, { csrf, remarks: 'Bổ sung <số liệu> Sở Y tế' });
    expect(done.status).toBe(303);
    expect(backend.calls[0]).toMatchObject({
      action: 'return-synthesis',
      req: { actor: { login: 'lanhdao', roles: ['approver'] }, remarks: 'Bổ sung <số liệu> Sở Y tế' },
    });
    const after = (await browser.get(page)).body;
    expect(after).toContain('Bổ sung &lt;số liệu&gt; Sở Y tế');
    expect(after).toContain('<dd id="synthesis-state">Đã trả lại</dd>');
  });

  test('upload a revised .docx (multipart, streamed): sent with the clerk and the note; a non-docx refused beside the form', async () => {
    await withSynthesis('returned');
    const { browser, csrf } = await loggedIn();
    const form = (await browser.get(page)).body;
    expect(form).toMatch(
      /<form method="post" action="[^"]+\/tong-hop\/do\/revise" id="action-revise" enctype="multipart\/form-data">/,
    );
    expect(form).toContain('accept=".docx"');

    const refused = await browser.postMultipart(
      `${page}/do/revise`,
      { csrf, note: 'Sửa theo ý kiến' },
      { filename: 'bao-cao.docx', contentType: DOCX, data: pdfBytes('khong phai docx') },
    );
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(
      'id="error-revise">Bị từ chối: Tệp tải lên không phải văn bản Word (.docx); bản sửa không được ghi nhận. Không có gì thay đổi.',
    );
    expect(refused.body).toContain('value="Sửa theo ý kiến"');
    expect(fs.readdirSync(reports.stagingDir)).toEqual([]); // nothing left staged

    const bytes = zip('ban sua 3');
    const done = await browser.postMultipart(
      `${page}/do/revise`,
      { csrf, note: 'Sửa theo ý kiến' },
      { filename: 'C:\\Users\\hanh\\Báo cáo sửa.docx', contentType: DOCX, data: bytes },
    );
    expect(done.status).toBe(303);
    expect(backend.calls).toHaveLength(1);
    const call = backend.calls[0] as {
      action: string;
      req: { actor: StaffActor; name: string; bytes: Buffer; note: string };
    };
    expect(call.action).toBe('revise-synthesis');
    expect(call.req.actor).toEqual({ login: 'thuongtruc', name: 'Nguyễn Thị Hạnh', roles: ['clerk'] });
    expect(call.req.name).toBe('Báo cáo sửa.docx');
    expect(Buffer.from(call.req.bytes).equals(bytes)).toBe(true);
    expect(call.req.note).toBe('Sửa theo ý kiến');
    expect(fs.readdirSync(reports.stagingDir)).toEqual([]);
  });

  test('upload: without CSRF refused before the file is read; too large refused beside the form; no file asked for', async () => {
    await withSynthesis();
    const { browser, csrf } = await loggedIn();
    const file = { filename: 'bao-cao.docx', contentType: DOCX, data: zip('x') };
    expect((await browser.postMultipart(`${page}/do/revise`, {}, file)).status).toBe(403);
    expect((await browser.postMultipart(`${page}/do/revise`, { csrf: 'sai' }, file)).status).toBe(403);
    const big = await browser.postMultipart(
      `${page}/do/revise`,
      { csrf },
      { ...file, data: zip('x'.repeat(1024 * 1024 + 10)) },
    );
    expect(big.status).toBe(413);
    expect(big.body).toContain('id="error-revise">Tệp quá lớn; tối đa 1 MB.');
    const none = await browser.postMultipart(`${page}/do/revise`, { csrf, note: 'x' });
    expect(none.status).toBe(400);
    expect(none.body).toContain('Chọn tệp .docx để tải lên.');
    expect(backend.calls).toEqual([]);
  });

  test('upload and rebuild need a clerk (an approver may upload too); a council member can do neither', async () => {
    await withSynthesis();
    await account('hoidong', 'Lê Thị Hội', ['council']);
    const council = await loggedIn('hoidong');
    const body = (await council.browser.get(page)).body;
    expect(body).not.toContain('<form method="post" action="/admin/c/kh-67-test/tong-hop/do/');
    const upload = await council.browser.postMultipart(
      `${page}/do/revise`,
      { csrf: council.csrf },
      { filename: 'a.docx', data: zip('a') },
    );
    expect(upload.status).toBe(403);
    expect(upload.body).toContain('không có vai trò &quot;chuyên viên&quot;');
    expect((await council.browser.postForm(`${page}/do/rebuild`, { csrf: council.csrf, confirm: 'yes' })).status).toBe(
      403,
    );

    await account('lanhdao', 'Trần Văn Lãnh', ['approver']);
    const approver = await loggedIn('lanhdao');
    expect((await approver.browser.get(page)).body).not.toContain('action-rebuild');
    expect(
      (await approver.browser.postForm(`${page}/do/rebuild`, { csrf: approver.csrf, confirm: 'yes' })).status,
    ).toBe(403);
    const revised = await approver.browser.postMultipart(
      `${page}/do/revise`,
      { csrf: approver.csrf },
      { filename: 'a.docx', data: zip('a') },
    );
    expect(revised.status).toBe(303);
    expect(backend.calls.map((c) => c.action)).toEqual(['revise-synthesis']);

    const clerk = await loggedIn();
    expect((await clerk.browser.postForm(`${page}/do/rebuild`, { csrf: clerk.csrf })).status).toBe(400);
    expect((await clerk.browser.postForm(`${page}/do/rebuild`, { csrf: clerk.csrf, confirm: 'yes' })).status).toBe(303);
    expect(backend.calls[1]).toMatchObject({ action: 'rebuild-synthesis', req: { actor: { login: 'thuongtruc' } } });
    expect((await clerk.browser.postForm(`${page}/do/delete`, { csrf: clerk.csrf })).status).toBe(404);
    expect((await clerk.browser.get(`${page}/do/rebuild`)).status).toBe(405);
  });
});

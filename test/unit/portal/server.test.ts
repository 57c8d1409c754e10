/**
 * The unit portal over real HTTP, with the real unit links and report store in a temporary folder
 * and an in-memory stand-in for Temporal that applies the workflow's own validators (the full stack
 * is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FileReportStore } from '../../../stores/report-store';
import { FileUnitLinks } from '../../../stores/unit-links';
import { formatDeadline } from '../../../domain/messages';
import {
  MAX_NOMINEE_NAME_CHARS,
  MAX_POSITION_CHARS,
  MAX_REASONS_CHARS,
  assertFileRef,
  assertNominations,
  assertPhaseOpen,
} from '../../../domain/submission-rules';
import type {
  SubmissionReceipt,
  SubmitFileInput,
  SubmitNominationsInput,
  UnitStatusView,
} from '../../../domain/workflow-types';
import { AppError } from '../../../app/temporal-errors';
import type { UnitWorkflows } from '../../../app/units';
import { createPortal, type Portal } from '../../../portal/server';
import { waitFor } from '../../../scripts/processes';
import { csrfOf, linkPath, partialRequest, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import { openUnitView } from '../../helpers/unit-views';

const ZONE = 'Asia/Ho_Chi_Minh';
const CAMPAIGN = 'kh-67-test';
const DAY = 24 * 3600_000;

const unitView = (unitId: string, unitName: string): UnitStatusView =>
  openUnitView({ campaignId: CAMPAIGN, unitId, unitName, timeZone: ZONE });

/** Temporal as the portal sees it: the workflow's validators, versions kept in memory. */
class FakeBackend implements UnitWorkflows {
  readonly units = new Map<string, UnitStatusView>();
  workerDown = false;
  /** The query is answered, the update is not (the worker stopped in between). */
  updateUnanswered = false;
  /** When the campaign's workflow closed. */
  endedAt?: string;

  async campaignEndedAt(): Promise<string | undefined> {
    return this.endedAt;
  }

  async unitStatus(campaignId: string, unitId: string): Promise<UnitStatusView> {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua' });
    const view = this.units.get(unitId);
    if (!view || view.campaignId !== campaignId) throw new AppError('not-found', { campaignId, unitId });
    return structuredClone(view);
  }

  async campaignInfo() {
    return { title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW', timeZone: ZONE };
  }

  async submitFile(campaignId: string, unitId: string, req: SubmitFileInput): Promise<SubmissionReceipt> {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua' });
    if (this.updateUnanswered) throw new AppError('timed-out', { update: true, seconds: 10 });
    const view = this.units.get(unitId)!;
    try {
      assertPhaseOpen({ ...view, phaseName: view.phase.name }, Date.now());
      assertFileRef(req.kind, req.file, view.due);
    } catch (err) {
      throw new AppError('refused', { refusal: (err as Error).message });
    }
    const list = req.kind === 'summary-report' ? view.reports : view.papers;
    const receivedAt = new Date().toISOString();
    list.push({ ...req.file, version: list.length + 1, receivedAt, submittedBy: req.submittedBy, late: false });
    view.status = 'submitted';
    return { kind: req.kind, version: list.length, receivedAt, late: false, status: view.status };
  }

  async submitNominations(campaignId: string, unitId: string, req: SubmitNominationsInput): Promise<SubmissionReceipt> {
    if (this.workerDown) throw new AppError('no-worker', { taskQueue: 'thidua' });
    const view = this.units.get(unitId)!;
    try {
      assertPhaseOpen({ ...view, phaseName: view.phase.name }, Date.now());
      assertNominations(req.nominations, view.due);
    } catch (err) {
      throw new AppError('refused', { refusal: (err as Error).message });
    }
    const receivedAt = new Date().toISOString();
    const version = view.nominations.length + 1;
    // As the workflow answers: every version summarised, the latest in full.
    view.nominations.push({
      version,
      receivedAt,
      submittedBy: req.submittedBy,
      late: false,
      count: req.nominations.length,
    });
    view.latestNominations = {
      version,
      receivedAt,
      submittedBy: req.submittedBy,
      late: false,
      nominations: req.nominations,
    };
    return { kind: 'nominations', version, receivedAt, late: false, status: view.status };
  }
}

const FORM = 'Bằng khen của Chủ tịch UBND tỉnh';

let dir: string;
let links: FileUnitLinks;
let reports: FileReportStore;
let backend: FakeBackend;
let portal: Portal;
let base: string;
let linkA: string;
let linkB: string;

async function startPortal(extra: Partial<Parameters<typeof createPortal>[0]> = {}): Promise<[Portal, string]> {
  const p = createPortal({ backend, links, reports, timeZone: ZONE, maxFileBytes: 64 * 1024, ...extra });
  const port = await p.listen(0, '127.0.0.1');
  return [p, `http://127.0.0.1:${port}`];
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-portal-'));
  links = new FileUnitLinks(path.join(dir, 'links'), 'http://portal.example.vn');
  reports = new FileReportStore(path.join(dir, 'reports'));
  backend = new FakeBackend();
  backend.units.set('so-noi-vu', unitView('so-noi-vu', 'Sở Nội vụ'));
  backend.units.set('so-y-te', unitView('so-y-te', 'Sở Y tế'));
  backend.units.get('so-noi-vu')!.due.nominations = {
    required: true,
    quota: { total: 1, collective: 1, individual: 1 },
    forms: [FORM],
    description: '01 tập thể hoặc 01 cá nhân có thành tích tiêu biểu xuất sắc',
  };
  linkA = linkPath(await links.linkFor(CAMPAIGN, 'so-noi-vu'));
  linkB = linkPath(await links.linkFor(CAMPAIGN, 'so-y-te'));
  [portal, base] = await startPortal();
});

afterEach(async () => {
  await portal.close();
  reports.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const uploadsA = () => reports.uploadsOf(CAMPAIGN, 'so-noi-vu');

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

describe('uploads', () => {
  let browser: PortalBrowser;
  let csrf: string;
  beforeEach(async () => {
    browser = new PortalBrowser(base);
    csrf = csrfOf((await browser.open(linkA)).body);
  });
  const upload = (filename: string, data: Buffer, fields: Record<string, string> = {}) =>
    browser.postMultipart('/unit/upload', { csrf, kind: 'summary-report', ...fields }, { filename, data });

  test('without a CSRF token, or with a wrong one: 403 and nothing stored', async () => {
    expect(
      (
        await browser.postMultipart(
          '/unit/upload',
          { kind: 'summary-report' },
          { filename: 'a.pdf', data: pdfBytes('a') },
        )
      ).status,
    ).toBe(403);
    expect((await upload('a.pdf', pdfBytes('a'), { csrf: 'x'.repeat(43) })).status).toBe(403);
    expect(await uploadsA()).toEqual([]);
    expect(backend.units.get('so-noi-vu')!.reports).toEqual([]);
  });

  test('an upload goes through: version 1 on the page with its receipt line', async () => {
    const bytes = pdfBytes('Báo cáo tổng kết');
    const res = await upload('Báo cáo tổng kết.pdf', bytes);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/unit');
    const page = await browser.get('/unit');
    expect(page.body).toMatch(/Đã nhận báo cáo tổng kết "Báo cáo tổng kết\.pdf", phiên bản 1, lúc \d{2}:\d{2} /);
    expect(page.body).toContain('Thư xác nhận sẽ được gửi tới đầu mối của đơn vị.');
    const [stored] = await uploadsA();
    expect(stored).toMatchObject({
      name: 'Báo cáo tổng kết.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      phase: 'self-review',
    });
    expect(page.body).toContain(`<td class="sha">${stored.sha256}</td>`);
    expect(page.body).toContain(`Biên nhận: đã nhận báo cáo tổng kết "Báo cáo tổng kết.pdf", phiên bản 1`);
    expect(page.body).toContain('Đã nộp');
    expect(await reports.get(stored.sha256)).toEqual(bytes);
    // The flash shows once.
    expect((await browser.get('/unit')).body).not.toContain('Thư xác nhận sẽ được gửi');
  });

  test('the unit downloads its own files; another unit’s file or an unknown hash is not found', async () => {
    const bytes = pdfBytes('Báo cáo tổng kết');
    await upload('Báo cáo tổng kết.pdf', bytes);
    const [stored] = await uploadsA();
    const page = (await browser.get('/unit')).body;
    expect(page).toContain(`<a href="/unit/files/${stored.sha256}">Báo cáo tổng kết.pdf</a>`);
    const res = await fetch(`${base}/unit/files/${stored.sha256}`, {
      headers: { cookie: `thidua_session=${browser.cookies.get('thidua_session')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="Bao cao tong ket.pdf"; filename*=UTF-8''${encodeURIComponent('Báo cáo tổng kết.pdf')}`,
    );
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);

    const b = new PortalBrowser(base);
    await b.open(linkB);
    expect((await b.get(`/unit/files/${stored.sha256}`)).status).toBe(404);
    expect((await browser.get(`/unit/files/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await new PortalBrowser(base).get(`/unit/files/${stored.sha256}`)).status).toBe(401);
  });

  test('a path in the file name is reduced to its base name', async () => {
    expect((await upload('../../../etc/Báo cáo.pdf', pdfBytes('1'))).status).toBe(303);
    expect((await upload('..\\..\\windows\\tham-luan.pdf', pdfBytes('2'), { kind: 'presentation-paper' })).status).toBe(
      303,
    );
    expect((await upload('...hidden "quoted".pdf', pdfBytes('3'))).status).toBe(303);
    expect((await uploadsA()).map((u) => u.name).sort()).toEqual(['Báo cáo.pdf', 'hidden quoted.pdf', 'tham-luan.pdf']);
    expect(fs.readdirSync(dir).sort()).toEqual(['links', 'reports']);
  });

  test.each([
    ['empty', 'rong.pdf', Buffer.alloc(0), 400, 'Tệp &quot;rong.pdf&quot; rỗng (0 byte).'],
    ['oversized', 'lon.pdf', Buffer.concat([pdfBytes('x'), Buffer.alloc(70 * 1024, 1)]), 413, 'quá lớn'],
    [
      'of a refused type',
      'setup.exe',
      Buffer.from('MZ\x90\x00'),
      415,
      'không đúng định dạng; chấp nhận: PDF, DOC, DOCX, ODT.',
    ],
    ['not a PDF inside', 'bao-cao.pdf', Buffer.from('MZ\x90\x00 not a pdf'), 415, 'không phải là tệp PDF'],
    ['not a DOCX inside', 'bao-cao.docx', Buffer.from('%PDF-1.4'), 415, 'không phải là tệp DOCX/ODT'],
    ['nameless', '', pdfBytes('x'), 400, 'Chưa chọn tệp'],
    [
      'far too large',
      'rat-lon.pdf',
      Buffer.concat([pdfBytes('x'), Buffer.alloc(300 * 1024, 1)]),
      413,
      'Tệp quá lớn; tối đa 0.0625 MB.',
    ],
  ])('%s: refused with a clear message, nothing stored', async (_what, filename, data, status, message) => {
    const res = await upload(filename, data);
    expect(res.status).toBe(status);
    expect(res.body).toContain(message);
    expect(res.body).toContain('Không có gì được ghi nhận.');
    expect(res.body).toContain('<h1>Sở Nội vụ</h1>');
    expect(await uploadsA()).toEqual([]);
    expect(backend.units.get('so-noi-vu')!.reports).toEqual([]);
  });

  test('after the deadline, before the lock: the page says uploads are still taken, as late', async () => {
    const view = backend.units.get('so-noi-vu')!;
    view.deadline = new Date(Date.now() - DAY).toISOString();
    const page = await browser.get('/unit');
    expect(page.body).toContain(`Đã quá hạn nộp (${formatDeadline(view.deadline, ZONE)}).`);
    expect(page.body).toContain('vẫn được tiếp nhận và ghi là nộp muộn');
    expect(page.body).toContain('action="/unit/upload"');
    expect((await upload('muon.pdf', pdfBytes('muộn'))).status).toBe(303);
  });

  test('a locked phase shows as locked, offers no form and refuses uploads with the reason', async () => {
    const view = backend.units.get('so-noi-vu')!;
    view.locked = true;
    view.lockedAt = new Date().toISOString();
    const page = await browser.get('/unit');
    expect(page.body).toContain('Đã khóa.');
    expect(page.body).toContain(`đã khóa lúc ${view.lockLocal}`);
    expect(page.body).not.toContain('action="/unit/upload"');
    const res = await upload('muon.pdf', pdfBytes('muộn'));
    expect(res.status).toBe(409);
    expect(res.body).toContain(`Giai đoạn &quot;${view.phase.name}&quot; đã khóa lúc ${view.lockLocal}`);
    expect(res.body).toContain('Liên hệ: Ban Thi đua - Khen thưởng tỉnh');
    expect(await uploadsA()).toEqual([]);
  });

  test('the report store’s own lock refuses too (a lock recorded before the workflow shows it)', async () => {
    await reports.lock({
      campaignId: CAMPAIGN,
      unitId: 'so-noi-vu',
      phase: 'self-review',
      files: [],
      lockedBy: 'test',
      lockedAt: new Date().toISOString(),
    });
    const res = await upload('muon.pdf', pdfBytes('muộn'));
    expect(res.status).toBe(409);
    expect(res.body).toContain('Hồ sơ của đơn vị đã khóa từ');
    expect(await uploadsA()).toEqual([]);
  });

  test('no worker: a clear message and nothing stored', async () => {
    backend.workerDown = true;
    const res = await upload('bao-cao.pdf', pdfBytes('x'));
    expect(res.status).toBe(503);
    expect(res.body).toContain('Hệ thống xử lý hồ sơ hiện không phản hồi');
    expect(await uploadsA()).toEqual([]);
  });

  test('an update no worker answers: the unit is told it may not be recorded and to check before sending again', async () => {
    backend.updateUnanswered = true;
    const res = await upload('bao-cao.pdf', pdfBytes('x'));
    expect(res.status).toBe(503);
    expect(res.body).toContain('hồ sơ có thể chưa được ghi nhận');
    expect(res.body).not.toContain('Không có gì được ghi nhận');
  });

  test('a revoked link ends its open sessions at their next request; a reissued one opens, the old one not', async () => {
    expect(await links.revoke(CAMPAIGN, 'so-noi-vu')).toBe(true);
    expect((await browser.get('/unit')).status).toBe(401);
    expect((await upload('a.pdf', pdfBytes('a'))).status).toBe(401);
    expect((await browser.get(linkA)).status).toBe(404);
    expect(await uploadsA()).toEqual([]);

    const fresh = linkPath(await links.reissue(CAMPAIGN, 'so-noi-vu'));
    expect(fresh).not.toBe(linkA);
    expect((await new PortalBrowser(base).open(fresh)).body).toContain('<h1>Sở Nội vụ</h1>');
    expect((await new PortalBrowser(base).get(linkA)).status).toBe(404);
    // The next message carries the working link, not the revoked one.
    expect(linkPath(await links.linkFor(CAMPAIGN, 'so-noi-vu'))).toBe(fresh);
    expect((await links.info(CAMPAIGN, 'so-noi-vu')).previous).toBe(1);
  });

  test('links end with their campaign: 7 days after its workflow closed, the link and open sessions answer 410, nothing is written', async () => {
    backend.endedAt = new Date(Date.now() - 6 * DAY).toISOString(); // receipts stay readable for a while
    expect((await browser.get('/unit')).status).toBe(200);
    backend.endedAt = '2025-12-31T10:00:00.000Z';
    expect((await browser.get('/unit')).status).toBe(410);
    expect(portal.sessions.size).toBe(0); // the session was ended, not only refused
    const page = await new PortalBrowser(base).get(linkA);
    expect(page.status).toBe(410);
    expect(page.body).toContain('Đường dẫn đã hết hạn');
    expect(page.body).toContain('17:00 thứ Tư, 31/12/2025');
    expect((await upload('a.pdf', pdfBytes('a'))).status).toBe(401);
    expect(await uploadsA()).toEqual([]);
  });

  test('logging out ends the session (with the CSRF token)', async () => {
    expect((await browser.postForm('/unit/logout', {})).status).toBe(403);
    expect((await browser.postForm('/unit/logout', { csrf })).status).toBe(200);
    expect((await browser.get('/unit')).status).toBe(401);
  });
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
describe('attack suite: the portal under abuse', () => {
  const uploadAs = (browser: PortalBrowser, csrf: string, filename: string, data: Buffer) =>
    browser.postMultipart('/unit/upload', { csrf, kind: 'summary-report' }, { filename, data });
  const stagedFiles = () => (fs.existsSync(reports.stagingDir) ? fs.readdirSync(reports.stagingDir) : []);
  const sessionHeaders = (browser: PortalBrowser, contentType: string) => ({
    Cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'Content-Type': contentType,
    'Content-Length': String(64 * 1024 * 1024),
  });

  test('a multipart body of a million tiny parts is refused at the parts limit, before the rest is sent', async () => {
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.open(linkA)).body);
    const part = '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n\r\n';
    const start = `--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf}\r\n` + part.repeat(20_000);
    // 64 MB announced, ~1 MB sent: the answer must come without the other 63 MB.
    const sent = partialRequest(
      base,
      { method: 'POST', path: '/unit/upload', headers: sessionHeaders(browser, 'multipart/form-data; boundary=b') },
      start,
    );
    const res = await sent.answer;
    sent.socket.destroy();
    expect(res.status).toBe(413);
    expect(res.text).toContain('quá nhiều phần');
    expect((await new PortalBrowser(base).get('/healthz')).status).toBe(200);
    expect(await uploadsA()).toEqual([]);
  });

  test('a file sent before the CSRF token is refused (403) before it is read', async () => {
    const browser = new PortalBrowser(base);
    await browser.open(linkA);
    const start =
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n' + 'x'.repeat(4096);
    const sent = partialRequest(
      base,
      { method: 'POST', path: '/unit/upload', headers: sessionHeaders(browser, 'multipart/form-data; boundary=b') },
      start,
    );
    const res = await sent.answer;
    sent.socket.destroy();
    expect(res.status).toBe(403);
    expect(await uploadsA()).toEqual([]);
    expect(stagedFiles()).toEqual([]);
  });

  test('one upload at a time per unit, and a few in all: the others are refused at once, nothing kept', async () => {
    await portal.close();
    [portal, base] = await startPortal({ maxConcurrentUploads: 1 });
    const a = new PortalBrowser(base);
    const csrfA = csrfOf((await a.open(linkA)).body);
    const b = new PortalBrowser(base);
    const csrfB = csrfOf((await b.open(linkB)).body);
    // A's first upload is still arriving (the rest of its body is never sent)...
    const slow = partialRequest(
      base,
      { method: 'POST', path: '/unit/upload', headers: sessionHeaders(a, 'multipart/form-data; boundary=b') },
      `--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrfA}\r\n` +
        '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\n',
    );
    // The server is receiving it once its file part is being staged.
    await waitFor('the first upload to be staged', async () => stagedFiles().length > 0, 10_000);
    const busy = await uploadAs(a, csrfA, 'b.pdf', pdfBytes('b'));
    expect(busy.status).toBe(429);
    expect(busy.body).toContain('Một tệp khác của đơn vị đang được tải lên');
    const full = await uploadAs(b, csrfB, 'c.pdf', pdfBytes('c'));
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('30');
    expect(await reports.uploadsOf(CAMPAIGN, 'so-y-te')).toEqual([]);
    slow.socket.destroy();
  }, 30_000);

  test('a unit’s storage quota: the upload that would pass it is refused with the unit’s usage, nothing stored', async () => {
    const one = pdfBytes('x'.repeat(100));
    await portal.close();
    [portal, base] = await startPortal({ maxUnitBytes: one.length * 2 + 10 });
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.open(linkA)).body);
    const send = (text: string) => uploadAs(browser, csrf, `${text}.pdf`, pdfBytes(text.repeat(100)));
    expect((await send('1')).status).toBe(303);
    expect((await send('2')).status).toBe(303);
    const refused = await send('3');
    expect(refused.status).toBe(413);
    expect(refused.body).toContain('hết dung lượng lưu trữ cho đợt thi đua này');
    expect(refused.body).toContain('Không có gì được ghi nhận.');
    expect(await uploadsA()).toHaveLength(2);
    expect(stagedFiles()).toEqual([]);
  });

  test('a bidi override in a file name does not survive: the name shows what the file is', async () => {
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.open(linkA)).body);
    const res = await uploadAs(browser, csrf, 'poly\u202excod.pdf', pdfBytes('bidi'));
    expect(res.status).toBe(303);
    expect((await uploadsA()).map((u) => u.name)).toEqual(['polyxcod.pdf']);
  });

  test('a slow body is cut at the request timeout; connections per address are capped', async () => {
    await portal.close();
    [portal, base] = await startPortal({
      timeouts: { headersMs: 500, requestMs: 1000 },
      maxConnections: { total: 100, perAddress: 3 },
    });
    const browser = new PortalBrowser(base);
    await browser.open(linkA);
    const slow = await partialRequest(
      base,
      { method: 'POST', path: '/unit/upload', headers: sessionHeaders(browser, 'multipart/form-data; boundary=b') },
      '--b\r\n',
    ).answer;
    expect([0, 408]).toContain(slow.status); // answered 408 or closed, within the jest timeout
    const sockets = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<{ socket: net.Socket; closed: Promise<boolean> }>((resolve) => {
            const socket = net.connect(Number(new URL(base).port), '127.0.0.1', () =>
              resolve({ socket, closed: new Promise((c) => socket.once('close', () => c(true))) }),
            );
            socket.on('error', () => undefined);
          }),
      ),
    );
    const closed = await Promise.race([
      Promise.any(sockets.map((s) => s.closed)),
      new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
    ]);
    expect(closed).toBe(true); // the fourth connection from 127.0.0.1 was closed at once
    for (const s of sockets) s.socket.destroy();
  }, 30_000);

  test('the portal listens on the loopback address unless told otherwise', async () => {
    const p = createPortal({ backend, links, reports, timeZone: ZONE });
    await p.listen(0);
    expect((p.server.address() as net.AddressInfo).address).toBe('127.0.0.1');
    await p.close();
  });

  test('link records and reports are readable by their owner only', async () => {
    const mode = (file: string) => (fs.statSync(file).mode & 0o777).toString(8);
    const browser = new PortalBrowser(base);
    const csrf = csrfOf((await browser.open(linkA)).body);
    await uploadAs(browser, csrf, 'a.pdf', pdfBytes('a'));
    const [stored] = await uploadsA();
    const linkDir = path.join(dir, 'links');
    const files = (sub: string) => fs.readdirSync(path.join(linkDir, sub), { recursive: true, withFileTypes: true });
    for (const entry of [...files('units'), ...files('tokens')]) {
      const full = path.join(entry.parentPath, entry.name);
      expect([full, mode(full)]).toEqual([full, entry.isDirectory() ? '700' : '600']);
    }
    expect(mode(linkDir)).toBe('700');
    expect(mode(path.join(dir, 'reports'))).toBe('700');
    expect(mode(path.join(dir, 'reports', 'index.sqlite'))).toBe('600');
    expect(mode(path.join(dir, 'reports', 'blobs', stored.sha256.slice(0, 2), stored.sha256))).toBe('400');
  });
});

/**
 * The unit portal over real HTTP: uploads and downloads, locks, missing workers, revoked and expired links
 * (set-up in test/helpers/unit-portal-harness.ts; the full stack is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import { formatDeadline } from '../../../domain/messages';
import { csrfOf, linkPath, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import {
  backend,
  base,
  CAMPAIGN,
  DAY,
  dir,
  linkA,
  linkB,
  links,
  portal,
  reports,
  uploadsA,
  useUnitPortal,
  ZONE,
} from '../../helpers/unit-portal-harness';

useUnitPortal();

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
    expect(page.body).toContain(`đã khóa lúc ${formatDeadline(view.lockAt, ZONE)};`);
    expect(page.body).not.toContain('action="/unit/upload"');
    const res = await upload('muon.pdf', pdfBytes('muộn'));
    expect(res.status).toBe(409);
    expect(res.body).toContain(
      `Giai đoạn &quot;${view.phase.name}&quot; đã khóa lúc ${formatDeadline(view.lockAt, ZONE)};`,
    );
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

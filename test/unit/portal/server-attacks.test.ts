/**
 * The unit portal over real HTTP: the attack suite (issue 19), abuse of uploads, connections and stored files
 * (set-up in test/helpers/unit-portal-harness.ts; the full stack is in test/e2e/portal.test.ts).
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createPortal } from '../../../portal/server';
import { waitFor } from '../../../scripts/processes';
import { csrfOf, partialRequest, pdfBytes, PortalBrowser } from '../../helpers/portal-client';
import {
  backend,
  base,
  CAMPAIGN,
  dir,
  linkA,
  linkB,
  links,
  reports,
  restartPortal,
  uploadsA,
  useUnitPortal,
  ZONE,
} from '../../helpers/unit-portal-harness';

useUnitPortal();

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
    await restartPortal({ maxConcurrentUploads: 1 });
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
    await restartPortal({ maxUnitBytes: one.length * 2 + 10 });
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
    await restartPortal({
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

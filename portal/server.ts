/**
 * The portal's HTTP server: the unit routes (`unit-routes.ts`) and the secretariat's dashboard
 * (`dashboard/routes.ts`) composed on one node:http server, with its timeouts, connection caps and
 * the error page every route falls back to.
 */
import http from 'node:http';
import { createDashboard } from './dashboard/routes';
import { HttpError, sendHtml } from './http';
import type { Portal, PortalOptions } from './options';
import { layout, messagePage } from './pages';
import { MemorySessionStore } from './security';
import { createUnitRoutes } from './unit-routes';
import { createConferenceRoutes } from './conference-routes';

export type { Portal, PortalOptions } from './options';
export { OPEN_COOKIE, SESSION_COOKIE } from './unit-routes';

export function createPortal(opts: PortalOptions): Portal {
  const sessions = opts.sessions ?? new MemorySessionStore();
  const log = opts.log ?? (() => undefined);
  const send = sendHtml;

  const clientIp = (req: http.IncomingMessage): string => {
    const forwarded = opts.trustProxy ? String(req.headers['x-forwarded-for'] ?? '') : '';
    const last = forwarded.split(',').at(-1)?.trim();
    return last || (req.socket.remoteAddress ?? 'unknown');
  };
  const dashboard = opts.dashboard
    ? createDashboard({
        ...opts.dashboard,
        clientIp,
        log,
        timeZone: opts.timeZone,
        secureCookies: opts.secureCookies,
        conference: opts.dashboard.conference ?? opts.conference,
      })
    : undefined;
  const conference = createConferenceRoutes(opts, { clientIp, log });
  const units = createUnitRoutes(opts, { sessions, clientIp, log, feedConference: conference.feedConference });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://portal.invalid');
    const route = url.pathname;
    const method = req.method ?? 'GET';

    if (await conference.handle(req, res, route, method)) return;
    if (await units.handle(req, res, route, method)) return;
    if (dashboard && (route === '/admin' || route.startsWith('/admin/'))) {
      await dashboard.handle(req, res, url);
      return;
    }

    if (route === '/' && method === 'GET') {
      send(
        res,
        200,
        layout(
          'Hệ thống tiếp nhận hồ sơ thi đua – khen thưởng',
          '<h1>Hệ thống tiếp nhận hồ sơ thi đua – khen thưởng</h1><p>Mở trang nộp hồ sơ của đơn vị bằng đường dẫn riêng trong thư của Thường trực Hội đồng Thi đua - Khen thưởng.</p>',
        ),
      );
      return;
    }
    if (route === '/healthz' && method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('ok\n');
      return;
    }

    throw new HttpError(404, 'Không tìm thấy', 'Trang này không tồn tại.');
  }

  const timeouts = opts.timeouts ?? { headersMs: 20_000, requestMs: 120_000 };
  const server = http.createServer(
    {
      // A slow client may hold a connection only so long: headers in 20 s, the whole request (a 20 MB
      // upload at ~1.5 Mbit/s) in 2 min; checked every second rather than Node's default 30 s.
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs),
    },
    (req, res) => {
      handle(req, res).catch((err: unknown) => {
        if (!(err instanceof HttpError))
          log(`portal: ${req.method} ${req.url?.replace(/\/u\/[^/]+/, '/u/…')}: ${String(err)}`);
        const e =
          err instanceof HttpError
            ? err
            : new HttpError(
                500,
                'Lỗi hệ thống',
                'Đã có lỗi khi xử lý yêu cầu; không có gì được ghi nhận. Vui lòng thử lại sau.',
              );
        if (res.headersSent) {
          res.destroy();
          return;
        }
        req.resume();
        // A dashboard page that fails still leads somewhere: back to the list of campaigns.
        const admin = /^\/admin(\/|$)/.test(req.url ?? '') && !e.extraHtml && e.status !== 401;
        const extra = admin ? '<p><a id="back-to-list" href="/admin">← Các đợt thi đua</a></p>' : e.extraHtml;
        send(res, e.status, messagePage(e.title, e.message, extra));
      });
    },
  );
  limitConnections(server, opts.maxConnections ?? { total: 512, perAddress: 64 }, !opts.trustProxy, log);

  return {
    server,
    sessions,
    staffSessions: dashboard?.sessions,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as { port: number }).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Caps open connections, in all and per client address (behind a proxy every connection comes from
 * the proxy, so only the total applies): slow or idle connections cannot take the portal's sockets.
 */
function limitConnections(
  server: http.Server,
  caps: { total: number; perAddress: number },
  perAddress: boolean,
  log: (line: string) => void,
): void {
  server.maxConnections = caps.total;
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    if (!perAddress) return;
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > caps.perAddress) {
      log(`portal: connection from ${address} refused: ${caps.perAddress} already open`);
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

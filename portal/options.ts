/** What the portal is given: its stores, Temporal, limits, and the dashboard's options. */
import type http from 'node:http';
import type { UnitWorkflows } from '../app/units';
import type { AwardResultsSource } from './award-results';
import type { ReportStore } from '../stores/report-store';
import type { UnitLinks } from '../stores/unit-links';
import type { ConferenceBackend } from './conference-backend';
import type { Dashboard, DashboardOptions } from './dashboard/routes';
import type { SessionStore } from './security';

export interface PortalOptions {
  backend: UnitWorkflows;
  links: Pick<UnitLinks, 'resolve'>;
  /** The conference phase (invitees' replies, the units' calendars); absent, its routes are not served. */
  conference?: ConferenceBackend;
  reports: ReportStore;
  /** Zone of times on pages when the campaign's own is unknown. */
  timeZone: string;
  /** Cookies with `Secure` (the public URL is https). */
  secureCookies?: boolean;
  maxFileBytes?: number;
  /** A unit's storage in one campaign, all its files together (default 200 MB). */
  maxUnitBytes?: number;
  /** Uploads received at once across all units (default 8); each unit has one at a time. */
  maxConcurrentUploads?: number;
  /** Connections open at once, in all and per client address (default 512 and 64). */
  maxConnections?: { total: number; perAddress: number };
  /** How long a request may take to arrive, headers and body (default 20 s and 2 min). */
  timeouts?: { headersMs: number; requestMs: number };
  /** Token attempts (GET and POST of `/u/...`) per IP and window. */
  rateLimit?: { max: number; windowMs: number };
  sessions?: SessionStore;
  log?: (line: string) => void;
  /** The secretariat's dashboard under `/admin`; absent, `/admin` is not served. */
  dashboard?: Omit<DashboardOptions, 'clientIp' | 'log' | 'timeZone' | 'secureCookies'>;
  /**
   * Behind a reverse proxy: take the client's address from the last `X-Forwarded-For` entry (the one
   * the proxy added) for the rate limits. Off by default, since a client could forge the header.
   */
  trustProxy?: boolean;
  /**
   * The portal's public address (`https://thidua.example.vn`), as links in messages name it: the unit
   * page shows its calendar's address with it. Absent, the request's Host is used.
   */
  publicUrl?: string;
  /** The awards phase's results, shown on a unit's page after the decision (issue 14). */
  awardResults?: AwardResultsSource;
  /** How long after its campaign closed a link still opens (default 7 days). */
  linkGraceMs?: number;
}

export interface Portal {
  server: http.Server;
  sessions: SessionStore;
  /** The dashboard's sessions, when it is served. */
  staffSessions?: Dashboard['sessions'];
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

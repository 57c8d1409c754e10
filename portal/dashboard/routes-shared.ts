/**
 * What the dashboard's route files share: the refusals, the failure mapping, the content types and
 * the context {@link createDashboard} gives each route file (the options and the request helpers).
 */
import type http from 'node:http';
import { AppError, type Operation } from '../../app/temporal-errors';
import type { StaffActor } from '../../app/roles';
import type { StaffRole } from '../../domain/synthesis-types';
import type { ReportStore } from '../../stores/report-store';
import type { Account } from '../../stores/accounts';
import type { UnitLinks } from '../../stores/unit-links';
import { HttpError } from '../http';
import type { SessionStore, StaffSession } from '../security';
import type { UploadError } from '../upload-receive';
import { HTTP_STATUS, staffMessage } from '../messages';
import { ActionInputError } from './actions';
import type { AwardsBackend } from './awards-backend';
import type { SecretariatBackend } from './backend';
import type { ConferenceBackend } from '../conference-backend';

export interface DashboardOptions {
  backend: SecretariatBackend;
  /** The conference phase's use cases (the conference page); absent, that page is not served. */
  conference?: ConferenceBackend;
  /** The awards phase (issue 14); absent, `/admin/c/<campaign>/khen-thuong` is not served. */
  awards?: AwardsBackend;
  accounts: {
    verify(login: string, password: string): Promise<Account | undefined>;
    /** The account as it is now (read on every request: a reset password or a removed account ends sessions). */
    find(login: string): Promise<Account | undefined>;
  };
  /** Downloads, and the staging folder a revised synthesis `.docx` is received into. */
  reports: Pick<ReportStore, 'get' | 'stagingDir'>;
  /** Largest revised synthesis `.docx` accepted (default 20 MB). */
  maxSynthesisBytes?: number;
  links?: Pick<UnitLinks, 'info'>;
  timeZone: string;
  secureCookies?: boolean;
  /** Failed logins allowed per address, and per login name, in a window (default 10 and 5 per 15 min). */
  loginLimits?: { perAddress: number; perLogin: number; windowMs: number };
  sessions?: SessionStore<StaffSession>;
  clientIp: (req: http.IncomingMessage) => string;
  log: (line: string) => void;
}

export const BAD_CSRF = new HttpError(
  403,
  'Yêu cầu không hợp lệ',
  'Biểu mẫu thiếu hoặc sai mã bảo vệ (CSRF); yêu cầu bị từ chối, không có gì thay đổi. Hãy tải lại trang và thử lại.',
);
export const NOT_FOUND = new HttpError(404, 'Không tìm thấy', 'Trang này không tồn tại.');
export const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** What an action or a read that failed tells the secretariat, and its HTTP status. */
export function failure(err: unknown): { status: number; message: string; nothingChanged: boolean } | undefined {
  if (err instanceof AppError) {
    // A role refusal's own words already say that nothing changed.
    const says = err.code === 'forbidden';
    return { status: HTTP_STATUS[err.code], message: staffMessage(err), nothingChanged: err.nothingChanged && !says };
  }
  if (err instanceof ActionInputError) return { status: 400, message: err.message, nothingChanged: true };
  return undefined;
}

/**
 * A later phase's view for its page: a phase not reached yet is a 404 saying when it comes
 * (`notYet`), a read that fails is shown with its reason under `unreadable`.
 */
export async function phaseView<T>(
  read: () => Promise<T>,
  notYet: { title: string; text: string; campaignId: string },
  unreadable: string,
): Promise<T> {
  // A phase page that cannot show leads back to its campaign: it is no dead end.
  const back = `<p><a id="back-to-campaign" href="/admin/c/${encodeURIComponent(notYet.campaignId)}">← Về trang của đợt</a> · <a href="/admin">Các đợt thi đua</a></p>`;
  try {
    return await read();
  } catch (err) {
    if (err instanceof AppError && err.code === 'not-found') throw new HttpError(404, notYet.title, notYet.text, back);
    const f = failure(err);
    if (f) throw new HttpError(f.status, unreadable, f.message, back);
    throw err;
  }
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SVG = 'image/svg+xml';
/** A picture is shown in place, but may run nothing and load nothing: only its own inline styles. */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

/** Who is signed in: the session, and the account's roles as they are now. */
export interface SignedIn {
  staff: StaffSession;
  actor: StaffActor;
}

/** A received upload: the form's fields and the file, if one was sent. */
export type Received = { form: Record<string, string>; file?: { name: string; bytes: Buffer } };

/** The options and the shared request helpers, given by {@link createDashboard} to each route file. */
export interface RouteContext {
  opts: DashboardOptions;
  /** A form's fields, its CSRF token checked. */
  formOf(req: http.IncomingMessage, staff: StaffSession): Promise<Record<string, string>>;
  /** An upload's form and file (default: the revised synthesis `.docx`), or why it was refused. */
  uploadOf(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    staff: StaffSession,
    upload?: { maxFileBytes: number; defaultName: string },
  ): Promise<Received | UploadError>;
  /** After answering, the connection closes: the rest of a refused body is never read. */
  closeAfterAnswer(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** The refusal when the actor lacks `role` (logged); undefined when the actor has it. */
  lacking(signed: SignedIn, role: StaffRole, operation: Operation, what: string): AppError | undefined;
}

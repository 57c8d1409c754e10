/**
 * Sends one message exactly once as far as SMTP allows: a deterministic Message-ID and the
 * {@link SentLog} make retries harmless. SMTP failures are classified: connection errors and 4xx
 * replies are thrown as retryable; a 5xx refusal of an address is permanent and reported as
 * {@link UndeliverableError} so that the caller can tell the secretariat instead of retrying forever.
 */
import type { Transporter } from 'nodemailer';
import type { SentLog } from '../../stores/sent-log';

export interface OutgoingMessage {
  messageId: string;
  from: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
  /** An iCalendar invitation as the `text/calendar; method=…` alternative part (nodemailer's `icalEvent`). */
  icalEvent?: { method: 'REQUEST' | 'CANCEL' | 'PUBLISH'; filename?: string; content: string };
}

export type SendOutcome = {
  sent: true;
  alreadySent: boolean;
  recipients: string[];
  /**
   * Recipients refused for good while the others accepted the message (kept in the sent log, so a
   * retry after a crash still knows whom to report).
   */
  refused: string[];
};

export class UndeliverableError extends Error {
  constructor(
    message: string,
    public readonly responseCode: number,
  ) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

/** `<key@domain>` Message-ID from an idempotency key; the same key always gives the same id. */
export function messageIdFor(key: string, fromAddress: string): string {
  const domain = /@([^>\s]+)/.exec(fromAddress)?.[1] ?? 'thidua.local';
  const local = key.replace(/[^A-Za-z0-9.-]+/g, '.').replace(/^\.+|\.+$/g, '');
  return `<${local}@${domain}>`;
}

export async function sendOnce(transport: Transporter, log: SentLog, msg: OutgoingMessage): Promise<SendOutcome> {
  const recipients = [...msg.to, ...(msg.cc ?? [])];
  const logged = await log.get(msg.messageId);
  if (logged) return { sent: true, alreadySent: true, recipients, refused: logged.refused ?? [] };
  try {
    const info = await transport.sendMail({
      messageId: msg.messageId,
      from: msg.from,
      to: msg.to,
      cc: msg.cc,
      subject: msg.subject,
      text: msg.text,
      html: msg.html,
      attachments: msg.attachments,
      ...(msg.icalEvent ? { icalEvent: msg.icalEvent } : {}),
      textEncoding: 'base64',
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0 && rejected.length === recipients.length) {
      throw new UndeliverableError(`every recipient was refused: ${rejected.join(', ')}`, 550);
    }
    await log.record({
      messageId: msg.messageId,
      recipients,
      subject: msg.subject,
      sentAt: new Date().toISOString(),
      smtpResponse: info.response,
      ...(rejected.length > 0 ? { refused: rejected } : {}),
    });
    return { sent: true, alreadySent: false, recipients, refused: rejected };
  } catch (err) {
    throw classifySmtpError(err);
  }
}

/** Permanent (5xx, bad envelope) → {@link UndeliverableError}; anything else stays retryable. */
export function classifySmtpError(err: unknown): Error {
  if (err instanceof UndeliverableError) return err;
  const e = err as { responseCode?: number; code?: string; message?: string };
  if (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600 && e.code !== 'EAUTH') {
    return new UndeliverableError(e.message ?? 'SMTP 5xx', e.responseCode);
  }
  if (e.code === 'EENVELOPE' && (e.responseCode ?? 0) >= 500) {
    return new UndeliverableError(e.message ?? 'recipient refused', e.responseCode ?? 550);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** What a secretariat message's activity reports (synthesis, awards): sent, sent by an earlier attempt, or refused for good. */
export interface StaffMailOutcome {
  sent: boolean;
  reason?: 'already-sent' | 'undeliverable';
  messageId: string;
  recipients: string[];
}

/**
 * {@link sendOnce}, with a permanent refusal of every recipient returned as not sent instead of
 * thrown: retrying would only hold the workflow's loop, which records it as not sent.
 */
export async function sendOrReportRefusal(
  transport: Transporter,
  log: SentLog,
  msg: OutgoingMessage,
): Promise<StaffMailOutcome> {
  try {
    const outcome = await sendOnce(transport, log, msg);
    return {
      sent: !outcome.alreadySent,
      ...(outcome.alreadySent ? { reason: 'already-sent' as const } : {}),
      messageId: msg.messageId,
      recipients: outcome.recipients,
    };
  } catch (err) {
    if (err instanceof UndeliverableError) {
      return { sent: false, reason: 'undeliverable', messageId: msg.messageId, recipients: msg.to };
    }
    throw err;
  }
}

import nodemailer, { type Transporter } from 'nodemailer';
import { DEFAULT_SMTP_CONNECTIONS, type SmtpSettings } from '../../config/settings';

/** The SMTP transport from settings; pooled so a burst of reminders reuses connections. */
export function createSmtpTransport(smtp: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password } : undefined,
    pool: true,
    maxConnections: smtp.maxConnections ?? DEFAULT_SMTP_CONNECTIONS,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
}

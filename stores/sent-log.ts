/**
 * What was sent, keyed by Message-ID: a retried activity checks it first and never mails twice.
 * One small file per message (atomic rename); a cluster of workers shares it on a common volume or
 * replaces it with a database behind the same two methods.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic';

export interface SentEntry {
  messageId: string;
  recipients: string[];
  subject: string;
  sentAt: string;
  smtpResponse?: string;
  /** Recipients the SMTP server refused for good while it accepted the others. */
  refused?: string[];
}

/** The sent log's two operations: what a retried activity checks, and what it records after sending. */
export interface SentLog {
  get(messageId: string): Promise<SentEntry | undefined>;
  record(entry: SentEntry): Promise<void>;
}

/** One JSON file per Message-ID under a folder. */
export class FileSentLog implements SentLog {
  constructor(private readonly dir: string) {}

  async get(messageId: string): Promise<SentEntry | undefined> {
    const file = this.file(messageId);
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as SentEntry) : undefined;
  }

  async record(entry: SentEntry): Promise<void> {
    writeFileAtomic(this.file(entry.messageId), JSON.stringify(entry));
  }

  private file(messageId: string): string {
    return path.join(this.dir, `${crypto.createHash('sha256').update(messageId).digest('hex')}.json`);
  }
}

/**
 * An SMTP server on loopback that fails on demand, for the fault tests: down (no listener), 421 at
 * connection, 451 for every recipient (try later), or 550 for chosen addresses for good. What it
 * accepts it keeps, by Message-ID, every copy: a message delivered twice shows as two.
 */
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export type SmtpMode = 'up' | 'down' | '421' | '451';

export interface AcceptedMessage {
  messageId: string;
  subject: string;
  /** The recipients the server accepted for this copy. */
  to: string[];
  at: number;
  /** The message as received (headers and body), for a MIME parser. */
  raw: Buffer;
}

export class FaultySmtp {
  mode: SmtpMode = 'up';
  /** Addresses refused with 550 whatever the mode. */
  readonly refused = new Set<string>();
  readonly accepted: AcceptedMessage[] = [];
  /** Every 550 answered, by address: what the secretariat must be told of. */
  readonly refusals: Array<{ address: string; at: number }> = [];
  private server?: SMTPServer;

  constructor(readonly port: number) {}

  /** Listens (mode `up` or a failure mode); {@link down} closes the port. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1000, // a pooled client keeps its connection open: close it rather than wait
      onConnect: (_session, callback) => {
        if (this.mode === '421') {
          const err = Object.assign(new Error('Dịch vụ tạm ngừng, thử lại sau'), { responseCode: 421 });
          callback(err);
          return;
        }
        callback();
      },
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        const to = address.address.toLowerCase();
        if (this.refused.has(to)) {
          this.refusals.push({ address: to, at: Date.now() });
          callback(Object.assign(new Error(`5.1.1 <${to}>: mailbox unavailable`), { responseCode: 550 }));
          return;
        }
        if (this.mode === '451') {
          callback(Object.assign(new Error('4.7.1 greylisted, try again later'), { responseCode: 451 }));
          return;
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const bytes = Buffer.concat(chunks);
          const raw = bytes.toString('utf8');
          const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
          const header = (name: string) =>
            new RegExp(`^${name}:\\s*(.*(?:\\r\\n[ \\t].*)*)`, 'im').exec(head)?.[1].replace(/\r\n[ \t]/g, ' ') ?? '';
          this.accepted.push({
            messageId: header('Message-ID').trim(),
            subject: header('Subject').trim(),
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            at: Date.now(),
            raw: bytes,
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    server.on('error', () => undefined); // a client that hangs up mid-session is its own problem
    this.server = server;
  }

  /** Closes the port: connections are refused until {@link start}. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many copies of each Message-ID were accepted. */
  copies(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.accepted) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }
}

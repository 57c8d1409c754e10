/**
 * The benchmark's SMTP server: a real `smtp-server` on loopback, in its own process so that parsing
 * thousands of messages does not run on the worker's event loop. It accepts every message, keeps
 * nothing, and prints one line per accepted message on stdout: `<epoch ms> <Message-ID>`; `ready`
 * once it listens. Started by `scripts/bench/mail.ts` (`tsx scripts/bench/smtp-sink.ts <port>`).
 */
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2]);
const out: string[] = [];
// Batched writes: one write per message would cost more than the parsing at a burst of 10,000.
const flush = () => {
  if (out.length > 0) process.stdout.write(out.splice(0).join(''));
};
setInterval(flush, 50);

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  closeTimeout: 1000,
  // The product's transport pools connections; allow far more than it opens.
  maxClients: 1000,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => {
      if (head.length < 8192) head += chunk.toString('utf8');
    });
    stream.on('end', () => {
      const id = /^Message-ID:\s*(\S+)/im.exec(head)?.[1] ?? '?';
      out.push(`${Date.now()} ${id}\n`);
      callback();
    });
  },
});
server.on('error', () => undefined); // a client hanging up mid-session is not the benchmark's failure
server.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  flush();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
});

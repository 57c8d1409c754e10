import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Write-then-rename, so a crash never leaves a half-written file under the final name. Files and the
 * folders made for them are the owner's only (0600/0700 by default): the data folder holds reports,
 * live link tokens and password hashes, none of which other local users may read.
 */
export function writeFileAtomic(file: string, data: string | Buffer, mode = 0o600): void {
  ensurePrivateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data, { mode });
  fs.chmodSync(tmp, mode); // the umask may have taken bits away; this is the mode meant
  fs.renameSync(tmp, file);
}

/** Makes the folder (and missing parents) readable by the owner only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Write-then-rename, so a crash never leaves a half-written file under the final name. */
export function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

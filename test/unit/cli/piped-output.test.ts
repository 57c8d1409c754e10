/**
 * Nothing is cut (issue 11, item 9): a large `--json` output through a pipe arrives whole. Before,
 * the CLI exited as soon as it had written, and a pipe received only its first 64 KB.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

test('campaign validate --json through a pipe: several hundred kilobytes, parsed whole', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-pipe-'));
  // 3,000 units without a head: one problem each, a few hundred kilobytes of JSON.
  const units = Array.from(
    { length: 3000 },
    (_, i) =>
      `  - { id: dv-${i}, name: Đơn vị ${i}, kind: department, focal: { name: Cán bộ ${i}, email: cb${i}@example.vn } }`,
  ).join('\n');
  const file = path.join(dir, 'lon.yaml');
  fs.writeFileSync(
    file,
    `campaign:\n  id: lon\n  plan: { number: 1-KH/TU, date: 5/10/2009 }\n  title: Thử đầu ra lớn\nunits:\n${units}\nphases: []\n`,
  );
  const child = spawn(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join(ROOT, 'client', 'thidua.ts'), 'campaign', 'validate', file, '--json'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const out = Buffer.concat(chunks);
  expect(code).toBe(1);
  expect(out.length).toBeGreaterThan(256 * 1024);
  const parsed = JSON.parse(out.toString('utf8')) as { files: Array<{ problems: unknown[] }> };
  expect(parsed.files[0].problems.length).toBeGreaterThanOrEqual(3000);
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

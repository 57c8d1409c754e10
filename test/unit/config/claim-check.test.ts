/**
 * The claim-check codec (issue 17) on a real folder: big payloads leave as references and come back
 * whole, small and foreign ones pass untouched, a lost or damaged blob is an error naming it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { blobPath, CLAIM_CHECK_ENCODING, ClaimCheckCodec, payloadsDir } from '../../../config/claim-check';
import { loadSettings } from '../../../config/settings';
import { thiduaDataConverter } from '../../../config/data-converter';

let dataDir: string;
let dir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claim-check-'));
  dir = payloadsDir(dataDir);
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? []).toString('utf8');
const invitees = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `don-vi-${i}`, name: `Ủy ban nhân dân xã số ${i}`, email: `xa${i}@vn` }));
/** Every file under the folder, relative. */
const files = (): string[] =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

test('a payload above the threshold leaves as a small reference and comes back equal, metadata and all', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 4096 });
  const big = defaultPayloadConverter.toPayload(invitees(500))!;
  big.metadata!.extra = Buffer.from('giữ nguyên');
  const [ref] = await codec.encode([big]);
  expect(text(ref.metadata!.encoding)).toBe(CLAIM_CHECK_ENCODING);
  expect(Object.keys(ref.metadata!)).toEqual(['encoding']);
  const { sha256, size } = JSON.parse(text(ref.data)) as { sha256: string; size: number };
  expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(size).toBeGreaterThan(4096);
  expect(ref.data!.length).toBeLessThan(200);
  expect(fs.statSync(blobPath(dir, sha256)).size).toBe(size);
  expect(blobPath(dir, sha256)).toBe(path.join(dataDir, 'payloads', sha256.slice(0, 2), sha256));

  const [back] = await codec.decode([ref]);
  expect(text(back.metadata!.encoding)).toBe('json/plain');
  expect(text(back.metadata!.extra)).toBe('giữ nguyên');
  expect(defaultPayloadConverter.fromPayload(back)).toEqual(invitees(500));
});

test('a payload at or below the threshold passes untouched and writes nothing', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 4096 });
  const small = defaultPayloadConverter.toPayload({ inviteeId: 'don-vi-1', answer: 'attending' })!;
  const [out] = await codec.encode([small]);
  expect(out).toBe(small);
  expect(files()).toEqual([]);
});

test('the same payload twice is one blob (content-addressed), and a second codec on the folder reads it', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const payload = () => defaultPayloadConverter.toPayload(invitees(100))!;
  const [a] = await codec.encode([payload()]);
  const [b] = await codec.encode([payload()]);
  expect(text(a.data)).toBe(text(b.data));
  expect(files()).toHaveLength(1);
  // Another process (the portal, another worker) with the same data folder.
  const [back] = await new ClaimCheckCodec({ dir, thresholdBytes: 1024 }).decode([b]);
  expect(defaultPayloadConverter.fromPayload(back)).toEqual(invitees(100));
});

test('threshold 0 stores nothing but still reads references written before', async () => {
  const [ref] = await new ClaimCheckCodec({ dir, thresholdBytes: 1024 }).encode([
    defaultPayloadConverter.toPayload(invitees(100))!,
  ]);
  const off = new ClaimCheckCodec({ dir, thresholdBytes: 0 });
  const big = defaultPayloadConverter.toPayload(invitees(200))!;
  expect((await off.encode([big]))[0]).toBe(big);
  expect(defaultPayloadConverter.fromPayload((await off.decode([ref]))[0])).toEqual(invitees(100));
});

test('payloads of other encodings (existing histories, binary, null) pass through decode untouched', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const foreign: Payload[] = [
    defaultPayloadConverter.toPayload({ a: 1 })!,
    defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3]))!,
    defaultPayloadConverter.toPayload(undefined)!,
    { metadata: { encoding: Buffer.from('binary/encrypted') }, data: Buffer.from('xyz') },
    {},
  ];
  const out = await codec.decode(foreign);
  out.forEach((p, i) => expect(p).toBe(foreign[i]));
});

test('a missing blob is an error in Vietnamese naming the hash and the path', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const [ref] = await codec.encode([defaultPayloadConverter.toPayload(invitees(100))!]);
  const { sha256 } = JSON.parse(text(ref.data)) as { sha256: string };
  fs.rmSync(blobPath(dir, sha256));
  await expect(codec.decode([ref])).rejects.toThrow(
    `Không đọc được dữ liệu lớn ${sha256} của Temporal tại ${blobPath(dir, sha256)}: ENOENT`,
  );
});

test('a corrupt blob (changed bytes, same size; or truncated) is an error naming the hash, the path and what differs', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const [ref] = await codec.encode([defaultPayloadConverter.toPayload(invitees(100))!]);
  const { sha256, size } = JSON.parse(text(ref.data)) as { sha256: string; size: number };
  const file = blobPath(dir, sha256);
  const bytes = fs.readFileSync(file);
  bytes[bytes.length - 5] ^= 0xff;
  fs.writeFileSync(file, bytes);
  await expect(codec.decode([ref])).rejects.toThrow(
    `Dữ liệu lớn ${sha256} của Temporal tại ${file} bị hỏng: ${size} byte`,
  );
  fs.writeFileSync(file, bytes.subarray(0, 10));
  await expect(codec.decode([ref])).rejects.toThrow(`bị hỏng: 10 byte`);
  // Encoding the same payload again (a retried activity) replaces the truncated copy.
  await codec.encode([defaultPayloadConverter.toPayload(invitees(100))!]);
  expect(defaultPayloadConverter.fromPayload((await codec.decode([ref]))[0])).toEqual(invitees(100));
});

test('a malformed reference is an error saying what a reference holds', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const bad = { metadata: { encoding: Buffer.from(CLAIM_CHECK_ENCODING) }, data: Buffer.from('{"sha256":"abc"}') };
  await expect(codec.decode([bad])).rejects.toThrow('Tham chiếu dữ liệu lớn (binary/claim-check) không hợp lệ');
});

test('the setting: 128 KiB by default, 0 turns storing off, a bad value is named', () => {
  expect(loadSettings({}).claimCheckBytes).toBe(128 * 1024);
  expect(loadSettings({ THIDUA_CLAIM_CHECK_BYTES: '0' }).claimCheckBytes).toBe(0);
  expect(() => loadSettings({ THIDUA_CLAIM_CHECK_BYTES: '-1' })).toThrow(/THIDUA_CLAIM_CHECK_BYTES="-1"/);
  expect(() => loadSettings({ THIDUA_CLAIM_CHECK_BYTES: '4MB' })).toThrow(/THIDUA_CLAIM_CHECK_BYTES="4MB"/);
});

test("the product's data converter stores under <THIDUA_DATA_DIR>/payloads with the setting's threshold", async () => {
  const settings = loadSettings({ THIDUA_DATA_DIR: dataDir, THIDUA_CLAIM_CHECK_BYTES: '2048' });
  const [codec] = thiduaDataConverter(settings).payloadCodecs!;
  const [ref] = await codec.encode([defaultPayloadConverter.toPayload(invitees(100))!]);
  const { sha256 } = JSON.parse(text(ref.data)) as { sha256: string };
  expect(fs.existsSync(path.join(dataDir, 'payloads', sha256.slice(0, 2), sha256))).toBe(true);
});

test('20 concurrent encodes of one big payload and of several others all succeed, leave one whole blob each and no temporary file', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  // Separate codecs too: another worker of the same folder encoding the same payload at the same time.
  const codecs = [codec, new ClaimCheckCodec({ dir, thresholdBytes: 1024 })];
  const same = Array.from({ length: 20 }, (_, i) =>
    codecs[i % 2].encode([defaultPayloadConverter.toPayload(invitees(2_000))!]),
  );
  const others = [100, 200, 300, 400, 500].map((n) => codec.encode([defaultPayloadConverter.toPayload(invitees(n))!]));
  const refs = (await Promise.all([...same, ...others])).map(([r]) => r);

  expect(new Set(refs.slice(0, 20).map((r) => text(r.data))).size).toBe(1);
  expect(files().sort()).toEqual(
    [...new Set(refs.map((r) => (JSON.parse(text(r.data)) as { sha256: string }).sha256))].sort(),
  );
  expect(files()).toHaveLength(6);
  const back = await Promise.all(refs.map((r) => codec.decode([r])));
  back.slice(0, 20).forEach(([p]) => expect(defaultPayloadConverter.fromPayload(p)).toEqual(invitees(2_000)));
  [100, 200, 300, 400, 500].forEach((n, i) =>
    expect(defaultPayloadConverter.fromPayload(back[20 + i][0])).toEqual(invitees(n)),
  );
});

test('encoding does not block the event loop: a timer set before a big encode fires before the encode is done', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const order: string[] = [];
  const timer = new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('timer'))));
  const encoded = codec.encode([defaultPayloadConverter.toPayload(invitees(2_000))!]).then(() => order.push('encoded'));
  await Promise.all([timer, encoded]);
  expect(order).toEqual(['timer', 'encoded']);
});

test('a blob referenced again has its modification time renewed, so that the sweep sees it as young', async () => {
  const codec = new ClaimCheckCodec({ dir, thresholdBytes: 1024 });
  const [ref] = await codec.encode([defaultPayloadConverter.toPayload(invitees(100))!]);
  const file = blobPath(dir, (JSON.parse(text(ref.data)) as { sha256: string }).sha256);
  const longAgo = new Date(Date.now() - 30 * 86_400_000);
  fs.utimesSync(file, longAgo, longAgo);
  await codec.encode([defaultPayloadConverter.toPayload(invitees(100))!]);
  expect(Date.now() - fs.statSync(file).mtimeMs).toBeLessThan(60_000);
});

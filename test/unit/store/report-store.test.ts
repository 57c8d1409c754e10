/** The embedded report store on a real folder and a real SQLite index. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileReportStore, ReportLockedError } from '../../../stores/report-store';

let dir: string;
const opened: FileReportStore[] = [];
const open = () => {
  const store = new FileReportStore(dir);
  opened.push(store);
  return store;
};
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-store-'));
});
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const owner = { campaignId: 'vp-2009', unitId: 'so-noi-vu', phase: 'self-review', uploadedBy: 'Trần Văn Bình' };
const pdf = Buffer.from('%PDF-1.4 Báo cáo tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW');

test('a file is stored once by content, read back intact, and its upload indexed for the unit', async () => {
  const store = open();
  const a = await store.put('../../etc/Báo cáo tổng kết.pdf', 'application/pdf', pdf, owner);
  const again = await store.put('Báo cáo tổng kết.pdf', 'application/pdf', pdf, owner);
  expect(a).toEqual(again);
  expect(a.name).toBe('Báo cáo tổng kết.pdf'); // no path survives into the name
  expect(a.size).toBe(pdf.length);
  expect((await store.get(a.sha256)).equals(pdf)).toBe(true);
  const uploads = await open().uploadsOf('vp-2009', 'so-noi-vu'); // a second process sees the same index
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatchObject({ sha256: a.sha256, name: 'Báo cáo tổng kết.pdf', uploadedBy: 'Trần Văn Bình' });
  expect(await store.uploadsOf('vp-2009', 'so-tai-chinh')).toEqual([]);
});

test('a corrupted blob is refused on read, naming the file', async () => {
  const store = open();
  const ref = await store.put('bao-cao.pdf', 'application/pdf', pdf, owner);
  const blob = path.join(dir, 'blobs', ref.sha256.slice(0, 2), ref.sha256);
  expect(fs.statSync(blob).mode & 0o222).toBe(0); // read-only on disk
  fs.chmodSync(blob, 0o644);
  fs.writeFileSync(blob, Buffer.from('%PDF-1.4 đã bị sửa'));
  await expect(store.get(ref.sha256)).rejects.toThrow(new RegExp(`report ${ref.sha256} is corrupt`));
  await expect(store.get('../x')).rejects.toThrow(/invalid sha256/);
});

test('locking records who locked what and when, once, and refuses later uploads of that unit only', async () => {
  const store = open();
  const ref = await store.put('bao-cao.pdf', 'application/pdf', pdf, owner);
  const record = {
    campaignId: 'vp-2009',
    unitId: 'so-noi-vu',
    phase: 'self-review',
    files: [ref.sha256],
    lockedBy: 'thidua (hết hạn giai đoạn)',
    lockedAt: '2009-10-20T10:00:00.000Z',
  };
  await store.lock(record);
  await store.lock({ ...record, lockedBy: 'retry', lockedAt: '2009-10-21T10:00:00.000Z' }); // a retried activity
  expect(await open().lockOf('vp-2009', 'so-noi-vu', 'self-review')).toEqual(record);

  const late = store.put('bao-cao-v2.pdf', 'application/pdf', Buffer.from('%PDF-1.4 v2'), owner);
  await expect(late).rejects.toBeInstanceOf(ReportLockedError);
  await expect(late).rejects.toThrow(/so-noi-vu .* read-only since 2009-10-20T10:00:00.000Z/);
  expect((await store.uploadsOf('vp-2009', 'so-noi-vu')).map((u) => u.name)).toEqual(['bao-cao.pdf']);

  // Another unit of the same campaign is not affected.
  await expect(
    store.put('bc.pdf', 'application/pdf', Buffer.from('%PDF-1.4 khác'), { ...owner, unitId: 'so-tai-chinh' }),
  ).resolves.toMatchObject({ name: 'bc.pdf' });
});

test('a refused upload leaves no file behind; bytes a plan document or another upload shares stay', async () => {
  const store = open();
  const blobFile = (sha: string) => path.join(dir, 'blobs', sha.slice(0, 2), sha);
  const refused = await store.put('Báo cáo.pdf', 'application/pdf', pdf, owner);
  await store.removeUpload(owner, refused);
  expect(await store.uploadsOf(owner.campaignId, owner.unitId)).toEqual([]);
  expect(fs.existsSync(blobFile(refused.sha256))).toBe(false);
  await expect(store.get(refused.sha256)).rejects.toThrow();

  // The plan's own document, then a unit sending the very same bytes and being refused: the plan keeps them.
  const plan = await store.put('Kế hoạch.pdf', 'application/pdf', pdf);
  const same = await store.put('Kế hoạch.pdf', 'application/pdf', pdf, owner);
  await store.removeUpload(owner, same);
  expect((await store.get(plan.sha256)).equals(pdf)).toBe(true);

  // Two units with the same file: one refused, the other's stays readable.
  const other = { ...owner, unitId: 'so-y-te' };
  const bytes = Buffer.from('%PDF-1.4 chung');
  const mine = await store.put('a.pdf', 'application/pdf', bytes, owner);
  await store.put('a.pdf', 'application/pdf', bytes, other);
  await store.removeUpload(owner, mine);
  expect((await store.get(mine.sha256)).equals(bytes)).toBe(true);
  expect(await store.uploadsOf(other.campaignId, other.unitId)).toHaveLength(1);
});

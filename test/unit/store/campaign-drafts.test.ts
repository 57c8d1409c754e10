/** The file store of campaign drafts: private files, atomic writes, bounded size, history kept. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_CAMPAIGN_FILE_BYTES } from '../../../config/campaign-files';
import { DraftTooLargeError, FileCampaignDrafts } from '../../../stores/campaign-drafts';

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'draft-store-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a draft is kept in a private file and read back with its history', async () => {
  const store = new FileCampaignDrafts(path.join(dir, 'drafts'));
  const draft = await store.create({
    yaml: 'campaign: {}\n',
    by: 'A (a)',
    what: 'tạo',
    at: '2026-11-30T01:00:00.000Z',
  });
  expect(draft.id).toMatch(/^d-[0-9a-f]{16}$/);
  const file = path.join(dir, 'drafts', `${draft.id}.json`);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(path.join(dir, 'drafts')).mode & 0o777).toBe(0o700);
  await store.update(draft.id, {
    yaml: 'campaign: { id: x }\n',
    by: 'B (b)',
    what: 'sửa nội dung',
    at: '2026-11-30T02:00:00.000Z',
  });
  await store.note(draft.id, { by: 'C (c)', what: 'bắt đầu', at: '2026-11-30T03:00:00.000Z' });
  const again = await new FileCampaignDrafts(path.join(dir, 'drafts')).get(draft.id);
  expect(again?.yaml).toBe('campaign: { id: x }\n');
  expect(again?.history.map((h) => [h.by, h.what])).toEqual([
    ['A (a)', 'tạo'],
    ['B (b)', 'sửa nội dung'],
    ['C (c)', 'bắt đầu'],
  ]);
  expect(fs.readdirSync(path.join(dir, 'drafts'))).toEqual([`${draft.id}.json`]); // no temporary file left
});

test('the list is the most recently changed first, without text', async () => {
  const store = new FileCampaignDrafts(path.join(dir, 'drafts'));
  expect(await store.list()).toEqual([]);
  const a = await store.create({ yaml: 'a: 1\n', by: 'A', what: 'tạo', at: '2026-11-30T01:00:00.000Z' });
  const b = await store.create({ yaml: 'b: 1\n', by: 'B', what: 'tạo', at: '2026-11-30T02:00:00.000Z' });
  await store.update(a.id, { yaml: 'a: 2\n', by: 'C', what: 'sửa', at: '2026-11-30T03:00:00.000Z' });
  const list = await store.list();
  expect(list.map((d) => [d.id, d.last.by])).toEqual([
    [a.id, 'C'],
    [b.id, 'B'],
  ]);
  expect(list[0]).not.toHaveProperty('yaml');
});

test('unknown or malformed ids are absent, and a text over the campaign file limit is refused', async () => {
  const store = new FileCampaignDrafts(path.join(dir, 'drafts'));
  expect(await store.get('d-0000000000000000')).toBeUndefined();
  expect(await store.get('../../etc/passwd')).toBeUndefined();
  expect(await store.update('d-0000000000000000', { yaml: 'x', by: 'A', what: 'sửa' })).toBeUndefined();
  const big = 'a'.repeat(MAX_CAMPAIGN_FILE_BYTES + 1);
  await expect(store.create({ yaml: big, by: 'A', what: 'tạo' })).rejects.toBeInstanceOf(DraftTooLargeError);
  const d = await store.create({ yaml: 'a: 1\n', by: 'A', what: 'tạo' });
  await expect(store.update(d.id, { yaml: big, by: 'A', what: 'sửa' })).rejects.toBeInstanceOf(DraftTooLargeError);
  expect((await store.get(d.id))?.yaml).toBe('a: 1\n');
});

test('a pending import is kept beside the text, survives an edit, and is cleared by the import or on its own', async () => {
  const store = new FileCampaignDrafts(path.join(dir, 'drafts'));
  const draft = await store.create({ yaml: 'units: []\n', by: 'A', what: 'tạo' });
  const pending = {
    units: [],
    unitRows: [],
    problems: [{ row: 3, column: 'E', header: 'Email đầu mối', message: 'Dòng 3, cột E (Email đầu mối): sai.' }],
    rows: 1,
    headerRow: 1,
    fileName: 'don-vi.xlsx',
    by: 'A',
    at: '2026-11-30T01:00:00.000Z',
  };
  expect((await store.setPendingImport(draft.id, pending))?.pendingImport).toEqual(pending);
  expect((await store.get(draft.id))?.history).toHaveLength(1); // keeping a sheet is not a change of the text
  expect((await store.update(draft.id, { yaml: 'units: [] # x\n', by: 'A', what: 'sửa' }))?.pendingImport).toEqual(
    pending,
  );
  expect(
    (await store.update(draft.id, { yaml: 'units: []\n', by: 'A', what: 'nhập', clearPendingImport: true }))
      ?.pendingImport,
  ).toBeUndefined();
  await store.setPendingImport(draft.id, pending);
  expect(await store.setPendingImport(draft.id, undefined)).not.toHaveProperty('pendingImport');
  expect(await store.setPendingImport('d-0000000000000000', pending)).toBeUndefined();
  expect(await store.list()).toEqual([expect.not.objectContaining({ pendingImport: expect.anything() })]);
});

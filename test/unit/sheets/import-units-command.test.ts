/**
 * `thidua campaign import-units`: the YAML block on stdout for a good sheet, the problems in
 * Vietnamese (English with --lang en) and exit code 1 for a bad one, and the template written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { importUnitsCommand } from '../../../client/commands/campaign-import-units';
import { main } from '../../../client/thidua';
import { readUnitSheet } from '../../../sheets/unit-import';

const HEADER = 'Mã đơn vị;Tên đơn vị;Loại đơn vị;Họ tên đầu mối;Email đầu mối;Họ tên thủ trưởng;Email thủ trưởng';
const GOOD = 'so-noi-vu;Sở Nội vụ;Sở, ban, ngành;Trần Văn Bình;binh@x.vn;Lê Quang Đức;duc@x.vn';
const BAD = 'So Tu Phap;Sở Tư pháp;Bộ;Ngô Thị Lan;lan@x;Lý Văn Tư;tu@x.vn';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-sheet-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('thidua campaign import-units', () => {
  it('prints the units block on stdout and exits 0 for a good sheet', async () => {
    const file = write('good.csv', `${HEADER}\n${GOOD}\n`);
    const run = io();
    expect(await importUnitsCommand([file], run.io)).toBe(0);
    expect(parse(run.stdout()).units[0]).toMatchObject({ id: 'so-noi-vu', kind: 'department' });
    expect(run.stderr()).toContain('1 đơn vị từ 1 dòng, không có lỗi');
  });

  it('prints every problem in Vietnamese, with row and column, and exits 1', async () => {
    const file = write('bad.csv', `${HEADER}\n${GOOD}\n${BAD}\n`);
    const run = io();
    expect(await importUnitsCommand([file], run.io)).toBe(1);
    const lines = run.stdout().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Dòng 3, cột A \(Mã đơn vị\): mã "So Tu Phap" không hợp lệ.*"so-tu-phap"/);
    expect(lines[1]).toMatch(/^Dòng 3, cột C \(Loại đơn vị\): không có loại đơn vị "Bộ"/);
    expect(lines[2]).toBe(
      'Dòng 3, cột E (Email đầu mối): "lan@x" không phải địa chỉ email hợp lệ (ví dụ: van.phong@vinhphuc.gov.vn).',
    );
    expect(lines[3]).toBe(`${file}: 3 lỗi trong 2 dòng; chưa nhập đơn vị nào.`);
    expect(run.stdout()).not.toContain('units:');
  });

  it('speaks English with --lang en, through the thidua entry point too', async () => {
    const file = write('bad-en.csv', `${HEADER}\n${BAD}\n`);
    const run = io();
    expect(await importUnitsCommand([file, '--lang', 'en'], run.io)).toBe(1);
    expect(run.stdout()).toContain('Row 2, column C (Loại đơn vị): there is no unit kind "Bộ"');
    expect(run.stdout()).toContain('3 problems in 1 row; no unit imported.');

    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['campaign', 'import-units', file])).toBe(1);
      expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toContain('Dòng 2, cột C (Loại đơn vị)');
    } finally {
      stdout.mockRestore();
    }
  });

  it('writes the template with --template, which then reads back as one good unit', async () => {
    const out = path.join(dir, 'mau.xlsx');
    const run = io();
    expect(await importUnitsCommand(['--template', out], run.io)).toBe(0);
    expect(run.stderr()).toContain('Đã ghi tệp mẫu');
    const result = await readUnitSheet(fs.readFileSync(out));
    expect(result.problems).toEqual([]);
    expect(result.units).toHaveLength(1);
  });

  it('refuses a missing file, no file, and an unknown option', async () => {
    await expect(importUnitsCommand([path.join(dir, 'none.xlsx')], io().io)).rejects.toThrow('không có tệp này');
    const run = io();
    expect(await importUnitsCommand([], run.io)).toBe(2);
    expect(run.stderr()).toContain('Cách dùng: thidua campaign import-units');
    expect(await importUnitsCommand(['x.csv', '--json'], io().io)).toBe(2);
  });
});

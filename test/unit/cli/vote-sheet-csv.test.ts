/**
 * `thidua awards vote-sheet`'s CSV (issue 17): the choices in Vietnamese (with or without diacritics)
 * or English, an optional header, Excel's `;`; each bad line named by its line in the file, the whole
 * file refused before anything is sent; the workflow's "line N of the sheet" told as the file's line.
 */
import fs from 'node:fs';
import path from 'node:path';
import { awardsVoteSheetCommand } from '../../../client/commands/awards';
import { readVoteSheetCsv, withCsvLines } from '../../../sheets/vote-sheet-csv';
import { MAX_VOTES_PER_SHEET } from '../../../domain/scale-limits';
import { MAX_VOTE_REASON_CHARS } from '../../../domain/award-vote';
import { cliFailure, useCliDataDir } from '../../helpers/cli-data-dir';

const csv = (text: string) => new TextEncoder().encode(text);

test('a sheet with a header, Vietnamese and English choices, form codes and reasons is read in file order', () => {
  const read = readVoteSheetCsv(
    csv(
      'Mã hồ sơ;Ý kiến;Mã hình thức;Lý do\n' +
        'so-noi-vu/1;Đồng ý;cstdcs;\n' +
        'so-noi-vu/2;không đồng ý;;"Chưa đủ hai năm; xem hồ sơ"\n' +
        'tam-duong/1;KHONG BIEU QUYET;;\n' +
        '\n' +
        'tam-duong/3;approve;;\n',
    ),
  );
  expect(read.problems).toEqual([]);
  expect(read.votes).toEqual([
    { nominationId: 'so-noi-vu/1', choice: 'approve', formCode: 'cstdcs' },
    { nominationId: 'so-noi-vu/2', choice: 'reject', reason: 'Chưa đủ hai năm; xem hồ sơ' },
    { nominationId: 'tam-duong/1', choice: 'abstain' },
    { nominationId: 'tam-duong/3', choice: 'approve' },
  ]);
  // The blank line is skipped; each vote keeps its line in the file.
  expect(read.rows).toEqual([2, 3, 4, 6]);
});

test('each bad line is named by its line in the file, in Vietnamese or English', () => {
  const text =
    'so-noi-vu/1,đồng ý,cstdcs,\n' +
    ',đồng ý,,\n' +
    'so-noi-vu/2,có lẽ,,\n' +
    'so-noi-vu/3,không đồng ý,bang-khen-tinh,\n' +
    'so-noi-vu/1,reject,,\n';
  expect(readVoteSheetCsv(csv(text)).problems).toEqual([
    { row: 2, message: 'Dòng 2: thiếu mã hồ sơ (cột 1).' },
    {
      row: 3,
      message:
        'Dòng 3: ý kiến "có lẽ" (cột 2) không hợp lệ; ghi một trong: đồng ý, không đồng ý, không biểu quyết (hoặc approve, reject, abstain).',
    },
    {
      row: 4,
      message: 'Dòng 4: mã hình thức "bang-khen-tinh" (cột 3) chỉ ghi khi đồng ý; hãy xóa mã hoặc sửa ý kiến.',
    },
    { row: 5, message: 'Dòng 5: hồ sơ so-noi-vu/1 đã có ở dòng 1; mỗi hồ sơ một dòng.' },
  ]);
  expect(readVoteSheetCsv(csv(text), 'en').problems[1].message).toBe(
    'Line 3: the choice "có lẽ" (column 2) is not valid; write one of: approve, reject, abstain (or đồng ý, không đồng ý, không biểu quyết).',
  );
});

test('an empty file, one not in UTF-8, and one over a sheet are refused as a whole', () => {
  expect(readVoteSheetCsv(csv('Mã hồ sơ,Ý kiến\n')).problems[0].message).toMatch(/không có dòng phiếu nào/);
  expect(readVoteSheetCsv(Uint8Array.from([0x61, 0x2c, 0xf0, 0x0a])).problems[0].message).toMatch(/UTF-8/);
  const many = Array.from({ length: MAX_VOTES_PER_SHEET + 1 }, (_, i) => `x/${i},đồng ý`).join('\n');
  expect(readVoteSheetCsv(csv(many)).problems).toEqual([
    {
      row: 0,
      message: `Tệp có ${MAX_VOTES_PER_SHEET + 1} dòng phiếu, tối đa ${MAX_VOTES_PER_SHEET} dòng một phiếu tổng hợp; hãy chia thành nhiều tệp.`,
    },
  ]);
});

test('a reason over its length is named by its line; a file whose sheet is too heavy is refused as a whole', () => {
  const long = 'Ư'.repeat(MAX_VOTE_REASON_CHARS + 1);
  expect(readVoteSheetCsv(csv(`a/1,không đồng ý,,${long}\n`)).problems).toEqual([
    {
      row: 1,
      message: `Dòng 1: lý do (cột 4) dài ${MAX_VOTE_REASON_CHARS + 1} ký tự, tối đa ${MAX_VOTE_REASON_CHARS}; hãy rút gọn.`,
    },
  ]);
  const heavy = Array.from({ length: 100 }, (_, i) => `a/${i},không đồng ý,,${'Ư'.repeat(MAX_VOTE_REASON_CHARS)}`);
  expect(readVoteSheetCsv(csv(heavy.join('\n'))).problems).toEqual([
    { row: 0, message: expect.stringMatching(/^Phiếu trong tệp nặng \d+ KB, tối đa 256 KB một phiếu tổng hợp/) },
  ]);
});

test("the workflow's refusal names the file's line beside the sheet's", () => {
  const refusal =
    'Phiếu tổng hợp của Lê Thị An có 1/3 dòng sai; không dòng nào được ghi, hãy sửa rồi gửi lại cả phiếu:\n' +
    'Dòng 3 (hồ sơ tam-duong/2): đề nghị cấp trên khen thưởng';
  expect(withCsvLines(refusal, 'phieu.csv', [2, 3, 5])).toBe(
    'Phiếu tổng hợp của Lê Thị An có 1/3 dòng sai; không dòng nào được ghi, hãy sửa rồi gửi lại cả phiếu:\n' +
      'Dòng 3 (phieu.csv:5, hồ sơ tam-duong/2): đề nghị cấp trên khen thưởng',
  );
});

const dir = useCliDataDir('vote-sheet-cli');

test('awards vote-sheet refuses a file with a bad line before Temporal is reached, naming file and line (exit 2)', async () => {
  const file = path.join(dir(), 'phieu.csv');
  fs.writeFileSync(file, 'so-noi-vu/1,đồng ý,cstdcs,\nso-noi-vu/2,maybe,,\n');
  const err = await cliFailure(awardsVoteSheetCommand(['c1', '--member', 'an', '--file', file, '--as', 'an']));
  expect(err?.exitCode).toBe(2);
  expect(err?.message).toBe(
    `Tệp phiếu ${file} có 1 lỗi; không phiếu nào được gửi (mỗi dòng: mã hồ sơ, ý kiến, mã hình thức, lý do):\n` +
      `${file}:2: Dòng 2: ý kiến "maybe" (cột 2) không hợp lệ; ghi một trong: đồng ý, không đồng ý, không biểu quyết (hoặc approve, reject, abstain).`,
  );
  const en = await cliFailure(
    awardsVoteSheetCommand(['c1', '--member', 'an', '--file', file, '--as', 'an', '--lang', 'en']),
  );
  expect(en?.message).toMatch(/^The vote file .* has 1 problem\(s\); no vote was sent/);
  // Without --file or --member: the usage.
  expect((await cliFailure(awardsVoteSheetCommand(['c1', '--member', 'an', '--as', 'an'])))?.message).toMatch(
    /^cách dùng: .*vote-sheet CAMPAIGN --member TÀI_KHOẢN --file PHIẾU\.csv --as LOGIN/,
  );
  expect(
    (await cliFailure(awardsVoteSheetCommand(['c1', '--member', 'an', '--file', 'khong-co.csv', '--as', 'an'])))
      ?.message,
  ).toBe('--file "khong-co.csv": không đọc được tệp (kiểm tra đường dẫn)');
});

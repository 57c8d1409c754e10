/** The length and count limits that keep a unit workflow's state and query answer bounded (issue 19). */
import {
  MAX_AWARD_FORM_CHARS,
  MAX_FILE_NAME_CHARS,
  MAX_NOMINATIONS_PER_VERSION,
  MAX_NOMINATIONS_TEXT_CHARS,
  MAX_NOMINEE_NAME_CHARS,
  MAX_PERSON_CHARS,
  MAX_POSITION_CHARS,
  MAX_REASONS_CHARS,
  MAX_STAFF_REASON_CHARS,
  MAX_VERSIONS_PER_KIND,
  assertCancelTexts,
  assertExtensionTexts,
  assertFileRef,
  assertNominations,
  assertSubmittedBy,
  assertText,
  assertVersionRoom,
} from '../../../domain/submission-rules';
import type { DueSummary, Nomination } from '../../../domain/workflow-types';

const FORM = 'Bằng khen của Chủ tịch UBND tỉnh';
const due: DueSummary = {
  summaryReport: 'required',
  presentationPaper: 'optional',
  nominations: { required: false, quota: { total: 50 }, forms: [FORM, 'x'.repeat(MAX_AWARD_FORM_CHARS + 1)] },
};
const nomination: Nomination = {
  type: 'individual',
  name: 'Nguyễn Văn A',
  position: 'Trưởng phòng',
  awardForm: FORM,
  reasons: 'Hoàn thành xuất sắc nhiệm vụ',
};
// Vietnamese letters: the limits count characters, not bytes.
const long = (n: number) => 'ệ'.repeat(n);

test('the limits chosen', () => {
  expect({
    MAX_NOMINEE_NAME_CHARS,
    MAX_POSITION_CHARS,
    MAX_AWARD_FORM_CHARS,
    MAX_REASONS_CHARS,
    MAX_NOMINATIONS_PER_VERSION,
    MAX_NOMINATIONS_TEXT_CHARS,
    MAX_PERSON_CHARS,
    MAX_FILE_NAME_CHARS,
    MAX_STAFF_REASON_CHARS,
    MAX_VERSIONS_PER_KIND,
  }).toEqual({
    MAX_NOMINEE_NAME_CHARS: 200,
    MAX_POSITION_CHARS: 200,
    MAX_AWARD_FORM_CHARS: 200,
    MAX_REASONS_CHARS: 2000,
    MAX_NOMINATIONS_PER_VERSION: 10,
    MAX_NOMINATIONS_TEXT_CHARS: 10_000,
    MAX_PERSON_CHARS: 200,
    MAX_FILE_NAME_CHARS: 180,
    MAX_STAFF_REASON_CHARS: 1000,
    MAX_VERSIONS_PER_KIND: 20,
  });
});

describe('nominations', () => {
  test('every field at its limit is accepted', () => {
    const atLimit = {
      ...nomination,
      name: long(MAX_NOMINEE_NAME_CHARS),
      position: long(MAX_POSITION_CHARS),
      reasons: long(MAX_REASONS_CHARS),
    };
    expect(() => assertNominations([atLimit], due)).not.toThrow();
  });

  test.each([
    ['name', { name: long(MAX_NOMINEE_NAME_CHARS + 1) }, 'tên tập thể/cá nhân', MAX_NOMINEE_NAME_CHARS],
    ['position', { position: long(MAX_POSITION_CHARS + 1) }, 'chức vụ, đơn vị công tác', MAX_POSITION_CHARS],
    ['award form', { awardForm: 'x'.repeat(MAX_AWARD_FORM_CHARS + 1) }, 'hình thức khen thưởng', MAX_AWARD_FORM_CHARS],
    ['reasons', { reasons: long(MAX_REASONS_CHARS + 1) }, 'thành tích, lý do đề nghị', MAX_REASONS_CHARS],
  ])('a %s one character too long is refused, naming the row, the field and the limit', (_f, patch, label, max) => {
    const rows = [nomination, { ...nomination, ...patch }];
    expect(() => assertNominations(rows, due)).toThrow(
      `Đề nghị thứ 2: ${label} dài ${max + 1} ký tự; tối đa ${max} ký tự.`,
    );
  });

  test(`at most ${MAX_NOMINATIONS_PER_VERSION} rows per version, whatever the quota`, () => {
    const rows = (n: number) => Array.from({ length: n }, () => nomination);
    expect(() => assertNominations(rows(MAX_NOMINATIONS_PER_VERSION), due)).not.toThrow();
    expect(() => assertNominations(rows(MAX_NOMINATIONS_PER_VERSION + 1), due)).toThrow(
      `Mỗi lần gửi tối đa ${MAX_NOMINATIONS_PER_VERSION} đề nghị; danh sách có ${MAX_NOMINATIONS_PER_VERSION + 1} đề nghị.`,
    );
  });

  test(`at most ${MAX_NOMINATIONS_TEXT_CHARS} characters of text per version`, () => {
    // Five rows of full reasons and names: 5 × (200 + 12 + 31 + 2000) characters, over the budget.
    const full = { ...nomination, name: long(200), reasons: long(MAX_REASONS_CHARS) };
    const text = (full.name.length + nomination.position!.length + FORM.length + full.reasons.length) * 5;
    expect(text).toBeGreaterThan(MAX_NOMINATIONS_TEXT_CHARS);
    expect(() => assertNominations([full, full, full, full, full], due)).toThrow(
      `Nội dung các đề nghị dài ${text} ký tự, tối đa ${MAX_NOMINATIONS_TEXT_CHARS} ký tự mỗi lần gửi`,
    );
    expect(() => assertNominations([full, full, full, full], due)).not.toThrow();
  });

  test('control characters and lone surrogates are refused; line breaks in reasons are not', () => {
    expect(() => assertNominations([{ ...nomination, reasons: 'Dòng 1\r\nDòng 2\tcột' }], due)).not.toThrow();
    expect(() => assertNominations([{ ...nomination, name: 'A\u0000B' }], due)).toThrow(
      'Đề nghị thứ 1: tên tập thể/cá nhân chứa ký tự không hợp lệ.',
    );
    expect(() => assertNominations([{ ...nomination, reasons: 'x\ud800y' }], due)).toThrow(/chứa ký tự không hợp lệ/);
    expect(() => assertNominations([{ ...nomination, reasons: 'đạt 🏅' }], due)).not.toThrow();
  });

  test('a name that is not text is refused', () => {
    const bad = { ...nomination, name: ['x'] } as unknown as Nomination;
    expect(() => assertNominations([bad], due)).toThrow('Đề nghị thứ 1: thiếu tên tập thể/cá nhân.');
  });
});

test('a file name over the limit is refused', () => {
  const file = (name: string) => ({ name, size: 10, sha256: 'f'.repeat(64), contentType: 'application/pdf' });
  expect(() => assertFileRef('summary-report', file(long(MAX_FILE_NAME_CHARS - 4) + '.pdf'), due)).not.toThrow();
  expect(() => assertFileRef('summary-report', file(long(MAX_FILE_NAME_CHARS - 3) + '.pdf'), due)).toThrow(
    `Tên tệp dài ${MAX_FILE_NAME_CHARS + 1} ký tự; tối đa ${MAX_FILE_NAME_CHARS} ký tự.`,
  );
});

test('who submitted: required, at most the limit', () => {
  expect(() => assertSubmittedBy(long(MAX_PERSON_CHARS))).not.toThrow();
  expect(() => assertSubmittedBy(long(MAX_PERSON_CHARS + 1))).toThrow(
    `Tên người nộp dài ${MAX_PERSON_CHARS + 1} ký tự; tối đa ${MAX_PERSON_CHARS} ký tự.`,
  );
  expect(() => assertSubmittedBy(' ')).toThrow('Thiếu tên người nộp.');
});

test('staff texts: extension and cancellation reasons, who granted or cancelled', () => {
  expect(() => assertExtensionTexts({ reason: long(MAX_STAFF_REASON_CHARS), grantedBy: 'Chánh VP' })).not.toThrow();
  expect(() => assertExtensionTexts({ reason: long(MAX_STAFF_REASON_CHARS + 1), grantedBy: 'Chánh VP' })).toThrow(
    `Lý do gia hạn dài ${MAX_STAFF_REASON_CHARS + 1} ký tự; tối đa ${MAX_STAFF_REASON_CHARS} ký tự.`,
  );
  expect(() => assertExtensionTexts({ reason: 'bão lũ', grantedBy: long(MAX_PERSON_CHARS + 1) })).toThrow(
    `Tên người gia hạn dài ${MAX_PERSON_CHARS + 1} ký tự; tối đa ${MAX_PERSON_CHARS} ký tự.`,
  );
  expect(() => assertCancelTexts({ reason: long(MAX_STAFF_REASON_CHARS + 1), cancelledBy: 'x' })).toThrow(
    `Lý do hủy dài ${MAX_STAFF_REASON_CHARS + 1} ký tự`,
  );
  expect(() => assertCancelTexts({ reason: 'sáp nhập', cancelledBy: long(MAX_PERSON_CHARS + 1) })).toThrow(
    `Tên người hủy dài ${MAX_PERSON_CHARS + 1} ký tự`,
  );
  expect(() => assertText('tên người yêu cầu nhắc', long(MAX_PERSON_CHARS + 1), MAX_PERSON_CHARS)).toThrow(
    /^Tên người yêu cầu nhắc dài 201 ký tự; tối đa 200 ký tự\.$/,
  );
});

test(`at most ${MAX_VERSIONS_PER_KIND} versions of each kind, then the secretariat is named`, () => {
  const contact = 'Ban TĐKT, ĐT 0211 3862 000';
  expect(() => assertVersionRoom('nominations', MAX_VERSIONS_PER_KIND - 1, contact)).not.toThrow();
  expect(() => assertVersionRoom('nominations', MAX_VERSIONS_PER_KIND, contact)).toThrow(
    `Đơn vị đã gửi ${MAX_VERSIONS_PER_KIND} phiên bản hồ sơ đề nghị khen thưởng, tối đa ${MAX_VERSIONS_PER_KIND} phiên bản; ` +
      `không nhận thêm. Nếu cần sửa tiếp, xin liên hệ Thường trực Hội đồng Thi đua - Khen thưởng: ${contact}.`,
  );
  expect(() => assertVersionRoom('summary-report', MAX_VERSIONS_PER_KIND, contact)).toThrow(
    /phiên bản báo cáo tổng kết/,
  );
});

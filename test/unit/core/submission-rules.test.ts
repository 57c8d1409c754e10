import { assertFileRef, assertNominations, assertPhaseOpen } from '../../../domain/submission-rules';
import type { DueSummary } from '../../../domain/workflow-types';

const due: DueSummary = {
  summaryReport: 'required',
  presentationPaper: 'optional',
  nominations: {
    required: false,
    quota: { total: 1, collective: 1, individual: 1 },
    forms: ['Bằng khen của Chủ tịch UBND tỉnh'],
    description: '01 tập thể hoặc 01 cá nhân',
  },
};
const file = { name: 'bao-cao.pdf', size: 10, sha256: 'f'.repeat(64), contentType: 'application/pdf' };
const gate = {
  phaseName: 'Tự kiểm điểm',
  locked: false,
  lockAt: '2009-10-20T10:00:00.000Z',
  lockLocal: '20/10/2009 17:00',
  contact: 'Ban TĐKT, ĐT 0211 3862 000',
};

test('a phase refuses after its lock, saying when and whom to contact', () => {
  expect(() => assertPhaseOpen(gate, Date.parse('2009-10-20T09:59:59Z'))).not.toThrow();
  // The whole message, as a unit reads it on the portal and in the CLI: Vietnamese only, the lock in local time.
  expect(() => assertPhaseOpen(gate, Date.parse('2009-10-20T10:00:00Z'))).toThrow(
    /^Giai đoạn "Tự kiểm điểm" đã khóa lúc 20\/10\/2009 17:00; báo cáo không thể nộp hoặc sửa nữa\. Liên hệ: Ban TĐKT, ĐT 0211 3862 000\.$/,
  );
  expect(() => assertPhaseOpen({ ...gate, cancelled: { reason: 'sáp nhập tỉnh' } }, 0)).toThrow(
    /bị hủy \(sáp nhập tỉnh\)/,
  );
});

test.each([
  [{ ...file, name: '../x.pdf' }, /không hợp lệ/],
  [{ ...file, size: 0 }, /rỗng/],
  [{ ...file, size: 26 * 1024 * 1024 }, /quá lớn/],
  [{ ...file, name: 'x.exe', contentType: 'application/x-msdownload' }, /không đúng định dạng/],
  [{ ...file, name: 'x.docx', contentType: 'application/pdf' }, /không đúng định dạng/],
  [{ ...file, sha256: 'xyz' }, /sha256/],
])('a bad file is refused: %o', (bad, message) => {
  expect(() => assertFileRef('summary-report', bad, due)).toThrow(message);
});

test('the quota "one collective or one individual" is enforced', () => {
  const n = (type: 'collective' | 'individual') => ({
    type,
    name: type === 'collective' ? 'Phòng Tổ chức' : 'Nguyễn Văn A',
    awardForm: 'Bằng khen của Chủ tịch UBND tỉnh',
    reasons: 'Hoàn thành xuất sắc nhiệm vụ',
  });
  expect(() => assertNominations([n('collective')], due)).not.toThrow();
  expect(() => assertNominations([n('individual')], due)).not.toThrow();
  expect(() => assertNominations([n('collective'), n('individual')], due)).toThrow(
    'Vượt chỉ tiêu: 2 đề nghị, tối đa 1 (01 tập thể hoặc 01 cá nhân).',
  );
  expect(() => assertNominations([{ ...n('individual'), awardForm: 'Huân chương Lao động hạng Ba' }], due)).toThrow(
    /không thuộc các hình thức/,
  );
});

/**
 * What the portal and the dashboard say when a use case fails: Vietnamese only, one table per
 * audience (a unit on the portal, the secretariat on the dashboard), keyed by the code `app/` gives
 * ({@link AppError}), with the HTTP status of each.
 */
import { formatDeadline } from '../domain/messages';
import { OPERATION_NAMES } from '../app/operation-names';
import type { AppError, AppErrorCode, InvalidInput, Operation } from '../app/temporal-errors';
import { STAFF_ROLE_NAMES } from '../domain/synthesis-types';
import { isSubCampaignInput, subCampaignRefusal } from '../app/sub-campaign-refusals';
import { localWordsIn } from './local-words';

export const HTTP_STATUS: Record<AppErrorCode, number> = {
  refused: 409,
  locked: 409,
  'already-completed': 409,
  'not-found': 404,
  invalid: 400,
  'no-worker': 503,
  'timed-out': 503,
  unavailable: 503,
  forbidden: 403,
};

/**
 * An update sent when no worker answered in time may still be applied once one does (the server
 * keeps it while it runs): the unit is asked to check before sending again.
 */
export const UPDATE_UNANSWERED_MESSAGE =
  'Hệ thống xử lý hồ sơ không phản hồi kịp; hồ sơ có thể chưa được ghi nhận. Sau ít phút, hãy tải lại trang ' +
  'và xem danh sách phiên bản trước khi nộp lại.';

export const NO_WORKER_MESSAGE =
  'Hệ thống xử lý hồ sơ hiện không phản hồi; chưa có gì được ghi nhận. Vui lòng thử lại sau ít phút ' +
  'hoặc liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.';

/** What a unit reads on the portal. */
export function unitMessage(err: AppError, timeZone: string): string {
  const f = err.facts;
  if (!err.nothingChanged) return UPDATE_UNANSWERED_MESSAGE; // sent: it may still be recorded
  switch (err.code) {
    case 'refused':
      // A workflow's refusal is the CLI's too (its compact times): the page rewords them as it writes times.
      return f.refusal ? localWordsIn(f.refusal) : 'Hồ sơ không được chấp nhận.';
    case 'locked':
      return `Hồ sơ của đơn vị đã khóa từ ${f.lockedAt ? formatDeadline(f.lockedAt, timeZone) : '?'}; chỉ còn xem được.`;
    case 'not-found':
      return 'Không tìm thấy hồ sơ của đơn vị trong đợt thi đua này (đợt có thể chưa bắt đầu).';
    case 'already-completed':
      return 'Đợt thi đua đã kết thúc; hồ sơ không nhận thêm. Liên hệ Thường trực Hội đồng Thi đua - Khen thưởng.';
    case 'no-worker':
      return NO_WORKER_MESSAGE;
    case 'timed-out':
      return NO_WORKER_MESSAGE;
    case 'unavailable':
      return 'Hệ thống xử lý hồ sơ tạm thời không kết nối được; chưa có gì được ghi nhận. Vui lòng thử lại sau ít phút.';
    case 'invalid':
      return invalidMessage(f.input, f.value);
    case 'forbidden':
      return 'Không có quyền thực hiện việc này.';
  }
}

/** The portal's and dashboard's names of operations: the CLI's Vietnamese, two worded for the web pages. */
const OPERATION: Record<Operation, string> = {
  ...OPERATION_NAMES.vi,
  'read-campaign': 'đọc tiến trình của đợt',
  'read-unit': 'đọc hồ sơ của đơn vị',
};

/**
 * What the secretariat reads on the dashboard (it may name the worker and its task queue); the
 * dashboard adds "nothing changed" itself when {@link AppError.nothingChanged} says so.
 */
export function staffMessage(err: AppError): string {
  const f = err.facts;
  const op = f.operation ? `${OPERATION[f.operation]}: ` : '';
  const unit = f.unitId ? `đơn vị "${f.unitId}"` : 'đơn vị';
  if (!err.nothingChanged) {
    const why =
      err.code === 'timed-out'
        ? `không có worker nào trả lời trong ${f.seconds ?? 10} giây`
        : 'worker ngừng trước khi trả lời';
    return (
      `${op}${why}. Yêu cầu đã được gửi và đang chờ: nó sẽ được thực hiện khi worker hoạt động trở lại ` +
      '(nếu vẫn hợp lệ). Xem lại trang sau ít phút trước khi làm lại.'
    );
  }
  switch (err.code) {
    case 'refused':
      return `Bị từ chối: ${localWordsIn(f.refusal ?? '')}`;
    case 'locked':
      return `${op}hồ sơ của ${unit} đã khóa${f.lockedAt ? ` từ ${f.lockedAt}` : ''}.`;
    case 'not-found':
      return f.unitId
        ? `Không có ${unit} trong đợt "${f.campaignId ?? ''}" (hoặc đợt chưa bắt đầu).`
        : `Không có đợt thi đua "${f.campaignId ?? ''}".`;
    case 'already-completed':
      return `${op}đợt thi đua (hoặc hồ sơ của ${unit}) đã kết thúc.`;
    case 'no-worker':
      return (
        `${op}không có worker nào đang nhận việc trên hàng đợi "${f.taskQueue ?? ''}"; yêu cầu chưa được gửi. ` +
        'Khởi động worker (npm run worker) rồi thử lại.'
      );
    case 'timed-out':
      return `${op}không có worker nào trả lời trong ${f.seconds ?? 10} giây (hàng đợi "${f.taskQueue ?? ''}").`;
    case 'unavailable':
      return `${op}không kết nối được máy chủ Temporal.`;
    case 'invalid':
      return invalidMessage(f.input, f.value);
    case 'forbidden':
      return (
        `${op}tài khoản${f.login ? ` "${f.login}"` : ''} không có vai trò ` +
        `"${f.role ? STAFF_ROLE_NAMES[f.role] : '?'}" mà việc này cần; không có gì thay đổi.`
      );
  }
}

/** Input refused before anything was sent. */
function invalidMessage(input: InvalidInput | undefined, value = ''): string {
  // A sub-campaign's start refusals are worded once, for the CLI and the dashboard.
  if (isSubCampaignInput(input)) return subCampaignRefusal(input, value, 'vi');
  switch (input) {
    case 'unit-filter':
      return `Bộ lọc phải là một trong: ${value}.`;
    case 'no-self-review-deadline':
      return 'Đợt thi đua không có hạn nộp báo cáo tự đánh giá để gia hạn.';
    case 'deadline-phase':
      return `Đợt thi đua không có giai đoạn nộp hồ sơ mã "${value}".`;
    case 'extension-days':
      return `Số ngày gia hạn "${value}" không hợp lệ (ví dụ: 3).`;
    case 'extension-needs-deadline':
      return 'Nhập hạn mới (ví dụ "25/10/2009 17:00") hoặc số ngày gia hạn thêm.';
    case 'rehearsal-extends-by-days':
      return 'Đợt diễn tập chỉ gia hạn được theo số ngày, không theo ngày cụ thể.';
    case 'new-deadline':
      return `Hạn mới ${value}`;
    case 'new-lock':
      return `Ngày khóa mới ${value}`;
    case 'no-self-review-phase':
      return 'Kế hoạch của đợt không có giai đoạn tự đánh giá.';
    case 'extension-needs-reason':
      return 'Cần ghi lý do gia hạn.';
    case 'cancel-needs-reason':
      return 'Cần ghi lý do hủy.';
    case 'file-kind':
      return 'Loại hồ sơ không hợp lệ.';
    case 'decision-number': {
      const [number, other] = value.split('|');
      return `Số quyết định ${number} đã được dùng cho quyết định khen thưởng của đợt ${other}; hãy ghi số văn thư đã cấp cho quyết định này.`;
    }
    case 'synthesis-docx':
      return `Tệp "${value}" không phải văn bản Word (.docx); bản chỉnh sửa dự thảo phải là tệp .docx.`;
    case 'account':
      return `Tài khoản không hợp lệ: ${value}`;
    case 'conference':
      return `${value ?? ''}`;
    case 'campaign-draft':
      return 'Nội dung bản nháp chưa đúng cú pháp YAML (khóa: giá trị); hãy sửa các lỗi cú pháp trước khi thay danh sách đơn vị.';
    case 'copy-years':
      return `Số năm dời ngày phải là số nguyên trong khoảng ${(value ?? '').replace('..', ' đến ')}.`;
    default:
      return 'Dữ liệu không hợp lệ.';
  }
}

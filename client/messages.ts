/**
 * What the `thidua` CLI says when a use case fails, from the code `app/` gives ({@link AppError}):
 * Vietnamese by default, English with `--lang en` (or `THIDUA_LANG=en`).
 */
import { OPERATION_NAMES } from '../app/operation-names';
import { isSubCampaignInput, subCampaignRefusal } from '../app/sub-campaign-refusals';
import type { AppError, InvalidInput, Operation } from '../app/temporal-errors';
import { STAFF_ROLE_NAMES, type StaffRole } from '../domain/synthesis-types';
import { CliError } from './connect';
import { texts } from './texts';

export type Lang = 'vi' | 'en';

/** `--lang en|vi`, else `THIDUA_LANG`, else Vietnamese. */
export function cliLang(options: Record<string, string> = {}, env: NodeJS.ProcessEnv = process.env): Lang {
  const wanted = (options.lang ?? env.THIDUA_LANG ?? 'vi').trim().toLowerCase();
  if (wanted === 'en' || wanted.startsWith('en-') || wanted.startsWith('en_')) return 'en';
  if (wanted === 'vi' || wanted.startsWith('vi-') || wanted.startsWith('vi_') || wanted === '') return 'vi';
  // The language asked for is unknown: say it in both.
  throw new CliError(`--lang: vi hoặc en, không phải "${wanted}" (vi or en, not "${wanted}")`, 2);
}

const WORKER_HINT = '`npm run dev` or `npm run worker`';

/** A later phase's operations: its child workflow is missing until the phase opens (or the plan has none). */
type LaterPhase = 'synthesis' | 'conference' | 'awards';
const PHASE_OF: Partial<Record<Operation, LaterPhase>> = {
  'read-synthesis': 'synthesis',
  'approve-synthesis': 'synthesis',
  'return-synthesis': 'synthesis',
  'revise-synthesis': 'synthesis',
  'rebuild-synthesis': 'synthesis',
  'read-conference': 'conference',
  'reply-conference': 'conference',
  'set-conference-date': 'conference',
  'change-conference-venue': 'conference',
  'cancel-conference': 'conference',
  'record-conference-outcome': 'conference',
  'read-awards': 'awards',
  'cast-vote': 'awards',
  'close-vote': 'awards',
  'issue-decision': 'awards',
};
const PHASE_WORDS: Record<LaterPhase, string> = {
  synthesis: 'tổng hợp',
  conference: 'hội nghị',
  awards: 'khen thưởng',
};

/**
 * Not found on a later phase's command: most often the campaign runs but has not reached that phase,
 * so "no campaign" would mislead; say both and where to look.
 */
function phaseNotFound(f: AppError['facts'], lang: Lang): string | undefined {
  const phase = f.operation && PHASE_OF[f.operation];
  if (!phase || f.unitId) return undefined;
  const id = f.campaignId ?? '';
  return lang === 'en'
    ? `not found: campaign "${id}" has no ${phase} phase running (not reached yet, or its plan has none), or there is no such campaign; see \`thidua campaign status ${id}\`.`
    : `không tìm thấy: đợt "${id}" chưa đến giai đoạn ${PHASE_WORDS[phase]} (hoặc kế hoạch không có giai đoạn này), hoặc không có đợt này; xem \`thidua campaign status ${id}\`.`;
}

/** The message of a failed use case, in the CLI's language. */
export function cliMessage(err: AppError, lang: Lang): string {
  const f = err.facts;
  const op = f.operation ? `${OPERATION_NAMES[lang][f.operation]}: ` : '';
  const s = f.seconds ?? 10;
  const queue = f.taskQueue ?? '';
  const where = f.unitId ? `${f.unitId} (${f.campaignId ?? '?'})` : (f.campaignId ?? '');
  if (!err.nothingChanged) {
    // Sent and not answered: it may still apply, so never "nothing changed".
    const why =
      err.code === 'timed-out'
        ? lang === 'en'
          ? `no worker answered within ${s} s`
          : `không có worker nào trả lời trong ${s} giây`
        : lang === 'en'
          ? 'the worker went away before answering'
          : 'worker ngừng trước khi trả lời';
    return lang === 'en'
      ? `${op}${why}. The change was sent and is queued: it applies when a worker takes it (if its checks ` +
          'still pass). Check with `thidua campaign status` before repeating it.'
      : `${op}${why}. Yêu cầu đã được gửi và đang chờ: nó sẽ được thực hiện khi có worker nhận (nếu vẫn hợp lệ). ` +
          'Xem `thidua campaign status` trước khi làm lại.';
  }
  if (lang === 'en') {
    switch (err.code) {
      case 'refused':
        return `refused: ${f.refusal ?? ''}`;
      case 'locked':
        return `${where}: the phase is locked${f.lockedAt ? ` since ${f.lockedAt}` : ''}; nothing was stored.`;
      case 'not-found':
        return (
          phaseNotFound(f, lang) ??
          (f.unitId
            ? `not found: no unit "${f.unitId}" in campaign "${f.campaignId ?? ''}" (or the campaign has not started).`
            : `not found: no campaign "${f.campaignId ?? ''}"; see \`thidua campaign list\`.`)
        );
      case 'already-completed':
        return `${op}${where ? `${where}: ` : ''}the workflow has already completed (the campaign is over); nothing was changed.`;
      case 'no-worker':
        return `${op}no worker is polling task queue "${queue}" (${WORKER_HINT}). Nothing was sent; nothing was changed.`;
      case 'timed-out':
        return (
          `${op}no worker answered within ${s} s. Is a worker running on task queue "${queue}" (${WORKER_HINT})? ` +
          'Nothing was changed.'
        );
      case 'unavailable':
        return `${op}the Temporal server is unavailable; nothing was changed. Is it running (\`npm run dev\`)?`;
      case 'invalid':
        return f.accountProblem
          ? texts(lang).accountProblem(f.accountProblem, f.login ?? '')
          : invalidEn(f.input, f.value);
      case 'forbidden':
        return `${op}${f.login ? `"${f.login}"` : 'this account'} does not have the role "${f.role ?? '?'}" this needs; nothing was changed.`;
    }
  }
  switch (err.code) {
    case 'refused':
      return `bị từ chối: ${f.refusal ?? ''}`;
    case 'locked':
      return `${where}: giai đoạn đã khóa${f.lockedAt ? ` từ ${f.lockedAt}` : ''}; không có gì được lưu.`;
    case 'not-found':
      return (
        phaseNotFound(f, lang) ??
        (f.unitId
          ? `không tìm thấy: đơn vị "${f.unitId}" không thuộc đợt "${f.campaignId ?? ''}" (hoặc đợt chưa bắt đầu).`
          : `không tìm thấy: không có đợt "${f.campaignId ?? ''}"; xem \`thidua campaign list\`.`)
      );
    case 'already-completed':
      return `${op}${where ? `${where}: ` : ''}workflow đã kết thúc (đợt thi đua đã xong); không có gì thay đổi.`;
    case 'no-worker':
      return (
        `${op}không có worker nào nhận việc trên hàng đợi "${queue}" (${WORKER_HINT.replace(' or ', ' hoặc ')}). ` +
        'Yêu cầu chưa được gửi; không có gì thay đổi.'
      );
    case 'timed-out':
      return (
        `${op}không có worker nào trả lời trong ${s} giây. Worker có đang chạy trên hàng đợi "${queue}" ` +
        `(${WORKER_HINT.replace(' or ', ' hoặc ')}) không? Không có gì thay đổi.`
      );
    case 'unavailable':
      return `${op}không kết nối được máy chủ Temporal; không có gì thay đổi. Máy chủ có đang chạy (\`npm run dev\`) không?`;
    case 'invalid':
      return f.accountProblem
        ? texts(lang).accountProblem(f.accountProblem, f.login ?? '')
        : invalidVi(f.input, f.value);
    case 'forbidden':
      return `${op}tài khoản ${f.login ? `"${f.login}" ` : ''}không có vai trò ${roleVi(f.role)} mà việc này cần; không có gì thay đổi.`;
  }
}

function roleVi(role: string | undefined): string {
  return role ? `"${STAFF_ROLE_NAMES[role as StaffRole] ?? role}"` : '';
}

/** An {@link AppError} as a {@link CliError} in the CLI's language; anything else unchanged. */
export function toCliError(err: unknown, lang: Lang): unknown {
  if (err instanceof Error && err.name === 'AppError') {
    const e = err as AppError;
    // Bad input is the whole story; anything else keeps its cause (the Temporal error) for debugging.
    return new CliError(cliMessage(e, lang), 1, e.code === 'invalid' ? undefined : { cause: err });
  }
  return err;
}

function invalidEn(input: InvalidInput | undefined, value = ''): string {
  if (isSubCampaignInput(input)) return subCampaignRefusal(input, value, 'en');
  switch (input) {
    case 'unit-filter':
      return `filter: one of ${value}`;
    case 'no-self-review-deadline':
      return 'the campaign has no self-review deadline to extend';
    case 'deadline-phase':
      return `the campaign has no deadline phase with id "${value}"`;
    case 'extension-days':
      return `extension by "${value}": a number of days such as "3d"`;
    case 'extension-needs-deadline':
      return 'give the new deadline: a date ("25/10/2009 17:00") or a number of days ("3d")';
    case 'rehearsal-extends-by-days':
      return 'a rehearsed campaign is extended by a number of days, not to a date';
    case 'new-deadline':
      return `new deadline ${value}`;
    case 'new-lock':
      return `new lock ${value}`;
    case 'no-self-review-phase':
      return 'no self-review phase in the definition';
    case 'extension-needs-reason':
      return 'an extension needs a reason';
    case 'cancel-needs-reason':
      return 'a cancellation needs a reason';
    case 'file-kind':
      return '--kind: summary-report or presentation-paper';
    case 'decision-number': {
      const [number, other] = value.split('|');
      return `decision number ${number} is already used by the award decision of campaign ${other}; enter the number the registry gave this decision`;
    }
    case 'synthesis-docx':
      return `"${value}" is not a Word document (.docx): a revised draft must be a .docx file, checked by its content`;
    case 'account':
      return value;
    case 'conference':
      return value;
    default:
      return 'invalid input';
  }
}

function invalidVi(input: InvalidInput | undefined, value = ''): string {
  if (isSubCampaignInput(input)) return subCampaignRefusal(input, value, 'vi');
  switch (input) {
    case 'unit-filter':
      return `bộ lọc: một trong ${value}`;
    case 'no-self-review-deadline':
      return 'đợt thi đua không có hạn tự đánh giá để gia hạn';
    case 'deadline-phase':
      return `đợt thi đua không có giai đoạn nộp hồ sơ mã "${value}"`;
    case 'extension-days':
      return `gia hạn "${value}": một số ngày, ví dụ "3d"`;
    case 'extension-needs-deadline':
      return 'cho biết hạn mới: một ngày ("25/10/2009 17:00") hoặc một số ngày ("3d")';
    case 'rehearsal-extends-by-days':
      return 'đợt diễn tập chỉ gia hạn theo số ngày, không theo ngày cụ thể';
    case 'new-deadline':
      return `hạn mới ${value}`;
    case 'new-lock':
      return `ngày khóa mới ${value}`;
    case 'no-self-review-phase':
      return 'kế hoạch không có giai đoạn tự đánh giá';
    case 'extension-needs-reason':
      return 'gia hạn cần có lý do (--reason)';
    case 'cancel-needs-reason':
      return 'hủy đợt cần có lý do (--reason)';
    case 'file-kind':
      return '--kind: summary-report hoặc presentation-paper';
    case 'decision-number': {
      const [number, other] = value.split('|');
      return `số quyết định ${number} đã được dùng cho quyết định khen thưởng của đợt ${other}; hãy ghi số văn thư đã cấp cho quyết định này`;
    }
    case 'synthesis-docx':
      return `"${value}" không phải văn bản Word (.docx): bản chỉnh sửa dự thảo phải là tệp .docx (kiểm tra theo nội dung tệp)`;
    case 'account':
      return value; // the account store's own words
    case 'conference':
      return value;
    default:
      return 'dữ liệu không hợp lệ';
  }
}

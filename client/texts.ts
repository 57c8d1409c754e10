/**
 * Every line the `thidua` CLI prints for a person (successes, tables, usage), one table per language:
 * Vietnamese by default, English with `--lang en` (or `THIDUA_LANG=en`). Failures of use cases are
 * worded in `messages.ts`; machine output (`--json`) is not translated. Dates are written as an office
 * writes them: dd/MM/yyyy HH:mm, in the campaign's (or the settings') time zone.
 */
import type { SynthesisState } from '../domain/synthesis-types';
import { DateTime } from 'luxon';
import type { SubmissionKind, SubmissionStatus } from '../domain/workflow-types';
import { kindLabel } from '../domain/submission-rules';
import { DEFAULT_PHASE_NAMES } from '../domain/timeline';
import { MIN_PASSWORD_LENGTH } from '../stores/accounts';
import { STAFF_ROLE_NAMES, STAFF_ROLES, type StaffRole } from '../domain/synthesis-types';
import type { Lang } from './messages';

const ROLE_EN: Record<StaffRole, string> = { clerk: 'clerk', approver: 'approver', council: 'council member' };
const rolesVi = (roles: StaffRole[]) => roles.map((r) => `${STAFF_ROLE_NAMES[r]} (${r})`).join(', ');
const rolesEn = (roles: StaffRole[]) => roles.map((r) => ROLE_EN[r]).join(', ');

/** dd/MM/yyyy HH:mm of a UTC instant in `zone`. */
export function localDateTime(utcIso: string, zone: string): string {
  return DateTime.fromISO(utcIso, { zone: 'utc' }).setZone(zone).toFormat('dd/MM/yyyy HH:mm');
}

/** The `--lang` a command line asks for, read before its options are parsed (for usage and parse errors). */
export function langOfArgv(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let wanted = env.THIDUA_LANG ?? 'vi';
  argv.forEach((a, i) => {
    if (a === '--lang' && argv[i + 1] !== undefined) wanted = argv[i + 1];
    else if (a.startsWith('--lang=')) wanted = a.slice('--lang='.length);
  });
  return wanted.trim().toLowerCase().startsWith('en') ? 'en' : 'vi';
}

export type AccountProblem = 'login' | 'name' | 'password-length' | 'password-contains-login';

export interface CliTexts {
  // ---- general -------------------------------------------------------------------------------------
  usage: (line: string) => string;
  help: { title: string; commands: Record<string, string>; footer: string };
  needsValue: (option: string) => string;
  cannotReachTemporal: (address: string, why: string) => string;

  // ---- campaign start ------------------------------------------------------------------------------
  notStarted: (file: string, errors: number) => string;
  noSelfReviewPhase: (file: string) => string;
  unitsPerBatch: string;
  alreadyRunning: (campaignId: string, plan: string, workflowId: string) => string;
  started: (r: {
    plan: string;
    title: string;
    workflowId: string;
    rehearsal?: string;
    units: number;
    deadline?: string;
    ui: string;
  }) => string;

  // ---- unit submit ---------------------------------------------------------------------------------
  fileTypes: (file: string) => string;
  cannotRead: (file: string, code: string) => string;
  fileKind: string;
  received: (r: {
    kind: SubmissionKind;
    unit: string;
    name: string;
    version: number;
    late: boolean;
    sha256: string;
  }) => string;

  // ---- campaign extend / cancel / list, unit remind -------------------------------------------------
  extendedUnit: (unitId: string, deadline: string, version?: number) => string;
  extendedAll: (campaignId: string, deadline: string) => string;
  cancelled: (campaignId: string) => string;
  reminderQueued: (unitId: string) => string;
  noCampaign: string;
  listHeader: string[];

  // ---- campaign status -----------------------------------------------------------------------------
  filterOneOf: (values: string) => string;
  noSuchCampaign: (campaignId: string, address: string) => string;
  status: Record<SubmissionStatus, string>;
  phase: (phase: string) => string;
  phaseLine: (phase: string, workflowStatus: string, ui: string) => string;
  countsLine: (total: number, counts: string, locked: number) => string;
  statusHeader: string[];
  lockedMark: string;
  shown: (shown: number, matching: number) => string;

  // ---- unit link -----------------------------------------------------------------------------------
  revoked: (campaignId: string, unitId: string) => string;
  nothingToRevoke: (unitId: string) => string;
  reissued: (unitId: string, url: string) => string;

  // ---- secretariat add-user / remove-user ----------------------------------------------------------
  passwordPrompt: string;
  accountCreated: (login: string, url: string) => string;
  passwordSet: (login: string) => string;
  accountRemoved: (login: string) => string;
  noAccount: (login: string) => string;
  accountProblem: (problem: AccountProblem, login: string) => string;
  /** The roles an account now has (after add-user), and the refusal of a role name not known. */
  accountRoles: (login: string, roles: StaffRole[]) => string;
  unknownRole: (role: string) => string;
  /** `secretariat list-users`. */
  accountLine: (a: { login: string; name: string; roles: StaffRole[] }) => string;
  noAccounts: string;

  // ---- campaign validate (summary lines; the problems are the validator's) ------------------------
  validate: {
    usage: string;
    errors: (errors: number, warnings: number) => string;
    valid: (units: number, phases: number, warnings: number) => string;
    nowNeedsInstant: string;
    unknownOption: (arg: string) => string;
    noFile: string;
  };

  // ---- campaign import-units (the problems are the sheet module's) --------------------------------
  importUnits: {
    usage: string;
    noFile: string;
    oneFile: (files: string[]) => string;
    unknownOption: (arg: string) => string;
    cannotRead: (file: string, why: string) => string;
    cannotWrite: (file: string, why: string) => string;
    noSuchFile: string;
    templateWritten: (file: string) => string;
    read: (file: string, units: number, rows: number) => string;
    problems: (file: string, problems: number, rows: number) => string;
  };

  // ---- synthesis ---------------------------------------------------------------------------------
  synthesis: SynthesisCliTexts;

  // ---- campaign plan -------------------------------------------------------------------------------
  plan: {
    usage: string;
    needsValue: (flag: string) => string;
    unknownOption: (arg: string) => string;
    missingFile: string;
    oneFile: (files: string[]) => string;
    noPlan: (file: string, errors: number) => string;
    badNow: (now: string) => string;
    /** The document's reference and date as it writes them ("Kế hoạch số 67-KH/TU", "ngày 21/9/2009"). */
    planLine: (reference: string, dated: string, title: string) => string;
    document: string;
    /** A row whose date is known only roughly: "dự kiến trong tháng 11/2009". */
    approximately: (period: string) => string;
    /** The plan's own date, known only roughly: it was signed, not expected ("trong tháng 8/2009"). */
    within: (period: string) => string;
    issuer: (issuingBody: string, secretariat: string) => string;
    facts: (r: { units: number; zone: string; hours: string; reminderTime: string; policy: string }) => string;
    policy: Record<'keep' | 'previous' | 'next', string>;
    unitLine: (r: { name: string; id: string; focal: string; head: string }) => string;
    rehearsal: (spec: string, origin: string, anchor: string) => string;
    phases: string;
    header: string[];
    readings: (rehearsed: boolean) => string;
    planDate: string;
    phaseLabel: (n: number) => string;
    start: string;
    end: string;
    deadline: string;
    lock: string;
    conference: string;
    notes: string;
    none: string;
  };
}

/** `thidua synthesis …`: the draft report, its versions and its approval. */
export interface SynthesisCliTexts {
  usage: string;
  unknownLogin: (login: string) => string;
  needsAs: string;
  badVersion: (value: string) => string;
  noVersion: (version: number) => string;
  cannotRead: (file: string, code: string) => string;
  state: Record<SynthesisState, string>;
  title: (campaignId: string, state: string) => string;
  deadline: (local: string) => string;
  noDeadline: string;
  approved: (version: number, by: string, at: string) => string;
  counts: (reminders: number, escalations: number) => string;
  versionsHeader: string[];
  source: Record<'built' | 'uploaded', string>;
  returnsHeader: string;
  returnLine: (version: number, by: string, at: string, remarks: string) => string;
  done: Record<'approve' | 'return' | 'upload' | 'rebuild', (campaignId: string, version: number) => string>;
  written: (file: string) => string;
}

const SYNTHESIS_VI: SynthesisCliTexts = {
  usage:
    'thidua synthesis show CAMPAIGN [--json] | approve CAMPAIGN --as LOGIN [--version N] | return CAMPAIGN --as LOGIN --remarks TEXT | upload CAMPAIGN FILE.docx --as LOGIN [--note TEXT] | rebuild CAMPAIGN --as LOGIN | download CAMPAIGN [--version N] [--out DIR]',
  unknownLogin: (login) =>
    `không có tài khoản "${login}"; tạo bằng thidua secretariat add-user ${login} --name "Họ tên"`,
  needsAs: '--as LOGIN: tài khoản thực hiện thao tác (vai trò lấy từ tài khoản)',
  badVersion: (value) => `--version "${value}": một số nguyên dương, ví dụ 2`,
  noVersion: (version) => `không có dự thảo lần ${version}`,
  cannotRead: (file, code) => `${file}: không đọc được tệp (${code})`,
  state: {
    building: 'đang tổng hợp dự thảo',
    'awaiting-approval': 'chờ phê duyệt',
    returned: 'đã trả lại để chỉnh sửa',
    approved: 'đã phê duyệt',
    cancelled: 'đã hủy',
  },
  title: (id, state) => `Báo cáo tổng hợp ${id}: ${state}`,
  deadline: (local) => `Hạn phê duyệt: ${local}`,
  noDeadline: 'Hạn phê duyệt: không ấn định',
  approved: (v, by, at) => `Đã phê duyệt dự thảo lần ${v}: ${by}, lúc ${at}`,
  counts: (r, e) => `Đã nhắc người phê duyệt ${r} lần; đã báo Thường trực ${e} lần`,
  versionsHeader: ['Lần', 'Nguồn', 'Tệp', 'Người', 'Lúc', 'Ghi chú'],
  source: { built: 'tổng hợp', uploaded: 'bản sửa tải lên' },
  returnsHeader: 'Ý kiến trả lại:',
  returnLine: (v, by, at, remarks) => `  lần ${v} — ${by}, ${at}: ${remarks}`,
  done: {
    approve: (id, v) => `Đã phê duyệt dự thảo lần ${v} của ${id}.`,
    return: (id, v) => `Đã trả lại dự thảo lần ${v} của ${id}; Thường trực được báo kèm ý kiến.`,
    upload: (id, v) => `Đã ghi nhận bản chỉnh sửa: dự thảo lần ${v} của ${id}; đã gửi người phê duyệt.`,
    rebuild: (id, v) => `Đang tổng hợp lại: dự thảo lần ${v} của ${id} sẽ được gửi khi xong.`,
  },
  written: (file) => `Đã ghi ${file}`,
};

const SYNTHESIS_EN: SynthesisCliTexts = {
  usage: SYNTHESIS_VI.usage,
  unknownLogin: (login) =>
    `no account "${login}"; create it with thidua secretariat add-user ${login} --name "Full Name"`,
  needsAs: '--as LOGIN: the account acting (its roles come from the account)',
  badVersion: (value) => `--version "${value}": a positive whole number, e.g. 2`,
  noVersion: (version) => `no draft version ${version}`,
  cannotRead: (file, code) => `${file}: cannot read the file (${code})`,
  state: {
    building: 'building the draft',
    'awaiting-approval': 'awaiting approval',
    returned: 'returned for changes',
    approved: 'approved',
    cancelled: 'cancelled',
  },
  title: (id, state) => `Synthesis report ${id}: ${state}`,
  deadline: (local) => `Approval deadline: ${local}`,
  noDeadline: 'Approval deadline: none set',
  approved: (v, by, at) => `Version ${v} approved by ${by} at ${at}`,
  counts: (r, e) => `Reminders to the approvers: ${r}; escalations to the secretariat: ${e}`,
  versionsHeader: ['Version', 'Source', 'File', 'By', 'At', 'Note'],
  source: { built: 'built', uploaded: 'uploaded revision' },
  returnsHeader: 'Returned with remarks:',
  returnLine: (v, by, at, remarks) => `  version ${v} — ${by}, ${at}: ${remarks}`,
  done: {
    approve: (id, v) => `Version ${v} of ${id} approved.`,
    return: (id, v) => `Version ${v} of ${id} returned; the secretariat is told the remarks.`,
    upload: (id, v) => `Revision recorded: version ${v} of ${id}, sent to the approvers.`,
    rebuild: (id, v) => `Rebuilding: version ${v} of ${id} is mailed when ready.`,
  },
  written: (file) => `Wrote ${file}`,
};

const KIND_EN: Record<SubmissionKind, string> = {
  'summary-report': 'summary report',
  'presentation-paper': 'presentation paper',
};

const PHASE_VI: Record<string, string> = { ...DEFAULT_PHASE_NAMES, closed: 'Đã kết thúc', cancelled: 'Đã hủy' };
const PHASE_EN: Record<string, string> = {
  'plan-issue': 'plan issued',
  'self-review': 'self-review at the units',
  synthesis: 'synthesis',
  conference: 'conference',
  awards: 'awards',
  closed: 'closed',
  cancelled: 'cancelled',
};

/** Label and value lines aligned under one another ("  Hạn nộp    14/10/2009 17:00"). */
function fields(rows: Array<[string, string | undefined]>): string {
  const kept = rows.filter((r): r is [string, string] => r[1] !== undefined);
  const width = Math.max(...kept.map(([l]) => [...l].length));
  return kept.map(([l, v]) => `  ${l}${' '.repeat(width - [...l].length)}  ${v}\n`).join('');
}

const vi: CliTexts = {
  usage: (line) => `cách dùng: ${line}`,
  help: {
    title: 'Cách dùng: thidua <lệnh> [--lang en]',
    commands: {
      'campaign validate': 'kiểm tra tệp đợt thi đua; mỗi lỗi kèm vị trí',
      'campaign plan': 'lịch của đợt thi đua, trước khi bắt đầu',
      'campaign start': 'bắt đầu đợt thi đua (--rehearse 1d=20s: diễn tập)',
      'campaign import-units': 'danh sách đơn vị từ bảng tính .xlsx/.csv (--template MẪU.xlsx: tệp mẫu)',
      'campaign status': 'tình hình nộp hồ sơ của các đơn vị',
      'campaign extend': 'gia hạn (--until NGÀY | --by 3d) --reason LÝ DO',
      'campaign cancel': 'hủy đợt thi đua --reason LÝ DO',
      'campaign list': 'các đợt thi đua',
      'unit submit': 'nộp tệp thay cho đơn vị',
      'unit remind': 'gửi nhắc ngay cho đơn vị',
      'unit link': 'đường dẫn nộp hồ sơ của đơn vị (--revoke | --reissue)',
      'secretariat add-user':
        'tạo tài khoản bảng điều khiển (mật khẩu nhập từ bàn phím); --role clerk,approver,council: ' +
        'chuyên viên (chạy đợt), lãnh đạo phê duyệt (phê duyệt báo cáo), thành viên Hội đồng; mặc định clerk',
      'secretariat remove-user': 'xóa tài khoản bảng điều khiển',
      'secretariat list-users': 'các tài khoản bảng điều khiển và vai trò',
      'synthesis show': 'dự thảo báo cáo tổng hợp: các lần, hạn và tình trạng phê duyệt',
      'synthesis approve': 'phê duyệt dự thảo --as LOGIN [--version N] (lãnh đạo phê duyệt)',
      'synthesis return': 'trả lại dự thảo --as LOGIN --remarks Ý KIẾN (lãnh đạo phê duyệt)',
      'synthesis upload': 'tải lên bản chỉnh sửa .docx --as LOGIN [--note GHI CHÚ]',
      'synthesis rebuild': 'tổng hợp lại dự thảo từ hồ sơ các đơn vị --as LOGIN',
      'synthesis download': 'tải các tệp của dự thảo [--version N] [--out THƯ MỤC]',
    },
    footer: 'Tiếng Việt là mặc định; --lang en (hoặc THIDUA_LANG=en) để in tiếng Anh.',
  },
  needsValue: (option) => `--${option} cần một giá trị`,
  cannotReachTemporal: (address, why) =>
    `không kết nối được máy chủ Temporal tại ${address} (${why}). ` +
    'Chạy máy chủ bằng `npm run dev`, hoặc đặt TEMPORAL_ADDRESS / TEMPORAL_PROFILE.',

  notStarted: (file, errors) => `${file}: chưa bắt đầu đợt thi đua: ${errors} lỗi.`,
  noSelfReviewPhase: (file) => `${file}: kế hoạch không có giai đoạn tự đánh giá`,
  unitsPerBatch: '--units-per-batch: một số nguyên từ 1 đến 1000',
  alreadyRunning: (id, plan, wf) =>
    `Đợt thi đua ${id} (${plan}) đang chạy (workflow ${wf}); không có gì thay đổi.\n` +
    `Xem tình hình: \`thidua campaign status ${id}\`.\n`,
  started: (r) =>
    `Đã bắt đầu đợt thi đua ${r.plan} — ${r.title}\n` +
    fields([
      ['Workflow', `${r.workflowId}${r.rehearsal ? `  (diễn tập ${r.rehearsal}: lịch bắt đầu từ bây giờ)` : ''}`],
      ['Số đơn vị', String(r.units)],
      ['Hạn nộp', r.deadline],
      ['Theo dõi', r.ui],
    ]),

  fileTypes: (file) => `${file}: chỉ nhận tệp PDF, DOC, DOCX và ODT`,
  cannotRead: (file, code) => `${file}: không đọc được tệp (${code})`,
  fileKind: '--kind: summary-report hoặc presentation-paper',
  received: (r) =>
    `Đã nhận ${kindLabel(r.kind)} của ${r.unit}: "${r.name}", phiên bản ${r.version}` +
    `${r.late ? ' (nộp muộn)' : ''}, mã SHA-256 ${r.sha256}.\n`,

  extendedUnit: (unitId, deadline, version) =>
    `Đã gia hạn cho ${unitId}: hạn mới ${deadline}${version === undefined ? '' : ` (phiên bản hạn nộp thứ ${version})`}.\n`,
  extendedAll: (id, deadline) =>
    `Đã gia hạn cho mọi đơn vị của đợt ${id} đến ${deadline} (đơn vị có hạn muộn hơn giữ nguyên hạn của mình).\n`,
  cancelled: (id) => `Đã hủy đợt ${id}: đang thông báo lý do tới từng đơn vị.\n`,
  reminderQueued: (unitId) => `Đã chuyển yêu cầu nhắc ${unitId}: worker gửi thư nhắc ngay.\n`,
  noCampaign: 'Chưa có đợt thi đua nào: bắt đầu một đợt bằng `thidua campaign start config/campaigns/<tệp>.yaml`.\n',
  listHeader: ['Mã đợt', 'Kế hoạch', 'Giai đoạn', 'Workflow', 'Hạn nộp', 'Tên đợt'],

  filterOneOf: (values) => `--filter: một trong ${values}`,
  noSuchCampaign: (id, address) => `không có đợt "${id}" trên ${address}; xem \`thidua campaign list\`.`,
  status: {
    pending: 'chưa đến hạn',
    submitted: 'đã nộp',
    late: 'nộp muộn',
    missing: 'quá hạn, chưa nộp',
    cancelled: 'đã hủy',
  },
  phase: (phase) => PHASE_VI[phase] ?? phase,
  phaseLine: (phase, wf, ui) => `Giai đoạn: ${phase} · Workflow: ${wf} · ${ui}`,
  countsLine: (total, counts, locked) => `Đơn vị: ${total} · ${counts} · đã khóa: ${locked}`,
  statusHeader: ['Đơn vị', 'Tên', 'Trạng thái', 'Hạn nộp', 'Nhắc', 'Nộp lúc'],
  lockedMark: ' (khóa)',
  shown: (shown, matching) => `(hiển thị ${shown}/${matching} đơn vị; --limit N để xem thêm, --filter để lọc)`,

  revoked: (id, unitId) =>
    `Đã thu hồi đường dẫn của ${unitId}: đường dẫn này không còn mở được cổng nộp hồ sơ. ` +
    'Thư tiếp theo gửi đơn vị sẽ kèm đường dẫn mới;\n' +
    `\`thidua unit link ${id} ${unitId} --reissue\` cấp ngay một đường dẫn mới.\n`,
  nothingToRevoke: (unitId) => `${unitId} không có đường dẫn nào đang dùng để thu hồi.\n`,
  reissued: (unitId, url) => `Đường dẫn mới của ${unitId} (đường dẫn cũ không còn mở được): ${url}\n`,

  passwordPrompt: 'Mật khẩu: ',
  accountCreated: (login, url) => `Đã tạo tài khoản "${login}": đăng nhập tại ${url}/admin\n`,
  passwordSet: (login) => `Tài khoản "${login}": đã đặt mật khẩu mới.\n`,
  accountRemoved: (login) =>
    `Đã xóa tài khoản "${login}": các phiên đăng nhập bảng điều khiển của tài khoản kết thúc ở lần thao tác tiếp theo.\n`,
  noAccount: (login) => `Không có tài khoản "${login}".\n`,
  accountProblem: (problem, login) => {
    switch (problem) {
      case 'login':
        return (
          `tên đăng nhập "${login}": 2–40 ký tự, gồm chữ thường không dấu, chữ số, ".", "_" hoặc "-", ` +
          'bắt đầu bằng một chữ cái'
        );
      case 'name':
        return 'tài khoản cần có họ tên (--name "Nguyễn Văn A")';
      case 'password-length':
        return `mật khẩu: ít nhất ${MIN_PASSWORD_LENGTH} ký tự`;
      case 'password-contains-login':
        return 'mật khẩu: không được chứa tên đăng nhập';
    }
  },
  accountRoles: (login, roles) => `Vai trò của "${login}": ${rolesVi(roles)}.\n`,
  unknownRole: (role) =>
    `--role: không có vai trò "${role}"; dùng một hoặc nhiều mã, cách nhau bằng dấu phẩy: ${rolesVi(STAFF_ROLES)}`,
  accountLine: (a) => `${a.login}\t${a.name}\t${rolesVi(a.roles)}\n`,
  noAccounts: 'Chưa có tài khoản nào: `thidua secretariat add-user LOGIN --name "Họ tên" --role clerk`.\n',

  validate: {
    usage: `Cách dùng: thidua campaign validate TỆP [TỆP...] [--json] [--now ISO] [--lang en]
  --json      in kết quả dạng JSON
  --now ISO   mốc "bây giờ" để xét hạn đã qua
`,
    errors: (errors, warnings) => `${errors} lỗi, ${warnings} cảnh báo`,
    valid: (units, phases, warnings) =>
      `hợp lệ${warnings > 0 ? `, ${warnings} cảnh báo` : ''}: ${units} đơn vị, ${phases} giai đoạn`,
    nowNeedsInstant: '--now cần một thời điểm ISO, ví dụ 2009-10-01T08:00:00+07:00',
    unknownOption: (arg) => `không biết tùy chọn ${arg}`,
    noFile: 'cho biết ít nhất một tệp đợt thi đua',
  },

  importUnits: {
    usage: `Cách dùng: thidua campaign import-units BẢNG.xlsx|BẢNG.csv [--lang en]
       thidua campaign import-units --template MẪU.xlsx
  Đọc danh sách đơn vị từ bảng tính; in khối "units:" cho tệp đợt thi đua, hoặc mọi lỗi kèm dòng và cột.
  --template TỆP   ghi tệp Excel mẫu (tiêu đề cột, dòng ví dụ, trang "Hướng dẫn")
`,
    noFile: 'cho biết tệp bảng tính (.xlsx hoặc .csv), hoặc --template TỆP',
    oneFile: (files) => `chỉ một tệp: ${files.join(' ')}`,
    unknownOption: (arg) => `không biết tùy chọn ${arg}`,
    cannotRead: (file, why) => `không đọc được ${file}: ${why}`,
    cannotWrite: (file, why) => `không ghi được ${file}: ${why}`,
    noSuchFile: 'không có tệp này',
    templateWritten: (file) => `Đã ghi tệp mẫu ${file}: điền mỗi đơn vị một dòng, xem trang "Hướng dẫn".\n`,
    read: (file, units, rows) => `${file}: ${units} đơn vị từ ${rows} dòng, không có lỗi.\n`,
    problems: (file, problems, rows) => `${file}: ${problems} lỗi trong ${rows} dòng; chưa nhập đơn vị nào.\n`,
  },

  synthesis: SYNTHESIS_VI,

  plan: {
    usage: `Cách dùng: thidua campaign plan TỆP [--json] [--rehearse 1d=20s] [--unit ID] [--now ISO] [--lang en]
  --json            in bản biên dịch (CompiledCampaign) dạng JSON, kèm giờ UTC
  --rehearse 1d=20s diễn tập: một ngày thật = 20 giây, bắt đầu từ bây giờ (đơn vị s, m, h, d, w)
  --unit ID         lịch của một đơn vị, ghi tên người nhận
  --now ISO         mốc "bây giờ" của diễn tập (mặc định: thời điểm chạy lệnh)
`,
    needsValue: (flag) => `${flag} cần một giá trị`,
    unknownOption: (arg) => `không biết tùy chọn "${arg}"`,
    missingFile: 'thiếu tệp đợt thi đua (TỆP)',
    oneFile: (files) => `chỉ một tệp: ${files.join(' ')}`,
    noPlan: (file, errors) => `${file}: ${errors} lỗi, chưa lập được lịch`,
    badNow: (now) => `--now "${now}" không phải thời điểm ISO, ví dụ 2025-01-06T08:00:00+07:00`,
    planLine: (reference, dated, title) => `${reference} ${dated} — ${title}`,
    document: 'Văn bản:',
    approximately: (period) => `dự kiến trong ${period}`,
    within: (period) => `trong ${period}`,
    issuer: (body, secretariat) => `Cơ quan ban hành: ${body} · Thường trực: ${secretariat}`,
    facts: (r) =>
      `Số đơn vị: ${r.units} · Múi giờ: ${r.zone} · Giờ làm việc ${r.hours} · Giờ gửi nhắc ${r.reminderTime} · ` +
      `Hạn rơi vào ngày nghỉ: ${r.policy}`,
    policy: { keep: 'giữ nguyên', previous: 'lùi về ngày làm việc trước', next: 'dời sang ngày làm việc kế tiếp' },
    unitLine: (r) => `Đơn vị: ${r.name} (${r.id}) · Đầu mối: ${r.focal} · Thủ trưởng: ${r.head}`,
    rehearsal: (spec, origin, anchor) =>
      `DIỄN TẬP ${spec}: lịch thật từ ${origin} chạy từ ${anchor}; giờ trong bảng là giờ diễn tập`,
    phases: 'Giai đoạn:',
    header: ['Ngày', 'Giờ', 'GĐ', 'Việc', 'Gửi tới'],
    readings: (rehearsed) => `Cách đọc ngày tháng (như đã viết → cách hiểu)${rehearsed ? ', theo lịch thật' : ''}:`,
    planDate: 'Ngày kế hoạch',
    phaseLabel: (n) => `GĐ ${n}`,
    start: 'bắt đầu',
    end: 'kết thúc',
    deadline: 'hạn nộp',
    lock: 'khóa báo cáo',
    conference: 'ngày hội nghị',
    notes: 'Ghi chú của bộ lập lịch:',
    none: '(không có)',
  },
};

const en: CliTexts = {
  usage: (line) => `usage: ${line}`,
  help: {
    title: 'Usage: thidua <command> [--lang en]',
    commands: {
      'campaign validate': 'check campaign files; every problem with its place',
      'campaign plan': 'the compiled timeline, before anything starts',
      'campaign start': 'start a campaign (--rehearse 1d=20s: a rehearsal)',
      'campaign import-units': 'units from an .xlsx/.csv sheet (--template TEMPLATE.xlsx: the template)',
      'campaign status': "the units' submissions",
      'campaign extend': 'extend the deadline (--until DATE | --by 3d) --reason TEXT',
      'campaign cancel': 'cancel the campaign --reason TEXT',
      'campaign list': 'the campaigns',
      'unit submit': "submit a file on a unit's behalf",
      'unit remind': 'send a unit a reminder now',
      'unit link': "a unit's portal link (--revoke | --reissue)",
      'secretariat add-user':
        'a dashboard account (password from stdin); --role clerk,approver,council (default clerk)',
      'secretariat remove-user': 'remove a dashboard account',
      'secretariat list-users': 'the dashboard accounts and their roles',
      'synthesis show': 'the draft synthesis report: versions, deadline and approval',
      'synthesis approve': 'approve the draft --as LOGIN [--version N] (approvers)',
      'synthesis return': 'return the draft --as LOGIN --remarks TEXT (approvers)',
      'synthesis upload': 'upload a revised .docx --as LOGIN [--note TEXT]',
      'synthesis rebuild': "rebuild the draft from the units' reports --as LOGIN",
      'synthesis download': "download the draft's files [--version N] [--out DIR]",
    },
    footer: 'Vietnamese by default; --lang en (or THIDUA_LANG=en) for English.',
  },
  needsValue: (option) => `--${option} needs a value`,
  cannotReachTemporal: (address, why) =>
    `cannot reach the Temporal server at ${address} (${why}). ` +
    'Start it with `npm run dev`, or set TEMPORAL_ADDRESS / TEMPORAL_PROFILE.',

  notStarted: (file, errors) => `${file}: not started: ${errors} error(s).`,
  noSelfReviewPhase: (file) => `${file}: no self-review phase`,
  unitsPerBatch: '--units-per-batch: a whole number from 1 to 1000',
  alreadyRunning: (id, plan, wf) =>
    `Campaign ${id} (${plan}) is already running as ${wf}; nothing was changed.\n` +
    `See it with \`thidua campaign status ${id}\`.\n`,
  started: (r) =>
    `Started ${r.plan} — ${r.title}\n` +
    fields([
      ['workflow', `${r.workflowId}${r.rehearsal ? `  (rehearsal ${r.rehearsal}: the timeline starts now)` : ''}`],
      ['units', String(r.units)],
      ['deadline', r.deadline],
      ['UI', r.ui],
    ]),

  fileTypes: (file) => `${file}: only PDF, DOC, DOCX and ODT files are accepted`,
  cannotRead: (file, code) => `${file}: cannot read (${code})`,
  fileKind: '--kind: summary-report or presentation-paper',
  received: (r) =>
    `Received the ${KIND_EN[r.kind]} of ${r.unit}: "${r.name}", version ${r.version}` +
    `${r.late ? ' (late)' : ''}, sha256 ${r.sha256}.\n`,

  extendedUnit: (unitId, deadline, version) =>
    `Extended ${unitId}: new deadline ${deadline}${version === undefined ? '' : ` (version ${version})`}.\n`,
  extendedAll: (id, deadline) =>
    `Extended every unit of ${id} to ${deadline} (units with a later deadline keep theirs).\n`,
  cancelled: (id) => `Cancelled ${id}: every unit is being told the reason.\n`,
  reminderQueued: (unitId) => `Reminder to ${unitId} queued: the worker sends it now.\n`,
  noCampaign: 'No campaign yet: start one with `thidua campaign start config/campaigns/<file>.yaml`.\n',
  listHeader: ['Campaign', 'Plan', 'Phase', 'Workflow', 'Deadline', 'Title'],

  filterOneOf: (values) => `--filter: one of ${values}`,
  noSuchCampaign: (id, address) => `no campaign "${id}" on ${address}; see \`thidua campaign list\`.`,
  status: {
    pending: 'pending',
    submitted: 'submitted',
    late: 'late',
    missing: 'missing (past the deadline)',
    cancelled: 'cancelled',
  },
  phase: (phase) => PHASE_EN[phase] ?? phase,
  phaseLine: (phase, wf, ui) => `Phase: ${phase} · Workflow: ${wf} · ${ui}`,
  countsLine: (total, counts, locked) => `Units: ${total} · ${counts} · locked: ${locked}`,
  statusHeader: ['Unit', 'Name', 'Status', 'Deadline', 'Reminders', 'Submitted at'],
  lockedMark: ' (locked)',
  shown: (shown, matching) => `(${shown} of ${matching} shown; --limit N for more, --filter to narrow)`,

  revoked: (id, unitId) =>
    `Revoked the link of ${unitId}: it no longer opens the portal. The next message to the unit carries a new one;\n` +
    `\`thidua unit link ${id} ${unitId} --reissue\` prints one now.\n`,
  nothingToRevoke: (unitId) => `${unitId} has no working link to revoke.\n`,
  reissued: (unitId, url) => `New link of ${unitId} (the old one no longer opens): ${url}\n`,

  passwordPrompt: 'Password: ',
  accountCreated: (login, url) => `Account "${login}" created: log in at ${url}/admin\n`,
  passwordSet: (login) => `Account "${login}": new password set.\n`,
  accountRemoved: (login) => `Account "${login}" removed: its dashboard sessions end at their next request.\n`,
  noAccount: (login) => `No account "${login}".\n`,
  accountProblem: (problem, login) => {
    switch (problem) {
      case 'login':
        return `login "${login}": 2–40 characters, lower-case letters, digits, ".", "_" or "-", a letter first`;
      case 'name':
        return 'the account needs a name (--name "Nguyễn Văn A")';
      case 'password-length':
        return `password: at least ${MIN_PASSWORD_LENGTH} characters`;
      case 'password-contains-login':
        return 'password: must not contain the login';
    }
  },
  accountRoles: (login, roles) => `Roles of "${login}": ${rolesEn(roles)}.\n`,
  unknownRole: (role) => `--role: no role "${role}"; use one or more of ${STAFF_ROLES.join(', ')}, separated by commas`,
  accountLine: (a) => `${a.login}\t${a.name}\t${rolesEn(a.roles)}\n`,
  noAccounts: 'No account yet: `thidua secretariat add-user LOGIN --name "Full Name" --role clerk`.\n',

  validate: {
    usage: `Usage: thidua campaign validate FILE [FILE...] [--json] [--now ISO] [--lang en]
  --json      results as JSON
  --now ISO   the instant past deadlines are judged against
`,
    errors: (errors, warnings) => `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    valid: (units, phases, warnings) =>
      `valid${warnings > 0 ? ` with ${plural(warnings, 'warning')}` : ''}: ${plural(units, 'unit')}, ${plural(phases, 'phase')}`,
    nowNeedsInstant: '--now needs an ISO instant such as 2009-10-01T08:00:00+07:00',
    unknownOption: (arg) => `unknown option ${arg}`,
    noFile: 'name at least one campaign file',
  },

  importUnits: {
    usage: `Usage: thidua campaign import-units SHEET.xlsx|SHEET.csv [--lang en]
       thidua campaign import-units --template TEMPLATE.xlsx
  Reads units from a sheet; prints the campaign file's "units:" block, or every problem with its row and column.
  --template FILE  writes the Excel template (headers, a sample row, a "Hướng dẫn" guide sheet)
`,
    noFile: 'name the sheet (.xlsx or .csv), or --template FILE',
    oneFile: (files) => `one file only: ${files.join(' ')}`,
    unknownOption: (arg) => `unknown option ${arg}`,
    cannotRead: (file, why) => `cannot read ${file}: ${why}`,
    cannotWrite: (file, why) => `cannot write ${file}: ${why}`,
    noSuchFile: 'no such file',
    templateWritten: (file) => `Template written to ${file}: one unit a row; see the "Hướng dẫn" sheet.\n`,
    read: (file, units, rows) => `${file}: ${plural(units, 'unit')} from ${plural(rows, 'row')}, no problem.\n`,
    problems: (file, problems, rows) =>
      `${file}: ${plural(problems, 'problem')} in ${plural(rows, 'row')}; no unit imported.\n`,
  },

  synthesis: SYNTHESIS_EN,

  plan: {
    usage: `Usage: thidua campaign plan FILE [--json] [--rehearse 1d=20s] [--unit ID] [--now ISO] [--lang en]
  --json            the compiled campaign (CompiledCampaign) as JSON, with UTC times
  --rehearse 1d=20s rehearsal: one real day = 20 seconds, starting now (units s, m, h, d, w)
  --unit ID         one unit's timeline, with the recipients' names
  --now ISO         the rehearsal's "now" (default: when the command runs)
`,
    needsValue: (flag) => `${flag} needs a value`,
    unknownOption: (arg) => `unknown option "${arg}"`,
    missingFile: 'missing FILE',
    oneFile: (files) => `one FILE only: ${files.join(' ')}`,
    noPlan: (file, errors) => `${file}: ${plural(errors, 'error')}, no plan`,
    badNow: (now) => `--now "${now}" is not an ISO instant, e.g. 2025-01-06T08:00:00+07:00`,
    planLine: (reference, dated, title) => `${reference} (${dated}) — ${title}`,
    document: 'The document (in its own words):',
    approximately: (period) => `expected in ${period}`,
    within: (period) => `in ${period}`,
    issuer: (body, secretariat) => `Issued by: ${body} · Secretariat: ${secretariat}`,
    facts: (r) =>
      `Units: ${r.units} · Time zone: ${r.zone} · Working hours ${r.hours} · Reminders at ${r.reminderTime} · ` +
      `Deadline on a day off: ${r.policy}`,
    policy: { keep: 'kept', previous: 'moved back to the previous working day', next: 'moved to the next working day' },
    unitLine: (r) => `Unit: ${r.name} (${r.id}) · Focal person: ${r.focal} · Head: ${r.head}`,
    rehearsal: (spec, origin, anchor) =>
      `REHEARSAL ${spec}: the real timeline from ${origin} runs from ${anchor}; the table shows rehearsal times`,
    phases: 'Phases:',
    header: ['Date', 'Time', 'Ph.', 'What', 'To'],
    readings: (rehearsed) =>
      `How the written dates were read (as written → reading)${rehearsed ? ', real timeline' : ''}:`,
    planDate: 'Plan date',
    phaseLabel: (n) => `Phase ${n}`,
    start: 'start',
    end: 'end',
    deadline: 'deadline',
    lock: 'lock',
    conference: 'conference',
    notes: 'Compiler notes:',
    none: '(none)',
  },
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const TEXTS: Record<Lang, CliTexts> = { vi, en };

/** The CLI's texts in `lang`. */
export function texts(lang: Lang): CliTexts {
  return TEXTS[lang];
}

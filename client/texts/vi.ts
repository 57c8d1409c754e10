/** The CLI's texts in Vietnamese (the default); see `../texts.ts`. */
import { kindLabel } from '../../domain/submission-rules';
import { STAFF_ROLE_NAMES, STAFF_ROLES, type StaffRole } from '../../domain/synthesis-types';
import { phaseStateName } from '../../domain/plan-document';
import { MIN_PASSWORD_LENGTH } from '../../stores/accounts';
import type { CliTexts, PayloadsCliTexts, SynthesisCliTexts } from '../texts';
import { markFailureVi } from '../../config/claim-check-mark';
import { groupUsage } from '../commands/synopsis';
import { CONFERENCE_HELP } from './conference';
import { fields } from './format';

const rolesVi = (roles: StaffRole[]) => roles.map((r) => `${STAFF_ROLE_NAMES[r]} (${r})`).join(', ');

const SYNTHESIS_VI: SynthesisCliTexts = {
  // Each action's synopsis, from the commands' option table.
  usage: groupUsage('synthesis', ['show', 'approve', 'return', 'upload', 'rebuild', 'download']),
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

// ---- payloads sweep (the claim check's blobs) -------------------------------------------------------
const bytesVi = (n: number) => `${n.toLocaleString('vi-VN')} byte`;
const PAYLOADS_VI: PayloadsCliTexts = {
  help: 'xóa các tệp dữ liệu lớn (THIDUA_DATA_DIR/payloads) không còn lịch sử nào tham chiếu [--grace 24h] [--dry-run] [--concurrency 8]',
  usage:
    'thidua payloads sweep [--grace 24h|2d|90m] [--dry-run] [--namespaces NS1,NS2] [--concurrency 8] [--json] — chỉ xóa tệp không còn được tham chiếu và cũ hơn thời gian chờ; --concurrency: số lịch sử đọc cùng lúc (mặc định 8)',
  badGrace: (value) => `--grace "${value}": một khoảng thời gian như 24h, 2d hoặc 90m (ít nhất 1 phút); mặc định 24h`,
  badNamespaces: (value) =>
    `--namespaces "${value}": tên các namespace dùng chung thư mục dữ liệu, cách nhau bằng dấu phẩy, ví dụ thidua,thidua-dien-tap`,
  badConcurrency: (value, most) =>
    `--concurrency "${value}": số lịch sử đọc cùng lúc, một số nguyên từ 1 đến ${most}; mặc định 8`,
  unknownOption: (arg) => `không có tùy chọn ${arg}`,
  markFailed: (what) =>
    `Không dọn thư mục dữ liệu lớn: ${what}. Không xóa tệp nào — chỉ xóa khi đã đọc được mọi lịch sử. ` +
    'Kiểm tra kết nối tới Temporal rồi chạy lại.',
  failure: (f) => markFailureVi(f),
  marked: (r) =>
    `Đã đọc lịch sử của ${r.executions} lượt chạy workflow và ${r.schedules} lịch định kỳ ` +
    `(namespace ${r.namespaces.join(', ')}); thời gian chờ ${r.grace}.`,
  grace: (hours) => (hours >= 1 && Number.isInteger(hours) ? `${hours} giờ` : `${Math.round(hours * 60)} phút`),
  wouldRemove: (files, bytes) => `Chạy thử: sẽ xóa ${files} tệp (${bytesVi(bytes)}); chưa xóa gì.`,
  removed: (files, bytes) => `Đã xóa ${files} tệp (${bytesVi(bytes)}).`,
  fileLine: (file, bytes, kind) =>
    `  ${file}  ${bytesVi(bytes)}${kind === 'temp' ? '  (tệp tạm của lần ghi không xong)' : ''}`,
  kept: (r) =>
    `Giữ lại: ${r.referenced.files} tệp còn được tham chiếu (${bytesVi(r.referenced.bytes)}), ` +
    `${r.young.files} tệp mới hơn thời gian chờ (${bytesVi(r.young.bytes)})` +
    (r.other.files > 0 ? `, ${r.other.files} tệp không phải của thidua (${bytesVi(r.other.bytes)})` : '') +
    '.',
  missing: (count, shas) =>
    `CẢNH BÁO: ${count} tệp được lịch sử tham chiếu nhưng không có trong thư mục (giá trị không đọc lại được): ` +
    `${shas.join(', ')}${count > shas.length ? ', …' : ''}`,
  failed: (count) => `Không xóa được ${count} tệp:`,
  failedLine: (file, why) => `  ${file}: ${why}`,
};

export const vi: CliTexts = {
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
      ...CONFERENCE_HELP.vi,
      'schedule create': 'lịch định kỳ từ tệp mẫu: --every half-year|year [--id MÃ] [--start-period 2027-h1]',
      'schedule list': 'các lịch định kỳ và lần chạy tới',
      'schedule pause': 'tạm dừng lịch định kỳ --reason LÝ DO',
      'schedule resume': 'cho lịch định kỳ chạy lại',
      'schedule trigger': 'chạy ngay kỳ hiện tại',
      'schedule backfill': 'chạy bù các kỳ đã qua --from KỲ --to KỲ',
      'schedule delete': 'xóa lịch định kỳ (các đợt đã bắt đầu vẫn chạy)',
      'payloads sweep': PAYLOADS_VI.help,
      'awards status':
        'xét khen thưởng: hồ sơ theo trang, tiến độ bỏ phiếu, kết quả [--as LOGIN] [--page N] [--page-size N] [--unit ĐƠN_VỊ] [--to-vote]',
      'awards vote':
        'bỏ phiếu HỒ_SƠ approve|reject|abstain --as LOGIN [--form MÃ] [--reason LÝ DO] (thành viên Hội đồng)',
      'awards written-vote':
        'ghi phiếu bằng văn bản của thành viên vắng mặt --member TÀI_KHOẢN --as LOGIN (chuyên viên)',
      'awards vote-sheet':
        'gửi phiếu tổng hợp (nhiều hồ sơ một lần) --member TÀI_KHOẢN --file PHIẾU.csv --as LOGIN; CSV: mã hồ sơ, ý kiến (đồng ý/không đồng ý/không biểu quyết), mã hình thức, lý do (thành viên; chuyên viên ghi phiếu văn bản)',
      'awards close': 'kết thúc bỏ phiếu --as LOGIN (Chủ tịch Hội đồng)',
      'awards decide': 'ghi số, ngày quyết định khen thưởng --number SỐ --date dd/MM/yyyy --as LOGIN (chuyên viên)',
      'campaign report':
        'thống kê khen thưởng theo hình thức, tập thể và cá nhân: một đợt, hoặc cả năm --year NĂM [--xlsx TỆP]',
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
      ['Đợt cấp trên', r.parent && `${r.parent.campaignId} (kết quả nộp thay cho đơn vị ${r.parent.unitId})`],
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
  phase: phaseStateName,
  phaseLine: (phase, wf, ui) => `Giai đoạn: ${phase} · Workflow: ${wf} · ${ui}`,
  countsLine: (total, counts, locked) => `Đơn vị: ${total} · ${counts} · đã khóa: ${locked}`,
  deadlinePhaseLine: (n, name, id, deadline, state, counts) =>
    `  ${n}. ${name} (${id}) — hạn ${deadline} — ` +
    (state === 'current' ? 'đang nhận hồ sơ' : state === 'later' ? 'chưa mở' : `đã khóa: ${counts}`),
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
  payloads: PAYLOADS_VI,

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
    owes: (items) => `Hồ sơ cần nộp: ${items}`,
    unitOwes: (unit, items) => `Riêng ${unit}: ${items}`,
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

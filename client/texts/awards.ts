/** The `thidua awards …` and `thidua campaign report` texts, Vietnamese and English (beside `vi.ts`/`en.ts`). */
import { SKIP_REASONS, type SkipCode } from '../../app/award-statistics';
import { shareCapWords } from '../../domain/award-rules';
import { AWARDS_STATE_LABELS } from '../../domain/award-view';
import { isoDayVn } from '../../domain/iso-day';
import type { AwardNominationState, AwardsState, ShareCapHit } from '../../domain/award-types';

export interface AwardsTexts {
  usage: string;
  reportUsage: string;
  needsAs: string;
  unknownLogin: (login: string) => string;
  badChoice: (value: string) => string;
  badDate: (value: string) => string;
  title: (campaignId: string, state: string) => string;
  state: Record<AwardsState, string>;
  nominationState: Record<AwardNominationState, string>;
  /** Why a nomination the vote approved was turned down by a share cap. */
  capped: (hit: ShareCapHit) => string;
  deadline: (local: string) => string;
  noDeadline: string;
  counts: (reminders: number, escalations: number) => string;
  decision: (number: string, date: string, by: string) => string;
  membersHeader: string[];
  chair: string;
  nominationsHeader: string[];
  kind: { collective: string; individual: string };
  ownVotes: (n: number) => string;
  noFile: (file: string) => string;
  badSheet: (file: string, problems: number) => string;
  done: {
    /** `member` only for a written sheet recorded by the clerk. */
    voteSheet: (campaignId: string, lines: number, member: string | undefined, voted: number, toVote: number) => string;
    vote: (campaignId: string, nominationId: string) => string;
    writtenVote: (campaignId: string, nominationId: string, member: string) => string;
    close: (campaignId: string) => string;
    decide: (campaignId: string, number: string) => string;
  };
  reportTitle: (campaignId: string, decision?: string) => string;
  reportNotDecided: string;
  badYear: (value: string) => string;
  yearWithCampaign: string;
  yearTitle: (year: number, campaigns: number) => string;
  counted: string;
  skipped: string;
  decisionOf: (number: string, date: string) => string;
  skipReason: Record<SkipCode, string>;
  xlsxWritten: (file: string) => string;
  /** `--page`/`--page-size`: a whole number from 1. */
  badPage: (option: string, value: string) => string;
  /** Under the nominations' table when they are more than a page (issue 17). */
  pageOf: (page: number, pages: number, shown: number, total: number) => string;
  stateCounts: (counts: Record<AwardNominationState, number>) => string;
}

export const AWARDS_VI: AwardsTexts = {
  usage:
    'thidua awards status CAMPAIGN [--as LOGIN] [--page N] [--page-size N] [--unit ĐƠN_VỊ] [--to-vote] [--json] | vote CAMPAIGN HỒ_SƠ approve|reject|abstain --as LOGIN [--form MÃ] [--reason LÝ DO] | vote-sheet CAMPAIGN --member TÀI_KHOẢN --file PHIẾU.csv --as LOGIN | written-vote CAMPAIGN HỒ_SƠ approve|reject|abstain --member TÀI_KHOẢN --as LOGIN [--form MÃ] [--reason LÝ DO] | close CAMPAIGN --as LOGIN | decide CAMPAIGN --number SỐ --date dd/MM/yyyy --as LOGIN',
  reportUsage: 'thidua campaign report CAMPAIGN|--year NĂM [--json] [--xlsx TỆP.xlsx]',
  needsAs: '--as LOGIN: tài khoản thực hiện (vai trò của tài khoản quyết định việc được làm)',
  unknownLogin: (login) =>
    `không có tài khoản "${login}"; tạo bằng thidua secretariat add-user ${login} --name "Họ tên"`,
  badChoice: (value) =>
    `phiếu "${value}": một trong approve (đồng ý), reject (không đồng ý), abstain (không biểu quyết)`,
  badDate: (value) => `--date "${value}": không phải một ngày; ghi dạng ngày/tháng/năm, ví dụ 25/11/2009`,
  title: (id, state) => `Xét khen thưởng — đợt ${id}: ${state}`,
  state: AWARDS_STATE_LABELS,
  capped: shareCapWords,
  nominationState: {
    'in-vote': 'đang xét',
    'higher-level': 'đề nghị cấp trên',
    approved: 'đạt',
    rejected: 'không đạt',
    'no-quorum': 'không đủ số thành viên biểu quyết',
  },
  deadline: (local) => `Hạn bỏ phiếu: ${local}`,
  noDeadline: 'Hạn bỏ phiếu: không ấn định',
  counts: (r, e) => `Đã nhắc ${r} lần; đã báo Chủ tịch Hội đồng ${e} lần`,
  decision: (number, date, by) => `Quyết định số ${number} ngày ${date} (${by})`,
  membersHeader: ['Tài khoản', 'Thành viên', 'Đơn vị', 'Đã bỏ phiếu'],
  chair: ' (Chủ tịch)',
  nominationsHeader: [
    'Hồ sơ',
    'Đơn vị',
    'Đối tượng',
    'Tên',
    'Hình thức đề nghị',
    'Kết quả',
    'Đồng ý/Không/Không BQ/Chưa',
  ],
  kind: { collective: 'tập thể', individual: 'cá nhân' },
  ownVotes: (n) => `Phiếu của bạn: ${n}`,
  noFile: (file) => `--file "${file}": không đọc được tệp (kiểm tra đường dẫn)`,
  badSheet: (file, n) =>
    `Tệp phiếu ${file} có ${n} lỗi; không phiếu nào được gửi (mỗi dòng: mã hồ sơ, ý kiến, mã hình thức, lý do):`,
  done: {
    voteSheet: (id, lines, member, voted, toVote) =>
      `Đã ghi phiếu tổng hợp${member ? ` bằng văn bản của ${member}` : ''}: ${lines} hồ sơ (đợt ${id}); đã bỏ phiếu ${voted}/${toVote} hồ sơ.`,
    vote: (id, n) => `Đã ghi phiếu cho hồ sơ ${n} (đợt ${id}).`,
    writtenVote: (id, n, m) => `Đã ghi phiếu bằng văn bản của ${m} cho hồ sơ ${n} (đợt ${id}).`,
    close: (id) => `Đã kết thúc bỏ phiếu (đợt ${id}); biên bản kiểm phiếu đang được lập.`,
    decide: (id, number) => `Đã ghi Quyết định số ${number} (đợt ${id}); các đơn vị sẽ được thông báo kết quả.`,
  },
  reportTitle: (id, decision) => `Thống kê khen thưởng — đợt ${id}${decision ? ` (Quyết định số ${decision})` : ''}`,
  reportNotDecided: '(chưa có quyết định khen thưởng: số liệu theo kết quả bỏ phiếu đến nay)',
  badYear: (value) => `--year "${value}": ghi năm bằng bốn chữ số, từ 2000 đến 2100, ví dụ --year 2026`,
  yearWithCampaign: 'thống kê một đợt (CAMPAIGN) hoặc cả năm (--year NĂM), không cả hai',
  yearTitle: (year, n) => `Thống kê khen thưởng năm ${year} — ${n} đợt có quyết định khen thưởng ký trong năm`,
  counted: 'Các đợt được tính:',
  skipped: 'Các đợt không tính:',
  decisionOf: (number, date) => `Quyết định số ${number} ngày ${isoDayVn(date)}`,
  skipReason: SKIP_REASONS,
  xlsxWritten: (file) => `Đã ghi bảng thống kê vào ${file}`,
  badPage: (option, value) => `${option} "${value}": ghi một số nguyên từ 1`,
  pageOf: (page, pages, shown, total) =>
    `Trang ${page}/${pages}: ${shown} trong ${total} hồ sơ; xem trang khác bằng --page N`,
  stateCounts: (c) =>
    `Hồ sơ: ${c['in-vote']} đang biểu quyết, ${c.approved} được thông qua, ${c.rejected} không được thông qua, ` +
    `${c['no-quorum']} không đủ số phiếu, ${c['higher-level']} đề nghị cấp trên`,
};

export const AWARDS_EN: AwardsTexts = {
  usage:
    'thidua awards status CAMPAIGN [--as LOGIN] [--page N] [--page-size N] [--unit UNIT] [--to-vote] [--json] | vote CAMPAIGN NOMINATION approve|reject|abstain --as LOGIN [--form CODE] [--reason TEXT] | vote-sheet CAMPAIGN --member ACCOUNT --file VOTES.csv --as LOGIN | written-vote CAMPAIGN NOMINATION approve|reject|abstain --member ACCOUNT --as LOGIN [--form CODE] [--reason TEXT] | close CAMPAIGN --as LOGIN | decide CAMPAIGN --number NUMBER --date dd/MM/yyyy --as LOGIN',
  reportUsage: 'thidua campaign report CAMPAIGN|--year YEAR [--json] [--xlsx FILE.xlsx]',
  needsAs: '--as LOGIN: the account acting (its roles decide what it may do)',
  unknownLogin: (login) =>
    `no account "${login}"; create it with thidua secretariat add-user ${login} --name "Full name"`,
  badChoice: (value) => `vote "${value}": one of approve, reject, abstain`,
  badDate: (value) => `--date "${value}": not a date; write it day/month/year, e.g. 25/11/2009`,
  title: (id, state) => `Awards — campaign ${id}: ${state}`,
  state: {
    voting: 'the council is voting',
    closed: 'vote closed, awaiting the decision',
    decided: 'award decision issued',
    cancelled: 'cancelled',
  },
  capped: (h) =>
    `over the ${h.percent}% share of ${h.base} ${h.of === 'collective' ? 'collectives' : 'individuals'}, at most ${h.cap}`,
  nominationState: {
    'in-vote': 'in vote',
    'higher-level': 'proposed to the higher level',
    approved: 'approved',
    rejected: 'rejected',
    'no-quorum': 'no quorum',
  },
  deadline: (local) => `Vote deadline: ${local}`,
  noDeadline: 'Vote deadline: none set',
  counts: (r, e) => `Reminders sent: ${r}; chair told: ${e}`,
  decision: (number, date, by) => `Decision no. ${number} of ${date} (${by})`,
  membersHeader: ['Account', 'Member', 'Unit', 'Voted'],
  chair: ' (chair)',
  nominationsHeader: [
    'Nomination',
    'Unit',
    'Kind',
    'Name',
    'Proposed form',
    'Outcome',
    'For/Against/Abstain/Not voted',
  ],
  kind: { collective: 'collective', individual: 'individual' },
  ownVotes: (n) => `Your votes: ${n}`,
  noFile: (file) => `--file "${file}": the file cannot be read (check the path)`,
  badSheet: (file, n) =>
    `The vote file ${file} has ${n} problem(s); no vote was sent (each line: nomination id, choice, form code, reason):`,
  done: {
    voteSheet: (id, lines, member, voted, toVote) =>
      `Vote sheet${member ? ` (written, of ${member})` : ''} recorded: ${lines} nominations (campaign ${id}); voted on ${voted}/${toVote}.`,
    vote: (id, n) => `Vote recorded on nomination ${n} (campaign ${id}).`,
    writtenVote: (id, n, m) => `Written vote of ${m} recorded on nomination ${n} (campaign ${id}).`,
    close: (id) => `Vote closed (campaign ${id}); the minutes are being drawn up.`,
    decide: (id, number) => `Decision no. ${number} recorded (campaign ${id}); units will be told their results.`,
  },
  reportTitle: (id, decision) => `Award statistics — campaign ${id}${decision ? ` (decision no. ${decision})` : ''}`,
  reportNotDecided: '(no award decision yet: counts as voted so far)',
  badYear: (value) => `--year "${value}": write the year in four digits, 2000 to 2100, e.g. --year 2026`,
  yearWithCampaign: 'report one campaign (CAMPAIGN) or a whole year (--year YEAR), not both',
  yearTitle: (year, n) => `Award statistics ${year} — ${n} campaign(s) with an award decision signed in the year`,
  counted: 'Campaigns counted:',
  skipped: 'Campaigns not counted:',
  decisionOf: (number, date) => `decision no. ${number} of ${date}`,
  skipReason: {
    'no-awards': 'the campaign has no awards phase (the council has not voted)',
    voting: 'the council is voting; no award decision yet',
    closed: 'the vote is closed; the decision number and date are not recorded yet',
    cancelled: 'the awards phase was cancelled; no decision',
    'no-decision': 'no award decision yet',
  },
  xlsxWritten: (file) => `Statistics table written to ${file}`,
  badPage: (option, value) => `${option} "${value}": a whole number from 1`,
  pageOf: (page, pages, shown, total) =>
    `Page ${page}/${pages}: ${shown} of ${total} nominations; see another page with --page N`,
  stateCounts: (c) =>
    `Nominations: ${c['in-vote']} in vote, ${c.approved} approved, ${c.rejected} rejected, ` +
    `${c['no-quorum']} without quorum, ${c['higher-level']} proposed to the higher level`,
};

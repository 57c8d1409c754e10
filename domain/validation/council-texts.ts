/**
 * The words of the nominations quota's, the awards council's and the invitees' validation problems
 * (merged into `texts.ts`'s tables, which pass how a place in the file is written).
 */
import type { Place } from './texts';

type None = Record<string, never>;

export const councilEn = (place: (p: Place) => string) => ({
  quotaRequiredZero: (_: None) =>
    'nominations are required but the quota allows none (total: 0); set total to at least 1, or make nominations optional (required: false)',
  quotaKindsZero: (p: { total: number }) =>
    `the quota allows ${p.total} nomination${p.total === 1 ? '' : 's'} in all but 0 collectives and 0 individuals, so none can be made; raise collective or individual (e.g. collective: 1, individual: 1), or leave them out`,
  quotaKindAboveTotal: (p: { kind: string; limit: number; total: number }) =>
    `${p.kind}: ${p.limit} is more than total: ${p.total}; at most ${p.total} can be nominated in all — lower ${p.kind} to ${p.total} or raise total`,
  unknownInvitee: (p: { invitee: string; guess?: string }) =>
    `no unit has the id "${p.invitee}"; ${p.guess ? `did you mean "${p.guess}"? Invitees` : 'invitees'} are unit ids from units (sub-units included), or "all"`,
  councilAccountTwice: (p: { account: string; place: Place }) =>
    `the account "${p.account}" is already a council member (${place(p.place)}); each member votes once — remove the repeated member or correct the account`,
  councilUnknownUnit: (p: { unitId: string; guess?: string }) =>
    `no participating unit has the id "${p.unitId}"${p.guess ? `; did you mean "${p.guess}"?` : ''} A member's unitId names a unit of units (sub-units included), from whose nominations the member is recused`,
  voteBeforeWindow: (p: { deadline: string; start: string }) =>
    `the vote deadline (${p.deadline}) comes before the awards phase starts (${p.start}); the council votes on the nominations gathered when the phase opens — set the deadline within the phase`,
  councilNoChair: (_: None) =>
    'the council has no chair: mark exactly one member with chair: true (the chair closes the vote and is told of missing votes)',
  councilChairTwice: (p: { place: Place }) =>
    `the council already has a chair (${place(p.place)}); exactly one member is the chair — remove chair: true here or there`,
});

type CouncilTexts = ReturnType<typeof councilEn>;

export const councilVi = (place: (p: Place) => string): CouncilTexts => ({
  quotaRequiredZero: () =>
    'đề nghị khen thưởng là bắt buộc nhưng chỉ tiêu không cho đề nghị nào (total: 0); hãy để total ít nhất là 1, hoặc cho đề nghị là không bắt buộc (required: false)',
  quotaKindsZero: (p) =>
    `chỉ tiêu cho tổng cộng ${p.total} đề nghị nhưng 0 tập thể và 0 cá nhân, nên không đề nghị được ai; hãy tăng collective hoặc individual (ví dụ collective: 1, individual: 1), hoặc bỏ hai trường này`,
  quotaKindAboveTotal: (p) =>
    `${p.kind}: ${p.limit} lớn hơn total: ${p.total}; tổng cộng chỉ được đề nghị tối đa ${p.total} — hãy giảm ${p.kind} xuống ${p.total} hoặc tăng total`,
  unknownInvitee: (p) =>
    `không có đơn vị nào mang mã "${p.invitee}"; ${p.guess ? `có phải ý bạn là "${p.guess}"? Danh sách mời (invitees)` : 'danh sách mời (invitees)'} ghi mã đơn vị trong units (kể cả đơn vị trực thuộc), hoặc "all"`,
  councilAccountTwice: (p) =>
    `tài khoản "${p.account}" đã là thành viên Hội đồng (${place(p.place)}); mỗi thành viên chỉ bỏ phiếu một lần — hãy bỏ thành viên lặp lại hoặc sửa tài khoản`,
  councilUnknownUnit: (p) =>
    `không có đơn vị tham gia nào mang mã "${p.unitId}"${p.guess ? `; có phải ý bạn là "${p.guess}"?` : ''} Trường unitId của thành viên ghi mã một đơn vị trong units (kể cả đơn vị trực thuộc); thành viên không bỏ phiếu cho hồ sơ của đơn vị đó`,
  voteBeforeWindow: (p) =>
    `hạn bỏ phiếu (${p.deadline}) trước khi giai đoạn xét khen thưởng bắt đầu (${p.start}); Hội đồng bỏ phiếu trên hồ sơ được tập hợp khi giai đoạn mở — hãy đặt hạn trong giai đoạn`,
  councilNoChair: () =>
    'Hội đồng chưa có chủ tịch: hãy ghi chair: true cho đúng một thành viên (chủ tịch kết thúc bỏ phiếu và được báo khi còn thành viên chưa bỏ phiếu)',
  councilChairTwice: (p) =>
    `Hội đồng đã có chủ tịch (${place(p.place)}); chỉ một thành viên là chủ tịch — hãy bỏ chair: true ở một trong hai chỗ`,
});

interface Sizes {
  units: number;
  nominations: number;
  members: number;
  /** Vote sheets the members send: one per member per page of `perSheet` nominations. */
  sheets: number;
  perSheet: number;
  maxNominations: number;
  /** Sheets a vote carries with a round of corrections left. */
  maxSheets: number;
}

/** The awards' size warning: plain tables, no place to write. */
export const scaleEn = {
  awardsMayBeTooLarge: (p: Sizes) =>
    `${p.units} units may send up to ${p.nominations} nominations (their quota); ${p.members} council members vote on them with ${p.sheets} vote sheets (up to ${p.perSheet} nominations a sheet); one council vote carries at most ${p.maxNominations} nominations and ${p.maxSheets} sheets (a round of corrections left), more is refused when the nominations are gathered — split the awards into sub-campaigns by block of units, or lower the quota`,
};

export const scaleVi: typeof scaleEn = {
  awardsMayBeTooLarge: (p) =>
    `${p.units} đơn vị có thể gửi tới ${p.nominations} hồ sơ đề nghị khen thưởng (theo chỉ tiêu); ${p.members} thành viên Hội đồng biểu quyết bằng ${p.sheets} phiếu tổng hợp (mỗi phiếu tối đa ${p.perSheet} hồ sơ); một lần xét của Hội đồng hỗ trợ tối đa ${p.maxNominations} hồ sơ và ${p.maxSheets} phiếu tổng hợp (còn chỗ cho một lượt sửa phiếu), vượt quá sẽ bị từ chối khi tập hợp hồ sơ — hãy chia việc xét khen thưởng thành các đợt con theo khối đơn vị, hoặc giảm chỉ tiêu`,
};

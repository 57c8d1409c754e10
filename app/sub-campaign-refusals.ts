/**
 * The words of a refused sub-campaign start, in both languages, written once: the CLI's error table
 * (`client/messages.ts`) and the web pages' call {@link subCampaignRefusal} with the input and the
 * `|`-separated facts of the {@link AppError}.
 */
import type { InvalidInput, SubCampaignInput } from './temporal-errors';

const INPUTS: readonly SubCampaignInput[] = [
  'parent-not-found',
  'parent-ended',
  'parent-unit-unknown',
  'parent-phase-unknown',
  'parent-unit-locked',
  'deadlines-do-not-nest',
  'parent-rehearsed',
  'parent-not-rehearsed',
  'rehearsal-factor',
];

export function isSubCampaignInput(input: InvalidInput | undefined): input is SubCampaignInput {
  return INPUTS.includes(input as SubCampaignInput);
}

const NOT_STARTED = { vi: 'đợt con chưa được bắt đầu', en: 'the sub-campaign was not started' };

export function subCampaignRefusal(input: SubCampaignInput, value: string, lang: 'vi' | 'en'): string {
  const [a = '', b = '', c = '', d = '', e = ''] = value.split('|');
  const end = NOT_STARTED[lang];
  if (lang === 'en') {
    switch (input) {
      case 'parent-not-found':
        return `there is no parent campaign "${a}" (campaign.parent.campaign); start the parent first, or correct its id — ${end}`;
      case 'parent-ended':
        return `the parent campaign "${a}" has already ended (closed or cancelled): it takes no result any more — ${end}`;
      case 'parent-unit-unknown':
        return `"${a}" is not a unit of the parent campaign "${b}" (campaign.parent.unit); its units are: ${c} — ${end}`;
      case 'parent-phase-unknown':
        return `the parent campaign "${b}" has no deadline phase "${a}" (campaign.parent.phase); its deadline phases: ${c} — ${end}`;
      case 'parent-unit-locked':
        return `unit "${a}" of the parent campaign "${b}" is locked since ${c}: it takes no submission any more — ${end}`;
      case 'deadlines-do-not-nest':
        return `the deadlines do not nest: this campaign's synthesis approval deadline (${a}) falls after unit "${c}"'s deadline in the parent campaign "${d}" (${b}, ${e}); approve the synthesis before it — move the approval deadline earlier, or ask the parent for an extension — ${end}`;
      case 'parent-rehearsed':
        return `the parent campaign "${a}" is a rehearsal (${b}): start this sub-campaign with --rehearse ${b} too, so that it runs on the parent's clock — ${end}`;
      case 'parent-not-rehearsed':
        return `the parent campaign "${a}" runs on the real calendar: a sub-campaign of it cannot be a rehearsal (--rehearse ${b}); start it without --rehearse — ${end}`;
      case 'rehearsal-factor':
        return `the parent campaign "${a}" is rehearsed at ${b}, not ${c}: a sub-campaign runs on its parent's clock — use --rehearse ${b} — ${end}`;
    }
  }
  switch (input) {
    case 'parent-not-found':
      return `không có đợt cấp trên "${a}" (campaign.parent.campaign); hãy bắt đầu đợt cấp trên trước, hoặc sửa lại mã đợt — ${end}`;
    case 'parent-ended':
      return `đợt cấp trên "${a}" đã kết thúc (đã đóng hoặc đã hủy): không còn nhận kết quả — ${end}`;
    case 'parent-unit-unknown':
      return `"${a}" không phải là đơn vị của đợt cấp trên "${b}" (campaign.parent.unit); các đơn vị của đợt đó: ${c} — ${end}`;
    case 'parent-phase-unknown':
      return `đợt cấp trên "${b}" không có giai đoạn nộp hồ sơ "${a}" (campaign.parent.phase); các giai đoạn nộp hồ sơ: ${c} — ${end}`;
    case 'parent-unit-locked':
      return `đơn vị "${a}" của đợt cấp trên "${b}" đã khóa nhận hồ sơ từ ${c}: không còn nhận hồ sơ — ${end}`;
    case 'deadlines-do-not-nest':
      return `thời hạn không lồng nhau: hạn phê duyệt báo cáo tổng hợp của đợt này (${a}) sau hạn nộp của đơn vị "${c}" trong đợt cấp trên "${d}" (${b}, ${e}); báo cáo phải được phê duyệt trước hạn đó — hãy đặt hạn phê duyệt sớm hơn, hoặc đề nghị cấp trên gia hạn — ${end}`;
    case 'parent-rehearsed':
      return `đợt cấp trên "${a}" đang chạy diễn tập (${b}): hãy bắt đầu đợt con này cũng với --rehearse ${b}, để chạy theo đồng hồ của đợt cấp trên — ${end}`;
    case 'parent-not-rehearsed':
      return `đợt cấp trên "${a}" chạy theo lịch thật: đợt con của nó không thể chạy diễn tập (--rehearse ${b}); hãy bắt đầu mà không có --rehearse — ${end}`;
    case 'rehearsal-factor':
      return `đợt cấp trên "${a}" diễn tập với tỉ lệ ${b}, không phải ${c}: đợt con chạy theo đồng hồ của đợt cấp trên — hãy dùng --rehearse ${b} — ${end}`;
  }
}

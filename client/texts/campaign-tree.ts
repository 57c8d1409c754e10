/**
 * What `thidua campaign status` prints about the campaign tree (issue 15, item 1), in Vietnamese
 * (default) and English (`--lang en`): a sub-campaign's parent and its result sent up, a parent's
 * sub-campaigns. Kept beside the other tables, as the schedules' are, so the status texts stay short.
 */
import type { SubCampaignProgress, SubCampaignResultOutcome } from '../../domain/sub-campaign-types';
import type { Lang } from '../messages';

export interface CampaignTreeCliTexts {
  /** "Đợt cấp trên: <id>, đơn vị <name> (<unit id>)". */
  parentLine: (parentId: string, unitId: string, unitName?: string) => string;
  /** A parent above the parent (three levels and more), nearest first. */
  ancestorLine: (parentId: string, unitId: string, unitName?: string) => string;
  /** Where the result goes and the follow rules, once the campaign's own view answers. */
  /** `phase`: the parent phase's name in its plan, or its id when the name is unknown (older links). */
  rulesLine: (phase: string | undefined, follow: boolean, cancelToo: boolean) => string;
  /** What became of the result sent up (`local` formats an instant in the campaign's zone). */
  result: (outcome: SubCampaignResultOutcome | undefined, local: (utc: string) => string) => string;
  resultUnread: string;
  section: (count: number) => string;
  header: string[];
  /** Added to a unit's name in the units table when it runs a sub-campaign. */
  runsMark: string;
  /** Added to a sub-campaign's title in `campaign list`. */
  listSuffix: (parentId: string, unitId?: string) => string;
  /** The column after {@link header}: the sub-campaign's units' progress, read from visibility. */
  progressHeader: string;
  progress: (p: SubCampaignProgress) => string;
}

const vi: CampaignTreeCliTexts = {
  parentLine: (id, unitId, name) => `Đợt cấp trên: ${id}, đơn vị ${name ? `${name} (${unitId})` : unitId}`,
  ancestorLine: (id, unitId, name) => `  ↳ là đợt con của ${id}, đơn vị ${name ? `${name} (${unitId})` : unitId}`,
  rulesLine: (phase, follow, cancelToo) =>
    `  Kết quả nộp vào giai đoạn ${phase ? `"${phase}"` : '(giai đoạn nộp đầu tiên)'} của đợt cấp trên · ` +
    `gia hạn của cấp trên: ${follow ? 'lùi hạn theo' : 'giữ hạn của đợt này'} · ` +
    `cấp trên hủy đợt: ${cancelToo ? 'hủy theo' : 'đợt này vẫn tiếp tục'}`,
  result: (o, local) =>
    !o
      ? 'Kết quả: chưa gửi lên đợt cấp trên (gửi khi báo cáo tổng hợp của đợt này được phê duyệt)'
      : o.sent
        ? `Kết quả: đã gửi lên đợt cấp trên, nhận lúc ${local(o.receivedAt)}${o.late ? ' (nộp muộn)' : ' (đúng hạn)'}` +
          `, kèm ${o.nominations} đề nghị khen thưởng`
        : `Kết quả: đợt cấp trên không nhận — ${o.reason}`,
  resultUnread: 'Kết quả gửi lên: tạm không đọc được (worker không trả lời); chạy lại lệnh sau.',
  section: (n) => `Đợt con (${n}):`,
  header: ['Đơn vị', 'Tên đơn vị', 'Mã đợt con', 'Giai đoạn', 'Workflow'],
  runsMark: ' (có đợt con)',
  listSuffix: (id, unit) => ` (đợt con của ${id}${unit ? `, đơn vị ${unit}` : ''})`,
  progressHeader: 'Tiến độ của đợt con',
  progress: (p) => `đã nộp ${p.submitted + p.late}/${p.total} (muộn ${p.late}) · quá hạn, chưa nộp ${p.missing}`,
};

const en: CampaignTreeCliTexts = {
  parentLine: (id, unitId, name) => `Parent campaign: ${id}, unit ${name ? `${name} (${unitId})` : unitId}`,
  ancestorLine: (id, unitId, name) =>
    `  ↳ itself a sub-campaign of ${id}, unit ${name ? `${name} (${unitId})` : unitId}`,
  rulesLine: (phase, follow, cancelToo) =>
    `  The result goes to the parent's phase ${phase ? `"${phase}"` : '(its first deadline phase)'} · ` +
    `parent's extensions: ${follow ? 'followed' : 'not followed'} · ` +
    `parent cancelled: ${cancelToo ? 'this one too' : 'this one goes on'}`,
  result: (o, local) =>
    !o
      ? 'Result: not sent to the parent yet (it goes when this campaign’s synthesis is approved)'
      : o.sent
        ? `Result: sent to the parent, received ${local(o.receivedAt)}${o.late ? ' (late)' : ' (on time)'}` +
          `, with ${o.nominations} award nomination(s)`
        : `Result: refused by the parent — ${o.reason}`,
  resultUnread: 'Result sent up: unreadable for now (no worker answered); run the command again later.',
  section: (n) => `Sub-campaigns (${n}):`,
  header: ['Unit', 'Unit name', 'Sub-campaign', 'Phase', 'Workflow'],
  runsMark: ' (runs a sub-campaign)',
  listSuffix: (id, unit) => ` (sub-campaign of ${id}${unit ? `, unit ${unit}` : ''})`,
  progressHeader: 'Its units',
  progress: (p) => `submitted ${p.submitted + p.late}/${p.total} (late ${p.late}) · missing ${p.missing}`,
};

export function campaignTreeTexts(lang: Lang): CampaignTreeCliTexts {
  return lang === 'en' ? en : vi;
}

/**
 * What became of a parent's sub-campaigns after an extension or a cancellation, in both languages:
 * the CLI prints the lines, the dashboard's message the sentence.
 */
import type { FollowOutcome } from './sub-campaign-follow';
import type { AppErrorCode } from './temporal-errors';

/** Failures that carry no words of their own (no refusal): said by their code. */
const CODE_VI: Partial<Record<AppErrorCode, string>> = {
  'no-worker': 'không có worker nào nhận việc',
  'timed-out': 'không có worker nào trả lời kịp (yêu cầu có thể vẫn được thực hiện)',
  unavailable: 'không kết nối được máy chủ Temporal',
  'not-found': 'không tìm thấy đợt',
  'already-completed': 'đợt đã kết thúc',
};
const CODE_EN: Partial<Record<AppErrorCode, string>> = {
  'no-worker': 'no worker is polling',
  'timed-out': 'no worker answered in time (the request may still apply)',
  unavailable: 'the Temporal server is unavailable',
  'not-found': 'no such campaign',
  'already-completed': 'the campaign has ended',
};
const said = (o: FollowOutcome, codes: typeof CODE_VI) => (o.errorCode && codes[o.errorCode]) ?? o.error ?? '';

/** The plan's part of an extension: the new synthesis approval deadline (the units' too unless they had locked). */
const extendedVi = (o: FollowOutcome) =>
  (o.planOnly ? 'các đơn vị đã khóa, kế hoạch còn lại dời theo' : `đã gia hạn theo, hạn mới ${o.detail ?? ''}`) +
  (o.approvalDeadline
    ? `${o.planOnly ? '' : '; kế hoạch còn lại dời theo'}, hạn phê duyệt báo cáo tổng hợp mới ${o.approvalDeadline}`
    : '');
const extendedEn = (o: FollowOutcome) =>
  (o.planOnly ? 'its units had locked, the rest of its plan moved' : `extended too, new deadline ${o.detail ?? ''}`) +
  (o.approvalDeadline
    ? `${o.planOnly ? '' : '; the rest of its plan moved'}, new synthesis approval deadline ${o.approvalDeadline}`
    : '');

const VI: Record<FollowOutcome['result'], (o: FollowOutcome) => string> = {
  extended: extendedVi,
  cancelled: () => 'đã hủy theo',
  kept: () => 'giữ nguyên hạn (onParentExtension: keep)',
  continued: () => 'vẫn tiếp tục (onParentCancel: continue)',
  skipped: (o) => `không liên quan (${o.detail ?? ''})`,
  failed: (o) => `KHÔNG thực hiện được: ${said(o, CODE_VI)}`,
};

const EN: Record<FollowOutcome['result'], (o: FollowOutcome) => string> = {
  extended: extendedEn,
  cancelled: () => 'cancelled too',
  kept: () => 'keeps its deadline (onParentExtension: keep)',
  continued: () => 'runs on (onParentCancel: continue)',
  skipped: (o) => `not concerned (${o.detail ?? ''})`,
  failed: (o) => `NOT done: ${said(o, CODE_EN)}`,
};

/** One line per sub-campaign, its own sub-campaigns indented below it (the tree); nothing when there is none. */
export function subCampaignLines(outcomes: FollowOutcome[] | undefined, lang: 'vi' | 'en'): string {
  if (!outcomes?.length) return '';
  const words = lang === 'en' ? EN : VI;
  const head = lang === 'en' ? 'Sub-campaigns:' : 'Các đợt con:';
  const unit = (o: FollowOutcome) =>
    o.campaignId === '*' ? '' : lang === 'en' ? ` (unit ${o.unitId})` : ` (đơn vị ${o.unitId})`;
  const name = (o: FollowOutcome) =>
    o.campaignId === '*' ? (lang === 'en' ? 'listing' : 'tìm đợt con') : o.campaignId;
  const lines = (list: FollowOutcome[], depth: number): string =>
    list
      .map(
        (o) =>
          `${'  '.repeat(depth + 1)}- ${name(o)}${unit(o)}: ${words[o.result](o)}\n` +
          lines(o.subCampaigns ?? [], depth + 1),
      )
      .join('');
  return `${head}\n${lines(outcomes, 0)}`;
}

/** The same in one Vietnamese sentence (the dashboard's message after the action); '' when there is none. */
export function subCampaignSentence(outcomes: FollowOutcome[] | undefined): string {
  const shown = (outcomes ?? []).filter((o) => o.result !== 'skipped');
  if (shown.length === 0) return '';
  const one = (o: FollowOutcome): string => {
    const below = (o.subCampaigns ?? []).filter((c) => c.result !== 'skipped');
    return (
      (o.campaignId === '*'
        ? `tìm đợt con: ${VI[o.result](o)}`
        : `${o.campaignId} (đơn vị ${o.unitId}) ${VI[o.result](o)}`) +
      (below.length ? ` (đợt con của nó: ${below.map(one).join('; ')})` : '')
    );
  };
  return ` Đợt con: ${shown.map(one).join('; ')}.`;
}

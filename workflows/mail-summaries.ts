/**
 * What the Temporal UI shows for the later phases' mail activities: the message in words and who it
 * goes to, not its idempotency key ("Gửi thư: v1/draft"). The key stays in brackets, for an operator
 * matching the activity to the sent log. Summaries are metadata: replays do not compare them.
 */
import type { AwardMailKind } from '../domain/award-workflow-types';
import type { ConferenceMessageKind } from '../domain/conference-types';

const SYNTHESIS_MAILS = {
  mailSynthesis: 'Gửi dự thảo báo cáo tổng hợp → người phê duyệt',
  remindSynthesisApproval: 'Nhắc phê duyệt dự thảo → người phê duyệt',
  escalateSynthesisApproval: 'Báo chưa phê duyệt → Thường trực',
  synthesisReturned: 'Báo dự thảo được trả lại để sửa',
  synthesisApproved: 'Báo báo cáo tổng hợp đã được phê duyệt',
} as const;

export type SynthesisMailActivity = keyof typeof SYNTHESIS_MAILS;

export const synthesisMailSummary = (activity: SynthesisMailActivity, key: string): string =>
  `${SYNTHESIS_MAILS[activity]} [${key}]`;

const CONFERENCE_MAILS: Record<ConferenceMessageKind, string> = {
  invitation: 'Gửi giấy mời',
  updated: 'Gửi giấy mời (thay đổi)',
  cancelled: 'Báo hủy hội nghị',
  'reply-reminder': 'Nhắc trả lời giấy mời',
  'reply-escalation': 'Báo chưa trả lời giấy mời',
  'attendee-reminder': 'Nhắc người dự hội nghị',
};

export const conferenceMailSummary = (kind: ConferenceMessageKind, recipients: number, key: string): string =>
  `${CONFERENCE_MAILS[kind]} → ${recipients} khách mời [${key.split('/conference/').pop()}]`;

const AWARD_MAILS: Record<AwardMailKind, string> = {
  'vote-open': 'Mời Hội đồng bỏ phiếu',
  'vote-reminder': 'Nhắc thành viên chưa bỏ phiếu',
  'vote-escalation': 'Báo Chủ tịch Hội đồng: còn thành viên chưa bỏ phiếu',
  'vote-closed': 'Báo kết thúc bỏ phiếu, gửi biên bản',
  'decision-issued': 'Gửi quyết định khen thưởng',
};

export const awardMailSummary = (kind: AwardMailKind, key: string): string =>
  `${AWARD_MAILS[kind]} [${key.split('/awards/').pop()}]`;

/** What `thidua schedule …` prints, in Vietnamese (default) and English (`--lang en`). */
import type { Every } from '../../domain/periods';
import { groupUsage } from '../commands/synopsis';
import type { Lang } from '../messages';

export interface ScheduleCliTexts {
  usage: string;
  every: Record<Every, string>;
  created: (id: string, every: string, first: string, campaignId: string) => string;
  templateKept: (file: string) => string;
  nextRunsHeader: string;
  nextRun: (local: string, period: string) => string;
  none: string;
  listHeader: string[];
  paused: (note?: string) => string;
  active: string;
  didPause: (id: string) => string;
  didResume: (id: string) => string;
  didDelete: (id: string) => string;
  triggered: (id: string, period: string) => string;
  starterPending: (workflowId: string) => string;
  starterFailed: (message: string) => string;
  backfilled: (id: string, periods: string[]) => string;
  notes: string;
}

const vi: ScheduleCliTexts = {
  // Each action's synopsis, from the commands' option table.
  usage: groupUsage('schedule', ['create', 'list', 'pause', 'resume', 'trigger', 'backfill', 'delete']),
  every: { 'half-year': 'mỗi nửa năm', year: 'mỗi năm' },
  created: (id, every, first, campaignId) =>
    `Đã tạo lịch định kỳ ${id} (${every}); kỳ đầu ${first} sẽ bắt đầu đợt ${campaignId}.`,
  templateKept: (file) =>
    `Mẫu đã được lưu lại: sửa ${file} sau này không đổi lịch; muốn đổi mẫu, xóa lịch (thidua schedule delete) rồi tạo lại.`,
  nextRunsHeader: 'Các lần chạy tới (giờ Việt Nam):',
  nextRun: (local, period) => `  ${local} — kỳ ${period}`,
  none: 'Chưa có lịch định kỳ nào.',
  listHeader: ['Mã lịch', 'Mẫu', 'Chu kỳ', 'Lần chạy tới (giờ Việt Nam)', 'Trạng thái'],
  paused: (note) => `tạm dừng${note ? `: ${note}` : ''}`,
  active: 'đang chạy',
  didPause: (id) => `Đã tạm dừng lịch ${id}; các đợt đã bắt đầu vẫn chạy.`,
  didResume: (id) => `Lịch ${id} chạy lại.`,
  didDelete: (id) => `Đã xóa lịch ${id} và mẫu đã lưu; các đợt đã bắt đầu vẫn chạy.`,
  triggered: (id, period) => `Đã kích hoạt lịch ${id} cho kỳ ${period}.`,
  starterPending: (wf) => `Đợt đang được bắt đầu (luồng ${wf}); xem bằng thidua campaign list.`,
  starterFailed: (m) => m,
  backfilled: (id, periods) => `Đã chạy bù lịch ${id} cho ${periods.length} kỳ: ${periods.join(', ')}.`,
  notes: 'Lưu ý khi dời ngày:',
};

const en: ScheduleCliTexts = {
  usage: vi.usage,
  every: { 'half-year': 'every half-year', year: 'every year' },
  created: (id, every, first, campaignId) =>
    `Schedule ${id} made (${every}); its first period ${first} will start campaign ${campaignId}.`,
  templateKept: (file) =>
    `The template was stored: later edits of ${file} do not change the schedule; to change it, delete the schedule (thidua schedule delete) and make it again.`,
  nextRunsHeader: 'Next runs (Việt Nam time):',
  nextRun: (local, period) => `  ${local} — period ${period}`,
  none: 'No schedules yet.',
  listHeader: ['Schedule', 'Template', 'Every', 'Next runs (Việt Nam time)', 'State'],
  paused: (note) => `paused${note ? `: ${note}` : ''}`,
  active: 'active',
  didPause: (id) => `Schedule ${id} paused; campaigns already started run on.`,
  didResume: (id) => `Schedule ${id} resumed.`,
  didDelete: (id) => `Schedule ${id} and its stored template deleted; campaigns already started run on.`,
  triggered: (id, period) => `Schedule ${id} triggered for period ${period}.`,
  starterPending: (wf) => `The campaign is being started (workflow ${wf}); see thidua campaign list.`,
  starterFailed: (m) => `Could not start (in the starter's words): ${m}`,
  backfilled: (id, periods) => `Schedule ${id} backfilled for ${periods.length} periods: ${periods.join(', ')}.`,
  notes: 'Notes on the moved dates:',
};

export function scheduleTexts(lang: Lang): ScheduleCliTexts {
  return lang === 'en' ? en : vi;
}

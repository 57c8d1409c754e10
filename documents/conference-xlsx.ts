/**
 * The conference's replies as a workbook the secretariat can sort, filter and print (issue 13): one
 * row per invitee (answer, delegates, seats, via, when), and the delegates one per row for the
 * seating plan and the badges. Same view, same bytes (`zip-normalize.ts`).
 */
import ExcelJS from 'exceljs';
import type { ConferenceInviteeView, ConferenceReply, ConferenceStatusView } from '../domain/conference-types';
import { excelLocalDate, sheet } from './xlsx-sheet';
import { formatDateTime } from './vietnamese';
import { normalizeZip } from './zip-normalize';

export const CONFERENCE_SHEET_NAMES = { replies: 'Trả lời', delegates: 'Đại biểu' } as const;

export const ANSWER_NAMES = { attending: 'Tham dự', declined: 'Không tham dự', none: 'Chưa trả lời' } as const;
export const VIA_NAMES = { link: 'Đường dẫn', phone: 'Điện thoại' } as const;
export const KIND_NAMES = { unit: 'Đơn vị', guest: 'Khách mời' } as const;

/** The last instant the view changed (a reply, a change, the outcome): the workbook's stamp, never the clock. */
export function lastChangeOf(view: ConferenceStatusView): string {
  const instants = [
    ...view.invitees.flatMap((i) => [i.reply?.at, i.previousReply?.at]),
    ...view.changes.map((c) => c.at),
    view.outcome?.at,
    view.cancelled?.at,
    view.invitationsAt,
  ].filter((x): x is string => Boolean(x));
  return instants.sort().at(-1) ?? '2000-01-01T00:00:00Z';
}

const answerOf = (r?: ConferenceReply) => (r ? ANSWER_NAMES[r.answer] : ANSWER_NAMES.none);

export async function conferenceXlsx(view: ConferenceStatusView, timeZone: string): Promise<Buffer> {
  const stamp = lastChangeOf(view);
  const at = new Date(stamp);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.lastModifiedBy = 'thidua';
  workbook.title = `Trả lời giấy mời – ${view.name}`;
  workbook.created = at;
  workbook.modified = at;
  const c = view.counts;
  const subtitle =
    `${view.name}, ${view.whenLocal}, tại ${view.venue} – mời ${c.invited}, tham dự ${c.attending}, ` +
    `không tham dự ${c.declined}, chưa trả lời ${c.noReply}, ${c.seats} chỗ ngồi – số liệu đến ${formatDateTime(stamp, timeZone)}`;
  const when = (r?: ConferenceReply) => (r ? excelLocalDate(r.at, timeZone) : null);

  sheet(
    workbook,
    CONFERENCE_SHEET_NAMES.replies,
    'DANH SÁCH TRẢ LỜI GIẤY MỜI',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Khách mời', width: 40 },
      { header: 'Loại', width: 11 },
      { header: 'Trả lời', width: 14 },
      { header: 'Đại biểu', width: 50 },
      { header: 'Số chỗ ngồi', width: 10 },
      { header: 'Hình thức', width: 24 },
      { header: 'Thời điểm trả lời', width: 18, date: true },
      { header: 'Ghi chú', width: 36 },
    ],
    view.invitees.map((i: ConferenceInviteeView, n) => {
      const r = i.reply;
      return [
        n + 1,
        i.name,
        KIND_NAMES[i.kind],
        answerOf(r),
        (r?.delegates ?? []).map((d) => `${d.name}${d.position ? ` (${d.position})` : ''}`).join('; '),
        r ? r.seats : null,
        r ? `${VIA_NAMES[r.via]}${r.via === 'phone' && r.recordedBy ? ` (${r.recordedBy})` : ''}` : '',
        when(r),
        r?.note ?? (i.previousReply ? 'Đã trả lời trước khi đổi lịch; chờ trả lời lại' : ''),
      ];
    }),
  );

  const delegates = view.invitees.flatMap((i) =>
    i.reply?.answer === 'attending' ? i.reply.delegates.map((d) => ({ invitee: i.name, ...d })) : [],
  );
  sheet(
    workbook,
    CONFERENCE_SHEET_NAMES.delegates,
    'DANH SÁCH ĐẠI BIỂU THAM DỰ',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Họ và tên', width: 32 },
      { header: 'Chức vụ', width: 40 },
      { header: 'Đơn vị, khách mời', width: 40 },
    ],
    delegates.map((d, n) => [n + 1, d.name, d.position ?? '', d.invitee]),
  );

  const bytes = await workbook.xlsx.writeBuffer();
  return normalizeZip(Buffer.from(bytes as ArrayBuffer), { at });
}

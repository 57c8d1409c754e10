/** The conference's replies workbook (`documents/conference-xlsx.ts`) read back with exceljs. */
import ExcelJS from 'exceljs';
import { conferenceXlsx, lastChangeOf } from '../../../documents/conference-xlsx';
import type { ConferenceStatusView } from '../../../domain/conference-types';
import { conferenceView } from '../../helpers/fake-conference';

const ZONE = 'Asia/Ho_Chi_Minh';

/** Three invitees: one attending (by phone), one asked again after a move, one guest who declined. */
function view(): ConferenceStatusView {
  const v = conferenceView('kh-67-test', [
    { id: 'so-noi-vu', name: 'Sở Nội vụ' },
    { id: 'so-y-te', name: 'Sở Y tế' },
    { id: 'khach/ong-a', name: 'Ông Nguyễn Văn A' },
  ]);
  v.sequence = 1;
  v.invitees[0].reply = {
    inviteeId: 'so-noi-vu',
    answer: 'attending',
    delegates: [{ name: 'Trần Thị B', position: 'Giám đốc Sở' }, { name: 'Lê Văn C' }],
    seats: 3,
    via: 'phone',
    recordedBy: 'Nguyễn Văn T (chuyenvien)',
    at: '2009-11-02T02:30:00Z',
    sequence: 1,
  };
  v.invitees[1].previousReply = {
    inviteeId: 'so-y-te',
    answer: 'attending',
    delegates: [{ name: 'Phạm D' }],
    seats: 1,
    via: 'link',
    at: '2009-10-30T03:00:00Z',
    sequence: 0,
  };
  v.invitees[2].reply = {
    inviteeId: 'khach/ong-a',
    answer: 'declined',
    delegates: [],
    seats: 0,
    note: 'Bận công tác',
    via: 'link',
    at: '2009-11-03T01:00:00Z',
    sequence: 1,
  };
  v.changes = [{ at: '2009-11-01T00:00:00Z', by: 'x', what: 'date-moved', sequence: 1, detail: '…' }];
  v.invitationsAt = '2009-10-28T01:00:00Z';
  // As the workflow counts them (replies to the current sequence only).
  v.counts = { invited: 3, attending: 1, declined: 1, noReply: 1, seats: 3 };
  return v;
}

async function read(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);

test('one row per invitee: answer, delegates, seats, via, the local time of the reply, the note or "asked again"', async () => {
  const wb = await read(await conferenceXlsx(view(), ZONE));
  const ws = wb.getWorksheet('Trả lời')!;
  expect(values(ws, 4)).toEqual([
    1,
    'Sở Nội vụ',
    'Đơn vị',
    'Tham dự',
    'Trần Thị B (Giám đốc Sở); Lê Văn C',
    3,
    'Điện thoại (Nguyễn Văn T (chuyenvien))',
    new Date('2009-11-02T09:30:00Z'), // 09:30 in Hà Nội, written as the wall time
    '',
  ]);
  expect(values(ws, 5)).toEqual([
    2,
    'Sở Y tế',
    'Đơn vị',
    'Chưa trả lời',
    '',
    undefined, // empty cells: no seats, no time
    '',
    undefined,
    'Đã trả lời trước khi đổi lịch; chờ trả lời lại',
  ]);
  expect(values(ws, 6).slice(0, 7)).toEqual([3, 'Ông Nguyễn Văn A', 'Khách mời', 'Không tham dự', '', 0, 'Đường dẫn']);
  expect(values(ws, 6)[8]).toBe('Bận công tác');
  expect(ws.getRow(2).getCell(1).value).toContain('mời 3, tham dự 1, không tham dự 1, chưa trả lời 1, 3 chỗ ngồi');
});

test('the delegates sheet lists attending delegates only; both sheets print on A4 landscape with a repeated header', async () => {
  const wb = await read(await conferenceXlsx(view(), ZONE));
  const ws = wb.getWorksheet('Đại biểu')!;
  expect(values(ws, 4)).toEqual([1, 'Trần Thị B', 'Giám đốc Sở', 'Sở Nội vụ']);
  expect(values(ws, 5)).toEqual([2, 'Lê Văn C', '', 'Sở Nội vụ']);
  expect(ws.rowCount).toBe(5);
  for (const sheet of wb.worksheets) {
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', printTitlesRow: '3:3' });
    expect(sheet.getRow(3).getCell(1).font?.bold).toBe(true);
    expect(sheet.columns.slice(0, sheet.actualColumnCount).every((c) => (c.width ?? 0) >= 6)).toBe(true);
  }
});

test('same view, same bytes, stamped with its last change, not the clock', async () => {
  const v = view();
  expect(lastChangeOf(v)).toBe('2009-11-03T01:00:00Z');
  const a = await conferenceXlsx(v, ZONE);
  await new Promise((r) => setTimeout(r, 1100));
  const b = await conferenceXlsx(v, ZONE);
  expect(b.equals(a)).toBe(true);
  expect((await read(a)).modified.toISOString()).toBe('2009-11-03T01:00:00.000Z');
  v.invitees[1].reply = { ...v.invitees[1].previousReply!, sequence: 1, at: '2009-11-04T01:00:00Z' };
  expect((await conferenceXlsx(v, ZONE)).equals(a)).toBe(false);
});

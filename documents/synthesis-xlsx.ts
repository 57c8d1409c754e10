/**
 * The synthesis tables as a workbook the secretariat can sort, filter and print: the counts, every
 * unit, the presentation papers and the nominations, each sheet ready for A4 landscape.
 */
import ExcelJS from 'exceljs';
import type { SynthesisData } from '../domain/synthesis-types';
import { byCluster, byDeadlinePhase, countStatuses, STATUS_ORDER, type StatusCounts } from './figures';
import { NOMINEE_TYPE_NAMES, NO_CLUSTER, STATUS_NAMES, formatDateTime } from './vietnamese';
import { excelLocalDate, sheet, type SheetColumn } from './xlsx-sheet';
import { normalizeZip } from './zip-normalize';
import { planTagPhrase } from '../domain/plan-document';

export const SHEET_NAMES = {
  summary: 'Tổng hợp',
  units: 'Đơn vị',
  papers: 'Tham luận',
  nominations: 'Đề nghị khen thưởng',
  /** Only for a campaign of several deadline phases. */
  phases: 'Theo giai đoạn',
} as const;

export async function synthesisXlsx(data: SynthesisData): Promise<Buffer> {
  const zone = data.timeZone;
  const at = new Date(data.builtAt);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'thidua';
  workbook.lastModifiedBy = 'thidua';
  workbook.title = `Tổng hợp ${planTagPhrase(data.planNumber, 'Kế hoạch số')}`;
  workbook.created = at;
  workbook.modified = at;
  const subtitle = `${data.planReference ?? planTagPhrase(data.planNumber, 'Kế hoạch số')} – số liệu đến ${formatDateTime(data.builtAt, zone)} (giờ ${zone})`;

  // Counts by status, one row per group (and a bold total when given): by cluster, by deadline phase.
  const statusSheet = (
    name: string,
    title: string,
    group: string,
    groups: Array<{ name: string; counts: StatusCounts }>,
    total?: StatusCounts,
  ) => {
    const rows = total ? [...groups, { name: 'Tổng cộng', counts: total }] : groups;
    return sheet(
      workbook,
      name,
      title,
      subtitle,
      [
        { header: group, width: 46 },
        { header: 'Tổng số đơn vị', width: 14 },
        ...STATUS_ORDER.map((s): SheetColumn => ({
          header: STATUS_NAMES[s].charAt(0).toUpperCase() + STATUS_NAMES[s].slice(1),
          width: 13,
        })),
      ],
      rows.map((r) => [r.name, r.counts.total, ...STATUS_ORDER.map((s) => r.counts[s])]),
      Boolean(total),
    );
  };
  statusSheet(
    SHEET_NAMES.summary,
    'TÌNH HÌNH NỘP BÁO CÁO THEO CỤM, KHỐI THI ĐUA',
    'Cụm, khối thi đua',
    byCluster(data.units).map((g) => ({ name: g.cluster, counts: g.counts })),
    countStatuses(data.units),
  );
  const phases = byDeadlinePhase(data.units);
  if (phases.length > 0)
    statusSheet(SHEET_NAMES.phases, 'TÌNH HÌNH NỘP HỒ SƠ THEO TỪNG GIAI ĐOẠN', 'Giai đoạn', phases);

  sheet(
    workbook,
    SHEET_NAMES.units,
    'DANH SÁCH ĐƠN VỊ VÀ TÌNH TRẠNG NỘP BÁO CÁO',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Đơn vị', width: 40 },
      { header: 'Cụm, khối', width: 34 },
      { header: 'Tình trạng', width: 13 },
      { header: 'Hạn nộp', width: 18, date: true },
      { header: 'Ngày nộp', width: 18, date: true },
      { header: 'Số ngày làm việc muộn', width: 12 },
    ],
    data.units.map((u, i) => [
      i + 1,
      u.unitName,
      u.cluster ?? NO_CLUSTER,
      STATUS_NAMES[u.status],
      excelLocalDate(u.deadline, zone),
      u.submittedAt ? excelLocalDate(u.submittedAt, zone) : null,
      u.status === 'late' ? (u.daysLate ?? 0) : null,
    ]),
  );

  sheet(
    workbook,
    SHEET_NAMES.papers,
    'BÁO CÁO THAM LUẬN ĐÃ NHẬN',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Đơn vị', width: 40 },
      { header: 'Tên tệp', width: 60 },
      { header: 'Ngày nhận', width: 18, date: true },
      { header: 'Đúng hạn', width: 12 },
    ],
    data.units
      .flatMap((u) => u.papers.map((p) => ({ unit: u.unitName, ...p })))
      .map((p, i) => [i + 1, p.unit, p.name, excelLocalDate(p.receivedAt, zone), p.late ? 'Nộp muộn' : 'Đúng hạn']),
  );

  sheet(
    workbook,
    SHEET_NAMES.nominations,
    'DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG',
    subtitle,
    [
      { header: 'STT', width: 6 },
      { header: 'Đối tượng', width: 11 },
      { header: 'Tên tập thể, cá nhân', width: 32 },
      { header: 'Chức vụ', width: 30 },
      { header: 'Hình thức đề nghị', width: 30 },
      { header: 'Đơn vị đề nghị', width: 32 },
      { header: 'Thành tích', width: 60 },
    ],
    data.nominations.map((n, i) => [
      i + 1,
      NOMINEE_TYPE_NAMES[n.type],
      n.name,
      n.position ?? '',
      n.awardForm,
      n.unitName,
      n.reasons,
    ]),
  );

  const bytes = await workbook.xlsx.writeBuffer();
  return normalizeZip(Buffer.from(bytes as ArrayBuffer), { at });
}

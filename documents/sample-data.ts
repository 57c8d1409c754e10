/**
 * A realistic synthesis, shaped on Vĩnh Phúc's plan 67-KH/TU (21/9/2009): a party document of the
 * provincial party committee, twelve units in two clusters, some late, some missing, papers and
 * nominations. The tests and `scripts/synthesis-sample.ts` build from it.
 */
import type { SynthesisData, SynthesisUnitRow } from '../domain/synthesis-types';

const DEADLINE = '2009-10-15T00:00:00+07:00';
const SO_NGANH = 'Khối các ban Đảng, sở, ngành, đoàn thể tỉnh';
const HUYEN = 'Khối các huyện, thành, thị ủy';

type UnitSeed = [id: string, name: string, cluster: string, received?: string, daysLate?: number];

const seeds: UnitSeed[] = [
  ['ban-tuyen-giao', 'Ban Tuyên giáo Tỉnh ủy', SO_NGANH, '2009-10-12T09:15:00+07:00'],
  ['ban-to-chuc', 'Ban Tổ chức Tỉnh ủy', SO_NGANH, '2009-10-13T14:30:00+07:00'],
  ['so-gddt', 'Sở Giáo dục và Đào tạo', SO_NGANH, '2009-10-13T10:05:00+07:00'],
  ['so-y-te', 'Sở Y tế', SO_NGANH, '2009-10-14T16:40:00+07:00'],
  ['so-vhttdl', 'Sở Văn hóa, Thể thao và Du lịch', SO_NGANH, '2009-10-16T08:20:00+07:00', 2],
  ['hoi-phu-nu', 'Hội Liên hiệp Phụ nữ tỉnh', SO_NGANH],
  ['tu-vinh-yen', 'Thành ủy Vĩnh Yên', HUYEN, '2009-10-12T15:00:00+07:00'],
  ['tu-phuc-yen', 'Thị ủy Phúc Yên', HUYEN, '2009-10-14T11:10:00+07:00'],
  ['hu-binh-xuyen', 'Huyện ủy Bình Xuyên', HUYEN, '2009-10-14T08:45:00+07:00'],
  ['hu-lap-thach', 'Huyện ủy Lập Thạch', HUYEN, '2009-10-19T09:30:00+07:00', 3],
  ['hu-tam-duong', 'Huyện ủy Tam Dương', HUYEN, '2009-10-16T15:55:00+07:00', 2],
  ['hu-yen-lac', 'Huyện ủy Yên Lạc', HUYEN],
];

const toIso = (local: string): string => new Date(local).toISOString();

const units: SynthesisUnitRow[] = seeds.map(([unitId, unitName, cluster, received, daysLate]) => {
  const late = daysLate !== undefined;
  const row: SynthesisUnitRow = {
    unitId,
    unitName,
    cluster,
    status: received ? (late ? 'late' : 'submitted') : 'missing',
    deadline: toIso(DEADLINE),
    papers: [],
  };
  if (received) {
    row.submittedAt = toIso(received);
    row.daysLate = daysLate ?? 0;
    row.summaryReport = { name: `Bao cao tong ket - ${unitName}.docx`, receivedAt: toIso(received), late };
  }
  return row;
});

const paper = (unitId: string, name: string, receivedAt: string, late = false): void => {
  units.find((u) => u.unitId === unitId)?.papers.push({ name, receivedAt: toIso(receivedAt), late });
};
paper('so-gddt', 'Tham luận - Phong trào Hai không.docx', '2009-10-13T10:05:00+07:00');
paper('tu-vinh-yen', 'Tham luận - Dân vận khéo ở phường Liên Bảo.pdf', '2009-10-12T15:00:00+07:00');
paper('hu-binh-xuyen', 'Tham luận - Thi đua phát triển công nghiệp.docx', '2009-10-14T08:45:00+07:00');
paper('hu-lap-thach', 'Tham luận - Xây dựng nông thôn mới.docx', '2009-10-19T09:30:00+07:00', true);

export const sampleSynthesisData: SynthesisData = {
  campaignId: 'vp-67-kh-tu-2009',
  planNumber: '67-KH/TU',
  planDate: '2009-09-21',
  title:
    'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW của Bộ Chính trị về tiếp tục đổi mới, đẩy mạnh phong trào thi đua yêu nước, phát hiện, bồi dưỡng, tổng kết và nhân điển hình tiên tiến',
  directive: '39-CT/TW',
  issuingBody: 'Tỉnh ủy Vĩnh Phúc',
  secretariatName: 'Ban Thi đua - Khen thưởng tỉnh',
  timeZone: 'Asia/Ho_Chi_Minh',
  builtAt: '2009-10-21T02:00:00.000Z',
  version: 1,
  header: {
    style: 'party',
    issuingBody: 'TỈNH ỦY VĨNH PHÚC',
    number: '…-BC/TU',
    place: 'Vĩnh Yên',
    signature: { capacity: 'T/M BAN THƯỜNG VỤ', title: 'PHÓ BÍ THƯ' },
    recipients: [
      'Ban Chỉ đạo tổng kết Chỉ thị 39-CT/TW (để báo cáo)',
      'Thường trực Tỉnh ủy',
      'Các sở, ban, ngành, đoàn thể tỉnh',
      'Các huyện, thành, thị ủy',
      'Lưu Văn phòng Tỉnh ủy',
    ],
  },
  outline: [],
  phases: [
    {
      kind: 'issue-plan',
      name: 'Ban hành kế hoạch',
      start: '2009-09-21T01:00:00.000Z',
      end: '2009-09-30T10:00:00.000Z',
    },
    {
      kind: 'self-review',
      name: 'Đơn vị tự tổng kết',
      start: '2009-10-11T01:00:00.000Z',
      end: '2009-10-20T10:00:00.000Z',
      deadline: toIso(DEADLINE),
      lock: '2009-10-20T10:00:00.000Z',
    },
    {
      kind: 'synthesis',
      name: 'Tổng hợp, dự thảo báo cáo',
      start: '2009-10-20T10:00:00.000Z',
      end: '2009-10-30T10:00:00.000Z',
      deadline: '2009-10-30T10:00:00.000Z',
    },
    {
      kind: 'conference',
      name: 'Hội nghị tổng kết',
      start: '2009-11-02T01:00:00.000Z',
      end: '2009-11-30T10:00:00.000Z',
    },
  ],
  units,
  nominations: [
    {
      unitId: 'so-gddt',
      unitName: 'Sở Giáo dục và Đào tạo',
      type: 'collective',
      name: 'Phòng Giáo dục Trung học',
      awardForm: 'Bằng khen của Chủ tịch UBND tỉnh',
      reasons: 'Dẫn đầu phong trào "Hai không" giai đoạn 2004–2009.',
    },
    {
      unitId: 'tu-vinh-yen',
      unitName: 'Thành ủy Vĩnh Yên',
      type: 'individual',
      name: 'Nguyễn Thị Hoa',
      position: 'Bí thư Đảng ủy phường Liên Bảo',
      awardForm: 'Bằng khen của Chủ tịch UBND tỉnh',
      reasons: 'Điển hình "dân vận khéo", 5 năm liền hoàn thành xuất sắc nhiệm vụ.',
    },
    {
      unitId: 'hu-binh-xuyen',
      unitName: 'Huyện ủy Bình Xuyên',
      type: 'collective',
      name: 'Đảng bộ xã Tam Hợp',
      awardForm: 'Bằng khen của Chủ tịch UBND tỉnh',
      reasons: 'Thu hút đầu tư khu công nghiệp, giải quyết việc làm cho người dân.',
    },
    {
      unitId: 'hu-lap-thach',
      unitName: 'Huyện ủy Lập Thạch',
      type: 'individual',
      name: 'Trần Văn Minh',
      position: 'Chủ tịch Hội Nông dân xã Tử Du',
      awardForm: 'Bằng khen của Chủ tịch UBND tỉnh',
      reasons: 'Vận động nhân dân hiến đất làm đường giao thông nông thôn.',
    },
  ],
};

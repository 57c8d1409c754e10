/** A hand-made campaign shaped like 67-KH/TU (three units), independent of the sample files. */
import { CampaignFile, type CampaignDefinition } from '../../../domain/campaign-schema';

const person = (name: string, email: string) => ({ name, email });

export function vinhPhucLike(
  overrides: { selfReview?: Record<string, unknown>; calendar?: Record<string, unknown> } = {},
): CampaignDefinition {
  return CampaignFile.parse({
    campaign: {
      id: 'vp-test',
      plan: { number: '67-KH/TU', date: '21/9/2009' },
      title: 'Tổng kết 5 năm thực hiện Chỉ thị 39-CT/TW',
      directive: 'Chỉ thị 39-CT/TW',
      issuingBody: 'Ban Thường vụ Tỉnh ủy Vĩnh Phúc',
      secretariat: {
        name: 'Ban Thi đua - Khen thưởng tỉnh',
        contacts: [person('Trần Văn Thường', 'thuong.tdkt@vinhphuc.gov.vn')],
      },
      ...(overrides.calendar ? { calendar: overrides.calendar } : {}),
    },
    units: [
      {
        id: 'so-noi-vu',
        name: 'Sở Nội vụ',
        kind: 'department',
        focal: person('Nguyễn Thị Đầu Mối', 'daumoi@snv.vinhphuc.gov.vn'),
        head: person('Lê Văn Giám Đốc', 'giamdoc@snv.vinhphuc.gov.vn'),
      },
      {
        id: 'huyen-uy-tam-duong',
        name: 'Huyện ủy Tam Dương',
        kind: 'district-committee',
        focal: person('Phạm Văn Văn Phòng', 'vp@tamduong.vinhphuc.gov.vn'),
        head: person('Hoàng Văn Bí Thư', 'bithu@tamduong.vinhphuc.gov.vn'),
        supervisor: person('Đỗ Thị Cấp Trên', 'captren@vinhphuc.gov.vn'),
        subUnits: [
          {
            id: 'xa-hop-hoa',
            name: 'Đảng ủy xã Hợp Hòa',
            kind: 'other',
            focal: person('Vũ Văn Xã', 'xa@hophoa.vn'),
            head: person('Bùi Văn Bí Thư Xã', 'bithu@hophoa.vn'),
          },
        ],
      },
    ],
    phases: [
      { kind: 'plan-issue', window: { start: '21/9/2009', end: 'tháng 9/2009' } },
      {
        kind: 'self-review',
        window: { start: '11/10/2009', end: '20/10/2009' },
        deadline: 'trước ngày 15/10/2009',
        lock: '20/10/2009',
        reminders: ['7d', '3wd', '1wd', '0d'],
        escalation: [
          { after: '1d', notify: ['head'] },
          { after: '3wd', notify: ['supervisor'], cc: ['secretariat'] },
        ],
        due: {
          summaryReport: 'required',
          presentationPaper: 'optional',
          nominations: { required: false, quota: { total: 1 }, forms: ['Bằng khen của Chủ tịch UBND tỉnh'] },
        },
        ...overrides.selfReview,
      },
      { kind: 'synthesis', window: { start: '20/10/2009', end: '30/10/2009' } },
      {
        kind: 'conference',
        window: { start: 'tháng 11/2009', end: 'tháng 11/2009' },
        date: 'tháng 11/2009',
        venue: 'Hội trường Tỉnh ủy',
      },
      { kind: 'awards', window: { start: 'tháng 11/2009', end: 'tháng 12/2009' }, awardingBody: 'UBND tỉnh Vĩnh Phúc' },
    ],
  });
}

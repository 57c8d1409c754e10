/** A campaign definition of one unit (Sở Nội vụ) and its plan issue, for tests of the mail activity. */
import type { CampaignDefinition } from '../../domain/campaign-schema';

export const ONE_UNIT_CAMPAIGN: CampaignDefinition = {
  campaign: {
    id: 'e2e-67-kh-tu',
    plan: { kind: 'ke-hoach', number: '67-KH/TU', date: '21/9/2009', recipients: [], draft: false },
    title: 'tổng kết 10 năm thực hiện Chỉ thị 39-CT/TW',
    directive: 'Chỉ thị 39-CT/TW',
    issuingBody: 'Ban Thường vụ Tỉnh ủy Vĩnh Phúc',
    secretariat: {
      name: 'Ban Thi đua - Khen thưởng tỉnh',
      contacts: [
        {
          name: 'Nguyễn Thị Hòa',
          division: 'Phòng Nghiệp vụ',
          email: 'hoa.tdkt@vinhphuc.example.vn',
          phone: '0211 3862 000',
        },
      ],
    },
    timeZone: 'Asia/Ho_Chi_Minh',
    language: 'vi',
    calendar: { workingHours: { start: '08:00', end: '17:00' }, reminderTime: '08:00', deadlineOnDayOff: 'previous' },
  },
  units: [
    {
      id: 'so-noi-vu',
      name: 'Sở Nội vụ',
      kind: 'department',
      focal: { name: 'Trần Văn Bình', email: 'binh.snv@vinhphuc.example.vn' },
      head: { name: 'Lê Quang Đức', email: 'duc.snv@vinhphuc.example.vn' },
    },
  ],
  phases: [{ kind: 'plan-issue', window: { start: '21/9/2009', end: '30/9/2009' }, attachments: [] }],
};

/**
 * The sheet's columns: the header set ({@link UNIT_COLUMNS}), the kinds' names, labels as compared
 * ({@link normalizeLabel}) and column letters.
 */
import { UnitKind, type UnitInput } from '../../domain/campaign-schema';

export type UnitKindCode = UnitInput['kind'];

export type UnitField =
  'id' | 'name' | 'kind' | 'cluster' | `${'focal' | 'head' | 'supervisor'}.${'name' | 'title' | 'email' | 'phone'}`;

export interface UnitColumn {
  field: UnitField;
  /** The header the template writes (Vietnamese). */
  header: string;
  /** Other headers accepted, English included; compared without case, diacritics or punctuation. */
  aliases: string[];
  required: boolean;
  /** In the template: width in characters, and the guide's explanation and example. */
  width?: number;
  guide?: string;
  example?: string;
}

/**
 * The columns, in the template's order. Those without a guide (head's phone, supervisor's title and
 * phone) are read when a sheet has them but left out of the template, to keep it short.
 */
export const UNIT_COLUMNS: readonly UnitColumn[] = [
  {
    field: 'id',
    header: 'Mã đơn vị',
    aliases: ['Mã', 'Mã ĐV', 'Mã số đơn vị', 'id', 'unit id', 'code'],
    required: true,
    width: 18,
    guide: 'Mã không dấu, chữ thường, số và dấu gạch ngang, tối đa 63 ký tự; không trùng giữa các đơn vị.',
    example: 'so-noi-vu',
  },
  {
    field: 'name',
    header: 'Tên đơn vị',
    aliases: ['Tên', 'Đơn vị', 'name', 'unit name', 'unit'],
    required: true,
    width: 34,
    guide: 'Tên đầy đủ của đơn vị, như trong văn bản.',
    example: 'Sở Nội vụ',
  },
  {
    field: 'kind',
    header: 'Loại đơn vị',
    aliases: ['Loại', 'Loại hình', 'kind', 'unit kind', 'type'],
    required: true,
    width: 20,
    guide: 'Một trong các loại ở bảng dưới: ghi tên tiếng Việt hoặc mã.',
    example: 'Sở, ban, ngành',
  },
  {
    field: 'cluster',
    header: 'Cụm, khối thi đua',
    aliases: [
      'Cụm thi đua',
      'Khối thi đua',
      'Cụm/Khối thi đua',
      'Khối/Cụm thi đua',
      'Cụm',
      'Khối',
      'Cụm, khối',
      'cluster',
    ],
    required: false,
    width: 28,
    guide: 'Cụm hoặc khối thi đua của đơn vị (không bắt buộc).',
    example: 'Khối Nội chính',
  },
  {
    field: 'focal.name',
    header: 'Họ tên đầu mối',
    aliases: ['Cán bộ đầu mối', 'Họ tên cán bộ đầu mối', 'Họ và tên cán bộ đầu mối', 'Đầu mối', 'focal', 'focal name'],
    required: true,
    width: 24,
    guide: 'Cán bộ đầu mối: người nhận thông báo và nhắc việc.',
    example: 'Trần Văn Bình',
  },
  {
    field: 'focal.title',
    header: 'Chức vụ đầu mối',
    aliases: ['Chức vụ cán bộ đầu mối', 'focal title', 'focal position'],
    required: false,
    width: 22,
    guide: 'Chức vụ của cán bộ đầu mối (không bắt buộc).',
    example: 'Chuyên viên',
  },
  {
    field: 'focal.email',
    header: 'Email đầu mối',
    aliases: ['Email cán bộ đầu mối', 'Thư điện tử đầu mối', 'focal email'],
    required: true,
    width: 30,
    guide: 'Địa chỉ thư điện tử của cán bộ đầu mối.',
    example: 'binh.snv@vinhphuc.gov.vn',
  },
  {
    field: 'focal.phone',
    header: 'Điện thoại đầu mối',
    aliases: ['Số điện thoại đầu mối', 'SĐT đầu mối', 'Điện thoại cán bộ đầu mối', 'focal phone'],
    required: false,
    width: 16,
    guide: 'Số điện thoại của cán bộ đầu mối (không bắt buộc); cột để dạng văn bản để giữ số 0 đầu.',
    example: '0912345678',
  },
  {
    field: 'head.name',
    header: 'Họ tên thủ trưởng',
    aliases: ['Thủ trưởng', 'Họ và tên thủ trưởng', 'Thủ trưởng đơn vị', 'head', 'head name'],
    required: true,
    width: 24,
    guide: 'Thủ trưởng đơn vị: nhận báo cáo khi đơn vị chậm nộp.',
    example: 'Lê Quang Đức',
  },
  {
    field: 'head.title',
    header: 'Chức vụ thủ trưởng',
    aliases: ['head title', 'head position'],
    required: false,
    width: 22,
    guide: 'Chức vụ của thủ trưởng (không bắt buộc).',
    example: 'Giám đốc',
  },
  {
    field: 'head.email',
    header: 'Email thủ trưởng',
    aliases: ['Thư điện tử thủ trưởng', 'head email'],
    required: true,
    width: 30,
    guide: 'Địa chỉ thư điện tử của thủ trưởng.',
    example: 'duc.snv@vinhphuc.gov.vn',
  },
  { field: 'head.phone', header: 'Điện thoại thủ trưởng', aliases: ['SĐT thủ trưởng', 'head phone'], required: false },
  {
    field: 'supervisor.name',
    header: 'Họ tên cấp trên',
    aliases: ['Cấp trên', 'Cấp trên quản lý', 'supervisor', 'supervisor name'],
    required: false,
    width: 24,
    guide: 'Cấp trên nhận báo cáo khi đơn vị chậm nộp (không bắt buộc; bỏ trống thì là Thường trực Hội đồng).',
    example: '',
  },
  { field: 'supervisor.title', header: 'Chức vụ cấp trên', aliases: ['supervisor title'], required: false },
  {
    field: 'supervisor.email',
    header: 'Email cấp trên',
    aliases: ['Thư điện tử cấp trên', 'supervisor email'],
    required: false,
    width: 30,
    guide: 'Thư điện tử của cấp trên; cần khi có họ tên cấp trên, và khác thủ trưởng, đầu mối.',
    example: '',
  },
  { field: 'supervisor.phone', header: 'Điện thoại cấp trên', aliases: ['supervisor phone'], required: false },
];

/** The Vietnamese name of each kind, as the guide lists it and a sheet may write it. */
export const UNIT_KIND_NAMES: Record<UnitKindCode, string> = {
  department: 'Sở, ban, ngành',
  'mass-organization': 'Đoàn thể',
  'district-committee': 'Huyện ủy, thị ủy, thành ủy',
  'party-committee': 'Đảng ủy trực thuộc',
  'ministry-unit': 'Đơn vị thuộc Bộ',
  enterprise: 'Doanh nghiệp',
  province: 'Tỉnh, thành phố',
  other: 'Khác',
};

/** Other spellings a clerk writes for a kind. */
export const KIND_ALIASES: Record<UnitKindCode, string[]> = {
  department: ['Sở', 'Ban', 'Ngành', 'Sở ban ngành', 'Cơ quan'],
  'mass-organization': ['Đoàn thể chính trị - xã hội', 'Tổ chức chính trị - xã hội', 'Mặt trận, đoàn thể'],
  'district-committee': ['Huyện ủy', 'Thị ủy', 'Thành ủy', 'Huyện, thị, thành ủy', 'Huyện/thị/thành ủy'],
  'party-committee': ['Đảng ủy', 'Đảng ủy khối'],
  'ministry-unit': ['Đơn vị trực thuộc Bộ', 'Thuộc Bộ'],
  enterprise: ['Công ty'],
  province: ['Tỉnh', 'Thành phố', 'Tỉnh/thành phố'],
  other: [],
};

/**
 * A header or kind as compared: no case, no diacritics (đ as d; "uỷ" and "ủy" alike), no "*",
 * punctuation as spaces.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/e-mail/g, 'email')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const HEADER_FIELDS = new Map<string, UnitField>(
  UNIT_COLUMNS.flatMap((c) => [c.header, c.field, ...c.aliases].map((h) => [normalizeLabel(h), c.field] as const)),
);

const KIND_BY_LABEL = new Map<string, UnitKindCode>(
  UnitKind.options.flatMap((code) =>
    [code, UNIT_KIND_NAMES[code], ...KIND_ALIASES[code]].map((label) => [normalizeLabel(label), code] as const),
  ),
);

/** The field a header names; text in parentheses is a note ("Mã đơn vị (bắt buộc)") unless part of the name ("Email (đầu mối)"). */
export function headerField(text: string): UnitField | undefined {
  return HEADER_FIELDS.get(normalizeLabel(text)) ?? HEADER_FIELDS.get(normalizeLabel(text.replace(/\([^)]*\)/g, ' ')));
}

/** The kind a cell names (code or Vietnamese name), or undefined. */
export function unitKindOf(text: string): UnitKindCode | undefined {
  return KIND_BY_LABEL.get(normalizeLabel(text));
}

/** "A", …, "Z", "AA": the letter of a 0-based column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

import fs from 'node:fs';
import {
  CatalogueError,
  DEFAULT_AWARD_CATALOGUE,
  checkNomination,
  loadAwardCatalogue,
  matchForm,
  parseAwardCatalogue,
  ruleInForce,
} from '../../../domain/award-catalogue';
import type { AwardForm } from '../../../domain/award-types';

const catalogue = loadAwardCatalogue();
const form = (code: string): AwardForm => {
  const f = catalogue.forms.find((x) => x.code === code);
  if (!f) throw new Error(`no form ${code}`);
  return f;
};

describe('the shipped catalogue', () => {
  test('holds the forms the issue asks for, each reachable by its Vietnamese name', () => {
    const wanted: Array<[string, 'individual' | 'collective']> = [
      ['Chiến sĩ thi đua cơ sở', 'individual'],
      ['Chiến sĩ thi đua cấp tỉnh', 'individual'],
      ['Chiến sĩ thi đua cấp bộ', 'individual'],
      ['Chiến sĩ thi đua toàn quốc', 'individual'],
      ['Lao động tiên tiến', 'individual'],
      ['Tập thể lao động tiên tiến', 'collective'],
      ['Tập thể lao động xuất sắc', 'collective'],
      ['Cờ thi đua của Bộ', 'collective'],
      ['Cờ thi đua của UBND tỉnh', 'collective'],
      ['Cờ thi đua của Chính phủ', 'collective'],
      ['Giấy khen', 'collective'],
      ['Giấy khen', 'individual'],
      ['Bằng khen của Bộ trưởng', 'individual'],
      ['Bằng khen của Chủ tịch UBND tỉnh', 'collective'],
      ['Bằng khen của Thủ tướng Chính phủ', 'collective'],
      ['Huân chương Lao động hạng Ba', 'individual'],
    ];
    for (const [name, type] of wanted)
      expect([name, matchForm(catalogue, name, type)?.name]).toEqual([name, expect.any(String)]);
  });

  test('every form has a rule for each period, split at 01/07/2025 and 01/10/2026, citing the texts of that period', () => {
    for (const f of catalogue.forms) {
      expect([f.code, f.rules.map((r) => [r.from, r.until])]).toEqual([
        f.code,
        [
          ['2024-01-01', '2025-07-01'],
          ['2025-07-01', '2026-10-01'],
          ['2026-10-01', undefined],
        ],
      ]);
      const docs = f.rules.map((r) => r.basis.map((b) => b.document).join(' | '));
      expect(docs[0]).toMatch(/06\/2022\/QH15.*98\/2023\/NĐ-CP/);
      expect(docs[1]).toMatch(/152\/2025\/NĐ-CP/);
      expect(docs[1]).not.toMatch(/98\/2023/);
      expect(docs[2]).toMatch(/06\/2026\/QH16/);
    }
  });

  test('says what it could not confirm: every basis is marked unconfirmed', () => {
    const bases = catalogue.forms.flatMap((f) => f.rules.flatMap((r) => r.basis));
    expect(bases.length).toBeGreaterThan(0);
    expect(bases.filter((b) => b.confirmed)).toEqual([]);
  });

  test('the data-checkable criteria: 3 consecutive CSTĐCS, 15% cap, 90% secret ballot', () => {
    const rule = form('cstd-bo-tinh').rules[0];
    expect(rule.criteria).toContainEqual(expect.objectContaining({ kind: 'prior-titles', form: 'cstdcs', years: 3 }));
    expect(rule.vote).toEqual(expect.objectContaining({ threshold: 0.9, of: 'all-members', ballot: 'secret' }));
    expect(form('cstdcs').rules[0].criteria).toContainEqual(
      expect.objectContaining({ kind: 'share-cap', percent: 15, of: 'individual' }),
    );
    expect(form('cstdtq').rules[0].criteria).toContainEqual(
      expect.objectContaining({ kind: 'prior-titles', form: 'cstd-bo-tinh', years: 2 }),
    );
  });

  test('loading twice gives the same (cached) catalogue', () => {
    expect(loadAwardCatalogue(DEFAULT_AWARD_CATALOGUE)).toBe(catalogue);
  });
});

describe('matchForm: the unit wording to a form', () => {
  test.each([
    ['CSTĐCS', 'individual', 'cstdcs'],
    ['chiến sĩ thi đua cơ sở', 'individual', 'cstdcs'],
    ['CHIEN SI THI DUA CO SO', 'individual', 'cstdcs'],
    ['Danh hiệu "Chiến sỹ thi đua toàn quốc"', 'individual', 'cstdtq'],
    ['Bằng khen của Bộ trưởng', 'collective', 'bang-khen-bo'],
    ['Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông', 'individual', 'bang-khen-bo'],
    ['Bằng khen UBND tỉnh', 'collective', 'bang-khen-tinh'],
    ['Bằng khen của Ủy ban nhân dân tỉnh Vĩnh Phúc', 'individual', 'bang-khen-tinh'],
    ['Bằng khen của Thủ tướng chính phủ', 'collective', 'bang-khen-ttg'],
    ['Huân chương Lao động hạng 3', 'collective', 'huan-chuong-lao-dong-hang-ba'],
    ['Anh hùng lao động thời kỳ đổi mới', 'individual', 'anh-hung-lao-dong'],
    ['bang-khen-ttg', 'individual', 'bang-khen-ttg'],
  ] as const)('"%s" for a %s → %s', (written, type, code) => {
    expect(matchForm(catalogue, written, type)?.code).toBe(code);
  });

  test('a form the nominee cannot receive, or an unknown wording, matches nothing', () => {
    expect(matchForm(catalogue, 'CSTĐCS', 'collective')).toBeUndefined();
    expect(matchForm(catalogue, 'Cờ thi đua của Chính phủ', 'individual')).toBeUndefined();
    expect(matchForm(catalogue, 'Bằng khen', 'individual')).toBeUndefined();
    expect(matchForm(catalogue, 'Kỷ niệm chương', 'individual')).toBeUndefined();
    expect(matchForm(catalogue, '   ', 'individual')).toBeUndefined();
  });
});

describe('ruleInForce: the rule by the day the dossier was received (Vietnam time)', () => {
  const bk = form('bang-khen-tinh');
  const decree = (day: string) =>
    ruleInForce(bk, day)?.basis.map((b) => b.document.match(/\d+\/\d{4}\/[A-ZĐ0-9-]+/)?.[0]);
  test.each([
    ['2023-12-31', undefined],
    ['2024-01-01', ['06/2022/QH15', '98/2023/NĐ-CP']],
    ['2025-06-30', ['06/2022/QH15', '98/2023/NĐ-CP']],
    ['2025-07-01', ['06/2022/QH15', '152/2025/NĐ-CP']],
    ['2026-09-30', ['06/2022/QH15', '152/2025/NĐ-CP']],
    ['2026-10-01', ['06/2022/QH15', '06/2026/QH16', '152/2025/NĐ-CP']],
    // An instant is read in Vietnam (UTC+7): 17:00Z on 30/06 is midnight of 01/07 there.
    ['2025-06-30T16:59:59Z', ['06/2022/QH15', '98/2023/NĐ-CP']],
    ['2025-06-30T17:00:00Z', ['06/2022/QH15', '152/2025/NĐ-CP']],
    ['2026-09-30T23:30:00+07:00', ['06/2022/QH15', '152/2025/NĐ-CP']],
    ['2026-09-30T17:00:00.000Z', ['06/2022/QH15', '06/2026/QH16', '152/2025/NĐ-CP']],
  ])('received %s', (day, expected) => {
    expect(decree(day)).toEqual(expected);
  });

  test('a day that does not exist is refused, in Vietnamese, not matched to a rule', () => {
    expect(() => ruleInForce(bk, '2025-02-30')).toThrow('Ngày không hợp lệ: "2025-02-30"');
    expect(() => ruleInForce(bk, 'hôm qua')).toThrow('Ngày giờ không hợp lệ');
  });
});

describe('checkNomination', () => {
  const campaign = { collectives: 10, individuals: 40, alreadyApproved: {} };
  const at = '2025-11-20T03:00:00Z';

  test('a form within the campaign authority goes to the council, with the criteria it judges', () => {
    const check = checkNomination(
      catalogue,
      { type: 'collective', proposedForm: 'Bằng khen của UBND tỉnh', receivedAt: at },
      'ministry-province',
      campaign,
    );
    expect(check).toEqual({
      formCode: 'bang-khen-tinh',
      ruleFrom: '2025-07-01',
      route: 'council',
      unmet: [],
      judged: [expect.stringContaining('thành tích xuất sắc')],
    });
  });

  test('a form above the authority is proposed to the higher level', () => {
    const check = checkNomination(
      catalogue,
      {
        type: 'individual',
        proposedForm: 'Bằng khen của Thủ tướng Chính phủ',
        receivedAt: at,
        priorTitles: [{ form: 'Bằng khen UBND tỉnh', year: 2020 }],
      },
      'ministry-province',
      campaign,
    );
    expect(check.route).toBe('higher-level');
    expect(check.unmet).toEqual([]);
  });

  test('a form not in the catalogue, or with no rule on the day received, is refused with the reason', () => {
    const unknown = checkNomination(
      catalogue,
      { type: 'individual', proposedForm: 'Kỷ niệm chương', receivedAt: at },
      'president',
      campaign,
    );
    expect(unknown).toEqual({
      route: 'unknown-form',
      unmet: [expect.stringContaining('"Kỷ niệm chương" không có trong danh mục')],
      judged: [],
    });
    const early = checkNomination(
      catalogue,
      { type: 'individual', proposedForm: 'CSTĐCS', receivedAt: '2023-12-15' },
      'president',
      campaign,
    );
    expect(early.route).toBe('unknown-form');
    expect(early.formCode).toBe('cstdcs');
    expect(early.unmet[0]).toContain('2023-12-15');
  });

  test('prior titles: 3 consecutive CSTĐCS are needed, a gap breaks the run, declared forms are matched by wording', () => {
    const nominate = (years: number[]) =>
      checkNomination(
        catalogue,
        {
          type: 'individual',
          proposedForm: 'Chiến sĩ thi đua cấp tỉnh',
          receivedAt: at,
          priorTitles: years.map((year) => ({ form: year % 2 ? 'CSTĐCS' : 'Chiến sĩ thi đua cơ sở', year })),
        },
        'ministry-province',
        campaign,
      );
    expect(nominate([2023, 2024, 2025]).unmet).toEqual([]);
    expect(nominate([2021, 2023, 2024]).unmet).toEqual([
      expect.stringMatching(/chưa đủ 3 năm liên tục.*có 2 năm liên tục \(2021, 2023, 2024\)/),
    ]);
    expect(nominate([]).unmet).toEqual([expect.stringContaining('chưa có năm nào')]);
  });

  test('prior titles not declared at all are left for the council, not counted against the nominee', () => {
    const check = checkNomination(
      catalogue,
      { type: 'individual', proposedForm: 'CSTĐ cấp tỉnh', receivedAt: at },
      'ministry-province',
      campaign,
    );
    expect(check.unmet).toEqual([]);
    expect(check.judged).toContainEqual(expect.stringContaining('chưa kê khai'));
  });

  test('the 15% share cap: 40 individuals allow 6 CSTĐCS; the seventh is refused', () => {
    const nominate = (approved: number) =>
      checkNomination(catalogue, { type: 'individual', proposedForm: 'CSTĐCS', receivedAt: at }, 'unit-head', {
        ...campaign,
        alreadyApproved: { cstdcs: approved },
      }).unmet;
    expect(nominate(5)).toEqual([]);
    expect(nominate(6)).toEqual([expect.stringContaining('đã đủ 6/6 (15% của 40 cá nhân)')]);
  });
});

describe('parseAwardCatalogue: every problem at once, with its line and field', () => {
  const good = fs.readFileSync(DEFAULT_AWARD_CATALOGUE, 'utf8');

  test('the shipped file parses', () => {
    expect(parseAwardCatalogue(good, 'award-forms.yaml').forms.length).toBeGreaterThanOrEqual(16);
  });

  const bad = [
    'legal-texts:',
    '  luat: { document: Luật, from: "2024-01-01", confirmed: false }',
    'votes:',
    '  majority: { quorum: 2/3, threshold: 0.5, of: voting-members, ballot: secret }',
    'forms:',
    '  - code: a',
    '    name: Hình thức A',
    '    category: commendation',
    '    nominee: individual',
    '    rules:',
    '      - from: "2024-01-01"',
    '        conferredBy: minister #BADLEVEL',
    '        vote: majority',
    '        criteria: [{ kind: prior-titles, form: nope, years: 2, text: x }] #BADFORM',
    '        basis: [{ text: luat }]',
    '      - from: "2025-01-01" #OVERLAP',
    '        basis: [{ text: luat2 }] #BADTEXT',
    '  - code: b',
    '    name: Hình thức B',
    '    category: commendation',
    '    nominee: individual',
    '    colour: red #UNKNOWNKEY',
    '    rules:',
    '      - from: "2024-02-30" #BADDATE',
    '        vote: simple #BADVOTE',
    '        criteria: []',
    '        basis: [{ text: luat }]',
  ].join('\n');
  const lineOf = (marker: string): number => bad.split('\n').findIndex((l) => l.includes(`#${marker}`)) + 1;

  test('lists each problem with the line it is on, in Vietnamese', () => {
    let error: CatalogueError | undefined;
    try {
      parseAwardCatalogue(bad, 'bad.yaml');
    } catch (e) {
      error = e as CatalogueError;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    const found = (error?.problems ?? []).map((p) => `${p.line} ${p.path}: ${p.message}`);
    const expectAt = (marker: string, field: string, words: string) =>
      expect(found).toContainEqual(
        expect.stringMatching(new RegExp(`^${lineOf(marker)} ${field.replace(/[[\].]/g, '\\$&')}: .*${words}`)),
      );
    expectAt('BADLEVEL', 'forms[0].rules[0].conferredBy', 'không hợp lệ; chỉ nhận: unit-head, ministry-province');
    expectAt('BADFORM', 'forms[0].rules[0].criteria[0].form', 'không có hình thức mã "nope"');
    expectAt('OVERLAP', 'forms[0].rules[1].from', 'trùng thời gian với quy định thứ 1');
    expectAt('BADTEXT', 'forms[0].rules[1].basis[0].text', 'không có văn bản "luat2"');
    expectAt('UNKNOWNKEY', 'forms[1].colour', 'không có trong mẫu danh mục');
    expectAt('BADDATE', 'forms[1].rules[0].from', 'không phải là một ngày có thật');
    expectAt('BADVOTE', 'forms[1].rules[0].vote', 'không có cách biểu quyết "simple"');
    expect(found).toContainEqual(
      expect.stringMatching(/forms\[1\]\.rules\[0\]: quy định đầu tiên của hình thức phải ghi "conferredBy"/),
    );
    expect(error?.message).toContain(`bad.yaml:${lineOf('OVERLAP')}:`);
  });

  test('a YAML syntax error is told with its line; an empty file says what it needs', () => {
    expect(() => parseAwardCatalogue('forms:\n  - code: a\n\tname: x\n', 'tab.yaml')).toThrow(/tab\.yaml:3:/);
    expect(() => parseAwardCatalogue('', 'empty.yaml')).toThrow(/cần có "forms"/);
  });

  test('a rule citing a text not in force over its whole period is refused at that citation', () => {
    const at = good.indexOf('basis: [{ text: luat-2022, article: Điều 64 }, { text: nd-152-2025 }]');
    const text = good.slice(0, at) + good.slice(at).replace('nd-152-2025', 'nd-98-2023');
    const line = good.slice(0, at).split('\n').length;
    expect(() => parseAwardCatalogue(text, 'x.yaml')).toThrow(
      new RegExp(
        `x\\.yaml:${line}:\\d+ forms\\[0\\]\\.rules\\[1\\]\\.basis\\[1\\]\\.text: văn bản "nd-98-2023" có hiệu lực từ 2024-01-01 đến trước 2025-07-01, không áp dụng được cho quy định từ 2025-07-01 đến trước 2026-10-01`,
      ),
    );
  });

  test('two forms with the same wording for the same nominee are refused (matching could not choose)', () => {
    const text = good.replace('aliases: [TTLĐTT]', 'aliases: [TTLĐTT, TTLĐXS]');
    expect(() => parseAwardCatalogue(text, 'x.yaml')).toThrow(/cách gọi "TTLĐXS" trùng với hình thức "ttldxs"/);
  });
});

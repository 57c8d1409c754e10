/**
 * The language of validation messages (Vietnamese by default, English on request), the files a
 * campaign may be read from (UTF-8, a BOM accepted, legacy Vietnamese encodings named, a size
 * limit), and secretariat contacts as documents give them (an office with phone and fax).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadWorkingCalendar } from '../../../config/holidays';
import {
  decodeUtf8,
  formatProblem,
  formatSummary,
  guessLegacyEncoding,
  loadCampaign,
  MAX_CAMPAIGN_FILE_BYTES,
  parseLang,
} from '../../../config/campaign-files';
import { FIELD_LIMITS } from '../../../domain/campaign-schema';
import { textsFor, validateCampaign } from '../../../domain/campaign-validate';
import { contactLine } from '../../../domain/messages';
import { parseYamlSource } from '../../../domain/yaml-source';

const ROOT = path.resolve(__dirname, '../../..');
const VINH_PHUC = path.join(ROOT, 'config/campaigns/vinh-phuc-67-kh-tu-2009.yaml');
const sample = fs.readFileSync(VINH_PHUC, 'utf8');
const calendar = loadWorkingCalendar();
const NOW = '2009-09-01T00:00:00+07:00';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-lang-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('the language of messages', () => {
  const text = sample.replace('timeZone: Asia/Ho_Chi_Minh', 'timeZone: Asia/Hanoi');

  it('is Vietnamese by default and English on request, at the same places', () => {
    const vi = validateCampaign(parseYamlSource(text, 'x.yaml'), { calendar, mode: 'validate', now: NOW });
    const en = validateCampaign(parseYamlSource(text, 'x.yaml'), { calendar, mode: 'validate', now: NOW, lang: 'en' });
    expect(vi.problems.map(({ message: _m, ...place }) => place)).toEqual(
      en.problems.map(({ message: _m, ...place }) => place),
    );
    expect(vi.problems[0].message).toMatch(/^không có múi giờ "Asia\/Hanoi"/);
    expect(en.problems[0].message).toMatch(/^unknown time zone "Asia\/Hanoi"/);
    expect(formatProblem(vi.problems[0])).toMatch(/ lỗi campaign\.timeZone: /);
    expect(formatProblem(en.problems[0], 'en')).toMatch(/ error campaign\.timeZone: /);
  });

  it('is chosen by loadCampaign too, file problems included', () => {
    const missing = path.join(dir, 'khong-co.yaml');
    const vi = loadCampaign(missing, { mode: 'validate' });
    const en = loadCampaign(missing, { mode: 'validate', lang: 'en' });
    expect(!vi.ok && vi.problems[0].message).toMatch(/^không có tệp này/);
    expect(!en.ok && en.problems[0].message).toMatch(/^the file does not exist/);
  });

  it('reads THIDUA_LANG-like values, and says the summary', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('en_US.UTF-8')).toBe('en');
    expect(parseLang('VI')).toBe('vi');
    expect(parseLang('fr')).toBeUndefined();
    expect(parseLang(undefined)).toBeUndefined();
    expect(formatSummary({ errors: 2, warnings: 1 })).toBe('2 lỗi, 1 cảnh báo');
    expect(formatSummary({ errors: 1, warnings: 2 }, 'en')).toBe('1 error, 2 warnings');
  });

  it('has the same messages in both tables, and none left in English in Vietnamese', () => {
    const vi = textsFor('vi');
    const en = textsFor('en');
    expect(Object.keys(vi).sort()).toEqual(Object.keys(en).sort());
    expect(vi.unknownFieldGuess({ key: 'dealine', guess: 'deadline' })).toBe(
      'không có trường "dealine"; có phải ý bạn là "deadline"?',
    );
    // The date reader's English glosses go; its examples stay.
    expect(
      vi.badDate({ error: '"x": không đọc được (not a date). Các cách (accepted forms): 17h (17h00, 17h).' }),
    ).toBe('"x": không đọc được. Các cách: 17h (17h00, 17h).');
  });
});

describe('the file', () => {
  it('may start with a UTF-8 byte order mark', () => {
    expect(decodeUtf8(Buffer.from(`\uFEFF${sample}`))).toEqual({ ok: true, text: sample });
    const good = fs
      .readFileSync(path.join(ROOT, 'test/fixtures/bad-campaigns/08-unknown-field-typo.yaml'), 'utf8')
      .replace('dealine:', 'deadline:');
    const file = write('bom.yaml', `\uFEFF${good}`);
    const loaded = loadCampaign(file, { mode: 'validate', now: NOW, calendar });
    expect(loaded.ok && loaded.warnings).toEqual([]);
  });

  it('must be UTF-8: the first bad byte is placed by line and column', () => {
    const bytes = Buffer.concat([Buffer.from('a: 1\nten: Nguy'), Buffer.from([0xd5, 0x6e]), Buffer.from('\n')]);
    expect(decodeUtf8(bytes)).toMatchObject({ ok: false, line: 2, column: 10, bytes: '0xD5' });
    expect(decodeUtf8(Buffer.from('tên: Nguyễn\n'))).toEqual({ ok: true, text: 'tên: Nguyễn\n' });
  });

  it('names the legacy Vietnamese encoding it looks like', () => {
    // "Ban Thi đua - Khen thưởng" in TCVN3 (ABC): đ 0xAE, ư 0xAD, ở 0xEB.
    expect(
      guessLegacyEncoding(
        Buffer.from([
          ...Buffer.from('Ban Thi '),
          0xae,
          ...Buffer.from('ua - Khen th'),
          0xad,
          0xeb,
          ...Buffer.from('ng'),
        ]),
      ),
    ).toBe('TCVN3 (ABC)');
    // "Sở Nội vụ" in VNI: o + ô(0xF4) + û(0xFB), o + ä(0xE4), u + ï(0xEF).
    expect(
      guessLegacyEncoding(Buffer.from([0x53, 0x6f, 0xf4, 0xfb, 0x20, 0x4e, 0x6f, 0xe4, 0x69, 0x20, 0x76, 0x75, 0xef])),
    ).toBe('VNI');
    // "Sở Nội vụ" in Windows-1258: ơ 0xF5 + hook 0xD2, ô 0xF4 + dot 0xF2, u + dot 0xF2.
    expect(
      guessLegacyEncoding(Buffer.from([0x53, 0xf5, 0xd2, 0x20, 0x4e, 0xf4, 0xf2, 0x69, 0x20, 0x76, 0x75, 0xf2])),
    ).toBe('Windows-1258');
    expect(guessLegacyEncoding(Buffer.from('plain ASCII'))).toBeUndefined();
  });

  it(`is refused, unread, over ${MAX_CAMPAIGN_FILE_BYTES} bytes`, () => {
    const file = write('big.yaml', Buffer.alloc(MAX_CAMPAIGN_FILE_BYTES + 1, 0x20));
    const vi = loadCampaign(file, { mode: 'validate', now: NOW, calendar });
    expect(vi).toEqual({ ok: false, problems: [expect.objectContaining({ severity: 'error', file, path: '' })] });
    expect(!vi.ok && formatProblem(vi.problems[0])).toBe(
      `${file} lỗi: tệp nặng 5 MB; một tệp đợt thi đua không quá 5 MB — có đúng là tệp đợt thi đua không? ` +
        'Đừng chép văn bản vào tệp, hãy đính kèm (attachments)',
    );
    const en = loadCampaign(file, { mode: 'validate', now: NOW, calendar, lang: 'en' });
    expect(!en.ok && en.problems[0].message).toMatch(/^the file is 5 MB; a campaign file is at most 5 MB/);
  });

  it('limits the length of names, titles, emails and phones', () => {
    expect(FIELD_LIMITS).toEqual({ name: 200, title: 500, email: 254, phone: 40 });
    const long = sample.replace('title: Chuyên viên Ban Thi đua - Khen thưởng tỉnh', `title: ${'x'.repeat(501)}`);
    const { problems } = validateCampaign(parseYamlSource(long, 'x.yaml'), { calendar, mode: 'validate', now: NOW });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [
        'campaign.secretariat.contacts[0].title',
        'đoạn chữ này dài 501 ký tự; ở đây chỉ được tối đa 500 ký tự — hãy rút gọn',
      ],
    ]);
  });
});

describe('secretariat contacts as documents give them', () => {
  const office = sample.replace(
    / {4}contacts:\n( {6}.*\n| {8}.*\n)+/,
    [
      '    contacts:',
      '      - division: Văn phòng Ban Thi đua - Khen thưởng tỉnh',
      "        phone: '0211.3862480'",
      "        fax: '0211.3862481'",
      '      - division: Phòng Nghiệp vụ',
      '        email: thiduakhenthuong@vinhphuc.example.vn',
      '',
    ].join('\n'),
  );

  it('an office with phone and fax and no named person is valid', () => {
    const { campaign, problems } = validateCampaign(parseYamlSource(office, 'x.yaml'), {
      calendar,
      mode: 'validate',
      now: NOW,
    });
    expect(problems).toEqual([]);
    expect(campaign?.campaign.secretariat.contacts[0]).toEqual({
      division: 'Văn phòng Ban Thi đua - Khen thưởng tỉnh',
      phone: '0211.3862480',
      fax: '0211.3862481',
    });
    // Messages name the office, with no invented person.
    expect(contactLine('Ban Thi đua - Khen thưởng tỉnh', campaign!.campaign.secretariat.contacts)).toBe(
      'Ban Thi đua - Khen thưởng tỉnh: Văn phòng Ban Thi đua - Khen thưởng tỉnh, ĐT: 0211.3862480, Fax: 0211.3862481; ' +
        'Phòng Nghiệp vụ, thiduakhenthuong@vinhphuc.example.vn',
    );
  });

  it('warns when no contact has an email (the secretariat would be told nothing)', () => {
    const noEmail = office.replace(
      '        email: thiduakhenthuong@vinhphuc.example.vn\n',
      "        phone: '0211.3862482'\n",
    );
    const { campaign, problems } = validateCampaign(parseYamlSource(noEmail, 'x.yaml'), {
      calendar,
      mode: 'validate',
      now: NOW,
    });
    expect(campaign).toBeDefined();
    expect(problems.map((p) => [p.severity, p.path])).toEqual([['warning', 'campaign.secretariat.contacts']]);
  });

  it('a contact naming nobody is refused', () => {
    const nobody = office.replace('      - division: Phòng Nghiệp vụ\n', '      - title: Chuyên viên\n');
    const { problems } = validateCampaign(parseYamlSource(nobody, 'x.yaml'), { calendar, mode: 'validate', now: NOW });
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      [
        'campaign.secretariat.contacts[1]',
        'đầu mối liên hệ này không ghi tên người (name) cũng không ghi phòng, ban (division); hãy ghi một trong hai, ví dụ division: Phòng Thi đua - Khen thưởng',
      ],
    ]);
  });
});

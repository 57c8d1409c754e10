/** The id suggested from a unit's name is always one the campaign format accepts. */
import fc from 'fast-check';
import { UNIT_ID } from '../../../domain/campaign-schema';
import { unitIdFromName } from '../../../sheets/unit-import';

const VOWELS = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const CONSONANTS = [...'bcdđghklmnpqrstvx'];
/** Every Vietnamese letter, both cases, precomposed (NFC) as keyboards write them. */
const LETTERS = [...VOWELS.flatMap((v) => TONES.map((t) => (v + t).normalize('NFC'))), ...CONSONANTS].flatMap((l) => [
  l,
  l.toUpperCase(),
]);
const name = fc
  .array(fc.constantFrom(...LETTERS, ...'0123456789', ' ', ' '), { minLength: 0, maxLength: 120 })
  .map((chars) => chars.join(''));

describe('unitIdFromName', () => {
  it('turns a Vietnamese name into the id a clerk would write', () => {
    expect(unitIdFromName('Sở Nội vụ')).toBe('so-noi-vu');
    expect(unitIdFromName('Đảng ủy Khối các cơ quan tỉnh')).toBe('dang-uy-khoi-cac-co-quan-tinh');
    expect(unitIdFromName('  Huyện uỷ   Lập Thạch ')).toBe('huyen-uy-lap-thach');
    expect(unitIdFromName('Trường THPT số 2')).toBe('truong-thpt-so-2');
  });

  it('always matches UNIT_ID, for any name of Vietnamese letters, digits and spaces', () => {
    fc.assert(
      fc.property(name, (n) => {
        expect(unitIdFromName(n)).toMatch(UNIT_ID);
      }),
      { numRuns: 2000 },
    );
  });

  it('also for decomposed Unicode (Unikey "tổ hợp")', () => {
    fc.assert(fc.property(name, (n) => UNIT_ID.test(unitIdFromName(n.normalize('NFD')))));
  });
});

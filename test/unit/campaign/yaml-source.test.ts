/** Places in YAML text: every field path maps to a line and column, a missing field to its parent. */
import { parseYamlSource } from '../../../domain/yaml-source';

const text = `campaign:
  id: x
  plan: { number: 67-KH/TU, date: 21/9/2009 }
units:
  - id: so-noi-vu
    focal:
      name: A
      email:
phases: []
`;

describe('parseYamlSource', () => {
  const source = parseYamlSource(text, 'c.yaml');

  it('keeps the file name, the text and the plain data', () => {
    expect(source.file).toBe('c.yaml');
    expect(source.syntax).toEqual([]);
    expect(source.data).toEqual({
      campaign: { id: 'x', plan: { number: '67-KH/TU', date: '21/9/2009' } },
      units: [{ id: 'so-noi-vu', focal: { name: 'A', email: null } }],
      phases: [],
    });
  });

  it('places a value, or its key when asked', () => {
    expect(source.locate(['campaign', 'id'])).toEqual({ line: 2, column: 7, exact: true });
    expect(source.locate(['campaign', 'id'], 'key')).toEqual({ line: 2, column: 3, exact: true });
    expect(source.locate(['campaign', 'plan', 'date'])).toEqual({ line: 3, column: 35, exact: true });
    expect(source.locate(['units', 0, 'focal', 'name'])).toEqual({ line: 7, column: 13, exact: true });
  });

  it('places an empty value at its key', () => {
    expect(source.locate(['units', 0, 'focal', 'email'])).toEqual({ line: 8, column: 7, exact: true });
  });

  it('places a missing field at its nearest existing parent', () => {
    expect(source.locate(['units', 0, 'head', 'email'])).toEqual({ line: 5, column: 5, exact: false });
    expect(source.locate(['units', 7, 'id'])).toEqual({ line: 5, column: 3, exact: false });
    expect(source.locate(['title'])).toEqual({ line: 1, column: 1, exact: false });
  });

  it('gives a scalar as written', () => {
    const phone = parseYamlSource('phone: 043.8269552\n', 'p.yaml');
    expect(phone.data).toEqual({ phone: 43.8269552 });
    expect(phone.written(['phone'])).toBe('043.8269552');
    expect(phone.written(['fax'])).toBeUndefined();
  });

  it('turns syntax errors into worded messages with places, and no data', () => {
    const broken = parseYamlSource('a: 1\n\tb: 2\n', 'b.yaml');
    expect(broken.data).toBeNull();
    expect(broken.syntax).toEqual([
      expect.objectContaining({ severity: 'error', line: 2, column: 1, message: expect.stringMatching(/Tab/) }),
    ]);
    const twice = parseYamlSource('a: 1\nb: 2\na: 3\n', 't.yaml');
    expect(twice.syntax).toEqual([
      expect.objectContaining({ line: 3, column: 1, message: expect.stringMatching(/trường "a" được viết hai lần/) }),
    ]);
  });

  it('never throws, even on an alias bomb', () => {
    const bomb =
      'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n';
    const source = parseYamlSource(bomb, 'bomb.yaml');
    expect(source.data).toBeNull();
    // Refused at the alias, in plain words, without expanding it.
    expect(source.syntax).toEqual([
      expect.objectContaining({ severity: 'error', line: 4, column: 5, code: 'aliasBomb' }),
    ]);
    expect(source.syntax[0].message).toMatch(
      /^tham chiếu "\*c" lồng các tham chiếu khác: nội dung sẽ bị chép lại 91 lần/,
    );
    expect(parseYamlSource(bomb, 'bomb.yaml', 'en').syntax[0].message).toMatch(/^the reference "\*c" nests/);
  });

  it('keeps anchors and aliases of ordinary use', () => {
    const source = parseYamlSource('p: &p { name: A, email: a@b.vn }\nq: *p\n', 'a.yaml');
    expect(source.syntax).toEqual([]);
    expect(source.data).toEqual({ p: { name: 'A', email: 'a@b.vn' }, q: { name: 'A', email: 'a@b.vn' } });
  });
});
